"""Platform-neutral command handlers. `build_registry` is the one table of commands."""

from __future__ import annotations

from bot.chat.commands import Registry
from bot.services.container import Services
from handlers import admin, articles, audit, entity, figures, help, subscribe, topics


def build_registry(services: Services) -> Registry:
    """Every command, in the order /help lists them."""
    registry = Registry()
    for module in (help, topics, articles, entity, figures, subscribe, admin, audit):
        for spec in module.specs(services, registry):
            registry.add(spec)
    return registry
