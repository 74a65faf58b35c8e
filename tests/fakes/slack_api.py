"""A local Slack for tests: Web API + Socket Mode websocket + response_url, on an ephemeral port.

It speaks Slack's wire format closely enough for the real `AsyncWebClient`,
`SocketModeClient` and bolt `respond()` to talk to it, records every call, and can be told to
fail the next N calls of a method (429 + Retry-After, an `error` such as channel_not_found, or a
5xx). It can also play Slack's side of HTTP mode: `send_slash_command` posts a signed request
to the bot's endpoint.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
from aiohttp import web

BOT_TOKEN = "xoxb-test-bot-token"
APP_TOKEN = "xapp-test-app-token"
SIGNING_SECRET = "test-signing-secret"
TEAM_ID = "T0TEST"
BOT_USER = "U0BOT"


@dataclass
class Call:
    """One recorded Web API call."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class Fault:
    """How to answer the next calls of one method instead of succeeding."""

    status: int = 200
    error: str = "internal_error"
    retry_after: float | None = None


@dataclass
class SlackFake:
    """The local Slack server. `await fake.start()`; `fake.api_url` goes in SLACK_API_URL."""

    calls: list[Call] = field(default_factory=list)
    responses: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    acks: list[dict[str, Any]] = field(default_factory=list)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    port: int = 0

    def __post_init__(self) -> None:
        self._faults: dict[str, list[Fault]] = {}
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._ws: web.WebSocketResponse | None = None
        self._changed = asyncio.Condition()

    # ---- lifecycle ----------------------------------------------------------------------
    async def start(self) -> SlackFake:
        """Listen on 127.0.0.1 on an ephemeral port."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/respond/{token}", self._respond)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Close the websocket and the server."""
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL (what SLACK_API_URL is set to)."""
        return f"{self.base}/api"

    def response_url(self) -> str:
        """A fresh response_url for one command or action."""
        return f"{self.base}/respond/{uuid.uuid4().hex[:12]}"

    # ---- scripting ----------------------------------------------------------------------
    def fail_next(self, method: str, times: int = 1, *, status: int = 200,
                  error: str = "internal_error", retry_after: float | None = None) -> None:
        """Answer the next `times` calls of `method` with a failure."""
        self._faults.setdefault(method, []).extend(
            Fault(status=status, error=error, retry_after=retry_after) for _ in range(times))

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls of one Web API method."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until `predicate()` holds (re-checked whenever the fake records something)."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def _record(self, bucket: list[Any], item: Any) -> None:
        async with self._changed:
            bucket.append(item)
            self._changed.notify_all()

    # ---- Web API ------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body: dict[str, Any] = dict(request.query)
        raw = await request.read()
        if raw:
            if request.content_type == "application/json":
                body.update(json.loads(raw))
            else:
                body.update(parse_qsl(raw.decode()))
        await self._record(self.calls, Call(method, body, dict(request.headers)))
        faults = self._faults.get(method)
        if faults:
            f = faults.pop(0)
            headers = {"Retry-After": str(int(f.retry_after))} if f.retry_after is not None else {}
            error = "ratelimited" if f.status == 429 else f.error
            return web.json_response({"ok": False, "error": error}, status=f.status,
                                     headers=headers)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if token != expected:
            return web.json_response({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        return web.json_response(handler(body))

    def _m_auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://policywire-test.slack.com/", "team": "Test",
                "user": "policywire", "team_id": TEAM_ID, "user_id": BOT_USER,
                "bot_id": "B0BOT"}

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = str(body.get("channel", ""))
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        msg: dict[str, Any] = {"type": "message", "user": BOT_USER, "bot_id": "B0BOT", "ts": ts,
                               "text": body.get("text", "")}
        for key in ("blocks", "metadata"):
            value = body.get(key)
            if isinstance(value, str):
                value = json.loads(value)
            if value is not None:
                msg[key] = value
        self.history.setdefault(channel, []).insert(0, msg)
        return {"ok": True, "channel": channel, "ts": ts, "message": msg}

    def _m_chat_postMessage(self, body: dict[str, Any]) -> dict[str, Any]:
        return self._post(body)

    def _m_chat_postEphemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "message_ts": f"{int(time.time())}.{next(self._ts):06d}"}

    def _m_conversations_history(self, body: dict[str, Any]) -> dict[str, Any]:
        """Newest first between `oldest` and `latest` (exclusive unless `inclusive`), `limit`
        per page (default 100, at most 999), paged with `cursor` like Slack."""
        with_meta = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        limit = max(1, min(999, int(body.get("limit", 100))))
        inclusive = str(body.get("inclusive", "")).lower() in ("1", "true")
        oldest = float(body.get("oldest") or 0)
        latest = float(body.get("latest") or "inf")

        def inside(ts: float) -> bool:
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest

        msgs = [m for m in self.history.get(str(body.get("channel", "")), [])
                if inside(float(m["ts"]))]
        start = int(str(body.get("cursor") or "0").removeprefix("page:") or 0)
        page = msgs[start:start + limit]
        out = []
        for msg in page:
            item = dict(msg)
            if not with_meta:
                item.pop("metadata", None)
            out.append(item)
        more = start + limit < len(msgs)
        return {"ok": True, "messages": out, "has_more": more,
                "response_metadata": {"next_cursor": f"page:{start + limit}" if more else ""}}

    def add_foreign(self, channel: str, count: int) -> None:
        """Post `count` ordinary messages by a person into a channel (busy-channel traffic)."""
        for n in range(count):
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            self.history.setdefault(channel, []).insert(
                0, {"type": "message", "user": "U0PERSON", "ts": ts, "text": f"chatter {n}"})

    def _m_apps_connections_open(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    # ---- Socket Mode ----------------------------------------------------------------------
    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "A0TEST"}})
        async with self._changed:
            self._changed.notify_all()
        async for msg in ws:
            if msg.type == aiohttp.WSMsgType.TEXT:
                await self._record(self.acks, json.loads(msg.data))
        return ws

    @property
    def socket_open(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def push_envelope(self, kind: str, payload: dict[str, Any],
                            retry_attempt: int | None = None) -> str:
        """Send an envelope (slash_commands, interactive, events_api); returns its envelope_id."""
        await self.wait_for(lambda: self.socket_open)
        envelope_id = uuid.uuid4().hex
        message: dict[str, Any] = {"type": kind, "envelope_id": envelope_id, "payload": payload,
                                   "accepts_response_payload": kind != "events_api"}
        if retry_attempt is not None:
            message["retry_attempt"] = retry_attempt
            message["retry_reason"] = "timeout"
        assert self._ws is not None
        await self._ws.send_json(message)
        return envelope_id

    # ---- response_url -------------------------------------------------------------------
    async def _respond(self, request: web.Request) -> web.Response:
        await self._record(self.responses, (request.match_info["token"], await request.json()))
        return web.Response(text="ok")

    # ---- Slack's side of HTTP mode ------------------------------------------------------
    def slash_payload(self, command: str, text: str, *, user_id: str = "U1USER",
                      channel_id: str = "C1CHAN") -> dict[str, str]:
        """The form fields Slack sends for a slash command."""
        return {"token": "legacy", "team_id": TEAM_ID, "team_domain": "test",
                "channel_id": channel_id, "channel_name": "general", "user_id": user_id,
                "user_name": "someone", "command": command, "text": text,
                "api_app_id": "A0TEST", "is_enterprise_install": "false",
                "response_url": self.response_url(), "trigger_id": uuid.uuid4().hex}


def sign(secret: str, timestamp: int, body: str) -> str:
    """Slack's v0 request signature."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


async def post_signed(url: str, form: dict[str, str], *, secret: str = SIGNING_SECRET,
                      timestamp: int | None = None, retry_num: int | None = None,
                      bad_signature: bool = False) -> int:
    """POST a form-encoded, signed request like Slack does; returns the HTTP status."""
    body = urlencode(form)
    ts = int(time.time()) if timestamp is None else timestamp
    signature = sign("wrong-" + secret if bad_signature else secret, ts, body)
    headers = {"Content-Type": "application/x-www-form-urlencoded",
               "X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": signature}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    async with aiohttp.ClientSession() as session, \
            session.post(url, data=body, headers=headers) as resp:
        await resp.read()
        return resp.status
