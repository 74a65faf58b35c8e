"""Hand labels of the facts eval (`bench/eval/labels/`) and the real articles they describe.

Labels are committed; the articles are read from `../shared/data` at run time. The guide to the
labels is `bench/eval/labels/GUIDE.md`; the fixed dev/test split is `labels/manifest.jsonl`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.eval import DATA_DIR

LABELS_DIR = Path(__file__).resolve().parent / "labels"
SPLITS = ("dev", "test")
SOURCES = {
    "crypto-policy-news": ("crypto-policy-news", "articles.jsonl"),
    "policy-news-dev": ("policy-news-dev", "articles.jsonl"),
    "frank-summ": ("frank-summ", "frank_articles_references.jsonl"),
}
_XSUM_WIDGET = re.compile(r"^Share this with.*?Copy this link", re.S)
_GLUED_STOP = re.compile(r"(?<=[a-z)\"”’])\.(?=[A-Z\"“])")
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "PRODUCT", "FAC",
                          "EVENT"})


@dataclass(frozen=True)
class FigureLabel:
    """One labelled figure: whose it is, what it measures, its normalised value and unit."""

    subject: str
    value: float
    unit: str
    text: str
    measure: str = ""
    qualifier: str | None = None
    subject_alts: tuple[str, ...] = ()
    value_high: float | None = None

    @property
    def subjects(self) -> tuple[str, ...]:
        """The subject first, then the other names it may be asked by."""
        return (self.subject, *self.subject_alts)


@dataclass(frozen=True)
class RoleLabel:
    """A role the article states for a named person (or an organisation's description)."""

    name: str
    role: str
    org: str | None
    evidence: str = ""


@dataclass(frozen=True)
class EntityLabel:
    """A named entity of the article, with its type and other surface forms."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleLabels:
    """Everything labelled for one article."""

    id: str
    set: str
    split: str
    url: str | None
    figures: tuple[FigureLabel, ...] = ()
    roles: tuple[RoleLabel, ...] = ()
    entities: tuple[EntityLabel, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """The article text as the ingest reads it (a JSON Lines record)."""

    id: str
    url: str | None
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """The `url, title, date, source, text` object `policywire ingest` reads from .jsonl."""
        return {"url": self.url, "title": self.title, "date": self.date,
                "source": self.source, "text": self.text}


def _figure(obj: dict[str, Any]) -> FigureLabel:
    high = obj.get("value_high")
    return FigureLabel(
        subject=str(obj["subject"]), value=float(obj["value"]), unit=str(obj["unit"]),
        text=str(obj.get("text") or ""), measure=str(obj.get("measure") or ""),
        qualifier=obj.get("qualifier") or None,
        subject_alts=tuple(str(a) for a in obj.get("subject_alts") or ()),
        value_high=float(high) if high is not None else None,
    )


def parse_labels(obj: dict[str, Any]) -> ArticleLabels:
    """One label line as typed values (KeyError/ValueError on a malformed line)."""
    return ArticleLabels(
        id=str(obj["id"]), set=str(obj["set"]), split=str(obj["split"]), url=obj.get("url"),
        figures=tuple(_figure(f) for f in obj.get("figures") or ()),
        roles=tuple(RoleLabel(str(r["name"]), str(r["role"]), r.get("org") or None,
                              str(r.get("evidence") or "")) for r in obj.get("roles") or ()),
        entities=tuple(EntityLabel(str(e["name"]), str(e["type"]).upper(),
                                   tuple(str(a) for a in e.get("aliases") or ()))
                       for e in obj.get("entities") or ()),
        topics=tuple(str(t) for t in obj.get("topics") or ()),
    )


def load_labels(split: str, labels_dir: Path = LABELS_DIR) -> list[ArticleLabels]:
    """The labelled articles of one split (`dev` or `test`), in file order."""
    path = labels_dir / f"{split}.jsonl"
    if not path.exists():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(parse_labels(json.loads(line)))
            except (KeyError, ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: malformed label ({exc})") from exc
    return out


def manifest(labels_dir: Path = LABELS_DIR) -> dict[str, tuple[str, str]]:
    """{article id: (set, split)} as fixed before labelling."""
    path = labels_dir / "manifest.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return {r["id"]: (r["set"], r["split"]) for r in rows}


def _article(set_name: str, obj: dict[str, Any]) -> Article:
    text = obj.get("text") or obj.get("article") or ""
    if set_name == "frank-summ":  # XSum: widget text first, no space after full stops
        text = _GLUED_STOP.sub(". ", _XSUM_WIDGET.sub("", text)).strip()
    return Article(id=str(obj["id"]), url=obj.get("url"), title=obj.get("title") or "",
                   text=text, date=obj.get("date"),
                   source=obj.get("source") if set_name != "frank-summ" else None, extra=obj)


EXCERPT_CHARS = 2600  # page bodies are cut here, at a paragraph end, like the other sets


def _excerpt(body: str) -> str:
    """The first paragraphs of a page body, up to EXCERPT_CHARS."""
    if len(body) <= EXCERPT_CHARS:
        return body.strip()
    cut = body.rfind("\n", 0, EXCERPT_CHARS)
    return body[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS].strip()


def _page_articles(ids: set[str], data_dir: Path) -> dict[str, Article]:
    """Articles from the two page sets, by the ids the manifest gives them: the first 12 hex
    digits of an article-extraction-benchmark key, or a newspaper-fulltext text file name."""
    found: dict[str, Article] = {}
    truth = data_dir / "article-extraction-benchmark" / "ground-truth.json"
    if truth.exists():
        for key, row in json.loads(truth.read_text(encoding="utf-8")).items():
            aid = f"aeb-{key[:12]}"
            if aid in ids:
                found[aid] = Article(aid, row.get("url"), "", _excerpt(row["articleBody"]))
    manifest_path = data_dir / "newspaper-fulltext" / "manifest.jsonl"
    if manifest_path.exists():
        for line in manifest_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            aid = "npf-" + Path(row["expected_text"]).stem
            text_path = data_dir / "newspaper-fulltext" / row["expected_text"]
            if aid in ids and text_path.exists():
                found[aid] = Article(aid, row.get("url"), "", _excerpt(
                    text_path.read_text(encoding="utf-8")))
    return found


def load_articles(ids: set[str], data_dir: Path = DATA_DIR) -> dict[str, Article]:
    """The articles with these ids from every source set present under `data_dir`."""
    found: dict[str, Article] = _page_articles(ids, data_dir)
    for set_name, parts in SOURCES.items():
        path = data_dir.joinpath(*parts)
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                if str(obj.get("id")) in ids:
                    found[str(obj["id"])] = _article(set_name, obj)
    return found


def main() -> None:
    """`python -m bench.eval.facts_labels show ID...`: the exact title and text the eval
    ingests for each article (what a labeller labels)."""
    import sys

    ids = sys.argv[2:] if sys.argv[1:2] == ["show"] else sys.argv[1:]
    for aid, art in load_articles(set(ids)).items():
        print(f"===== {aid} | {art.url}\nTITLE: {art.title}\n{art.text}\n")


if __name__ == "__main__":
    main()
