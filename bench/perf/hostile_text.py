"""Hostile inputs for figure extraction, made at run time (shared by the test and the bench)."""

from __future__ import annotations


def hostile_cases(scale: int = 1) -> dict[str, tuple[str, int]]:
    """name -> (text, figures expected): long tokens and long runs of near-figures."""
    n = 10_000 * scale
    return {
        "one 30,000-character token": ("x" * 30_000 * scale, 0),
        "a URL with a 30,000-character path": ("see https://a.example/" + "p" * 30_000 * scale, 0),
        "30,000 digits": ("7" * 30_000 * scale, 0),
        "digits and commas": ("1," * 15_000 * scale, 0),
        "digits and dots": ("1." * 15_000 * scale, 0),
        "hyphenated number words": ("one-" * 7_500 * scale, 0),
        "number words": ("one " * 7_500 * scale, 0),
        "percentages": ("1% " * n, n),
        "dollar amounts": ("$1 " * n, n),
        "amounts with scales": ("5 million people " * (n // 2), n // 2),
        "spaces after a number": ("5" + " " * 30_000 * scale + "x", 0),
        "vague scales": ("a few thousand cars " * (n // 2), 0),
        "counts in lists": ("2 and 3 cars " * (n // 2), n),
        "spelled pounds": ("it was 5 pounds. " * (n // 2), n // 2),  # told apart in a window
    }
