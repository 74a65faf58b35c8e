"""A crypto asset owns its market price: "Bitcoin's value rose to $70,000", "pushed bitcoin below
$90,000", "BTC traded at $104,000"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from bot.nlp.attribution.words import ASSETS, PRICE_NOUNS, PRICE_VERBS, verb_lemma

_GENERIC = frozenset({"cryptocurrency", "crypto", "coin", "token", "cryptoasset"})
_ASSET_KINDS = frozenset({"digital", "crypto", "virtual"})  # "the flagship digital asset"


def _one_coin(tok: Token) -> bool:
    """A singular noun naming a kind of coin ("crypto" is often tagged a plural)."""
    lemma = tok.lemma_.lower()
    singular = tok.tag_ == "NN" or (tok.tag_ == "NNS" and not tok.lower_.endswith("s")) or (
        tok.tag_ == "JJ" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"})  # "The token"
    if lemma == "asset":
        return singular and any(c.dep_ in {"amod", "compound"} and c.lower_ in _ASSET_KINDS
                                for c in tok.children)
    return singular and lemma in _GENERIC


def described_asset(tok: Token) -> str | None:
    """ "the world's largest cryptocurrency", "the leading crypto", "the coin", "the flagship
    digital asset": the asset the article names most, when it names one (a definite
    description of one coin, not "cryptocurrencies")."""
    if not _one_coin(tok):
        return None
    near = [*tok.children, *(g for c in tok.children if c.dep_ in {"nmod", "compound"}
                             for g in c.children)]  # "the world's flagship digital asset"
    if not any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "any", "some", "no"}
               for c in near):
        return None
    return main_asset(tok.doc)


def pronoun_asset(tok: Token) -> str | None:
    """"Bitcoin rose 3%. Analysts expect it to reach $200,000": "it" is the asset when the
    last singular subject before it (this sentence or the one before; people and plurals
    left out, as "it" cannot be them) is one."""
    if tok.lower_ != "it":
        return None
    sent = tok.sent
    lo = tok.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for cand in reversed(tok.doc[lo:tok.i]):
        if cand.dep_ not in {"nsubj", "nsubjpass"} or cand.pos_ == "PRON" or \
                cand.tag_ in {"NNS", "NNPS"} or cand.ent_type_ == "PERSON":
            continue
        return ASSETS.get(cand.lower_) or described_asset(cand)
    return None


def main_asset(doc: Doc) -> str | None:
    """The crypto asset a document names most (cached on the doc)."""
    if "main_asset" not in doc.user_data:
        counts = Counter(ASSETS[t.lower_] for t in doc if t.lower_ in ASSETS)
        doc.user_data["main_asset"] = counts.most_common(1)[0][0] if counts else None
    found = doc.user_data["main_asset"]
    return found if isinstance(found, str) else None


def asset_price(head: Token, noun: Token, figure: Span) -> str | None:
    """The asset whose market price the figure is, if it is one (money only)."""
    def asset(tok: Token | None) -> str | None:
        if tok is None:
            return None
        return ASSETS.get(tok.lower_) or described_asset(tok) or pronoun_asset(tok)

    quoted = quoted_at(head, asset) or _copula(head, asset) or _worth_each(head, asset)
    if quoted:
        return quoted
    nouns = [noun]
    if head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":  # "an increase in X's value to"
        nouns.append(head.head.head)
    for cand in list(nouns):
        for child in cand.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "of"}:
                nouns += [o for o in child.children if o.dep_ == "pobj"]
    for cand in nouns:
        if cand.lemma_.lower() not in PRICE_NOUNS and cand.lower_ not in PRICE_NOUNS:
            continue
        if cand.lower_ == "price" and cand.dep_ == "pobj" and cand.head.lower_ == "at":
            # "bought 10,000 bitcoins at a price of $60,000": the unit price of the object
            buying = cand.head.head
            found = next((asset(c) for c in buying.children if c.dep_ == "dobj" and asset(c)),
                         None)
            if found:
                return found
        for child in cand.children:
            if child.dep_ in {"poss", "compound", "nmod", "amod"} and asset(child):
                return asset(child)
            if child.dep_ == "prep" and child.lower_ == "of":
                found = next((asset(o) for o in child.children if o.dep_ == "pobj"), None)
                if found:
                    return found
    verb = governing_verb(noun if noun.i != head.i else head)
    if verb is None:
        return None
    inner = verb_lemma(verb) in PRICE_VERBS or verb.lower_ in PRICE_VERBS
    # the clause above only when this verb is one of price too: "rose, hitting $100,000", not
    # "sold 2,500 BTC ..., realising a $50 million loss" (the seller's loss)
    parent = verb.head if verb.dep_ in {"xcomp", "advcl"} and inner else None
    for node in (verb, parent):
        if node is None or not (verb_lemma(node) in PRICE_VERBS or node.lower_ in PRICE_VERBS
                                or inner):
            continue
        for child in node.children:
            if child.dep_ in {"nsubj", "dobj", "nsubjpass"} and child.i not in \
                    range(figure.start, figure.end):
                if asset(child):
                    return asset(child)
                if child.lemma_.lower() in PRICE_NOUNS:  # "Bitcoin's price fell to"
                    found = next((asset(c) for c in child.children
                                  if c.dep_ in {"poss", "compound"} and asset(c)), None)
                    found = found or next((asset(o) for c in child.children  # "prices of
                                           if c.dep_ == "prep" and c.lower_ == "of"  # the coin"
                                           for o in c.children if o.dep_ == "pobj"
                                           and asset(o)), None)
                    if found:
                        return found
    return None


_LEVEL_PREPS = frozenset({"at", "above", "below", "near", "around", "over", "under"})


def quoted_at(head: Token, asset: Callable[[Token | None], str | None]) -> str | None:
    """An asset quoted at a level: "with bitcoin at $100,000", "bitcoin, priced at $90,000";
    not a number of coins valued at a sum."""
    if head.dep_ != "pobj" or head.head.lower_ not in _LEVEL_PREPS:
        return None
    gov = head.head.head
    if asset(gov):
        return asset(gov)
    if gov.pos_ == "VERB" and gov.dep_ in {"acl", "amod"} and gov.lower_ in {
            "priced", "valued", "trading", "quoted", "selling"}:
        if any(c.dep_ == "nummod" for c in gov.head.children):
            return None  # "6,190 BTC, valued at $650 million": a holding's value, the holder's
        return asset(gov.head)
    return None


def _copula(head: Token, asset: Callable[[Token | None], str | None]) -> str | None:
    """An asset said to be at a level: "when BTC was around $45,000", "bitcoin is $100,000"."""
    gov = head.head
    if head.dep_ == "pobj" and head.head.lower_ in _LEVEL_PREPS:
        gov = head.head.head
    elif head.dep_ not in {"attr", "acomp"}:
        return None
    if gov.lemma_.lower() != "be":
        return None
    return next((asset(c) for c in gov.children if c.dep_ == "nsubj" and asset(c)), None)


def _worth_each(head: Token, asset: Callable[[Token | None], str | None]) -> str | None:
    """One coin's worth: "each coin worth about $100,000", "one bitcoin, worth $90,000"; not
    a holding's ("12,000 bitcoins worth $1.2 billion" is the holder's)."""
    worth = head.head if head.dep_ in {"npadvmod", "pobj", "dobj"} else None
    if worth is None or worth.lower_ != "worth":
        return None
    coins = [worth.head, *(c for c in worth.children if c.dep_ == "nsubj")]
    if worth.dep_ == "acomp":  # "a single bitcoin is now worth $100,000"
        coins += [c for c in worth.head.children if c.dep_ == "nsubj"]
    for coin in coins:
        if coin.i != worth.i and coin.tag_ in {"NN", "NNP"} and asset(coin) and not any(
                c.dep_ == "nummod" for c in coin.children):
            return asset(coin)
    return None


def governing_verb(tok: Token) -> Token | None:
    """The verb a figure hangs from, up through prepositions and their objects."""
    node = tok.head
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"}:
            return node
        if node.head.i == node.i or (node.dep_ not in {"prep", "pobj", "agent", "dative"} \
                and node.pos_ != "ADP"):
            return None
        node = node.head
    return None
