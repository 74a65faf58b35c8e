"""What one `policywire run` process does (`--role`): every process answers chat commands;
the background work is split into roles so a deployment can place it.

- `worker`: drains the outbox (posts alerts), claiming rows so processes never double-post;
- `poller`: polls feeds, claiming each feed so it is fetched once per interval in all;
- `scheduler`: may lead the cron jobs (digests, overflow, retention); one process at a time
  leads them (`Storage.leader`), another takes over when the leader dies;
- `all` (the default): the three.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLE_NAMES = ("worker", "poller", "scheduler")
CHOICES = ("all", *ROLE_NAMES)
LEADER_ROLE = "scheduler"  # the Leadership role name of the cron jobs
DISCORD_GATEWAY_ROLE = "discord-gateway"  # the one process holding Discord's gateway session


@dataclass(frozen=True, slots=True)
class Roles:
    """The roles of this process."""

    worker: bool = True
    poller: bool = True
    scheduler: bool = True

    @classmethod
    def parse(cls, value: str) -> Roles:
        """`all`, or one role name (ValueError otherwise)."""
        if value == "all":
            return cls()
        if value not in ROLE_NAMES:
            raise ValueError(f"unknown role {value!r}: one of {', '.join(CHOICES)}")
        return cls(**{name: name == value for name in ROLE_NAMES})

    def describe(self) -> str:
        """"all", or the role names joined."""
        names = [n for n in ROLE_NAMES if getattr(self, n)]
        return "all" if len(names) == len(ROLE_NAMES) else ",".join(names)
