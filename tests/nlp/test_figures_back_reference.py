"""A small spelled count of the parties a story already named ("the two countries", "these
three nations") points back at them and is no figure; a count that introduces things stays."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures


@pytest.mark.parametrize("sentence", [
    "Officials met so that the two countries could coordinate their mining rules.",
    "After a long night the two sides agreed on a draft text.",
    "These three nations now hold 5,000 BTC between them.",
])
def test_back_references_are_not_counted(sentence: str) -> None:
    units = {f.unit for f in find_figures(sentence)}
    assert not units & {"countries", "sides", "nations"}


@pytest.mark.parametrize("sentence, unit", [
    ("Two countries signed the reserve pact on Monday.", "countries"),
    ("The regulator fined the three exchanges last week.", "exchanges"),
    ("The 27 member states backed the rules.", "states"),
])
def test_counts_that_introduce_things_stay(sentence: str, unit: str) -> None:
    assert unit in {f.unit for f in find_figures(sentence)}
