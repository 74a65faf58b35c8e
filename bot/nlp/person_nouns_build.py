"""Build `bot/nlp/resources/person_nouns.json` from Princeton WordNet 3.0 (Debian's
`wordnet-base` package, /usr/share/wordnet): `python -m bot.nlp.person_nouns_build [--write |
--check]`.

The file lists the one-word English common nouns whose most frequent WordNet sense is a person
(lexicographer file `noun.person`): "sergeant", "suspect", "filmmaker", "medallist", "nun". A
noun of that list written right before a name, or as the head of an appositive, is the
person's role ("police sergeant X", "X, a retired nun"). Left out: nouns whose first sense is
something else ("head", "party", "whip", "giant"), names ("Aaron"), and kinship and personal
ties ("husband", "cousin", "friend": relations between people, not roles), so the list stays
safe to read as a role head. Nothing is read from WordNet at run time; the bot loads the JSON.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.nlp.resource_file import write_or_check

TARGET = Path(__file__).with_name("resources") / "person_nouns.json"
WORDNET = Path("/usr/share/wordnet")
PERSON_FILE = 18  # lexicographer file number of noun.person (WordNet's lexnames)
# Synsets (by their first word) whose hyponyms are ties between people, not roles.
TIES = frozenset({"relative", "domestic_partner", "friend", "lover", "offspring",
                  "male_offspring", "female_offspring", "neighbor"})


@dataclass(frozen=True)
class _Synset:
    lex_file: int
    words: tuple[str, ...]
    hypernyms: tuple[str, ...]  # offsets


def _synsets(data_noun: Path) -> dict[str, _Synset]:
    """Synset offset -> its lexicographer file, words as written and hypernyms (data.noun)."""
    out: dict[str, _Synset] = {}
    with data_noun.open(encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):  # the licence header
                continue
            parts = line.split(" ")
            count = int(parts[3], 16)
            words = tuple(parts[4 + 2 * k] for k in range(count))
            at = 4 + 2 * count
            pointers = [parts[at + 1 + 4 * k: at + 5 + 4 * k] for k in range(int(parts[at]))]
            up = tuple(p[1] for p in pointers if p[0] in {"@", "@i"} and p[2] == "n")
            out[parts[0]] = _Synset(int(parts[1]), words, up)
    return out


def _is_tie(offset: str, synsets: dict[str, _Synset]) -> bool:
    """The synset or one of its hypernyms is a tie between people (TIES)."""
    stack, seen = [offset], set()
    while stack:
        here = stack.pop()
        if here in seen:
            continue
        seen.add(here)
        if synsets[here].words[0].lower() in TIES:
            return True
        stack.extend(synsets[here].hypernyms)
    return False


def build(wordnet: Path = WORDNET) -> list[str]:
    """The sorted one-word common nouns whose first (most frequent) noun sense is a person."""
    synsets = _synsets(wordnet / "data.noun")
    nouns: list[str] = []
    with (wordnet / "index.noun").open(encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split()
            lemma, pointer_count = parts[0], int(parts[3])
            first = parts[4 + pointer_count + 2]  # after the pointers and two counts
            synset = synsets[first]
            if synset.lex_file == PERSON_FILE and lemma in synset.words \
                    and lemma.replace("-", "").isalpha() and not _is_tie(first, synsets):
                nouns.append(lemma)
    return sorted(nouns)


def render(wordnet: Path = WORDNET) -> str:
    """The JSON text of the resource file."""
    data = {"source": "Princeton WordNet 3.0 (Debian wordnet-base): first noun sense in "
                      "noun.person, kinship and personal ties left out", "nouns": build(wordnet)}
    return json.dumps(data, ensure_ascii=False, indent=0) + "\n"


def main(argv: list[str]) -> int:
    """Write the resource (default) or, with --check, say whether it is up to date."""
    return write_or_check(TARGET, render(), argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
