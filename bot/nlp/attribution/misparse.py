"""Sentences the small model parses as one long noun phrase, and who acted in them."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token


def misparsed_actor(noun: Token, inside: range, entity: Callable[[Token], str | None],
                    label: Callable[[str], str | None]) -> str | None:
    """"Argentina's CNV registered 70 providers", parsed as one noun phrase whose root is the
    figure's noun: the organisation modifying the noun right before a past-tense verb the
    parser made an adjective is the one that acted, not the possessor (`entity` and `label`:
    the attributor's name of a token and type of a name)."""
    doc = noun.doc
    for child in noun.children:
        nxt = doc[child.i + 1] if child.i + 1 < len(doc) else None
        if child.dep_ in {"nmod", "compound"} and child.i not in inside and nxt is not None \
                and nxt.dep_ == "amod" and nxt.head.i == noun.i and nxt.tag_ in {"VBD", "VBN"}:
            found = entity(child)
            if found is not None and label(found) == "ORG":
                return found
    return None
