"""Scoring the facts eval: labelled figures, roles, entities and topics against the JSON replies
of the real `/figures` and `/entity` handlers (the `policywire ask --json` contract).

`score_article` needs only an async `ask(command) -> reply JSON` and what the ingest reported
(the stored article's id, its topics, its entity names and all its figures), so tests can feed
it replies that are wrong in known ways and see it fail.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.eval.facts_labels import ArticleLabels, FigureLabel, RoleLabel
from bench.eval.facts_match import (
    fold,
    names_match,
    role_matches,
    units_match,
    values_match,
)

Ask = Callable[[str], Awaitable[dict[str, Any]]]
_UNIT_NAMES = frozenset({"mw", "gw", "kw", "kwh", "mwh", "gwh", "twh", "btc", "eth", "usd",
                         "eur", "gbp", "km", "km2", "ha", "bp", "pp", "eh/s", "th/s", "ph/s",
                         "cents", "cent", "%", "usdt", "usdc", "sats", "tonnes", "bbl"})
_BILL = re.compile(r"(?:h\.?\s?b|s\.?\s?b|h\.?\s?r|a\.?\s?b|s|l\.?\s?d)\.?(?:\s?\d+)?", re.I)
_FUNCTION_WORDS = frozenset({"through", "with", "from", "to", "by", "as", "on", "via", "into",
                             "after", "before", "while", "when", "said", "says", "told"})
_TYPE_GROUPS = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person",
                "ORG": "org", "NORP": "norp", "LAW": "law", "PRODUCT": "product",
                "EVENT": "event"}


@dataclass(frozen=True)
class StoredArticle:
    """What the ingest stored for one labelled article."""

    article_id: int
    topics: tuple[str, ...]
    entity_names: tuple[str, ...]  # canonical names of the entities named in it
    figures: tuple[dict[str, Any], ...]  # every stored figure: value, unit, subject, text
    summary: tuple[str, ...] = ()


@dataclass
class ArticleScore:
    """Counts for one article (summed by `Totals`)."""

    figures: int = 0
    figures_found: int = 0
    listed: int = 0  # figures listed for labelled subjects from this article
    listed_right: int = 0
    roles: int = 0
    roles_found: int = 0
    roles_listed: int = 0
    roles_listed_right: int = 0
    entities_stored: int = 0
    junk: int = 0
    topic_tp: int = 0
    topic_fp: int = 0
    topic_fn: int = 0
    summary_bad: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)


class Replies:
    """Caches one reply per command (several labels ask about the same subject)."""

    def __init__(self, ask: Ask) -> None:
        self.ask = ask
        self._cache: dict[str, dict[str, Any]] = {}

    async def get(self, command: str) -> dict[str, Any]:
        """The reply JSON of a command, asked once."""
        if command not in self._cache:
            self._cache[command] = await self.ask(command)
        return self._cache[command]

    async def figures(self, subject: str, article_id: int) -> list[dict[str, Any]] | None:
        """Items of `/figures subject` from one article; None when the name is unknown."""
        reply = await self.get(f"/figures {subject}")
        if not reply.get("ok"):
            return None
        return [i for i in reply.get("items") or () if (i.get("article") or {}).get("id")
                == article_id]

    async def entity(self, name: str) -> dict[str, Any] | None:
        """The `entity` object of `/entity name`, or None when unknown."""
        reply = await self.get(f"/entity {name}")
        return reply.get("entity") if reply.get("ok") else None


def figure_hit(label: FigureLabel, item: dict[str, Any]) -> bool:
    """An item states the labelled figure: value and unit right."""
    return values_match(label.value, item.get("value")) and units_match(label.unit,
                                                                       item.get("unit"))


async def _score_figures(labels: ArticleLabels, stored: StoredArticle, replies: Replies,
                         out: ArticleScore) -> None:
    for label in labels.figures:
        out.figures += 1
        known = False
        for name in label.subjects:
            items = await replies.figures(name, stored.article_id)
            if items is None:
                continue
            known = True
            if any(figure_hit(label, i) for i in items):
                out.figures_found += 1
                break
        else:
            cls = _figure_error(label, stored, known)
            out.errors[f"figure:{cls}"] += 1
            out.misses.append({"article": labels.id, "kind": "figure", "class": cls,
                               "subject": label.subject, "text": label.text,
                               "value": label.value, "unit": label.unit,
                               "got": sorted({f"{f.get('subject')}: {f.get('text')}"
                                              for f in stored.figures
                                              if figure_hit(label, f)})[:3]})
    for subject, group in _subject_groups(labels.figures).items():
        items = await replies.figures(subject, stored.article_id) or []
        for item in items:
            out.listed += 1
            if any(figure_hit(lab, item) for lab in group):
                out.listed_right += 1
            else:
                out.errors["figure:listed_unlabelled"] += 1
                out.misses.append({"article": labels.id, "kind": "extra_figure",
                                   "subject": subject, "text": item.get("text"),
                                   "value": item.get("value"), "unit": item.get("unit")})


def _subject_groups(figures: Sequence[FigureLabel]) -> dict[str, list[FigureLabel]]:
    """{labelled subject: the labels a figure listed under it may match}: the labels of that
    subject, and those naming it among their alternatives."""
    groups: dict[str, list[FigureLabel]] = {}
    for label in figures:
        groups.setdefault(label.subject, [])
    for subject, group in groups.items():
        group.extend(f for f in figures if any(names_match(subject, s) for s in f.subjects))
    return groups


def _figure_error(label: FigureLabel, stored: StoredArticle, known: bool) -> str:
    """Why a labelled figure was not found under its subject."""
    same = [f for f in stored.figures if figure_hit(label, f)]
    if same:
        return "wrong_subject" if known else "subject_unknown"
    digits = re.sub(r"\D", "", label.text)
    near = [f for f in stored.figures if digits and digits in re.sub(r"\D", "", f["text"])]
    if near:
        unit_ok = any(units_match(label.unit, f.get("unit")) for f in near)
        return "wrong_value" if unit_ok else "wrong_unit"
    return "not_extracted"


async def _score_roles(labels: ArticleLabels, stored: StoredArticle, replies: Replies,
                       out: ArticleScore) -> None:
    by_name: dict[str, list[RoleLabel]] = {}
    for role in labels.roles:
        by_name.setdefault(role.name, []).append(role)
    for name, wanted in by_name.items():
        entity = await replies.entity(name)
        got = list((entity or {}).get("roles") or ())
        for role in wanted:
            out.roles += 1
            orgs = _aliases(labels, role.org)
            if any(role_matches(role.role, role.org, orgs, g.get("text", ""), g.get("org"))
                   for g in got):
                out.roles_found += 1
                continue
            cls = ("name_unknown" if entity is None else "no_role" if not got
                   else "org_differs" if any(role_matches(role.role, None, (), g.get("text", ""),
                                                          g.get("org")) for g in got)
                   else "role_differs")
            out.errors[f"role:{cls}"] += 1
            out.misses.append({"article": labels.id, "kind": "role", "class": cls,
                               "name": name, "role": role.role, "org": role.org,
                               "got": [(g.get("text"), g.get("org")) for g in got][:4]})
        for g in got:
            if g.get("article_id") != stored.article_id:
                continue
            out.roles_listed += 1
            if any(role_matches(r.role, None, _aliases(labels, r.org), g.get("text", ""),
                                g.get("org")) for r in wanted):
                out.roles_listed_right += 1


def _aliases(labels: ArticleLabels, name: str | None) -> tuple[str, ...]:
    """Other names the labels give for an entity (an org written as its acronym)."""
    if not name:
        return ()
    for ent in labels.entities:
        if names_match(name, ent.name) or any(names_match(name, a) for a in ent.aliases):
            return (ent.name, *ent.aliases)
    return ()


def junk_reason(name: str, type_: str, labels: ArticleLabels) -> str | None:
    """Why a stored entity name is junk, or None: a unit, a bill number, a labelled name of the
    wrong type, or a glued phrase (a function word inside, a labelled person inside a name
    of another type, or two labelled names side by side). A longer real name that contains a
    labelled one ("US Senate", "Donald Trump" for "Trump") is not junk."""
    key = fold(name)
    if key in _UNIT_NAMES or re.fullmatch(r"[\d.,%$€£\s]+\w{0,4}", key):
        return "unit_or_number"
    if _BILL.fullmatch(key) and type_ != "LAW":
        return "bill_number"
    labelled = {fold(n): e for e in labels.entities for n in (e.name, *e.aliases)}
    if key in labelled:
        want = _TYPE_GROUPS.get(labelled[key].type, "other")
        got = _TYPE_GROUPS.get(type_, "other")
        return None if want == got or {want, got} <= {"place", "norp"} else "wrong_type"
    words = key.split()
    if any(w in _FUNCTION_WORDS for w in words):
        return "glued"
    inside = [n for n in labelled if len(n.split()) < len(words) and f" {n} " in f" {key} "]
    people = [n for n in inside if labelled[n].type == "PERSON"]
    if people and type_ != "PERSON":
        return "glued"  # "AIFC Kairat Kelimbetov" typed ORG
    distinct = {labelled[n].name for n in inside}
    if len(distinct) >= 2 and not any(
            a != b and f" {a} " in f" {b} " for a in inside for b in inside):
        return "glued"  # two labelled names side by side
    return None


async def _score_entities(labels: ArticleLabels, stored: StoredArticle, replies: Replies,
                          out: ArticleScore) -> None:
    for name in stored.entity_names:
        entity = await replies.entity(name)
        if entity is None:
            continue
        out.entities_stored += 1
        reason = junk_reason(entity.get("name", name), entity.get("type", ""), labels)
        if reason:
            out.junk += 1
            out.errors[f"entity:{reason}"] += 1
            out.misses.append({"article": labels.id, "kind": "junk_entity", "class": reason,
                               "name": name, "type": entity.get("type")})


def _score_topics(labels: ArticleLabels, stored: StoredArticle, out: ArticleScore) -> None:
    want, got = set(labels.topics), set(stored.topics)
    out.topic_tp += len(want & got)
    out.topic_fp += len(got - want)
    out.topic_fn += len(want - got)
    for t in sorted(got - want):
        out.errors["topic:false_positive"] += 1
        out.misses.append({"article": labels.id, "kind": "topic", "class": "extra", "topic": t})
    for t in sorted(want - got):
        out.errors["topic:missed"] += 1
        out.misses.append({"article": labels.id, "kind": "topic", "class": "missed", "topic": t})


async def score_article(labels: ArticleLabels, stored: StoredArticle, ask: Ask,
                        summary_check: Callable[[Sequence[str]], str | None] | None = None,
                        replies: Replies | None = None) -> ArticleScore:
    """Every count of one article; `summary_check` names what is wrong with a summary."""
    replies = replies or Replies(ask)
    out = ArticleScore()
    await _score_figures(labels, stored, replies, out)
    await _score_roles(labels, stored, replies, out)
    await _score_entities(labels, stored, replies, out)
    _score_topics(labels, stored, out)
    if summary_check is not None:
        problem = summary_check(stored.summary)
        if problem:
            out.summary_bad = 1
            out.errors[f"summary:{problem}"] += 1
            out.misses.append({"article": labels.id, "kind": "summary", "class": problem,
                               "summary": list(stored.summary)})
    return out


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def totals(scores: Sequence[ArticleScore]) -> dict[str, Any]:
    """The report of a split: rates, raw counts and errors by class."""
    s: dict[str, int] = Counter()
    errors: Counter[str] = Counter()
    for a in scores:
        for k, v in vars(a).items():
            if isinstance(v, int):
                s[k] += v
        errors.update(a.errors)
    tp, fp, fn = s["topic_tp"], s["topic_fp"], s["topic_fn"]
    return {
        "articles": len(scores),
        "figure_recall": _ratio(s["figures_found"], s["figures"]),
        "figure_precision": _ratio(s["listed_right"], s["listed"]),
        "role_recall": _ratio(s["roles_found"], s["roles"]),
        "role_precision": _ratio(s["roles_listed_right"], s["roles_listed"]),
        "junk_entity_rate": _ratio(s["junk"], s["entities_stored"]),
        "topic_precision": _ratio(tp, tp + fp),
        "topic_recall": _ratio(tp, tp + fn),
        "summary_bad_share": _ratio(s["summary_bad"], len(scores)),
        "counts": dict(s),
        "errors": dict(sorted(errors.items())),
    }
