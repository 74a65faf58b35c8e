"""Operating the bot: the health/metrics HTTP endpoint and the event-loop lag monitor."""
