"""Bodies named for what they work on: "Council of Advisers on Digital Assets", "Senate
Committee on Banking, Housing, and Urban Affairs", "Task Force on Crypto Assets". The small
model cuts such names at "on" (or misses them); one linear scan joins the body and its
subject into one ORG span. A subject is made of English words ("Banking", "Digital Assets"),
so a body's ruling on a name ("the European Commission on Google") stays two names."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.english_words import english_nouns_and_adjectives
from bot.nlp.lexicon import CALENDAR_WORDS, CRYPTO_TERMS, KNOWN_ORGS

BODY_WORDS = frozenset({"Council", "Committee", "Subcommittee", "Commission", "Group",
                        "Force", "Panel", "Board", "Caucus", "Forum", "Advisers", "Advisors",
                        "Working"})
_SUBJECT_MAX = 8  # tokens of the subject after "on"
_BODY_MAX = 6  # capitalised words of an untagged body before "on"
_JOINERS = frozenset({"and", "&", ",", "of"})
_KNOWN_ORGS = frozenset(KNOWN_ORGS)
_NAMED_THINGS = frozenset({"ORG", "PRODUCT", "FAC", "LAW", "EVENT", "WORK_OF_ART"})


def _capitalised(tok: Token) -> bool:
    """A capitalised word that is no day, month or other date ("the Board on Tuesday")."""
    return tok.is_alpha and (tok.is_title or tok.is_upper) and tok.text not in CALENDAR_WORDS \
        and tok.ent_type_ not in {"DATE", "TIME"}


def _subject_word(tok: Token) -> bool:
    """An English noun or adjective (or a crypto term), not a person's or a place's name."""
    known = tok.lemma_.lower() in english_nouns_and_adjectives() or \
        tok.lower_ in english_nouns_and_adjectives() or tok.text in CRYPTO_TERMS
    return known and tok.ent_type_ not in {"PERSON", "GPE", "NORP", "LOC"} \
        and tok.text not in _KNOWN_ORGS


def _subject_end(doc: Doc, start: int) -> int:
    """End of the capitalised subject from `start` (joiners only between capitalised words;
    a comma only inside a list that "and" closes: "Banking, Housing, and Urban Affairs", not
    "Energy, Secretary of Power X")."""
    end = start
    for k in range(start, min(len(doc), start + _SUBJECT_MAX)):
        tok = doc[k]
        if _capitalised(tok) and _subject_word(tok):
            end = k + 1
        elif _capitalised(tok) or tok.lower_ not in _JOINERS:
            break  # "on Google", "on Gaza": a name, not a subject
    commas = [k for k in range(start, end) if doc[k].text == ","]
    if commas and not any(doc[k].lower_ in {"and", "&"} for k in range(commas[-1], end)):
        end = commas[0]
    return end


def _body_start(doc: Doc, on: int, spans_by_end: dict[int, Span]) -> int | None:
    """Start of the body's name ending right before "on": a model span, or untagged
    capitalised words; None unless one of its words names a body."""
    span = spans_by_end.get(on)
    if span is not None:
        start = span.start if span.label_ in _NAMED_THINGS else None
    else:
        start = on
        while start > 0 and on - start < _BODY_MAX and _capitalised(doc[start - 1]) \
                and not doc[start - 1].is_sent_start:
            start -= 1
    if start is None or start == on:
        return None
    return start if any(t.text in BODY_WORDS for t in doc[start:on]) else None


def join_topic_bodies(doc: Doc, spans: list[Span]) -> list[Span]:
    """`spans` (non-overlapping, in order) with each "<body> on <subject>" joined into one ORG
    span over the spans it covers."""
    by_end = {s.end: s for s in spans}
    joined: list[Span] = []
    for tok in doc:
        if tok.lower_ != "on" or tok.i + 1 >= len(doc) or not _capitalised(doc[tok.i + 1]):
            continue
        start = _body_start(doc, tok.i, by_end)
        end = _subject_end(doc, tok.i + 1)
        if start is not None and end > tok.i + 1 and (not joined or start >= joined[-1].end):
            joined.append(Span(doc, start, end, label="ORG"))  # never over the last join
    if not joined:
        return spans
    covered = {i for s in joined for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return sorted(kept + joined, key=lambda s: s.start)
