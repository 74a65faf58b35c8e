"""A local Discord speaking the wire format discord.py 2.x uses: REST under /api/v10 and a
gateway websocket (HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, RESUME, dispatches) with
zlib-stream (or zstd-stream when a zstd library is importable) compression.

Everything the client sends is recorded for assertions; `wait_for` lets tests await a condition
without sleeping. Failures for the next message create can be injected (429, 403, 404).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fakes.discord_gateway import GatewayMixin, Socket

API = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
_last_id = 0


def snowflake() -> str:
    """A fresh, increasing Discord-style id whose top bits are the creation time, like
    Discord's (so `discord.utils.snowflake_time` and time-bounded history work)."""
    global _last_id
    now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
    _last_id = max(_last_id + 1, now)
    return str(_last_id)


@dataclass
class Failure:
    """An injected failure for the next message create."""

    status: int
    code: int = 0
    retry_after: float = 0.0


@dataclass
class Guild:
    """The one guild the fake serves."""

    id: str = field(default_factory=snowflake)
    channel_ids: list[str] = field(default_factory=lambda: [snowflake(), snowflake()])
    admin_role_id: str = field(default_factory=snowflake)


def _user(uid: str, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": uid, "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": bot}


class FakeDiscord(GatewayMixin):
    """REST + gateway fake. Start with `await fake.start()`; point DISCORD_API_URL at `api_url`."""

    def __init__(self, application_id: str | None = None) -> None:
        self.application_id = application_id or snowflake()
        self.bot_id = self.application_id
        self.guild = Guild()
        self.requests: list[tuple[str, str]] = []
        self.command_puts: list[tuple[str | None, list[dict[str, Any]]]] = []
        self.commands: dict[str | None, list[dict[str, Any]]] = {}
        self.callbacks: list[dict[str, Any]] = []
        self.webhook_calls: list[tuple[str, str, dict[str, Any]]] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.history_requests: list[dict[str, str]] = []
        self.message_attempts: list[tuple[float, dict[str, Any]]] = []
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.compressions: list[str | None] = []
        self.failures: list[Failure] = []
        # Seconds during which a repeated nonce returns the earlier message (Discord: "a few
        # minutes"); None keeps every nonce, 0 forgets them at once (a long outage).
        self.nonce_window: float | None = None
        self._created: dict[str, float] = {}  # message id -> loop time
        self._sockets: list[Socket] = []
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        """Serve on 127.0.0.1 on an ephemeral port."""
        app = web.Application(middlewares=[self._record])
        r = app.router
        r.add_get("/gateway", self._gateway)
        r.add_get(API + "/gateway", self._get_gateway)
        r.add_get(API + "/gateway/bot", self._get_gateway)
        r.add_get(API + "/users/@me", self._me)
        r.add_get(API + "/oauth2/applications/@me", self._appinfo)
        r.add_get(API + "/applications/@me", self._appinfo)
        r.add_put(API + "/applications/{app}/commands", self._put_commands)
        r.add_put(API + "/applications/{app}/guilds/{guild}/commands", self._put_commands)
        r.add_post(API + "/interactions/{iid}/{token}/callback", self._callback)
        r.add_post(API + "/webhooks/{app}/{token}", self._webhook)
        r.add_patch(API + "/webhooks/{app}/{token}/messages/{mid}", self._webhook)
        r.add_post(API + "/channels/{cid}/messages", self._create_message)
        r.add_get(API + "/channels/{cid}", self._get_channel)
        r.add_get(API + "/channels/{cid}/messages", self._history)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Close sockets and stop serving."""
        for sock in list(self._sockets):
            await sock.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def sessions(self) -> int:
        """Gateway websockets open now (one per connected client or shard)."""
        return len(self._sockets)

    @property
    def api_url(self) -> str:
        """The REST base to put in DISCORD_API_URL."""
        return f"http://127.0.0.1:{self.port}{API}"

    # -- test hooks ----------------------------------------------------------------------------
    def fail_next(self, status: int, *, code: int = 0, retry_after: float = 0.0) -> None:
        """Answer the next message create with an error (429 carries `retry_after`)."""
        self.failures.append(Failure(status, code, retry_after))

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait (without polling sleeps) until `predicate()` holds after a recorded event."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(predicate)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Push a gateway dispatch to every connected client."""
        for sock in list(self._sockets):
            await sock.send(0, data, event)

    async def drop_connections(self) -> None:
        """Close every gateway socket with a resumable code (the client should RESUME)."""
        for sock in list(self._sockets):
            await sock.ws.close(code=4000)

    def interaction(self, itype: int, name: str, options: list[dict[str, Any]] | None = None, *,
                    user_id: str = "42", roles: list[str] | None = None,
                    permissions: int = 0, channel_id: str | None = None,
                    data: dict[str, Any] | None = None,
                    message: dict[str, Any] | None = None) -> dict[str, Any]:
        """An INTERACTION_CREATE payload shaped like Discord's (type 2, 3 or 4)."""
        cid = channel_id or self.guild.channel_ids[0]
        cmd = next((c for c in self.commands.get(None, []) + self.commands.get(
            self.guild.id, []) if c["name"] == name), {"id": snowflake()})
        body = data or {"id": cmd["id"], "name": name, "type": 1, "options": options or []}
        payload = {
            "id": snowflake(), "application_id": self.application_id, "type": itype,
            "token": "tok-" + snowflake(), "version": 1, "data": body,
            "guild_id": self.guild.id, "channel_id": cid, "channel": self._channel(cid),
            "member": {"user": _user(user_id, "tester"), "roles": roles or [],
                       "permissions": str(permissions), "joined_at": _now(), "deaf": False,
                       "mute": False, "flags": 0, "nick": None, "avatar": None},
            "app_permissions": str(1 << 11 | 1 << 14), "locale": "en-US",
            "guild_locale": "en-US", "entitlements": [], "context": 0,
            "authorizing_integration_owners": {"0": self.guild.id},
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        return payload

    async def push_interaction(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Dispatch INTERACTION_CREATE and return the payload (for its id and token)."""
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def callbacks_for(self, interaction_id: str) -> list[dict[str, Any]]:
        """Callbacks recorded for one interaction."""
        return [c for c in self.callbacks if c["interaction_id"] == interaction_id]

    # -- payloads ------------------------------------------------------------------------------
    def bot_user(self) -> dict[str, Any]:
        """The bot's own user object."""
        return _user(self.bot_id, "PolicyWire", bot=True)

    def _channel(self, cid: str) -> dict[str, Any]:
        return {"id": cid, "type": 0, "name": f"news-{cid[-4:]}", "guild_id": self.guild.id,
                "position": self.guild.channel_ids.index(cid) if cid in
                self.guild.channel_ids else 0, "permission_overwrites": [], "nsfw": False,
                "parent_id": None, "topic": None, "last_message_id": None}

    def _guild_payload(self) -> dict[str, Any]:
        g = self.guild
        role = {"permissions": "0", "color": 0, "hoist": False, "managed": False,
                "mentionable": False, "flags": 0}
        return {
            "id": g.id, "name": "Policy Desk", "icon": None, "owner_id": "1", "unavailable": False,
            "member_count": 2, "large": False, "features": [], "emojis": [], "stickers": [],
            "roles": [{**role, "id": g.id, "name": "@everyone", "position": 0},
                      {**role, "id": g.admin_role_id, "name": "pw-admin", "position": 1}],
            "channels": [self._channel(c) for c in g.channel_ids], "threads": [],
            "members": [], "voice_states": [], "presences": [], "joined_at": _now(),
            "preferred_locale": "en-US", "premium_tier": 0, "verification_level": 0,
            "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
            "system_channel_flags": 0, "nsfw_level": 0, "afk_timeout": 300,
        }

    def _message(self, cid: str, body: dict[str, Any], *, webhook: bool = False) -> dict[str, Any]:
        return {
            "id": snowflake(), "channel_id": cid, "author": self.bot_user(),
            "content": body.get("content") or "", "timestamp": _now(), "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": body.get("embeds") or [], "pinned": False,
            "type": 0, "flags": body.get("flags") or 0, "nonce": body.get("nonce"),
            "components": body.get("components") or [],
            **({"webhook_id": self.application_id} if webhook else {}),
        }

    # -- REST handlers -------------------------------------------------------------------------
    @web.middleware
    async def _record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        return await handler(request)

    async def _me(self, request: web.Request) -> web.Response:
        return _json(self.bot_user())

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return _json({
            "url": f"ws://127.0.0.1:{self.port}/gateway", "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                    "max_concurrency": 1}})

    async def _appinfo(self, request: web.Request) -> web.Response:
        return _json({
            "id": self.application_id, "name": "PolicyWire", "description": "", "icon": None,
            "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
            "owner": _user("1", "owner"), "flags": 0, "team": None, "summary": "",
            "interactions_endpoint_url": None, "bot": self.bot_user()})

    async def _put_commands(self, request: web.Request) -> web.Response:
        scope = request.match_info.get("guild")
        body = await request.json()
        out = [{**c, "id": snowflake(), "application_id": self.application_id, "version": "1",
                "default_member_permissions": c.get("default_member_permissions"),
                "guild_id": scope, "type": c.get("type", 1)} for c in body]
        self.command_puts.append((scope, body))
        self.commands[scope] = out
        await self._notify()
        return _json(out)

    async def _callback(self, request: web.Request) -> web.Response:
        body = await request.json()
        iid = request.match_info["iid"]
        rtype = body["type"]
        data = body.get("data") or {}
        msg = self._message(self.guild.channel_ids[0], data, webhook=True)
        self.callbacks.append({"interaction_id": iid, "token": request.match_info["token"],
                               "type": rtype, "data": data, "message": msg})
        await self._notify()
        info = {"id": iid, "type": 2, "response_message_id": msg["id"],
                "response_message_loading": rtype == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64)}
        res: dict[str, Any] = {"interaction": info}
        if rtype in (4, 7):
            res["resource"] = {"type": rtype, "message": msg}
        return _json(res)

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.json()
        which = request.match_info.get("mid", "followup")
        self.webhook_calls.append((request.method, which, body))
        await self._notify()
        return _json(self._message(self.guild.channel_ids[0], body, webhook=True))

    async def _create_message(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        body = await request.json()
        self.message_attempts.append((asyncio.get_running_loop().time(), body))
        if self.failures:
            f = self.failures.pop(0)
            await self._notify()
            if f.status == 429:
                headers = {"Via": "1.1 google", "Retry-After": str(f.retry_after),
                           "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                           "X-RateLimit-Reset-After": str(f.retry_after),
                           "X-RateLimit-Bucket": "fake-bucket", "X-RateLimit-Scope": "user"}
                return _json({"message": "You are being rate limited.",
                                          "retry_after": f.retry_after, "global": False},
                                         status=429, headers=headers)
            text = {50013: "Missing Permissions", 50001: "Missing Access",
                    10003: "Unknown Channel"}.get(f.code, "error")
            return _json({"message": text, "code": f.code}, status=f.status)
        if cid not in self.guild.channel_ids:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        stored = self.messages.setdefault(cid, [])
        nonce = body.get("nonce")
        now = asyncio.get_running_loop().time()
        if nonce and body.get("enforce_nonce"):
            earlier = next((m for m in stored if m["nonce"] == nonce and (
                self.nonce_window is None or now - self._created[m["id"]] <= self.nonce_window)),
                None)
            if earlier is not None:
                return _json(earlier)
        msg = self._message(cid, body)
        msg["allowed_mentions"] = body.get("allowed_mentions")
        stored.append(msg)
        self._created[msg["id"]] = now
        await self._notify()
        return _json(msg)

    async def _history(self, request: web.Request) -> web.Response:
        """GET channel messages, like Discord: `limit` (1-100), then `before` (the newest
        messages older than it) or `after` (the oldest messages newer than it), always
        returned newest first; the history carries no nonces."""
        cid = request.match_info["cid"]
        if cid not in self.guild.channel_ids:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        self.history_requests.append(dict(request.query))
        limit = max(1, min(100, int(request.query.get("limit", "50"))))
        before, after = request.query.get("before"), request.query.get("after")
        msgs = sorted(self.messages.get(cid, []), key=lambda m: int(m["id"]), reverse=True)
        if after is not None and before is None:
            msgs = [m for m in msgs if int(m["id"]) > int(after)][-limit:]
        else:
            msgs = [m for m in msgs if before is None or int(m["id"]) < int(before)][:limit]
        return _json([{k: v for k, v in m.items() if k not in ("nonce", "allowed_mentions")}
                      for m in msgs])

    def add_foreign(self, cid: str, count: int) -> None:
        """Post `count` ordinary messages by a person into a channel (busy-channel traffic)."""
        person = _user("4242", "someone")
        for n in range(count):
            msg = self._message(cid, {"content": f"chatter {n}"})
            msg["author"] = person
            self.messages.setdefault(cid, []).append(msg)

    async def _get_channel(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        if cid not in self.guild.channel_ids:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        return _json(self._channel(cid))


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with exactly `application/json` (discord.py compares the header verbatim)."""
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


def _now() -> str:
    return datetime.now(UTC).isoformat()
