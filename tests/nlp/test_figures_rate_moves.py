"""A rate moved by a fraction of a point ("a quarter-point cut", "half a percentage point") is
a move in basis points when the sentence speaks of a rate, else in percentage points; never a
share of something."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The Fed made a quarter-point cut to its policy rate on Wednesday.", 25, "bp"),
    ("The central bank raised rates by a quarter of a percentage point.", 25, "bp"),
    ("The bank cut its benchmark rate by half a percentage point.", 50, "bp"),
    ("Policymakers lowered the rate by a half-point.", 50, "bp"),
    ("Her lead in the poll narrowed by half a point.", 0.5, "pp"),
])
def test_a_fraction_of_a_point_is_a_rate_move(text: str, value: float, unit: str) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == [(value, unit)]


def test_a_quarter_of_something_else_is_still_a_share() -> None:
    assert [(f.value, f.unit) for f in find_figures("A quarter of banks cut rates.")] == [
        (25, "%")]
