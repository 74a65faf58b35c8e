"""Name pools for the synthetic policy-news corpus (our own lists; no text copied from elsewhere).

Countries, regulators and well-known firms are fixed lists; people and smaller firms are built
from syllables so a 100,000-article store holds thousands of distinct canonical entities with a
long tail, as a real news archive does.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

COUNTRIES = (
    ("El Salvador", "Salvadoran"), ("United States", "American"), ("Pakistan", "Pakistani"),
    ("Bhutan", "Bhutanese"), ("Argentina", "Argentine"), ("Brazil", "Brazilian"),
    ("Japan", "Japanese"), ("Germany", "German"), ("United Kingdom", "British"),
    ("India", "Indian"), ("Nigeria", "Nigerian"), ("Kenya", "Kenyan"), ("Mexico", "Mexican"),
    ("Canada", "Canadian"), ("France", "French"), ("Switzerland", "Swiss"),
    ("Singapore", "Singaporean"), ("Hong Kong", "Hong Konger"), ("South Korea", "Korean"),
    ("Australia", "Australian"), ("Turkey", "Turkish"), ("Ukraine", "Ukrainian"),
    ("Kazakhstan", "Kazakh"), ("Paraguay", "Paraguayan"), ("Ethiopia", "Ethiopian"),
    ("Czech Republic", "Czech"), ("Poland", "Polish"), ("Norway", "Norwegian"),
    ("Iceland", "Icelandic"), ("Vietnam", "Vietnamese"), ("Thailand", "Thai"),
    ("Philippines", "Filipino"), ("Indonesia", "Indonesian"), ("South Africa", "South African"),
    ("Ghana", "Ghanaian"), ("Morocco", "Moroccan"), ("Egypt", "Egyptian"),
    ("United Arab Emirates", "Emirati"), ("Bahrain", "Bahraini"), ("Georgia", "Georgian"),
    ("Portugal", "Portuguese"), ("Italy", "Italian"), ("Spain", "Spanish"),
    ("Netherlands", "Dutch"), ("Sweden", "Swedish"), ("Finland", "Finnish"),
    ("Chile", "Chilean"), ("Colombia", "Colombian"), ("Venezuela", "Venezuelan"),
    ("Panama", "Panamanian"), ("Honduras", "Honduran"), ("Guatemala", "Guatemalan"),
)

REGULATORS = (
    ("Securities and Exchange Commission", "SEC"),
    ("Commodity Futures Trading Commission", "CFTC"),
    ("Financial Conduct Authority", "FCA"),
    ("European Securities and Markets Authority", "ESMA"),
    ("Monetary Authority of Singapore", "MAS"),
    ("Reserve Bank of India", "RBI"),
    ("Bank of England", "BoE"),
    ("Federal Reserve", "Fed"),
    ("Central Bank of Nigeria", "CBN"),
    ("Pakistan Virtual Assets Regulatory Authority", "PVARA"),
    ("Financial Services Agency", "FSA"),
    ("Securities and Futures Commission", "SFC"),
    ("Virtual Assets Regulatory Authority", "VARA"),
    ("National Commission for Digital Assets", "CNAD"),
    ("Swiss Financial Market Supervisory Authority", "FINMA"),
    ("International Monetary Fund", "IMF"),
    ("Financial Action Task Force", "FATF"),
    ("European Central Bank", "ECB"),
    ("Bank for International Settlements", "BIS"),
    ("Australian Securities and Investments Commission", "ASIC"),
    ("Capital Markets Authority", "CMA"),
    ("Central Bank of Brazil", "BCB"),
    ("Bank of Thailand", "BOT"),
    ("Polish Financial Supervision Authority", "KNF"),
    ("Ontario Securities Commission", "OSC"),
    ("Bitcoin Office", "ONBTC"),
)

FIRMS = (
    "Coinbase", "Binance", "Kraken", "MicroStrategy", "Marathon Digital", "Riot Platforms",
    "Tether", "Circle", "BlackRock", "Fidelity", "Bitfarms", "Hut 8", "Core Scientific",
    "CleanSpark", "Galaxy Digital", "Bitstamp", "Gemini", "OKX", "Bybit", "Bitpanda",
    "Blockstream", "Strike", "Block", "PayPal", "Visa", "Mastercard", "Deutsche Bank",
    "Standard Chartered", "JPMorgan", "Goldman Sachs", "Iris Energy", "Cipher Mining",
    "Bitdeer", "Canaan", "Bitmain", "Luxor", "Swan Bitcoin", "River Financial", "Ledger",
    "Trezor",
)

_ONSETS = ("Al", "Be", "Ca", "Da", "El", "Fa", "Ga", "Ha", "Ir", "Jo", "Ka", "La", "Ma", "Na",
           "Ol", "Pa", "Ra", "Sa", "Ta", "Va", "Ya", "Za", "Mi", "Lu", "Ro", "Se", "Ti", "No")
_CODAS = ("ran", "lex", "mir", "sha", "ven", "dor", "lia", "nuk", "tis", "ber", "gan", "rio",
          "ssa", "mon", "tek", "vin", "zar", "lin", "dra", "mus")
_FIRM_WORDS = ("Hash", "Digital", "Mining", "Capital", "Ledger", "Block", "Volt", "Grid",
               "Custody", "Pay", "Exchange", "Labs", "Energy", "Markets", "Vault", "Chain")
_FIRM_TAILS = ("Ltd", "Group", "Holdings", "AG", "Inc", "SA", "Partners", "Technologies")


@dataclass(frozen=True, slots=True)
class Person:
    """A synthetic official or executive with a fixed role."""

    first: str
    last: str
    title: str  # "finance minister", "chair", "chief executive"
    org: str  # what the role is of (a country, regulator or firm)

    @property
    def name(self) -> str:
        """The full name."""
        return f"{self.first} {self.last}"


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_CODAS).lower() for _ in range(parts))


def build_people(rng: random.Random, count: int) -> list[Person]:
    """`count` distinct people, each holding one role at a country, regulator or firm."""
    seen: set[str] = set()
    people: list[Person] = []
    while len(people) < count:
        first, last = _word(rng, 1).capitalize(), _word(rng, 2).capitalize()
        if f"{first} {last}" in seen:
            continue
        seen.add(f"{first} {last}")
        pick = rng.random()
        if pick < 0.4:
            org = rng.choice(COUNTRIES)[0]
            title = rng.choice(("finance minister", "president", "central bank governor",
                                "energy minister", "prime minister", "senator"))
        elif pick < 0.7:
            org = rng.choice(REGULATORS)[0]
            title = rng.choice(("chair", "commissioner", "director general", "head of fintech"))
        else:
            org = rng.choice(FIRMS)
            title = rng.choice(("chief executive", "founder", "chief financial officer"))
        people.append(Person(first, last, title, org))
    return people


def build_firms(rng: random.Random, count: int) -> list[str]:
    """The well-known firms followed by `count - len(FIRMS)` generated ones."""
    out = list(FIRMS)
    seen = set(out)
    while len(out) < count:
        name = f"{_word(rng, 2).capitalize()} {rng.choice(_FIRM_WORDS)} {rng.choice(_FIRM_TAILS)}"
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


class Zipf(Generic[T]):
    """Draw items with probability proportional to 1 / rank**s (a few are very popular)."""

    def __init__(self, items: list[T], s: float = 1.05) -> None:
        self.items = items
        self._cum = list(accumulate(1.0 / (r + 1) ** s for r in range(len(items))))

    def draw(self, rng: random.Random) -> T:
        """One item."""
        return self.items[bisect(self._cum, rng.random() * self._cum[-1])]
