"""Topic matching: a topic's `query` must hold, one of its `required` terms must occur and none of
its `excluded` ones; then its `keywords` (each a phrase or a query, see `bot.domain.query`) and
configured `entities` add evidence. A term counts most in the title, then in the lead, then in
the body; repeats add a little. The match carries the score and the reasons."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.domain.models import EntityMention, TopicMatch, TopicSpec
from bot.domain.query import Phrase, parse_query
from bot.nlp.query_match import BODY, LEAD, TITLE, Hit, TextIndex, evaluate, phrase_regex

W_TITLE = 3.0  # a term's best occurrence is in the title
W_LEAD = 2.0  # ... in the lead (the first LEAD_WORDS words of the body)
W_BODY = 1.0  # ... further down
W_REPEAT = 0.25  # each further occurrence, capped
MAX_REPEATS = 4
W_ENTITY = 1.5  # a configured entity that the article mentions
_ZONE_WEIGHT = {TITLE: W_TITLE, LEAD: W_LEAD, BODY: W_BODY}


def term_regex(term: str) -> re.Pattern[str]:
    """Compiled whole-word, case-insensitive pattern for a plain keyword or phrase."""
    return phrase_regex(tuple(term.split()))


def count_term(text: str, term: str) -> int:
    """How often a plain keyword or phrase occurs as whole words."""
    if not term.strip():
        return 0
    return len(term_regex(term.strip()).findall(text))


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text).strip().casefold()


def _forms(index: TextIndex, hit: Hit) -> list[str]:
    """Each occurrence named as the reason shows it: the configured phrase where the text writes
    it so, else the text's own form (lower-cased unless the phrase has capitals, "ETF" ->
    "ETFs"); a regex occurrence as written."""
    forms = []
    for span in hit.spans:
        written = " ".join(index.text[span.start:span.end].split())
        if not isinstance(span.term, Phrase):
            forms.append(written)
            continue
        term = " ".join(span.term.words) + ("*" if span.term.prefix else "")
        same = _key(written) == _key(term)
        forms.append(term if same else written if term != term.lower() else written.lower())
    return forms


def _evidence(index: TextIndex, hit: Hit) -> float:
    """A found keyword's weight: where its best occurrence is, plus a little per repeat."""
    best = min(index.zone(s) for s in hit.spans)
    return _ZONE_WEIGHT[best] + W_REPEAT * min(max(hit.count, 1) - 1, MAX_REPEATS)


def _holds(index: TextIndex, term: str) -> bool:
    return evaluate(parse_query(term), index).matched


def _entity_hits(entities: Sequence[EntityMention], wanted: Sequence[str]) -> list[str]:
    names: dict[str, str] = {}
    for ent in entities:
        for form in (ent.name, *ent.aliases):
            names.setdefault(form.lower(), ent.name)
    return [w for w in wanted if w.lower() in names]


def match_indexed(index: TextIndex, entities: Sequence[EntityMention],
                  topic: TopicSpec) -> TopicMatch | None:
    """The match of one topic on an indexed text, or None (vetoed, or below its min_score)."""
    if any(_holds(index, term) for term in topic.excluded):
        return None
    if topic.required and not any(_holds(index, term) for term in topic.required):
        return None
    gate = evaluate(parse_query(topic.query), index) if topic.query else None
    if gate is not None and not gate.matched:
        return None
    evidence = [(term, evaluate(parse_query(term), index))
                for term in dict.fromkeys(topic.keywords)]
    if gate is not None and not topic.keywords and not topic.entities:
        evidence = [(topic.query, gate)]  # a query alone is its own evidence
    score = 0.0
    terms: dict[str, str] = {}  # reported form by its case- and spacing-free key
    for term, hit in evidence:
        if not hit.spans:
            continue
        for form in sorted(_forms(index, hit), key=lambda f: f != term):  # as configured first
            terms.setdefault(_key(form), form)
        score += _evidence(index, hit)
    hits = _entity_hits(entities, topic.entities)
    score += W_ENTITY * len(hits)
    if score < topic.min_score or not (terms or hits):
        return None
    return TopicMatch(topic.name, round(score, 3), tuple(terms.values()), tuple(hits))


def match_topic(text: str, entities: Sequence[EntityMention], topic: TopicSpec,
                title: str = "") -> TopicMatch | None:
    """The match of one topic on an article's text (and title), or None."""
    return match_indexed(TextIndex(text, title), entities, topic)


def match_topics(text: str, entities: Sequence[EntityMention], topics: Sequence[TopicSpec],
                 title: str = "") -> list[TopicMatch]:
    """All topics the article matches, best first. The title, when given, weighs most. A topic
    whose score is under its `min_share` of the best topic's is only mentioned in passing."""
    index = TextIndex(text, title)
    share = {t.name: t.min_share for t in topics}
    found = [m for t in topics if (m := match_indexed(index, entities, t)) is not None]
    best = max((m.score for m in found), default=0.0)
    found = [m for m in found if m.score >= share[m.topic] * best - 1e-9]
    return sorted(found, key=lambda m: (-m.score, m.topic))
