"""Small word lists the pipeline relies on (demonyms, titles, role nouns, domain terms)."""

from __future__ import annotations

# Demonyms (singular and plural forms are generated) -> country name.
_DEMONYMS: dict[str, str] = {
    "Pakistani": "Pakistan",
    "Salvadoran": "El Salvador",
    "Salvadorean": "El Salvador",
    "American": "United States",
    "Canadian": "Canada",
    "Mexican": "Mexico",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Argentinian": "Argentina",
    "Venezuelan": "Venezuela",
    "Indian": "India",
    "Bangladeshi": "Bangladesh",
    "Afghan": "Afghanistan",
    "Iranian": "Iran",
    "Russian": "Russia",
    "Ukrainian": "Ukraine",
    "German": "Germany",
    "Italian": "Italy",
    "Nigerian": "Nigeria",
    "Kenyan": "Kenya",
    "Australian": "Australia",
    "Korean": "South Korea",
    "Emirati": "United Arab Emirates",
    "Saudi": "Saudi Arabia",
    "Turkish": "Turkey",
    "Swiss": "Switzerland",
    "British": "United Kingdom",
    "French": "France",
    "Chinese": "China",
    "Japanese": "Japan",
    "Vietnamese": "Vietnam",
    "Bhutanese": "Bhutan",
    "Singaporean": "Singapore",
    "Thai": "Thailand",
    "Filipino": "Philippines",
    "Indonesian": "Indonesia",
    "Hong Konger": "Hong Kong",
}
_INVARIANT = {"Swiss", "British", "French", "Chinese", "Japanese", "Vietnamese", "Bhutanese",
              "Turkish"}

DEMONYMS: dict[str, str] = {}
for _word, _country in _DEMONYMS.items():
    DEMONYMS[_word] = _country
    if _word not in _INVARIANT:
        DEMONYMS[_word + "s"] = _country

# Other names for countries, mapped to the canonical one.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "the United States": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
}

# Crypto assets and technology terms: as a whole entity they are never PERSON / ORG / GPE.
CRYPTO_TERMS: tuple[str, ...] = (
    "Bitcoin", "bitcoin", "Bitcoins", "BTC", "Ethereum", "ETH", "Ether", "Solana", "SOL",
    "XRP", "Dogecoin", "DOGE", "Tether", "USDT", "USDC", "Litecoin", "LTC", "Cardano", "ADA",
    "Satoshi", "sats", "stablecoin", "Stablecoin", "Stablecoins", "CBDC", "CBDCs", "DeFi",
    "NFT", "NFTs", "Web3", "AI", "A.I.", "Blockchain", "blockchain", "Crypto", "crypto",
)

# Outlets and platforms that the small model tends to label GPE or PERSON.
KNOWN_ORGS: tuple[str, ...] = (
    "Bloomberg", "Reuters", "CoinDesk", "Cointelegraph", "The Block", "Decrypt", "Binance",
    "Coinbase", "Kraken", "BlackRock", "MicroStrategy", "Tesla", "IMF", "SEC", "CFTC",
    "FATF", "World Bank", "Federal Reserve",
)

# Named documents of diplomacy / policy the model mislabels.
DOCUMENT_NAMES: tuple[str, ...] = (
    "Memorandum of Understanding", "Letter of Intent", "GENIUS Act", "CLARITY Act",
)

# Titles that may precede a person's name ("President Nayib Bukele").
TITLES: tuple[str, ...] = (
    "Prime Minister", "Finance Minister", "Foreign Minister", "Deputy Prime Minister",
    "Vice President", "President", "Chancellor", "Governor", "Senator", "Sen.", "Rep.",
    "Representative", "Minister", "Secretary", "Treasury Secretary", "Chairman", "Chairwoman",
    "Chair", "Commissioner", "CEO", "CFO", "CTO", "COO", "Founder", "Co-founder", "Director",
    "Ambassador", "King", "Queen", "Prince", "Judge", "Justice", "Mayor", "Speaker",
    "Mr.", "Mrs.", "Ms.", "Dr.",
)
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr."})

# Head nouns that make a noun phrase a role.
ROLE_HEADS = frozenset({
    "advisor", "adviser", "analyst", "ambassador", "assistant", "ceo", "cfo", "cto", "coo",
    "chair", "chairman", "chairwoman", "chairperson", "chief", "commissioner", "co-founder",
    "cofounder", "counsel", "director", "economist", "executive", "founder", "governor", "head",
    "lawmaker", "leader", "manager", "member", "minister", "officer", "official", "partner",
    "president", "professor", "representative", "researcher", "secretary", "senator", "speaker",
    "spokesperson", "spokesman", "spokeswoman", "strategist", "trader", "investor", "lawyer",
    "attorney", "regulator", "envoy", "deputy", "vice-president", "consultant", "mayor",
    "prime", "premier", "judge", "editor", "reporter",
})

# Verbs introducing a role in a relative clause: "who serves as", "who is", ...
ROLE_VERBS = ("serves as", "served as", "is also", "is", "was", "works as", "worked as",
              "acts as", "has served as", "is currently", "currently serves as")

# --- Currencies written next to an amount (read by bot.nlp.money) ----------------------------
# The currency data itself (codes, symbols, names) comes from CLDR:
# bot/nlp/resources/currencies.json.
# Well-known codes: read in any case ("20 usd", "usd 20") and without further evidence in
# capitals; other ISO codes need a scale, digit groups or a country that uses them.
_KNOWN_CODES: tuple[str, ...] = (
    "USD", "EUR", "GBP", "PKR", "JPY", "INR", "CNY", "CAD", "AUD", "CHF", "HKD", "SGD", "NZD",
    "KRW", "BRL", "MXN", "ZAR", "RUB", "TRY", "NGN", "AED", "LKR", "BDT", "EGP", "KES", "THB",
    "MYR", "IDR", "SEK", "NOK", "DKK", "PLN", "ILS", "TWD", "VND",
)
# ... in lower case, except codes that are English words.
LOWER_CASE_CODES: tuple[str, ...] = tuple(c.lower() for c in _KNOWN_CODES
                                          if c not in {"TRY", "RUB"})
# Currency words also read before a number ("rmb 10", "dollar 22.5 million", "rs 500").
CURRENCY_WORDS: dict[str, str] = {"rmb": "CNY", "dollar": "USD", "dollars": "USD", "rs": "PKR",
                                  "rs.": "PKR"}
# Country prefixes of "$" ("C$", "Mex$") as the press writes them; an ISO code works as well
# ("aud$", "NZD$"), and so do CLDR's own signs ("HK$", "R$").
DOLLAR_PREFIXES: dict[str, str] = {
    "us": "USD", "hk": "HKD", "nz": "NZD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD",
    "s": "SGD", "r": "BRL", "mex": "MXN", "mx": "MXN", "nt": "TWD",
}
