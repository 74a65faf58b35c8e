"""Where sentences break, set before the parser runs: the full stop of a scale letter glued to
a number ("£25.98m. Badminton England ...") is split into its own token first, and a line
break always starts a sentence (`line_breaks`)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.bounds import MAX_SENTENCE_TOKENS

_SCALE_STOP = re.compile(r"(?:\d[\d.,]*)?(?:[mMkKbB]|bn|BN|tn)\.")  # "25.98m." "5M." "m."


SCALE_STOPS = "pw_scale_stops"
LINE_BREAKS = "pw_line_breaks"


@Language.component(SCALE_STOPS)
def scale_stops(doc: Doc) -> Doc:
    """"cut to £25.98m. Badminton England ...": the tokenizer reads "m." after a number as an
    abbreviation, so the sentence never ends there and "m." opens the next one. The full stop
    of a scale letter glued to a number ("£25.98m.", "£5M.") is split off when a space follows."""
    cuts = [tok for tok in doc
            if tok.whitespace_ and _SCALE_STOP.fullmatch(tok.text) and (
                tok.text[0].isdigit() or (tok.i > 0 and doc[tok.i - 1].like_num
                                          and not doc[tok.i - 1].whitespace_))]
    if cuts:
        with doc.retokenize() as retokenizer:
            for tok in cuts:
                retokenizer.split(tok, [tok.text[:-1], "."], heads=[(tok, 1), (tok, 1)],
                                  attrs={})
    return doc


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """A line break always starts a new sentence (headings and paragraphs never merge), and
    no sentence runs past MAX_SENTENCE_TOKENS (a table or a hostile run-on is broken up, so
    work per sentence stays bounded)."""
    since = 0
    for i, tok in enumerate(doc[:-1]):
        since += 1
        if (tok.is_space and "\n" in tok.text) or since >= MAX_SENTENCE_TOKENS:
            doc[i + 1].is_sent_start = True
            since = 0
    return doc
