"""A tokenizer repair run before every other pipe: the full stop of a scale letter glued to a
number ("£25.98m. Badminton England ...") is its own token, so the sentence ends there."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

_SCALE_STOP = re.compile(r"(?:\d[\d.,]*)?(?:[mMkKbB]|bn|BN|tn)\.")  # "25.98m." "5M." "m."


NAME = "pw_scale_stops"


@Language.component(NAME)
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

