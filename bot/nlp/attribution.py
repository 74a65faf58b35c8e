"""Who a figure is about (subject) and what it measures, from the dependency parse.

Subject: the grammatical subject/possessor of the figure's clause (a person's government is
their country), else the nearest named entity in the sentence, else the previous sentence's
subject (for pronouns and subject-less sentences).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.domain.models import Role
from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import DEMONYMS

_SUBJ = {"nsubj", "nsubjpass"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP"}
_NP_MODS = {"compound", "amod", "nmod"}
MAX_CLIMB = 10


class Attributor:
    """Resolves subjects and measures for figures in one parsed article."""

    def __init__(self, index: EntityIndex, roles: dict[str, list[Role]]) -> None:
        self.index = index
        self.country_of = {
            name: role.org for name, rs in roles.items() for role in rs
            if role.org and index.labels.get(role.org) and index.label(role.org) == "GPE"
        }

    def _entity(self, tok: Token) -> str | None:
        name = self.index.at(tok.i)
        if name is None or self.index.label(name) not in _NAMED:
            return None
        if self.index.label(name) == "NORP":
            return DEMONYMS.get(name, name)
        return name

    def resolve_np(self, tok: Token, depth: int = 0) -> str | None:
        """The entity a noun phrase stands for ("Bukele's government" -> El Salvador)."""
        name = self._entity(tok)
        if name is not None:
            return name
        if depth > 2:
            return None
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "amod"}:
                owner = self.resolve_np(child, depth + 1)
                if owner is not None:
                    kind = self.index.label(owner) if owner in self.index.labels else "GPE"
                    return self.country_of.get(owner, owner) if kind == "PERSON" else owner
        return None

    def clause_subject(self, tok: Token) -> str | None:
        """Climb from a token to the first clause whose subject is a named entity."""
        node = tok
        for _ in range(MAX_CLIMB):
            if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
                for child in node.children:
                    if child.dep_ in _SUBJ:
                        found = self.resolve_np(child)
                        if found is not None:
                            return found
            if node.head is node:
                break
            node = node.head
        return None

    def sentence_subject(self, sent: Span) -> str | None:
        """The named subject of a sentence's main clause, if any."""
        return self.clause_subject(sent.root)

    def subject(self, figure: Span, previous: str | None) -> str | None:
        """Subject for the figure tokens, with the fallbacks described in the module doc."""
        found = self.clause_subject(figure.root)
        if found is not None:
            return found
        inside = {self._entity(t) for t in figure} - {None}
        if inside:
            return inside.pop()
        sent = figure.sent
        nearest: tuple[int, str] | None = None
        for tok in sent:
            name = self._entity(tok)
            if name is not None:
                dist = min(abs(tok.i - figure.start), abs(tok.i - figure.end))
                if nearest is None or dist < nearest[0]:
                    nearest = (dist, name)
        if nearest:
            return nearest[1]
        return None if figure.root.dep_ in _SUBJ else previous


def _phrase(head: Token, exclude: set[int], singular: bool = False) -> str:
    """A short noun phrase: modifiers (compound/amod) + head (optionally singular)."""
    mods = [c for c in head.lefts if c.dep_ in _NP_MODS and c.i not in exclude
            and c.tag_ != "VBG" and not c.like_num]
    words = [m.text for m in mods] + [head.lemma_ if singular else head.text]
    return " ".join(words)


def measure(figure: Span, unit: str, kind: str) -> str | None:
    """What a figure measures ("surplus electricity", "crypto economy", "BTC holdings")."""
    exclude = {t.i for t in figure}
    last, root = figure[-1], figure.root
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return _phrase(obj, exclude)
    head = root.head
    if root.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod"} and head.i not in exclude \
            and head.pos_ in {"NOUN", "PROPN"}:
        return _phrase(head, exclude)
    if root.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if verb.lemma_ == "value":
            return "value"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep is not head:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                        return _phrase(obj, exclude)
        if head.head.pos_ == "NOUN":
            return _phrase(head.head, exclude)
    verb = root.head if root.dep_ in {"dobj", "nsubj"} else None
    if verb is not None and verb.lemma_ in {"hold", "own", "have", "possess"}:
        if root.dep_ == "dobj":
            return f"{unit} holdings" if kind == "crypto" else "holdings"
        for obj in verb.children:
            if obj.dep_ == "dobj":
                return f"{_phrase(obj, exclude, singular=True)} holders"
    return None
