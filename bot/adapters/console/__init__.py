"""The console adapter: alerts printed as text, slash commands read from stdin."""
