"""Turn files and fetched pages into `ArticleIn` values (txt/md with front matter, html, json).

Pages are extracted in the feeds sandbox (bounded CPU and memory); an OPML subscription list is
refused as an article and pointed at `policywire feeds import`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.config_loader.reader import FileProblem, load_yaml
from bot.domain.errors import FeedError, InvalidArgument
from bot.domain.models import ArticleIn
from bot.feeds.extract import extract_article_async
from bot.feeds.sandbox import JobLimits
from bot.feeds.xmlsafety import root_element

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
SUPPORTED = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")


def parse_date(value: Any) -> datetime | None:
    """A datetime from an ISO string, a date, or None; naive values are taken as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        try:
            dt = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def article_from_mapping(obj: dict[str, Any], where: str) -> ArticleIn:
    """An article from a JSON object with `url, title, date, text` (title/url optional)."""
    text = obj.get("text") or obj.get("article") or obj.get("body")
    if not isinstance(text, str) or not text.strip():
        raise InvalidArgument(f"{where}: needs a non-empty 'text' field")
    title = str(obj.get("title") or first_line_title(text))
    return ArticleIn(
        url=obj.get("url") or None, title=title, text=text, date=parse_date(obj.get("date")),
        source=obj.get("source") or None,
    )


def first_line_title(text: str) -> str:
    """The first non-empty line, shortened, as a fallback title."""
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
    return "Untitled"


def read_text_article(raw: str, where: str) -> ArticleIn:
    """A .txt/.md article, with optional YAML front matter (title, url, date, source)."""
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(raw)
    if m:
        try:
            loaded = load_yaml(m.group(1), f"{where} front matter")[1] or {}
        except FileProblem as exc:  # bounded like the config: no alias or merge bombs
            raise InvalidArgument(f"{where}: front matter is not valid YAML ({exc})") from exc
        if not isinstance(loaded, dict):
            raise InvalidArgument(f"{where}: front matter must be a mapping")
        meta = loaded
        raw = raw[m.end():]
    body = raw.strip()
    if not body:
        raise InvalidArgument(f"{where}: the article has no text")
    meta.setdefault("title", first_line_title(body))
    return article_from_mapping({**meta, "text": body}, where)


def read_json_articles(raw: str, where: str, lines: bool,
                       failures: list[tuple[str, str]] | None = None) -> list[ArticleIn]:
    """Articles from a JSON object/array or JSON Lines. With a `failures` list, a bad line or
    item is recorded there ((where, reason)) and the others are still read; without, it
    raises InvalidArgument."""
    def fail(what: str, reason: str) -> None:
        if failures is None:
            raise InvalidArgument(f"{what}: {reason}")
        failures.append((what, reason))

    objs: list[tuple[str, Any]] = []
    if lines:
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    objs.append((f"{where}:{n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    fail(f"{where}:{n}", f"not valid JSON ({exc.msg})")
                except RecursionError:
                    fail(f"{where}:{n}", "JSON nested too deeply to read")
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidArgument(f"{where}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
        except RecursionError as exc:
            raise InvalidArgument(f"{where}: JSON nested too deeply to read") from exc
        items = data if isinstance(data, list) else [data]
        objs = [(f"{where}: item {i}", obj) for i, obj in enumerate(items, 1)]
    out = []
    for what, obj in objs:
        if not isinstance(obj, dict):
            fail(what, "not an object")
            continue
        try:
            out.append(article_from_mapping(obj, what))
        except InvalidArgument as exc:
            fail(what, str(exc).removeprefix(f"{what}: "))
    return out


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus supported files inside named folders (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in SUPPORTED))
        elif p.exists():
            out.append(p)
        else:
            raise InvalidArgument(f"{p}: no such file or folder")
    return out


def content_hash(title: str, text: str) -> str:
    """A hash of the normalised title and text (whitespace and case folded)."""
    norm = re.sub(r"\s+", " ", f"{title}\n{text}").strip().casefold()
    return hashlib.sha256(norm.encode()).hexdigest()


def refuse_opml(raw: bytes, where: str) -> None:
    """Raise InvalidArgument when `raw` is an OPML subscription list rather than an article."""
    if root_element(raw[:65536]) == "opml":
        raise InvalidArgument(
            f"{where}: this is an OPML subscription list, not an article; add its feeds with "
            f"`policywire feeds import {where}`")


async def read_html_article(raw: bytes, where: str, url: str | None = None, *,
                            charset: str | None = None,
                            limits: JobLimits | None = None) -> ArticleIn:
    """An HTML page: main text extracted with trafilatura (comments excluded), sandboxed."""
    refuse_opml(raw, where)
    try:
        page = await extract_article_async(raw, url or "", charset=charset, limits=limits)
    except FeedError as exc:
        raise InvalidArgument(f"{where}: the page was refused: {exc}") from exc
    if page is None or not page.text.strip():
        raise InvalidArgument(f"{where}: no article text could be extracted from the page")
    return ArticleIn(
        url=url, title=page.title or first_line_title(page.text), text=page.text,
        date=parse_date(page.date), source=getattr(page, "sitename", None) or None,
    )


async def read_path(path: Path, limits: JobLimits | None = None,
                    failures: list[tuple[str, str]] | None = None) -> list[ArticleIn]:
    """Every article in one file, by its extension (bad JSON Lines items go to `failures`
    when it is given, see `read_json_articles`)."""
    where = str(path)
    suffix = path.suffix.lower()
    data = await asyncio.to_thread(path.read_bytes)  # a file read never blocks the loop
    if suffix in (".html", ".htm"):
        return [await read_html_article(data, where, limits=limits)]
    if suffix in (".opml", ".xml"):
        refuse_opml(data, where)
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidArgument(f"{where}: not UTF-8 text") from exc
    if suffix in (".json", ".jsonl"):
        return read_json_articles(raw, where, lines=suffix == ".jsonl", failures=failures)
    if suffix in (".txt", ".md"):
        return [read_text_article(raw, where)]
    raise InvalidArgument(
        f"{where}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED)}"
    )


PAGE_OR_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9,"
    " text/xml;q=0.9, text/html;q=0.8, */*;q=0.1"
)


def looks_like_feed(body: bytes, content_type: str | None) -> bool:
    """Whether a fetched body is a feed (RSS/Atom/RDF/JSON Feed) rather than a page."""
    ctype = (content_type or "").lower()
    if any(t in ctype for t in ("rss", "atom", "feed+json", "rdf")):
        return True
    head = body[:2048].lstrip().lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org" in head
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def feed_articles(parsed: Any, feed_url: str) -> list[ArticleIn]:
    """Feed items as articles (their own text; full-page fetching is the poller's job)."""
    out = []
    for item in parsed.items:
        text = item.content or item.summary
        if not text.strip():
            continue
        out.append(ArticleIn(
            url=item.url, title=item.title or first_line_title(text), text=text,
            date=item.published or item.updated, source=parsed.title or None,
            feed_url=feed_url, guid=item.guid,
        ))
    return out
