"""The Discord adapter: a discord.py client, its command tree, and alert posting.

Pointing at a local Discord: `api_url` sets `discord.http.Route.BASE`. discord.py 2.7's plain
`Client` never asks `/gateway/bot` for the websocket URL (it uses the class constant
`DiscordWebSocket.DEFAULT_GATEWAY`), so with a custom `api_url` the adapter asks that endpoint
itself, through the real HTTP client, and points the constant at the answer. Both are restored
on `stop()`. Nothing else of discord.py is patched.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import datetime
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.adapters.discord.appcommands import NO_MENTIONS, Interactions, ShareView
from bot.adapters.discord.render import card_embed
from bot.adapters.discord.sync import KeyValueState, sync_if_changed
from bot.chat.messages import Card
from bot.chat.outbound import OutboundQueue
from bot.chat.ports import HISTORY_LIMIT, HISTORY_MARGIN, AdapterDeps, SendResult
from bot.settings import DiscordConfig

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://discord.com/api/v10"
MAX_RATELIMIT_WAIT = 30.0  # longer 429s come back as SendResult(retry_after=...) to the queue
PERMANENT_CODES = {50001, 50013, 10003, 50008}  # no access, no permission, unknown channel...


def nonce_for(delivery_id: str) -> str:
    """A 25-character nonce derived from the delivery id (Discord's limit is 25)."""
    return hashlib.sha256(delivery_id.encode()).hexdigest()[:25]


def ref_for(delivery_id: str) -> str:
    """The short delivery reference shown at the end of an alert's footer."""
    return nonce_for(delivery_id)[:12]


def intents() -> discord.Intents:
    """Only the guilds intent: no privileged intents are needed."""
    return discord.Intents(guilds=True)


class DiscordAdapter:
    """Runs the Discord client; implements `ChatSender` for the delivery worker."""

    platform = "discord"

    def __init__(self, config: DiscordConfig, deps: AdapterDeps, token: str, *,
                 api_url: str | None = None, application_id: int | None = None,
                 state: KeyValueState | None = None, queue: OutboundQueue | None = None,
                 ready_timeout: float = 30.0, quick_timeout: float = 2.0,
                 guild_ready_timeout: float = 2.0) -> None:
        self.config = config
        self.deps = deps
        self._token = token
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.application_id = application_id
        self.state = state
        self.queue = queue or OutboundQueue(per_channel_interval=1.0)
        self.ready_timeout = ready_timeout
        self.guild_ready_timeout = guild_ready_timeout
        self.interactions = Interactions(deps, quick_timeout=quick_timeout)
        self.client: discord.Client | None = None
        self.tree: app_commands.CommandTree[Any] | None = None
        self.synced: bool | None = None
        self._task: asyncio.Task[None] | None = None
        self._delivered: dict[str, str] = {}
        self._saved: tuple[str, yarl.URL] | None = None

    @property
    def connected(self) -> bool:
        """True while the gateway session is up."""
        c = self.client
        return bool(c is not None and c.is_ready() and not c.is_closed())

    def _build_client(self) -> discord.Client:
        cls = discord.AutoShardedClient if self.config.sharded else discord.Client
        known: dict[str, Any] = ({} if self.application_id is None
                                 else {"application_id": self.application_id})
        return cls(intents=intents(), **known,
                   allowed_mentions=NO_MENTIONS, guild_ready_timeout=self.guild_ready_timeout,
                   max_ratelimit_timeout=MAX_RATELIMIT_WAIT)

    async def start(self) -> None:
        """Log in, connect in the background, and return once READY (or raise on failure)."""
        if self.client is not None:
            return
        if self.api_url != DEFAULT_API_URL:
            self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
            Route.BASE = self.api_url
        client = self.client = self._build_client()
        self.tree = app_commands.CommandTree(client)
        self.interactions.install(self.tree)
        try:
            await client.login(self._token)
            if self._saved is not None:
                _shards, url, _limits = await client.http.get_bot_gateway()
                DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
            client.add_view(ShareView())
            self._task = asyncio.create_task(client.connect(reconnect=True), name="discord")
            await self._wait_ready()
        except BaseException:
            await self.stop()
            raise
        assert client.application_id is not None
        try:
            self.synced = await sync_if_changed(self.tree, client.application_id, self.state,
                                                self.config.guild_ids)
        except discord.HTTPException as exc:
            log.error("syncing discord commands failed: %s", exc)
        log.info("discord connected as %s", client.user)

    async def _wait_ready(self) -> None:
        assert self.client is not None and self._task is not None
        ready = asyncio.create_task(self.client.wait_until_ready())
        done, _ = await asyncio.wait({ready, self._task}, timeout=self.ready_timeout,
                                     return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if self._task in done:
                self._task.result()  # re-raise the connection failure
                raise ConnectionError("discord connection closed before READY")
            raise TimeoutError(f"discord not READY within {self.ready_timeout:.0f}s")

    async def stop(self) -> None:
        """Close the client and restore discord.py's endpoints."""
        client, task = self.client, self._task
        self.client, self._task = None, None
        if client is not None:
            await client.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 10)
            except (Exception, asyncio.CancelledError) as exc:
                log.debug("discord task ended with %r", exc)
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        """Post `card` as an embed through the pacing queue; never raises for platform errors."""
        if not str(channel_id).isdigit():
            return SendResult(ok=False, error=f"not a Discord channel id: {channel_id!r}",
                              permanent=True)
        return await self.queue.submit(
            str(channel_id), lambda: self._post(str(channel_id), card, delivery_id))

    async def _post(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        client = self.client
        if client is None or client.is_closed():
            return SendResult(ok=False, error="discord adapter is not running")
        channel = client.get_partial_messageable(int(channel_id))
        try:
            msg = await channel.send(embed=card_embed(card, ref_for(delivery_id)),
                                     nonce=nonce_for(delivery_id),
                                     allowed_mentions=NO_MENTIONS)
        except discord.RateLimited as exc:
            return SendResult(ok=False, error=str(exc), retry_after=exc.retry_after)
        except discord.HTTPException as exc:
            permanent = exc.code in PERMANENT_CODES or exc.status in (400, 401, 403, 404)
            return SendResult(ok=False, error=f"{exc.status} {exc.code}: {exc.text}",
                              permanent=permanent)
        self._delivered[delivery_id] = str(msg.id)
        return SendResult(ok=True, message_id=str(msg.id))

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        """The message id of an earlier post of this delivery, if any.

        Posts made by this process are remembered. After a restart the channel's history is
        searched for one of the bot's own messages whose embed footer ends with the delivery's
        reference (Discord does not return nonces in history): the messages posted since
        `since - HISTORY_MARGIN`, oldest first (where the earlier post would be), at most
        `HISTORY_LIMIT` of them; without `since`, the newest `HISTORY_LIMIT`. A failed search
        answers None: the resend that follows still carries the nonce, which Discord
        deduplicates within its nonce window.
        """
        known = self._delivered.get(delivery_id)
        client = self.client
        if known is not None or client is None or client.is_closed() or client.user is None:
            return known
        if not str(channel_id).isdigit():
            return None
        tail = f"ref {ref_for(delivery_id)}"
        after = since - HISTORY_MARGIN if since else None
        try:
            channel = client.get_partial_messageable(int(channel_id))
            async for msg in channel.history(limit=HISTORY_LIMIT, after=after):
                if msg.author.id == client.user.id and any(
                        (e.footer.text or "").endswith(tail) for e in msg.embeds):
                    self._delivered[delivery_id] = str(msg.id)
                    return str(msg.id)
        except discord.HTTPException as exc:
            log.warning("could not search channel %s history: %s", channel_id, exc)
        return None
