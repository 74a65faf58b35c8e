"""Admin notices (e.g. "feed paused"): logged, audited, and posted through the delivery outbox
to the admin channels the config names, so each notice is delivered once and survives a crash."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from bot.chat.messages import Card
from bot.settings import NoticeChannel
from bot.store.outbox import Outgoing
from bot.store.repositories import Storage

log = logging.getLogger(__name__)


class AdminNotices:
    """Posts a notice to every configured admin channel, keyed so a retry is not a repeat."""

    def __init__(self, store: Storage, channels: Callable[[], Sequence[NoticeChannel]],
                 wake: Callable[[], None]) -> None:
        self.store = store
        self._channels = channels
        self._wake = wake
        self.outbox = store.outbox

    async def post(self, title: str, text: str, key: str) -> int:
        """Enqueue the notice per admin channel, then log and audit it; returns how many rows
        were new (0, and nothing logged, when `key` was posted before)."""
        channels = list(self._channels())
        card = Card(title=title, summary=text, kind="notice").model_dump_json()
        states = await self.outbox.enqueue([
            Outgoing(key=f"notice:{key}:{ch.platform}:{ch.id}", article_id=None,
                     platform=ch.platform, channel_id=ch.id, kind="notice", card=card)
            for ch in channels
        ])
        added = sum(s is not None for s in states)
        if channels and not added:
            log.info("notice already posted", extra={"notice": key})
            return 0
        log.warning(text, extra={"notice": key, "admin_channels": len(channels)})
        await self.store.audit.record("system", "policywire", "notice", f"{key}: {text}")
        if added:
            self._wake()
        return added
