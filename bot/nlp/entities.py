"""Canonical entities within one article: merge surface forms, aliases, acronyms, mention counts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from bot.domain.models import EntityMention, Role
from bot.nlp.english_words import adjectives
from bot.nlp.entity_types import gazetteer_label, is_ticker, place_name
from bot.nlp.former_names import former_names
from bot.nlp.gazetteer import gazetteer, initials
from bot.nlp.lexicon import (
    CLUB_WORDS,
    COUNTRY_ALIASES,
    DEMONYMS,
    ORG_KINDS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PARTY_WORDS,
    PERSON_ROLES,
    PERSONAL_KINDS,
    PORTFOLIO_HEADS,
    TITLES,
)
from bot.nlp.person_names import given_names, name_word
from bot.nlp.place_types import known_place, styled_state
from bot.nlp.possessed_banks import possessed_central_banks
from bot.nlp.spans import programme
from bot.nlp.token_names import named_token
from bot.nlp.type_cues import country_acronyms

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW", "EVENT",
                         "PRODUCT"})
_LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3, "LOC": 4, "LAW": 5, "PRODUCT": 6}
_TITLES = sorted(TITLES, key=lambda t: -len(t.split()))
_ACRONYM = re.compile(
    r"((?:[A-Z][\w&.-]*\s+)(?:(?:of|and|for|the|on|&|[A-Z][\w&.-]*)\s+){0,8}?)\(([A-Z][A-Za-z&]{1,9})\)"
)
_MINOR = {"of", "and", "for", "the", "on", "&"}


def surface_form(text: str) -> str:
    """Surface form without possessive, leading "the", curly quotes or extra spaces."""
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip()
    text = re.sub(r"'s?$", "", text).strip()
    return re.sub(r"^(?:the|The)\s+", "", text)


def normalise(text: str) -> str:
    """`surface_form`, with a country's other names mapped to its canonical one."""
    text = surface_form(text)
    return COUNTRY_ALIASES.get(text, text)


def country_forms(name: str) -> set[str]:
    """Short forms and acronyms a country answers to ("US", "U.S.", "USA" for United States)."""
    return _COUNTRY_FORMS.get(name, set())


_COUNTRY_FORMS: dict[str, set[str]] = {}
for _form, _name in COUNTRY_ALIASES.items():
    if len(_form.split()) <= 4 and not _form.startswith("the "):
        _COUNTRY_FORMS.setdefault(_name, set()).add(_form)


def acronym_definitions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, acronym, long form) of each "Long Form (LF)" in the text; start and end
    are the character offsets of the long form."""
    found = []
    for m in _ACRONYM.finditer(text):
        words = m.group(1).split()
        letters = [c for c in m.group(2) if c.isupper()]
        # take the shortest tail of the phrase whose capitalised initials spell the acronym
        for i in range(len(words) - 1, -1, -1):
            tail = words[i:]
            initials = [w[0] for w in tail if w.lower() not in _MINOR]
            if initials == letters and tail[0].lower() not in _MINOR:
                phrase = " ".join(tail)
                start = m.start(1) + m.group(1).rfind(tail[0], 0, len(m.group(1)) - len(
                    " ".join(words[i + 1:])))
                found.append((start, start + len(phrase), m.group(2), normalise(phrase)))
                break
    return found


def acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text: {"PDAA": "Pakistan Digital Asset Authority", "MoU": ...}."""
    return {acr: long for _, _, acr, long in acronym_definitions(text)}


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
    """"Crypto Council" -> "Pakistan Crypto Council" when the longer name is used in the text;
    never a place, and never the object of the longer name ("Nigeria" of "Central Bank of
    Nigeria"), nor of a name a country's acronym ends ("GB" of "Team GB")."""
    if place_name(name) is not None or name in country_acronyms():
        return name
    longer = [o for o in org_names if o.endswith(" " + name)
              and o[:-len(name)].split()[-1].lower() not in _MINOR]
    clubs = [o for o in org_names if o.startswith(name + " ") and len(o.split()) == 2
             and o.split()[-1] in CLUB_WORDS]  # "Hereford" of "Hereford United"
    longer = longer or clubs
    return longer[0] if len(longer) == 1 else name


def initial_acronyms(names: Iterable[str], long_names: Iterable[str]) -> dict[str, str]:
    """Acronyms used without a definition that spell exactly one longer name of the text
    ("CBN" -> "Central Bank of Nigeria"), and long names spelled by the first word of a name
    ("Guiding and ... Stablecoins" -> "GENIUS Act")."""
    by_initials: dict[str, set[str]] = {}
    for long in long_names:
        if len(long.split()) > 1:
            by_initials.setdefault(initials(long), set()).add(long)
    found: dict[str, str] = {}
    for name in names:
        head = name.split()[0]
        if not (head.isupper() and head.isalpha() and 2 <= len(head) <= 8):
            continue
        longs = {long for long in by_initials.get(head, set()) - {name}
                 if head not in long.split()}  # "GB Badminton" does not spell "GB"
        if len(longs) != 1:
            continue
        long = longs.pop()
        if name == head:
            found[name] = long
        else:
            found[long] = name  # the expansion of "GENIUS Act" is that act
    return found


_ADJECTIVE_USE = frozenset({"amod", "acomp"})


def _adjective(span: Span) -> bool:
    """One capitalised word used as an adjective that names no known place: "Digital currency
    transactions" (an English adjective tagged JJ), "31 Olympic and Paralympic sports"."""
    if len(span) != 1 or span.label_ not in {"ORG", "GPE", "LOC", "FAC"}:
        return False
    tok = span[0]
    if gazetteer_label(span) is not None or place_name(tok.text) is not None:
        return False
    if tok.dep_ == "conj":  # "Olympic and Paralympic sports": the second as the first
        tok = tok.head
    common_head = tok.head.tag_ in {"NN", "NNS"} and tok.head.is_lower
    if tok.tag_ == "JJ" and tok.is_sent_start:  # a sentence's first word, capitalised anyway
        return common_head and tok.dep_ in {"amod", "compound"} and \
            tok.lower_ in adjectives()  # "Digital", not "Greenpeace"
    if tok.head.lower_ in PORTFOLIO_HEADS and tok.head.i == tok.i + 1 and tok.is_title and \
            tok.lower_ in adjectives() and tok.text not in PARTY_WORDS:  # "Financial Secretary"
        return True
    return span.label_ != "ORG" and tok.dep_ in _ADJECTIVE_USE and common_head


def _kept(span: Span) -> bool:
    """Names worth an entity: PRODUCT only for programmes (CBDCs), currencies, stablecoin
    tickers and tokens named before a word for a coin ("the LIBRA token"); no adjective that
    the model typed a place or an organisation."""
    if span.label_ not in KEEP_LABELS or _adjective(span):
        return False
    return span.label_ != "PRODUCT" or programme(span) is not None or \
        gazetteer_label(span) == "PRODUCT" or is_ticker(span) or named_token(span)


def build_index(doc: Doc, spans: Iterable[Span] | None = None) -> EntityIndex:
    """Group the doc's entity spans into canonical entities."""
    spans = [s for s in (doc.ents if spans is None else spans) if _kept(s)]
    defined = acronym_definitions(doc.text)
    acr = {a: long for _, _, a, long in defined}
    full_names = sorted({normalise(s.text) for s in spans if s.label_ == "PERSON"
                         and len(s) > 1}, key=len, reverse=True)
    org_names = {normalise(s.text) for s in spans if s.label_ == "ORG"} | set(acr.values())
    long_names = org_names | {normalise(s.text) for s in spans if s.label_ == "LAW"}
    shorts = {normalise(s.text) for s in spans if s.label_ in {"ORG", "GPE", "LAW", "NORP"}}
    acr.update({k: v for k, v in initial_acronyms(shorts | long_names, long_names).items()
                if k not in acr})
    acr.update({normalise(old): normalise(new) for old, new in former_names(doc).items()
                if old not in acr})  # "Strategy, formerly known as MicroStrategy"
    banks = possessed_central_banks(spans)  # "Kazakhstan's National Bank"
    index = EntityIndex()
    direct: list[tuple[str, str]] = []  # (name, label) of spans that are the name itself
    indirect: list[tuple[str, str]] = []  # ... and of its acronyms, expansions, short forms
    for span in spans:
        raw = surface_form(span.text)
        surface = normalise(span.text)
        name = acr.get(surface, surface)
        inside = [a for a0, a1, a, _ in defined if a0 <= span.start_char and span.end_char <= a1]
        if inside:  # "Guiding" of "Guiding and Establishing ... (GENIUS)": the whole name
            name = acr[inside[0]]
        elif span.label_ == "PERSON":
            name = _person_key(name, full_names)
        elif span.label_ == "ORG":
            name = banks.get(name) or _longer_org(name, org_names)
        elif span.label_ == "GPE":
            name = styled_state(name) or name
        elif span.label_ == "NORP" and name.endswith("s") and name[:-1] in DEMONYMS:
            name = name[:-1]
        elif span.label_ == "PRODUCT" and name.endswith("s") and \
                name[:-1].split()[-1].lower() in gazetteer().currency_words:
            name = name[:-1]  # "digital rupees" is the digital rupee
        name = acr.get(name, name) if name != surface else name  # "GENIUS" -> ... -> Act
        (direct if name == surface else indirect).append((name, span.label_))
        forms = index.surfaces.setdefault(name, set())
        if not inside:
            forms.update({surface, raw})
        if span.label_ == "GPE":
            forms.update(country_forms(name))
        title = title_before(span) if span.label_ == "PERSON" else None
        if title:
            forms.add(f"{title} {surface}")
        index.mentions[name] += 1
        for i in range(span.start, span.end):
            index.by_token[i] = name
        country = DEMONYMS.get(name) if span.label_ == "NORP" else None
        if country:  # "Swedish" also names Sweden, so /figures Sweden finds its figures
            index.labels.setdefault(country, Counter())["GPE"] += 1
            index.surfaces.setdefault(country, set()).update({country, *country_forms(country)})
            index.mentions[country] += 1
    named = {name for name, _ in direct}
    for name, label in direct + [p for p in indirect if p[0] not in named]:
        index.labels.setdefault(name, Counter())[label] += 1  # an expansion takes the type
    for short, long in acr.items():
        if long in index.surfaces:
            index.surfaces[long].add(short)
    return index


_PERSON_TYPED_FROM = frozenset({"ORG"})
_PERSON_ONLY_ROLES = PERSON_ROLES - ORG_KINDS  # not "leader": "the market leader" is a firm


def _role_head(text: str) -> str:
    """The noun a role's title ends in, before its complement ("director" of "executive
    director of digital assets")."""
    low = text.casefold()
    if low.startswith("one of "):  # "one of the largest miners": a miner
        last = low.split()[-1]
        return last[:-1] if last.endswith("s") else last
    words = re.split(r"\s(?:of|for|at|to|on)\s", low, maxsplit=1)[0].split()
    return words[-1] if words else ""


def people_with_titles(index: EntityIndex, roles: dict[str, list[Role]]) -> None:
    """Names the model typed as organisations that hold only a person's titles become
    people ("Kairat Kelimbetov was appointed governor of the National Bank"): two to four
    capitalised words, none a word of organisations or a place, every role a person's."""
    for name, found in roles.items():
        if not found or name not in index.labels or index.label(name) not in _PERSON_TYPED_FROM:
            continue
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(name_word(w) and not w.endswith(".") for w in words):
            continue
        if any(w in ORG_SUFFIXES or w.casefold() in ORG_NOUNS or place_name(w) for w in words):
            continue
        if all(_role_head(r.text) in _PERSON_ONLY_ROLES for r in found):
            index.labels[name] = Counter({"PERSON": sum(index.labels[name].values())})


_FIRM_KINDS = ORG_KINDS - PERSONAL_KINDS


def firms_with_kinds(index: EntityIndex, roles: dict[str, list[Role]]) -> None:
    """Names the model typed as people that are only described as kinds of organisation
    ("Upbit, operated by Dunamu": operator of Upbit; "pollsters Ipsos Mori") become
    organisations, unless they open with a known given name; so do names typed as places
    that no gazetteer knows ("two exchanges, Busha and Quidax")."""
    for name, found in roles.items():
        if not found or name not in index.labels:
            continue
        label = index.label(name)
        person = label == "PERSON" and name.split()[0] not in given_names()
        unknown_place = label == "GPE" and not known_place(name) \
            and not name.endswith(".")  # "Calif.": an abbreviated state
        if not (person or unknown_place):
            continue
        if all(_role_head(r.text) in _FIRM_KINDS for r in found):
            index.labels[name] = Counter({"ORG": sum(index.labels[name].values())})


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
