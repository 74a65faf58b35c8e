"""Composition root: `build` makes everything (`bot/app/compose.py`), `Runtime` holds it
(`bot/app/runtime.py`), `LiveConfig` and `Reloader` own the running config (`bot/app/live.py`).

Nothing else in the project reads configuration or the environment.
"""

from bot.app.compose import (
    JOB_GRACE,
    SHUTDOWN_GRACE,
    AdapterFactory,
    Notify,
    build,
    chat_adapters,
    command_names,
    registry_for_docs,
)
from bot.app.live import LiveConfig, Reloader
from bot.app.runtime import Adapter, Runtime

__all__ = ["JOB_GRACE", "SHUTDOWN_GRACE", "Adapter", "AdapterFactory", "LiveConfig", "Notify",
           "Reloader", "Runtime", "build", "chat_adapters", "command_names", "registry_for_docs"]
