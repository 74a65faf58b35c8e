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
5. who acted in the sentence before (its main verb's subject, not a sayer's);
6. the article's main subject (the place or organisation it names most, the title's names
   counting double), then the subject of the previous sentence.

"The country", "the bank", "its" resolve through `bot.nlp.coref`. A person keeps a figure only
when it is theirs ("Shamo's 513 bitcoin", "her Twitter audience"); otherwise the figure goes to
the organisation or country their role is in, and stays with the person when they have none
("Noel was charged with five counts"). Each figure is also listed under
the other entities the sentence ties it to, with the relation (`Attribution.also`): "imposer"
(of a fine), "lender" (of a loan), "agent" (a passive's "by"), "country" (the place an
organisation's name contains).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.nlp.attribution.context import row_label
from bot.nlp.attribution.misparse import misparsed_actor
from bot.nlp.attribution.price import asset_price
from bot.nlp.attribution.resolver import Resolver
from bot.nlp.attribution.words import (
    ACQUIRE_VERBS,
    ASSETS,
    CHAMBER_WORDS,
    CHANGE_VERBS,
    CLAUSE,
    IMPOSE,
    INSTITUTION_NOUNS,
    LEND,
    MAX_CLIMB,
    MEMBER_NOUNS,
    NEAR_WINDOW,
    NOUN_MODS,
    OWNER_PREPS,
    PAY,
    REPORTING,
    SHARE_VERBS,
    SOURCE_VERBS,
    STAKE_NOUNS,
    SUBJ,
    adjunct_place,
    example_of_many,
    in_dateline,
    is_percent,
    is_personal,
    is_rate_or_sum,
    is_source,
    lender_named,
    listed_members,
    national_aggregate,
    possessor_in,
    verb_lemma,
    where_said,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """The figure's subject and the other entities it is listed under, with the relation."""

    subject: str | None
    also: tuple[tuple[str, str], ...] = ()


class Attributor(Resolver):
    """Resolves subjects of figures in one parsed article (see the module docstring)."""

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

    def _bracketed(self, figure: Span) -> str | None:
        """ "China (65%)": the name right before the bracket that holds the figure; and a
        table's row, a line of a name and its figure alone ("Argentina 121 TWh")."""
        i = figure.start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i >= 1 and self.doc[i].text == "(":
            return self.entity(self.doc[i - 1])
        label = row_label(figure, self.index)
        return self.entity(label) if label is not None else None

    def _quantified(self, head: Token, figure: Span) -> Token:
        """The noun a figure measures: "$3bn budget" -> budget, "reserves of $X" -> reserves."""
        if head.dep_ in NOUN_MODS and head.head.i not in range(figure.start, figure.end) \
                and head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" \
                and head.head.head.pos_ in {"NOUN", "PROPN"}:
            return head.head.head
        verb = head.head.head
        if head.dep_ == "pobj" and head.head.lower_ in {"to", "from", "by"} \
                and verb.pos_ == "VERB" and verb.lemma_.lower() in CHANGE_VERBS:
            # "reduce Ripple's penalty to $50 million": the figure is the object's new size
            obj = next((c for c in verb.children if c.dep_ == "dobj"
                        and c.i not in range(figure.start, figure.end)), None)
            if obj is not None and obj.pos_ in {"NOUN", "PROPN"}:
                return obj
        return head

    def _owner(self, noun: Token, figure: Span, counted: bool = True) -> tuple[str | None, str]:
        """(owner, relation) of the quantified noun: possessor, then its "of/for/in/to" object;
        with `counted`, a place among the counted noun's modifiers ("12 Nigerian banks")."""
        inside = range(figure.start, figure.end)
        named = self.named_after(noun) if noun.i not in inside else None
        if named is not None:  # "Argentina's securities regulator CNV": CNV, not Argentina
            return named, "possessor"
        acting = misparsed_actor(noun, inside, self.entity, self.label)
        if acting is not None:
            return acting, "possessor"
        for child in noun.children:
            if child.dep_ == "poss" and child.i not in inside:
                found = self.resolve(child) or ASSETS.get(child.lower_)
                if found is not None:  # "Bitcoin's 130% returns": an asset owns its returns
                    return found, "possessor"
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i not in inside:
                found = self.entity(child)
                if found is not None:
                    return found, "possessor"
        held = "in" if noun.lemma_.lower() in STAKE_NOUNS else None  # "shares in X": X is held
        if not counted and noun.i in inside and noun.dep_ == "dobj" \
                and verb_lemma(noun.head) in ACQUIRE_VERBS:
            held = "of"  # "bought $5 million of IBIT": IBIT is bought
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS and child.lower_ != held:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in inside:
                        found = self.resolve(obj)
                        if found is not None and not (
                                child.lower_ == "in" and not counted and noun.i in inside
                                and self.label(found) == "ORG"):
                            return found, "of"  # not "$120 billion in US Treasuries"
        if noun.i in inside and (noun.pos_ == "NOUN" or noun.tag_ == "NNPS") and counted:
            found = self._counted_owner(noun)
            if found is not None:
                return found, "possessor"
        return None, ""

    def _counted_owner(self, noun: Token) -> str | None:
        """Whose counted things are: a nationality or place among the modifiers ("12 Nigerian
        banks"), or an organisation whose people they are ("two Binance executives"); not a
        kind of thing ("two Senate bills", "five Olympic sports"); nationals counted by their
        nationality are their country's ("2.3 million South Koreans")."""
        own = self.entity(noun, CLAUSE) if noun.tag_ == "NNPS" else None
        if own is not None and self.label(own) == "GPE":
            return own
        for child in noun.children:
            if child.dep_ not in {"compound", "amod"} or child.i > noun.i \
                    or child.lower_ in ASSETS:
                continue
            found = self.entity(child, CLAUSE)
            if found is None:
                continue
            label = self.label(found)
            if label == "GPE" or (label == "ORG" and noun.lemma_.lower() in MEMBER_NOUNS):
                return found
        return None

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
            if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
                name, also = self._verb_subject(node, inside)
                if name is not None and not (reported and verb_lemma(node) in REPORTING
                                             and not self._own_statement(name, node)):
                    return name, also
            if node.head.i == node.i:
                break
            # a figure inside what someone says: the sayer is the source, not the owner
            reported = node.dep_ in {"ccomp", "parataxis", "xcomp"} or (
                reported and node.dep_ in {"conj", "advcl"})
            node = node.head
        return None, []

    def _own_statement(self, sayer: str, verb: Token) -> bool:
        """Whether a sayer owns the figures of what it says: an organisation or place
        announcing its own numbers ("the peso will float in a band of 1,000 to 1,400 pesos,
        the central bank added"), not a news outlet reporting others' ("..., Reuters
        reported") nor a pronoun ("it says"); people are sources, never owners."""
        named = not any(c.dep_ in SUBJ and c.pos_ == "PRON" for c in verb.children)
        return named and self.label(sayer) in {"ORG", "GPE"} \
            and verb_lemma(verb) not in SOURCE_VERBS

    def _verb_subject(self, verb: Token, inside: range) -> tuple[str | None, list[tuple[str, str]]]:
        subj = next((c for c in verb.children if c.dep_ in SUBJ and c.i not in inside), None)
        if subj is not None and subj.lower_ in {"which", "that", "who"} \
                and verb.dep_ == "relcl":
            subj = verb.head  # "the Marshals Service, which sold 30,000 bitcoins"
        if subj is None and verb.dep_ == "xcomp":  # object control, else subject control
            subj = next((c for c in verb.head.children if c.dep_ == "dobj"), None) or next(
                (c for c in verb.head.children if c.dep_ in SUBJ), None)
        if subj is None and verb.dep_ == "pcomp" and verb.head.lower_ == "for" \
                and verb.tag_ == "VBG":  # "criticised the agency for spending $630,000"
            subj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
        name = self.resolve(subj) if subj is not None else None
        if name is not None and self.label(name) == "LAW" and subj is not None and \
                is_rate_or_sum(self.doc[inside.start:inside.stop]):
            # "India's Income Tax Act imposes a 30% levy": a law sets a measure, it owns none;
            # the law's possessor does, else the context ("the bill has 12 co-sponsors": its)
            owner = next((c for c in subj.children if c.dep_ == "poss"), None)
            name = self.resolve(owner) if owner is not None else None
        lemma = verb_lemma(verb)
        if name is not None and lemma in REPORTING and self.label(name) == "PERSON":
            name = None  # "…, Saqib said": the speaker is not the owner
        also: list[tuple[str, str]] = []
        agent = self._agent(verb)
        if agent is not None:
            also.append((agent, "imposer" if lemma in IMPOSE else "agent"))
        if lemma in IMPOSE or lemma in LEND or (lemma == PAY and name is None):
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
                found = self.resolve(child, skip=inside) or self._recipient(child, inside)
                if found is not None:
                    return found
            # "approved a loan to El Salvador": the parser makes "to" a dative preposition
            if child.dep_ in {"prep", "dative"} and child.lower_ in {"to", "for", "on"}:
                found = self._prep_object(child, inside)
                if found is not None:
                    return found
        return None

    def _recipient(self, noun: Token, inside: range) -> str | None:
        """Who the object is for: "approved a disbursement for Sri Lanka", "a loan to Ghana"."""
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"to", "for"}:
                found = self._prep_object(child, inside)
                if found is not None:
                    return found
        return None

    def _prep_object(self, prep: Token, inside: range) -> str | None:
        """The first object of a preposition, outside the figure, that names an entity."""
        for obj in prep.children:
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
        members = listed_members(noun) | set(range(figure.start, figure.end))
        best: tuple[tuple[int, int], str] | None = None
        sent = figure.sent
        window = self.doc[max(sent.start, figure.start - NEAR_WINDOW):
                          min(sent.end, figure.end + NEAR_WINDOW)]
        for tok in window:
            if tok.i in members:
                continue
            name = self.entity(tok, CLAUSE)
            if name is None or self.label(name) == "PERSON" or is_source(tok, depth=6) \
                    or where_said(tok) or in_dateline(tok) or lender_named(tok) \
                    or example_of_many(tok):
                continue
            dist = min(abs(tok.i - figure.start), abs(tok.i - figure.end + 1))
            key = (int(adjunct_place(tok, self.label(name))), dist)
            if best is None or key < best[0]:
                best = (key, name)
        return best[1] if best else None

    # -- the answer -----------------------------------------------------------------------
    def attribute(self, figure: Span, previous: str | None, hint: str | None = None,
                  actor: str | None = None, kind: str = "") -> Attribution:
        """The subject of a figure and the other entities it is listed under (`hint`: what
        the text says it measures, e.g. "votes in favour"; `actor`: who acted in the sentence
        just before, `sentence_actor`; `kind`: the figure's, "money" or "count" ...)."""
        head = figure.root
        also: list[tuple[str, str]] = []
        if hint and hint.startswith("votes"):
            chamber = self._chamber(figure)
            if chamber is not None:
                return Attribution(chamber)
        subject = self._bracketed(figure)
        personal = False
        noun = self._quantified(head, figure)
        if subject is None and is_rate_or_sum(figure):
            subject = asset_price(head, noun, figure)  # "Bitcoin fell 4% to $91,000"
            if subject is not None:
                return Attribution(subject)
        if subject is None:
            counted = kind != "money"  # "176 Hong Kong dollars": the place names a currency
            subject, how = self._owner(noun, figure, counted)
            if subject is None and noun is not head:
                subject, how = self._owner(head, figure, counted)
            personal = subject is not None and how == "possessor" \
                and any(c.dep_ == "poss" for c in noun.children)
            if how == "of" and is_percent(figure) and head.dep_ in {"dobj", "attr"} \
                    and verb_lemma(head.head) in SHARE_VERBS:
                # "the country produced 13% of the world's hashrate": a share is its holder's
                holder, _ = self._clause(head, figure)
                if holder is not None and holder != subject:
                    also = [(subject, "of")] if subject is not None else []
                    subject = holder
        if subject is None:
            subject, also = self._clause(head, figure)
        if subject is None:  # an economy's figure is its country's, not the last actor's
            economy = self.economy if national_aggregate(head) else None
            subject = self._nearest(figure, noun) or economy or actor or self.main or previous
        personal = personal or is_personal(noun)
        if subject is not None and self.label(subject) == "PERSON" and not personal:
            personal = self._possessed_by(subject, head)
        if subject is not None and self.label(subject) == "PERSON" and not personal:
            office = self.main_country if subject in self.officials else None
            subject = self.org_of.get(subject) or office or subject
        return Attribution(subject, tuple(self._related(subject, also)))

    def _possessed_by(self, person: str, head: Token) -> bool:
        """Whether the figure measures something the person has, not their office's: a noun
        on its way up (or such a clause's subject) that the person possesses ("Ann Lee's
        Twitter audience is 25% fake", "21% of Ann Lee's", "44% of her fan base"), unless
        that noun is an institution ("his ministry was granted $4 million")."""
        node = head
        for _ in range(MAX_CLIMB):
            nouns = [node, *(c for c in node.children if c.dep_ in SUBJ)]
            for noun in nouns:
                if noun.lemma_.lower() in INSTITUTION_NOUNS:
                    continue
                for child in noun.children:
                    owner = child if child.dep_ == "poss" else None
                    if child.dep_ == "prep" and child.lower_ == "of":
                        owner = next((possessor_in(o) for o in child.children
                                      if o.dep_ == "pobj"), None)
                    if owner is not None and self.resolve(owner) == person:
                        return True
            if node.head.i == node.i:
                break
            node = node.head
        return False

    def _related(self, subject: str | None, also: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, relation in also:
            if name != subject and name not in {n for n, _ in out}:
                out.append((name, relation))
        country = self.country_in.get(subject or "")
        if country and country != subject and country not in {n for n, _ in out}:
            out.append((country, "country"))
        return out

    def sentence_actor(self, sent: Span) -> str | None:
        """`sentence_subject` when the main verb is not one of saying ("Houston dealers sold
        ...", not "X said ..."): who the next sentence's unowned figures are about."""
        if verb_lemma(sent.root) in REPORTING:
            return None
        return self.sentence_subject(sent)

    def sentence_subject(self, sent: Span) -> str | None:
        """The named subject of a sentence's main clause (people as their organisation)."""
        subj = next((c for c in sent.root.children if c.dep_ in SUBJ), None)
        name = self.resolve(subj) if subj is not None else None
        if name is not None and self.label(name) == "PERSON":
            return self.org_of.get(name)
        return name
