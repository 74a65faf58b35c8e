"""Chat platform adapters (Slack, Discord, console): the only code that imports chat SDKs."""
