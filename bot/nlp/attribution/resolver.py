"""Names at tokens and what noun phrases stand for: entities, acronyms, pronouns bound by their
clause, definite descriptions ("the country", "the bank") through `bot.nlp.coref`."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from spacy.tokens import Doc, Token

from bot.domain.models import Role
from bot.nlp.attribution.context import (
    acronyms_of,
    bystanders_only,
    countries_in_names,
    main_subject,
    person_orgs,
)
from bot.nlp.attribution.words import (
    ASSETS,
    GENERIC_ORG_NAMES,
    MAX_CLIMB,
    NETWORK_NOUNS,
    OWNED,
    REPORTING,
    SUBJ,
    is_source,
    measure_name,
    verb_lemma,
)
from bot.nlp.coref import (
    PLACE_NOUNS,
    STATE_BODIES,
    Mentions,
    definite_referent,
    firm_description,
)
from bot.nlp.currencies import CODES, NAMES
from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import DEMONYMS, STOCK_INDICES
from bot.nlp.places import country_code
from bot.nlp.units import parse_unit

# Titles of public office: a holder with no organisation stated acts for the story's place
# ("President Donald Trump signed an order creating a reserve of 200,000 BTC").
OFFICE_WORDS = frozenset({"president", "minister", "governor", "secretary", "chancellor",
                          "premier", "mayor", "treasurer", "king", "emir", "sultan"})
# Currency names that are also common English words ("real estate", "won", "a pound of").
_WORD_CURRENCIES = frozenset({"real", "reals", "won", "pound", "pounds", "mark", "marks", "rand"})
_NUMBER_WORD = re.compile(r"[\d.,]+[A-Za-z]{0,2}")
STORY_PERSON_MENTIONS = 4  # a story about one person names them at least this often


def unit_like(name: str) -> bool:
    """A "name" that is a unit, an ISO currency code or ends in a number ("MW", "AED",
    "NIS 500"): the tagger's mistake, never the owner of a figure (crypto assets, which own
    their prices, are not units here). A share index's number is part of its name ("S&P 500")."""
    if name in STOCK_INDICES:
        return False
    words = name.split()
    if not words or _NUMBER_WORD.fullmatch(words[-1]):
        return True
    if name.isupper() and name in CODES:
        return True
    unit = parse_unit(name)
    return unit is not None and unit[1] not in {"count", "money", "crypto"}


class Resolver:
    """The article's names and context, and what its noun phrases refer to."""

    def __init__(self, doc: Doc, index: EntityIndex, roles: dict[str, list[Role]],
                 title: str = "") -> None:
        self.doc = doc
        self.index = index
        self.mentions = Mentions(doc, index)
        self.org_of = person_orgs(index, roles)
        self.officials = {name for name, rs in roles.items()
                          if any(OFFICE_WORDS & set(r.text.casefold().split()) for r in rs)}
        self.main = main_subject(index, self.mentions, title, doc=doc)
        person = self._story_person()
        if person is not None:
            self.main = person
        self.main_place = main_subject(index, self.mentions, title, kinds=frozenset({"GPE"}),
                                       doc=doc)
        self.main_org = self.main if self.main and self.label(self.main) == "ORG" else None
        self.country_in = countries_in_names(index)
        # the main place when it is a country (not a city the story happens in)
        self.main_country = self.main_place if self.main_place and country_code(
            self.main_place) else None
        # who a figure of the economy as a whole belongs to: the country, else the main
        # organisation's country ("Reserve Bank of India"), else that organisation
        self.economy = self.main_country or self.country_in.get(self.main or "") or self.main
        self._sents = list(doc.sents)
        self._sent_starts = [sent.start for sent in self._sents]
        self.acronyms = acronyms_of(index)
        self.bystanders = bystanders_only(doc, self.mentions)
        self._by_code: dict[str, str] | None = None

    def _story_person(self) -> str | None:
        """The person a story is about, when it is about one who speaks for no organisation
        ("Grant Allen ... was ordered to pay back £491,000"): named, other than as a source
        ("..., Clarke said"), at least `STORY_PERSON_MENTIONS` times and at least twice as
        often as the main place or organisation."""
        named = [m for m in self.mentions.items if m.label == "PERSON"]
        people = Counter(m.name for m in named)
        if not people:
            return None
        (name, n), *rest = people.most_common(2)
        if name in self.org_of or name in self.officials or (rest and rest[0][1] == n):
            return None
        acting = sum(1 for m in named if m.name == name and not is_source(self.doc[m.start]))
        main = sum(1 for m in self.mentions.items if m.name == self.main)
        return name if acting >= STORY_PERSON_MENTIONS and n >= 2 * main else None

    # -- names ---------------------------------------------------------------------------
    def entity(self, tok: Token, labels: frozenset[str] = OWNED) -> str | None:
        """The canonical name at a token (a nationality word as its country; an acronym the
        article defines even where the model missed it; "the Bank" as the bank meant)."""
        name = self.index.at(tok.i)
        if name is None:
            name = self.acronyms.get(tok.text)
            return name if name is not None and self.index.label(name) in labels else None
        if name.casefold() in GENERIC_ORG_NAMES:
            found = self.mentions.headed_before(tok.i, name.casefold(), frozenset({name}))
            if found is None and name.casefold() in STATE_BODIES:  # "the Treasury will buy"
                found = definite_referent(tok, self.mentions, self.main_place, self._recent(tok),
                                          frozenset({name})) or name  # no country: itself
            return found
        label = self.index.label(name)
        if name.casefold() in NAMES and name.casefold() not in _WORD_CURRENCIES:
            return self._issuer(tok, tagged=True)  # "the Naira" tagged a name: its country
        if label not in labels or unit_like(name) or measure_name(name) or name in self.bystanders:
            return None
        if label == "NORP":  # a nationality stands for its country; "European" for nothing
            return DEMONYMS.get(name)
        return name

    def resolve(self, tok: Token, depth: int = 0, skip: range = range(0)) -> str | None:
        """The entity a noun phrase headed by `tok` stands for: a name in it ("the Bukele
        government", "transactions in Japan"), a pronoun bound by its clause's subject, or a
        definite description ("the country", "the bank"). Words in `skip` (the figure being
        attributed) are not read: "fined the exchange 5 million naira", parsed with the
        amount in apposition, does not make the exchange Nigeria's by the naira."""
        name = self.entity(tok)
        if name is not None:
            return name
        if depth > 2:
            return None
        if tok.lower_ in {"its", "their", "it", "they"}:
            bound = self._binder(tok) or self._carried(tok, depth)
            if bound is not None:
                return bound
        if tok.lower_ in {"we", "our", "us"}:
            side = self._speakers_side(tok)
            if side is not None:
                return side
        issuer = self._issuer(tok) or _asset_network(tok)
        if issuer is not None:
            return issuer
        for child in tok.children:  # "Coinbase's unit Coinbase Europe": the unit named
            if child.dep_ == "appos" and tok.pos_ == "NOUN" and child.i not in skip:
                found = self.entity(child, frozenset({"ORG", "GPE", "PRODUCT"}))
                if found is not None:
                    return found
        named = self.named_after(tok)
        if named is not None:
            return named
        firm = firm_description(tok)
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "amod", "appos"} and child.i not in skip:
                if firm and child.dep_ == "amod":
                    continue  # "the American company" is a firm, not the United States
                found = self.resolve(child, depth + 1, skip)
                if found is not None:
                    return found
        if tok.lemma_.lower() in PLACE_NOUNS:  # "the state of New York", "the city of Oslo"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    place = next((self.entity(o) for o in child.children
                                  if o.dep_ == "pobj"), None)
                    if place is not None and self.label(place) == "GPE":
                        return place
        ref = definite_referent(tok, self.mentions, self.main_place, self._recent(tok),
                                self.bystanders, main_org=self.main_org)
        if ref is not None:
            return ref
        for child in tok.children:  # "transactions in Japan", "operations of the bank"
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "at"} \
                    and tok.pos_ in {"NOUN", "PROPN"}:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in skip:
                        found = self.resolve(obj, depth + 1, skip)
                        if found is not None:
                            return found
        return None

    def named_after(self, tok: Token) -> str | None:
        """The organisation named right after a description ("Paraguay's state utility ANDE
        signed", "the securities regulator CNV registered"): the name, not the possessor of
        the description, whichever word the parse makes the head."""
        nxt = tok.i + 1
        if tok.pos_ != "NOUN" or not tok.is_lower or nxt >= len(self.doc):
            return None
        return self.entity(self.doc[nxt], frozenset({"ORG"}))

    def _issuer(self, tok: Token, tagged: bool = False) -> str | None:
        """The country a currency named as a noun phrase's head belongs to ("the naira
        weakened to 1,600 per dollar" -> Nigeria): the issuing country of an ISO 4217 code
        the name can mean (its first two letters), when the article names exactly one."""
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ == "MONEY" \
                or (tok.ent_type_ and not tagged):
            return None
        if tok.lower_ in _WORD_CURRENCIES:
            return None
        countries = self._countries()
        issuers = {countries[c[:2]] for c in NAMES.get(tok.lower_, ()) if c[:2] in countries}
        return issuers.pop() if len(issuers) == 1 else None  # "the peso": one named issuer

    def _countries(self) -> dict[str, str]:
        """{ISO alpha-2: the article's name for that country} (built once)."""
        if self._by_code is None:
            self._by_code = {}
            for name in self.index.labels:
                code = country_code(name) if self.index.label(name) == "GPE" else None
                if code is not None:
                    self._by_code.setdefault(code, name)
        return self._by_code

    def _binder(self, pronoun: Token) -> str | None:
        """What "its"/"their" refers to: the subject of the nearest clause above it, written
        before it ("Its fund holds ..., Arkham said" binds nothing to Arkham), when that names
        an organisation or place ("Pakistan launched the PDAA, an agency set up to
        oversee its $25 billion crypto economy" -> Pakistan)."""
        node = pronoun.head
        for _ in range(MAX_CLIMB):
            if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
                subj = next((c for c in node.children if c.dep_ in SUBJ), None)
                if subj is not None and pronoun not in subj.subtree and subj.i < pronoun.i \
                        and subj.lower_ not in {"it", "its", "they", "their", "which", "that"}:
                    found = self.resolve(subj, 1)
                    if found is not None and self.label(found) in {"ORG", "GPE", "NORP"}:
                        return found
                    if found is not None:
                        return None
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _carried(self, pronoun: Token, depth: int) -> str | None:
        """ "It"/"its" opening a sentence's main subject continues the previous sentence's
        subject when that is an organisation or place ("The Bank of Jamaica said wallets
        hold J$230 million. It will pay ..." -> the bank, not the last name mentioned)."""
        if pronoun.lower_ not in {"it", "its"} or depth > 1:
            return None
        node = pronoun.head if pronoun.dep_ == "poss" else pronoun
        sent = pronoun.sent
        if node.dep_ not in SUBJ or node.head.i != sent.root.i:
            return None
        k = bisect_right(self._sent_starts, pronoun.i) - 1
        if k < 1:
            return None
        prev = self._sents[k - 1]
        subj = next((c for c in prev.root.children if c.dep_ in SUBJ), None)
        found = self.resolve(subj, depth + 1) if subj is not None else None
        return found if found is not None and self.label(found) in {"ORG", "GPE"} else None

    def _speakers_side(self, pronoun: Token) -> str | None:
        """What "we"/"our" in a quote stand for: the organisation of the person quoted in the
        sentence ("'We will invest $500 million,' the minister said"), the article's main
        place or subject for a named official without one; never the speaker themself.
        None when no one named is quoted in the sentence."""
        for tok in pronoun.sent:
            if tok.dep_ in SUBJ and tok.i != pronoun.i and verb_lemma(tok.head) in REPORTING:
                name = self.index.at(tok.i)
                if name is not None and self.label(name) == "PERSON":
                    return self.org_of.get(name) or self.main_place or self.main
                if name is not None and self.label(name) in {"ORG", "GPE"}:
                    return name
        return None

    def _recent(self, tok: Token) -> int:
        """The first token of the sentence two before `tok`'s (how far "recent" reaches)."""
        starts = self._sent_starts
        k = max(0, bisect_right(starts, tok.i) - 3)
        return starts[k] if starts else 0

    def label(self, name: str) -> str:
        """The entity's label ("GPE" for a country reached through a nationality word)."""
        if name in self.index.labels:
            return self.index.label(name)
        return "GPE"


def _asset_network(tok: Token) -> str | None:
    """The asset whose network a noun phrase names: "the Bitcoin network" (a network noun with
    the asset as modifier) or "Bitcoin's hashrate" (the asset possessing one)."""
    if tok.lower_ in NETWORK_NOUNS:
        return next((ASSETS[c.lower_] for c in tok.children
                     if c.dep_ in {"compound", "poss", "nmod"} and c.lower_ in ASSETS), None)
    if tok.lower_ in ASSETS and tok.dep_ == "poss" and tok.head.lower_ in NETWORK_NOUNS:
        return ASSETS[tok.lower_]
    return None

