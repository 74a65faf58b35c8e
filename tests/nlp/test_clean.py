"""Boilerplate removal (no spaCy)."""

from __future__ import annotations

import pytest

from bot.nlp.clean import clean_text, content_lines, is_boilerplate, is_heading


@pytest.mark.parametrize("line", [
    "Also Read: Some Other Story About Regulators",
    "Read more: what the bill says",
    "Related: Markets rally on news",
    "Share on Twitter",
    "Facebook Twitter LinkedIn",
    "Photo: A miner at work in a facility.",
    "Advertisement",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(("line", "heading"), [
    ("Conclusion", True),
    ("Bitcoin Strategy Cemented in New Diplomatic Ties", True),
    ("The central bank said it would review the rules.", False),
    ("“We will move ahead,” the minister said.", False),
])
def test_headings(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_clean_keeps_content_in_order() -> None:
    text = ("First paragraph ends here.\nA Section Title\nSecond paragraph ends here.\n"
            "Also Read: Another Story\n")
    assert content_lines(text) == ["First paragraph ends here.", "Second paragraph ends here."]


def test_hard_wrapped_paragraph_is_joined_not_dropped() -> None:
    text = ("Regulators in the capital said on Monday that the new licensing regime for\n"
            "exchanges would start next year.\n\nConclusion\n")
    assert clean_text(text) == ("Regulators in the capital said on Monday that the new licensing "
                                "regime for exchanges would start next year.")


def test_bullets_are_stripped() -> None:
    assert content_lines("  • The reserve holds coins.\n") == ["The reserve holds coins."]
