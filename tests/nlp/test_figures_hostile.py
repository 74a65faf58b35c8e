"""Issue 12 item 2: figure extraction is linear on hostile text (long tokens, long runs of
near-figures). The test asserts the result; bench/perf/hostile_figures.py shows the time."""

from __future__ import annotations

import pytest

from bench.perf.hostile_text import hostile_cases
from bot.nlp.figures import find_figures

CASES = hostile_cases()


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_finishes(name: str) -> None:
    text, expected = CASES[name]
    assert len(find_figures(text)) == expected
