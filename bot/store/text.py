"""Name normalisation shared by the store's entity lookups."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"[’']s$")
_NON_WORD = re.compile(r"[^\w]+")

TYPE_GROUPS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "norp",
}
# Groups whose tag spaCy often puts on a person's bare surname ("Saqib told reporters" -> ORG).
MAY_BE_PERSON = frozenset({"org", "misc"})


def norm_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free key: "El Salvador’s" -> "el salvador"."""
    text = unicodedata.normalize("NFKD", name.strip())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text.casefold()).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def type_group(entity_type: str) -> str:
    """Entity types that may share a canonical entity ("GPE" and "LOC" are both places)."""
    return TYPE_GROUPS.get(entity_type, entity_type.lower())


def partial_name(norm: str, full_norm: str) -> bool:
    """Whether `norm` is a shorter run of the words of `full_norm` ("saqib", "bilal bin saqib")."""
    part, full = norm.split(), full_norm.split()
    size = len(part)
    return 0 < size < len(full) and any(
        full[i:i + size] == part for i in range(len(full) - size + 1))


SEARCH_WORDS = 12  # words of a search query that count, at most


def search_words(query: str) -> list[str]:
    """The words of a user's search query (runs of letters and digits), the first
    `SEARCH_WORDS` of them; quotes, operators and other punctuation are dropped."""
    return "".join(c if c.isalnum() else " " for c in query).split()[:SEARCH_WORDS]


def search_phrase(query: str) -> str:
    """`query` as a full-text query both engines read the same way, and neither can fail to
    parse: every word quoted, all of them required ('"reserve" "bill"'; FTS5 MATCH and
    PostgreSQL's websearch_to_tsquery alike). Empty when `query` has no words."""
    return " ".join(f'"{w}"' for w in search_words(query))
