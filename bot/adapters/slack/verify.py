"""Checks on a Slack HTTP request before slack-bolt sees it.

Slack signs every request: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's
signing secret, and the timestamp must be within five minutes. The signature is checked on the
raw bytes first, so nothing unauthenticated is decoded or parsed; then the body must be UTF-8
and, as bolt will parse it, valid JSON (a JSON body, or a form's `payload=`). Anything else is
answered 401 or 400 here, in words, instead of becoming a 500 with a traceback inside bolt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs

MAX_SKEW_S = 5 * 60


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request was refused, and the HTTP status to answer with."""

    status: int
    reason: str


def _signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def check_signature(body: bytes, headers: Mapping[str, str], secret: str,
                    now: float | None = None) -> Refusal | None:
    """None when the request is signed with `secret` within the allowed clock skew."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not secret:
        return Refusal(401, "no signing secret is configured")
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
        return Refusal(401, "missing or non-numeric X-Slack-Request-Timestamp")
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_SKEW_S:
        return Refusal(401, "stale X-Slack-Request-Timestamp")
    if not hmac.compare_digest(_signature(secret, timestamp, body), signature):
        return Refusal(401, "bad X-Slack-Signature")
    return None


def decode_body(body: bytes, content_type: str) -> tuple[str | None, Refusal | None]:
    """The body as text when it is UTF-8 and its JSON parts parse; else the refusal."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None, Refusal(400, "the body is not UTF-8")
    try:
        if content_type.split(";", 1)[0].strip().lower() == "application/json" or (
                text.startswith("{")):
            json.loads(text)
        else:
            payload = parse_qs(text).get("payload")
            if payload:
                json.loads(payload[0])
    except (ValueError, RecursionError):
        return None, Refusal(400, "the body is not valid JSON where JSON is expected")
    return text, None
