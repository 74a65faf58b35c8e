"""Figure test cases: our own domain set, plus loaders for the quantulum3 and Recognizers specs.

A case lists what must be found; each expected item is a tuple of acceptable (value, unit name)
readings (usually one). Unit names go through `bench.eval.units.canonical`. A case with no
expected items is a negative case: it is correct when no figure of its category is reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.eval import data_path
from bench.eval.units import canonical, category_of

Reading = tuple[float, str]  # (value, unit name as the source spells it)


@dataclass(frozen=True)
class FigureCase:
    """One input text and the figures it must yield."""

    source: str  # domain | quantulum | recognizers
    category: str  # money | count | percent | dimension | range
    text: str
    expected: tuple[tuple[Reading, ...], ...]


def _case(text: str, category: str, *items: Reading | tuple[Reading, ...]) -> FigureCase:
    norm = tuple(i if isinstance(i[0], tuple) else (i,) for i in items)
    return FigureCase("domain", category, text, norm)  # type: ignore[arg-type]


# Our own sentences (written for this eval), in the style of crypto/energy policy reporting.
DOMAIN_CASES: tuple[FigureCase, ...] = (
    _case("The sovereign fund has put $1.2bn into the new mining venture.", "money",
          (1.2e9, "USD")),
    _case("Officials say 745 million transactions cleared through the network.", "count",
          (745e6, "")),
    _case("The cabinet reserved 2,000 megawatts of surplus power for data centres.", "dimension",
          (2000, "MW")),
    _case("Its treasury now holds 6,240 BTC, according to the public ledger.", "money",
          (6240, "BTC")),
    _case("Roughly a quarter of adults in the survey said they owned a token.", "count",
          ((0.25, ""), (25, "%"))),
    _case("About 20 million people in the country use crypto apps.", "count", (20e6, "")),
    _case("The state set aside $10 million for its reserve fund.", "money", (10e6, "USD")),
    _case("Analysts expect a loan of $10-12 million next year.", "money",
          (10e6, "USD"), (12e6, "USD")),
    _case("The central bank could move 5% of its €140 billion in reserves into bitcoin.",
          "money", (5, "%"), (140e9, "EUR")),
    _case("The regulator fined the exchange £3.4m on Tuesday.", "money", (3.4e6, "GBP")),
    _case("The budget allocates Rs 25 billion to the digital authority.", "money",
          (25e9, "PKR")),
    _case("Lenders agreed to a $1.4 billion programme with the island nation.", "money",
          (1.4e9, "USD")),
    _case("The dam adds 600 MW of hydropower to the grid.", "dimension", (600, "MW")),
    _case("Mining farms consumed 1,500 GWh of electricity last year.", "dimension",
          (1500, "GWh")),
    _case("Inflation slowed to 3.2 per cent in March.", "percent", (3.2, "%")),
    _case("The token lost 12.5 percent of its value overnight.", "percent", (12.5, "%")),
    _case("The bill passed the Senate 68 to 30 after a long debate.", "count",
          (68, ""), (30, "")),
    _case("Market value of the coins exceeded half a million dollars.", "money",
          (5e5, "USD")),
    _case("The exchange reported more than 40,000 new holders in a week.", "count",
          (40000, "")),
    _case("Trading volume hit 1.5 trillion yen in the quarter.", "money", (1.5e12, "JPY")),
    _case("Revenue fell to -3.5% compared with the prior year.", "percent", (-3.5, "%")),
    _case("The ministry pledged USD 2 billion for grid upgrades.", "money", (2e9, "USD")),
    _case("The fund bought 21 bitcoin on Monday, its largest purchase.", "money", (21, "BTC")),
    _case("The miners will pay 3.2 cents per kilowatt-hour under the deal.", "money",
          (0.032, "USD/kWh")),  # a price per unit keeps its unit (labels/GUIDE.md)
    _case("Subscriptions rose by 2.5 million over the summer.", "count", (2.5e6, "")),
    # Negative cases: years and dates are not figures.
    _case("The law came into force in September 2021 after a vote in parliament.", "count"),
    _case("In 2024, the council met with officials from both countries.", "count"),
)


def load_quantulum(quick: bool = False) -> list[FigureCase] | None:
    """quantulum3's own English test cases (quantities.json + quantities.ambiguity.json)."""
    cases: list[FigureCase] = []
    found_any = False
    for name in ("quantities.json", "quantities.ambiguity.json"):
        path = data_path("quantulum3-tests", name)
        if path is None:
            continue
        found_any = True
        for row in json.loads(path.read_text(encoding="utf-8")):
            exp = tuple(((float(r["value"]), str(r["unit"])),) for r in row["res"])
            cases.append(FigureCase("quantulum", _category(exp), row["req"], exp))
    return cases if found_any else None


def _category(expected: tuple[tuple[Reading, ...], ...]) -> str:
    """Priority money > percent > dimension > count over the expected units."""
    cats = {category_of(canonical(alts[0][1])[0]) for alts in expected}
    for cat in ("money", "percent", "dimension"):
        if cat in cats:
            return cat
    return "count"


_RANGE_RE = re.compile(r"^[\[(]\s*([^,]*)\s*,\s*([^\])]*)\s*[\])]$")

RECOGNIZERS_FILES: dict[str, str] = {
    "CurrencyModel.json": "money",
    "NumberModel.json": "count",
    "PercentModel.json": "percent",
    "DimensionModel.json": "dimension",
    "NumberRangeModel.json": "range",
}


def _recognizer_readings(category: str, resolution: dict[str, str]) -> list[Reading]:
    value = str(resolution.get("value") or "")
    if value in ("", "null", "None"):
        return []  # a unit mentioned without a number ("a metric ton is ...")
    if category == "range":
        m = _RANGE_RE.match(value)
        if not m:
            return []
        return [(float(v), "") for v in m.groups() if v.strip()]
    if category == "percent":
        return [(float(value.rstrip("%")), "%")]
    if category == "count":
        return [(float(value), "")]
    unit = resolution.get("isoCurrency") or resolution.get("unit") or ""
    return [(float(value), unit)]


def load_recognizers(quick: bool = False) -> list[FigureCase] | None:
    """Recognizers-Text English specs; Number -> unitless, Percent -> %, Currency -> ISO code."""
    cases: list[FigureCase] = []
    for fname, category in RECOGNIZERS_FILES.items():
        path: Path | None = data_path("recognizers-text-specs", fname)
        if path is None:
            continue
        for row in json.loads(path.read_text(encoding="utf-8-sig")):
            readings: list[Reading] = []
            try:
                for res in row.get("Results", []):
                    readings.extend(_recognizer_readings(category, res.get("Resolution") or {}))
            except ValueError:
                continue  # a resolution we cannot express as a number (none expected)
            exp = tuple((r,) for r in readings)
            cases.append(FigureCase("recognizers", category, row["Input"], exp))
    return cases or None
