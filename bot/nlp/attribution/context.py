"""Article-wide context for attribution: acronyms, people's organisations, the main subject,
the countries organisations' names contain."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span, Token

from bot.domain.models import Role
from bot.nlp.attribution.words import adjunct_place, bystander, in_dateline, is_source
from bot.nlp.coref import Mentions
from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import DEMONYMS, PARTY_WORDS

_MINOR_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "on"})


def acronyms_of(index: EntityIndex) -> dict[str, str]:
    """{acronym: name}: the acronyms the article uses for its entities, and the initials of
    its organisations' names ("CNB" for Czech National Bank), where only one name has them."""
    out: dict[str, str] = {}
    initials: dict[str, set[str]] = {}
    for name, forms in index.surfaces.items():
        for form in forms:
            if 2 <= len(form) <= 8 and form.isupper() and form.isalpha():
                out[form] = name
        if index.label(name) == "ORG":
            words = [w for w in name.split() if w.lower() not in _MINOR_WORDS]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                initials.setdefault("".join(w[0] for w in words), set()).add(name)
    for letters, names in initials.items():
        if len(names) == 1 and letters not in out:
            out[letters] = next(iter(names))
    return out


def person_orgs(index: EntityIndex, roles: dict[str, list[Role]]) -> dict[str, str]:
    """{person: the organisation or country of their role} (an organisation first)."""
    out: dict[str, str] = {}
    for name, rs in roles.items():
        orgs = [r.org for r in rs if r.org and r.org in index.labels]
        orgs.sort(key=lambda o: index.label(o) != "ORG")
        if orgs:
            out[name] = orgs[0]
    return out


def main_subject(index: EntityIndex, mentions: Mentions, title: str = "",
                 kinds: frozenset[str] = frozenset({"GPE", "ORG"}),
                 doc: Doc | None = None) -> str | None:
    """The organisation or place (of `kinds`) an article is most about: mentions, with the
    title's names counting double (people do not qualify: their figures are their
    organisation's; a name quoted as a source, "according to X", a place named only as
    where something happens, "in Manhattan", count half; a dateline's place and wire credit,
    "WASHINGTON (Reuters) -", an outlet spoken to, "told Reuters", an exchange of a listing,
    "(NYSE: HD)", a table's row label and a party's name used as an adjective not at all)."""
    score: dict[str, float] = defaultdict(float)
    for m in mentions.items:
        if doc is not None and m.name in PARTY_WORDS and _adjectival(doc, m.start):
            continue  # "Conservative MPs", "Republican lawmakers": a modifier, not the topic
        if doc is not None and bystander(doc[m.start]):
            continue  # "told Reuters", "(NYSE: HD)": the outlet, the exchange
        if m.label in kinds and not (doc is not None and in_dateline(doc[m.start])):
            if doc is not None and table_row(doc[m.start].sent):
                continue  # "Argentina 121 TWh": a row of a listing, not what the story is about
            quoted = doc is not None and (is_source(doc[m.start], speakers=False, depth=6)
                                          or adjunct_place(doc[m.start], m.label))
            score[m.name] += 0.5 if quoted else 1.0
    low = _words(title)
    for name in list(score):
        forms = {name, *index.surfaces.get(name, ())}
        if low.strip() and any(f and _words(f).strip() and _words(f) in low for f in forms):
            score[name] += 2  # whole words: "US" is not in "industry"
    if not score:
        return None
    return min(score, key=lambda n: (-score[n], _first(mentions, n)))


_ROW_WORDS = 6


_TEXT_KEY = "pw_doc_text"


def _doc_text(doc: Doc) -> str:
    """`doc.text`, built once per doc (spaCy joins every token on each read)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def table_row(sent: Span) -> bool:
    """A line of a table: a whole line that is a name, a number and its unit, no verb
    ("Argentina 121 TWh"; not a heading such as "Bitcoin at $100,000")."""
    text = _doc_text(sent.doc)
    stripped = sent.text.strip()
    first = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    last = first + len(stripped)
    if (first and text[first - 1] != "\n") or (last < len(text) and text[last] != "\n"):
        return False
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    return 2 < len(words) <= _ROW_WORDS and words[-2].like_num and not words[-1].like_num \
        and not words[-1].is_lower and words[0].ent_type_ != "" \
        and not any(t.pos_ in {"VERB", "AUX", "ADP"} for t in words)


def row_label(figure: Span, index: EntityIndex) -> Token | None:
    """The first token of the name that opens a table's row ("Argentina 121 TWh") when the
    figure ends that row."""
    sent = figure.sent
    if not table_row(sent):
        return None
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    before = [t for t in words if t.i < figure.start]
    if not before or words[-1].i >= figure.end:
        return None
    name = index.at(before[0].i)
    covered = name is not None and all(index.at(t.i) == name for t in before)
    return before[0] if covered else None


def _adjectival(doc: Doc, start: int) -> bool:
    """A one-word name that modifies a noun as an adjective."""
    one_word = start + 1 >= len(doc) or doc[start + 1].ent_iob_ != "I"
    return one_word and doc[start].dep_ == "amod"


def _words(text: str) -> str:
    """Lower-case words of a text between single spaces, with a space at each end."""
    return " " + " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split()) + " "


def _first(mentions: Mentions, name: str) -> int:
    return next((m.start for m in mentions.items if m.name == name), 1 << 30)


def countries_in_names(index: EntityIndex) -> dict[str, str]:
    """{organisation: the place its name contains} ("Central Bank of Nigeria" -> Nigeria),
    for places the article names as entities."""
    places = {n for n in index.labels if index.label(n) in {"GPE"}}
    places |= {DEMONYMS[n] for n in index.labels if n in DEMONYMS and DEMONYMS[n] in places}
    out: dict[str, str] = {}
    for name in index.labels:
        if index.label(name) != "ORG":
            continue
        words = f" {name} "
        for place in places:
            if place != name and f" {place} " in words:
                out[name] = place
                break
        else:
            for word in name.split():
                country = DEMONYMS.get(word)
                if country in places:
                    out[name] = country
                    break
    return out


def bystanders_only(doc: Doc, mentions: Mentions) -> frozenset[str]:
    """Names every mention of which is an outlet spoken to or on ("told Reuters") or the
    exchange of a listing ("(NYSE: HD)"): they own no figure of the story."""
    spoken: set[str] = set()
    other: set[str] = set()
    for m in mentions.items:
        (spoken if bystander(doc[m.start]) else other).add(m.name)
    return frozenset(spoken - other)
