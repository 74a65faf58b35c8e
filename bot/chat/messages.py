"""Neutral reply models. Handlers return them; each adapter renders them natively.

`Reply.model_dump(mode="json")` is the JSON contract of `policywire ask --json`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRef(_Model):
    """A citation: enough to link back to the article."""

    id: int
    title: str
    url: str | None = None
    date: date | datetime | None = None
    source: str | None = None


class TopicHit(_Model):
    """A matched topic and the reason it matched."""

    topic: str
    reason: str


class ArticleItem(ArticleRef):
    """An article in a listing, with its summary and matched topics."""

    summary: str = ""
    topics: list[TopicHit] = Field(default_factory=list)


class FigureItem(_Model):
    """One figure, normalised and cited."""

    value: float
    unit: str
    qualifier: str | None = None
    text: str
    subject: str | None = None
    measure: str | None = None
    kind: str = ""
    sentence: str
    article: ArticleRef
    # how the figure concerns the entity asked about: "subject" (it is about it), "imposer" (it
    # imposed the fine), "lender", "agent" (by it), "country" (through one of its organisations)
    relation: str = "subject"


class RoleItem(_Model):
    """A role held by an entity."""

    text: str
    org: str | None = None
    article_id: int | None = None  # the newest article stating it
    articles: int = 1  # how many articles state it


class EntityInfo(_Model):
    """An entity profile for `/entity`."""

    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[RoleItem] = Field(default_factory=list)
    mentions: int = 0
    articles: list[ArticleRef] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)


class TopicInfo(_Model):
    """A configured topic with its match count."""

    name: str
    description: str = ""
    matches: int = 0
    subscribed: bool = False


class Reply(_Model):
    """The answer to one command.

    `text` is always the plain rendering; the typed fields carry the data so adapters can render
    richer forms and `ask --json` can print it. `ephemeral` is a hint: personal answers are
    shown only to the caller where the platform supports it.
    """

    command: str
    ok: bool = True
    text: str = ""
    error: str | None = None
    suggestions: list[str] | None = None
    items: list[FigureItem] | None = None
    latest: list[FigureItem] | None = None  # /figures: the latest value per tracked measure
    entity: EntityInfo | None = None
    articles: list[ArticleItem] | None = None
    topics: list[TopicInfo] | None = None
    ephemeral: bool = True

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: unset top-level sections are left out; nulls inside stay."""
        data = self.model_dump(mode="json")
        return {k: v for k, v in data.items() if v is not None or k in ("command", "ok")}


class CardField(_Model):
    """A labelled value on an alert card (a key figure, say)."""

    name: str
    value: str


class Card(_Model):
    """A neutral alert: each platform renders it (Block Kit, embed, text)."""

    title: str
    url: str | None = None
    source: str | None = None
    date: date | datetime | None = None
    summary: str = ""
    topics: list[TopicHit] = Field(default_factory=list)
    fields: list[CardField] = Field(default_factory=list)
    also_reported_by: list[str] = Field(default_factory=list)
    color: int | None = None  # 0xRRGGBB, from the first topic
    footer: str | None = None
    article_id: int | None = None
    kind: str = "article"  # article | figure_change | digest | notice
