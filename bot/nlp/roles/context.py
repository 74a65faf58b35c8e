"""What the role extractor knows about one article: its named mentions, and the countries and
states it speaks of (in order, and the main one). What "the country" or "its" points back to
is read by `bot.nlp.roles.coref`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span

from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import POSSESSIVE
from bot.nlp.person_names import person_after
from bot.nlp.place_types import known_place
from bot.nlp.roles.phrase import is_head
from bot.nlp.roles.places import (
    country_in_name,
    country_of_city,
    country_of_state,
    demonym_country,
    is_country,
    is_state,
    state_in_name,
)

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_LOCATIVE = frozenset({"in", "into", "across", "throughout", "within", "from", "to", "at",
                       "around", "inside", "outside", "near", "on", "against"})
PLACE_SUFFIX = frozenset({"based", "headquartered", "born", "registered", "listed"})
MAIN_MIN_MENTIONS = 2  # a main country/state is named at least this often ...
MAIN_SHARE = 0.5  # ... and makes at least this share of the country (state) mentions


@dataclass(frozen=True)
class Mention:
    """One entity mention: token range, canonical name and the entity's majority label."""

    start: int
    end: int
    name: str
    label: str


def _main(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if n < MAIN_MIN_MENTIONS or n < MAIN_SHARE * sum(counts.values()):
        return None
    return None if rest and rest[0][1] == n else top


def _leading(counts: Counter[str]) -> str | None:
    """The place named at least twice and at least twice as often as any other: a story about
    New York that lists three other states once each is New York's."""
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return top if n >= MAIN_MIN_MENTIONS and (not rest or n >= 2 * rest[0][1]) else None


def _glued_title(ent: Span) -> bool:
    """An organisation the model glued to the title after it, right before a person's name
    ("Texas Public Accounts Comptroller" + "Glenn Hegar"): read as words, not as a name."""
    return ent.label_ == "ORG" and len(ent) > 1 and person_after(ent) and is_head(ent[-1])


class RoleContext:
    """Mentions and places of one parsed article, for attaching organisations to roles."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: read it once
        self.index = index
        self.mentions: list[Mention] = []
        self._at: dict[int, Mention] = {}
        self.countries: list[tuple[int, str]] = []
        self.states: list[tuple[int, str]] = []
        for ent in doc.ents:
            name = index.at(ent.start)
            if name is None or _glued_title(ent):
                continue
            mention = Mention(ent.start, ent.end, name, index.label(name))
            self.mentions.append(mention)
            for i in range(ent.start, ent.end):
                self._at[i] = mention
            place = self.place(mention)
            if place and is_country(place):
                self.countries.append((ent.start, place))
            elif place and is_state(place):
                self.states.append((ent.start, place))
            elif mention.label in {"ORG", "FAC"} and (state := state_in_name(name)):
                self.states.append((ent.start, state))  # "the Indiana State Police"
        self._aliases = {form: name for name, forms in index.surfaces.items()
                         for form in forms}
        counts = Counter(n for _, n in self.countries)
        for n in self._inner_places():  # Texas or Houston: the United States
            counts[n] += 1
        self.main_country = _main(counts)
        self.main_state = _main(Counter(n for _, n in self.states))
        self.leading_state = self.main_state or _leading(Counter(n for _, n in self.states))

    def _inner_places(self) -> list[str]:
        """The countries of the states and large cities the article names."""
        out = [country_of_state(n) for _, n in self.states]
        out += [country_of_city(m.name) for m in self.mentions
                if m.label == "GPE" and not is_country(m.name) and not is_state(m.name)]
        return [n for n in out if n]

    def at(self, i: int) -> Mention | None:
        """The mention covering token i."""
        return self._at.get(i)

    def place(self, mention: Mention) -> str | None:
        """The country or place a GPE/NORP mention names (NORP through its demonym)."""
        if mention.label == "NORP":
            return demonym_country(mention.name)
        if mention.label in {"GPE", "LOC"}:
            return mention.name
        return None

    def org_name(self, mention: Mention) -> str | None:
        """The name a mention gives as a role's organisation (a demonym gives its country)."""
        if mention.label == "PERSON":
            return None
        if mention.label == "NORP":
            return demonym_country(mention.name)
        return mention.name

    def place_modifier(self, mention: Mention) -> int | None:
        """End of "United States-based" / "Seychelles-headquartered" after a mention: a place
        that says where, not whose (left out of role text and org)."""
        doc, after = self.doc, mention.end
        if after + 1 < len(doc) and doc[after].text in {"-", "–"} and \
                doc[after + 1].lower_ in PLACE_SUFFIX:
            return after + 2
        return None

    def acronym_name(self, text: str) -> str:
        """The entity an acronym or surface form stands for, else the text itself."""
        return self._aliases.get(text, text)

    def last_country(self, before: int) -> str | None:
        """The country named last before token `before`, else the main country."""
        found = [n for i, n in self.countries if i < before]
        return found[-1] if found else self.main_country

    def _places_in(self, sent: Span, kind: str) -> tuple[list[str], list[str]]:
        """Distinct countries (or states) a sentence names: as actors, including those inside
        an organisation's name ("the United States Treasury"), and as the place something
        happens in ("war in Ukraine"). For states, a place not known as one counts as a place
        ("in Penang")."""
        pool = self.countries if kind == "country" else self.states
        actors: list[str] = []
        places: list[str] = []
        for i, name in pool:
            if not sent.start <= i < sent.end:
                continue
            mention = self.at(i)
            root = self.doc[mention.start:mention.end].root if mention else self.doc[i]
            where = kind == "country" and root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE
            bucket = places if where else actors
            if name not in bucket:
                bucket.append(name)
        for m in self.mentions:
            if not sent.start <= m.start < sent.end:
                continue
            if kind == "country" and m.label == "ORG":
                inner = country_in_name(m.name)
                if inner and inner not in actors:
                    actors.append(inner)
            elif kind == "state" and m.label == "GPE" and not is_country(m.name) \
                    and m.name not in places:
                places.append(m.name)
        return actors, places

    def fallback(self, sent: Span, kind: str) -> str | None:
        """The country (kind "country") or state a bare title of government belongs to: the
        one the sentence names as an actor, else the article's main one, else the one place
        the sentence names, else the only one the article names."""
        main = self.main_country if kind == "country" else self.leading_state
        actors, places = self._places_in(sent, kind)
        if len(actors) == 1:
            return actors[0]
        if actors:
            return main if main in actors else None
        if main:
            return main
        if len(places) == 1:
            return places[0]
        return self._only(kind)

    @property
    def story_state(self) -> str | None:
        """The state a story is about: the leading one, else the one it names, unless that
        one is written as a person's ("Senator X of Wyoming": that senator's state only)."""
        if self.leading_state:
            return self.leading_state
        only = self._only("state")
        for i, name in self.states:
            tok = self.doc[i]
            if name == only and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                    tok.head.head.ent_type_ == "PERSON":
                return None
        return only

    def _only(self, kind: str) -> str | None:
        """The one country (or state) the whole article names, if it names exactly one: a
        short story's "President X" is of the only country in it."""
        named = {n for _, n in (self.countries if kind == "country" else self.states)}
        return named.pop() if len(named) == 1 else None

    def city(self, sent: Span) -> str | None:
        """The city a mayor belongs to: the one place the sentence names that is neither a
        country nor a state, else the one the article names most (at least twice), else the
        only one it names (a place a gazetteer knows, when it is named once)."""
        def cities(lo: int, hi: int) -> Counter[str]:
            return Counter(m.name for m in self.mentions if m.label == "GPE" and
                           lo <= m.start < hi and not is_country(m.name) and
                           not is_state(m.name))
        here = cities(sent.start, sent.end)
        if len(here) == 1:
            return next(iter(here))
        if here:
            return None
        everywhere = Counter({n: k for n, k in cities(0, len(self.doc)).items()
                              if k >= 2 or known_place(n)})  # not "Tharp" of "Tharp-Sontheimer"
        return _main(everywhere) or (next(iter(everywhere)) if len(everywhere) == 1 else None)

    @cached_property
    def central_bank_countries(self) -> list[tuple[int, str]]:
        """(token index, country) of each "<country>'s central bank", "the UAE central bank" or
        "the Turkish central bank" in the article, read once."""
        doc, out = self.doc, []
        for i in range(2, len(doc)):
            if doc[i].lower_ != "bank" or doc[i - 1].lower_ != "central":
                continue
            before = i - 3 if doc[i - 2].text in POSSESSIVE else i - 2
            mention = self.at(before) if before >= 0 else None
            place = self.place(mention) if mention is not None else None
            if place is not None and is_country(place):
                out.append((i, place))
        return out

    def possessing_country(self, name: str) -> str | None:
        """The country written as the possessor of a mention of `name` ("Thailand's Securities
        and Exchange Commission"): it beats the country the gazetteer files that name under."""
        for m in self.mentions:
            if m.name == name and m.start >= 2 and self.doc[m.start - 1].text in POSSESSIVE:
                owner = self.at(m.start - 2)
                place = self.place(owner) if owner is not None else None
                if place is not None and is_country(place):
                    return place
        return None

    def local_country(self, sent: Span) -> str | None:
        """The country "local", "domestic" or "state-owned" refer to: the story's."""
        return self.main_country or self.fallback(sent, "country") or \
            self.last_country(sent.start)
