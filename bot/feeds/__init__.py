"""Live feeds: guarded fetching, safe parsing, article extraction and de-duplication.

Entry points: `fetcher.Fetcher`, `parser.parse_feed` / `parse_feed_async`,
`extract.extract_article` / `extract_article_async` / `needs_full_text`, `dedup.item_key` /
`content_fingerprint` / `StoryClusterer`, `guard.check_url`, `opml.parse_opml`. The async parse
and extraction run in `sandbox.Sandbox` child processes under CPU and memory limits, after the
checks of `xmlsafety` and `structure`. Only `bot.domain` and `bot.settings` are imported from
outside.
"""
