"""Composition root: `build` makes the store, both pipelines, the services, the router and the
adapters from config, in order, through their constructors, inside one `AsyncExitStack`.

Nothing else in the project reads configuration or the environment. Every object gets what it
needs when it is made (no hook lists, no attributes set afterwards); `Runtime.start` starts
the background parts in order, and closing the runtime unwinds the stack in reverse: stop taking
commands, let jobs and then sends in flight finish, stop the adapters and the ops endpoint,
close the fetcher, the NLP pool and the store. Tests hand in fakes (an analyzer pool, a clock,
a fetcher, adapters) through `build`'s keyword arguments.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.app.live import LiveConfig, Reloader
from bot.app.peers import Peers
from bot.app.roles import DISCORD_GATEWAY_ROLE, LEADER_ROLE, Roles
from bot.app.runtime import Adapter, Runtime
from bot.app.storage import open_storage
from bot.chat.local import LocalCommands
from bot.chat.ports import AdapterDeps
from bot.chat.router import CommandRouter
from bot.config_loader.storage import storage_target
from bot.delivery.alerts import AlertService
from bot.delivery.digests import DigestService
from bot.delivery.figure_tracking import FigureTracker
from bot.delivery.notices import AdminNotices
from bot.delivery.worker import DeliveryWorker, Wakeup
from bot.feeds.fetcher import Fetcher
from bot.feeds.parser import parse_feed_async
from bot.ingest.feed_admin import FeedAdmin
from bot.ingest.feed_rules import utcnow
from bot.ingest.polling import FeedPoller
from bot.ingest.service import IngestService, Understands
from bot.ingest.use_cases import IngestUseCases
from bot.metrics import Metrics
from bot.nlp.pool import AnalyzerPool
from bot.ops.looplag import LoopLagMonitor
from bot.ops.server import OpsServer, pending_alerts_refresher, standard_checks
from bot.scheduler import Scheduler
from bot.services.container import Services
from bot.services.permissions import Permissions
from bot.services.queries import QueryService
from bot.services.retention import RetentionJob
from bot.services.subscriptions import SubscriptionService
from bot.settings import Config
from bot.store.repositories import KeyValues
from handlers import build_registry

log = logging.getLogger(__name__)
# Seconds given at shutdown to scheduled jobs in flight (polls, digests), then to sends in
# flight; together under `docker stop`'s 10 s default.
JOB_GRACE = 3.0
SHUTDOWN_GRACE = 5.0
AdapterFactory = Callable[[AdapterDeps, KeyValues, Mapping[str, str]], Sequence[Adapter]]
"""Makes the adapters from what they get from the core, a key-value state (Discord keeps its
command-set hash there) and the environment (tokens)."""
ALL_ROLES = Roles()
Notify = Callable[[str, str], Awaitable[None]]
"""`await notify(text, key)`: tell admins about a paused feed, once per key."""


async def build(
    config: Config,
    env: Mapping[str, str] | None = None,
    *,
    config_path: str | Path,
    db_path: str | Path | None = None,
    executor: str | None = None,
    nlp: Understands | None = None,
    fetcher: Fetcher | None = None,
    clock: Callable[[], datetime] | None = None,
    rng: random.Random | None = None,
    feed_paused: Notify | None = None,
    adapters: AdapterFactory | None = None,
    serve: bool = False,
    roles: Roles = ALL_ROLES,
) -> Runtime:
    """Make everything, in order, inside one `AsyncExitStack` (no network, no model loading
    yet, except that `adapters` are started).

    Overrides: `nlp` (an analyzer pool shared between tests; not closed here), `fetcher`
    (not closed here), `clock` and `rng` (the poller's), `feed_paused` (instead of the admin
    notices), `adapters` (made from the core's `AdapterDeps`; started here, stopped on close),
    `serve` (the health/metrics endpoint and loop-lag monitor when `server.enabled`),
    `roles` (this process's background work, `policywire run --role`).
    """
    stack = AsyncExitStack()
    try:
        return await _build(stack, config, Path(config_path),
                            dict(os.environ if env is None else env), db_path=db_path,
                            executor=executor, nlp=nlp, fetcher=fetcher, clock=clock, rng=rng,
                            feed_paused=feed_paused, adapters=adapters, serve=serve,
                            roles=roles)
    except BaseException:
        await stack.aclose()  # an open store's aiosqlite thread would keep the process alive
        raise


async def _build(stack: AsyncExitStack, config: Config, config_path: Path, env: dict[str, str],
                 *, db_path: str | Path | None, executor: str | None, nlp: Understands | None,
                 fetcher: Fetcher | None, clock: Callable[[], datetime] | None,
                 rng: random.Random | None, feed_paused: Notify | None,
                 adapters: AdapterFactory | None, serve: bool, roles: Roles) -> Runtime:
    # Closed last: pushed first.
    target = storage_target(config, config_path, env, db_path=db_path)
    store = await open_storage(target, config.storage)
    stack.push_async_callback(store.close)
    if nlp is None:
        pool = AnalyzerPool(
            config.nlp.model, summary_sentences=config.nlp.summary_sentences,
            executor=executor or config.nlp.executor,  # type: ignore[arg-type]
            batch_size=config.nlp.batch_size, workers=config.nlp.workers,
        )
        stack.push_async_callback(pool.close)
        nlp = pool
    if fetcher is None:
        fetcher = Fetcher(config.fetch, shared_hosts=store.hosts)
        stack.push_async_callback(fetcher.close)
    live = LiveConfig(config)
    metrics = Metrics(known_commands=command_names())

    async def leads() -> bool:  # cron jobs fire in one process: the scheduler role's leader
        return roles.scheduler and await store.leader.try_lead(LEADER_ROLE)

    scheduler = Scheduler(misfire_grace=config.schedule.misfire_grace,
                          jitter=config.schedule.jitter, lead=leads)
    stack.push_async_callback(store.leader.step_down, LEADER_ROLE)  # after the jobs stop

    # Delivery: everything that writes outbox rows rings one wakeup the worker waits on.
    wakeup = Wakeup()
    alerts = AlertService(store, live.colors, wakeup, channels=live.channels)
    tracker = FigureTracker(store, wakeup, live.channels)
    digests = DigestService(store, live.channels, wakeup)
    notices = AdminNotices(store, live.admin_channels, wakeup)

    # Services, then ingest, whose "article stored" listeners they and delivery are.
    queries = QueryService(store, live.topics)
    subscriptions = SubscriptionService(store, queries, alerts.backfill)

    async def count_article(_article_id: int) -> None:
        metrics.article_ingested()

    peers = Peers(store.signals)
    stack.push_async_callback(peers.close)
    ingest = IngestService(store, nlp, live.topics, once=[count_article],
                           on_new=[alerts.on_new_article,
                                   tracker.on_new_article,  # after the article alert
                                   queries.refresh_index, peers.article_stored])

    async def paused(text: str, key: str) -> None:
        await notices.post("Feed paused", text, key)

    poller = FeedPoller(store, fetcher, parse_feed_async, ingest, lambda: live.config.feeds,
                        lambda: live.config.fetch, feed_paused or paused, events=alerts,
                        metrics=metrics, clock=clock or utcnow, rng=rng,
                        shared=store.engine != "sqlite")
    retention = RetentionJob(store, config.storage.retention_days,
                             after_prune=queries.refresh_index)
    reloader = Reloader(config_path, live, subscriptions, scheduler, digests, retention, poller,
                        polls=roles.poller, announce=peers.reloaded)
    reloader.schedule(config)
    feed_admin = FeedAdmin(poller, topics=lambda: live.config.topic_names(),
                           on_change=reloader.reschedule_feeds)

    # Commands.
    services = Services(queries=queries, subscriptions=subscriptions,
                        admin={**feed_admin.operations(), "reload": reloader.command})
    router = CommandRouter(build_registry(services), observe=metrics.observe_command,
                           audit=store.audit.record)
    permissions = Permissions(lambda: live.config.admins)
    deps = AdapterDeps(router=router, registry=router.registry, complete=queries.complete,
                       is_admin=permissions.is_admin,
                       shared=None if store.engine == "sqlite" else store.ephemeral,
                       leader=store.leader)
    await queries.refresh_index()
    await subscriptions.sync_config(config.channels)
    await peers.listen(reload=lambda: reloader.reload(announce=False),
                       article_stored=queries.refresh_index)

    # The edge: ops endpoint and adapters are stopped after the worker, which sends through
    # the adapters (pushed before it).
    ops: OpsServer | None = None
    lag: LoopLagMonitor | None = None
    made: list[Adapter] = []
    if serve and config.server.enabled:
        lag = LoopLagMonitor(metrics)
        ops = OpsServer(config.server.host, config.server.port, metrics,
                        standard_checks(store, lambda: made, scheduler),
                        before_scrape=pending_alerts_refresher(store.deliveries.counts, metrics))
        stack.push_async_callback(ops.stop)
        stack.push_async_callback(lag.stop)
    for adapter in adapters(deps, store.kv, env) if adapters else ():
        await adapter.start()
        stack.push_async_callback(_stop_quietly, adapter)
        made.append(adapter)
        log.info("adapter started", extra={"platform": adapter.platform})
    worker = DeliveryWorker(store, {a.platform: a for a in made}, wakeup=wakeup,
                            metrics=metrics, notices=notices, lease=config.storage.lease)
    stack.push_async_callback(worker.stop, SHUTDOWN_GRACE)
    stack.push_async_callback(scheduler.stop, JOB_GRACE)

    def closing() -> None:  # first on close: refuse new commands, report draining
        router.closing = True
        if ops is not None:
            ops.draining = True

    stack.callback(closing)
    use_cases = IngestUseCases(ingest, poller, fetcher, feed_admin, lambda: live.config.fetch)
    commands = LocalCommands(router, permissions.is_admin)
    return Runtime(env=env, live=live, store=store, nlp=nlp,
                   metrics=metrics, scheduler=scheduler, ingest=ingest, alerts=alerts,
                   tracker=tracker, digests=digests, notices=notices, services=services,
                   router=router, permissions=permissions, deps=deps, adapters=made,
                   worker=worker, poller=poller, feed_admin=feed_admin, reloader=reloader,
                   ops=ops, lag=lag, use_cases=use_cases, commands=commands, roles=roles,
                   _stack=stack)


async def _stop_quietly(adapter: Adapter) -> None:
    """Stop an adapter at shutdown; a failing stop must not keep the rest from closing."""
    with contextlib.suppress(Exception):
        await adapter.stop()


def chat_adapters(config: Config, *, console: bool = False) -> AdapterFactory:
    """The adapters of `policywire run`: Slack and Discord where their tokens are set in the
    environment, and the console when neither is (or when `console`)."""

    def make(deps: AdapterDeps, state: KeyValues, env: Mapping[str, str]) -> list[Adapter]:
        from bot.adapters.console.adapter import ConsoleAdapter
        from bot.adapters.discord import create_discord_adapter
        from bot.adapters.slack import create_slack_adapter

        made: list[Adapter] = []
        slack = create_slack_adapter(config.slack, deps, env)
        if slack is not None:
            made.append(slack)
        leader = deps.leader

        async def lead() -> bool:  # one process holds the gateway session (PostgreSQL's lock)
            return leader is None or await leader.try_lead(DISCORD_GATEWAY_ROLE)

        async def step_down() -> None:
            if leader is not None:
                await leader.step_down(DISCORD_GATEWAY_ROLE)

        discord = create_discord_adapter(config.discord, deps, env, state=state, lead=lead,
                                         step_down=step_down)
        if discord is not None:
            made.append(discord)
        if not made or console:
            made.append(ConsoleAdapter(deps))
        return made

    return make


def command_names() -> list[str]:
    """Every command's name (the metrics' label set), without a live store."""
    return list(registry_for_docs().names())


def registry_for_docs() -> Any:
    """The command registry without a live store, for manifests and help text."""
    nothing: Any = None  # help text and manifests never run a command
    services = Services(queries=nothing, subscriptions=nothing)
    return build_registry(services)
