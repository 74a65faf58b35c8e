"""Acceptance: figures, summary and cleaning on both seed articles."""

from __future__ import annotations

import pytest

from bot.domain.models import Analysis, Figure

pytestmark = pytest.mark.spacy

EXPECTED = [  # value, unit, qualifier, subject, measure (None = not checked)
    (6240, "BTC", "more than", "El Salvador", "BTC holdings"),
    (745e6, "USD", None, "El Salvador", None),
    (350e6, "USD", "over", "El Salvador", "profit"),
    (2000, "MW", None, "Pakistan", "surplus electricity"),
    (25e9, "USD", None, "Pakistan", "crypto economy"),
    (20e6, "people", "up to", "Pakistan", "digital asset holders"),
]


def _figure(analysis: Analysis, value: float, unit: str) -> Figure:
    for fig in analysis.figures:
        if fig.value == value and fig.unit == unit:
            return fig
    raise AssertionError(f"no {value} {unit} in {[(f.value, f.unit) for f in analysis.figures]}")


@pytest.mark.parametrize(("value", "unit", "qualifier", "subject", "measure"), EXPECTED)
def test_seed_figures(seed_analysis: Analysis, value: float, unit: str, qualifier: str | None,
                      subject: str, measure: str | None) -> None:
    fig = _figure(seed_analysis, value, unit)
    assert fig.qualifier == qualifier
    assert fig.subject == subject
    if measure is not None:
        assert fig.measure == measure
    assert fig.text in fig.sentence


def test_power_figure_kind(seed_analysis: Analysis) -> None:
    assert _figure(seed_analysis, 2000, "MW").kind == "power"


def test_summary_is_three_whole_content_sentences(seed_analysis: Analysis) -> None:
    summary = seed_analysis.summary
    assert len(summary) == 3
    positions = [seed_analysis.sentences.index(s) for s in summary]
    assert positions == sorted(positions)
    for sentence in summary:
        assert sentence[-1] in ".!?”\""
        assert "Conclusion" not in sentence and "Also Read" not in sentence


def test_headings_and_boilerplate_are_not_sentences(seed_analysis: Analysis) -> None:
    text = " ".join(seed_analysis.sentences)
    assert "Also Read" not in text and "Elizabeth Warren" not in text
    assert "Bitcoin Strategy Cemented" not in text
    assert "Conclusion" not in seed_analysis.sentences
