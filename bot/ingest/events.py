"""The one port through which ingest tells the rest of the bot what happened to articles.

Ingest never imports delivery: the composition root hands it an `ArticleEvents` (the alert
service implements it). A newly stored article reaches listeners through
`IngestService.add_listener` (ArticleStored); the two events here come from the poller
(ArticleEdited) and the story linker (StoryGrew).
"""

from __future__ import annotations

from typing import Protocol


class ArticleEvents(Protocol):
    """Receivers of ingest's events beyond "article stored"."""

    async def article_edited(self, article_id: int, title: str, text: str,
                             version: str) -> int:
        """A stored article's feed item changed (`version`: its new content fingerprint);
        returns how many alerts that caused."""
        ...

    async def story_grew(self, story_id: int) -> int:
        """Another outlet's article joined a story; returns how many waiting alerts changed."""
        ...
