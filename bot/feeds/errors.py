"""Feed-specific errors, all subclasses of the domain `FeedError`."""

from __future__ import annotations

from bot.domain.errors import FeedError


class RetryLater(FeedError):
    """The server asked us to come back later (429/503); `retry_after` is seconds or None."""

    def __init__(self, message: str, retry_after: float | None = None, status: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.status = status


class TooLarge(FeedError):
    """A body (compressed or decompressed) passed the configured byte cap."""


class EntityAttack(FeedError):
    """A feed declares XML entities or a DOCTYPE internal subset and was refused."""


class TooComplex(FeedError):
    """A document is nested too deeply or has too many attributes on one element."""


class ParseLimit(FeedError):
    """Parsing or extraction passed its CPU, memory or wall-clock budget and was stopped."""


class PageRefused(FeedError):
    """An article page cannot be used: compressed without saying so, or too much text."""


__all__ = ["EntityAttack", "FeedError", "PageRefused", "ParseLimit", "RetryLater", "TooComplex",
           "TooLarge"]
