"""Place cues: whether a name the model called a person or an organisation is a place.

The gazetteer's countries and states (`place_name`), GeoNames towns written where places are
("offices in Albuquerque", "Mumbai, Lucknow and Kochi", "Albuquerque, New Mexico"), and a name
the model itself calls a place in another mention of the article (`agree_places`).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from bot.nlp.gazetteer import cities, gazetteer, regions
from bot.nlp.lexicon import (
    CLUB_WORDS,
    COMPANY_WORDS,
    COUNTRY_ALIASES,
    PARTY_WORDS,
    PERSON_SPEECH_VERBS,
    POSSESSIVE,
)

LOCATIVE = frozenset({"in", "near", "across", "outside", "throughout", "around"})
_PLACE_CUES = LOCATIVE | {"from", "to", "at", "of"}


def place_name(text: str) -> str | None:
    """The canonical country or state a surface form names, if any."""
    g = gazetteer()
    if text in g.countries:
        return g.countries[text]
    if text in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[text]
    return text if text in g.subdivisions else None


_STATE_STYLES = ("State of ", "state of ", "Commonwealth of ")


def styled_state(text: str) -> str | None:
    """The state a formal style names: "State of New York" and "Commonwealth of Kentucky" are
    New York and Kentucky (not "Ohio State", which may be a university)."""
    subdivisions = gazetteer().subdivisions
    for style in _STATE_STYLES:
        if text.startswith(style) and text[len(style):] in subdivisions:
            return text[len(style):]
    return None


def speaks(span: Span) -> bool:
    """Some mention of the name in the doc says or tells something ("Warren said"): a person."""
    last = span[-1].text
    return any(t.text == last and t.dep_ == "nsubj" and t.head.lemma_ in PERSON_SPEECH_VERBS
               for t in span.doc)


def _is_place_word(tok: Token) -> bool:
    """A word of a place the model or the gazetteer knows (another town's name alone is not
    enough: "Tottenham and Chelsea" are clubs)."""
    return tok.ent_type_ in {"GPE", "LOC"} or place_name(tok.text) is not None


# Between list members: commas, "and", "or", and the "]" of a footnote mark ("Changsha[8],").
_SEPARATORS = frozenset({",", "and", "or", "]"})
_LIST_MAX = 12  # members looked at on each side of a name in a list


def _neighbour(doc: Doc, i: int, step: int) -> tuple[Span | None, int]:
    """The list member before (step -1) or after (+1) the separators at token i: a model
    entity or a capitalised word; and the index past it."""
    seps = 0
    while 0 <= i < len(doc) and doc[i].lower_ in _SEPARATORS:
        i, seps = i + step, seps + 1
    if not seps or not 0 <= i < len(doc) or not doc[i].text[:1].isupper():
        return None, i
    a = b = i
    if doc[i].ent_type_:
        while a > 0 and doc[a].ent_iob_ == "I":
            a -= 1
        while b + 1 < len(doc) and doc[b + 1].ent_iob_ == "I":
            b += 1
    member = doc[a:b + 1]
    return member, (a - 1 if step < 0 else b + 1)


def _list_members(span: Span) -> list[Span]:
    """The other names of a list the span is in ("Mumbai, Lucknow and Kochi")."""
    out: list[Span] = []
    for step, i in ((-1, span.start - 1), (1, span.end)):
        for _ in range(_LIST_MAX):
            member, i = _neighbour(span.doc, i, step)
            if member is None:
                break
            out.append(member)
    return out


def _among_places(span: Span) -> bool:
    """The name is one of a list of places: a member is a place the model or the gazetteer
    knows, or it is listed with two towns or more, most of the list ("Ahmedabad, Gangtok and
    Kochi"); "Tottenham and Chelsea" are clubs."""
    members = _list_members(span)
    if any(m.label_ in {"GPE", "LOC"} or _is_place_word(m[0]) or place_name(m.text)
           for m in members if m.label_ or len(m) == 1):
        return True
    towns = [m for m in members if all(p.strip() in cities() for p in m.text.split(","))]
    return len(towns) >= 2 and 2 * len(towns) >= len(members)


def placed(span: Span) -> bool:
    """The name is followed by its state or country ("Albuquerque, New Mexico")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = span.end + 1
    return _is_place_word(doc[nxt]) or any(
        place_name(doc[nxt:nxt + k].text) is not None for k in (2, 3) if nxt + k <= len(doc))


def city_label(span: Span) -> str | None:
    """GPE for a GeoNames city or an ISO region ("Powys") the model called a person or an
    organisation, written after "in/from/to/at/of" ("offices in Albuquerque") or in a list
    of places ("Mumbai, Lucknow and Kochi"), unless a mention of it speaks like a person
    ("Warren said"). Clubs named after their town ("Chester won") stay."""
    known = span.text in cities() or span.text in regions()
    if not known or span.label_ not in {"PERSON", "ORG"} or possessed(span):
        return None
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before not in _PLACE_CUES and not _among_places(span):
        return None
    return None if speaks(span) else "GPE"


def possessed(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in POSSESSIVE


_LIST_KINDS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})


def list_label(span: Span) -> str | None:
    """The one type the model gives every other member of a list the name is in, when it is
    an organisation's, a product's or a work's ("clients include MTV, Louis Vuitton,
    Coca-Cola"): a person is seldom listed among them."""
    members = _list_members(span)
    labels = {m[0].ent_type_ for m in members}
    doc = span.doc
    between = {t.lower_ for m in members for t in doc[max(0, m.start - 1):m.end + 1]}
    sides = {m.start < span.start for m in members}
    if len(members) < 2 or len(labels) != 1 or (len(sides) < 2 and not between & {"and",
                                                                                 "or"}):
        return None  # "Chris Ewokor, BBC Africa, Abuja": appositions, not a list
    label = labels.pop()
    return label if label in _LIST_KINDS else None


def known_place(text: str) -> bool:
    """A country, state or GeoNames town."""
    return text in cities() or place_name(text) is not None


def agree_places(spans: list[Span]) -> list[Span]:
    """Mentions of a name agree on place or not:

    - a name the model calls a person in one mention and a place in another ("the landing on
      Gallipoli" ... "the landings at Gallipoli") is the place in every mention when the
      gazetteer knows it or the place mention follows "in", "near" ..., unless some mention
      speaks ("Warren said") or a full name holds the word (then it may be a surname);
    - a place no gazetteer knows that opens an organisation's name in the article ("Busha" of
      "Busha Digital", a firm's word after it) is that organisation's short name;
    - a known place the model calls an organisation in one mention and a place in another
      ("in Oxford" ... "within Oxford") is the place, unless the article names its club, the
      mention is possessed ("Abuja's decision") or it is more often an organisation (a
      football club named by its city);
    - a town whose club the article names ("Hereford United", "Chester FC") is the club when
      it stands alone, except after "in", "near" ... ("Hereford were relegated")."""
    places = {s.text: s for s in spans if s.label_ in {"GPE", "LOC"}}
    named = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    org_heads = {s[0].text for s in spans if s.label_ == "ORG" and len(s) == 2 and
                 s[1].text in COMPANY_WORDS}
    clubs = {s[0].text for s in spans if s.label_ == "ORG" and len(s) == 2 and
             s[1].text in CLUB_WORDS}
    typed = Counter((s.text, "place" if s.label_ in {"GPE", "LOC"} else s.label_)
                    for s in spans)
    out = []
    for span in spans:
        place = places.get(span.text)
        if _short_org(span, org_heads) or _club(span, clubs, named):
            span = Span(span.doc, span.start, span.end, label="ORG")
        elif place is not None and span.label_ == "PERSON" and span.text not in named and (
                known_place(span.text) or _after_locative(place)) and not speaks(span):
            span = Span(span.doc, span.start, span.end, label=place.label_)
        elif place is not None and span.label_ == "ORG" and len(span) == 1 and \
                span.text not in clubs and known_place(span.text) and not possessed(span) \
                and typed[(span.text, "ORG")] <= typed[(span.text, "place")]:
            span = Span(span.doc, span.start, span.end, label=place.label_)  # "within Oxford"
        out.append(span)
    return out


def _short_org(span: Span, org_heads: set[str]) -> bool:
    return span.label_ == "GPE" and len(span) == 1 and span.text in org_heads and \
        not known_place(span.text)


def _club(span: Span, clubs: set[str], named: set[str]) -> bool:
    """"Hereford" where "Hereford United" is named: not "in Hereford" (the town), but "in
    Hereford's team" (the club)."""
    return span.label_ in {"PERSON", "GPE"} and span.text in clubs and span.text not in named \
        and (possessed(span) or not _after_locative(span))


def _after_locative(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE


def party_of_place(span: Span) -> list[Span] | None:
    """ "Louisiana Democrats", "Texas Republicans": a state's or country's party members read
    as one name; the place and the party, each its own name, else None."""
    if len(span) < 2 or span[-1].text not in PARTY_WORDS or place_name(span[:-1].text) is None:
        return None
    return [Span(span.doc, span.start, span.end - 1, label="GPE"),
            Span(span.doc, span.end - 1, span.end, label="ORG")]
