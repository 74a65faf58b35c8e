"""The Slack adapter: slash commands in, Block Kit answers and alerts out (slack-bolt, async).

Socket Mode (`SLACK_APP_TOKEN`) or HTTP mode (an aiohttp server whose requests bolt verifies
with `SLACK_SIGNING_SECRET`). Every command is acked at once and answered afterwards through
`respond()`; alerts go through the neutral `OutboundQueue`.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import render
from bot.adapters.slack.translate import (
    PLATFORM,
    ShareCache,
    TtlSet,
    command_text,
    context_from,
    dedupe_key,
    help_reply,
)
from bot.adapters.slack.verify import Refusal, check_signature, decode_body
from bot.chat.commands import CommandContext
from bot.chat.messages import Card, Reply
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import HISTORY_LIMIT, HISTORY_MARGIN, AdapterDeps, SendResult
from bot.domain.errors import ConfigError
from bot.settings import SlackConfig

log = logging.getLogger(__name__)

HTTP_PATH = "/slack/events"
DEDUPE_TTL = 900.0  # seconds a Slack request id is remembered (Slack retries within minutes)
HISTORY_PAGE = 200  # conversations.history page size (Slack recommends at most 200)
PERMANENT_ERRORS = frozenset({
    "channel_not_found", "not_in_channel", "is_archived", "account_inactive", "invalid_auth",
    "not_authed", "token_revoked", "token_expired", "missing_scope", "restricted_action",
    "team_access_not_granted", "ekm_access_denied", "msg_too_long", "invalid_blocks",
    "no_text", "too_many_attachments", "channel_is_archived",
})
TRANSIENT_ERRORS = frozenset({
    "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited",
})


def classify_error(exc: SlackApiError) -> SendResult:
    """Map a Web API error: 429 -> retry_after, 5xx -> transient, anything else -> permanent."""
    resp = exc.response
    status = getattr(resp, "status_code", 0) or 0
    data = getattr(resp, "data", None)
    error = str(data.get("error", "")) if isinstance(data, dict) else ""
    if status == 429 or error == "ratelimited":
        headers = getattr(resp, "headers", {}) or {}
        raw = headers.get("Retry-After") or headers.get("retry-after") or "1"
        try:
            delay = float(raw)
        except (TypeError, ValueError):
            delay = 1.0
        return SendResult(ok=False, error="ratelimited", retry_after=delay)
    if status >= 500 or error in TRANSIENT_ERRORS:
        return SendResult(ok=False, error=error or f"http_{status}")
    return SendResult(ok=False, error=error or f"http_{status}", permanent=True)


class SlackAdapter:
    """A running Slack app; implements `ChatSender` for the delivery worker."""

    platform = PLATFORM

    def __init__(self, config: SlackConfig, deps: AdapterDeps, *, bot_token: str,
                 app_token: str | None = None, signing_secret: str | None = None,
                 api_url: str | None = None, outbound: OutboundQueue | None = None) -> None:
        self.config = config
        self.deps = deps
        self.http_port: int | None = None
        self.outbound = outbound or OutboundQueue()
        self._app_token = app_token
        self._signing_secret = signing_secret or ""
        kwargs: dict[str, Any] = {"token": bot_token, "retry_handlers": []}
        if api_url:
            kwargs["base_url"] = api_url.rstrip("/") + "/"
        self.client = AsyncWebClient(**kwargs)
        self.app = AsyncApp(
            client=self.client,
            signing_secret=signing_secret or "",
            request_verification_enabled=config.mode == "http",
            process_before_response=False,
        )
        self._seen = TtlSet(ttl=DEDUPE_TTL)
        self._shares = ShareCache()
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self._register()

    # ---- wiring -------------------------------------------------------------------------
    def _register(self) -> None:
        self.app.use(self._dedupe)
        self.app.command(f"/{self.config.root_command}")(self._on_command)
        if self.config.per_handler_commands:
            for spec in self.deps.registry.specs():
                if spec.name != self.config.root_command:
                    self.app.command(f"/{spec.name}")(self._on_command)
        self.app.action(render.SHARE_ACTION)(self._on_share)

    async def _dedupe(self, body: dict[str, Any], request: Any,
                      next: Callable[[], Awaitable[None]]) -> BoltResponse | None:
        """Drop a request Slack re-sent (same trigger/event id) before any handler runs."""
        key = dedupe_key(body)
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        if key is not None and (self._seen.add(key) or not await self._first_anywhere(key)):
            log.info("ignoring duplicate Slack request %s (retry %s)", key, retry)
            return BoltResponse(status=200, body="")
        await next()
        return None

    async def _first_anywhere(self, key: str) -> bool:
        """Whether no other process of the deployment took this request (True when this
        process is the only one, or the shared table cannot be reached: better an answer
        twice than none)."""
        shared = self.deps.shared
        if shared is None:
            return True
        try:
            return await shared.first(f"slack-request:{key}", DEDUPE_TTL)
        except Exception:
            log.exception("could not check Slack request %s against the other processes", key)
            return True

    # ---- commands -----------------------------------------------------------------------
    async def _on_command(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        text = command_text(self.config.root_command, body.get("command", ""),
                            body.get("text", ""))
        ctx = context_from(body, self.deps.is_admin, self._prefix(),
                           self.config.subscribe_by == "members")
        reply = await self.run_command(ctx, text)
        await self._answer(respond, ctx, reply)

    def _prefix(self) -> str:
        """How users type commands here: "/policywire " unless one command per handler."""
        return "/" if self.config.per_handler_commands else f"/{self.config.root_command} "

    async def run_command(self, ctx: CommandContext, text: str) -> Reply:
        """Dispatch `text` through the router (which also audits it)."""
        spec, name, _arg = self.deps.router.resolve(text)
        if name == "help" and spec is None:
            return help_reply(self.config.root_command, self.deps.registry,
                              self.config.per_handler_commands)
        return await self.deps.router.dispatch(ctx, text)

    async def _answer(self, respond: Any, ctx: CommandContext, reply: Reply) -> None:
        try:
            if reply.ephemeral:
                token = await self._keep_for_share(ctx.user_id, reply)
                await respond(text=render.reply_fallback(reply),
                              blocks=render.reply_blocks(reply, share_key=token),
                              response_type="ephemeral")
            else:
                await respond(text=render.reply_fallback(reply),
                              blocks=render.reply_blocks(reply), response_type="in_channel")
        except Exception:
            log.exception("answering /%s through response_url failed", reply.command)

    async def _keep_for_share(self, user_id: str, reply: Reply) -> str:
        """A token for the share button; the reply is kept where any process finds it."""
        shared = self.deps.shared
        if shared is None:
            return self._shares.put(user_id, reply)
        token = secrets.token_urlsafe(12)
        await shared.put(f"slack-share:{token}",
                         json.dumps({"user": user_id, "reply": reply.model_dump_json()}),
                         self._shares.ttl)
        return token

    async def _shared_reply(self, token: str, user_id: str) -> Reply | None:
        """The reply a share button stands for, if fresh and asked by `user_id`."""
        shared = self.deps.shared
        if shared is None:
            return self._shares.pop(token, user_id)
        kept = await shared.take(f"slack-share:{token[:64]}")
        if kept is None:
            return None
        item = json.loads(kept)
        if item.get("user") != user_id:  # someone else's answer: put it back untouched
            await shared.put(f"slack-share:{token[:64]}", kept, self._shares.ttl)
            return None
        return Reply.model_validate_json(item["reply"])

    async def _on_share(self, ack: Any, body: dict[str, Any], respond: Any) -> None:
        await ack()
        actions = body.get("actions") or [{}]
        token = str(actions[0].get("value", ""))
        ctx = context_from(body, self.deps.is_admin, self._prefix(),
                           self.config.subscribe_by == "members")
        reply = await self._shared_reply(token, ctx.user_id)
        if reply is None:
            await respond(text="That answer has expired; run the command again to share it.",
                          response_type="ephemeral", replace_original=False)
            return
        await respond(text=render.reply_fallback(reply), blocks=render.reply_blocks(reply),
                      response_type="in_channel", replace_original=False)
        await respond(delete_original=True)

    # ---- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        """Connect (Socket Mode) or start the HTTP server; returns once ready."""
        auth = await self._check_token("SLACK_BOT_TOKEN", self.client.auth_test())
        log.info("Slack bot %s on team %s (%s mode)", auth.get("user_id"), auth.get("team"),
                 self.config.mode)
        if self.config.mode == "socket":
            assert self._app_token is not None, "the adapter factory requires it in socket mode"
            # Fail fast on a bad app token: the Socket Mode client would retry forever.
            await self._check_token("SLACK_APP_TOKEN",
                                    self.client.apps_connections_open(app_token=self._app_token))
            self._socket = AsyncSocketModeHandler(self.app, app_token=self._app_token,
                                                  web_client=self.client)
            await self._socket.connect_async()  # type: ignore[no-untyped-call]  # bolt: unannotated
            return
        server = web.Application()
        server.router.add_post(HTTP_PATH, self._http_handler)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.http_host, self.config.http_port)
        await site.start()
        sockets = site._server.sockets if site._server is not None else []  # type: ignore[attr-defined]
        self.http_port = sockets[0].getsockname()[1] if sockets else self.config.http_port
        log.info("Slack HTTP endpoint on %s:%s%s", self.config.http_host, self.http_port,
                 HTTP_PATH)

    @staticmethod
    async def _check_token(name: str, call: Awaitable[Any]) -> Any:
        try:
            return await call
        except SlackApiError as exc:
            error = exc.response.get("error") if exc.response is not None else None
            if error in PERMANENT_ERRORS:
                raise ConfigError([f"env: {name}: Slack rejected the token ({error})"]) from exc
            raise

    async def _http_handler(self, request: web.Request) -> web.Response:
        """Verify the signature on the raw body, then check it decodes, then let bolt run."""
        body = await request.read()
        refusal = check_signature(body, request.headers, self._signing_secret)
        text = None
        if refusal is None:
            text, refusal = decode_body(body, request.headers.get("Content-Type", ""))
        if refusal is not None or text is None:
            return self._refuse(refusal or Refusal(400, "unreadable body"))
        bolt_req = AsyncBoltRequest(body=text, query=request.query_string,
                                    headers=request.headers)  # type: ignore[arg-type]
        return await to_aiohttp_response(await self.app.async_dispatch(bolt_req))

    @staticmethod
    def _refuse(refusal: Refusal) -> web.Response:
        log.info("refused a Slack HTTP request: %s", refusal.reason,
                 extra={"status": refusal.status})
        return web.Response(status=refusal.status, text=refusal.reason)

    async def stop(self) -> None:
        """Disconnect and release the server; safe to call twice."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def connected(self) -> bool:
        """Whether the Socket Mode session is open or the HTTP server is up."""
        if self._socket is not None:
            client = self._socket.client
            session = client.current_session
            return not client.closed and session is not None and not session.closed
        return self._runner is not None

    # ---- ChatSender ---------------------------------------------------------------------
    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        """Post an alert through the outbound queue; a resend of a posted delivery is a no-op."""
        message = render.card_message(card, delivery_id)
        state: dict[str, Any] = {"check_history": False, "since": None}

        async def once() -> SendResult:
            # After a timeout or 5xx the post may have landed: look before posting again.
            if state["check_history"]:
                earlier = await self.find_delivered(channel_id, delivery_id, state["since"])
                if earlier is not None:
                    return SendResult(ok=True, message_id=earlier)
            state["check_history"] = True
            state["since"] = state["since"] or datetime.now(UTC)
            try:
                resp = await self.client.chat_postMessage(channel=channel_id, **message)
            except SlackApiError as exc:
                result = classify_error(exc)
                state["check_history"] = result.retry_after is None and not result.permanent
                return result
            return SendResult(ok=True, message_id=str(resp.get("ts")))

        return await self.outbound.submit(channel_id, once)

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        """The ts of a message in the channel carrying this delivery's metadata.

        Pages back through `conversations.history` (newest first, 200 a page) to
        `since - HISTORY_MARGIN`, reading at most `HISTORY_LIMIT` messages. A failed lookup
        answers None (the worker then resends: at-least-once).
        """
        oldest = f"{(since - HISTORY_MARGIN).timestamp():.6f}" if since else None
        cursor: str | None = None
        read = 0
        while read < HISTORY_LIMIT:
            args: dict[str, Any] = {"channel": channel_id, "include_all_metadata": True,
                                    "limit": min(HISTORY_PAGE, HISTORY_LIMIT - read)}
            if oldest:
                args["oldest"] = oldest
            if cursor:
                args["cursor"] = cursor
            try:
                resp = await self.client.conversations_history(**args)
            except SlackApiError as exc:
                log.info("history lookup in %s failed: %s", channel_id,
                         exc.response.get("error"))
                return None
            except Exception as exc:
                log.info("history lookup in %s failed: %r", channel_id, exc)
                return None
            messages = resp.get("messages") or []
            read += len(messages)
            for msg in messages:
                meta = msg.get("metadata") or {}
                payload = meta.get("event_payload") or {}
                if (meta.get("event_type") == render.DELIVERY_EVENT
                        and payload.get("delivery_id") == delivery_id):
                    return str(msg.get("ts"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor") or None
            if not resp.get("has_more") or not cursor or not messages:
                return None
        log.info("no earlier post of %s among the newest %d messages of %s", delivery_id,
                 read, channel_id, extra={"channel_id": channel_id})
        return None
