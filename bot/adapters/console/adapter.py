"""Console adapter: a channel called "console" printed to stdout, commands from stdin.

Everything it prints goes through `for_terminal`, so outside text cannot send escape sequences.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
from datetime import datetime
from typing import TextIO

from bot.adapters.console.render import render_card, render_reply
from bot.chat.commands import CommandContext
from bot.chat.messages import Card
from bot.chat.ports import AdapterDeps, SendResult
from bot.terminal import for_terminal

log = logging.getLogger(__name__)

PROMPT = "policywire> "


class ConsoleAdapter:
    """Prints alerts and answers commands typed at a prompt until end of input."""

    platform = "console"

    def __init__(
        self, deps: AdapterDeps, out: TextIO | None = None, user_id: str = "local"
    ) -> None:
        self.deps = deps
        self.out = out or sys.stdout
        self.user_id = user_id
        self.connected = True
        self._posted: dict[str, str] = {}

    async def start(self) -> None:
        """Nothing to connect: the console is always there."""

    async def stop(self) -> None:
        """Nothing to disconnect."""

    async def send_card(self, channel_id: str, card: Card, delivery_id: str) -> SendResult:
        """Print an alert; the delivery id doubles as the message id."""
        self._write(render_card(card, channel_id) + "\n")
        self._posted[delivery_id] = delivery_id
        return SendResult(ok=True, message_id=delivery_id)

    async def find_delivered(self, channel_id: str, delivery_id: str,
                             since: datetime | None = None) -> str | None:
        """Only alerts printed by this process are known (a terminal keeps no history)."""
        return self._posted.get(delivery_id)

    def _write(self, text: str) -> None:
        self.out.write(for_terminal(text))
        self.out.flush()

    def context(self, channel_id: str = "console") -> CommandContext:
        """The command context of the local user."""
        return CommandContext(
            platform="console", channel_id=channel_id, user_id=self.user_id,
            is_admin=self.deps.is_admin("console", self.user_id, ()), can_manage_channel=True,
        )

    async def ask(self, text: str) -> str:
        """Answer one command line and return the rendered text (the router audits it)."""
        reply = await self.deps.router.dispatch(self.context(), text)
        return for_terminal(render_reply(reply))

    async def repl(self, stdin: TextIO | None = None) -> int:
        """Read commands until EOF (or /quit); returns how many were answered."""
        stdin = stdin or sys.stdin
        interactive = stdin.isatty()
        loop = asyncio.get_running_loop()
        answered = 0
        while True:
            if interactive:
                self._write(PROMPT)
            line = await _read_line(loop, stdin)
            if not line:
                break
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line in ("/quit", "/exit", "quit", "exit"):
                break
            self._write(await self.ask(line) + "\n\n")
            answered += 1
        return answered


async def _read_line(loop: asyncio.AbstractEventLoop, stdin: TextIO) -> str:
    """One line from `stdin`, read on a daemon thread.

    A blocking read cannot be interrupted; on a daemon thread it does not hold up shutdown
    (the loop's default executor would make `asyncio.run` wait for the line that never comes,
    so SIGTERM would not stop a bot whose stdin is open).
    """
    future: asyncio.Future[str] = loop.create_future()

    def read() -> None:
        try:
            line = stdin.readline()
        except Exception as exc:  # a closed or broken stdin ends the loop like EOF
            log.debug("console input ended: %r", exc)
            line = ""
        with contextlib.suppress(RuntimeError):  # the loop may be closed by then
            loop.call_soon_threadsafe(_settle, future, line)

    threading.Thread(target=read, name="console-stdin", daemon=True).start()
    return await future


def _settle(future: asyncio.Future[str], line: str) -> None:
    if not future.done():
        future.set_result(line)
