"""Canonical entities within one article: merge surface forms, aliases, acronyms, mention counts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from bot.domain.models import EntityMention, Role
from bot.nlp.lexicon import COUNTRY_ALIASES, DEMONYMS, TITLES

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW", "EVENT"})
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "LAW": 5}
_TITLES = sorted(TITLES, key=lambda t: -len(t.split()))
_ACRONYM = re.compile(
    r"((?:[A-Z][\w&.-]*\s+)(?:(?:of|and|for|the|on|&|[A-Z][\w&.-]*)\s+){0,8}?)\(([A-Z][A-Za-z&]{1,9})\)"
)
_MINOR = {"of", "and", "for", "the", "on", "&"}


def normalise(text: str) -> str:
    """Surface form without possessive, leading "the", curly quotes or extra spaces."""
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    text = re.sub(r"'s?$", "", text).strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return COUNTRY_ALIASES.get(text, text)


def acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text: {"PDAA": "Pakistan Digital Asset Authority", "MoU": ...}."""
    found: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        words = m.group(1).split()
        letters = [c for c in m.group(2) if c.isupper()]
        # take the shortest tail of the phrase whose capitalised initials spell the acronym
        for i in range(len(words) - 1, -1, -1):
            tail = words[i:]
            initials = [w[0] for w in tail if w.lower() not in _MINOR]
            if initials == letters and tail[0].lower() not in _MINOR:
                found[m.group(2)] = normalise(" ".join(tail))
                break
    return found


def title_before(span: Span) -> str | None:
    """The title written right before a name ("President" in "President Bukele"), if any."""
    doc = span.doc
    for title in _TITLES:
        n = len(title.split())
        if span.start - n >= 0 and doc[span.start - n:span.start].text == title:
            return title
    return None


@dataclass
class EntityIndex:
    """Canonical names of an article's entities and which tokens mention them."""

    by_token: dict[int, str] = field(default_factory=dict)
    labels: dict[str, Counter[str]] = field(default_factory=dict)
    surfaces: dict[str, set[str]] = field(default_factory=dict)
    mentions: Counter[str] = field(default_factory=Counter)

    def label(self, name: str) -> str:
        """The majority label of an entity."""
        counts = self.labels[name]
        return min(counts, key=lambda lab: (-counts[lab], _LABEL_RANK.get(lab, 9)))

    def at(self, token_i: int) -> str | None:
        """Canonical name of the entity covering a token, if any."""
        return self.by_token.get(token_i)


def _person_key(name: str, full_names: list[str]) -> str:
    tokens = name.split()
    matches = [
        full for full in full_names
        if len(full.split()) > len(tokens)
        and any(full.split()[i:i + len(tokens)] == tokens for i in range(len(full.split())))
    ]
    longest = {m for m in matches if not any(m != o and m in o for o in matches)}
    return longest.pop() if len(longest) == 1 else name


def _longer_org(name: str, org_names: set[str]) -> str:
    """"Crypto Council" -> "Pakistan Crypto Council" when the longer name is used in the text."""
    longer = [o for o in org_names if o.endswith(" " + name)]
    return longer[0] if len(longer) == 1 else name


def build_index(doc: Doc, spans: Iterable[Span] | None = None) -> EntityIndex:
    """Group the doc's entity spans into canonical entities."""
    spans = [s for s in (doc.ents if spans is None else spans) if s.label_ in KEEP_LABELS]
    acr = acronyms(doc.text)
    full_names = sorted({normalise(s.text) for s in spans if s.label_ == "PERSON"
                         and len(s) > 1}, key=len, reverse=True)
    org_names = {normalise(s.text) for s in spans if s.label_ == "ORG"} | set(acr.values())
    index = EntityIndex()
    for span in spans:
        surface = normalise(span.text)
        name = acr.get(surface, surface)
        if span.label_ == "PERSON":
            name = _person_key(name, full_names)
        elif span.label_ == "ORG":
            name = _longer_org(name, org_names)
        elif span.label_ == "NORP" and name.endswith("s") and name[:-1] in DEMONYMS:
            name = name[:-1]
        index.labels.setdefault(name, Counter())[span.label_] += 1
        forms = index.surfaces.setdefault(name, set())
        forms.add(surface)
        title = title_before(span) if span.label_ == "PERSON" else None
        if title:
            forms.add(f"{title} {surface}")
        index.mentions[name] += 1
        for i in range(span.start, span.end):
            index.by_token[i] = name
    for short, long in acr.items():
        if long in index.surfaces:
            index.surfaces[long].add(short)
    return index


def mentions(index: EntityIndex, roles: dict[str, list[Role]]) -> list[EntityMention]:
    """EntityMention records, most mentioned first."""
    out = []
    for name, count in index.mentions.items():
        label = index.label(name)
        aliases = tuple(sorted(index.surfaces[name] - {name}))
        country = DEMONYMS.get(name) if label == "NORP" else None
        out.append(EntityMention(name, label, aliases, tuple(roles.get(name, ())), count,
                                 country))
    return sorted(out, key=lambda e: (-e.mentions, e.name))
