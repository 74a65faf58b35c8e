"""A share written as a fraction ("about two-thirds", "less than half", "a fifth of") is a
percentage; a fraction that is a time, a scale or an ordinal is not."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures

SHARES = [  # sentence, value, qualifier, value_high
    ("About two-thirds said they used a tablet at home.", 200 / 3, "about", None),
    ("Attendance was a little over half what it was.", 50, "just over", None),
    ("Three-quarters of the new jobs went abroad.", 75, None, None),
    ("The plant will use imported parts, and three-quarters will come from China.", 75, None,
     None),
    ("Nearly half the money came from the state.", 50, "nearly", None),
    ("Less than half had heard of the scheme.", 50, "less than", None),
    ("Just over half were female.", 50, "just over", None),
    ("Around a fifth of the adults were born abroad.", 20, "around", None),
    ("Two-fifths of the votes went to the opposition.", 40, None, None),
    ("Between a third and a half of the tourists came by air.", 100 / 3, "between", 50),
    ("The index showed a nearly one-third drop.", 100 / 3, "nearly", None),
    ("Shares closed about a third higher.", 100 / 3, "about", None),
    ("More than half the countries in the world joined.", 50, "more than", None),
]


@pytest.mark.parametrize(("text", "value", "qualifier", "high"), SHARES)
def test_a_fraction_is_a_share(text: str, value: float, qualifier: str | None,
                               high: float | None) -> None:
    figures = [f for f in find_figures(text) if f.unit == "%"]
    assert len(figures) == 1, find_figures(text)
    fig = figures[0]
    assert fig.value == pytest.approx(value)
    assert fig.qualifier == qualifier
    assert fig.value_high == (pytest.approx(high) if high is not None else None)
    assert text[fig.start:fig.end] == fig.text


@pytest.mark.parametrize("text", [
    "The second half of the season was better.",
    "He scored just after half-time.",
    "They waited about half an hour.",
    "Profits rose in the third quarter.",
    "She won a third term in office.",
    "It was over half a million.",
    "The deal is worth about half a billion dollars.",
    "The two halves of the party split.",
    "The camp lies approximately one-half miles east of the town.",
    "The tank was about five eighths full.",
])
def test_a_fraction_that_is_not_a_share(text: str) -> None:
    assert [f for f in find_figures(text) if f.unit == "%"] == []


def test_a_scale_stays_a_scale() -> None:
    figures = find_figures("The fund has about half a million members.")
    assert [(f.value, f.unit) for f in figures] == [(5e5, "members")]


def test_number_recognisers_read_a_bare_fraction_as_a_number() -> None:
    figures = find_figures("The number is above one quarter and below a half.", bare_numbers=True)
    assert [f.value for f in figures] == [0.25, 0.5]
