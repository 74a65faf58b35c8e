"""Word lists and parse helpers shared by the attribution steps: reporting and transfer verbs,
crypto assets and their price words, quoted sources, place adjuncts, personal nouns."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.coref import BANK_NOUNS, PLACE_NOUNS
from bot.nlp.lexicon import SPEECH_VERBS

SUBJ = frozenset({"nsubj", "nsubjpass"})
OWNED = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "LAW"})
CLAUSE = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT"})
NOUN_MODS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})
OWNER_PREPS = frozenset({"of", "for", "in", "to", "on", "at"})
REPORTING = frozenset({
    "say", "tell", "add", "note", "state", "claim", "estimate", "announce", "reveal", "explain",
    "warn", "predict", "believe", "argue", "expect", "report", "write", "confirm", "stress",
    "insist", "suggest", "indicate", "emphasise", "emphasize", "highlight", "mention",
    "disclose", "declare", "tweet", "post", "describe", "call", "think", "project", "forecast",
})
IMPOSE = frozenset({"fine", "penalise", "penalize", "sanction", "order", "impose", "levy",
                    "charge", "sue", "seek"})
LEND = frozenset({"lend", "loan", "grant", "disburse", "approve", "provide", "give", "extend",
                  "award", "offer", "send", "transfer"})
# "pay" is a transfer only when no payer is named ("1% will be paid to the budget of X"); a
# named payer owns what it pays ("Block agreed to pay $40 million to New York regulators").
PAY = "pay"
MAX_CLIMB = 10
CHAMBER_WORDS = ("house", "senate", "assembly", "parliament", "congress", "committee", "council",
                 "board", "duma", "majlis", "diet", "legislature", "chamber", "court", "cabinet")
# An organisation "named" only by a generic word ("the Bank", "the Ministry") is a description.
GENERIC_ORG_NAMES = frozenset({"bank", "ministry", "agency", "commission", "authority",
                               "committee", "court", "government", "council", "department",
                               "board", "office", "regulator", "treasury", "fund", "exchange"})
NEAR_WINDOW = 40  # tokens either side of a figure where a name may be its nearest owner
_IRREGULAR = {"said": "say", "told": "tell", "gave": "give", "given": "give", "lent": "lend",
              "sent": "send", "paid": "pay", "sought": "seek", "thought": "think",
              "wrote": "write", "written": "write", "forecast": "forecast"}


def verb_lemma(tok: Token) -> str:
    """The verb's base form; the small model's lemma, checked against the word's inflections
    for the verbs attribution cares about ("fined" lemmatised "fin" is "fine")."""
    low = tok.lower_
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", "e"),
                         ("es", ""), ("s", ""), ("ing", "e"), ("ing", "")):
        if low.endswith(suffix):
            base = low[: -len(suffix)] + repl
            if base in _KNOWN_VERBS:
                return base
    return tok.lemma_.lower()


_KNOWN_VERBS = REPORTING | IMPOSE | LEND | {PAY}
# A crypto asset owns its market price: "Bitcoin's value rose to $70,000", "pushed bitcoin below
# $90,000", "BTC traded at $104,000". Canonical names of the assets, by the words for them.
ASSETS = {"bitcoin": "Bitcoin", "bitcoins": "Bitcoin", "btc": "Bitcoin", "ether": "Ether",
          "ethereum": "Ether", "eth": "Ether", "solana": "Solana", "xrp": "XRP",
          "dogecoin": "Dogecoin"}
# What an asset is as a system: its figures (energy used, hashrate) are the asset's own ("the
# Bitcoin network consumes 150 TWh", "Bitcoin's hashrate reached 600 EH/s").
NETWORK_NOUNS = frozenset({"network", "blockchain", "hashrate", "protocol"})
PRICE_NOUNS = frozenset({"price", "value", "valuation", "cap", "capitalisation",
                         "capitalization", "high", "low", "record", "level", "peak", "worth",
                         "barrier", "mark", "threshold", "milestone"})
PRICE_VERBS = frozenset({"hit", "rise", "rose", "risen", "fall", "fell", "fallen", "climb",
                         "trade", "reach", "surge", "drop", "push", "top", "cross", "jump",
                         "slip", "slide", "tumble", "soar", "plunge", "sink", "recover",
                         "rally", "dip", "crash", "break", "hover", "stand", "sell", "cost",
                         "crashed", "broke", "traded", "surpass", "exceed", "gain", "lose",
                         "shed", "slump", "decline", "advance", "retreat", "rebound", "spike"})



_SOURCE_NOUNS = frozenset({"report", "data", "study", "survey", "analysis", "estimate",
                           "estimates", "research", "figures", "statement", "interview"})


SOURCE_VERBS = frozenset({"compile", "publish", "report", "cite", "quote", "tell",
                           "reveal", "collect"})


def source_noun(tok: Token) -> bool:
    """"report", "data" (whose lemma is "datum"), "figures": what a source publishes."""
    return tok.lower_ in _SOURCE_NOUNS or tok.lemma_.lower() in _SOURCE_NOUNS


def is_source(tok: Token, speakers: bool = True, depth: int = 3) -> bool:
    """A name quoted as a source: "according to X", "as per a X report", "told X", "data
    compiled by X", "data from X", and (with `speakers`) "X said"; `depth` is how far up the
    name's phrase the cue may be ("according to a statement from X" is 2 up)."""
    node = tok
    while node.dep_ in {"compound", "amod"} and node.head.i != node.i:
        node = node.head
    for _ in range(depth):
        if node.dep_ == "pobj" and node.head.lower_ in {"to", "per"} and (
                node.head.lower_ == "per" or node.head.head.lower_ == "according"):
            return True
        if node.dep_ in {"dative", "dobj"} and verb_lemma(node.head) == "tell":
            return True
        if node.dep_ == "pobj" and node.head.dep_ == "agent" \
                and verb_lemma(node.head.head) in SOURCE_VERBS:
            return True
        if node.dep_ in {"compound", "poss"} and source_noun(node.head):
            return True
        if node.dep_ == "pobj" and node.head.lower_ in {"from", "by"} \
                and source_noun(node.head.head):
            return True  # "data from Arkham Intelligence", "a report by the IMF"
        if speakers and node.dep_ in SUBJ and verb_lemma(node.head) in REPORTING:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False



def where_said(tok: Token) -> bool:
    """A place named as where something was said ("..., the minister said in Islamabad"):
    the setting of a statement owns none of its figures."""
    head = tok
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    prep = head.head
    verb = prep.head
    return head.dep_ == "pobj" and prep.lower_ in {"in", "at"} and prep.dep_ == "prep" \
        and verb_lemma(verb) in SPEECH_VERBS \
        and not any(c.dep_ == "xcomp" for c in verb.children)  # "asked to leave": no speech


# A loan's or grant's nouns, and verbs of getting one: "a loan from X" names the lender.
FUNDING = frozenset({"loan", "grant", "credit", "financing", "funding", "aid", "bailout",
                     "disbursement", "tranche", "facility", "borrow", "receive", "secure",
                     "obtain", "get", "seek", "request"})


def lender_named(tok: Token) -> bool:
    """A name given as where a loan or grant comes from ("a $20 billion loan from the IMF",
    "borrowed $2 billion from China"): the lender, not whose the money is (the guide puts the
    borrower first)."""
    head = tok
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ == "from" and \
        (prep.head.lemma_.lower() in FUNDING or prep.head.lower_ in FUNDING)


DATELINE_MAX = 8  # tokens of a dateline before its dash ("WASHINGTON, Dec 2 (Reuters) -")


# Words right before an outlet one speaks to or on: "told (the) X", "said on X", "in an
# interview with X", "speaking to X".
_SPOKEN_TO = (("told",), ("tells",), ("said", "on"), ("says", "on"), ("speaking", "on"),
              ("appeared", "on"), ("interview", "with"), ("speaking", "to"), ("spoke", "to"),
              ("talking", "to"))


def spoken_to(tok: Token) -> bool:
    """The name at `tok` is an outlet someone speaks to or on ("told Reuters", "said on
    CNBC", "in an interview with the BBC"): it reports the story, it owns none of it."""
    doc, i = tok.doc, tok.i
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    words = tuple(t.lower_ for t in doc[max(0, i - 2):i])
    return any(words[-len(cue):] == cue for cue in _SPOKEN_TO)


def listing(tok: Token) -> bool:
    """The name at `tok` is the exchange of a firm's listing in brackets ("The Home Depot
    Inc. (NYSE: HD)"): it tells where the shares trade, it owns none of the figures."""
    doc, i = tok.doc, tok.i
    if i == 0 or doc[i - 1].text != "(":
        return False
    j = i + 1
    while j < len(doc) and j < i + 4 and doc[j].ent_iob_ == "I":
        j += 1
    return j + 2 < len(doc) and doc[j].text == ":" and doc[j + 2].text == ")"


def bystander(tok: Token) -> bool:
    """An outlet spoken to or an exchange of a listing: named, but owning nothing."""
    return spoken_to(tok) or listing(tok)


def in_dateline(tok: Token) -> bool:
    """A word of the dateline that opens a story ("LAGOS -", "WASHINGTON (Reuters) —"): the
    place of filing and the wire credited own none of the story's figures."""
    sent = tok.sent
    for k in range(sent.start, min(sent.end, sent.start + DATELINE_MAX)):
        word = tok.doc[k]
        if word.text in {"-", "–", "—"} and k > sent.start:
            return tok.i < k
        if word.pos_ in {"VERB", "AUX"} or (word.is_lower and word.is_alpha):
            return False
    return False


def adjunct_place(tok: Token, label: str) -> bool:
    """A place named only as where something happens: "in Manhattan", a dateline."""
    if label != "GPE":
        return False
    head = tok
    while head.dep_ in {"compound", "amod", "nmod"} and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in {"in", "at", "near", "outside", "from",
                                                   "across", "throughout", "around"}:
        return True
    return head.dep_ in {"npadvmod", "ROOT"} and head.i == head.sent.start


def listed_members(noun: Token) -> set[int]:
    """Tokens of the things listed as what a noun counts: its appositions and conjuncts, and
    "including ..." ("four banks — A, B and C"; "200 companies, including Binance")."""
    out: set[int] = set()
    for child in noun.children:
        if child.dep_ in {"appos", "conj"} or (child.dep_ == "prep" and child.lower_ in
                                                {"including", "like", "such"}):
            out.update(t.i for t in child.subtree)
    if noun.tag_ in {"NNS", "NNPS"} and noun.dep_ in SUBJ:
        # "200 companies have withdrawn their applications, including Binance": the
        # examples hang off the verb's object, but they are still of the counted things
        for arg in noun.head.children:
            if arg.dep_ in {"dobj", "attr"}:
                out |= {t.i for c in arg.children if c.dep_ == "prep"
                        and c.lower_ in {"including", "like", "such"} for t in c.subtree}
    return out


_EXAMPLE_CUES = (("including",), ("such", "as"), ("among", "them"), ("like",))
_DASHES = frozenset({"—", "–", "-", "("})
_EXAMPLE_REACH = 16  # tokens back from a name to the cue or dash that opens its list


def example_of_many(tok: Token) -> bool:
    """The name at `tok` is one of many things a sentence lists ("17 banks — including the
    behemoth Sberbank —", "four banks — SBI, ICICI Bank and IDFC First Bank —", "firms
    such as X"): an example, which owns none of the sentence's counts."""
    doc, sent = tok.doc, tok.sent
    for k in range(tok.i - 1, max(sent.start - 1, tok.i - _EXAMPLE_REACH - 1), -1):
        word = doc[k]
        if word.pos_ in {"VERB", "AUX"}:
            return False
        if any(tuple(t.lower_ for t in doc[k:k + len(cue)]) == cue for cue in _EXAMPLE_CUES):
            return True
        if word.text in _DASHES and word.whitespace_ and k > sent.start \
                and doc[k - 1].tag_ in {"NNS", "NNPS"}:
            return True  # "four banks — A, B and C —"
    return False


# What a person has for themselves, not for their office: "her $3 million salary", "agreed to
# pay a $10,000 fine", "8 million followers".
PERSONAL_NOUNS = frozenset({"salary", "pay", "compensation", "bonus", "fortune", "wealth",
                            "worth", "earnings", "income", "fine", "bail", "penalty", "followers",
                            "pension", "savings", "donation", "donations", "stake", "shares",
                            "votes", "children", "sentence", "damages"})

# Nouns for an organisation or a state, or what an office does: what a person "has" of these
# is their office's ("his ministry", "the president's new programs").
INSTITUTION_NOUNS = BANK_NOUNS | PLACE_NOUNS | frozenset({
    "team", "government", "campaign", "office", "staff", "administration", "program",
    "programme", "plan", "policy", "proposal", "budget", "order", "initiative", "reform",
    "bill", "law", "scheme", "strategy"})


# Verbs that set something to a new size: "cut the rate to 5%", "raised its stake by 2%".
CHANGE_VERBS = frozenset({"reduce", "cut", "raise", "increase", "lower", "lift", "boost",
                          "trim", "slash", "double", "halve", "expand", "extend", "revise",
                          "adjust", "bring", "push"})
# What one holds in another: "4.7 million shares in BlackRock's fund" are the holder's.
STAKE_NOUNS = frozenset({"stake", "share", "holding", "investment", "interest", "position",
                         "exposure", "bet", "unit"})
# Verbs of buying and holding: "bought $5 million of X" is X bought, not X's money.
ACQUIRE_VERBS = frozenset({"buy", "bought", "purchase", "acquire", "sell", "sold", "hold", "own",
                           "add", "accumulate"})

# People an organisation has: "two Binance executives", "40,000 Kraken customers".
MEMBER_NOUNS = frozenset({"executive", "employee", "official", "staff", "user", "customer",
                          "client", "investor", "member", "worker", "victim", "holder",
                          "depositor", "trader", "director", "manager", "officer", "agent",
                          "subscriber", "account", "shareholder", "creditor"})


# Verbs whose amount is the person's own, whatever office they hold ("X, a managing director
# at Acme, earned $510,000": her pay, not Acme's).
PERSONAL_VERBS = frozenset({"earn", "inherit", "donate", "pocket", "bequeath"})


def is_personal(noun: Token) -> bool:
    """Whether the figure's noun is something a person has of their own (a salary, a fine),
    or the amount is what a person's verb of pay or gift took ("earned $510,000")."""
    if noun.lemma_.lower() in PERSONAL_NOUNS or noun.lower_ in PERSONAL_NOUNS:
        return True
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in PERSONAL_VERBS


# Head words of a name that is a measure, not an owner ("VAT rose to 20%", "the Digital Asset
# Tax was cut to 1.5%", "the Consumer Price Index rose 3%"): whose rate it is comes from context.
MEASURE_HEADS = frozenset({"tax", "taxes", "levy", "duty", "duties", "tariff", "tariffs", "rate",
                           "rates", "vat", "gst", "tds", "cgt", "index", "surcharge", "cess"})


def measure_name(name: str) -> bool:
    """Whether a name is a tax, rate or index (its last word), which no figure is filed under."""
    words = name.casefold().split()
    return bool(words) and words[-1] in MEASURE_HEADS


# Verbs whose subject holds or makes a share of something: "the country produced 13% of the
# world's hashrate" (the country's), unlike "the SEC froze 30% of Binance's reserves".
SHARE_VERBS = frozenset({"produce", "hold", "own", "control", "account", "mine", "generate",
                         "command", "have", "supply", "contribute", "capture", "make", "keep",
                         "represent", "consume", "use"})


def possessor_in(obj: Token) -> Token | None:
    """Who an "of" object is possessed by: itself when it is possessive ("of Ann Lee's"), else
    the possessor of a noun that is not an institution ("of her fan base"; not "of his
    ministry")."""
    if any(c.dep_ == "case" for c in obj.children):
        return obj
    if obj.lemma_.lower() in INSTITUTION_NOUNS:
        return None
    return next((c for c in obj.children if c.dep_ == "poss"), None)


# A country's economy as a whole: "Core liquidity has increased to Rs 48,700 crore", "GDP grew
# 5%". With no owner named, such a figure is the story's country's, not the last actor's.
_AGGREGATES = frozenset({"gdp", "inflation", "liquidity", "export", "import", "deficit",
                         "surplus", "unemployment", "economy", "remittance", "population"})


def national_aggregate(head: Token) -> bool:
    """Whether the figure at `head`, or the subject of the clause it sits in, measures an
    economy as a whole."""
    node = head
    for _ in range(3):
        if node.lemma_.lower() in _AGGREGATES:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in _AGGREGATES
                       for c in node.children)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def is_percent(figure: Span) -> bool:
    """A figure written as a share ("5%", "12 percent")."""
    return any(t.text == "%" or t.lower_ in {"percent", "cent"} for t in figure)


def is_rate_or_sum(figure: Span) -> bool:
    """A sum of money or a share: what a law sets or a price is, never a count."""
    return is_percent(figure) or any(t.ent_type_ == "MONEY" or t.text in {"$", "€", "£"}
                                     for t in figure)
