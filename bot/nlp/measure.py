"""What a figure measures ("surplus electricity", "fine", "BTC holdings", "policy rate"), from
the noun phrase the figure quantifies, the noun it is "of", or the verb that governs it.

In order: the "of" phrase after the figure ("2,000 MW of surplus electricity"); the noun the
figure modifies ("a $3bn budget"); the noun it is the amount of ("a fine of £3.5m",
"investments worth $700m"); the subject of a verb that sets it ("the refi rate will be raised
to 3.5 percent", "reserves stand at €140 billion"); the verb's own noun ("fined ... £2m" ->
fine, "holds 6,240 BTC" -> BTC holdings). Units, currencies, scales, time words and names are
never a measure ("points", "rupees", "Diwali gift").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_NP_MODS = frozenset({"compound", "amod", "nmod"})
# Entity types no measure is named by: names, dates, amounts, and programmes ("e-CNY").
_NAMES = frozenset({"GPE", "ORG", "PERSON", "NORP", "DATE", "MONEY", "PRODUCT"})
_NOT_A_MEASURE = frozenset({
    "percent", "per", "cent", "cents", "point", "points", "basis", "pct", "%", "million",
    "billion", "trillion", "thousand", "lakh", "crore", "mw", "gw", "kw", "kwh", "mwh", "gwh",
    "twh", "megawatt", "megawatts", "gigawatt", "gigawatts", "kilowatt", "kilowatts", "btc",
    "bitcoin", "bitcoins", "rupee", "rupees", "dollar", "dollars", "euro", "euros", "pound",
    "pounds", "yen", "yuan", "won", "naira", "tenge", "lira", "lire", "rand", "ringgit",
    "baht", "peso", "pesos", "real", "reais", "rs", "rm", "usd", "eur", "year", "years",
    "month", "months", "week", "weeks", "day", "days", "time", "times", "today", "press",
    "gift", "co", "share", "figure", "number", "amount", "total", "sum", "level", "record",
    "high", "low", "mark", "hash", "rate", "one", "some", "part", "group", "batch", "set",
    "range", "band", "list",
})
# A word that may be a measure's head only with a modifier ("policy rate", not "rate").
_NEEDS_MODIFIER = frozenset({"rate", "share", "level", "total", "amount", "record"})
# Verbs whose object is measured by the verb's own noun.
_VERB_NOUNS = {
    "fine": "fine", "penalise": "penalty", "penalize": "penalty", "invest": "investment",
    "spend": "spending", "allocate": "allocation", "lend": "loan", "borrow": "loan",
    "loan": "loan", "buy": "purchase", "purchase": "purchase", "acquire": "purchase",
    "sell": "sale", "auction": "sale", "seize": "seizure", "confiscate": "seizure",
    "raise": "funds raised", "earn": "earnings", "pay": "payment", "consume": "consumption",
    "use": "consumption", "produce": "production", "generate": "generation", "mine": "mined",
    "export": "exports", "import": "imports", "mint": "minted", "issue": "issued",
    "collect": "collected", "save": "savings", "lose": "losses", "owe": "debt",
    "budget": "budget", "cost": "cost", "charge": "charge", "tax": "tax",
}
# Verbs whose subject is what reached the figure, and the nouns of a peak before "of".
_REACH = frozenset({"reach", "hit", "top", "exceed", "surpass", "near", "approach", "total",
                    "number"})
_PEAKS = frozenset({"high", "low", "peak", "record", "total"})
_HOLD = frozenset({"hold", "own", "have", "possess", "keep", "accumulate", "amass"})
_SET_TO = frozenset({"at", "to", "by", "from"})


def _phrase(head: Token, exclude: set[int], singular: bool = False) -> str:
    """A short noun phrase: modifiers (compound/amod) + head (optionally singular)."""
    mods = [c for c in head.lefts if c.dep_ in _NP_MODS and c.i not in exclude
            and c.tag_ not in {"VBG", "VBN"} and not c.like_num and c.lower_ not in _NOT_A_MEASURE
            and c.ent_type_ not in _NAMES and not c.is_punct]
    words = [m.text for m in mods] + [head.lemma_ if singular else head.text]
    return " ".join(words)


def _usable(head: Token, exclude: set[int]) -> bool:
    """A noun that can name a measure: a common noun, not a unit, time word or name."""
    if head.i in exclude or head.pos_ not in {"NOUN", "PROPN"} or head.like_num:
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in _NAMES | {"TIME", "PERCENT", "QUANTITY"}:
        return False
    low = head.lower_
    if low in _NEEDS_MODIFIER or head.lemma_.lower() in _NEEDS_MODIFIER:
        return any(c.dep_ in _NP_MODS and c.i not in exclude for c in head.lefts)
    return low not in _NOT_A_MEASURE and head.lemma_.lower() not in _NOT_A_MEASURE


def _named(head: Token, exclude: set[int]) -> str | None:
    return _phrase(head, exclude) if _usable(head, exclude) else None


def measure(figure: Span, unit: str, kind: str) -> str | None:
    """What a figure measures (see the module docstring), or None."""
    exclude = {t.i for t in figure}
    last, root = figure[-1], figure.root
    for tok in (last, root):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and (found := _named(obj, exclude)):
                        return found
    head = root.head
    if root.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod"} \
            and (found := _named(head, exclude)):
        return found
    if root.dep_ in {"pobj", "npadvmod"} and head.lower_ in {"of", "worth", "at", "around"}:
        owner = head.head
        if owner.pos_ in {"NOUN", "PROPN"} and (found := _named(owner, exclude)):
            return found
    if root.dep_ == "pobj" and head.lower_ in _SET_TO:
        verb = head.head
        if verb.lemma_.lower() == "value":
            return "value"
        if verb.pos_ == "NOUN" and (found := _named(verb, exclude)):
            return found  # "in profit by over $350 million"
        for prep in verb.children:  # "remain in profit by ...": the state it is in
            if prep.dep_ == "prep" and prep is not head and prep.lower_ == "in":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and (found := _named(obj, exclude)):
                        return found
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and (found := _named(child, exclude)):
                return found
    found = _reached(root, exclude) or _from_verb(root, exclude, unit, kind)
    if found is None and kind == "count" and unit:
        return f"number of {unit}"
    return found


def _reached(root: Token, exclude: set[int]) -> str | None:
    """The subject of a verb of reaching ("the immigrant population reaches 78 million",
    "inflation hit a record high of 9%"): what grew or fell to the figure."""
    tok = root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PEAKS:
        tok = root.head.head  # "a record high of 51 million"
    verb = tok.head
    if tok.dep_ not in {"dobj", "attr"} or verb.lemma_.lower() not in _REACH:
        return None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and (found := _named(child, exclude)):
            return found
    return None


def _from_verb(root: Token, exclude: set[int], unit: str, kind: str) -> str | None:
    """The measure a governing verb implies ("holds 6,240 BTC" -> BTC holdings)."""
    verb = root.head if root.dep_ in {"dobj", "nsubj", "attr", "dative", "oprd"} else None
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = verb.lemma_.lower()
    if lemma in _HOLD or verb.lower_ in {"holds", "held", "owns", "owned", "has"}:
        if root.dep_ != "nsubj":
            return f"{unit} holdings" if kind == "crypto" else "holdings"
        for obj in verb.children:
            if obj.dep_ == "dobj" and _usable(obj, exclude):
                return f"{_phrase(obj, exclude, singular=True)} holders"
        return None
    for key in (lemma, verb.lower_.removesuffix("d").removesuffix("e")):
        if key in _VERB_NOUNS and root.dep_ in {"dobj", "dative", "oprd"}:
            return _VERB_NOUNS[key]
    if verb.lower_ in {"fined", "fines"}:
        return "fine"
    return None
