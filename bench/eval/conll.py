"""Readers for CoNLL-style NER files and the label mappings used to compare taggers.

CoNLL-2003 uses IOB1 (a chunk starts with I-; B- only splits two touching chunks of one type);
WNUT-17 uses BIO (every chunk starts with B-). Both are turned into token spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.eval.scoring import Span

# spaCy (OntoNotes) labels -> CoNLL types; labels absent here (DATE, MONEY, CARDINAL...) drop.
SPACY_TO_CONLL: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}

# WNUT-17 types -> CoNLL types.
WNUT_TO_CONLL: dict[str, str] = {
    "person": "PER",
    "corporation": "ORG",
    "group": "ORG",
    "location": "LOC",
    "product": "MISC",
    "creative-work": "MISC",
}


@dataclass(frozen=True)
class Sentence:
    """Tokens of one sentence, its rebuilt text, token character offsets and gold token spans."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    text: str
    offsets: tuple[tuple[int, int], ...]
    gold: tuple[Span, ...]


def _rows(path: Path, tag_col: int) -> Iterator[list[tuple[str, str]]]:
    """Yield sentences as (token, tag) rows; document markers are skipped."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                if rows:
                    yield rows
                rows = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            if cols[0] == "-DOCSTART-":
                continue
            rows.append((cols[0], cols[tag_col]))
    if rows:
        yield rows


def tags_to_spans(tags: Iterable[str], scheme: str, label_map: dict[str, str] | None = None
                  ) -> list[Span]:
    """Turn IOB1 or BIO tags into (start_token, end_token_exclusive, label) spans.

    In both schemes an I- tag whose type differs from the open chunk starts a new chunk; BIO's
    stray I- (no open chunk) also starts one, as seqeval does. Unmapped labels are dropped.
    """
    if scheme not in ("iob1", "bio"):
        raise ValueError(f"unknown scheme {scheme!r}")
    spans: list[Span] = []
    start, label = -1, ""
    tags = list(tags)
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start < 0 or typ != label))
        if label and (tag == "O" or begins):
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and begins:
            start, label = i, typ
    if label_map is not None:
        spans = [(s, e, label_map[t]) for s, e, t in spans if t in label_map]
    return spans


def rebuild(tokens: Iterable[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join tokens with single spaces and return the text and each token's char offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok) + 1
    return " ".join(parts), tuple(offsets)


def read_conll(path: Path, scheme: str, tag_col: int, label_map: dict[str, str] | None = None,
               limit: int | None = None) -> list[Sentence]:
    """Read a CoNLL file into sentences with gold spans (label_map renames/filters types)."""
    out: list[Sentence] = []
    for rows in _rows(path, tag_col):
        tokens = tuple(t for t, _ in rows)
        tags = tuple(g for _, g in rows)
        text, offsets = rebuild(tokens)
        gold = tuple(tags_to_spans(tags, scheme, label_map))
        out.append(Sentence(tokens, tags, text, offsets, gold))
        if limit is not None and len(out) >= limit:
            break
    return out


def read_conll2003(path: Path, limit: int | None = None) -> list[Sentence]:
    """CoNLL-2003 4-column IOB1 file (token POS chunk NER)."""
    return read_conll(path, "iob1", tag_col=3, limit=limit)


def read_wnut17(path: Path, limit: int | None = None) -> list[Sentence]:
    """WNUT-17 2-column BIO file, types mapped to PER/ORG/LOC/MISC."""
    return read_conll(path, "bio", tag_col=1, label_map=WNUT_TO_CONLL, limit=limit)


def char_to_token_spans(offsets: tuple[tuple[int, int], ...],
                        char_spans: Iterable[tuple[int, int, str]],
                        label_map: dict[str, str] = SPACY_TO_CONLL) -> tuple[list[Span], int]:
    """Map predicted character spans onto token spans.

    A span whose edges do not fall on token boundaries cannot match gold; it is kept as a
    deliberately unmatchable span (negative indices) so it still counts as a false positive.
    Returns the token spans and the number of misaligned ones.
    """
    starts = {s: i for i, (s, _) in enumerate(offsets)}
    ends = {e: i + 1 for i, (_, e) in enumerate(offsets)}
    out: list[Span] = []
    misaligned = 0
    for start, end, label in char_spans:
        mapped = label_map.get(label)
        if mapped is None:
            continue
        if start in starts and end in ends and starts[start] < ends[end]:
            out.append((starts[start], ends[end], mapped))
        else:
            misaligned += 1
            out.append((-1 - start, -1 - end, mapped))
    return out, misaligned
