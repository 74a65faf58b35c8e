"""Read YAML files into nodes (with line marks) and data, following `include:` lists.

Included files may hold `topics:` and `feeds:` (and further `include:`); their entries come before
the including file's own. Paths are relative to the including file; cycles are refused. Repeated
mapping keys are reported, since PyYAML would silently keep the last one. Input is bounded
(`bot.config_loader.bounds`): file size, the include tree's size, and alias/merge expansion.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.config_loader.bounds import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    ExpansionError,
    check_depth,
    check_expansion,
)

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: about 7x faster
_MERGED = ("topics", "feeds")
_INCLUDABLE = {"include", *_MERGED}

Loc = tuple[str | int, ...]


class FileProblem(Exception):
    """A file that cannot be read as a YAML mapping; the message is the finished error line."""


@dataclass
class Problem:
    file: str
    line: int | None
    text: str  # "FIELD.PATH: message" or a message without a field


@dataclass
class Loaded:
    """The main file, its includes, and where every merged list item came from."""

    main: str
    root: yaml.MappingNode
    data: dict[str, Any]
    items: dict[str, list[tuple[str, yaml.Node, Any]]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    include_failed: bool = False


def read_text(display: str, path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 file of at most `limit` bytes, as text (FileProblem otherwise)."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise FileProblem(f"{display}: no such file") from None
    except OSError as exc:
        raise FileProblem(f"{display}: cannot read file: {exc}") from None
    if len(raw) > limit:
        raise FileProblem(f"{display}: the file is larger than {limit // (1024 * 1024)} MiB; "
                          "refused")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"{display}: cannot read file: {exc}") from None


def _compose_and_build(text: str) -> tuple[yaml.Node | None, Any]:
    """Check nesting, compose once (libyaml when the wheel has it), check expansion, build."""
    check_depth(text, _FAST)
    node = yaml.compose(text, Loader=_FAST)
    if node is None:
        return None, None
    if not check_expansion(node).merges:
        return node, yaml.SafeLoader("").construct_document(node)
    data = yaml.SafeLoader("").construct_document(node)  # merging rewrites the node's pairs,
    return yaml.compose(text, Loader=_FAST), data  # so keep a fresh copy for lines and keys


def load_yaml(text: str, display: str) -> tuple[yaml.Node | None, Any]:
    """Compose `text`, check its expansion, then build it; FileProblem with file:line."""
    try:
        try:
            return _compose_and_build(text)
        except yaml.YAMLError:
            if _FAST is yaml.SafeLoader:
                raise
            yaml.compose(text, Loader=yaml.SafeLoader)  # PyYAML's own wording and marks
            raise
    except ExpansionError as exc:
        raise FileProblem(f"{display}:{exc.line}: YAML error: {exc}") from None
    except RecursionError:
        raise FileProblem(f"{display}: YAML error: nested too deeply to read") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        col = f" (column {mark.column + 1})" if mark else ""
        kind = "YAML error" if isinstance(exc, yaml.constructor.ConstructorError) else (
            "YAML syntax error")
        raise FileProblem(f"{display}{where}: {kind}: {exc.problem}{col}") from None
    except yaml.YAMLError as exc:
        raise FileProblem(f"{display}: YAML syntax error: {exc}") from None


def parse_file(display: str, path: Path) -> tuple[yaml.MappingNode, dict[str, Any]]:
    """Compose and construct one YAML file that must hold a mapping."""
    node, data = load_yaml(read_text(display, path), display)
    if node is None:
        raise FileProblem(f"{display}: the file is empty; expected a mapping of settings")
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        raise FileProblem(
            f"{display}:{node.start_mark.line + 1}: the top level must be a mapping of settings "
            f"(key: value), not {kind}"
        )
    return node, data


def step(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    """The (key node, value node) for one loc element, or None when the node has no such child."""
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:  # PyYAML keeps the last of duplicate keys; so do we
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                found = (key, value)
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def dotted(loc: Loc) -> str:
    """`('topics', 2, 'keywords')` -> `topics[2].keywords`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Reader:
    """Reads the main file and its includes into one `Loaded`."""

    def __init__(self, main: str, root: yaml.MappingNode, data: dict[str, Any]) -> None:
        self.out = Loaded(main=main, root=root, data=data, files=[main])
        self.out.items = {key: [] for key in _MERGED}
        self.passthrough: set[str] = set()
        self.bytes_read = 0

    def problem(self, file: str, line: int | None, text: str) -> None:
        self.out.problems.append(Problem(file, line, text))

    def gather(self, display: str, path: Path, root: yaml.MappingNode, data: dict[str, Any],
               chain: list[tuple[Path, str]]) -> None:
        """Collect includes (depth first), then this file's own topics and feeds."""
        is_main = len(chain) == 1
        includes = data.get("include")
        inc_step = step(root, "include")
        if isinstance(includes, list) and inc_step is not None:
            for i, (item, rel) in enumerate(zip(inc_step[1].value, includes, strict=False)):
                self.include(display, path, item, i, rel, chain)
        elif includes is not None:
            self.out.include_failed = True  # its topics are missing: skip reference checks
            if not is_main and inc_step is not None:  # pydantic reports the main file's
                self.problem(display, line_of(inc_step[0] or inc_step[1]),
                             "include: must be a list of file paths")
        for key in _MERGED:
            found = step(root, key)
            if key not in data or found is None:
                continue
            value, seq = data[key], found[1]
            if isinstance(value, list) and isinstance(seq, yaml.SequenceNode):
                pairs = zip(seq.value, value, strict=True)
                self.out.items[key] += [(display, n, v) for n, v in pairs]
            elif value is None:
                continue
            elif is_main:
                self.passthrough.add(key)  # let pydantic report the wrong type at this node
            else:
                msg = f"{key}: Input should be a valid list"
                self.problem(display, line_of(found[0] or seq), msg)

    def include(self, display: str, path: Path, item: yaml.Node, i: int, rel: object,
                chain: list[tuple[Path, str]]) -> None:
        """Follow one entry of an `include:` list."""
        line = line_of(item)
        if not isinstance(rel, str) or not rel.strip():
            if isinstance(rel, str) or len(chain) > 1:  # pydantic reports a non-string in main
                self.problem(display, line, f"include[{i}]: must be a file path")
            self.out.include_failed = True
            return
        target = (path.parent / rel).resolve()
        shown = os.path.normpath(os.path.join(os.path.dirname(display), rel))
        if any(target == p for p, _ in chain):
            cycle = " -> ".join([*(d for _, d in chain), shown])
            self.problem(display, line, f"include[{i}]: include cycle: {cycle}")
            self.out.include_failed = True
            return
        if not target.is_file():
            self.problem(display, line, f"include[{i}]: no such file {rel!r}")
            self.out.include_failed = True
            return
        self.bytes_read += target.stat().st_size
        if len(self.out.files) >= MAX_FILES or self.bytes_read > MAX_TOTAL_BYTES:
            self.problem(display, line, f"include[{i}]: the include tree passes {MAX_FILES} "
                         f"files or {MAX_TOTAL_BYTES // (1024 * 1024)} MiB; refused")
            self.out.include_failed = True
            return
        try:
            root, data = parse_file(shown, target)
        except FileProblem as exc:
            self.problem(shown, None, str(exc))
            self.out.include_failed = True
            return
        self.out.files.append(shown)
        for key, _ in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value not in _INCLUDABLE:
                self.problem(shown, line_of(key), f"{key.value}: not allowed in an included file "
                             "(only include, topics and feeds)")
        check_duplicates(self, shown, root, (), top=True)
        self.gather(shown, target, root, data, [*chain, (target, shown)])


def check_duplicates(reader: Reader, file: str, node: yaml.Node, path: Loc,
                      top: bool = False, seen_nodes: set[int] | None = None) -> None:
    """Report repeated mapping keys (PyYAML silently keeps the last one)."""
    seen_nodes = set() if seen_nodes is None else seen_nodes
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is not None and name != "<<":
                if name in first:
                    msg = f"duplicate key {name!r} (first at line {first[name]}; the last one wins)"
                    reader.problem(file, line_of(key), f"{dotted((*path, name))}: {msg}")
                else:
                    first[name] = line_of(key)
            if top and name in _MERGED:
                continue  # merged list items are walked with their merged index
            check_duplicates(reader, file, value, (*path, name or "?"), seen_nodes=seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            check_duplicates(reader, file, item, (*path, i), seen_nodes=seen_nodes)


def read_tree(path: Path, display: str) -> Loaded:
    """Read the main file and everything it includes; raises FileProblem if the main is unusable."""
    root, data = parse_file(display, path)
    reader = Reader(display, root, data)
    check_duplicates(reader, display, root, (), top=True)
    reader.gather(display, path, root, data, [(path.resolve(), display)])
    out = reader.out
    for key, items in out.items.items():
        for i, (file, node, _) in enumerate(items):
            check_duplicates(reader, file, node, (key, i))
        if key in reader.passthrough:
            out.items[key] = []  # main's value is not a list: pydantic reports it at main's node
        elif items or key in data:
            out.data = {**out.data, key: [value for _, _, value in items]}
    return out
