"""Read-side use cases behind the commands: entities, figures, articles, topics."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.chat.messages import ArticleItem, ArticleRef, EntityInfo, FigureItem, RoleItem, TopicHit
from bot.domain.errors import InvalidArgument, NotFound
from bot.domain.models import ArticleRecord, AuditEntry, TopicSpec
from bot.services.names import NameIndex
from bot.store.repositories import Storage
from bot.store.rows import FigureRow
from bot.store.series import MeasureHistory
from bot.store.text import search_words
from bot.store.values import when


def article_item(rec: ArticleRecord) -> ArticleItem:
    """The reply model of an article, with summary and topic reasons."""
    return ArticleItem(
        id=rec.id, title=rec.title, url=rec.url, date=rec.date, source=rec.source,
        summary=" ".join(rec.summary),
        topics=[TopicHit(topic=t.topic, reason=t.reason) for t in rec.topics],
    )


def figure_item(row: FigureRow) -> FigureItem:
    """The reply model of a stored figure with its article."""
    return FigureItem(
        value=row.value, unit=row.unit, qualifier=row.qualifier, text=row.text,
        subject=row.subject, measure=row.measure, kind=row.kind, sentence=row.sentence,
        article=ArticleRef(id=row.article_id, title=row.title, url=row.url,
                           date=when(row.published), source=row.source),
        relation=row.relation,
    )


MAX_ROLES = 20  # distinct (role, organisation) pairs an /entity answer lists


class QueryService:
    """Answers for /entity, /figures, /latest, /search, /summary, /topics and autocomplete."""

    def __init__(self, store: Storage, topics: Callable[[], Sequence[TopicSpec]]) -> None:
        self.store = store
        self._topics = topics
        self.entity_index = NameIndex()

    async def refresh_index(self, article_id: int | None = None) -> None:
        """Bring the autocomplete index up to date: with an article id (an ingest listener),
        add that article's names and their new mention totals; without, reload everything
        (at start-up and after retention)."""
        if article_id is None:
            self.entity_index.replace(await self.store.entities.all_names())
        else:
            self.entity_index.update(await self.store.entities.article_names(article_id))

    def topic_specs(self) -> list[TopicSpec]:
        """Configured topics."""
        return list(self._topics())

    def topic_names(self) -> list[str]:
        """Configured topic names."""
        return [t.name for t in self._topics()]

    def resolve_topic(self, name: str) -> str | None:
        """The configured topic called `name` (case-insensitive), if any."""
        key = name.strip().lower()
        return next((t for t in self.topic_names() if t == key), None)

    def topic_suggestions(self, name: str) -> list[str]:
        """Closest configured topic names."""
        idx = NameIndex()
        idx.replace([(t, t, 1) for t in self.topic_names()])
        return idx.suggest(name, limit=3)

    async def entity(self, name: str) -> EntityInfo:
        """Profile of an entity by name or alias; NotFound with suggestions otherwise."""
        row = await self.store.entities.lookup(name)
        if row is None:
            raise NotFound(f"No entity called “{name}” in the articles so far.",
                           self.entity_index.suggest(name))
        mentions, article_ids = await self.store.entities.mention_stats(row.id)
        articles = [ArticleRef(id=rec.id, title=rec.title, url=rec.url, date=rec.date,
                               source=rec.source)
                    for rec in await self.store.articles.get_many(article_ids)]
        roles = [RoleItem(text=r.text, org=r.org, article_id=r.article_id, articles=r.articles)
                 for r in await self.store.entities.roles(row.id, limit=MAX_ROLES)]
        return EntityInfo(
            name=row.name, type=row.type, aliases=await self.store.entities.aliases(row.id),
            roles=roles, mentions=mentions, articles=articles,
            related=await self.store.entities.related(row.id),
        )

    async def figures(self, subject: str, limit: int = 100) -> tuple[str, list[FigureItem]]:
        """(resolved subject, figures) for an entity or a topic name."""
        topic = self.resolve_topic(subject)
        if topic is not None:
            rows = await self.store.entities.figures_for_topic(topic, limit)
            return topic, [figure_item(r) for r in rows]
        row = await self.store.entities.lookup(subject)
        if row is None:
            suggestions = self.entity_index.suggest(subject) + self.topic_suggestions(subject)
            raise NotFound(f"No entity or topic called “{subject}”.", suggestions[:5])
        rows = await self.store.entities.figures_about(row.id, limit)
        return row.name, [figure_item(r) for r in rows]

    async def latest(self, topic: str | None, limit: int = 5) -> list[ArticleItem]:
        """Newest articles, optionally for one topic."""
        if topic:
            resolved = self.resolve_topic(topic)
            if resolved is None:
                raise NotFound(f"No topic called “{topic}”.", self.topic_suggestions(topic))
            topic = resolved
        return [article_item(r) for r in await self.store.articles.latest(topic, limit)]

    async def search(self, query: str, limit: int = 5) -> list[ArticleItem]:
        """Full-text search for the words of `query` (the store reads only its words, so no
        search syntax can break it, on either engine)."""
        if not search_words(query):
            raise InvalidArgument("Give at least one word to search for.")
        return [article_item(r) for r in await self.store.articles.search(query, limit)]

    async def summary(self, ref: str) -> ArticleItem:
        """One article by id, URL or `#id`."""
        key = ref.strip().lstrip("#")
        rec = None
        if key.isdigit():
            rec = await self.store.articles.get(int(key))
        elif key.startswith(("http://", "https://")):
            rec = await self.store.articles.by_url(key)
        else:
            raise InvalidArgument("Give an article id (as shown by /latest) or its URL.")
        if rec is None:
            raise NotFound(f"No article {ref}. /latest lists recent ones with their ids.")
        return article_item(rec)

    async def topic_counts(self) -> dict[str, int]:
        """Match counts per configured topic (0 for none)."""
        counts = await self.store.articles.topic_counts()
        return {t: counts.get(t, 0) for t in self.topic_names()}

    async def measure_history(self, name: str) -> list[MeasureHistory]:
        """The tracked measures of the entity called `name` (none when there is no such)."""
        row = await self.store.entities.lookup(name)
        return await self.store.series.history(row.id) if row else []

    async def audit_entries(self, count: int) -> list[AuditEntry]:
        """The newest `count` audited actions, newest first."""
        return await self.store.audit.recent(count)

    async def complete(self, kind: str, prefix: str) -> list[str]:
        """Autocomplete choices (<= 25) for an argument kind."""
        if kind == "topic":
            p = prefix.strip().lower()
            return [t for t in self.topic_names() if p in t][:25]
        if kind == "entity":
            return self.entity_index.complete(prefix, 25)
        return []
