"""The topic query syntax, parsed into a small tree (matching lives in `bot.nlp.query_match`).

    strategic bitcoin reserve          words side by side: a phrase (last word: plural too)
    "payment stablecoin"               quoted: the exact phrase (no plural forms)
    regulat*                           a prefix: regulator, regulation, regulatory ...
    /e-?naira/                         a regular expression (RE2: linear time, case-insensitive)
    a AND b, a OR b, NOT a, ( ... )    operators in capitals; NOT > AND > OR in binding
    bitcoin NEAR/5 reserve             both, in either order, at most 5 words between them

`parse_query` raises `QueryError` (a ValueError) naming the character where the problem is, so
`policywire config check` can report it with the file and line of the query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from bot.domain.query_tokens import MAX_QUERY, QueryError, Token, compile_regex, tokenize

__all__ = ["And", "Near", "Node", "Not", "Or", "Phrase", "QueryError", "Regex", "compile_regex",
           "parse_query"]

MAX_DEPTH = 24  # nested parentheses / NOTs


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in a row; `exact` when quoted (no plural forms), `prefix` when it ends in '*'."""

    words: tuple[str, ...]
    exact: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Regex:
    """A regular expression run by RE2, case-insensitive."""

    pattern: str


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class Near:
    """`left` and `right` with at most `distance` words between them, in either order."""

    left: Node
    right: Node
    distance: int


Node = Phrase | Regex | And | Or | Not | Near


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary (AND unary)*;
    unary := NOT unary | near; near := atom (NEAR/n atom)*; atom := phrase | regex | ( or )."""

    def __init__(self, toks: list[Token]) -> None:
        self.toks, self.i, self.depth = toks, 0, 0

    def _peek(self) -> Token:
        return self.toks[self.i]

    def _next(self) -> Token:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self._or()
        tok = self._peek()
        if tok.kind == ")":
            raise QueryError("unexpected ')'", tok.pos)
        if tok.kind != "END":
            raise QueryError(f"missing operator before {tok.text} (write AND NOT)"
                             if tok.kind == "NOT" else
                             f"missing operator between {self._shown(self.i - 1)} and "
                             f"{self._shown(self.i)} (use AND, OR or NEAR/n)", tok.pos)
        return node

    def _shown(self, i: int) -> str:
        tok = self.toks[i]
        return {"PHRASE": f'"{tok.text}"', "REGEX": f"/{tok.text}/"}.get(tok.kind, repr(tok.text))

    def _or(self) -> Node:
        items = [self._and()]
        while self._peek().kind == "OR":
            self._next()
            items.append(self._and(after="OR"))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self, after: str = "") -> Node:
        items = [self._unary(after)]
        while self._peek().kind == "AND":
            self._next()
            items.append(self._unary("AND"))
        return items[0] if len(items) == 1 else And(tuple(items))

    def _unary(self, after: str = "") -> Node:
        if self._peek().kind == "NOT":
            tok = self._next()
            return Not(self._nested(tok.pos, lambda: self._unary("NOT")))
        return self._near(after)

    def _near(self, after: str) -> Node:
        node = self._atom(after)
        while self._peek().kind == "NEAR":
            tok = self._next()
            if self._peek().kind == "NOT":
                raise QueryError("NOT cannot be used inside NEAR", self._peek().pos)
            right = self._atom(tok.text)
            if _has_not(node) or _has_not(right):
                raise QueryError("NOT cannot be used inside NEAR", tok.pos)
            node = Near(node, right, tok.distance)
        return node

    def _atom(self, after: str) -> Node:
        tok = self._peek()
        if tok.kind == "(":
            self._next()
            node = self._nested(tok.pos, self._or)
            if self._peek().kind != ")":
                raise QueryError("missing ')'", self._peek().pos)
            self._next()
            return node
        if tok.kind == "REGEX":
            self._next()
            return Regex(tok.text)
        if tok.kind == "PHRASE":
            self._next()
            return Phrase(tuple(tok.text.split()), exact=True)
        if tok.kind == "WORD":
            words = []
            while self._peek().kind == "WORD":
                words.append(self._next())
            return _phrase(words)
        where = f" after {after}" if after else f" but found {tok.text or 'the end'}"
        raise QueryError(f"expected a word, phrase, regex or '('{where}", tok.pos)

    def _nested(self, pos: int, parse: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError("query nested too deeply", pos)
        try:
            node: Node = parse()
        finally:
            self.depth -= 1
        return node


def _has_not(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, (And, Or)):
        return any(_has_not(i) for i in node.items)
    if isinstance(node, Near):
        return _has_not(node.left) or _has_not(node.right)
    return False


def _phrase(toks: list[Token]) -> Phrase:
    words = [t.text for t in toks]
    for tok in toks[:-1]:
        if tok.text.endswith("*"):
            raise QueryError("'*' may only end the last word of a phrase", tok.pos)
    prefix = words[-1].endswith("*")
    if prefix:
        stem = words[-1].rstrip("*")
        if sum(c.isalnum() for c in stem) < 3:
            raise QueryError("a prefix needs at least 3 letters before '*'", toks[-1].pos)
        words[-1] = stem
    return Phrase(tuple(words), prefix=prefix)


@lru_cache(maxsize=2048)
def parse_query(query: str) -> Node:
    """The tree of a query string; QueryError when it is not valid."""
    if len(query) > MAX_QUERY:
        raise QueryError(f"query longer than {MAX_QUERY} characters", MAX_QUERY)
    if not query.strip():
        raise QueryError("empty query", 0)
    return _Parser(tokenize(query)).parse()
