"""Sync application commands to Discord only when the command set changed.

The hash covers the serialised commands and where they go (global or which guilds); it is kept
in a small key-value store the composition root provides, so restarts with an unchanged command
set do not touch Discord's (rate-limited) bulk-overwrite endpoint.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any, Protocol

import discord
from discord import app_commands

log = logging.getLogger(__name__)


class KeyValueState(Protocol):
    """A tiny persistent key-value store (the lead's store satisfies it)."""

    async def get(self, key: str) -> str | None:
        """The stored value, or None."""
        ...

    async def set(self, key: str, value: str) -> None:
        """Store `value` under `key`."""
        ...


def state_key(application_id: int | str) -> str:
    """The key under which the command-set hash of one application is stored."""
    return f"discord.commands.hash.{application_id}"


def command_set_hash(payload: Sequence[dict[str, Any]], guild_ids: Sequence[int] = ()) -> str:
    """A stable hash of the serialised commands and their target (global or guild ids)."""
    target = "guilds:" + ",".join(str(g) for g in sorted(guild_ids)) if guild_ids else "global"
    ordered = sorted(payload, key=lambda c: str(c.get("name")))
    blob = json.dumps({"target": target, "commands": ordered}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def tree_payload(tree: app_commands.CommandTree[Any]) -> list[dict[str, Any]]:
    """The JSON discord.py would send for the tree's global commands."""
    return [cmd.to_dict(tree) for cmd in tree.get_commands()]


async def sync_if_changed(tree: app_commands.CommandTree[Any], application_id: int,
                          state: KeyValueState | None, guild_ids: Sequence[int] = ()) -> bool:
    """Bulk-overwrite the commands unless the stored hash matches; True when a sync happened.

    With `guild_ids` (development) the global commands are copied to each guild and synced
    there, which Discord applies instantly; otherwise they are synced globally.
    """
    digest = command_set_hash(tree_payload(tree), guild_ids)
    key = state_key(application_id)
    if state is not None and await state.get(key) == digest:
        log.info("discord commands unchanged (%s…); not syncing", digest[:12])
        return False
    if guild_ids:
        for gid in guild_ids:
            guild = discord.Object(id=gid)
            tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
            log.info("synced %d discord commands to guild %s", len(synced), gid)
    else:
        synced = await tree.sync()
        log.info("synced %d discord commands globally", len(synced))
    if state is not None:
        await state.set(key, digest)
    return True
