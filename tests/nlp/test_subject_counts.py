"""Numbers that count the plural subject of the verb that sets them (bot.nlp.counted)."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer


def _figures(analyzer: Analyzer, text: str) -> list[tuple[float, str, str]]:
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return [(f.value, f.unit, f.kind) for f in analysis.figures]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The watchdog said the number of licensed brokers rose to 214 this year.", 214.0,
     "licensed brokers"),
    ("Registered traders on the platform grew to 2.4 million by March.", 2_400_000.0,
     "registered traders"),
    ("Its members now number about 3,500, the union said.", 3_500.0, "members"),
    ("Approved applications reached 57 after the review.", 57.0, "approved applications"),
    ("The number of licensed kiosks is expected to rise to 8,400 next year.", 8_400.0,
     "licensed kiosks"),
    ("Registered merchants are set to climb from about 900 to 1,500.", 900.0,
     "registered merchants"),
])
def test_a_number_set_by_a_verb_counts_its_plural_subject(analyzer: Analyzer, text: str,
                                                          value: float, unit: str) -> None:
    assert (value, unit, "count") in _figures(analyzer, text)


@pytest.mark.parametrize(("text", "value"), [
    ("Prices rose to 190 after the vote.", 190.0),     # an amount whose unit was left out
    ("Imports fell to 45 in the second quarter.", 45.0),
    ("The bill passed and the measures rose to 2025.", 2025.0),  # a year, not a count
    ("The committee met 12 days after the vote.", 12.0),  # no setting verb
])
def test_no_count_without_a_counted_subject(analyzer: Analyzer, text: str,
                                            value: float) -> None:
    assert not any(v == value and kind == "count" and unit != "days"
                   for v, unit, kind in _figures(analyzer, text))
