"""`policywire run`: start adapters, ingest seeds, deliver alerts, serve commands, shut down."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Any

from bot.adapters.console.adapter import ConsoleAdapter
from bot.app import App
from bot.config_loader import resolve_relative
from bot.domain.errors import ConfigError
from bot.ops.looplag import LoopLagMonitor
from bot.ops.server import OpsServer, pending_alerts_refresher, standard_checks

log = logging.getLogger(__name__)
# Seconds given at shutdown to scheduled jobs in flight (polls, digests), then to sends in
# flight; together under `docker stop`'s 10 s default.
JOB_GRACE = 3.0
SHUTDOWN_GRACE = 5.0


def _chat_adapters(app: App) -> list[Any]:
    """Slack and Discord adapters whose tokens are set in the environment."""
    adapters: list[Any] = []
    deps = app.adapter_deps()
    from bot.adapters.slack import create_slack_adapter

    slack = create_slack_adapter(app.config.slack, deps, app.env)
    if slack is not None:
        adapters.append(slack)
    from bot.adapters.discord import create_discord_adapter

    discord = create_discord_adapter(app.config.discord, deps, app.env, state=app.store.kv)
    if discord is not None:
        adapters.append(discord)
    return adapters


async def _reload(app: App) -> None:
    """SIGHUP: validate and swap the config; an invalid file is refused and logged."""
    try:
        log.warning(await app.reload())
    except ConfigError as exc:
        log.error("config reload refused; the running config stays",
                  extra={"errors": exc.errors})
    except Exception:  # a reload must never take the bot down, nor fail unseen
        log.exception("config reload failed; the running config stays")


def _on_sighup(app: App, reloads: set[asyncio.Task[None]]) -> None:
    """Start a reload task and keep a reference to it until it ends (the loop keeps none)."""
    task = asyncio.get_running_loop().create_task(_reload(app), name="config-reload")
    reloads.add(task)
    task.add_done_callback(reloads.discard)


async def run_bot(app: App, *, seeds: bool = True, force_console: bool = False) -> int:
    """Run until end of console input (console mode) or a termination signal."""
    # Signals first: a SIGTERM during start-up (seed ingestion can take seconds) then stops
    # the bot cleanly once it is up, instead of killing it with its NLP worker orphaned.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    reloads: set[asyncio.Task[None]] = set()
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGHUP, _on_sighup, app, reloads)
    adapters = _chat_adapters(app)
    console = None
    if not adapters or force_console:
        console = ConsoleAdapter(app.adapter_deps())
        app.add_sender(console)
    for adapter in adapters:
        await adapter.start()
        app.add_sender(adapter)
        log.info("adapter started", extra={"platform": adapter.platform})
    if seeds and app.config.seeds.ingest_on_start:
        folder = resolve_relative(app.config_path, app.config.seeds.articles)
        if folder.exists():
            outcomes = await app.ingest_paths([folder])
            new = sum(o.created for o in outcomes)
            log.info("seeds ingested", extra={"articles": len(outcomes), "new": new})
    await app.worker.drain()
    app.worker.start()
    for hook in app.start_hooks:
        await hook()
    app.scheduler.start()
    ops, lag = await _start_ops(app, adapters or [console])
    try:
        if console is not None:
            if sys.stdin.isatty():
                print("PolicyWire is running. Type /help, or Ctrl-D to quit.")
            repl: asyncio.Task[Any] = asyncio.create_task(console.repl())
            stopper: asyncio.Task[Any] = asyncio.create_task(stop.wait())
            await asyncio.wait({repl, stopper}, return_when=asyncio.FIRST_COMPLETED)
            for task in (stopper, repl):
                task.cancel()
            await asyncio.gather(stopper, repl, return_exceptions=True)
        else:
            await stop.wait()
    finally:
        # Stop taking commands, stop scheduling, let sends in flight finish (or park them for
        # the next start), then close the chat sessions.
        app.router.closing = True
        if ops is not None:
            ops.draining = True
        await app.scheduler.stop(timeout=JOB_GRACE)
        for task in list(reloads):
            task.cancel()
        await asyncio.gather(*reloads, return_exceptions=True)
        await app.worker.stop(timeout=SHUTDOWN_GRACE)
        for adapter in adapters:
            with contextlib.suppress(Exception):
                await adapter.stop()
        if lag is not None:
            await lag.stop()
        if ops is not None:
            await ops.stop()
    return 0


async def _start_ops(app: App, adapters: list[Any]) -> tuple[OpsServer | None,
                                                            LoopLagMonitor | None]:
    """The health/metrics endpoint and the event-loop lag monitor, when enabled."""
    server = app.config.server
    if not server.enabled:
        return None, None
    lag = LoopLagMonitor(app.metrics)
    lag.start()
    ops = OpsServer(server.host, server.port, app.metrics,
                    standard_checks(app.store, lambda: adapters, app.scheduler),
                    before_scrape=pending_alerts_refresher(app.store.deliveries.counts,
                                                           app.metrics))
    try:
        await ops.start()
    except OSError as exc:
        log.error("health and metrics endpoint not started: %s (server.host/port in config)",
                  exc)
        return None, lag
    log.info("health and metrics listening", extra={"url": ops.url})
    return ops, lag
