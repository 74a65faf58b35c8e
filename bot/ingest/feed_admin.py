"""`/feeds` admin operations: health list, why an item was skipped, poll now, pause, resume,
and feeds added or removed at run time (config feeds are edited in YAML), one at a time or from
an OPML subscription list (`policywire feeds import`).

Each operation has the handler's shape `async fn(rest: str, ctx) -> str`; wire them with
`services.admin.update(FeedAdmin(poller, ...).operations())`.
"""

from __future__ import annotations

import builtins
import difflib
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError

from bot.domain.errors import FeedError, InvalidArgument, NotFound
from bot.feeds.dedup import canonical_url
from bot.feeds.opml import parse_opml
from bot.ingest.polling import FeedPoller
from bot.settings import FeedConfig
from bot.store.feeds import FeedState

Operation = Callable[[str, Any], Awaitable[str]]
ADD_USAGE = "/feeds add <url> [topic ...]"


@dataclass(frozen=True, slots=True)
class Added:
    """What adding one feed URL did."""

    url: str
    state: Literal["added", "already added", "in the config file"]
    items: int = 0
    title: str = ""


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


class FeedAdmin:
    """Admin operations on live feeds, for the `/feeds` command."""

    def __init__(self, poller: FeedPoller, *, topics: Callable[[], Sequence[str]] | None = None,
                 on_change: Callable[[], Awaitable[None]] | None = None) -> None:
        self.poller = poller
        self.repo = poller.repo
        self._topics = topics
        self._on_change = on_change

    def operations(self) -> dict[str, Operation]:
        """The dispatch table for `services.admin`."""
        return {"list": self.list, "why": self.why, "poll": self.poll, "pause": self.pause,
                "resume": self.resume, "add": self.add, "remove": self.remove}

    async def _feed(self, url: str) -> FeedConfig:
        url = url.strip()
        if not url:
            raise InvalidArgument("Give a feed URL.", "/feeds <action> <feed url>")
        feed = await self.poller.feed(url)
        if feed is None:
            urls = [f.url for f in await self.poller.feeds()]
            raise NotFound(f"No feed {url} is configured.",
                           difflib.get_close_matches(url, urls, n=3, cutoff=0.5))
        return feed

    def _line(self, feed: FeedConfig, st: FeedState, counts: dict[str, int], runtime: bool) -> str:
        status = ("paused" if st.paused else "enabled" if feed.enabled else "disabled")
        origin = " (added at run time)" if runtime else ""
        items = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no items yet"
        line = (f"• {feed.name or st.title or feed.url} — {feed.url}{origin}\n"
                f"  {status} · last success {_when(st.last_success)} · "
                f"{st.consecutive_failures} failure(s) · next poll {_when(st.next_poll_at)} · "
                f"{items}")
        if st.last_error:
            line += f"\n  last error: {st.last_error}"
        if st.paused and st.paused_reason:
            line += f"\n  {st.paused_reason}"
        return line

    async def list(self, rest: str = "", ctx: Any = None) -> str:
        """Health of every feed: status, last success, failures, last error, next poll."""
        feeds = await self.poller.feeds()
        if not feeds:
            return "No feeds are configured. Add them under `feeds:` in the config file."
        states = await self.repo.states()
        runtime = {rf.url for rf in await self.repo.runtime_feeds()}
        config = {f.url for f in self.poller.config_feeds()}
        lines = [f"{len(feeds)} feed(s):"]
        for feed in feeds:
            st = states.get(feed.url, FeedState(url=feed.url))
            lines.append(self._line(feed, st, await self.repo.counts(feed.url),
                                    feed.url in runtime and feed.url not in config))
        return "\n".join(lines)

    async def why(self, rest: str, ctx: Any = None) -> str:
        """Why an item URL was stored or skipped; for a feed URL, the feed's status."""
        url = rest.strip()
        if not url:
            raise InvalidArgument("Give the URL of an item or a feed.", "/feeds why <url>")
        feed = await self.poller.feed(url)
        if feed is not None:
            st = await self.repo.state(url)
            runtime = feed.url not in {f.url for f in self.poller.config_feeds()}
            return self._line(feed, st, await self.repo.counts(url), runtime)
        seen = await self.repo.items_by_url(canonical_url(url))
        if not seen:
            record = await self.poller.store.articles.by_url(url)
            if record is not None:
                return (f"{url} is stored as article #{record.id} but did not come from a feed "
                        "(ingested by hand or from seeds).")
            raise NotFound(f"No feed has seen {url}.")
        lines = []
        for it in seen:
            what = {"stored": "stored" + (f" as article #{it.article_id}" if it.article_id
                                          else ""),
                    "skipped": "skipped", "baseline": "recorded silently"}.get(it.state, it.state)
            lines.append(f"• {it.title or url} — in {it.feed_url}: {what} "
                         f"(first seen {_when(it.first_seen)}). Reason: {it.reason or 'none'}")
            if it.edits:
                lines.append(f"  edited {it.edits} time(s) since, last {_when(it.last_changed)}"
                             " (edits do not alert again)")
        return "\n".join(lines)

    async def poll(self, rest: str = "", ctx: Any = None) -> str:
        """Poll one feed (or every enabled, unpaused feed) now."""
        if not rest.strip():
            reports = await self.poller.poll_due(force=True)
            if not reports:
                return "No enabled, unpaused feeds to poll."
            return "\n".join(r.summary() for r in reports)
        feed = await self._feed(rest)
        st = await self.repo.state(feed.url)
        if st.paused:
            return f"{feed.url} is paused ({st.paused_reason}). Use /feeds resume {feed.url} first."
        return (await self.poller.poll(feed)).summary()

    async def pause(self, rest: str, ctx: Any = None) -> str:
        """Stop polling a feed until resumed."""
        feed = await self._feed(rest)
        who = getattr(ctx, "user_id", "an admin")
        await self.repo.pause(feed.url, f"paused by {who}")
        await self.repo.mark_notified(feed.url)
        return f"Paused {feed.url}. Resume it with /feeds resume {feed.url}."

    async def resume(self, rest: str, ctx: Any = None) -> str:
        """Poll a paused feed again, with a clean failure count."""
        feed = await self._feed(rest)
        await self.repo.resume(feed.url, at=self.poller.clock())
        return f"Resumed {feed.url}; it is polled at its next turn (or now with /feeds poll)."

    def _check_topics(self, topics: Sequence[str]) -> None:
        known = list(self._topics()) if self._topics else None
        unknown = [t for t in topics if known is not None and t not in known]
        if unknown:
            raise NotFound(f"Unknown topic {unknown[0]}.",
                           difflib.get_close_matches(unknown[0], known or [], n=3))

    async def add_feed(self, url: str, topics: Sequence[str], added_by: str = "") -> Added:
        """Add one feed URL at run time.

        The URL must pass the fetcher's guard and answer with a feed: it is fetched and parsed
        once, with the same limits as a poll, before anything is stored. Raises
        InvalidArgument, NotFound (a topic) or FeedError ("Not added: <why>").
        """
        try:
            feed = FeedConfig(url=url, topics=list(topics))
        except ValidationError as exc:
            raise InvalidArgument(f"Not a usable feed URL: {exc.errors()[0]['msg']}",
                                  ADD_USAGE) from exc
        self._check_topics(topics)
        if any(f.url == url for f in self.poller.config_feeds()):
            return Added(url, "in the config file")
        try:
            parsed = await self.poller.check_feed(url)
        except FeedError as exc:
            raise FeedError(f"Not added: {exc}") from exc
        added = await self.repo.add_runtime(url, topics=feed.topics, name=None,
                                            added_by=added_by, at=self.poller.clock())
        if not added:
            return Added(url, "already added")
        if self._on_change is not None:
            await self._on_change()
        return Added(url, "added", len(parsed.items), parsed.title)

    async def add(self, rest: str, ctx: Any = None) -> str:
        """Add a feed at run time: `<url> [topic ...]` (see `add_feed`)."""
        if not rest.strip():
            raise InvalidArgument("Give a feed URL.", ADD_USAGE)
        url, *topics = rest.split()
        done = await self.add_feed(url, topics, getattr(ctx, "user_id", ""))
        if done.state == "in the config file":
            return f"{url} is already in the config file; config feeds are edited in YAML."
        if done.state == "already added":
            return f"{url} was already added."
        title = f" ({done.title})" if done.title else ""
        return (f"Added {url}{title}, a feed of {done.items} item(s) now (stored in the "
                "database, not in the config file; config feeds are edited in YAML). Its current "
                "items become a silent baseline on the first poll.")

    async def import_opml(self, raw: bytes, where: str, topics: Sequence[str],
                          added_by: str = "") -> builtins.list[tuple[str, str, bool]]:
        """Add every feed an OPML list names, as `add_feed` would; one (url, outcome in words,
        ok) per feed. Raises FeedError when the file is not a usable OPML list."""
        self._check_topics(topics)
        out = []
        for sub in parse_opml(raw, where=where):
            try:
                done = await self.add_feed(sub.url, topics, added_by)
            except (FeedError, InvalidArgument) as exc:
                out.append((sub.url, f"refused: {str(exc).removeprefix('Not added: ')}", False))
                continue
            detail = f" ({done.items} items)" if done.state == "added" else ""
            out.append((sub.url, done.state + detail, True))
        return out

    async def remove(self, rest: str, ctx: Any = None) -> str:
        """Remove a feed added at run time."""
        url = rest.strip()
        if any(f.url == url for f in self.poller.config_feeds()):
            return (f"{url} comes from the config file; remove it there (config feeds are edited "
                    "in YAML) and reload, or pause it with /feeds pause.")
        if not await self.repo.remove_runtime(url):
            raise NotFound(f"No feed {url} was added at run time.")
        if self._on_change is not None:
            await self._on_change()
        return f"Removed {url}. Its history stays in the database."
