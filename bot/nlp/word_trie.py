"""A regex fragment for a long list of words, written as a trie instead of an alternation.

`re` tries the branches of "a|b|c|..." one after another at every position, and compiling an
alternation of a thousand currency names costs about 0.1 s a pattern in each process. A trie
("rand(?:s)?|rupee(?:s)?") shares the prefixes, so a branch fails on its first letter and the
pattern is a fraction of the size. Along one path a longer word is tried before a shorter one,
as in an alternation sorted longest first, so both match the same text: every word that can
match at a position is a prefix of the others there, hence on one path of the trie.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# the regex of one character, and the key under which characters it matches share a branch
Atom = Callable[[str], tuple[str, str]]
Node = dict[str, "Node"]  # a branch per character key; "" marks the end of a word


def literal(char: str) -> tuple[str, str]:
    """A character matched as itself (spaces as any one space)."""
    return (" ", r"\s") if char == " " else (char, re.escape(char))


def trie_pattern(words: Iterable[str], atom: Atom = literal) -> str:
    """A non-capturing fragment that matches what `"|".join(words, longest first)` does.

    `atom` maps a character to (key, regex). Branches are split by key, so two characters
    whose regexes can match the same text must share a key (under IGNORECASE: "R" and "r").
    """
    root: Node = {}
    regex_of: dict[str, str] = {}
    for word in words:
        node = root
        for char in word:
            key, regex = atom(char)
            regex_of.setdefault(key, regex)
            node = node.setdefault(key, {})
        node[""] = {}
    root.pop("", None)  # an empty word matches nothing useful
    if not root:
        return "(?!)"
    return _branches(root, regex_of)


def _branches(node: Node, regex_of: dict[str, str]) -> str:
    parts = [regex_of[key] + _branches(child, regex_of)
             for key, child in sorted(node.items()) if key]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: the longer word first
