"""Small word lists the pipeline relies on (demonyms, titles, role nouns, domain terms)."""

from __future__ import annotations

from bot.nlp.gazetteer import gazetteer

# Demonyms -> country name, for every country (countryinfo + forms it lacks; see gazetteer).
DEMONYMS: dict[str, str] = dict(gazetteer().demonyms)

# Other names for countries, mapped to the canonical one: ISO/CLDR/countryinfo names and
# acronyms (gazetteer), and the everyday short forms the data leaves out (two-letter ones are
# ISO codes there, so only these are taken).
COUNTRY_ALIASES: dict[str, str] = {
    **{form: name for form, name in gazetteer().countries.items() if form != name},
    "U.S.": "United States",
    "US": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "the United States": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Holland": "Netherlands",
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

# Central-bank digital currencies and public payment programmes that are names of their own
# (the "e-<currency>", "e<Currency>" and "digital <currency>" names are built from CLDR data).
PROGRAMME_NAMES: tuple[str, ...] = (
    "Jam-Dex", "JAM-DEX", "JAMDEX", "Drex", "DREX", "Sand Dollar", "DCash", "Bakong",
    "e-CNY", "e-HKD", "e-Won", "eCedi", "eNaira", "e-Naira", "e₹", "e-Rupee", "mBridge",
    "Digital Euro", "Digital Pound", "Britcoin", "Digital Rupee", "Digital Ruble", "Digital Yuan",
)

# Last words that make a name an organisation ("Busha Digital", "Chester FC", "Acme Ltd").
ORG_SUFFIXES = frozenset({
    "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "L.L.C.", "Corp", "Corp.", "Corporation", "PLC", "Plc",
    "plc", "AG", "GmbH", "NV", "N.V.", "BV", "B.V.", "Limited", "Holdings", "Holding", "Group",
    "Bank", "Exchange", "Capital", "Technologies", "Technology", "Tech", "Labs", "Ventures",
    "Partners", "Foundation", "Institute", "University", "Council", "Commission", "Authority",
    "Agency", "Ministry", "Department", "Committee", "Association", "Fund", "Trust", "Network",
    "Digital", "Financial", "Finance", "Securities", "Markets", "Systems", "Solutions",
    "Services", "Media", "Mining", "Energy", "Power", "Payments", "Pay", "Wallet", "Protocol",
    "Company", "Co", "Co.", "Industries", "Investments", "Insurance", "Office", "Board",
    "Bureau", "Service", "Party", "Club", "FC", "AFC", "United", "Rovers", "Athletic",
    "Union", "Federation", "Alliance", "Coalition", "Chamber", "Court", "Assembly",
    "Parliament", "Senate", "Congress", "Cabinet", "Reserve", "Treasury",
})
# Nouns that say the name next to them is an organisation ("mining firm Bitdeer",
# "Bitdeer, a Singaporean group", "the exchange Dunamu").
ORG_NOUNS = frozenset({
    "company", "firm", "group", "exchange", "platform", "startup", "start-up", "bank", "lender",
    "miner", "operator", "provider", "fund", "insurer", "broker", "brokerage", "issuer",
    "maker", "manufacturer", "developer", "producer", "retailer", "conglomerate", "corporation",
    "subsidiary", "outlet", "newspaper", "agency", "regulator", "network", "app", "wallet",
    "club", "team", "party", "charity", "organisation", "organization", "institute",
    "university", "association", "custodian", "marketplace", "giant", "unit", "arm",
    "venture", "consortium", "publication", "website", "daily", "broadcaster", "utility",
})
# Role nouns that make the name next to them a person ("CEO Brock Pierce", "X, the president").
PERSON_ROLES = frozenset({
    "president", "minister", "governor", "senator", "ceo", "cfo", "cto", "coo", "chairman",
    "chairwoman", "chair", "founder", "co-founder", "cofounder", "director", "secretary",
    "commissioner", "spokesperson", "spokesman", "spokeswoman", "economist", "analyst",
    "professor", "lawmaker", "representative", "ambassador", "mayor", "judge", "premier",
    "chancellor", "attorney", "lawyer", "advisor", "adviser", "officer", "head", "chief",
    "king", "queen", "prince", "emir", "sen.", "rep.", "gov.", "mr.", "mrs.", "ms.", "dr.",
    "congressman", "congresswoman", "deputy", "leader", "author", "researcher", "manager",
    "capitalist", "candidate", "entrepreneur", "billionaire", "businessman", "businesswoman",
    "politician", "activist", "banker", "journalist", "columnist", "executive", "official",
})

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
