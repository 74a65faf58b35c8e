"""Domain errors. One place (the command router) turns them into user-facing replies."""

from __future__ import annotations


class PolicyWireError(Exception):
    """Base class for errors a user or admin can act on."""


class InvalidArgument(PolicyWireError):
    """A command argument or input file is malformed."""

    def __init__(self, message: str, usage: str | None = None) -> None:
        super().__init__(message)
        self.usage = usage


class NotFound(PolicyWireError):
    """A named thing does not exist; carries the closest known names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class PermissionDenied(PolicyWireError):
    """The caller may not run this command."""


class FeedError(PolicyWireError):
    """A feed or URL could not be fetched or parsed; the message says why."""


class ConfigError(PolicyWireError):
    """A config file is invalid; `errors` holds one `file:line: field: message` per problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


class StoreUnavailable(PolicyWireError):
    """The database cannot be opened: the path is a folder, unwritable, or not SQLite."""
