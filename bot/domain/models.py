"""Value types passed between ingestion, understanding, storage and chat.

They are frozen dataclasses so they pickle cheaply across the NLP worker process boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

# A UTF-16 half with no partner: JSON may carry one ("\ud800"), and neither spaCy nor SQLite
# can encode it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("url", "title", "text", "source", "feed_url", "guid")


def valid_text(value: str) -> str:
    """`value` with each lone surrogate replaced by U+FFFD, the replacement character."""
    return _LONE_SURROGATE.sub("\ufffd", value)


@dataclass(frozen=True, slots=True)
class ArticleIn:
    """An article as ingested, before understanding (its text fields always encodable)."""

    url: str | None
    title: str
    text: str
    date: datetime | None = None
    source: str | None = None  # outlet name or host, e.g. "Bloomberg" / "coindesk.com"
    feed_url: str | None = None
    guid: str | None = None

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str) and _LONE_SURROGATE.search(value):
                object.__setattr__(self, name, valid_text(value))


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """What the NLP layer needs to know about a configured topic."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()  # phrases or query expressions, case-insensitive
    required: tuple[str, ...] = ()  # at least one must hold, if given
    excluded: tuple[str, ...] = ()  # any that holds vetoes the match
    entities: tuple[str, ...] = ()  # canonical entity names that count as evidence
    min_score: float = 2.5
    query: str = ""  # an expression that must hold (bot.domain.query); "" for none
    min_share: float = 0.0  # of the article's best topic score, below which it is a side matter


@dataclass(frozen=True, slots=True)
class Role:
    """A role an entity holds, as stated in an article ("CEO" of "Pakistan Crypto Council")."""

    text: str
    org: str | None = None
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One canonical entity found in an article, with the surface forms used for it."""

    name: str  # canonical name within the article, e.g. "Nayib Bukele"
    type: str  # PERSON | ORG | GPE | NORP | LOC | ...
    aliases: tuple[str, ...] = ()  # other surface forms ("Bukele", "President Bukele")
    roles: tuple[Role, ...] = ()
    mentions: int = 1
    country: str | None = None  # for NORP: the country it points to ("Salvadoran" -> El Salvador)


@dataclass(frozen=True, slots=True)
class Figure:
    """A normalised number found in an article.

    `unit` is an ISO 4217 code for money ("USD"), a ticker for crypto ("BTC"), an SI-style unit for
    physical quantities ("MW", "GWh"), "%" for percentages, or the counted noun for counts
    ("holders", "people").
    """

    value: float
    unit: str
    text: str  # surface form as written ("more than 6,240 BTC")
    sentence: str
    kind: str  # money | crypto | power | energy | percent | count | quantity | number (bare,
    # only from figures_in(text, bare_numbers=True))
    qualifier: str | None = None  # "more than", "up to", "over", "about", ...
    subject: str | None = None  # canonical entity name the figure is about
    measure: str | None = None  # what is measured, e.g. "BTC holdings", "crypto economy"
    value_high: float | None = None  # upper end of a range ("$10-12 million")
    # other entities the figure is listed under, with how it concerns them:
    # (("Nigeria", "via Central Bank of Nigeria"), ("Financial Conduct Authority", "imposed by"))
    also: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """Why an article matches a topic."""

    topic: str
    score: float
    terms: tuple[str, ...] = ()  # keywords/phrases that matched, in the form the text has them
    entities: tuple[str, ...] = ()  # configured entities that occur

    @property
    def reason(self) -> str:
        """A short human-readable explanation of the match."""
        parts = []
        if self.terms:
            parts.append("terms: " + ", ".join(self.terms))
        if self.entities:
            parts.append("entities: " + ", ".join(self.entities))
        return "; ".join(parts) or "matched"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the NLP pipeline understood about one article."""

    sentences: tuple[str, ...]
    entities: tuple[EntityMention, ...]
    figures: tuple[Figure, ...]
    summary: tuple[str, ...]
    topics: tuple[TopicMatch, ...] = ()
    clean_text: str = ""  # the article text without boilerplate lines
    language: str = "en"


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article as stored, with enough to cite it."""

    id: int
    title: str
    url: str | None
    date: datetime | None
    source: str | None
    summary: tuple[str, ...] = ()
    topics: tuple[TopicMatch, ...] = ()
    story_id: int | None = None
    ingested_at: datetime | None = None
    also_reported_by: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited action."""

    at: str
    platform: str
    user_id: str
    action: str
    detail: str
    channel_id: str | None = None
    outcome: str = "ok"  # ok | refused | error
