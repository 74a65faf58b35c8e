"""Ingest: feeds and files in, articles stored; tells the rest of the bot through `events`."""
