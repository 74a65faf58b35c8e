"""Entity span repairs: names that are units or bill numbers, names glued to a neighbour, and
programme names (CBDCs). Pure functions of a span and its doc; `bot.nlp.model` applies them.
"""

from __future__ import annotations

import re
from typing import Literal

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from bot.nlp.gazetteer import gazetteer, person_nouns
from bot.nlp.lexicon import (
    ADDRESS_BEFORE_NAME,
    CALENDAR_WORDS,
    CRYPTO_TERMS,
    DEMONYMS,
    ORG_KINDS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PERSON_ROLES,
    POST_NOMINALS,
    PROGRAMME_NAMES,
    TITLES,
)
from bot.nlp.name_runs import bare_name_before

# Unit symbols and tickers written after numbers: never names.
UNIT_WORDS = frozenset({
    "MW", "GW", "kW", "KW", "TW", "W", "kWh", "KWh", "MWh", "GWh", "TWh", "Wh", "EH/s", "PH/s",
    "TH/s", "EH", "TH", "PH", "km", "km2", "km²", "ha", "bbl", "bps", "bp", "pp", "BTC", "ETH",
    "sats", "sat", "USDT", "USDC", "mn", "bn", "tn", "m",
})
# US-style bill prefixes ("SB 21", "HB 4488", "H.R. 3633").
BILL_PREFIXES = frozenset({"HB", "SB", "AB", "LB", "HR", "H.R.", "S.", "SF", "HF", "LD", "HJR",
                           "SJR", "HCR", "SCR", "HJ", "SJ", "H.B.", "S.B.", "A.B."})
# Lower-case words that may sit inside a name; any other lower-case word ends or starts one.
CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "la", "le",
                        "da", "do", "dos", "das", "del", "van", "von", "der", "den", "bin",
                        "binti", "al", "el", "y", "e", "&", "-", "–", "'s", "’s", "at", "ng"})
# Titles and honorifics written before a name; spaCy sometimes puts them inside PERSON spans.
HONORIFIC_WORDS = frozenset({
    *(t for t in TITLES if " " not in t), "POTUS", "FLOTUS", "Datuk", "Dato", "Dato'",
    "Datin", "Seri", "Tun", "Tunku", "Tengku", "Sir", "Dame", "Lord", "Lady",
    "Sheikh", "Shaikh", "Alhaji", "Haji", "Gov.", "Gen.", "Prof.", "Professor", "Rev.",
    "Deputy", "Chief", "Former", "Acting", "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof",
})  # British style writes "Mr", "Mrs", "Dr" without the stop
_PROGRAMMES_LOWER = frozenset(n.lower() for n in PROGRAMME_NAMES)
_E_PREFIX = re.compile(r"e[A-Z][a-z]{2,12}")


def is_unit(span: Span) -> bool:
    """A unit symbol or ticker standing alone ("MW", "kWh", "BTC")."""
    return span.text in UNIT_WORDS or span.text.lower() in {"kwh", "mwh", "gwh", "twh"}


def bill_span(span: Span) -> Span | Literal[False] | None:
    """"SB 21" as a LAW span; False when the span is no bill; None to drop a bare prefix."""
    doc = span.doc
    first = span[0]
    if first.text not in BILL_PREFIXES:
        return False
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    if nxt is not None and re.fullmatch(r"\d{1,5}", nxt.text):
        return Span(doc, first.i, first.i + 2, label="LAW")
    return None if len(span) == 1 else False


# Title heads a government portfolio is written before ("Energy Minister", "Finance Ministers").
_PORTFOLIO_HEADS = frozenset({"Minister", "Ministers", "Minister's", "Minister’s"})


def is_portfolio(span: Span) -> bool:
    """"Energy" of "Deputy Energy Minister X": capitalised ordinary words right before a
    minister's title are the title's portfolio, not an organisation (an acronym or a word of an
    organisation's kind, "Bank", "Commission", keeps the span a name); so is the first of two
    coordinated portfolios ("Rural" of "Rural and Regional Development Minister")."""
    doc = span.doc
    if span.label_ not in {"ORG", "PERSON"}:
        return False
    end = coordinated_end(span) or span.end
    if end >= len(doc) or doc[end].text not in _PORTFOLIO_HEADS:
        return False
    if span.label_ == "PERSON" and end == span.end:
        return False  # "Finance Minister" after a name is the person's title
    return all(t.is_title and t.is_alpha and t.lower_ not in ORG_KINDS for t in span)


def adjective_name(span: Span) -> bool:
    """One word the tagger reads as an adjective modifying the noun after it, which the model
    called a place or a person ("two Paralympic sports"): places and people are nouns, and a
    demonym or a place the gazetteer knows is typed by other rules."""
    tok = span[0]
    return len(span) == 1 and span.label_ in {"GPE", "LOC", "PERSON"} and tok.tag_ == "JJ" \
        and tok.dep_ == "amod" and tok.head.i > tok.i and tok.text not in DEMONYMS \
        and tok.text not in gazetteer().countries and tok.text not in gazetteer().subdivisions


_COORDINATED_MAX = 4  # capitalised words after "and" in "X and Y Z <Head>"
# Heads that end a name of two coordinated parts ("Rural and Regional Development Ministry").
_COORDINATED_HEADS = frozenset({
    "Ministry", "Department", "Commission", "Authority", "Agency", "Council", "Committee",
    "Board", "Office", "Bureau", "Institute", "Corporation", "Association", "Bank", "Service",
    "Services", "Directorate", "Secretariat", "Federation", "Union", "Fund", "Court",
    "Foundation", "Trust",
    *_PORTFOLIO_HEADS,
})


def coordinated_end(span: Span) -> int | None:
    """Index of the head of "X and Y <Head>" when the span is X ("Rural" + "and Regional
    Development" + "Ministry"): capitalised words only, at most a few; else None."""
    doc = span.doc
    if not 1 <= len(span) <= 3 or span.end + 2 >= len(doc) or \
            doc[span.end].lower_ not in {"and", "&"}:
        return None
    if not all(t.is_title and t.is_alpha for t in span):
        return None
    if span.label_ == "PERSON" and len(span) > 1:
        return None  # "Kenneth Clarke and Prime Minister John Major": two people
    for k in range(span.end + 1, min(len(doc), span.end + 2 + _COORDINATED_MAX)):
        tok = doc[k]
        if tok.text in _COORDINATED_HEADS and k > span.end + 1:
            after = doc[k + 1] if k + 1 < len(doc) else None
            return None if after is not None and after.is_title else k  # "... Minister X"
        if not (tok.is_title and tok.is_alpha):
            return None
    return None


def coordinated_org(span: Span) -> Span:
    """"Rural" of "Rural and Regional Development Ministry" -> the whole name, as ORG; the
    model often stops at "and". A place or a people ("Trinidad", "Swedish") is left alone."""
    if span.label_ in {"GPE", "NORP", "LOC"}:
        return span
    doc = span.doc
    if span.label_ == "ORG" and span.end + 1 < len(doc) and doc[span.end + 1].ent_iob_ == "B" \
            and doc[span.end + 1].ent_type_ == "ORG":
        return span  # "Infosys and Amazon Web Services": two names the model found whole
    end = coordinated_end(span)
    if end is None or span.doc[end].text in _PORTFOLIO_HEADS:
        return span
    return Span(span.doc, span.start, end + 1, label="ORG")


def programme(span: Span) -> Span | None:
    """The programme or CBDC name a span holds or is part of ("e-CNY", "eNaira", "retail
    digital rupee" -> "digital rupee", "Jam-Dex"), as PRODUCT; None when it holds none."""
    doc = span.doc
    start, end = span.start, span.end
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "e":
        start -= 2
    if start >= 1 and doc[start - 1].lower_ == "digital":
        start -= 1
    text = doc[start:end].text
    if text in PROGRAMME_NAMES or text.lower() in _PROGRAMMES_LOWER:
        return Span(doc, start, end, label="PRODUCT")
    g = gazetteer()
    words, codes = g.currency_words, g.currency_codes
    for i in range(start, end):
        low = doc[i].lower_
        if low == "e" and i + 2 < len(doc) and i + 2 <= end + 1 and doc[i + 1].text == "-" \
                and (doc[i + 2].lower_ in words or doc[i + 2].text in codes):
            return Span(doc, i, i + 3, label="PRODUCT")
        if low == "digital" and i + 1 < end and doc[i + 1].lower_ in words:
            return Span(doc, i, i + 2, label="PRODUCT")
        if _E_PREFIX.fullmatch(doc[i].text) and low[1:] in words:
            return Span(doc, i, i + 1, label="PRODUCT")
    return None


def _spaced_dash(tok: Token, span: Span) -> bool:
    """A dash with space on both sides ("LAGOS - Nigeria's ..."): a break, never inside a name
    (a hyphen inside one is written without spaces, "Guinea-Bissau")."""
    return tok.text in {"-", "–", "—"} and tok.i > span.start and bool(tok.whitespace_) \
        and bool(span.doc[tok.i - 1].whitespace_)


def split_glued(span: Span) -> list[Span]:
    """Pieces of a name glued to its neighbours: a demonym and an acronym ("Ghanaian SEC");
    split at commas, at a spaced dash, at a possessive inside it ("George Mason University's
    Mercatus Center"), at a sentence the parser did not split, and around lower-case words not
    name connectors ("Bitcoin through Druk Holding", "Crypto exchange KuCoin")."""
    doc = span.doc
    if len(span) == 2 and span[0].text in DEMONYMS and span[1].is_upper and \
            span[1].is_alpha and 2 <= len(span[1]) <= 6:  # "Ghanaian SEC": where, then who
        return [Span(doc, span.start, span.start + 1, label=span.label_),
                Span(doc, span.start + 1, span.end, label=span.label_)]
    pieces: list[tuple[int, int]] = []
    begin = span.start
    for tok in span:
        hyphened = tok.i > span.start and doc[tok.i - 1].text in {"-", "‑"} \
            and not doc[tok.i - 1].whitespace_  # "Cha Gyu-geun"
        cut = tok.text in {",", ";"} or _own_possessive(tok) or _spaced_dash(tok, span) or (
            tok.is_lower and tok.is_alpha and tok.lower_ not in CONNECTORS
            and tok.i > span.start and not hyphened) or _new_sentence(tok, span)
        if cut and tok.i > begin:
            pieces.append((begin, tok.i))
        if cut:
            begin = tok.i + 1
    if begin == span.start:
        return [span]
    pieces.append((begin, span.end))
    out = []
    for a, b in pieces:
        while a < b and (doc[a].is_punct or doc[a].lower_ in CONNECTORS):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].lower_ in CONNECTORS):
            b -= 1
        if b > a and any(t.text[:1].isupper() for t in doc[a:b]):
            out.append(Span(doc, a, b, label=span.label_))
    return out


# Plural nouns whose possessive opens a name ("People's Bank of China", "Women's Institute").
_PLURAL_OWNERS = frozenset({"people", "women", "children", "men", "workers", "farmers"})


def _own_possessive(tok: Token) -> bool:
    """A possessive that ends a name inside the span ("George Mason University's Mercatus
    Center"), not one that belongs to it ("People's Power")."""
    return tok.text in {"’s", "'s"} and not (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ in _PLURAL_OWNERS)


def _new_sentence(tok: Token, span: Span) -> bool:
    """"on X. The Salvadoran ...": a capitalised article after a full stop starts a sentence
    the parser did not split; no name runs across it."""
    doc = span.doc
    return tok.i > span.start and tok.text in {"The", "A", "An"} and \
        doc[tok.i - 1].text.endswith(".")


def strip_titles(span: Span) -> Span:
    """"POTUS Donald Trump" -> "Donald Trump", "Sergeant Amy Ward" -> "Amy Ward": titles
    written before a name are not the name. A capitalised person noun ("Sergeant") goes only
    when it opens the span and two words are left, so "Hunter Biden" and "Datuk Seri Amir
    Hamzah" keep their given names. Letters after the name go too ("Stephen Kramer QC")."""
    start, end, doc = span.start, span.end, span.doc
    if end - start > 2 and doc[start].is_title and doc[start].lower_ in person_nouns():
        start += 1
    while start < end - 1 and doc[start].text in HONORIFIC_WORDS:
        start += 1
    while end - start > 2 and doc[end - 1].text in POST_NOMINALS:
        end -= 1
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def post_nominal(span: Span) -> bool:
    """Letters written right after a person's name, split from it by the model ("Keir Starmer
    [KC]"): no entity of their own."""
    doc = span.doc
    return len(span) == 1 and span.text in POST_NOMINALS and span.start > 0 and \
        doc[span.start - 1].ent_type_ == "PERSON"


def no_person(span: Span) -> bool:
    """Titles only ("Datuk Seri", "Surgeon Dr" before the name), or a month or weekday no full
    name holds ("April Ryan")."""
    if span.label_ != "PERSON":
        return False
    if all(t.text in HONORIFIC_WORDS for t in span):
        return True
    if len(span) >= 2 and span[-1].lower_.rstrip(".") in ADDRESS_BEFORE_NAME and all(
            t.is_title and t.lower_ in person_nouns() for t in span[:-1]):
        return True  # "Surgeon Dr" cut from "Surgeon Dr Shafi Ahmed": a title, no person
    text = span.text
    return len(span) == 1 and text in CALENDAR_WORDS and not any(
        e.label_ == "PERSON" and len(e) > 1 and text in e.text.split() for e in span.doc.ents)


def known_prefix_split(span: Span, known: set[str]) -> list[Span]:
    """"AIFC Kairat Kelimbetov" -> ORG "AIFC" + PERSON "Kairat Kelimbetov": an organisation
    span that ends in a person's name after a known name (an acronym, a country, another entity),
    when a role written before it ("the governor of the ...") or a later bare surname says so."""
    doc = span.doc
    if span.label_ != "ORG" or len(span) < 3:
        return [span]
    places = gazetteer().countries
    for cut in range(span.end - 2, span.start, -1):
        head, tail = doc[span.start:cut], doc[cut:span.end]
        if not (head.text in known or head.text in places
                or any(doc[k:cut].text in places or doc[k:cut].text in known
                       for k in range(span.start, cut))):
            continue
        if len(tail) > 3 or not all(_name_word(t) for t in tail):
            continue
        before = doc[max(0, span.start - 3):span.start]
        role_before = any(t.lower_ == "of" for t in before) and any(
            t.lower_.rstrip("s") in _ROLE_NOUNS for t in before)
        surname = tail[-1].text
        reused = any(t.text == surname for t in doc if not span.start <= t.i < span.end)
        if role_before or reused:
            return [Span(doc, span.start, cut, label="ORG"), Span(doc, cut, span.end,
                                                                  label="PERSON")]
    return [span]


def _name_word(tok: Token) -> bool:
    """A word that may be part of a person's name (not "Council", not "Bitcoin")."""
    return ((tok.is_title and tok.is_alpha) or "-" in tok.text) and tok.text not in ORG_SUFFIXES \
        and tok.text not in CRYPTO_TERMS and tok.lower_ not in ORG_NOUNS


_ROLE_NOUNS = frozenset({"governor", "head", "chair", "chairman", "chairwoman", "president",
                         "director", "minister", "chief", "ceo", "founder", "secretary",
                         "commissioner", "deputy", "spokesperson", "spokesman", "member"})


def merge_overlaps(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, longer first where two overlap, in document order."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


CHAMBERS = frozenset({"House", "Senate", "Assembly", "Parliament", "Congress", "Legislature",
                      "Duma", "Majlis", "Diet"})


def join_chambers(spans: list[Span]) -> list[Span]:
    """A place followed at once by a chamber is that chamber: GPE "Arizona" + ORG "House" ->
    ORG "Arizona House" (the bare "House" would stand for every state's and country's)."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "GPE" and span.label_ in {"ORG", "FAC"} \
                and prev.end == span.start and span[0].text in CHAMBERS:
            out[-1] = Span(span.doc, prev.start, span.end, label="ORG")
            continue
        out.append(span)
    return out


MAX_UNTAGGED_NAME = 4  # tokens of a person's name the model left untagged
_APPOSITION_GAP = 4  # words between the comma and the title's head ("the acting deputy ...")
_GAP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PUNCT"})


def _untagged_name_word(tok: Token) -> bool:
    """A capitalised proper noun that may be a word of a person's name."""
    return _name_word(tok) and tok.pos_ == "PROPN" and tok.lower_ not in STOP_WORDS \
        and tok.text not in HONORIFIC_WORDS and tok.lower_ not in PERSON_ROLES \
        and gazetteer().countries.get(tok.text) is None


def _title_follows(doc: Doc, comma: int) -> bool:
    """", the director-general of ...", ", executive director of ...": a person's title
    follows the comma at token `comma`, after at most a few modifiers."""
    for k in range(comma + 1, min(len(doc), comma + 2 + _APPOSITION_GAP)):
        tok = doc[k]
        if tok.is_lower and tok.pos_ in {"NOUN", "PROPN"} and (
                tok.lower_ in PERSON_ROLES or tok.lemma_ in PERSON_ROLES):
            return True
        if tok.pos_ not in _GAP_POS or tok.text in {",", ";", ".", "(", ")"}:
            return False
    return False


def titled_people(doc: Doc, covered: set[int]) -> list[Span]:
    """People the model left untagged whose title follows them in apposition ("Bo Hines,
    executive director of ..."; "Emeka Obi, the director-general of ..."): two to four
    capitalised proper nouns, no entity's tokens, right before ", <title>"."""
    out: list[Span] = []
    for comma in doc:
        if comma.text != "," or not _title_follows(doc, comma.i):
            continue
        start = bare_name_before(doc, comma.i, covered, (2, MAX_UNTAGGED_NAME),
                                 _untagged_name_word)
        if start is not None:
            out.append(Span(doc, start, comma.i, label="PERSON"))
    return out
