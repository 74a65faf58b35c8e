"""Entity types from data and from the words around a name.

Order of evidence: the gazetteer (a country, demonym, state or currency name is that, whatever
the model says), then the name's own last word ("... Ltd", "... Bank"), then its neighbours in
the parse: an organisation noun ("mining firm Bitdeer", "Bitdeer, a Singaporean group") or a
person's title or role ("President X", "X, the governor of ...").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.currencies import NAMES as CURRENCY_NAMES
from bot.nlp.firm_cues import (
    employer,
    firm_modifier,
    firm_title_after,
    listed_company,
    used_as_place,
)
from bot.nlp.gazetteer import cities, gazetteer, person_nouns
from bot.nlp.lexicon import (
    DEMONYMS,
    ORG_KINDS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PARTY_NAMES,
    PARTY_WORDS,
    ROLE_HEADS,
)
from bot.nlp.person_names import doc_memo, ents_named, person_by_name
from bot.nlp.place_types import LOCATIVE, city_label, known_place, list_label, placed, possessed
from bot.nlp.place_types import place_name as place_name  # re-exported for the pipeline
from bot.nlp.spans import programme
from bot.nlp.type_cues import (
    acronym_like,
    based_before,
    cited_source,
    country_acronym_inside,
    employer_of_person,
    indefinite_brand,
    is_particle,
    is_person_role,
    kind_apposition,
    kind_of_place,
    name_kind,
    outlet_output,
    owned_modifier,
    place_head,
    platform_modifier,
    posted_on,
    relative_which,
)

_MAJOR = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "SGD", "AUD", "CAD", "HKD", "CNY"})
_RETYPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                        "EVENT"})


_CITY_STATES = frozenset({"New York", "Washington"})


def _state_called_state(text: str) -> bool:
    """"New York State", "Lagos State", "Sindh Province": a subdivision named with its kind.
    A US state's "State" is its university ("Ohio State"), unless the state shares its name
    with a city ("New York State", "Washington State")."""
    subdivisions = gazetteer().subdivisions
    for kind in (" State", " Province"):
        name = text[:-len(kind)]
        if text.endswith(kind) and name in subdivisions and (
                subdivisions[name] != "United States" or name in _CITY_STATES):
            return True
    return False


def gazetteer_label(span: Span) -> str | None:
    """GPE for countries and states, NORP for demonyms, PRODUCT for a currency's name."""
    text = span.text
    if place_name(text) is not None or _state_called_state(text) or kind_of_place(span):
        return "GPE"
    if text in DEMONYMS:
        return "NORP"
    if _currency_name(span):
        return "PRODUCT"
    return None


# Words of CLDR's currency names in other languages that are also English words or names.
_NOT_CURRENCY_NAMES = frozenset({"gold", "crown", "crowns", "colon", "colons", "cupon", "franco",
                                 "francos", "austral", "australs", "leonean", "sterling"})
_NATIVE_CURRENCY_NAMES = frozenset(
    name for name in CURRENCY_NAMES if name.isalpha() and len(name) > 3) - _NOT_CURRENCY_NAMES


def _currency_name(span: Span) -> bool:
    """One word that names a currency: an English CLDR name ("naira", "rupees"), or, for a
    word the model took for an organisation, the name CLDR gives it in its own countries'
    languages ("Reais", "Quetzales"; "Franco" the person keeps his type)."""
    text = span.text
    if len(span) != 1 or text.isupper():
        return False
    low = text.lower()
    return low in gazetteer().currency_words or (
        span.label_ in {"ORG", "PRODUCT", "WORK_OF_ART"} and low in _NATIVE_CURRENCY_NAMES)


def _is_org_noun(tok: Token) -> bool:
    return tok.is_lower and (tok.lower_ in ORG_NOUNS or tok.lemma_ in ORG_NOUNS)


# Kinds written right before a name that no verb, person, scheme or ship shares ("trust
# Donald", "the Madoff scheme", "the aircraft carrier HMS Ark Royal" are not organisations).
_KIND_BEFORE = ORG_NOUNS | {"airline", "clinic", "cooperative", "fintech",
                            "magazine", "multinational", "newsletter", "non-profit", "nonprofit",
                            "think-tank", "watchdog", "broadcaster", "chain", "automaker",
                            "carmaker", "tabloid", "channel", "studio", "label"}


def _kind_before(tok: Token) -> bool:
    """An organisation's kind written right before its name ("German magazine Der Spiegel",
    "the airline Emirates"); people's roles that are also kinds ("owner") are not."""
    return _is_org_noun(tok) or (tok.is_lower and tok.pos_ == "NOUN" and tok.lower_ in
                                 _KIND_BEFORE)


def _appositive_heads(span: Span) -> list[Token]:
    """Head nouns of appositions of the name, and of the noun the name is in apposition to."""
    root = span.root
    heads = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if root.dep_ == "appos" and root.head.i < span.start:
        heads.append(root.head)
    out = []
    for head in heads:
        out.append(head)
        if head.lower_ in ROLE_HEADS:
            continue  # "X, head coach of the team": the team is the coach's, not X's kind
        # "one of the world's largest miners": the noun of the partitive
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out += [o for o in prep.children if o.dep_ == "pobj"]
    return out


def _function_word_inside(span: Span) -> bool:
    """"Transport for London", "Friends of the Earth": no person's name has "for", "of",
    "the" or "&" between its words (name particles "de", "van", "bin" are other words)."""
    return len(span) > 2 and any(t.lower_ in {"for", "of", "the", "&"} for t in span[1:-1])


# Person nouns that also name a firm by its tie to another ("rival Lowe's", "supplier Foxconn").
_FIRM_RELATIONS = frozenset({
    "rival", "competitor", "supplier", "sponsor", "client", "customer", "distributor",
    "exporter", "importer", "partner", "peer", "champion", "winner", "leader", "buyer",
    "seller", "contractor", "subcontractor", "vendor", "creditor", "debtor", "tenant",
    "landlord", "employer", "owner", "holder", "bidder", "acquirer", "member", "donor",
})
_NAMED_KINDS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "WORK_OF_ART"})


def _not_a_person(span: Span) -> bool:
    """Cues that a PERSON span names an organisation, a brand or a medium (`type_cues`)."""
    return country_acronym_inside(span) or owned_modifier(span) or posted_on(span) or \
        indefinite_brand(span) or \
        platform_modifier(span) or outlet_output(span) or \
        acronym_like(span) or relative_which(span) or based_before(span) or \
        employer_of_person(span) or kind_apposition(span, _KIND_BEFORE)


def context_label(span: Span) -> str | None:
    """ORG or PERSON (or LOC/FAC before a place noun) when the words around the name say so,
    else None."""
    doc = span.doc
    last = span[-1]
    if len(span) > 1 and last.text in ORG_SUFFIXES:
        return "ORG"
    kind = name_kind(span) if span.label_ in _NAMED_KINDS else None
    if kind is not None:
        return kind
    if span.label_ in {"PERSON", "ORG", "LOC", "FAC"}:
        place = place_head(span)
        if place is not None:
            return place
    if span.label_ in {"PERSON", "ORG"} and _not_a_person(span):
        return "ORG"
    if span.label_ in {"PERSON", "PRODUCT", "WORK_OF_ART", "FAC"} and cited_source(span):
        return "ORG"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and _kind_before(before):
        return "ORG"
    for tok in _appositive_heads(span):
        if _is_org_noun(tok):
            return "ORG"
        if is_person_role(tok):
            return "PERSON"  # "X, the Finnish Finance Minister", "The President of K, X"
    if span.root.dep_ == "compound" and _is_org_noun(span.root.head) and \
            span.root.head.i == span.end and not known_place(span.text):
        return "ORG"  # "the Bitdeer group"; "the Dubai regulator" is Dubai's
    if (span.label_ == "PERSON" and (employer(span) or _function_word_inside(span))) \
            or listed_company(span):
        return "ORG"
    if span.label_ in {"GPE", "ORG"} and span.text not in cities() and (
            employer(span) or firm_title_after(span) or firm_modifier(span)) \
            and not used_as_place(span):
        return "ORG"  # "the founder of Tayaba", "Tayaba's chief executive", "a Tayaba
        # spokesperson": no town we know (said of an ORG mention too, so that the model's GPE
        # mentions of the name follow it)
    member = list_label(span) if span.label_ == "PERSON" else None
    if member is not None:
        return member
    inside_title = (span.end < len(doc) and is_person_role(doc[span.end])) or (
        span.root.dep_ == "compound" and span.root.head.i >= span.end
        and is_person_role(span.root.head))  # "Deputy Energy Minister X", "deputy White
    # House press secretary": the name is the title's portfolio or office, not a person
    if before is not None and is_person_role(before) and before.pos_ in {"NOUN", "PROPN"} \
            and all(t.is_title or "-" in t.text or (is_particle(t) and t.i not in {
                span.start, span.end - 1}) for t in span) and len(span) <= 4 \
            and not inside_title:
        return "PERSON"  # "President Kassym-Jomart Tokayev", "CEO Brock Pierce"
    if before is not None and span.label_ in {"ORG", "GPE"} and _occupation_before(before, span) \
            and len(span) <= 3 and all(t.is_title for t in span) and not inside_title:
        return "PERSON"  # "Santos striker Neymar", "rapper Drake", "blogger Carla Mickelborg"
    return None


def _occupation_before(tok: Token, span: Span) -> bool:
    """`tok`, right before the name, is a lower-case noun for what a person does (WordNet's
    person nouns) that modifies the name; not one a firm is also called ("investor",
    "retailer", "rival", "supplier")."""
    low = tok.lower_
    tied = (tok.dep_ in {"compound", "nmod"} and span.start <= tok.head.i < span.end) or (
        span.root.head.i == tok.i and span.root.dep_ in {"appos", "compound"})
    return tok.is_lower and tok.tag_ in {"NN", "NNP"} and tied and low in person_nouns() \
        and low not in ORG_KINDS and low not in _FIRM_RELATIONS


def is_ticker(span: Span) -> bool:
    """A stablecoin ticker: one capitalised word made of a major ISO currency code and "C"
    (coin) or "T" (token) after it, or one or two letters before it ("EURC", "USDT",
    "PYUSD"; not "USDA"), in a sentence not written all in capitals (a headline's word)."""
    text = span.text
    if len(span) != 1 or not (text.isalpha() and text.isupper() and 4 <= len(text) <= 5):
        return False
    if not (text[:3] in _MAJOR and text[3:] in {"C", "T"}) and text[-3:] not in _MAJOR:
        return False
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    return text not in gazetteer().currency_codes and any(t.is_lower and t.is_alpha
                                                          for t in sent)


def law_name(span: Span) -> bool:
    """A capitalised name ending in "Act"/"Acts" is a law ("Prevention of Money Laundering
    Act", "Clean Energy Acts"), not the organisation the model may call it."""
    return len(span) > 1 and span[-1].text in {"Act", "Acts"} and span[0].text[:1].isupper() \
        and span.label_ != "LAW"


def evidence(span: Span) -> str | None:
    """The type data or context gives the span, if any."""
    if span.label_ not in _RETYPABLE:
        return None
    if span.label_ == "PRODUCT" and programme(span) is not None:
        return None  # "the eNaira platform": a programme, whatever its neighbours say
    if law_name(span):
        return "LAW"
    if (span.text in PARTY_NAMES and span.label_ in {"PERSON", "NORP", "GPE"}) or (
            span.text in PARTY_WORDS and span.label_ == "NORP"):
        return "ORG"
    if is_ticker(span):
        return "PRODUCT"
    label = gazetteer_label(span)
    if label is None and span.text in cities() and placed(span):
        label = "GPE"  # "Albuquerque, New Mexico, contracting company": the town, not the firm
    if label is None and span.label_ != "NORP":
        label = context_label(span)
    if label is None:
        label = city_label(span)
    if label is None and person_by_name(span, said=_called_he(span)) and not _called_it(span):
        label = "PERSON"  # "Johann Lamont" typed ORG: a given name, then a family name
    if label is None and span.label_ == "PERSON" and span.start > 0 and \
            span.doc[span.start - 1].lower_ in LOCATIVE and not possessed(span):
        label = "GPE"  # "in Shimla": people are not places one is in
    return label


def retype(span: Span, label: str | None) -> Span:
    """The span with `label` (from `evidence`) when there is one."""
    if label is None or label == span.label_:
        return span
    return Span(span.doc, span.start, span.end, label=label)


_FIRM_NOUNS = frozenset({"company", "firm", "group", "bank", "lender", "retailer", "carrier",
                         "chain", "exchange", "publisher", "insurer", "airline", "startup"})
_IT = frozenset({"it", "its"})
_HE = frozenset({"he", "she", "his", "her", "him"})
_NOT_REFERRING_VERBS = frozenset({"be", "seem", "appear", "take", "remain", "look", "become"})
_PRONOUN_SPAN = 12  # tokens after a name where the pronoun that refers to it is looked for


def _pronoun_vote(span: Span) -> str | None:
    """"Bitdeer said its revenue rose", "Bitdeer said it would expand": the first personal
    pronoun after a name in its sentence, before any other singular noun, tells a firm
    ("it", "its", "the company said") from a person ("he", "his"). An "it" that opens "it
    was/would be ..." may refer to nothing and is not read."""
    doc = span.doc
    if span.root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    sent_end = span.sent.end if doc.has_annotation("SENT_START") else len(doc)
    for tok in doc[span.end:min(sent_end, span.end + _PRONOUN_SPAN)]:
        low = tok.lower_
        if low in _HE and tok.pos_ == "PRON":  # "his" may be another's: only "X said he"
            return "PERSON" if low in {"he", "she"} and tok.dep_ == "nsubj" else None
        if low == "its" and tok.pos_ == "PRON":
            return "ORG"
        if low == "the" and tok.i + 2 < sent_end and doc[tok.i + 1].lower_ in _FIRM_NOUNS \
                and doc[tok.i + 2].lemma_ in {"say", "add", "tell"}:
            # "Gannett will cut 400 jobs, the company said"; a person's name is what a firm
            # says of one of its people ("Marcus Delane will step down, the company said")
            return None if _person_like(span) else "ORG"
        if low == "it" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and \
                tok.head.lemma_ not in _NOT_REFERRING_VERBS:
            return "ORG"
        if (tok.tag_ in {"NN", "NNP"} and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL"}) \
                or tok.text in {";", ":"}:
            return None  # another thing the pronoun may refer to
    return None


def _called_it(span: Span) -> bool:
    """"it"/"its" refers to a mention of the name, in full or by its last word ("Charles
    Schwab ... Schwab said it would cut fees")."""
    texts, doc = {span.text, span[-1].text}, span.doc
    return doc_memo(doc, ("it", span.text), lambda: any(
        _pronoun_vote(e) == "ORG" for t in texts for e in ents_named(doc, t)))


def _called_he(span: Span) -> bool:
    """"he"/"she" refers to a mention of the name ("Megan Gerety said she would ...")."""
    text, doc = span.text, span.doc
    return doc_memo(doc, ("he", text), lambda: any(
        _pronoun_vote(e) == "PERSON" for e in ents_named(doc, text)))


def _person_like(span: Span) -> bool:
    """A name that may be a person's: two to four capitalised words, none an organisation's."""
    return 2 <= len(span) <= 4 and all((t.is_title and t.text not in ORG_SUFFIXES)
                                       or t.lower_ in {"de", "van", "von", "al", "bin"}
                                       for t in span)


def pronoun_types(spans: list[Span]) -> list[Span]:
    """PERSON names the pronouns after them call "it"/"its" become ORG, and person-like ORG
    names they call "he"/"his" become PERSON, when no mention of the name votes otherwise
    and data or context gave the name no type (`evidence`)."""
    votes: dict[str, set[str]] = {}
    for span in spans:
        if span.label_ in {"PERSON", "ORG"} and evidence(span) is None:
            vote = _pronoun_vote(span)
            if vote is not None:
                votes.setdefault(span.text, set()).add(vote)
    out = []
    for span in spans:
        seen = votes.get(span.text, set())
        if seen == {"ORG"} and span.label_ == "PERSON":
            span = retype(span, "ORG")
        elif seen == {"PERSON"} and span.label_ == "ORG" and _person_like(span):
            span = retype(span, "PERSON")
        out.append(span)
    return out
