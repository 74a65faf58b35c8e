"""Money in the currencies policy news writes about, each with its country named: every
sentence (our own) must give the amount in its ISO 4217 code (or the quoted pair for a rate)."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from bot.nlp.figures import find_figures

pytestmark = pytest.mark.spacy

CASES = [
    ("Kenya's treasury set aside KES 1.2 billion for the pilot.", 1.2e9, "KES"),
    ("Kenya's treasury set aside Sh1.2 billion for the pilot.", 1.2e9, "KES"),
    ("Kenya will charge Ksh 500 per transfer.", 500, "KES"),
    ("Ghana's central bank spent GH¢2 billion on the e-cedi.", 2e9, "GHS"),
    ("Ghana's central bank spent 2 billion cedis on the e-cedi.", 2e9, "GHS"),
    ("South Africa fined the exchange R2.5 million.", 2.5e6, "ZAR"),
    ("Egypt's regulator fined the firm E£5 million.", 5e6, "EGP"),
    ("Egypt's regulator fined the firm 5 million Egyptian pounds.", 5e6, "EGP"),
    ("The Philippines central bank set aside ₱10 billion.", 1e10, "PHP"),
    ("The Philippines central bank set aside P10 billion for the pilot.", 1e10, "PHP"),
    ("Indonesia taxed Rp 5 trillion of crypto trades.", 5e12, "IDR"),
    ("Vietnam's pilot covers 100 trillion dong of trades.", 1e14, "VND"),
    ("Taiwan's regulator fined the exchange NT$1.2 million.", 1.2e6, "TWD"),
    ("Bangladesh Bank lost Tk 500 crore.", 5e9, "BDT"),
    ("Pakistan set aside Rs 2 billion for the council.", 2e9, "PKR"),
    ("The UAE fined the exchange Dh10 million.", 1e7, "AED"),
    ("The UAE fined the exchange AED 10 million.", 1e7, "AED"),
    ("Saudi Arabia invested 3 billion riyals.", 3e9, "SAR"),
    ("Turkey fined the exchange ₺50 million.", 5e7, "TRY"),
    ("Turkey fined the exchange 50 million lira.", 5e7, "TRY"),
    ("Ukraine seized ₴2 million in crypto.", 2e6, "UAH"),
    ("Russia's miners paid ₽1.5 billion in taxes.", 1.5e9, "RUB"),
    ("Poland fined the firm 3 million zlotys.", 3e6, "PLN"),
    ("The Czech bank holds 140 billion euros in reserves.", 1.4e11, "EUR"),
    ("The Czech bank bought Kč 1 billion of ETFs.", 1e9, "CZK"),
    ("Hungary's bank spent Ft 20 billion.", 2e10, "HUF"),
    ("Sweden's Riksbank spent 2 billion kronor on the e-krona.", 2e9, "SEK"),
    ("Switzerland's SNB holds CHF 800 billion.", 8e11, "CHF"),
    ("China's e-CNY processed 7 trillion yuan.", 7e12, "CNY"),
    ("China's e-CNY processed RMB 7 trillion.", 7e12, "CNY"),
    ("Japan's FSA fined the exchange ¥500 million.", 5e8, "JPY"),
    ("South Korea's regulator fined Upbit 35.2 billion won.", 3.52e10, "KRW"),
    ("Thailand's SEC fined the firm 1.9 million baht.", 1.9e6, "THB"),
    ("Malaysia fined the miners RM5 million.", 5e6, "MYR"),
    ("Kazakhstan's miners paid 7 billion tenge in fees.", 7e9, "KZT"),
    ("Argentina's peso fell to 1,400 per dollar.", 1400, "ARS/USD"),
    ("Brazil's Drex pilot cost R$10 million.", 1e7, "BRL"),
    ("Brazil fined the exchange 10 million reais.", 1e7, "BRL"),
    ("Paraguay's miners paid 5 billion guaraníes.", 5e9, "PYG"),
    ("Colombia fined the exchange COP 2 billion.", 2e9, "COP"),
    ("Peru's regulator fined the firm S/ 1 million.", 1e6, "PEN"),
    ("Venezuela's petro was worth 3,600 bolívares.", 3600, "VES"),
    ("Jamaica paid J$2,500 to each Jam-Dex wallet.", 2500, "JMD"),
    ("Ethiopia's miners pay 3 billion birr a year.", 3e9, "ETB"),
    ("Uganda fined the firm USh 500 million.", 5e8, "UGX"),
    ("Morocco's bank fined the firm 2 million dirhams.", 2e6, "MAD"),
    ("Iran's miners owe 10 trillion rials.", 1e13, "IRR"),
    ("Israel's bank fined the firm ₪3 million.", 3e6, "ILS"),
    ("Israel's bank fined the firm 3 million shekels.", 3e6, "ILS"),
    ("Nigeria's eNaira processed ₦22 billion.", 2.2e10, "NGN"),
    ("Nigeria's SEC fined the exchange N62 million.", 6.2e7, "NGN"),
    ("India's RBI processed ₹1,000 crore in e-rupee payments.", 1e10, "INR"),
    ("Senegal's firms paid 2 billion CFA francs.", 2e9, "XOF"),
    ("Cameroon's firms paid 2 billion CFA francs.", 2e9, "XAF"),
    ("El Salvador bought 21 bitcoins for $1.5 million.", 1.5e6, "USD"),
    ("Hong Kong's HKMA fined the bank HK$3.5 million.", 3.5e6, "HKD"),
    ("Singapore's MAS fined the firm S$2 million.", 2e6, "SGD"),
    ("Australia's ASIC fined the exchange A$8 million.", 8e6, "AUD"),
    ("Canada's OSC fined the firm C$1 million.", 1e6, "CAD"),
    ("New Zealand fined the firm NZ$500,000.", 5e5, "NZD"),
    ("Mexico fined the exchange MX$10 million.", 1e7, "MXN"),
    ("Mexico fined the exchange 10 million pesos.", 1e7, "MXN"),
    ("The Philippines fined the exchange 10 million pesos.", 1e7, "PHP"),
    ("Chile fined the exchange 10 million pesos.", 1e7, "CLP"),
    ("Norway's fund holds 500 billion kroner.", 5e11, "NOK"),
    ("Denmark fined the bank 2 billion kroner.", 2e9, "DKK"),
    ("Bhutan's Druk Holding holds 13,000 BTC.", 13000, "BTC"),
    ("Georgia's miners paid 40 million lari.", 4e7, "GEL"),
    ("Kuwait's bank fined the firm 1 million dinars.", 1e6, "KWD"),
    ("Sri Lanka fined the firm LKR 5 million.", 5e6, "LKR"),
    ("Nepal's bank seized Rs 50 million.", 5e7, "NPR"),
]


@pytest.mark.parametrize(("text", "value", "unit"), CASES)
def test_amount_in_its_currency(analyzer: Analyzer, text: str, value: float, unit: str) -> None:
    found = [(f.value, f.unit) for f in analyzer.figures_in(text)]
    assert (pytest.approx(value), unit) in found


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("It is expected to generate at least Baht 1 billion in tax revenue.", 1e9, "THB"),
    ("The fine was Naira 2.5 billion.", 2.5e9, "NGN"),
    ("The budget is Tenge 300 billion.", 3e11, "KZT"),
    ("The bank holds Euro 5 billion in gold.", 5e9, "EUR"),
    ("The court ordered Pesos 45,000,000 paid.", 45e6, "MXN"),
])
def test_a_capitalised_currency_name_before_an_amount(text: str, value: float,
                                                      unit: str) -> None:
    assert (value, unit) in {(f.value, f.unit) for f in find_figures(text, countries=["MX"])}


@pytest.mark.parametrize("text", [
    "Tickets for Euro 2024 sold out in an hour.",  # a tournament, not an amount
    "Won 5 million times, the record stands.",  # a verb
])
def test_a_currency_name_before_a_number_needs_an_amount_after_it(text: str) -> None:
    assert not [f for f in find_figures(text) if f.kind == "money"]
