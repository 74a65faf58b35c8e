"""Leadership per role on PostgreSQL (bot.store.ports.Leadership): a session advisory lock."""

from __future__ import annotations

from bot.store.ports import Leadership
from bot.store.postgres.locks import SessionLocks


class PgLeadership:
    """`try_lead(role)` holds the role's lock on this process's lock connection."""

    def __init__(self, locks: SessionLocks) -> None:
        self.locks = locks

    async def try_lead(self, role: str) -> bool:
        """True while this process leads `role` (taking it when nobody does)."""
        return await self.locks.try_take(f"leader:{role}")

    async def step_down(self, role: str) -> None:
        """Give `role` up."""
        await self.locks.give(f"leader:{role}")


def _conforms(leader: PgLeadership) -> Leadership:
    """Never called: mypy checks here that the class satisfies its port."""
    return leader
