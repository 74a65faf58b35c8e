"""Light coreference for attribution: "the country", "the bank", "the regulator", "its", "their"
point back to the last entity of that kind; a nationality word points to its country.

`Mentions` keeps every entity mention of an article in token order, so "the last organisation
before token i" is a bisection, not a scan.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import DEMONYMS
from bot.nlp.places import country_code

# What a definite noun phrase ("the bank", "the country's") refers to.
PLACE_NOUNS = frozenset({"country", "nation", "state", "government", "republic", "kingdom",
                         "island", "territory", "province", "jurisdiction", "administration",
                         "economy", "city-state", "emirate", "region", "city"})
BANK_NOUNS = frozenset({"bank", "lender", "regulator", "watchdog", "agency", "authority",
                        "authorities", "commission", "ministry", "department", "unit", "office",
                        "customs", "council", "committee", "board", "body", "court", "fund",
                        "exchange", "company", "firm", "platform", "operator", "group",
                        "startup", "miner", "issuer", "business", "project", "utility",
                        "organisation", "organization", "institution", "party", "insurer",
                        "retailer", "carrier", "airline", "automaker", "carmaker"})
_REGULATOR_WORDS = ("authority", "commission", "agency", "regulator", "unit", "bureau",
                    "office", "service", "board", "supervisor", "council", "customs")
# Words an organisation's name has when a description ("the bank") fits it.
ORG_KINDS: dict[str, tuple[str, ...]] = {
    "bank": ("bank",), "lender": ("bank", "fund"), "regulator": _REGULATOR_WORDS,
    "watchdog": _REGULATOR_WORDS, "agency": _REGULATOR_WORDS, "authority": _REGULATOR_WORDS,
    "authorities": _REGULATOR_WORDS, "court": ("court", "tribunal"),
    "ministry": ("ministry", "department"), "department": ("ministry", "department"),
}
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "LAW"})
LAW_NOUNS = frozenset({"bill", "act", "law", "legislation"})  # "the bill": the law last named


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention: where it starts, its canonical name and its majority label."""

    start: int
    name: str
    label: str


class Mentions:
    """Every named mention of an article in token order, with lookups backwards from a token."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.index = index
        seen: list[Mention] = []
        last = None
        for i in range(len(doc)):
            name = index.at(i)
            if name is not None and name != last:
                label = index.label(name)
                if label in NAMED and (label != "NORP" or name in DEMONYMS):
                    seen.append(Mention(i, self.country_name(name, label), self.kind(name)))
            last = name
        self.items = seen
        self._starts = [m.start for m in seen]

    def country_name(self, name: str, label: str) -> str:
        """A nationality word stands for its country ("Kazakh" -> "Kazakhstan")."""
        return DEMONYMS.get(name, name) if label == "NORP" else name

    def kind(self, name: str) -> str:
        """GPE for places and nationalities, else the entity's own label."""
        label = self.index.label(name)
        return "GPE" if label in {"NORP", "GPE", "LOC"} else label

    def headed_before(self, token_i: int, noun: str, exclude: frozenset[str] = frozenset()
                      ) -> str | None:
        """The last organisation before `token_i` whose name is headed by `noun` ("the Bank"
        -> "Central Bank of Nigeria", not "Central Bank Digital Currency")."""
        for m in reversed(self.items[:bisect_left(self._starts, token_i)]):
            words = m.name.casefold().split()
            if m.label == "ORG" and m.name not in exclude and words and (
                    words[-1] == noun or (noun in words and "of" in words
                                          and words.index(noun) + 1 == words.index("of"))):
                return m.name
        return None

    def count(self, name: str) -> int:
        """How many times `name` is mentioned."""
        return sum(1 for m in self.items if m.name == name)

    def named_between(self, name: str, start: int, end: int) -> bool:
        """Whether `name` is mentioned at a token in [start, end)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return any(m.name == name for m in self.items[lo:hi])

    def before(self, token_i: int, kinds: frozenset[str], words: tuple[str, ...] = (),
               exclude: frozenset[str] = frozenset()) -> str | None:
        """The last mention before `token_i` of one of `kinds` (and, if `words` is given, whose
        name contains one of them, e.g. "bank"), skipping names in `exclude`."""
        for m in reversed(self.items[:bisect_left(self._starts, token_i)]):
            if m.label not in kinds or m.name in exclude:
                continue
            if words and not any(w in m.name.casefold().split() for w in words):
                continue
            return m.name
        return None


def definite_referent(tok: Token, mentions: Mentions, main: str | None = None,
                      recent_from: int = 0, exclude: frozenset[str] = frozenset(),
                      main_org: str | None = None) -> str | None:
    """What a pronoun or definite description at `tok` refers to, or None.

    "the country" / "the nation's" / "the state" -> the last place; "the bank" / "the regulator"
    -> the last organisation whose name says so, else the last organisation; "it"/"its" ->
    the last organisation or place; "he"/"his" -> the last person. A nationality adjective
    in the phrase wins ("the Kazakh government" -> Kazakhstan). "The country" is the article's
    `main` subject when that is a place named since token `recent_from`; "the regulator" whose
    kind no name shows is the article's `main_org` when named since then, else the last
    organisation.
    """
    low = tok.lower_
    if low in _PERSON_PRONOUNS:
        return mentions.before(tok.i, frozenset({"PERSON"}), exclude=exclude)
    if low in _THING_PRONOUNS:
        return mentions.before(tok.i, frozenset({"ORG", "GPE", "PRODUCT"}), exclude=exclude)
    lemma = tok.lemma_.lower()
    if _state_modifier(tok):  # "state treasurers", "state purchases": the story's state's
        return _place(tok, mentions, main, recent_from, exclude)
    if tok.pos_ not in {"NOUN", "PROPN"} or not _is_definite(tok):
        return None
    if tok.tag_ in {"NNS", "NNPS"} and low != "authorities":
        return None  # "the registered operators", "these banks": many things, not one entity
    for child in tok.children if _public(lemma) else ():  # not "the Japanese company"
        if child.dep_ in {"amod", "compound"}:
            name = mentions.index.at(child.i)
            if name is not None and mentions.index.label(name) == "GPE":
                return name
            if name is not None and name in DEMONYMS:
                return DEMONYMS[name]
    if lemma in PLACE_NOUNS:
        return _place(tok, mentions, main, recent_from, exclude)
    if lemma == "stock":  # "the stock's 52-week range": the company last named
        return mentions.before(tok.i, frozenset({"ORG"}), exclude=exclude)
    if lemma in LAW_NOUNS:  # "the bill has 12 co-sponsors"
        return mentions.before(tok.i, frozenset({"LAW"}), exclude=exclude)
    if lemma in BANK_NOUNS or lemma in STATE_BODIES:
        words = ORG_KINDS.get(lemma, (lemma,))
        named = mentions.before(tok.i, frozenset({"ORG"}), words, exclude)
        if named is None and state_body(tok):
            # "the central bank", "the finance ministry" with no such organisation named:
            # the country's own institution, so the country (not the last firm named); a
            # "place" the tagger made of a source or a firm ("data from Arkham") is no state
            place = _place(tok, mentions, main, recent_from, exclude)
            if place is not None and (country_code(place) or mentions.count(place) > 1):
                return place
            return None
        if named is None and main_org is not None and main_org not in exclude \
                and mentions.named_between(main_org, recent_from, tok.i):
            return main_org  # "ASIC sued Bit Trade ... The regulator": the story's organisation
        return named or mentions.before(tok.i, frozenset({"ORG"}), exclude=exclude)
    return None


# Institutions of a state: a description of one stands for its country when the article names
# no such organisation ("the central bank cut its rate", "the Treasury will buy").
STATE_BODIES = frozenset({"ministry", "treasury", "government", "authorities", "cabinet",
                          "parliament", "legislature"})


def state_body(tok: Token) -> bool:
    """ "the ministry", "the Treasury", "the authorities", "the central bank" (not "the bank":
    a lender may be any firm)."""
    lemma = tok.lemma_.lower()
    if lemma in STATE_BODIES:
        return True
    return lemma == "bank" and any(c.lower_ in {"central", "national", "reserve"}
                                   for c in tok.children if c.dep_ in {"amod", "compound"})


def _place(tok: Token, mentions: Mentions, main: str | None, recent_from: int,
           exclude: frozenset[str]) -> str | None:
    """ "the country": the article's main place when named lately; else the last place if
    named lately; else the main place again (a place named paragraphs ago is no nearer
    than the one the story is about, and a story may say "the country" before naming it),
    else the last place."""
    main_place = main is not None and mentions.kind(main) == "GPE" and main not in exclude
    if main_place and mentions.named_between(main or "", recent_from, tok.i):
        return main  # "the country" in a story about one country, named lately
    last = mentions.before(tok.i, frozenset({"GPE"}), exclude=exclude)
    if main_place and (last is None or not mentions.named_between(last, recent_from, tok.i)):
        return main  # also "The Central American country secures ..." before any place
    return last


def _state_modifier(tok: Token) -> bool:
    """A bare "state" before a noun ("state treasurers", "state media"): the government of
    the place the story is about, as "the state" is."""
    return tok.lower_ == "state" and tok.dep_ in {"compound", "amod", "nmod"} \
        and tok.head.pos_ == "NOUN" and tok.head.i == tok.i + 1 \
        and not any(c.dep_ in {"det", "poss"} for c in tok.children)


def _public(lemma: str) -> bool:
    """A noun for a state or its institutions, which a nationality word names ("the Kazakh
    government", "the Czech central bank"); a firm of that nationality is not the country."""
    return lemma in PLACE_NOUNS or lemma in STATE_BODIES or lemma in ORG_KINDS


def firm_description(tok: Token) -> bool:
    """ "the American company", "the Japanese exchange": one firm described, not a state."""
    lemma = tok.lemma_.lower()
    return lemma in BANK_NOUNS and not _public(lemma) and tok.tag_ == "NN" \
        and _is_definite(tok)


def _is_definite(tok: Token) -> bool:
    """ "the bank", "its regulator", "the country's", "this company" (not "a bank")."""
    for child in tok.children:
        if child.dep_ in {"det", "poss"} and child.lower_ in {"the", "this", "that", "its",
                                                             "their", "these", "those"}:
            return True
    return False
