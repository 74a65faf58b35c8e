"""Names an article defines with an acronym ("Transport for London (TfL) said ..."): a long
form the model left untagged becomes an entity, and each later bare use of the acronym ("TfL
added ...", "CIS director of research X") becomes the same kind of name as its long form.

Only long forms that read as the name of a body or a law are taken: the first or last word is
an organisation's suffix ("Department of Justice", "Financial Conduct Authority") or the last a
law's ("Act", "Regulations"), or the name ends in "for/of <place>" ("Transport for London").
Common nouns written in capitals ("Gross Domestic Product (GDP)", "Chief Executive Officer
(CEO)", "Distributed Ledger Technology (DLT)") are left alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.entities import acronym_definitions
from bot.nlp.gazetteer import cities
from bot.nlp.lexicon import ORG_SUFFIXES
from bot.nlp.place_types import place_name

LAW_WORDS = frozenset({"Act", "Acts", "Bill", "Law", "Regulation", "Regulations", "Directive",
                       "Ordinance", "Decree", "Code", "Treaty"})
# Suffixes of firms' names that also end names of things ("Distributed Ledger Technology",
# "Strategic Bitcoin Reserve", "Instant Payment Network"): not enough to make a body.
_THING_ENDS = frozenset({"Technology", "Technologies", "Tech", "Digital", "Financial", "Finance",
                         "Securities", "Markets", "Systems", "Solutions", "Services", "Service",
                         "Media", "Mining", "Energy", "Power", "Payments", "Pay", "Wallet",
                         "Protocol", "Network", "Reserve", "Capital", "Exchange", "United"})
# Entity types a longer defined name may swallow ("London" of "Transport for London").
_SWALLOWED = frozenset({"GPE", "LOC", "NORP", "PERSON", "ORG", "FAC"})


def _label(span: Span, places: set[int]) -> str | None:
    """ORG or LAW for a long form that names a body or a law, else None (`places`: tokens the
    model tagged as places)."""
    last = span[-1].text
    if last in LAW_WORDS:
        return "LAW"
    if last in ORG_SUFFIXES and last[:1].isupper() and last not in _THING_ENDS:
        return "ORG"
    if span[0].text in ORG_SUFFIXES and span[0].text[:1].isupper() \
            and span[0].text not in _THING_ENDS:
        return "ORG"  # "Department of Justice", "Bank for International Settlements"
    place = place_name(last) is not None or last in cities() or span[-1].i in places
    if len(span) >= 3 and span[-2].lower_ in {"for", "of"} and place:
        return "ORG"
    return None


def _free(span: Span, spans: list[Span]) -> bool:
    """No entity already is this name or reaches outside it."""
    for other in spans:
        if other.end <= span.start or other.start >= span.end:
            continue
        inside = other.start >= span.start and other.end <= span.end
        if not inside or (other.start, other.end) == (span.start, span.end) \
                or other.label_ not in _SWALLOWED:
            return False
    return True


def defined_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans for untagged "Long Form (LF)" names and the later bare uses of LF."""
    out: list[Span] = []
    places = {i for s in spans if s.label_ in {"GPE", "LOC"} for i in range(s.start, s.end)}
    taken = {i for s in spans for i in range(s.start, s.end)}
    for start, end, acronym, _ in acronym_definitions(doc.text):
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or len(span) < 2:
            continue
        label = _tagged(span, spans)
        if label is None:
            label = _label(span, places) if _free(span, spans) else None
            if label is None:
                continue
            out.append(Span(doc, span.start, span.end, label=label))
        out += [Span(doc, tok.i, tok.i + 1, label=label) for tok in doc[span.end:]
                if tok.text == acronym and tok.i not in taken]
    return out


def _tagged(span: Span, spans: list[Span]) -> str | None:
    """The label of an organisation or law the model found as this very name (perhaps with
    "the" before it), so that later bare uses of its acronym are that name too."""
    for other in spans:
        if other.end == span.end and span.start - 1 <= other.start <= span.start \
                and other.label_ in {"ORG", "LAW"}:
            return other.label_
    return None
