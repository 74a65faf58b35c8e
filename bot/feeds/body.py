"""Streaming decoders that cap the DECOMPRESSED size of a response body.

The session is created with `auto_decompress=False`; we inflate chunk by chunk and stop as soon as
the output passes the cap, so a small gzip bomb never allocates more than about the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import brotli

from bot.feeds.errors import FeedError, TooLarge

_STEP = 64 * 1024


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data

    def flush(self, limit: int) -> bytes:
        return b""


class _Zlib:
    def __init__(self, wbits: int, fallback_raw: bool = False) -> None:
        self._obj = zlib.decompressobj(wbits)
        self._fallback_raw = fallback_raw
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._obj.decompress(data, limit + 1)
        except zlib.error:
            if self._fallback_raw and not self._started:
                # "deflate" is sometimes sent as a raw stream without the zlib header.
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                self._fallback_raw = False
                return self.feed(data, limit)
            raise
        self._started = True
        if len(out) > limit:
            return out
        # Drain input held back by max_length, a bounded step at a time.
        while self._obj.unconsumed_tail and len(out) <= limit:
            out += self._obj.decompress(self._obj.unconsumed_tail, limit + 1 - len(out))
        return out

    def flush(self, limit: int) -> bytes:
        return self._obj.flush(_STEP) if limit > 0 else b""


class _Brotli:
    def __init__(self) -> None:
        self._obj = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        out: bytes = self._obj.process(data, output_buffer_limit=limit + 1)
        while len(out) <= limit and not self._obj.can_accept_more_data():
            out += self._obj.process(b"", output_buffer_limit=limit + 1 - len(out))
        return out

    def flush(self, limit: int) -> bytes:
        return b""


def decoder_for(encoding: str | None) -> _Identity | _Zlib | _Brotli:
    """A streaming decoder for a Content-Encoding value; FeedError when unsupported."""
    enc = (encoding or "identity").strip().lower()
    if enc in ("", "identity"):
        return _Identity()
    if enc in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS)
    if enc == "deflate":
        return _Zlib(zlib.MAX_WBITS, fallback_raw=True)
    if enc == "br":
        return _Brotli()
    raise FeedError(f"unsupported content encoding {enc!r}")


async def read_capped(
    chunks: AsyncIterator[bytes], encoding: str | None, max_bytes: int
) -> bytes:
    """Read and decode a body stream; raise TooLarge once raw or decoded bytes pass `max_bytes`."""
    dec = decoder_for(encoding)
    parts: list[bytes] = []
    raw = size = 0
    try:
        async for chunk in chunks:
            raw += len(chunk)
            if raw > max_bytes:
                raise TooLarge(f"response body is larger than the {max_bytes}-byte limit")
            out = dec.feed(chunk, max_bytes - size)
            size += len(out)
            if size > max_bytes:
                raise TooLarge(
                    f"decompressed body is larger than the {max_bytes}-byte limit "
                    f"(content encoding {encoding})"
                )
            parts.append(out)
        tail = dec.flush(max_bytes - size)
    except (zlib.error, brotli.error) as exc:
        raise FeedError(f"corrupt {encoding} body: {exc}") from exc
    if size + len(tail) > max_bytes:
        raise TooLarge(f"decompressed body is larger than the {max_bytes}-byte limit")
    parts.append(tail)
    return b"".join(parts)
