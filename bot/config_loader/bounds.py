"""Bounds on YAML input: file size, total size of a config and its includes, and expansion.

YAML aliases and merge keys (`<<`) are references, cheap to compose but multiplied when the
document is built: a few nested anchors turn 2 KB into hundreds of millions of values (and
PyYAML copies every merged key list, duplicates included). `check_expansion` counts, on the
composed node graph and before anything is built, how many nodes the document expands to; each
node's count is computed once, so the check is linear in the file. Past `MAX_NODES` the file is
refused at the line of the node that passed the limit.

Nesting is bounded too (`check_depth`, on the parser's event stream, before anything is
composed): libyaml's composer recurses in C and crashes the process on `- - - - ...` or
`[[[[...`, and PyYAML's raises RecursionError.
"""

from __future__ import annotations

from typing import NamedTuple

import yaml

MAX_FILE_BYTES = 4 * 1024 * 1024  # one YAML file (a config, an include, article front matter)
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # a config and all its includes together
MAX_FILES = 64  # files in one include tree
# Nodes after expanding aliases and merges: more than any file of MAX_FILE_BYTES holds written
# out (40,000 topics are about 300,000 nodes).
MAX_NODES = 2_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"
MAX_DEPTH = 64  # nested collections (a real config nests 4 or 5 deep)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class Expansion(NamedTuple):
    """How many nodes a document expands to, and whether it merges mappings with `<<`."""

    nodes: int
    merges: bool


class ExpansionError(ValueError):
    """The document expands past MAX_NODES (or holds a recursive alias) at `line`."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def check_depth(text: str, loader: type, limit: int = MAX_DEPTH) -> None:
    """ExpansionError at the first collection nested more than `limit` deep."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > limit:
                mark = event.start_mark
                raise ExpansionError(f"collections are nested more than {limit} deep; refused",
                                     mark.line + 1 if mark is not None else 0)
        elif isinstance(event, _CLOSE):
            depth -= 1


def _merged(node: yaml.MappingNode) -> list[yaml.Node]:
    """The mapping nodes a mapping merges in with `<<`."""
    out: list[yaml.Node] = []
    for key, value in node.value:
        if key.tag == MERGE_TAG:
            out.extend(value.value if isinstance(value, yaml.SequenceNode) else [value])
    return out


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        own = [n for key, value in node.value if key.tag != MERGE_TAG for n in (key, value)]
        return own + _merged(node)
    return []


def check_expansion(root: yaml.Node, limit: int = MAX_NODES) -> Expansion:
    """How far `root` expands; ExpansionError past `limit` nodes.

    A merged mapping counts with all its pairs, as PyYAML copies them. Iterative, so deep
    nesting cannot exhaust the Python stack.
    """
    size: dict[int, int] = {}
    merges = False
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            if isinstance(node, yaml.MappingNode) and not merges:
                merges = any(k.tag == MERGE_TAG for k, _ in node.value)
            total = 1 + sum(size[id(c)] for c in _children(node))
            if total > limit:
                raise ExpansionError(
                    f"YAML aliases and merge keys here expand to more than {limit:,} values; "
                    "refused (write the values out, or nest fewer anchors)",
                    node.start_mark.line + 1)
            size[key] = total
            continue
        if key in size:
            continue
        if key in open_:
            raise ExpansionError("recursive YAML alias (an anchor used inside itself)",
                                 node.start_mark.line + 1)
        open_.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in size)
    return Expansion(size[id(root)], merges)
