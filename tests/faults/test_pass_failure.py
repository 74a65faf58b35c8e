"""A delivery pass that fails in one channel must not leave sends running beside the next pass:
the worker posts through the real Slack adapter to the local Slack, and a real SQLite error
(a trigger, as a full disk would raise) refuses one channel's 'sent' until it is lifted."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.slack import SlackAdapter
from bot.chat.messages import Card
from bot.chat.outbound import OutboundQueue
from bot.delivery.worker import DeliveryWorker
from bot.settings import SlackConfig
from bot.store.outbox import Outgoing
from bot.store.sqlite import Store
from tests.fakes.slack_api import BOT_TOKEN, SlackFake
from tests.faults.support import slack_titles
from tests.slack.slack_helpers import Audit, build_deps

FAULT = ("CREATE TRIGGER refuse_sent BEFORE UPDATE OF state ON deliveries"
         " WHEN NEW.state = 'sent' AND NEW.channel_id = 'C0BAD'"
         " BEGIN SELECT RAISE(ABORT, 'simulated store failure'); END")


async def test_a_failed_pass_resends_nothing(tmp_path: Path) -> None:
    """13 alerts in 3 channels; one channel cannot record 'sent' for a while: each alert is
    posted exactly once and every row ends `sent`."""
    slack = await SlackFake().start()
    db = tmp_path / "pw.db"
    store = await Store.open(db)
    keys = []
    for channel, count in (("C0BAD", 3), ("C0OK1", 5), ("C0OK2", 5)):
        for n in range(count):
            key = f"pass:{channel}:{n}"
            await store.outbox.enqueue([Outgoing(key=key, article_id=None, platform="slack",
                                                 channel_id=channel, kind="article",
                                                 card=Card(title=key).model_dump_json())])
            keys.append(key)
    await store.db.write(FAULT)
    adapter = SlackAdapter(SlackConfig(mode="http"), build_deps(Audit()), bot_token=BOT_TOKEN,
                           api_url=slack.api_url,
                           outbound=OutboundQueue(per_channel_interval=0.05))
    worker = DeliveryWorker(store, {"slack": adapter}, poll=0.05)
    worker.start()
    try:
        healthy = {k for k in keys if "C0BAD" not in k} | {"pass:C0BAD:0"}
        await slack.wait_for(lambda: set(slack_titles(slack)) >= healthy, timeout=30)
        # set and lifted through the store's own serialised writes: a second connection can
        # be starved of the write lock by the worker's retries on a loaded machine
        await store.db.write("DROP TRIGGER refuse_sent")
        await slack.wait_for(lambda: set(slack_titles(slack)) >= set(keys), timeout=30)
    finally:
        await worker.stop()
        await slack.stop()
    try:
        seen = slack_titles(slack)
        assert {k: n for k, n in seen.items() if n > 1} == {}
        assert await store.deliveries.counts() == {"sent": len(keys)}
    finally:
        await store.close()
