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


__all__ = ["EntityAttack", "FeedError", "RetryLater", "TooLarge"]
