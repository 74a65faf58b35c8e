"""An outlet someone speaks to or on ("told Reuters", "said on CNBC", "in an interview with
the BBC") reports a story; it owns none of its figures. Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.figure_helpers import subjects_by_text

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "outlet"), [
    ('"We expect sales of $40 million this year," chief executive Dana Ruiz told Reuters.',
     "Reuters"),
    ('"It was down well over 60%," analyst Chris Maley said on CNBC on Monday.', "CNBC"),
    ("In an interview with Bloomberg, the trader said volumes grew 30%.", "Bloomberg"),
    ('"Sales slumped," analyst Ann Lee said on CNBC. "It lost well over 60% this year."',
     "CNBC"),  # "it" does not refer to the outlet either
])
def test_an_outlet_spoken_to_owns_no_figure(analyzer: Analyzer, text: str,
                                             outlet: str) -> None:
    found = subjects_by_text(analyzer, text)
    assert found and outlet not in found.values()


def test_an_outlet_that_is_the_story_keeps_its_figures(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, "Reuters cut 300 jobs in London, the agency said.")
    assert found.get("300 jobs") == "Reuters"


def test_an_exchange_listing_in_brackets_owns_no_figure(analyzer: Analyzer) -> None:
    found = subjects_by_text(analyzer, (
        "Stocks were mixed on Monday. The Home Depot Inc. (NYSE: HD) traded up 0.87%. "
        "Cisco Systems Inc. (NASDAQ: CSCO) fell 1.2%. Boeing Co. (NYSE: BA) slipped. "
        "Volume was about 50% below the daily average."))
    assert found and not {"NYSE", "NASDAQ"} & set(found.values())


@pytest.mark.parametrize(("text", "figure", "subject"), [
    ("Bhutan has mined bitcoin since 2019. Data from Arkham Intelligence shows 12,000 BTC in "
     "government wallets.", "12,000 BTC", "Bhutan"),
    ("El Salvador keeps buying bitcoin. A report from Arkham Intelligence shows holdings of "
     "6,100 BTC.", "6,100 BTC", "El Salvador"),
])
def test_whoever_publishes_the_data_owns_none_of_it(analyzer: Analyzer, text: str,
                                                    figure: str, subject: str) -> None:
    """"Data / a report from X": X is a source, as in "according to X"."""
    assert subjects_by_text(analyzer, text).get(figure) == subject
