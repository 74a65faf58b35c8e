"""What a figure measures ("surplus electricity", "crypto economy", "BTC holdings"), from the
noun phrase the figure quantifies."""

from __future__ import annotations

from spacy.tokens import Span, Token

_NP_MODS = {"compound", "amod", "nmod"}


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
