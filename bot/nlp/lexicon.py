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

# Possessive marks as the tokenizer splits them ("Brazil's", "the banks' ").
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Lower-case particles inside people's names ("Vincent de Rivaz", "Mohammed bin Salman").
NAME_PARTICLES = frozenset({"de", "da", "di", "do", "dos", "das", "del", "della", "van", "von",
                            "der", "den", "du", "le", "la", "bin", "binti", "ibn", "al", "el"})
# Names and tickers of crypto assets.
COIN_NAMES: tuple[str, ...] = (
    "Bitcoin", "bitcoin", "Bitcoins", "BTC", "Ethereum", "ETH", "Ether", "Solana", "SOL",
    "XRP", "Dogecoin", "DOGE", "USDT", "USDC", "Litecoin", "LTC", "Cardano", "ADA",
)
# Crypto assets and technology terms: as a whole entity they are never PERSON / ORG / GPE.
CRYPTO_TERMS: tuple[str, ...] = (
    *COIN_NAMES, "Satoshi", "sats", "stablecoin", "Stablecoin", "Stablecoins", "CBDC", "CBDCs",
    "DeFi", "NFT", "NFTs", "Web3", "AI", "A.I.", "Blockchain", "blockchain", "Crypto", "crypto",
)

# Outlets and platforms that the small model tends to label GPE or PERSON.
KNOWN_ORGS: tuple[str, ...] = (
    "Bloomberg", "Reuters", "CoinDesk", "Cointelegraph", "The Block", "Decrypt", "Binance",
    "Coinbase", "Kraken", "BlackRock", "MicroStrategy", "Tesla", "IMF", "SEC", "CFTC",
    "FATF", "World Bank", "Federal Reserve", "Tether",
    # platforms officials speak on: the model types a lone "Twitter" a person ("turned to
    # Twitter"), and one such article retypes the platform for every later question
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp", "Telegram", "WeChat",
    "Weibo", "LinkedIn", "Reddit", "Snapchat",
)
# Share indices named in market news, as they are written. The model finds none of "S&P 500",
# "Dow Jones Industrial Average" or "Nasdaq Composite", and then a move of the index ("the
# STOXX 600 fell 1.2%") goes to the next name in the sentence. Names that are also other
# things on their own ("Dow", "TSX", "SMI") are left out.
STOCK_INDICES: frozenset[str] = frozenset({
    "S&P 500", "Dow Jones Industrial Average", "Dow Jones Transportation Average",
    "Dow Jones Utility Average", "DJIA", "Nasdaq Composite", "Nasdaq 100", "Russell 2000",
    "FTSE 100", "FTSE 250", "FTSE All-Share", "FTSE MIB", "STOXX 600", "Stoxx 600",
    "STOXX Europe 600", "Euro Stoxx 50", "EURO STOXX 50", "DAX", "CAC 40", "IBEX 35",
    "Nikkei 225", "Nikkei", "Topix", "TOPIX", "Hang Seng Index", "Hang Seng",
    "Shanghai Composite", "Shenzhen Component", "CSI 300", "KOSPI", "Kospi", "BSE Sensex",
    "Sensex", "Nifty 50", "NSE Nifty", "Straits Times Index", "ASX 200", "Ibovespa",
    "Bovespa", "MSCI World", "MSCI Emerging Markets", "Cboe Volatility Index", "VIX",
})
# Last words of the names of laws ("Harbour Levy Act", "Virtual Assets Regulations"); the
# retyping of a model span as LAW (`entity_types.law_name`) uses only "Act"/"Acts".
LAW_WORDS = frozenset({"Act", "Acts", "Bill", "Law", "Regulation", "Regulations", "Directive",
                       "Ordinance", "Decree", "Code", "Treaty"})
# Political parties written without "Party": organisations, never people ("Labour said").
PARTY_NAMES = frozenset({"Labour", "Tories", "Conservatives", "Lib Dems", "Liberal Democrats",
                         "Greens", "SNP", "Ukip", "UKIP", "Plaid Cymru"})
# Words for a party and its members that the model types NORP ("Republican lawmakers", "the
# Democrats"): a political group is an organisation; NORP is kept for nationality words.
PARTY_WORDS = PARTY_NAMES | frozenset({
    "Republican", "Republicans", "Democrat", "Democrats", "Democratic", "Tory", "GOP",
    "Conservative", "Liberal", "Liberals", "Socialist", "Socialists", "Communist",
    "Communists"})

# Central-bank digital currencies and public payment programmes that are names of their own
# (the "e-<currency>", "e<Currency>" and "digital <currency>" names are built from CLDR data).
PROGRAMME_NAMES: tuple[str, ...] = (
    "Jam-Dex", "JAM-DEX", "JAMDEX", "Drex", "DREX", "Sand Dollar", "DCash", "Bakong",
    "e-CNY", "e-HKD", "e-Won", "eCedi", "eNaira", "e-Naira", "e₹", "e-Rupee", "mBridge",
    "Digital Euro", "Digital Pound", "Britcoin", "Digital Rupee", "Digital Ruble", "Digital Yuan",
)

# Last words of firms' names after a short name ("Busha Digital"); not Council, Police, Zoo:
# a town opens those ("Wiltshire Police").
COMPANY_WORDS = frozenset({"Digital", "Technologies", "Technology", "Tech", "Labs", "Capital",
                           "Ventures", "Holdings", "Group", "Inc", "Ltd", "Exchange", "Finance",
                           "Financial", "Pay", "Payments", "Wallet", "Network", "Protocol",
                           "Media", "Mining", "Systems", "Solutions", "Securities", "Markets"})
# Last words of football clubs' names (not City, Town or County: councils share them).
CLUB_WORDS = frozenset({"United", "FC", "AFC", "Rovers", "Athletic", "Wanderers", "Albion"})
# Last words that make a name an organisation ("Busha Digital", "Chester FC", "Acme Ltd").
ORG_SUFFIXES = COMPANY_WORDS | CLUB_WORDS | frozenset({
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
    "Press", "Publishing", "Publishers", "Books", "Airlines", "Airways", "Motors",
    "Pharmaceuticals", "Entertainment", "Communications", "Telecom", "Records", "Studios",
    "Laboratories", "Hospital",
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

# Heads of a title whose "of/for" phrase names a portfolio ("Minister for Digital Economy",
# "Secretary for Financial Services and the Treasury"), not an organisation, unless a place.
PORTFOLIO_HEADS = frozenset({"minister", "secretary", "commissioner", "ministers"})

# Ordinals that open a title ("First Minister", "First Deputy Governor", "Second Secretary");
# the model reads them as numbers.
TITLE_ORDINALS = frozenset({"first", "second", "third"})

# Months and weekdays (not "May": a name as often as a month).
CALENDAR_WORDS = frozenset({
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday",
})

# Head nouns that make a noun phrase a person's role.
ROLE_HEADS = frozenset({
    "advisor", "adviser", "analyst", "ambassador", "assistant", "ceo", "cfo", "cto", "coo",
    "cio", "chair", "chairman", "chairwoman", "chairperson", "chief", "commissioner",
    "co-founder", "cofounder", "counsel", "director", "economist", "executive", "founder",
    "governor", "head", "lawmaker", "leader", "manager", "member", "minister", "officer",
    "official", "partner", "president", "professor", "representative", "researcher",
    "secretary", "senator", "speaker", "spokesperson", "spokesman", "spokeswoman",
    "strategist", "trader", "investor", "lawyer", "attorney", "regulator", "envoy", "deputy",
    "vice-president", "consultant", "mayor", "prime", "premier", "judge", "editor", "reporter",
    "justice", "chancellor", "comptroller", "controller", "treasurer", "auditor", "prosecutor",
    "magistrate", "legislator", "congressman", "congresswoman", "congressperson", "mp",
    "councillor", "councilor", "czar", "tsar", "boss", "owner", "businessman",
    "businesswoman", "entrepreneur", "author", "expert", "coach", "captain", "keeper",
    "goalkeeper", "player", "candidate", "contender", "nominee", "associate", "politician",
    "diplomat", "negotiator", "aide", "supervisor", "inspector", "superintendent",
    "administrator", "registrar", "ombudsman", "sheriff", "banker", "financier",
    "billionaire", "journalist", "columnist", "correspondent", "scientist", "engineer",
    "developer", "activist", "campaigner", "critic", "advocate", "fellow", "lecturer",
    "dean", "rector", "principal", "trustee", "king", "queen", "prince", "princess", "emir",
    "sultan", "monarch", "commander", "delegate", "vice-chair", "vice-chairman",
    "undersecretary", "under-secretary", "mathematician", "playboy", "trainee", "capitalist",
    "sponsor", "co-sponsor", "cosponsor", "surgeon", "doctor", "physician", "nurse",
    "impresario", "tycoon", "magnate", "mogul", "heir", "heiress", "pundit", "guru", "chef",
    "pilot", "poet", "athlete", "actress", "militant", "rebel", "veteran", "star", "popstar",
    "figure", "whip",
})
# Words that complete a title after its head ("Attorney General", "Finance Minister II").
TITLE_COMPLEMENTS = frozenset({"general", "ii", "iii", "iv", "elect", "designate",
                               "emeritus", "-", "at-large", "pro", "tem", "tempore"})
# Abbreviated titles, written out in role text.
TITLE_ABBREVIATIONS: dict[str, str] = {
    "rep.": "Representative", "sen.": "Senator", "gov.": "Governor", "pres.": "President",
    "lt.": "Lieutenant", "atty.": "Attorney", "sec.": "Secretary", "amb.": "Ambassador",
    "supt.": "Superintendent", "rep": "Representative", "sen": "Senator", "gov": "Governor",
}
# Words of address between a title and a name, never a role ("Datuk Seri", "Dr", "Sir").
HONORIFIC_WORDS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "datuk", "dato",
    "dato'", "datin", "seri", "sri", "tan", "tun", "haji", "hajjah", "rev", "hon",
    "honourable", "honorable", "excellency", "his", "her", "h.e.", "mx", "madam", "sheikh",
})
# Letters written after a person's name that are no part of it ("Stephen Kramer QC").
POST_NOMINALS = frozenset({"QC", "KC", "MP", "MEP", "MSP", "MLA", "OBE", "MBE", "CBE", "KBE",
                           "DBE", "FRS", "PhD", "Ph.D.", "JP"})
# Words of address a title written before them may be glued to by the model ("Surgeon Dr").
ADDRESS_BEFORE_NAME = frozenset({"dr", "prof", "mr", "mrs", "ms", "sir", "dame", "rev"})
# Titles of a country's government: with no organisation written, the org is the country the
# sentence or the article is about. Matched on the last words of the role text.
NATIONAL_TITLES = frozenset({
    "president", "vice president", "vice-president", "prime minister", "minister",
    "chancellor", "king", "queen", "emir", "monarch", "treasury secretary", "finance secretary",
    "foreign secretary", "home secretary", "secretary of state", "attorney general",
    "minister of state",
})
# Heads of a lower-case title held for a country: a nationality before them is the org, not a
# word of the title ("the Argentine economy minister" -> economy minister, Argentina).
NATIONAL_HEADS = frozenset({"minister", "lawmaker", "legislator", "official", "diplomat",
                            "ambassador", "envoy", "president", "premier", "chancellor",
                            "senator", "secretary", "negotiator", "prosecutor", "mp",
                            "parliamentarian", "deputy", "spokesperson", "spokesman",
                            "spokeswoman"})
# Titles of a state or province: the org is the state the sentence or the article is about.
STATE_TITLES = frozenset({"governor", "lieutenant governor", "chief minister", "premier",
                          "first minister", "state treasurer", "state comptroller",
                          "state auditor"})
# Titles of a court: with no org written, the org is the one court the article names.
COURT_TITLES = frozenset({"justice", "judge", "magistrate", "district judge", "chief justice"})
# Titles whose org is a legislature seat, set only when written ("of Wyoming", "(R-Tenn.)").
LEGISLATOR_TITLES = frozenset({"senator", "representative", "congressman", "congresswoman",
                               "state senator", "lawmaker", "deputy"})  # Brazil's "Deputy X"
# Head nouns that make a noun phrase an organisation's description.
ORG_KINDS = frozenset({
    "exchange", "company", "firm", "bank", "regulator", "watchdog", "agency", "authority",
    "body", "organization", "organisation", "group", "party", "faction", "enterprise",
    "charity", "operator", "issuer", "platform", "startup", "start-up", "fund", "wallet",
    "miner", "provider", "lender", "insurer", "association", "union", "ministry", "department",
    "court", "university", "institute", "newspaper", "outlet", "broadcaster", "network",
    "subsidiary", "conglomerate", "manufacturer", "producer", "utility", "custodian", "scheme",
    "scam", "foundation", "club", "team", "chamber", "commission", "committee", "council",
    "developer", "marketplace", "broker", "brokerage", "processor", "publication", "coalition",
    "alliance", "consortium", "cooperative", "nonprofit", "non-profit", "think-tank", "tank",
    "lab", "laboratory", "bureau", "regime", "government", "legislature", "parliament",
    "assembly", "fintech", "trust", "supervisor", "owner", "leader", "retailer", "magazine",
    "newsletter", "clinic", "airline", "carrier", "chain", "multinational", "investor",
    "shareholder", "backer", "movement", "militia", "outfit", "maker", "arm", "division",
    "affiliate", "unit", "collector", "journal", "app", "website", "site", "giant",
    "service", "publisher", "supermarket", "grocer", "automaker", "carmaker", "studio",
    "pollster", "portal",
})
# Organisation kinds that are also people's roles: "the Hereford owner" is a person, so these
# are never read as the kind of the organisation named right before them.
PERSONAL_KINDS = frozenset({"owner", "leader", "supervisor", "developer", "investor",
                            "shareholder", "backer", "maker", "collector"})
# Words that make an organisation's name a public body's, never what "the company" means.
PUBLIC_BODIES = frozenset({"commission", "authority", "ministry", "court", "agency", "council",
                           "committee", "department", "regulator", "parliament", "senate",
                           "house", "government", "office", "bureau", "police", "assembly",
                           "congress", "reserve", "treasury", "central", "unit", "tribunal"})
# Words that make an organisation's name a regulator's ("the regulator" may point to it).
REGULATOR_WORDS = frozenset({"commission", "authority", "agency", "unit", "regulator",
                             "regulatory", "supervisory", "supervision", "board", "directorate",
                             "watchdog", "conduct", "inspectorate"})
# Modifiers that rank or praise, left out of a description ("a prominent ... firm").
EVALUATIVE = frozenset({"prominent", "leading", "renowned", "well-known", "famous", "notable",
                        "major", "popular", "notorious", "celebrated", "new", "so-called",
                        "embattled", "beleaguered", "troubled", "controversial", "powerful",
                        "influential", "top", "biggest", "largest", "newest", "oldest",
                        "now-defunct", "defunct", "giant", "main", "key", "struggling",
                        "ailing", "fast-growing", "booming"})
# Modifiers that place an organisation in the country of the story ("a local exchange").
LOCAL_WORDS = frozenset({"local", "domestic", "national", "state", "state-owned", "state-run",
                         "ruling", "opposition",
                         "state-backed", "government", "government-owned", "government-run",
                         "public", "sovereign"})
# Verbs of a relative or participle clause, as the role they state ("who heads" -> head).
AGENT_NOUNS: dict[str, str] = {
    "head": "head", "lead": "leader", "chair": "chair", "found": "founder",
    "co-found": "co-founder", "cofound": "co-founder", "own": "owner", "operate": "operator",
    "manage": "manager", "direct": "director", "issue": "issuer", "represent": "representative",
    "advise": "adviser", "govern": "governor", "run": "operator", "regulate": "regulator",
    "supervise": "supervisor", "develop": "developer", "launch": "founder",
}
# Verbs that give someone a role stated with "as": "appointed X as an adviser".
APPOINTING_VERBS = frozenset({"appoint", "name", "nominate", "elect", "hire", "install",
                              "choose", "select", "tap", "designate", "confirm", "reappoint",
                              "serve", "act", "work", "join", "swear"})
# ... and verbs that give an organisation one: "established VARA as the regulator".
ESTABLISHING_VERBS = frozenset({"establish", "create", "set", "designate", "appoint", "name",
                                "license", "licence", "register", "recognise", "recognize",
                                "launch", "form", "found"})

# Role nouns whose "of X" names a person, not an organisation ("a close associate of X").
RELATIONAL = frozenset({"associate", "ally", "friend", "wife", "husband", "son", "daughter",
                        "brother", "sister", "father", "mother", "partner", "colleague",
                        "rival", "critic", "supporter", "successor", "predecessor", "aide",
                        "adviser", "advisor", "assistant", "lawyer", "spokesman",
                        "spokeswoman", "spokesperson"})

# Verbs introducing a role in a relative clause: "who serves as", "who is", ...
ROLE_VERBS = ("serves as", "served as", "is also", "is", "was", "works as", "worked as",
              "acts as", "has served as", "is currently", "currently serves as", "is now",
              "was previously", "previously served as", "also serves as", "became",
              "becomes", "has become", "had become", "has been", "had been", "remains",
              "was also", "was then", "was once", "is still", "is serving as",
              "was serving as", "was then serving as", "has been serving as")
# Titles of an organisation's people: with no organisation written, the org is the company
# (club, firm) the article is about ("Chief executive X said").
COMPANY_TITLES = frozenset({
    "ceo", "chief executive", "chief executive officer", "cfo", "cto", "coo", "cio",
    "chairman", "chairwoman", "chair", "chairperson", "executive chairman", "executive chair",
    "founder", "co-founder", "cofounder", "managing director", "owner", "co-owner",
    "chief financial officer", "chief operating officer", "chief technology officer",
    "keeper", "goalkeeper", "captain", "head coach", "coach", "general counsel",
})
# Titles of a city: with no organisation written, the city the sentence or article names.
CITY_TITLES = frozenset({"mayor", "lord mayor", "deputy mayor"})
# Elected offices, which a party word before them does not own ("Republican Sen. X").
ELECTED_TITLES = LEGISLATOR_TITLES | STATE_TITLES | CITY_TITLES | {
    k.rstrip(".") for k, v in TITLE_ABBREVIATIONS.items()
    if v.lower() in LEGISLATOR_TITLES | STATE_TITLES} | {"legislator", "councillor"}
# Suffixes of nouns that name a person by what they do ("blogger", "saxophonist"), read as
# a title's head right before a name.
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "eer", "ant", "eon", "man", "woman")
# ... except these everyday nouns that end the same way.
NOT_AGENTS = frozenset({
    "order", "number", "paper", "power", "water", "matter", "letter", "quarter", "border",
    "corner", "computer", "chapter", "center", "centre", "winter", "summer", "counter",
    "cover", "filter", "offer", "answer", "error", "sector", "factor", "vector", "mirror",
    "horror", "terror", "honor", "honour", "labor", "labour", "favor", "favour", "color",
    "colour", "humor", "humour", "rumor", "rumour", "motor", "tractor", "elevator", "monitor",
    "calculator", "indicator", "plant", "grant", "giant", "restaurant", "variant",
    "warrant", "human", "german", "platform", "server", "browser", "trailer",
    "thriller", "banner", "poster", "register", "charter", "disaster", "cancer", "fever",
    "shelter", "cluster", "character", "master", "roster", "transfer", "predecessor",
    "successor", "supporter", "follower", "user", "customer", "viewer", "reader", "voter",
    "listener", "subscriber", "holder", "buyer", "seller", "winner", "loser",
})

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


# Verbs of saying. PERSON_SPEECH_VERBS are what people do more than places or bodies ("X
# said", "X warned": a name that says or warns is a person's, `person_names` and
# `place_types`); SPEECH_VERBS add what governments and bodies do too ("Beijing announced",
# "the ministry confirmed": where something was said, and who "the group added" is).
PERSON_SPEECH_VERBS = frozenset({"say", "tell", "add", "argue", "write", "explain", "warn",
                                 "insist", "claim", "note", "ask", "reply", "recall"})
SPEECH_VERBS = PERSON_SPEECH_VERBS | frozenset({"speak", "announce", "state", "declare",
                                                "remark", "comment", "stress", "confirm"})
