"""The Discord adapter: a discord.py client, its command tree, and alert posting.

Pointing at a local Discord: `api_url` sets `discord.http.Route.BASE`. discord.py 2.7's plain
`Client` never asks `/gateway/bot` for the websocket URL (it uses the class constant
`DiscordWebSocket.DEFAULT_GATEWAY`), so with a custom `api_url` the adapter asks that endpoint
itself, through the real HTTP client, and points the constant at the answer. Both are restored
on `stop()` by the last adapter of the process that pointed them there (tests run two).
Nothing else of discord.py is patched.

Several processes (one PostgreSQL): only the holder of the `lead()` lock opens the gateway
session, so each interaction is handled once; the others log in for REST only (posting alerts,
searching history) and ask `lead()` every `LEAD_INTERVAL` seconds, taking the gateway over
when the holder is gone. With `shard_ids` configured each process connects its own shards and
no lock is asked.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
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
LEAD_INTERVAL = 5.0  # seconds between a follower's (and the holder's) asks for the gateway lock
Lead = Callable[[], Awaitable[bool]]
StepDown = Callable[[], Awaitable[None]]
_endpoints: list[tuple[str, yarl.URL]] = []  # discord.py's originals, while adapters use a fake
_pointed = 0  # adapters of this process pointing discord.py at a custom api_url


def _point_at(api_url: str) -> None:
    global _pointed
    if _pointed == 0:
        _endpoints[:] = [(Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)]
    _pointed += 1
    Route.BASE = api_url


def _unpoint() -> None:
    global _pointed
    _pointed -= 1
    if _pointed == 0 and _endpoints:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = _endpoints.pop()


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
                 guild_ready_timeout: float = 2.0, lead: Lead | None = None,
                 step_down: StepDown | None = None,
                 lead_interval: float = LEAD_INTERVAL) -> None:
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
        self._pointed = False
        # Processes with their own shards never take turns on the gateway.
        self._lead = None if config.shard_ids else lead
        self._step_down = step_down
        self.lead_interval = lead_interval
        self._watch: asyncio.Task[None] | None = None

    @property
    def gateway(self) -> bool:
        """True while this process holds (or is opening) the gateway session."""
        return self._task is not None

    @property
    def connected(self) -> bool:
        """Healthy: the gateway session is up (its holder), or logged in for REST (a follower,
        while another process holds the session)."""
        c = self.client
        if c is None or c.is_closed():
            return False
        return c.is_ready() if self._task is not None else c.user is not None

    def _build_client(self) -> discord.Client:
        cfg = self.config
        known: dict[str, Any] = ({} if self.application_id is None
                                 else {"application_id": self.application_id})
        if cfg.shard_count is not None:
            known["shard_count"] = cfg.shard_count
            if cfg.shard_ids:
                known["shard_ids"] = list(cfg.shard_ids)
        sharded = cfg.sharded or cfg.shard_count is not None
        cls = discord.AutoShardedClient if sharded else discord.Client
        return cls(intents=intents(), **known,
                   allowed_mentions=NO_MENTIONS, guild_ready_timeout=self.guild_ready_timeout,
                   max_ratelimit_timeout=MAX_RATELIMIT_WAIT)

    async def start(self) -> None:
        """Log in; then, holding the gateway lock (or without one), connect in the background
        and return once READY (or raise on failure). A follower returns once logged in and
        takes the gateway over in the background when the lock comes free."""
        if self.client is not None:
            return
        if self.api_url != DEFAULT_API_URL:
            _point_at(self.api_url)
            self._pointed = True
        try:
            await self._log_in()
            if await self._leads():
                await self._connect()
            else:
                log.info("discord: another process holds the gateway; sending over REST only")
            if self._lead is not None:
                self._watch = asyncio.create_task(self._watch_lead(), name="discord-lead")
        except BaseException:
            await self.stop()
            raise

    async def _log_in(self) -> None:
        """A fresh client with its command tree, logged in (REST works from here on)."""
        client = self._build_client()
        tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
        self.interactions.install(tree)
        try:
            await client.login(self._token)
            if self._pointed:
                _shards, url, _limits = await client.http.get_bot_gateway()
                DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        except BaseException:
            await client.close()
            raise
        client.add_view(ShareView())
        self.client, self.tree = client, tree

    async def _leads(self) -> bool:
        if self._lead is None:
            return True
        try:
            return await self._lead()
        except Exception as exc:  # the store is unreachable: stay (or become) a follower
            log.warning("discord: could not ask for the gateway lock: %s", exc)
            return False

    async def _connect(self) -> None:
        """Open the gateway session, wait for READY, then sync the commands if they changed."""
        client, tree = self.client, self.tree
        assert client is not None and tree is not None
        self._task = asyncio.create_task(client.connect(reconnect=True), name="discord")
        await self._wait_ready()
        assert client.application_id is not None
        try:
            self.synced = await sync_if_changed(tree, client.application_id, self.state,
                                                self.config.guild_ids)
        except discord.HTTPException as exc:
            log.error("syncing discord commands failed: %s", exc)
        log.info("discord connected as %s", client.user)

    async def _watch_lead(self) -> None:
        """Every `lead_interval`: a follower that gets the lock connects; a holder that lost it
        (its lock connection dropped and another process took over) goes back to REST only."""
        while True:
            await asyncio.sleep(self.lead_interval)
            try:
                await self._lead_turn()
            except Exception:
                log.exception("discord: gateway lock turn failed")

    async def _lead_turn(self) -> None:
        if self.client is None:  # logging in again failed last time
            await self._log_in()
        if self._task is not None and self._task.done():  # a fatal gateway error
            log.error("discord: the gateway session ended; giving the gateway up")
            await self._follow()
            return
        leads = await self._leads()
        if leads and self._task is None:
            log.info("discord: took the gateway over")
            try:
                await self._connect()
            except Exception as exc:
                log.error("discord: taking the gateway over failed: %s", exc)
                await self._follow()
        elif not leads and self._task is not None:
            log.warning("discord: lost the gateway lock; closing the gateway session")
            await self._follow()

    async def _follow(self) -> None:
        """Close the client (its gateway session) and log in again for REST only; the lock
        is given up so another process can take the gateway."""
        await self._close_client()
        await self._give_up()
        try:
            await self._log_in()
        except Exception as exc:  # no client until the next turn; sends answer "not running"
            log.error("discord: logging in again failed: %s", exc)

    async def _give_up(self) -> None:
        if self._step_down is not None:
            try:
                await self._step_down()
            except Exception as exc:
                log.warning("discord: could not give up the gateway lock: %s", exc)

    async def _close_client(self) -> None:
        client, task = self.client, self._task
        self.client, self._task = None, None
        if client is not None:
            await client.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 10)
            except (Exception, asyncio.CancelledError) as exc:
                log.debug("discord task ended with %r", exc)

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
        """Stop watching the lock, close the client, give the lock up (after the session is
        closed, so the next holder never overlaps it) and restore discord.py's endpoints."""
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.cancel()
            try:
                await watch
            except (Exception, asyncio.CancelledError) as exc:
                log.debug("discord lead watch ended with %r", exc)
        await self._close_client()
        await self._give_up()
        if self._pointed:
            self._pointed = False
            _unpoint()

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
