"""Item identity, content fingerprints and near-duplicate story clustering."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.feeds.items import FeedItem, html_to_text

if TYPE_CHECKING:  # datasketch's LSH imports SciPy (a third of a CLI command's start-up time),
    # so it is imported on first use: `ask`, `config check` and most tests never cluster
    from datasketch import MinHash, MinHashLSH

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ocid", "igshid", "_hsenc", "_hsmi", "yclid",
     "spm"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Clock times and dates inside text are churn, not edits ("Updated 10:32 GMT", "2024-05-09").
_CHURN = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|utc|gmt|[+-]\d{2}:?\d{2})?\b"
    r"|\b\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?\b",
    re.I,
)
_STOP_WORDS = (
    "a an the of on to at in into and or but for by with from as is are was were be been being "
    "it its this that these those their there they he she his her we our you your said says say "
    "will would could should must may might has have had not no than then also which who whom "
    "what when where after before over under about more most new"
)
_STOP = frozenset(_STOP_WORDS.split())


def is_tracking(param: str) -> bool:
    """Whether a query parameter only tracks the reader (utm_*, fbclid, ...)."""
    key = param.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def canonical_url(url: str) -> str:
    """Canonical form of an http(s) URL for identity (other strings are returned stripped)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking(k)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def strip_tracking(url: str) -> str:
    """`url` without tracking parameters (utm_*, fbclid, ...), otherwise as given: the link
    an alert shows. Parameter order, path and fragment are kept."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if not parts.query:
        return url.strip()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not is_tracking(k)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def normalise_text(text: str) -> str:
    """Lower-cased, accent-folded words of `text` joined by single spaces."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return " ".join(_WORD.findall(text))


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def item_key(feed_url: str, item: FeedItem) -> str:
    """Stable identity of a feed item: GUID, else canonical URL, else title+date hash.

    A GUID that is not a URL is scoped to the feed. The hash fallback uses the calendar day, not
    the time, so a time-of-day change alone does not make a new key.
    """
    if item.guid:
        if _is_url(item.guid):
            return "url:" + canonical_url(item.guid)
        return f"guid:{canonical_url(feed_url)}|{item.guid.strip()}"
    if item.url:
        return "url:" + canonical_url(item.url)
    when = item.published or item.updated
    basis = f"{canonical_url(feed_url)}|{normalise_text(item.title)}|"
    basis += when.date().isoformat() if when else ""
    return "hash:" + hashlib.sha256(basis.encode()).hexdigest()[:32]


def content_fingerprint(title: str, text: str) -> str:
    """Hash of the normalised title and text, ignoring markup, case and embedded clock times."""
    body = _CHURN.sub(" ", f"{html_to_text(title)}\n{html_to_text(text)}")
    return hashlib.sha256(normalise_text(body).encode()).hexdigest()[:32]


def shingles(text: str, limit: int = 150) -> set[str]:
    """The first `limit` content words of `text` (stop words dropped), as a set.

    Single words survive rewording by other outlets far better than word n-grams; the limit keeps
    a full article comparable with another outlet's shorter version of the same story.
    """
    words = [w for w in normalise_text(text).split() if w not in _STOP and len(w) > 1]
    return set(words[:limit])


class StoryClusterer:
    """Groups near-duplicate stories with MinHash LSH over content-word shingles.

    LSH runs at a lower threshold to find candidates; a candidate joins only when its estimated
    Jaccard similarity reaches `threshold`. `add(key, text)` returns the key of the existing
    cluster the text joins, or None when it starts a new cluster (whose key is then `key`).
    Rebuild after a restart with `rebuild`.
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 256) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh_index: MinHashLSH | None = None
        self._hashes: dict[str, MinHash] = {}
        self._cluster: dict[str, str] = {}

    @property
    def _lsh(self) -> MinHashLSH:
        """The LSH index, made on first use."""
        if self._lsh_index is None:
            from datasketch import MinHashLSH

            self._lsh_index = MinHashLSH(threshold=max(0.1, self.threshold - 0.2),
                                         num_perm=self.num_perm)
        return self._lsh_index

    def __len__(self) -> int:
        return len(self._cluster)

    def __contains__(self, key: object) -> bool:
        return key in self._cluster

    def _minhash(self, text: str) -> MinHash:
        from datasketch import MinHash

        mh = MinHash(num_perm=self.num_perm)
        mh.update_batch([s.encode() for s in sorted(shingles(text))])
        return mh

    def cluster_of(self, key: str) -> str | None:
        """The cluster key of a known story key."""
        return self._cluster.get(key)

    def add(self, key: str, text: str) -> str | None:
        """Index `text` under `key`; return the cluster key it joined, or None if new."""
        if key in self._cluster:
            found = self._cluster[key]
            return None if found == key else found
        mh = self._minhash(text)
        best, best_score = None, self.threshold
        for other in self._lsh.query(mh):
            score = mh.jaccard(self._hashes[other])
            if score >= best_score:
                best, best_score = other, score
        self._lsh.insert(key, mh)
        self._hashes[key] = mh
        cluster = self._cluster[best] if best is not None else key
        self._cluster[key] = cluster
        return None if best is None else cluster

    def remove(self, key: str) -> None:
        """Forget a story (e.g. past retention)."""
        if key in self._cluster:
            self._lsh.remove(key)
            del self._hashes[key]
            del self._cluster[key]

    def rebuild(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Start over from stored (key, text) pairs, in the order they were first seen."""
        self._lsh_index = None
        self._hashes.clear()
        self._cluster.clear()
        for key, text in pairs:
            self.add(key, text)
