"""Bounds on what the NLP pipeline reads, so hostile text costs linear time and bounded memory.

Every article is cut to `MAX_TEXT_CHARS` characters and `MAX_WORDS` words after cleaning. Why
those numbers: policy articles run 2,000-20,000 characters (300-3,000 words); 8,000 words (a
long report) keep the whole pipeline near 2 s of CPU on one core and about 200 MB above the
loaded model (measured on "1 2 3 ...", "1% 1% ..." and repeated-sentence pages), inside the
5 s budget per page, and far below spaCy's own 1,000,000-character limit (error E088). Runs of
one repeated punctuation mark are cut to three ("''" costs spaCy's tokenizer quadratic
time; "...." reads the same as "..."), tokens longer than `MAX_TOKEN_CHARS` are cut (no word,
number or URL worth reading is longer), and sentences and the figures in one sentence are
capped. Each bound is one pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_TEXT_CHARS = 60_000
MAX_WORDS = 8_000  # short "words" ("1 2 3 ...") make many tokens from few characters
MAX_TOKEN_CHARS = 120
MAX_RUN = 3  # a punctuation mark repeated more often than this is cut to this many
MAX_FIGURES_PER_SENTENCE = 60  # a table row or a hostile "1% 1% 1% ..." past this is skipped
MAX_SENTENCE_TOKENS = 250  # longer "sentences" are broken (lists, tables, run-ons)
# Either problem present? (fixed repetitions: linear time.)
_WORD = re.compile(r"\S+")
_SUSPECT = re.compile(rf"([^\w\s])\1\1\1|\S{{{MAX_TOKEN_CHARS + 1}}}")


MAX_RAW_CHARS = 4 * MAX_TEXT_CHARS  # read before cleaning (boilerplate lines go first)


def prepared(text: str, clean: Callable[[str], str]) -> str:
    """The text the pipeline reads: raw text cut to MAX_RAW_CHARS, cleaned, then bounded."""
    return bound_text(clean(text[:MAX_RAW_CHARS]))


def _first_words(text: str, limit: int) -> str:
    """`text` up to its `limit`-th whitespace-separated word."""
    if text.count(" ") + text.count("\n") < limit:
        return text
    for n, m in enumerate(_WORD.finditer(text), 1):
        if n == limit:
            return text[: m.end()]
    return text


def bound_text(text: str) -> str:
    """`text` cut to the limits above, in one pass; ordinary prose comes back unchanged."""
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
        text = text[: cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS]
    text = _first_words(text, MAX_WORDS)
    if _SUSPECT.search(text) is None:
        return text
    out: list[str] = []
    run_char, run, token = "", 0, 0
    for ch in text:
        if ch.isspace():
            token = 0
            run_char, run = "", 0
            out.append(ch)
            continue
        token += 1
        if token > MAX_TOKEN_CHARS:
            continue
        if ch == run_char and not ch.isalnum():
            run += 1
            if run > MAX_RUN:
                continue
        else:
            run_char, run = ch, 1
        out.append(ch)
    return "".join(out)
