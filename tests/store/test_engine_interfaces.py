"""Each PostgreSQL repository has exactly the public methods of its SQLite counterpart, with the
same parameters (names, kinds, defaults) and the same resolved types: services take either."""

from __future__ import annotations

import inspect
import typing

import pytest

from bot.store.deliveries import DeliveryRepo
from bot.store.feeds import FeedRepo
from bot.store.misc import AuditLog, KeyValue
from bot.store.outbox import Outbox
from bot.store.postgres.feeds import PgFeedRepo
from bot.store.postgres.misc import PgAuditLog, PgKeyValue
from bot.store.postgres.outbox import PgDeliveryRepo, PgOutbox
from bot.store.postgres.subscriptions import PgSubscriptionRepo
from bot.store.subscriptions import SubscriptionRepo

PAIRS = [(FeedRepo, PgFeedRepo), (SubscriptionRepo, PgSubscriptionRepo), (AuditLog, PgAuditLog),
         (KeyValue, PgKeyValue), (Outbox, PgOutbox), (DeliveryRepo, PgDeliveryRepo)]
# PostgreSQL only: the delivery queue's own connections (channel locks, LISTEN) to close
PG_ONLY = {PgDeliveryRepo: {"close"}}


def _public(cls: type) -> set[str]:
    """Public methods, inherited ones included (bot.store.feeds.FeedWrites)."""
    return {n for n, _ in inspect.getmembers(cls, callable) if not n.startswith("_")}


@pytest.mark.parametrize(("sqlite", "pg"), PAIRS, ids=[p.__name__ for _, p in PAIRS])
def test_same_methods_and_signatures(sqlite: type, pg: type) -> None:
    assert _public(pg) - PG_ONLY.get(pg, set()) == _public(sqlite)
    for name in _public(sqlite):
        mine, theirs = getattr(sqlite, name), getattr(pg, name)
        assert inspect.iscoroutinefunction(mine) == inspect.iscoroutinefunction(theirs), name
        a, b = inspect.signature(mine), inspect.signature(theirs)
        assert [(p.name, p.kind, p.default) for p in a.parameters.values()] == [
            (p.name, p.kind, p.default) for p in b.parameters.values()], name
        assert typing.get_type_hints(mine) == typing.get_type_hints(theirs), name

