"""People's names the model typed as organisations or places, read from name data.

`resources/given_names.json` (built by `bot.nlp.names_build` from Faker's person tables of
every locale) lists given names and family names. A name of two to four capitalised words
that opens with a given name and ends with a family name ("Johann Lamont", "Chris Tally
Evans") is a person's, unless the name or the words around it say it is something else:

- a word of it is an organisation's ("... Capital", "... United") or an everyday English word
  ("Victoria Falls", "Grace Church"): such names are not people's;
- the whole name is a country, state, city, public body or party the gazetteer knows;
- an organisation's word follows it ("Marcus Urban Inc"), or it follows "the", "a" or "at"
  (one works "at Morgan Stanley", never "at" a person);
- it modifies the common noun after it ("Morgan Stanley analysts", "John Lewis stores");
- it is listed with an organisation or a place ("Aston Villa and Chelsea");
- its last word stands alone elsewhere in the text as an organisation ("Villa" of "Aston
  Villa"), or "it"/"its" refers to one of its mentions (`bot.nlp.entity_types`).

A last word that no table knows as a family name ("Megan Gerety"), or a first word none
knows as a given name ("Laurice Hampton"), is read as a person's only with what the text
says of people: an age, "who", "he/she", a person listed with it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from bot.nlp.english_words import english_words, is_english
from bot.nlp.gazetteer import cities, gazetteer, public_bodies
from bot.nlp.lexicon import (
    DEMONYMS,
    KNOWN_ORGS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PARTY_NAMES,
    PERSON_SPEECH_VERBS,
    ROLE_HEADS,
)
from bot.nlp.place_types import place_name

_RETYPED = frozenset({"ORG", "FAC", "GPE", "NORP"})
ENTS_KEY = "pw_ents_by_text"  # doc.user_data: the entity spans of each text, read once
MEMO_KEY = "pw_person_memo"  # doc.user_data: answers about the doc's names, asked once each


def doc_memo(doc: Doc, key: tuple[str, ...], compute: Callable[[], bool]) -> bool:
    """`compute()` once per doc and key: the doc-wide checks below read every entity or
    token, and a page may repeat a name thousands of times. The pipeline drops the memo
    when it sets the doc's entities (`bot.nlp.model.entity_fixes`)."""
    memo: dict[tuple[str, ...], bool] = doc.user_data.setdefault(MEMO_KEY, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def ents_named(doc: Doc, text: str) -> list[Span]:
    """The doc's entity spans whose text is `text`, from an index built once per doc (a
    scan of every entity per name would be quadratic in a page of many names). Dropped, like
    the memo, when the pipeline sets the doc's entities."""
    index: dict[str, list[Span]] | None = doc.user_data.get(ENTS_KEY)
    if index is None:
        index = {}
        for ent in doc.ents:
            index.setdefault(ent.text, []).append(ent)
        doc.user_data[ENTS_KEY] = index
    return index.get(text, [])


_NOT_BEFORE = frozenset({"the", "a", "an", "at"})
_ORG_AFTER = ORG_SUFFIXES | {"&"}


@cache
def _names() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).with_name("resources") / "given_names.json")
                      .read_text(encoding="utf-8"))
    return {key: frozenset(data[key]) for key in ("given", "family", "either_en", "words")}


@cache
def given_names() -> frozenset[str]:
    """Given names ("Johann", "Anas"), common English words, big cities and the gazetteer's
    countries, states and demonyms ("Georgia", "Jordan") left out."""
    g = gazetteer()
    return _names()["given"] - set(g.countries) - set(g.subdivisions) - set(g.demonyms)


def family_names() -> frozenset[str]:
    """Family names ("Lamont", "Evans", "Sarwar")."""
    return _names()["family"]


def either_names() -> frozenset[str]:
    """Names English uses both as given and as family names ("Morgan", "Stanley", "Lewis")."""
    return _names()["either_en"]


def common_words() -> frozenset[str]:
    """Everyday English words in lower case (Faker's thousand most common ones)."""
    return _names()["words"]


def word_not_name(span: Span) -> bool:
    """A one-word PERSON that opens its sentence and is an English word in no name table: a
    capitalised noun the model took for someone ("Bosses say ...", "Marijuana is ..."), or a
    link ("https://t.co/x"). Inside a sentence the capital says it is a name ("Circle")."""
    if len(span) != 1 or span.label_ != "PERSON":
        return False
    tok = span[0]
    if tok.like_url:
        return True
    opens = tok.is_sent_start or (tok.i > 0 and (tok.nbor(-1).is_quote or tok.nbor(-1).is_space
                                                 or tok.nbor(-1).text in {":", "(", "-", "—"}))
    if not opens or tok.text in given_names() or tok.text in family_names() or \
            not tok.is_title or _known_elsewhere(tok.text):
        return False  # "Labour": a party, retyped later
    return is_english(tok)


def name_word(text: str) -> bool:
    """A capitalised word ("Lamont", "O'Brien", "Kassym-Jomart") or an initial ("J.")."""
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True
    parts = text.replace("'", "-").replace("’", "-").split("-")
    return all(p[:1].isupper() and p.isalpha() and (len(p) == 1 or not p[1:].isupper())
               for p in parts if p) and text[0].isupper()


def with_given_name(span: Span) -> Span:
    """A person's name with the given name the model left out right before it ("Bilal" of
    "Bilal Bin Saqib, chief executive ..."): an untagged proper noun the name data knows as a
    given name and that is no everyday English word."""
    if span.label_ != "PERSON" or span.start == 0:
        return span
    prev = span.doc[span.start - 1]
    if prev.ent_iob_ != "O" or prev.pos_ != "PROPN" or not name_word(prev.text) \
            or prev.text not in given_names() or prev.lower_ in common_words() \
            or prev.lower_ in STOP_WORDS:
        return span
    return Span(span.doc, span.start - 1, span.end, label="PERSON")


_GIVEN_MISREAD = frozenset({"GPE", "LOC", "FAC", "ORG"})  # not NORP: "Scientologist X"


def joined_given_names(spans: list[Span]) -> list[Span]:
    """A person's name the model cut in two, its first word typed as a place or organisation
    ("Alisara" GPE + "Mahasandana" PERSON): one PERSON span, when that word is name-shaped,
    written once in the text, and neither a place, a nationality, an acronym, a known
    organisation nor an everyday English word. `spans` in document order."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.label_ == "PERSON" and _misread_given(prev, span):
            out[-1] = Span(span.doc, prev.start, span.end, label="PERSON")
            continue
        out.append(span)
    return out


def _misread_given(prev: Span, person: Span) -> bool:
    if prev.label_ not in _GIVEN_MISREAD or len(prev) != 1 or prev.end != person.start:
        return False
    tok = prev[0]
    text = tok.text
    if tok.whitespace_ != " " or not name_word(text) or text.isupper() or "-" in text:
        return False
    if tok.lower_ in STOP_WORDS or tok.lower_ in english_words() or text in DEMONYMS:
        return False
    if place_name(text) is not None or text in cities() or text in public_bodies() \
            or text in KNOWN_ORGS or text in PARTY_NAMES:
        return False
    return prev.doc.text.count(text) == 1


def _words(span: Span) -> list[str]:
    return span.text.split()


def name_shaped(span: Span, known: str = "both") -> bool:
    """Two to four name words, no organisation's word among them, nor an everyday word but a
    family name typed ORG or NORP ("Gordon Brown"; "Albert Street", "Mark House" typed FAC
    or GPE are places). `known` says which ends the name tables must know: "both" (a given
    name first, a family name last, not both names English writes either way: "Johann
    Lamont", not "Morgan Stanley"), "given" (the
    last word no given name nor everyday word: "Megan Gerety"), "family" (the last word a
    family name, the first no everyday word: "Laurice Hampton", "Marcus Ellis")."""
    words = _words(span)
    if not 2 <= len(words) <= 4 or not all(name_word(w) for w in words):
        return False
    first, last = words[0].split("-")[0], words[-1]
    given, family, common = given_names(), family_names(), common_words()
    if last.endswith(".") or first.endswith("."):
        return False
    if known != "family" and first not in given:
        return False
    if known == "family" and first.lower() in common:
        return False
    if known != "given" and (last not in family or (
            known == "both" and first in either_names() and last in either_names())):
        return False  # "Morgan Stanley", "John Lewis": in English either word may open or
        # end a name, as likely a firm's named after its founders as a person's
    if known == "given" and (last in given or last.lower() in common):
        return False
    if any(w in ORG_SUFFIXES or w.lower() in ORG_NOUNS for w in words):
        return False
    return not (any(w.lower() in common for w in words[1:-1]) or (
        last.lower() in common and span.label_ not in {"ORG", "NORP"}))


def _known_elsewhere(text: str) -> bool:
    g = gazetteer()
    return text in g.countries or text in g.subdivisions or text in g.demonyms or \
        text in cities() or text in public_bodies() or text in PARTY_NAMES or \
        text in KNOWN_ORGS


def _org_words_around(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in _NOT_BEFORE:
        return True
    if after is None:
        return False
    if after.text in _ORG_AFTER:
        return True
    return after.pos_ == "NOUN" and after.is_lower and span.root.dep_ == "compound" and \
        span.root.head.i >= span.end


def _short_form_is_org(span: Span) -> bool:
    """The name's last word alone is an organisation or a place elsewhere in the text."""
    last, doc = span[-1].text, span.doc
    return doc_memo(doc, ("short", last), lambda: any(
        e.text == last and e.label_ in {"ORG", "GPE"} for e in doc.ents))


def person_by_name(span: Span, said: bool = False) -> bool:
    """The span the model typed ORG, FAC, GPE or NORP is a person's name (see the module's
    docstring); the caller adds the pronoun check. A last word no name table knows ("Megan
    Gerety") needs what the sentence says of a person (`person_context`), or `said`: the
    caller's pronoun check found "he" or "she" for the name; so does a first word the tables
    do not know as a given name ("Laurice Hampton")."""
    if span.label_ not in _RETYPED or _known_elsewhere(span.text):
        return False
    if not name_shaped(span) and not (
            (name_shaped(span, "given") or name_shaped(span, "family"))
            and (said or person_context(span))):
        return False
    return not _org_words_around(span) and not _short_form_is_org(span) and \
        not _listed_with(span, _NOT_PEOPLE)


_MAX_AGE = 110


def _age_after(span: Span) -> bool:
    """"Darrel Voeks, 38, was sentenced": an age between commas right after the name."""
    doc = span.doc
    k = span.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 2].text != ",":
        return False
    age = doc[k + 1].text
    return age.isdigit() and 0 < int(age) <= _MAX_AGE


def _who_after(span: Span) -> bool:
    """"Lester Lawhon, who ...": "who" refers to a person."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and \
        doc[span.end + 1].lower_ == "who"


def _listed_with(span: Span, labels: frozenset[str]) -> bool:
    """The name is coordinated with a name of one of `labels` ("Alexis Blanc and Sebastien
    Foucras", "Aston Villa and Chelsea")."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ in {"and", "or"} and \
            doc[span.start - 2].ent_type_ in labels:
        return True
    return span.end + 1 < len(doc) and doc[span.end].lower_ in {"and", "or"} and \
        doc[span.end + 1].ent_type_ in labels and doc[span.end + 1].ent_iob_ == "B"


_PEOPLE = frozenset({"PERSON"})
_NOT_PEOPLE = frozenset({"ORG", "GPE", "FAC", "PRODUCT"})


def _surname_speaks(span: Span) -> bool:
    """The name's last word alone, not after its first word, says something ("Gerety said"):
    firms are seldom called by the last word of their name."""
    first, last, doc = span[0].text, span[-1].text, span.doc
    return doc_memo(doc, ("speaks", first, last), lambda: any(
        t.text == last and t.dep_ == "nsubj" and t.head.lemma_ in PERSON_SPEECH_VERBS and
        (t.i == 0 or doc[t.i - 1].text != first) for t in doc))


def person_context(span: Span) -> bool:
    """What the text says of the name is said of people: an age, "who", a person listed
    with it, its last word alone as a speaker."""
    return _age_after(span) or _who_after(span) or _listed_with(span, _PEOPLE) or \
        _surname_speaks(span)


_TITLE_LINKS = frozenset({"for", "to", "of"})


def split_titled_tail(span: Span) -> list[Span]:
    """"Minister for [Digital Economy Ann Lee]", "Secretary to the [Treasury Emma Reynolds]":
    after a title's "for/to/of", the model may glue the portfolio and the person who holds it
    into one name. The last two or three words, opening with a given name, become the person;
    the rest keeps its label. Any other span is returned as it is."""
    doc = span.doc
    if span.label_ not in {"ORG", "FAC", "GPE"} or len(span) < 3:
        return [span]
    k = span.start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ not in _TITLE_LINKS or doc[k - 1].lower_ not in ROLE_HEADS:
        return [span]
    for size in (2, 3):
        cut = span.end - size
        tail = doc[cut:span.end]
        if cut > span.start and tail[0].text in given_names() \
                and all(name_word(t.text) for t in tail):
            return [Span(doc, span.start, cut, label=span.label_),
                    Span(doc, cut, span.end, label="PERSON")]
    return [span]


def person_after(span: Span) -> bool:
    """The model's PERSON starts right after the span, or after a comma ("CBN Governor, X")."""
    doc = span.doc
    after = span.end + 1 if span.end + 1 < len(doc) and doc[span.end].text == "," else span.end
    return after < len(doc) and doc[after].ent_type_ == "PERSON"


def split_title_head(span: Span) -> list[Span]:
    """"[CBN Governor], Godwin Emefiele", "[House of Representatives Speaker] Benjamin
    Nzeribe": the model may end an organisation's name with the title of the person named
    right after it (after a comma or not). The title is left out of the name, so it reads as
    the person's title of that organisation. Any other span is returned as it is."""
    doc = span.doc
    if span.label_ != "ORG" or len(span) < 2:
        return [span]
    last = span[-1]
    if not (last.is_title and last.lower_ in ROLE_HEADS) or not person_after(span) \
            or place_name(span[0].text) is not None:
        return [span]  # "Texas Public Accounts Comptroller": the office of a state, read later
    return [Span(doc, span.start, span.end - 1, label="ORG")]


def drop_common_opener(span: Span) -> Span:
    """"[Sport] Rod Carr" of "Chair of UK Sport Rod Carr": a person's name the model opened
    with the everyday word before it. The word goes when it is no given or family name, a
    given name follows it and two words are left."""
    doc = span.doc
    if span.label_ != "PERSON" or len(span) < 3:
        return span
    first, second = doc[span.start], doc[span.start + 1]
    if not first.is_title or first.lower_ not in common_words() \
            or first.text in given_names() or first.text in family_names() \
            or second.text not in given_names():
        return span
    return Span(doc, span.start + 1, span.end, label="PERSON")
