"""Logging set-up: JSON lines when stderr is not a terminal, readable text when it is.

Both formats are safe to print: JSON escapes control characters, and the text format goes
through `for_terminal` (log messages carry feed titles, URLs and errors from outside).
Capability URLs never reach the log: a Slack `response_url` (anyone holding it can post into
the channel for 30 minutes) is redacted from every record, whatever its level or logger.

Log calls pass ids as `extra={"article_id": ..., "feed": ..., "channel_id": ...,
"delivery_id": ...}`; both formats include them.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

from bot.terminal import for_terminal, json_for_terminal

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


# Slack's webhook client logs the response_url it posts to (at DEBUG); Slack's own ones live
# under hooks.slack.com. Every URL in a webhook-client record, and those anywhere, is redacted.
_WEBHOOK_LOGGERS = ("slack_sdk.webhook", "slack_bolt.context.respond")
_ANY_URL = re.compile(r"https?://[^\s'\",]+")
_SLACK_HOOK = re.compile(r"https://hooks\.slack\.com/[^\s'\",]*")
_REDACTED = "<url redacted>"


class RedactCapabilityUrls(logging.Filter):
    """Replaces response_url-style capability URLs in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = (_ANY_URL.sub(_REDACTED, message) if record.name.startswith(_WEBHOOK_LOGGERS)
                    else _SLACK_HOOK.sub(_REDACTED, message))
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def _extras(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    """One JSON object per line with time, level, logger, message and extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(_extras(record))
        if record.exc_info:
            data["exc"] = _SLACK_HOOK.sub(_REDACTED, self.formatException(record.exc_info))
        return json_for_terminal(json.dumps(data, default=str, ensure_ascii=False))


class TextFormatter(logging.Formatter):
    """Human-readable lines with the extra fields appended as key=value."""

    def format(self, record: logging.LogRecord) -> str:
        base = f"{record.levelname.lower():7} {record.name}: {record.getMessage()}"
        extras = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        text = f"{base} {extras}".rstrip()
        if record.exc_info:
            text += "\n" + _SLACK_HOOK.sub(_REDACTED, self.formatException(record.exc_info))
        return for_terminal(text)


def setup_logging(level: str = "WARNING", json_logs: bool | None = None) -> None:
    """Configure the root logger once, writing to stderr."""
    handler = logging.StreamHandler(sys.stderr)
    use_json = (not sys.stderr.isatty()) if json_logs is None else json_logs
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    handler.addFilter(RedactCapabilityUrls())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
