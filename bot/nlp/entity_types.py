"""Entity types from data and from the words around a name.

Order of evidence: the gazetteer (a country, demonym, state or currency name is that, whatever
the model says), then the name's own last word ("... Ltd", "... Bank"), then its neighbours in
the parse: an organisation noun ("mining firm Bitdeer", "Bitdeer, a Singaporean group") or a
person's title or role ("President X", "X, the governor of ...").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.nlp.gazetteer import cities, gazetteer
from bot.nlp.lexicon import (
    COUNTRY_ALIASES,
    DEMONYMS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PARTY_NAMES,
    PERSON_ROLES,
    ROLE_HEADS,
)
from bot.nlp.spans import programme

_LOCATIVE = frozenset({"in", "near", "across", "outside", "throughout", "around"})
_MAJOR = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "SGD", "AUD", "CAD", "HKD", "CNY"})
_PLACE_CUES = _LOCATIVE | {"from", "to", "at", "of"}
_SPEECH = frozenset({"say", "tell", "add", "argue", "write", "explain", "warn", "insist",
                     "claim", "note", "ask", "reply", "recall"})
_RETYPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART",
                        "EVENT"})


def place_name(text: str) -> str | None:
    """The canonical country or state a surface form names, if any."""
    g = gazetteer()
    if text in g.countries:
        return g.countries[text]
    if text in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[text]
    return text if text in g.subdivisions else None


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
    if place_name(text) is not None or _state_called_state(text):
        return "GPE"
    if text in DEMONYMS:
        return "NORP"
    if len(span) == 1 and text.lower() in gazetteer().currency_words and not text.isupper():
        return "PRODUCT"
    return None


def _is_org_noun(tok: Token) -> bool:
    return tok.is_lower and (tok.lower_ in ORG_NOUNS or tok.lemma_ in ORG_NOUNS)


def _is_person_role(tok: Token) -> bool:
    return tok.lower_ in PERSON_ROLES or tok.lemma_.lower() in PERSON_ROLES


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


# Heads of titles only a firm gives, before "of": "co-founder of X", "chief executive of X".
_FIRM_HEADS = frozenset({"ceo", "cfo", "cto", "coo", "founder", "cofounder", "chairman",
                         "chairwoman", "executive", "owner", "shareholder"})


def _employer(span: Span) -> bool:
    """The name is where a person works: "an economist at X", "co-founder of X" (a person is
    neither a workplace nor a firm one founds or runs)."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in {"of", "at"}:
        return False
    role = doc[span.start - 2]
    if doc[span.start - 1].lower_ == "at":
        return role.pos_ == "NOUN" and _is_person_role(role)
    return role.lower_ in _FIRM_HEADS


def _function_word_inside(span: Span) -> bool:
    """"Transport for London", "Friends of the Earth": no person's name has "for", "of",
    "the" or "&" between its words (name particles "de", "van", "bin" are other words)."""
    return len(span) > 2 and any(t.lower_ in {"for", "of", "the", "&"} for t in span[1:-1])


_EQUITY = frozenset({"share", "stock", "stake", "shareholder", "stockholder"})


def _listed_company(span: Span) -> bool:
    """"shares of X", "a stake in X", "X shares": only a company has shares (the gazetteer
    has already claimed countries and states, so "stake in Brazil" never gets here)."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in {"of", "in"} \
            and doc[span.start - 2].lemma_.lower() in _EQUITY:
        return True
    return span.end < len(doc) and doc[span.end].lower_ in {"shares", "stock"} \
        and doc[span.end].pos_ == "NOUN"


def context_label(span: Span) -> str | None:
    """ORG or PERSON when the words around the name say so, else None."""
    doc = span.doc
    last = span[-1]
    if len(span) > 1 and last.text in ORG_SUFFIXES:
        return "ORG"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and _is_org_noun(before):
        return "ORG"
    for tok in _appositive_heads(span):
        if _is_org_noun(tok):
            return "ORG"
        if _is_person_role(tok):
            return "PERSON"  # "X, the Finnish Finance Minister", "The President of K, X"
    if span.root.dep_ == "compound" and _is_org_noun(span.root.head) and \
            span.root.head.i == span.end:
        return "ORG"  # "the Bitdeer group"
    if (span.label_ == "PERSON" and (_employer(span) or _function_word_inside(span))) \
            or _listed_company(span):
        return "ORG"
    inside_title = span.end < len(doc) and _is_person_role(doc[span.end])  # "Deputy Energy
    # Minister X": "Energy" is the title's portfolio, not a name
    if before is not None and _is_person_role(before) and before.pos_ in {"NOUN", "PROPN"} \
            and all(t.is_title or "-" in t.text for t in span) and len(span) <= 4 \
            and not inside_title:
        return "PERSON"  # "President Kassym-Jomart Tokayev", "CEO Brock Pierce"
    return None


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


def _speaks(span: Span) -> bool:
    """Some mention of the name in the doc says or tells something ("Warren said"): a person."""
    last = span[-1].text
    return any(t.text == last and t.dep_ == "nsubj" and t.head.lemma_ in _SPEECH
               for t in span.doc)


def _is_place_word(tok: Token) -> bool:
    """A word of a place the model or the gazetteer knows (another town's name alone is not
    enough: "Tottenham and Chelsea" are clubs)."""
    return tok.ent_type_ in {"GPE", "LOC"} or place_name(tok.text) is not None


_LIST_MAX = 12  # members looked at on each side of a name in a list


def _neighbour(doc: Doc, i: int, step: int) -> tuple[Span | None, int]:
    """The list member before (step -1) or after (+1) the separators at token i: a model
    entity or a capitalised word; and the index past it."""
    seps = 0
    while 0 <= i < len(doc) and doc[i].lower_ in {",", "and", "or"}:
        i, seps = i + step, seps + 1
    if not seps or not 0 <= i < len(doc) or not doc[i].text[:1].isupper():
        return None, i
    a = b = i
    if doc[i].ent_type_:
        while a > 0 and doc[a].ent_iob_ == "I":
            a -= 1
        while b + 1 < len(doc) and doc[b + 1].ent_iob_ == "I":
            b += 1
    member = doc[a:b + 1]
    return member, (a - 1 if step < 0 else b + 1)


def _list_members(span: Span) -> list[Span]:
    """The other names of a list the span is in ("Mumbai, Lucknow and Kochi")."""
    out: list[Span] = []
    for step, i in ((-1, span.start - 1), (1, span.end)):
        for _ in range(_LIST_MAX):
            member, i = _neighbour(span.doc, i, step)
            if member is None:
                break
            out.append(member)
    return out


def _among_places(span: Span) -> bool:
    """The name is one of a list of places: a member is a place the model or the gazetteer
    knows, or it is listed with two towns or more, most of the list ("Ahmedabad, Gangtok and
    Kochi"); "Tottenham and Chelsea" are clubs."""
    members = _list_members(span)
    if any(m.label_ in {"GPE", "LOC"} or _is_place_word(m[0]) or place_name(m.text)
           for m in members if m.label_ or len(m) == 1):
        return True
    towns = [m for m in members if all(p.strip() in cities() for p in m.text.split(","))]
    return len(towns) >= 2 and 2 * len(towns) >= len(members)


def _placed(span: Span) -> bool:
    """The name is followed by its state or country ("Albuquerque, New Mexico")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = span.end + 1
    return _is_place_word(doc[nxt]) or any(
        place_name(doc[nxt:nxt + k].text) is not None for k in (2, 3) if nxt + k <= len(doc))


def city_label(span: Span) -> str | None:
    """GPE for a GeoNames city the model called a person or an organisation, written after
    "in/from/to/at/of" ("offices in Albuquerque") or in a list of places ("Mumbai, Lucknow
    and Kochi"), unless a mention of it speaks like a person ("Warren said"). Clubs named
    after their town ("Chester won") stay."""
    if span.text not in cities() or span.label_ not in {"PERSON", "ORG"} or _possessed(span):
        return None
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before not in _PLACE_CUES and not _among_places(span):
        return None
    return None if _speaks(span) else "GPE"


def evidence(span: Span) -> str | None:
    """The type data or context gives the span, if any."""
    if span.label_ not in _RETYPABLE:
        return None
    if span.label_ == "PRODUCT" and programme(span) is not None:
        return None  # "the eNaira platform": a programme, whatever its neighbours say
    if law_name(span):
        return "LAW"
    if span.text in PARTY_NAMES and span.label_ in {"PERSON", "NORP", "GPE"}:
        return "ORG"
    if is_ticker(span):
        return "PRODUCT"
    label = gazetteer_label(span)
    if label is None and span.text in cities() and _placed(span):
        label = "GPE"  # "Albuquerque, New Mexico, contracting company": the town, not the firm
    if label is None and span.label_ != "NORP":
        label = context_label(span)
    if label is None:
        label = city_label(span)
    if label is None and span.label_ == "PERSON" and span.start > 0 and \
            span.doc[span.start - 1].lower_ in _LOCATIVE and not _possessed(span):
        label = "GPE"  # "in Shimla": people are not places one is in
    return label


def _possessed(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in {"'s", "’s", "'", "’"}


def retype(span: Span, label: str | None) -> Span:
    """The span with `label` (from `evidence`) when there is one."""
    if label is None or label == span.label_:
        return span
    return Span(span.doc, span.start, span.end, label=label)


_IT = frozenset({"it", "its"})
_HE = frozenset({"he", "she", "his", "her", "him"})
_NOT_REFERRING_VERBS = frozenset({"be", "seem", "appear", "take", "remain", "look", "become"})
_PRONOUN_SPAN = 12  # tokens after a name where the pronoun that refers to it is looked for


def _pronoun_vote(span: Span) -> str | None:
    """"Bitdeer said its revenue rose", "Bitdeer said it would expand": the first personal
    pronoun after a name in its sentence, before any other singular noun, tells a firm
    ("it", "its") from a person ("he", "his"). An "it" that opens "it was/would be ..." may
    refer to nothing and is not read."""
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
        if low == "it" and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and \
                tok.head.lemma_ not in _NOT_REFERRING_VERBS:
            return "ORG"
        if (tok.tag_ in {"NN", "NNP"} and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL"}) \
                or tok.text in {";", ":"}:
            return None  # another thing the pronoun may refer to
    return None


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
