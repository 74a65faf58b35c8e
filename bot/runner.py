"""`policywire run`: build the runtime with its adapters, start it, serve until told to stop.

What is built and in which order it starts and stops is `bot.app.build` / `Runtime.start`;
this module owns only the process's side: signals, SIGHUP reloads and the console loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.adapters.console.adapter import ConsoleAdapter
from bot.app import Runtime, build, chat_adapters
from bot.app.roles import Roles
from bot.domain.errors import ConfigError
from bot.settings import Config

log = logging.getLogger(__name__)


async def _reload(rt: Runtime) -> None:
    """SIGHUP: validate and swap the config; an invalid file is refused and logged."""
    try:
        log.warning(await rt.reload())
    except ConfigError as exc:
        log.error("config reload refused; the running config stays",
                  extra={"errors": exc.errors})
    except Exception:  # a reload must never take the bot down, nor fail unseen
        log.exception("config reload failed; the running config stays")


def _on_sighup(rt: Runtime, reloads: set[asyncio.Task[None]]) -> None:
    """Start a reload task and keep a reference to it until it ends (the loop keeps none)."""
    task = asyncio.get_running_loop().create_task(_reload(rt), name="config-reload")
    reloads.add(task)
    task.add_done_callback(reloads.discard)


async def run_bot(config: Config, config_path: str | Path, *, db_path: str | Path | None = None,
                  env: Mapping[str, str] | None = None, seeds: bool = True,
                  force_console: bool = False, roles: Roles | None = None) -> int:
    """Run until end of console input (console mode) or a termination signal."""
    # Signals first: a SIGTERM during start-up (seed ingestion can take seconds) then stops
    # the bot cleanly once it is up, instead of killing it with its NLP worker orphaned.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    reloads: set[asyncio.Task[None]] = set()
    async with await build(config, env, config_path=config_path, db_path=db_path,
                           executor="process", serve=True, roles=roles or Roles(),
                           adapters=chat_adapters(config, console=force_console)) as rt:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signal.SIGHUP, _on_sighup, rt, reloads)
        try:
            await rt.start(seeds=seeds)
            console = next((a for a in rt.adapters if isinstance(a, ConsoleAdapter)), None)
            if console is not None:
                await _console_until(console, stop)
            else:
                await stop.wait()
        finally:
            for task in list(reloads):
                task.cancel()
            await asyncio.gather(*reloads, return_exceptions=True)
    return 0


async def _console_until(console: ConsoleAdapter, stop: asyncio.Event) -> None:
    """Read console commands until end of input or `stop`."""
    if sys.stdin.isatty():
        print("PolicyWire is running. Type /help, or Ctrl-D to quit.")
    repl: asyncio.Task[Any] = asyncio.create_task(console.repl())
    stopper: asyncio.Task[Any] = asyncio.create_task(stop.wait())
    await asyncio.wait({repl, stopper}, return_when=asyncio.FIRST_COMPLETED)
    for task in (stopper, repl):
        task.cancel()
    await asyncio.gather(stopper, repl, return_exceptions=True)
