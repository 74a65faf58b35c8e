"""Topic matching: whole-word, case-insensitive keywords with light plural handling, required and
excluded terms, configured entities (by canonical name or alias), a score and the reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.domain.models import EntityMention, TopicMatch, TopicSpec

W_TERM = 1.0  # first occurrence of a keyword
W_REPEAT = 0.25  # each further occurrence, capped
MAX_REPEATS = 4
W_ENTITY = 1.5  # a configured entity that the article mentions


def _word_pattern(word: str) -> str:
    """A word with optional plural ending: "stablecoin" ~ "stablecoins", "policy" ~ "policies"."""
    w = re.escape(word)
    if not word[-1:].isalpha():
        return w
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return re.escape(word[:-3]) + r"(?:y|ies)"
    if low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies)"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        base = word[:-1] if low.endswith("s") and not low.endswith("ss") else word
        return re.escape(base) + r"(?:s|es)?"
    return w + r"(?:s|es)?"


@lru_cache(maxsize=2048)
def term_regex(term: str) -> re.Pattern[str]:
    """Compiled whole-word, case-insensitive pattern for a keyword or phrase."""
    words = term.split()
    body = r"[\s\-]+".join(re.escape(w) for w in words[:-1])
    last = _word_pattern(words[-1]) if words else ""
    body = f"{body}[\\s\\-]+{last}" if body else last
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def count_term(text: str, term: str) -> int:
    """How often a keyword or phrase occurs as whole words."""
    if not term.strip():
        return 0
    return len(term_regex(term.strip()).findall(text))


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text).strip().casefold()


def found_forms(text: str, term: str) -> list[str]:
    """Each whole-word occurrence of a keyword, named as the reason shows it: the keyword itself
    where it is written as configured, else the form the text uses ("stablecoin" found only as
    "Stablecoins" -> "stablecoins"; capitals kept when the keyword has some, "ETF" -> "ETFs")."""
    term = term.strip()
    if not term:
        return []
    key = _key(term)
    forms = []
    for m in term_regex(term).finditer(text):
        written = " ".join(m.group(0).split())
        same = _key(written) == key
        forms.append(term if same else written if term != term.lower() else written.lower())
    return forms


def _entity_hits(entities: Sequence[EntityMention], wanted: Sequence[str]) -> list[str]:
    names: dict[str, str] = {}
    for ent in entities:
        for form in (ent.name, *ent.aliases):
            names.setdefault(form.lower(), ent.name)
    return [w for w in wanted if w.lower() in names]


def match_topic(
    text: str, entities: Sequence[EntityMention], topic: TopicSpec
) -> TopicMatch | None:
    """The match of one topic, or None when it does not reach its min_score or is vetoed."""
    if any(count_term(text, term) for term in topic.excluded):
        return None
    if topic.required and not any(count_term(text, term) for term in topic.required):
        return None
    score = 0.0
    terms: dict[str, str] = {}  # reported form by its case- and spacing-free key
    for term in dict.fromkeys(topic.keywords):
        forms = found_forms(text, term)
        if forms:
            for form in sorted(forms, key=lambda f: f != term):  # as configured first
                terms.setdefault(_key(form), form)
            score += W_TERM + W_REPEAT * min(len(forms) - 1, MAX_REPEATS)
    hits = _entity_hits(entities, topic.entities)
    score += W_ENTITY * len(hits)
    if score < topic.min_score or not (terms or hits):
        return None
    return TopicMatch(topic.name, round(score, 3), tuple(terms.values()), tuple(hits))


def match_topics(text: str, entities: Sequence[EntityMention],
                 topics: Sequence[TopicSpec]) -> list[TopicMatch]:
    """All topics the text matches, best first."""
    found = [m for t in topics if (m := match_topic(text, entities, t)) is not None]
    return sorted(found, key=lambda m: (-m.score, m.topic))
