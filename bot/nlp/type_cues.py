"""Small context cues for an entity's type that the model's label often gets wrong.

Each cue reads one span and the words right around it; `bot.nlp.entity_types` asks them after
the gazetteer and before its parse-based rules:

- a country's acronym inside a name makes it a body or a team, never a person ("UK Sport",
  "Team GB");
- a name owned by someone and used as the modifier of a noun is a brand or a platform ("her
  Twitter account", "Obama's Facebook page");
- "posted on X" names a medium;
- a place noun as the name's head makes the name a place ("the Borneo states", "the Treme
  neighbourhood", "Queensway station");
- "<Emirate|State|Province...> of <place>" is that place.
"""

from __future__ import annotations

from functools import cache

import pycountry
from spacy.tokens import Span, Token

from bot.nlp.gazetteer import cities, gazetteer, initials, person_nouns
from bot.nlp.lexicon import COIN_NAMES, NAME_PARTICLES, PERSON_ROLES, POSSESSIVE, ROLE_HEADS

_OWNING = POSSESSIVE - {"'", "’"}  # "Obama's": a bare apostrophe is too often a quote mark

_POSSESSIVE_DETS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_POSTING_VERBS = frozenset({"say", "post", "write", "announce", "share", "tweet", "state",
                            "publish", "comment", "reveal", "confirm", "upload"})
# Head nouns of places written after their name; the value is the type they give.
_PLACE_HEADS = {
    "neighborhood": "LOC", "neighbourhood": "LOC", "district": "LOC", "suburb": "LOC",
    "peninsula": "LOC", "island": "LOC", "islands": "LOC", "states": "LOC", "province": "LOC",
    "provinces": "LOC", "region": "LOC", "county": "LOC", "village": "LOC", "valley": "LOC",
    "station": "FAC", "stations": "FAC", "airport": "FAC", "airports": "FAC",
}
# Kinds of place written "<Kind> of <name>".
_PLACE_KINDS = frozenset({"Emirate", "State", "Province", "Republic", "Kingdom", "Region",
                          "County", "City", "Sultanate", "Principality", "Commonwealth",
                          "Territory", "Island", "Islands", "Governorate", "Prefecture"})


@cache
def country_acronyms() -> frozenset[str]:
    """All-capital forms that name a country: the gazetteer's ("UK", "USA", "UAE") and ISO
    alpha-2 codes that spell one of the country's longer names ("GB": Great Britain)."""
    g = gazetteer()
    out = {form for form in g.countries if form.isupper() and form.isalpha()}
    by_country: dict[str, set[str]] = {}
    for form, name in g.countries.items():
        if len(form.split()) > 1:
            by_country.setdefault(name, set()).add(initials(form))
    for country in pycountry.countries:
        canonical = g.countries.get(country.name)
        if canonical is not None and country.alpha_2 in by_country.get(canonical, set()):
            out.add(country.alpha_2)
    return frozenset(out)


def country_acronym_inside(span: Span) -> bool:
    """A name of two words or more with a country's acronym among them ("UK Sport", "Team GB",
    "GB Badminton"): no person's name holds one."""
    acronyms = country_acronyms()
    return len(span) > 1 and any(t.text in acronyms for t in span)


def owned_modifier(span: Span) -> bool:
    """"her Twitter account", "Obama's Facebook page": a name right after a possessive that
    modifies the common noun after it names a thing someone has, not a person."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    owned = (before.lower_ in _POSSESSIVE_DETS and before.tag_ == "PRP$") or \
        before.text in _OWNING
    return owned and after.is_lower and after.pos_ == "NOUN" and \
        after.lemma_ not in _GROUPS and after.lemma_ not in _OWNED_PLACES and \
        span.root.dep_ == "compound" and span.root.head.i >= span.end


# "his Devon pub", "her Ohio home": a place one owns something in, not a brand.
_OWNED_PLACES = frozenset({"pub", "home", "house", "farm", "estate", "hotel", "restaurant",
                           "shop", "store", "office", "constituency", "seat", "ranch", "garden",
                           "villa", "flat", "apartment", "cottage", "hometown", "wedding"})
_GROUPS = frozenset({"people", "tribe", "clan", "community", "family"})  # "Patasse's Baya
# people" is a people; "the Obama family" a family


# Nouns of what one has on a platform: "the Snapchat handle X", "a Facebook account".
_PLATFORM_NOUNS = frozenset({"handle", "account", "accounts", "feed", "profile", "app"})


def indefinite_brand(span: Span) -> bool:
    """"homes near a Tesco", "an Aldi or a Lidl": one capitalised word after "a"/"an" that
    modifies nothing names a shop or a brand, not a person ("a Trump presidency" modifies;
    "a Mr Smith" has its title)."""
    doc = span.doc
    if len(span) != 1 or span.start == 0 or doc[span.start - 1].lower_ not in {"a", "an"}:
        return False
    if span.text.lower() in person_nouns() or span.text.lower() in ROLE_HEADS:
        return False  # "a Rabbi", "a Senator": a person's title, capitalised
    after = doc[span.end] if span.end < len(doc) else None
    return after is None or after.pos_ not in {"NOUN", "PROPN"}


def platform_modifier(span: Span) -> bool:
    """"the Snapchat handle SenetorX", "a Facebook account": a name modifying a noun only a
    platform has."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in _PLATFORM_NOUNS and \
        span.root.dep_ == "compound" and span.root.head.i == span.end


def posted_on(span: Span) -> bool:
    """"said on Twitter", "posted on Instagram": what one says or posts on is a medium."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "on":
        return False
    verb = doc[span.start - 1].head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in _POSTING_VERBS and \
        doc[span.start - 1].dep_ == "prep" and span.root.head.i == span.start - 1


def place_head(span: Span) -> str | None:
    """LOC or FAC when the name modifies a place noun that ends its phrase ("the Borneo
    states", "the Treme neighbourhood", "Queensway station")."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    head = doc[span.end]
    label = _PLACE_HEADS.get(head.text)
    if label is None or span.root.head.i != head.i:
        return None
    nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"}:
        return None  # "the Texas district court": the place noun is not the head
    return label


def kind_of_place(span: Span) -> bool:
    """"Emirate of Dubai", "State of Texas", "Province of Ontario": a kind of place, "of" and
    a place the gazetteer knows."""
    if len(span) < 3 or span[0].text not in _PLACE_KINDS or span[1].lower_ != "of":
        return False
    rest = span[2:].text
    rest = rest[4:] if rest.startswith("the ") else rest
    g = gazetteer()
    return rest in g.countries or rest in g.subdivisions or rest in cities()


def is_particle(tok: Token) -> bool:
    """A lower-case particle inside a person's name ("de" of "Vincent de Rivaz")."""
    return tok.lower_ in NAME_PARTICLES and tok.is_lower


def acronym_like(span: Span) -> bool:
    """One word with two capitals or more that ends in a capital ("TfL", "NHS", "FCA"): an
    acronym, not a person ("McDonald", "DeSantis" end in lower case); a country's ("GB") is
    a place, not an organisation, and is left to other rules."""
    text = span.text
    return len(span) == 1 and text.isalpha() and text[-1].isupper() and \
        2 <= sum(c.isupper() for c in text) <= _ACRONYM_MAX and text not in country_acronyms() \
        and text not in _TITLE_ACRONYMS


# Acronyms of people's titles ("a VP at the bank", "the MP for Leeds").
_TITLE_ACRONYMS = frozenset({"VP", "SVP", "EVP", "MP", "MEP", "PM", "MD", "GM", "CEO", "CFO",
                             "CTO", "COO", "CIO", "CMO", "MLA", "MSP", "AM", "QC", "KC"})


_ACRONYM_MAX = 5  # capitals of an acronym; a longer word in capitals is shouted ("HAMBURG")


def relative_which(span: Span) -> bool:
    """"... Skin Laundry, which also has clinics": "which" refers to a thing, never a person."""
    doc = span.doc
    listed = span.start > 0 and doc[span.start - 1].lower_ in {"and", "or", ","}
    return not listed and span.end + 1 < len(doc) and doc[span.end].text == "," and \
        doc[span.end + 1].lower_ == "which"  # "with A and B, which ...": the whole phrase


def based_before(span: Span) -> bool:
    """"Manhattan-based Skin Laundry": a firm is "<place>-based" ahead of its name (a person
    so described has a noun between, "London-based lawyer X")."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].lower_ == "based" and \
        doc[span.start - 2].text in {"-", "‑"}


def employer_of_person(span: Span) -> bool:
    """"Morningstar's Karin Anderson": a name owning a person's full name right after it is the
    person's employer (a relative has the relation written between, "Smith's wife Jane")."""
    doc = span.doc
    k = span.end + 1
    if k + 1 >= len(doc) or doc[span.end].text not in _OWNING:
        return False
    return doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B" and \
        doc[k + 1].ent_type_ == "PERSON" and doc[k + 1].ent_iob_ == "I"


_APPOSITION_GAP = 3  # modifiers between ", the" and the kind noun ("the customs agency")


def kind_apposition(span: Span, kinds: frozenset[str]) -> bool:
    """"Tulli, the customs agency in Finland": a comma, an article, a few modifiers and a kind
    of organisation ending the phrase, read from the words when the parse misses it."""
    doc = span.doc
    k = span.end + 1
    if k + 1 >= len(doc) or doc[span.end].text != "," or doc[k].lower_ not in {"the", "a", "an"}:
        return False
    for i in range(k + 1, min(len(doc), k + 2 + _APPOSITION_GAP)):
        tok = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if tok.is_lower and tok.lower_ in kinds and tok.pos_ == "NOUN" and (
                nxt is None or nxt.is_punct or nxt.pos_ in {"ADP", "PRON", "CCONJ"}):
            return True
        if not (tok.is_lower and tok.pos_ in {"ADJ", "NOUN"}) and tok.pos_ != "PROPN":
            return False
    return False


# Last words of the names of streets, events and product editions.
_STREET_WORDS = frozenset({"St.", "Ave.", "Rd.", "Blvd.", "St", "Ave", "Rd", "Blvd", "Street",
                           "Avenue", "Road", "Boulevard", "Drive", "Square", "Plaza",
                           "Highway"})  # not "Lane" nor "Hall": "Chris Lane", "Fiona Hall"
_EVENT_WORDS = frozenset({"Festival", "Fest", "Expo", "Olympics", "Summit", "Marathon"})
_EDITION_WORDS = frozenset({"Pro", "Ultra", "Max", "Mini", "Lite"})


_COINS = frozenset((*COIN_NAMES, "Tether"))  # "Euro Tether" a coin; "Tether" alone its issuer


def name_kind(span: Span) -> str | None:
    """The type a name's own last word gives it: FAC for a street ("N. Rampart St."), EVENT
    for a festival or summit ("Jazz Fest"), PRODUCT for a product's edition ("Stadia Pro",
    "Chromecast Ultra"), for a coin's name ("Euro Tether") and for an "i"-brand ("iPad")."""
    text = span[-1].text
    if len(span) == 1:
        word = span.text
        return "PRODUCT" if len(word) > 3 and word[0] == "i" and word[1].isupper() and \
            word[2:].isalpha() and word[2:].islower() else None
    if not span[0].text[:1].isupper():
        return None
    if text in _STREET_WORDS:
        return "FAC"
    if text in _EVENT_WORDS:
        return "EVENT"
    if text in _EDITION_WORDS or text in _COINS:
        return "PRODUCT"
    return None


def cited_source(span: Span) -> bool:
    """"according to the Telegraph", "told the Independent": a source written with "the" is
    an outlet or a body (a person is cited without the article)."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    return before[-3:] == ["according", "to", "the"] or before[-2:] in (["told", "the"],
                                                                      ["tells", "the"])


_OUTPUTS = frozenset({"report", "statement", "survey", "poll", "analysis", "editorial"})


def outlet_output(span: Span) -> bool:
    """"a Dawn report", "an Ipsos poll": a one-word name between an indefinite article and a
    report or poll is who published it, when no full name of the doc holds the word (a
    person's is "the Mueller report")."""
    doc = span.doc
    if len(span) != 1 or span.start == 0 or span.end >= len(doc):
        return False
    if doc[span.start - 1].lower_ not in {"a", "an"} or doc[span.end].lower_ not in _OUTPUTS:
        return False
    return not any(e.label_ == "PERSON" and len(e) > 1 and span.text in e.text.split()
                   for e in doc.ents)


def is_person_role(tok: Token) -> bool:
    """A noun for a person's role ("minister", "CEO", "spokesman")."""
    return tok.lower_ in PERSON_ROLES or tok.lemma_.lower() in PERSON_ROLES
