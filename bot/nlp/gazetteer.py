"""Place and currency names from well-kept data, built once per process.

- countries: ISO 3166 (pycountry), with CLDR English names (babel) and the alternative spellings,
  acronyms and demonyms of countryinfo; the canonical name is CLDR's short English name;
- subdivisions: ISO 3166-2 states, provinces, regions (pycountry), in English where ISO gives it;
- currency words: the last word of CLDR's English currency names ("naira", "rupees", "tenge");
- cities: GeoNames cities of 15,000 people or more (`resources/cities.json`, built by
  `bot.nlp.geo_build`);
- regions: second-level ISO 3166-2 subdivisions ("Powys"), for place context only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from babel.numbers import get_currency_name
from countryinfo import CountryInfo

# Demonyms the data lacks or spells otherwise (countryinfo gives one form per country).
EXTRA_DEMONYMS: dict[str, str] = {
    "Argentine": "AR", "Argentinian": "AR", "Salvadorean": "SV", "Korean": "KR",
    "Kazakh": "KZ", "Kyrgyz": "KG", "Tajik": "TJ", "Uzbek": "UZ", "Emirati": "AE",
    "Saudi": "SA", "Lao": "LA", "Hong Konger": "HK", "Slovakian": "SK", "Slovenian": "SI",
    "Czech": "CZ", "Macedonian": "MK", "Bosnian": "BA", "Ecuadorian": "EC", "Maldivian": "MV",
    "Beninese": "BJ", "Burkinabé": "BF", "Cape Verdean": "CV", "Ivorian": "CI",
    "Britons": "GB",  # countryinfo gives only "British"; one "Briton" is a person
    "Philippine": "PH", "Nepali": "NP", "Icelandic": "IS", "Kyrgyzstani": "KG",
    "Tajikistani": "TJ", "Luxembourgish": "LU", "Botswanan": "BW", "Djiboutian": "DJ",
    "Surinamese": "SR",
}
# Words that never stand alone for a place (CLDR/ISO names made only of these are skipped).
_GENERIC = frozenset({
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "upper", "lower", "coast", "capital", "islands", "island", "lakes", "centre", "center",
    "region", "mountain", "valley", "river", "city", "national", "federal", "new", "great",
})
_SUBDIVISION_TYPES = frozenset({
    "State", "Province", "Region", "Territory", "Emirate", "Canton", "Oblast", "Republic",
    "Autonomous region", "Autonomous community", "Autonomous republic", "Federal territory",
    "Federal district", "Capital territory", "Union territory", "Special administrative region",
    "Municipality", "Governorate", "Autonomous province", "Capital district", "Country",
})
_LOCAL_SUFFIX = re.compile(r"\s+(?:Shi|Sheng|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur "
                           r"Zizhiqu|Xizang Zizhiqu|Province|State)$")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z.'’-]*(?: (?:of|the|and|de|da|do|[A-Z][A-Za-z.'’-]*)){0,6}")
_ENGLISH_STATE = re.compile(r"\b(?:Republic|Kingdom|States?|Federation|Commonwealth|Union|"
                            r"Emirates|Islands|Principality|Duchy|Sultanate|Confederation|"
                            r"Federated|Democratic|Territory|Great|Islamic|Socialist)\b")
_MINOR = frozenset({"of", "the", "and", "de", "da", "do"})
# Last words of CLDR currency names that are not currency words ("Special Drawing Rights").
_NOT_CURRENCY = frozenset({"account", "gold", "silver", "platinum", "palladium", "rights", "unit",
                           "units", "value", "cupon", "austral", "australs"})
_NO_PLURAL = ("ese", "sh", "ch", "ss", "x", "i")


@dataclass(frozen=True)
class Gazetteer:
    """Name tables: every surface form maps to its canonical name."""

    countries: dict[str, str]  # "U.S." -> "United States", "Sweden" -> "Sweden"
    demonyms: dict[str, str]  # "Swedish", "Swedes" -> "Sweden"
    subdivisions: dict[str, str]  # "Texas" -> "United States", "Sabah" -> "Malaysia"
    currency_words: frozenset[str]  # "naira", "rupee", "rupees", "euro"
    currency_codes: frozenset[str]  # ISO 4217: "NGN", "CNY"


def initials(name: str) -> str:
    """Capital initials of a name's words, minor words skipped ("United Arab Emirates" -> UAE)."""
    return "".join(w[0] for w in name.split() if w.lower() not in _MINOR and w[:1].isupper())


def _canonical(code: str, cldr: dict[str, str], info: dict[str, object] | None,
               country: object) -> str:
    """CLDR's English name ("Myanmar (Burma)" -> Myanmar), else countryinfo's, else ISO's."""
    name = re.sub(r"\s*\(.*\)$|\s+SAR China$", "", cldr.get(code, "")).replace("’", "'")
    if name and not re.search(r"&| - ", name):
        return name
    if info and isinstance(info.get("name"), str):
        return str(info["name"])
    return str(getattr(country, "common_name", None) or country.name)  # type: ignore[attr-defined]


def _forms(info: dict[str, object] | None, country: object) -> set[str]:
    """Other names: ISO names, countryinfo's name and its Latin-script alternative spellings."""
    forms = {getattr(country, a, None) for a in ("name", "official_name", "common_name")}
    alts = list(info.get("altSpellings") or ()) if info else []  # type: ignore[call-overload]
    if info:
        forms.add(str(info.get("name")))
    for alt in alts:
        alt = str(alt).strip()
        if alt.isupper() and alt.isalpha() and len(alt) >= 2:
            forms.add(alt)  # codes and acronyms: filtered by the caller
        elif " " in alt and _LATIN_NAME.fullmatch(alt) and _ENGLISH_STATE.search(alt):
            forms.add(alt)  # "Kingdom of Sweden", "Great Britain"; not native names
    return {f for f in forms if f and "," not in f}


def _infos() -> dict[str, dict[str, Any]]:
    """countryinfo's entry per ISO alpha-2 code (the most populous where regions share one)."""
    out: dict[str, dict[str, Any]] = {}
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        code = str(iso.get("alpha2") or "")
        if code and int(info.get("population") or 0) >= int(out.get(code, {}).get(
                "population") or 0):
            out[code] = dict(info)
    return out


def _acronym(form: str) -> bool:
    return form.isupper() and form.isalpha()


def _countries() -> tuple[dict[str, str], dict[str, tuple[str, int]]]:
    """({surface: canonical}, {alpha-2: (canonical, population)}).

    An all-capitals form is kept when it is not merely the ISO code, or when the code is also
    the initials of the name (US, NZ); an initialism of two countries' names (SA) is dropped.
    """
    cldr = dict(Locale("en").territories)
    infos = _infos()
    by_code: dict[str, tuple[str, int]] = {}
    claims: dict[str, set[str]] = {}
    spelled: dict[str, set[str]] = {}  # initialism -> countries whose names it spells
    for country in pycountry.countries:
        code = country.alpha_2
        info = infos.get(code)
        canonical = _canonical(code, cldr, info, country)
        by_code[code] = (canonical, int((info or {}).get("population") or 0))
        forms = _forms(info, country) | {canonical, *re.findall(r"\((\w+)\)", cldr.get(code, ""))}
        spells = {initials(f) for f in forms if len(f.split()) > 1}
        for acr in spells:
            spelled.setdefault(acr, set()).add(canonical)
        for form in forms:
            if _acronym(form) and ((len(form) < 3 and form in {code, country.alpha_3})
                                   or (form in {code, country.alpha_3} and form not in spells)):
                continue  # an ISO code is a name only when it spells one (USA, PNG)
            claims.setdefault(form, set()).add(canonical)
    names: dict[str, str] = {}
    for form, owners in claims.items():
        if len(owners) != 1 or (_acronym(form) and len(spelled.get(form, owners)) > 1):
            continue
        owner = next(iter(owners))
        names[form] = owner
        if _acronym(form) and len(form) <= 3:
            names[".".join(form) + "."] = owner  # "U.S.", "U.A.E."
    return names, by_code


def _plurals(word: str) -> list[str]:
    return [word] if word.endswith(_NO_PLURAL) and not word.endswith("ani") else [word, word + "s"]


def _demonyms(by_code: dict[str, tuple[str, int]]) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    pairs: list[tuple[str, str]] = []
    for code, info in _infos().items():
        for word in re.split(r",|/| and ", str(info.get("demonym") or "")):
            if word.strip():
                pairs.append((word.strip(), code))
    pairs += list(EXTRA_DEMONYMS.items())
    for word, code in pairs:
        if code not in by_code:
            continue
        canonical, population = by_code[code]
        if word == canonical or not _LATIN_NAME.fullmatch(word):
            continue
        for form in _plurals(word):
            if form not in best or best[form][0] < population:
                best[form] = (population, canonical)
    return {form: country for form, (_, country) in best.items()}


def english_forms(name: str) -> list[str]:
    """The English forms of an ISO subdivision name written in its country's language:
    "Buryatiya, Respublika" -> Buryatiya, Buryatia; "Chuvashskaya Respublika" -> Chuvashia
    (a Russian "-iya" is written "-ia" in English, and "-skaya Respublika" is the republic
    of the people, "-ia"). Other names are returned as they are."""
    if name.endswith(", Respublika"):
        name = name[:-len(", Respublika")]
    forms = []
    if name.endswith("skaya Respublika") and " " not in name[:-len(" Respublika")]:
        forms.append(name)
        name = name[:-len("skaya Respublika")] + "iya"
    forms.append(name)
    if name.endswith("iya") and len(name) > 5:
        forms.append(name[:-3] + "ia")
    return forms


def _province_spellings() -> dict[str, str]:
    """countryinfo's spelling of each province name, by its lower case ("kwazulu-natal" ->
    "KwaZulu-Natal", where ISO writes "Kwazulu-Natal")."""
    out: dict[str, str] = {}
    for info in _infos().values():
        for province in info.get("provinces") or ():
            out.setdefault(str(province).lower(), str(province))
    return out


def _family_names() -> frozenset[str]:
    data = json.loads((Path(__file__).with_name("resources") / "given_names.json")
                      .read_text(encoding="utf-8"))
    return frozenset(data["family"])


def _subdivisions(by_code: dict[str, tuple[str, int]]) -> dict[str, str]:
    """First-level subdivisions; a form made from ISO's name that is also a family name
    ("Saha" of "Saha, Respublika") is left out: a bare surname would be read as the place."""
    out: dict[str, str] = {}
    spellings = _province_spellings()
    family = _family_names()
    for sub in pycountry.subdivisions:
        if sub.type not in _SUBDIVISION_TYPES or getattr(sub, "parent_code", None):
            continue
        name = _LOCAL_SUFFIX.sub("", re.sub(r"\s*\(.*?\)|\s*\[.*?\]", "", sub.name)).strip()
        for form in english_forms(name):
            words = form.lower().split()
            if not _LATIN_NAME.fullmatch(form) or all(w in _GENERIC for w in words) or (
                    form != name and form in family):
                continue
            country = by_code.get(sub.country_code, (sub.country_code, 0))[0]
            out.setdefault(form, country)
            if form.lower() in spellings:
                out.setdefault(spellings[form.lower()], country)
    return out


def _currency_words() -> frozenset[str]:
    words: set[str] = set()
    for code in Locale("en").currencies:
        for count in (1, 2):
            name = get_currency_name(str(code), count=count, locale="en")
            if name and name != code:
                words.add(name.split()[-1].lower())
    return frozenset(w for w in words if w.isalpha() and len(w) > 2 and w not in _NOT_CURRENCY)


@cache
def gazetteer() -> Gazetteer:
    """The tables, built on first use (a few tens of milliseconds)."""
    countries, by_code = _countries()
    subdivisions = {k: v for k, v in _subdivisions(by_code).items() if k not in countries}
    return Gazetteer(countries, _demonyms(by_code), subdivisions, _currency_words(),
                     frozenset(Locale("en").currencies))


@cache
def cities() -> dict[str, str]:
    """City name -> ISO alpha-2 of its country (GeoNames, the most populous city of a name),
    countries and states left out (they have their own tables)."""
    data = json.loads((Path(__file__).with_name("resources") / "cities.json")
                      .read_text(encoding="utf-8"))
    g = gazetteer()
    return {name: code for name, code in data["cities"].items()
            if name not in g.countries and name not in g.subdivisions}


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns whose first WordNet sense is a person ("sergeant", "suspect", "nun"):
    role heads written before a name or in an appositive (bot.nlp.person_nouns_build)."""
    data = json.loads((Path(__file__).with_name("resources") / "person_nouns.json")
                      .read_text(encoding="utf-8"))
    return frozenset(data["nouns"])


@cache
def regions() -> dict[str, str]:
    """Second-level ISO 3166-2 subdivisions in Latin script ("Powys", "Aberdeenshire"), name
    -> country, those the other tables have left out: read as places only where the text
    writes a place (`bot.nlp.place_types.city_label`), many share a town's or a person's name."""
    g = gazetteer()
    towns = cities()
    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            continue
        name = re.sub(r"\s*\(.*?\)|\s*\[.*?\]", "", sub.name).strip()
        if not _LATIN_NAME.fullmatch(name) or all(w in _GENERIC for w in name.lower().split()):
            continue
        if name in g.countries or name in g.subdivisions or name in towns:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        out.setdefault(name, g.countries.get(country.name, country.name) if country else "")
    return out


@dataclass(frozen=True)
class PublicBody:
    """A central bank or financial regulator and the country it belongs to."""

    country: str
    kind: str  # "central bank" | "regulator"


@cache
def public_bodies() -> dict[str, PublicBody]:
    """Every name of a central bank or financial regulator (`resources/public_bodies.json`),
    English and native ("Bank Negara Malaysia", "People's Bank of China", "BaFin")."""
    data = json.loads((Path(__file__).with_name("resources") / "public_bodies.json")
                      .read_text(encoding="utf-8"))
    out: dict[str, PublicBody] = {}
    for key, kind in (("central_banks", "central bank"), ("regulators", "regulator")):
        for country, names in data[key].items():
            for name in names:
                out.setdefault(name, PublicBody(country, kind))
    return out


def central_bank_of(country: str, like: str = "") -> str | None:
    """The first (English) name of a country's central bank, if known; with `like`, the first
    that starts so and names the country ("National Bank" of Kyrgyzstan: "National Bank of
    Kyrgyzstan", not "... of the Kyrgyz Republic")."""
    names = [n for n, body in public_bodies().items()
             if body.country == country and body.kind == "central bank"]
    alike = [n for n in names if like and n.startswith(like) and country in n]
    pick = alike or names
    return pick[0] if pick else None
