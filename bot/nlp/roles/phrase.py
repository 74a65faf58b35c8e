"""Words of a role: which tokens are title heads, and the role text as written (determiners,
praise and rankings left out, abbreviations written out, plurals made singular)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from bot.nlp.gazetteer import person_nouns
from bot.nlp.lexicon import (
    AGENT_SUFFIXES,
    EVALUATIVE,
    HONORIFIC_WORDS,
    NOT_AGENTS,
    ORG_KINDS,
    POSSESSIVE,
    ROLE_HEADS,
    TITLE_ABBREVIATIONS,
    TITLE_COMPLEMENTS,
    TITLE_ORDINALS,
)

_TITLE_PREFIXES = frozenset({"co", "vice", "non", "ex", "then", "under", "self", "deputy",
                             "chief", "director", "secretary", "attorney", "editor"})
_LEADING = frozenset({"a", "an", "the", "also", "currently", "now", "its", "his", "her",
                      "their", "one", "presently", "then", "several", "some", "many",
                      "various", "numerous", "few", "both", "all"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def is_head(tok: Token) -> bool:
    """A title head noun ("Minister", "CEO", "chair", "Sen.")."""
    low = tok.lower_
    return (low in ROLE_HEADS or _lemma(tok) in ROLE_HEADS or low in TITLE_ABBREVIATIONS
            or (low.endswith("s") and low[:-1] in ROLE_HEADS))


def is_agent(tok: Token) -> bool:
    """A lower-case noun that names a person by what they do ("blogger", "saxophonist",
    "educator"): a title's head when written right before a name."""
    low = tok.lower_
    if is_head(tok):
        return True
    if tok.pos_ not in {"NOUN", "PROPN"} or low in NOT_AGENTS or low in ORG_KINDS:
        return False
    if tok.tag_ == "NNS" and tok.is_lower and _lemma(tok) in person_nouns():
        return True  # "the suspects, X and Y"
    if tok.tag_ not in {"NN", "NNP"}:
        return False
    if low in person_nouns():  # WordNet: "sergeant", "suspect", "nun"
        return tok.is_lower or tok.is_title
    return tok.is_lower and len(low) >= 5 and low.endswith(AGENT_SUFFIXES)


def is_kind(tok: Token) -> bool:
    """An organisation-kind head noun ("exchange", "regulator", "central bank")."""
    return tok.pos_ in {"NOUN", "PROPN"} and (tok.lower_ in ORG_KINDS or _lemma(tok) in ORG_KINDS)


def is_complement(tok: Token) -> bool:
    """A word that may follow a title's head ("General", "II", "-elect")."""
    return tok.lower_ in TITLE_COMPLEMENTS or tok.text in {"-", "–"}


def is_honorific(tok: Token) -> bool:
    """A word of address ("Dr", "Datuk", "Mr.")."""
    return tok.lower_.rstrip(".") in HONORIFIC_WORDS and tok.lower_ not in {"his", "her"}


def _superlative(tokens: Sequence[Token], k: int) -> bool:
    tok = tokens[k]
    if tok.tag_ in {"JJS", "RBS"} or tok.lower_.endswith(("-largest", "-biggest")):
        return True
    return tok.lower_ == "most" and k + 1 < len(tokens) and tokens[k + 1].pos_ == "ADJ"


def _word(tok: Token, singular: bool) -> str:
    abbrev = TITLE_ABBREVIATIONS.get(tok.lower_)
    if abbrev:
        return abbrev
    if singular and tok.tag_ in {"NNS", "NNPS"}:
        lemma = tok.lemma_
        if lemma.lower() == tok.lower_ and tok.lower_.endswith("s"):
            lemma = tok.text[:-1]
        return lemma[:1].upper() + lemma[1:] if tok.text[:1].isupper() else lemma
    return tok.text


def _hyphen_modifier(toks: Sequence[Token], k: int) -> bool:
    """"laser-eyed", "budget-slashing": a hyphenated description of a person, not a title
    word ("co-", "vice-", "non-executive" stay). Tokens: word, "-", word."""
    tok = toks[k]
    if not (tok.is_lower and k + 2 < len(toks) and toks[k + 1].text == "-"
            and not tok.whitespace_ and not toks[k + 1].whitespace_):
        return False
    if k and (toks[k - 1].pos_ == "ADP" or (toks[k - 1].text == "-"
                                             and not toks[k - 1].whitespace_)):
        return False  # "chairman of direct-to-consumer": the portfolio, not a description
    return tok.lower_ not in _TITLE_PREFIXES and not is_head(toks[k + 2])


def _hyphen_end(toks: Sequence[Token], k: int) -> int:
    """Index of the last word of the hyphenated chain that starts at k ("laser-eyed",
    "hard-to-please")."""
    end = k
    while end + 2 < len(toks) and toks[end + 1].text == "-" and not toks[end].whitespace_ \
            and not toks[end + 1].whitespace_:
        end += 2
    return end


_PORTFOLIO_WORDS = 3  # lower-case words of "director of [market oversight] X"


def lower_portfolio(doc: Doc, i: int, lo: int, end: int) -> bool:
    """"director of research X", "executive director of enforcement X": a title's head (at
    i - 1, not before `lo`), "of" at i and at most three lower-case words right up to the name
    at `end`."""
    tail = doc[i + 1:end]
    return i - 1 >= lo and is_head(doc[i - 1]) and doc[i].lower_ == "of" \
        and 0 < len(tail) <= _PORTFOLIO_WORDS and all(
            t.is_lower and t.is_alpha and t.pos_ in {"NOUN", "ADJ"} for t in tail)


def _then_hyphen(toks: Sequence[Token]) -> bool:
    """"then-President": "then" joined to the title says when it was held (like "former")."""
    return toks[0].lower_ == "then" and len(toks) > 2 and toks[1].text == "-" \
        and not toks[0].whitespace_ and not toks[1].whitespace_


def role_text(tokens: Sequence[Token], singular: bool = False, person: bool = False) -> str:
    """The role as written, from the tokens kept for it ("the world's largest crypto exchange"
    -> "crypto exchange"). `singular` turns a plural head into its singular; for a `person`,
    hyphenated descriptions ("laser-eyed president") are left out too."""
    toks = list(tokens)
    while toks and ((toks[0].lower_ in _LEADING and not _then_hyphen(toks))
                    or toks[0].is_punct or (
            toks[0].like_num and not (toks[0].lower_ in TITLE_ORDINALS and toks[0].is_title
                                        and len(toks) > 1))):
        toks = toks[1:]
    kept: list[Token] = []
    skip_to = -1
    for k, tok in enumerate(toks):
        if k <= skip_to:
            continue
        if person and _hyphen_modifier(toks, k):
            skip_to = _hyphen_end(toks, k)
            continue
        evaluative = tok.is_lower and tok.lower_ in EVALUATIVE and k < len(toks) - 1 and not (
            person and tok.lower_ == "top")  # "top aide", "top diplomat": a rank in the title
        if tok.text in POSSESSIVE or evaluative or _superlative(toks, k):  # "giant" as the
            # head ("e-commerce giant") is the description, as a modifier it only praises
            continue
        if tok.text in {"(", ")"} or (k and toks[k - 1].text == "(" and tok.is_upper):
            continue  # "(SAPM)": an acronym in brackets
        if tok.lower_ == "most" or (tok.lower_ == "world" and k + 1 < len(toks)
                                    and toks[k + 1].text in POSSESSIVE):
            continue
        kept.append(tok)
    while kept and (kept[-1].is_punct or kept[-1].lower_ in {"and", "of", "the", "for", "at"}):
        kept.pop()
    while kept and kept[0].lower_ in {"and", "of", "the", "-"}:
        kept.pop(0)
    out = ""
    for k, tok in enumerate(kept):
        last = k == len(kept) - 1
        out += _word(tok, singular and last)
        gap = not last and tok.i + 1 != kept[k + 1].i and tok.text != "-"
        if not last and (bool(tok.whitespace_) or gap):
            out += " "
    return " ".join(out.split())


def has_head(tokens: Sequence[Token]) -> bool:
    """Some token is a title head."""
    return any(is_head(t) for t in tokens)
