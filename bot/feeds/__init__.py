"""Live feeds: guarded fetching, safe parsing, article extraction and de-duplication.

Entry points: `fetcher.Fetcher`, `parser.parse_feed` / `parse_feed_async`,
`extract.extract_article` / `needs_full_text`, `dedup.item_key` / `content_fingerprint` /
`StoryClusterer`, `guard.check_url`. Only `bot.domain` and `bot.settings` are imported from outside.
"""
