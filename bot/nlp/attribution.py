"""Who a figure is about, from the dependency parse, with light coreference and fallbacks.

For each figure, in order of strength:
1. a name the figure stands in brackets after ("China (65%)");
2. the owner of the noun the figure quantifies: its possessor or its "of/for/in/to" object
   ("Kazakhstan's reserves", "5% of the bank's reserves", "a $1.4bn loan to El Salvador");
3. the subject of the nearest clause above it that names one ("Pakistan has allocated
   2,000 MW"), where the payer of a fine and the recipient of a loan beat the one who imposes
   or lends it; people quoted with a reporting verb are skipped;
4. the nearest other name in the sentence that is not a person, a quoted source or one of the
   things the figure counts;
5. the article's main subject (the place or organisation it names most, the title's names
   counting double), then the subject of the previous sentence.

"The country", "the bank", "its" resolve through `bot.nlp.coref`. A person keeps a figure only
when it is theirs ("Shamo's 513 bitcoin"); otherwise the figure goes to the organisation or
country their role is in, else to the article's main subject. Each figure is also listed under
the other entities the sentence ties it to, with the relation (`Attribution.also`): "imposer"
(of a fine), "lender" (of a loan), "agent" (a passive's "by"), "country" (the place an
organisation's name contains).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.domain.models import Role
from bot.nlp.coref import Mentions, definite_referent
from bot.nlp.entities import EntityIndex
from bot.nlp.lexicon import DEMONYMS

_SUBJ = frozenset({"nsubj", "nsubjpass"})
_OWNED = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "LAW"})
_CLAUSE = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT"})
_NOUN_MODS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "appos"})
_OWNER_PREPS = frozenset({"of", "for", "in", "to", "on", "at"})
REPORTING = frozenset({
    "say", "tell", "add", "note", "state", "claim", "estimate", "announce", "reveal", "explain",
    "warn", "predict", "believe", "argue", "expect", "report", "write", "confirm", "stress",
    "insist", "suggest", "indicate", "emphasise", "emphasize", "highlight", "mention",
    "disclose", "declare", "tweet", "post", "describe", "call", "think", "project", "forecast",
})
IMPOSE = frozenset({"fine", "penalise", "penalize", "sanction", "order", "impose", "levy",
                    "charge", "sue", "seek"})
LEND = frozenset({"lend", "loan", "grant", "disburse", "approve", "provide", "give", "extend",
                  "award", "offer", "send", "transfer", "pay"})
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


_KNOWN_VERBS = REPORTING | IMPOSE | LEND
# A crypto asset owns its market price: "Bitcoin's value rose to $70,000", "pushed bitcoin below
# $90,000", "BTC traded at $104,000". Canonical names of the assets, by the words for them.
ASSETS = {"bitcoin": "Bitcoin", "bitcoins": "Bitcoin", "btc": "Bitcoin", "ether": "Ether",
          "ethereum": "Ether", "eth": "Ether", "solana": "Solana", "xrp": "XRP",
          "dogecoin": "Dogecoin"}
PRICE_NOUNS = frozenset({"price", "value", "valuation", "cap", "capitalisation",
                         "capitalization", "high", "low", "record", "level", "peak", "worth",
                         "barrier", "mark", "threshold", "milestone"})
PRICE_VERBS = frozenset({"hit", "rise", "rose", "risen", "fall", "fell", "fallen", "climb",
                         "trade", "reach", "surge", "drop", "push", "top", "cross", "jump",
                         "slip", "slide", "tumble", "soar", "plunge", "sink", "recover",
                         "rally", "dip", "crash", "break", "hover", "stand", "sell", "cost",
                         "crashed", "broke", "traded", "surpass", "exceed"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """The figure's subject and the other entities it is listed under, with the relation."""

    subject: str | None
    also: tuple[tuple[str, str], ...] = ()


class Attributor:
    """Resolves subjects of figures in one parsed article (see the module docstring)."""

    def __init__(self, doc: Doc, index: EntityIndex, roles: dict[str, list[Role]],
                 title: str = "") -> None:
        self.doc = doc
        self.index = index
        self.mentions = Mentions(doc, index)
        self.org_of = _person_orgs(index, roles)
        self.main = main_subject(index, self.mentions, title, doc=doc)
        self.main_place = main_subject(index, self.mentions, title, kinds=frozenset({"GPE"}),
                                       doc=doc)
        self.country_in = _countries_in_names(index)
        self._sent_starts = [sent.start for sent in doc.sents]
        self.acronyms = _acronyms(index)

    # -- names ---------------------------------------------------------------------------
    def entity(self, tok: Token, labels: frozenset[str] = _OWNED) -> str | None:
        """The canonical name at a token (a nationality word as its country; an acronym the
        article defines even where the model missed it; "the Bank" as the bank meant)."""
        name = self.index.at(tok.i)
        if name is None:
            name = self.acronyms.get(tok.text)
            return name if name is not None and self.index.label(name) in labels else None
        if name.casefold() in GENERIC_ORG_NAMES:
            return self.mentions.headed_before(tok.i, name.casefold(), frozenset({name}))
        label = self.index.label(name)
        if label not in labels:
            return None
        if label == "NORP":  # a nationality stands for its country; "European" for nothing
            return DEMONYMS.get(name)
        return name

    def resolve(self, tok: Token, depth: int = 0) -> str | None:
        """The entity a noun phrase headed by `tok` stands for: a name in it ("the Bukele
        government", "transactions in Japan"), a pronoun bound by its clause's subject, or a
        definite description ("the country", "the bank")."""
        name = self.entity(tok)
        if name is not None:
            return name
        if depth > 2:
            return None
        if tok.lower_ in {"its", "their", "it", "they"}:
            bound = self._binder(tok)
            if bound is not None:
                return bound
        for child in tok.children:
            if child.dep_ in {"poss", "compound", "amod", "appos"}:
                found = self.resolve(child, depth + 1)
                if found is not None:
                    return found
        ref = definite_referent(tok, self.mentions, self.main_place, self._recent(tok))
        if ref is not None:
            return ref
        for child in tok.children:  # "transactions in Japan", "operations of the bank"
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "at"} \
                    and tok.pos_ in {"NOUN", "PROPN"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self.resolve(obj, depth + 1)
                        if found is not None:
                            return found
        return None

    def _binder(self, pronoun: Token) -> str | None:
        """What "its"/"their" refers to: the subject of the nearest clause above it, when
        that names an organisation or place ("Pakistan launched the PDAA, an agency set up to
        oversee its $25 billion crypto economy" -> Pakistan)."""
        node = pronoun.head
        for _ in range(MAX_CLIMB):
            if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
                subj = next((c for c in node.children if c.dep_ in _SUBJ), None)
                if subj is not None and pronoun not in subj.subtree \
                        and subj.lower_ not in {"it", "its", "they", "their", "which", "that"}:
                    found = self.resolve(subj, 1)
                    if found is not None and self.label(found) in {"ORG", "GPE", "NORP"}:
                        return found
                    if found is not None:
                        return None
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _recent(self, tok: Token) -> int:
        """The first token of the sentence two before `tok`'s (how far "recent" reaches)."""
        starts = self._sent_starts
        k = max(0, bisect_right(starts, tok.i) - 3)
        return starts[k] if starts else 0

    def label(self, name: str) -> str:
        """The entity's label ("GPE" for a country reached through a nationality word)."""
        if name in self.index.labels:
            return self.index.label(name)
        return "GPE"

    # -- the steps ------------------------------------------------------------------------
    def _chamber(self, figure: Span) -> str | None:
        """The legislature or committee that voted: one named in the sentence, else the last
        one named before ("cleared the Arizona House in a 34-22 vote", "passed by 68-30")."""
        best: tuple[int, str] | None = None
        for tok in figure.sent:
            name = self.entity(tok, frozenset({"ORG"}))
            if name is not None and any(w in name.casefold().split() for w in CHAMBER_WORDS):
                dist = min(abs(tok.i - figure.start), abs(tok.i - figure.end + 1))
                if best is None or dist < best[0]:
                    best = (dist, name)
        if best is not None:
            return best[1]
        return self.mentions.before(figure.start, frozenset({"ORG"}), CHAMBER_WORDS)

    @staticmethod
    def _money(figure: Span) -> bool:
        return any(t.ent_type_ == "MONEY" or t.text in {"$", "€", "£"} for t in figure)

    def _bracketed(self, figure: Span) -> str | None:
        """ "China (65%)": the name right before the bracket that holds the figure."""
        i = figure.start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 1 or self.doc[i].text != "(":
            return None
        return self.entity(self.doc[i - 1])

    def _asset_price(self, head: Token, noun: Token, figure: Span) -> str | None:
        """The asset whose market price the figure is, if it is one (money only)."""
        def asset(tok: Token | None) -> str | None:
            return ASSETS.get(tok.lower_) if tok is not None else None

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
            for child in cand.children:
                if child.dep_ in {"poss", "compound", "nmod", "amod"} and asset(child):
                    return asset(child)
                if child.dep_ == "prep" and child.lower_ == "of":
                    found = next((asset(o) for o in child.children if o.dep_ == "pobj"), None)
                    if found:
                        return found
        verb = self._governing_verb(noun if noun.i != head.i else head)
        if verb is None:
            return None
        for node in (verb, verb.head if verb.dep_ in {"xcomp", "advcl"} else None):
            if node is None or not (verb_lemma(node) in PRICE_VERBS or node.lower_ in PRICE_VERBS
                                    or verb_lemma(verb) in PRICE_VERBS):
                continue
            for child in node.children:
                if child.dep_ in {"nsubj", "dobj", "nsubjpass"} and child.i not in \
                        range(figure.start, figure.end):
                    if asset(child):
                        return asset(child)
                    if child.lemma_.lower() in PRICE_NOUNS:  # "Bitcoin's price fell to"
                        found = next((asset(c) for c in child.children
                                      if c.dep_ in {"poss", "compound"} and asset(c)), None)
                        if found:
                            return found
        return None

    @staticmethod
    def _governing_verb(tok: Token) -> Token | None:
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

    def _quantified(self, head: Token, figure: Span) -> Token:
        """The noun a figure measures: "$3bn budget" -> budget, "reserves of $X" -> reserves."""
        if head.dep_ in _NOUN_MODS and head.head.i not in range(figure.start, figure.end) \
                and head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" \
                and head.head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head.head
        return head

    def _owner(self, noun: Token, figure: Span) -> tuple[str | None, str]:
        """(owner, relation) of the quantified noun: possessor, then its "of/for/in/to" object."""
        inside = range(figure.start, figure.end)
        for child in noun.children:
            if child.dep_ == "poss" and child.i not in inside:
                found = self.resolve(child)
                if found is not None:
                    return found, "possessor"
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i not in inside:
                found = self.entity(child)
                if found is not None:
                    return found, "possessor"
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in inside:
                        found = self.resolve(obj)
                        if found is not None:
                            return found, "of"
        return None, ""

    def _clause(self, head: Token, figure: Span) -> tuple[str | None, list[tuple[str, str]]]:
        """The subject of the nearest clause that names one; the payer of a fine and the
        recipient of a loan first. Returns (subject, [(other entity, relation)]).

        On the way up, a noun's possessor counts ("Bit Trade's request to limit the fine to
        $2.5 million"), "which"/"that" stand for the noun they describe, and an infinitive
        takes its subject from the governing verb's object ("led the country to control 27%").
        """
        inside = range(figure.start, figure.end)
        node, reported = head, False
        for _ in range(MAX_CLIMB):
            if node.pos_ in {"NOUN", "PROPN"} and node.i not in inside:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                found = self.resolve(owner) if owner is not None else None
                if found is not None:
                    return found, []
            if (node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT") and not (
                    reported and verb_lemma(node) in REPORTING):
                name, also = self._verb_subject(node, inside)
                if name is not None:
                    return name, also
            if node.head.i == node.i:
                break
            # a figure inside what someone says: the sayer is the source, not the owner
            reported = node.dep_ in {"ccomp", "parataxis", "xcomp"} or (
                reported and node.dep_ in {"conj", "advcl"})
            node = node.head
        return None, []

    def _verb_subject(self, verb: Token, inside: range) -> tuple[str | None, list[tuple[str, str]]]:
        subj = next((c for c in verb.children if c.dep_ in _SUBJ and c.i not in inside), None)
        if subj is not None and subj.lower_ in {"which", "that", "who"} \
                and verb.dep_ == "relcl":
            subj = verb.head  # "the Marshals Service, which sold 30,000 bitcoins"
        if subj is None and verb.dep_ == "xcomp":  # object control, else subject control
            subj = next((c for c in verb.head.children if c.dep_ == "dobj"), None) or next(
                (c for c in verb.head.children if c.dep_ in _SUBJ), None)
        name = self.resolve(subj) if subj is not None else None
        lemma = verb_lemma(verb)
        if name is not None and lemma in REPORTING and self.label(name) == "PERSON":
            name = None  # "…, Saqib said": the speaker is not the owner
        also: list[tuple[str, str]] = []
        agent = self._agent(verb)
        if agent is not None:
            also.append((agent, "imposer" if lemma in IMPOSE else "agent"))
        if lemma in IMPOSE or lemma in LEND:
            other = self._object(verb, inside)
            if other is not None and other != name:
                if name is None:
                    return other, also
                relation = "imposer" if lemma in IMPOSE else "lender"
                return other, [(name, relation), *also]
        return name, also

    def _agent(self, verb: Token) -> str | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.resolve(obj)
        return None

    def _object(self, verb: Token, inside: range) -> str | None:
        """Who a fine or a loan is for: the direct/indirect object, or a "to/for" object."""
        for child in verb.children:
            if child.dep_ in {"dobj", "dative", "iobj"} and child.i not in inside:
                found = self.resolve(child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in {"to", "for", "on"}:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in inside:
                        found = self.resolve(obj)
                        if found is not None:
                            return found
        return None

    def _nearest(self, figure: Span, noun: Token) -> str | None:
        """The closest name in the sentence that is not a person, a quoted source ("according
        to", "a Bloomberg report", "told the Post") or one of the things the figure counts
        ("four banks — State Bank of India, ..."); a name in an argument position beats one
        in a place adjunct ("in Manhattan", a "WASHINGTON –" dateline)."""
        members = _members(noun) | set(range(figure.start, figure.end))
        best: tuple[tuple[int, int], str] | None = None
        sent = figure.sent
        window = self.doc[max(sent.start, figure.start - NEAR_WINDOW):
                          min(sent.end, figure.end + NEAR_WINDOW)]
        for tok in window:
            if tok.i in members:
                continue
            name = self.entity(tok, _CLAUSE)
            if name is None or self.label(name) == "PERSON" or _is_source(tok):
                continue
            dist = min(abs(tok.i - figure.start), abs(tok.i - figure.end + 1))
            key = (int(_adjunct_place(tok, self.label(name))), dist)
            if best is None or key < best[0]:
                best = (key, name)
        return best[1] if best else None

    # -- the answer -----------------------------------------------------------------------
    def attribute(self, figure: Span, previous: str | None,
                  hint: str | None = None) -> Attribution:
        """The subject of a figure and the other entities it is listed under (`hint`: what
        the text says it measures, e.g. "votes in favour")."""
        head = figure.root
        also: list[tuple[str, str]] = []
        if hint and hint.startswith("votes"):
            chamber = self._chamber(figure)
            if chamber is not None:
                return Attribution(chamber)
        subject = self._bracketed(figure)
        personal = False
        noun = self._quantified(head, figure)
        if subject is None and self._money(figure):
            subject = self._asset_price(head, noun, figure)
            if subject is not None:
                return Attribution(subject)
        if subject is None:
            subject, how = self._owner(noun, figure)
            if subject is None and noun is not head:
                subject, how = self._owner(head, figure)
            personal = subject is not None and how == "possessor" \
                and any(c.dep_ == "poss" for c in noun.children)
        if subject is None:
            subject, also = self._clause(head, figure)
        if subject is None:
            subject = self._nearest(figure, noun) or self.main or previous
        personal = personal or _personal(noun)
        if subject is not None and self.label(subject) == "PERSON" and not personal:
            subject = self.org_of.get(subject) or self.main or subject
        return Attribution(subject, tuple(self._related(subject, also)))

    def _related(self, subject: str | None, also: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, relation in also:
            if name != subject and name not in {n for n, _ in out}:
                out.append((name, relation))
        country = self.country_in.get(subject or "")
        if country and country != subject and country not in {n for n, _ in out}:
            out.append((country, "country"))
        return out

    def sentence_subject(self, sent: Span) -> str | None:
        """The named subject of a sentence's main clause (people as their organisation)."""
        subj = next((c for c in sent.root.children if c.dep_ in _SUBJ), None)
        name = self.resolve(subj) if subj is not None else None
        if name is not None and self.label(name) == "PERSON":
            return self.org_of.get(name)
        return name


_SOURCE_NOUNS = frozenset({"report", "data", "study", "survey", "analysis", "estimate",
                           "estimates", "research", "figures", "statement", "interview"})


_SOURCE_VERBS = frozenset({"compile", "publish", "report", "cite", "quote", "tell",
                           "reveal", "collect"})


def _is_source(tok: Token, speakers: bool = True, depth: int = 3) -> bool:
    """A name quoted as a source: "according to X", "as per a X report", "told X", "data
    compiled by X", and (with `speakers`) "X said"; `depth` is how far up the name's phrase
    the cue may be ("according to a statement from X" is 2 up)."""
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
                and verb_lemma(node.head.head) in _SOURCE_VERBS:
            return True
        if node.dep_ in {"compound", "poss"} and node.head.lemma_.lower() in _SOURCE_NOUNS:
            return True
        if speakers and node.dep_ in _SUBJ and verb_lemma(node.head) in REPORTING:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


_MINOR_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "on"})


def _acronyms(index: EntityIndex) -> dict[str, str]:
    """{acronym: name}: the acronyms the article uses for its entities, and the initials of
    its organisations' names ("CNB" for Czech National Bank), where only one name has them."""
    out: dict[str, str] = {}
    initials: dict[str, set[str]] = {}
    for name, forms in index.surfaces.items():
        for form in forms:
            if 2 <= len(form) <= 8 and form.isupper() and form.isalpha():
                out[form] = name
        if index.label(name) == "ORG":
            words = [w for w in name.split() if w.lower() not in _MINOR_WORDS]
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                initials.setdefault("".join(w[0] for w in words), set()).add(name)
    for letters, names in initials.items():
        if len(names) == 1 and letters not in out:
            out[letters] = next(iter(names))
    return out


def _adjunct_place(tok: Token, label: str) -> bool:
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


def _members(noun: Token) -> set[int]:
    """Tokens of the things listed as what a noun counts: its appositions and conjuncts, and
    "including ..." ("four banks — A, B and C"; "200 companies, including Binance")."""
    out: set[int] = set()
    for child in noun.children:
        if child.dep_ in {"appos", "conj"} or (child.dep_ == "prep" and child.lower_ in
                                                {"including", "like", "such"}):
            out.update(t.i for t in child.subtree)
    return out


# What a person has for themselves, not for their office: "her $3 million salary", "agreed to
# pay a $10,000 fine", "8 million followers".
PERSONAL_NOUNS = frozenset({"salary", "pay", "compensation", "bonus", "fortune", "wealth",
                            "worth", "earnings", "income", "fine", "bail", "penalty", "followers",
                            "pension", "savings", "donation", "donations", "stake", "shares",
                            "votes", "children", "sentence", "damages"})


def _personal(noun: Token) -> bool:
    return noun.lemma_.lower() in PERSONAL_NOUNS or noun.lower_ in PERSONAL_NOUNS


def _person_orgs(index: EntityIndex, roles: dict[str, list[Role]]) -> dict[str, str]:
    """{person: the organisation or country of their role} (an organisation first)."""
    out: dict[str, str] = {}
    for name, rs in roles.items():
        orgs = [r.org for r in rs if r.org and r.org in index.labels]
        orgs.sort(key=lambda o: index.label(o) != "ORG")
        if orgs:
            out[name] = orgs[0]
    return out


def main_subject(index: EntityIndex, mentions: Mentions, title: str = "",
                 kinds: frozenset[str] = frozenset({"GPE", "ORG"}),
                 doc: Doc | None = None) -> str | None:
    """The organisation or place (of `kinds`) an article is most about: mentions, with the
    title's names counting double (people do not qualify: their figures are their
    organisation's; a name quoted as a source, "according to X", counts half)."""
    score: dict[str, float] = Counter()
    for m in mentions.items:
        if m.label in kinds:  # a name quoted as a source ("according to X") counts half
            quoted = doc is not None and _is_source(doc[m.start], speakers=False, depth=1)
            score[m.name] += 0.5 if quoted else 1
    low = title.casefold()
    for name in list(score):
        forms = {name, *index.surfaces.get(name, ())}
        if low and any(f and f.casefold() in low for f in forms):
            score[name] += 2
    if not score:
        return None
    return min(score, key=lambda n: (-score[n], _first(mentions, n)))


def _first(mentions: Mentions, name: str) -> int:
    return next((m.start for m in mentions.items if m.name == name), 1 << 30)


def _countries_in_names(index: EntityIndex) -> dict[str, str]:
    """{organisation: the place its name contains} ("Central Bank of Nigeria" -> Nigeria),
    for places the article names as entities."""
    places = {n for n in index.labels if index.label(n) in {"GPE"}}
    places |= {DEMONYMS[n] for n in index.labels if n in DEMONYMS and DEMONYMS[n] in places}
    out: dict[str, str] = {}
    for name in index.labels:
        if index.label(name) != "ORG":
            continue
        words = f" {name} "
        for place in places:
            if place != name and f" {place} " in words:
                out[name] = place
                break
        else:
            for word in name.split():
                country = DEMONYMS.get(word)
                if country in places:
                    out[name] = country
                    break
    return out
