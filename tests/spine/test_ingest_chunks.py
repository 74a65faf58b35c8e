"""How a batch is cut into pool hops: at most `CHUNK` articles a hop, and at least one hop per
worker when the batch is big enough, so no worker waits while another does most of the work."""

from __future__ import annotations

from bot.ingest.service import CHUNK, chunked


def test_one_worker_takes_hops_of_at_most_chunk() -> None:
    sizes = [len(c) for c in chunked(list(range(70)), 1)]
    assert sizes == [24, 24, 22] and max(sizes) <= CHUNK


def test_two_workers_get_even_hops() -> None:
    assert [len(c) for c in chunked(list(range(49)), 2)] == [25, 24]
    assert [len(c) for c in chunked(list(range(3)), 2)] == [2, 1]
    assert [len(c) for c in chunked(list(range(100)), 2)] == [25, 25, 25, 25]


def test_order_is_kept_and_nothing_is_lost_or_doubled() -> None:
    items = list(range(97))
    for workers in (1, 2, 3, 8):
        parts = chunked(items, workers)
        assert [x for part in parts for x in part] == items
        assert all(0 < len(p) <= CHUNK for p in parts)


def test_empty_and_odd_worker_counts() -> None:
    assert chunked([], 2) == []
    assert chunked([1], 0) == [[1]]
