"""Names an article defines with an acronym ("Transport for London (TfL) said ..."): a long
form the model left untagged becomes an entity, and each later bare use of the acronym ("TfL
added ...", "CIS director of research X") becomes the same kind of name as its long form.

Only long forms that read as the name of a body or a law are taken: the last word is an
organisation's suffix ("Financial Conduct Authority") or a law's ("Act", "Regulations"), a
body's word opens it before "of/for" ("Department of Justice"), or it ends in "for/of
<place>" ("Transport for London"); a person's title ("Member of the European Parliament") is
none. Every lookup goes through a token index, so the pass is linear in the doc.
Common nouns written in capitals ("Gross Domestic Product (GDP)", "Chief Executive Officer
(CEO)", "Distributed Ledger Technology (DLT)") are left alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.nlp.entities import acronym_definitions
from bot.nlp.gazetteer import cities, person_nouns
from bot.nlp.lexicon import COMPANY_WORDS, LAW_WORDS, ORG_SUFFIXES
from bot.nlp.place_types import place_name

# Suffixes of firms' names that also end names of things ("Distributed Ledger Technology",
# "Strategic Bitcoin Reserve", "Instant Payment Network"): not enough to make a body.
_THING_ENDS = (COMPANY_WORDS - {"Group", "Holdings", "Inc", "Ltd", "Labs", "Ventures"}) | {
    "Services", "Service", "Energy", "Power", "Reserve", "United", "Company", "Union",
    "Territory"}
# Words that open a body's name before "of/for" ("Ministry of Finance").
_BODY_OPENERS = frozenset({"Department", "Ministry", "Office", "Bureau", "Bank", "Commission",
                           "Council", "Board", "Agency", "Authority", "Court", "Institute"})
# Entity types a longer defined name may swallow ("London" of "Transport for London"); an
# organisation the model found inside stays ("European Parliament" of "Member of the ...").
_SWALLOWED = frozenset({"GPE", "LOC", "NORP", "PERSON", "FAC"})


def _label(span: Span, places: set[int]) -> str | None:
    """ORG or LAW for a long form that names a body or a law, else None (`places`: tokens the
    model tagged as places)."""
    last = span[-1].text
    if last in LAW_WORDS:
        return "LAW"
    if span[0].lower_ in person_nouns():
        return None  # "Member of the European Parliament (MEP)": a person's title
    if last in ORG_SUFFIXES and last[:1].isupper() and last not in _THING_ENDS:
        return "ORG"
    if span[0].text in _BODY_OPENERS and len(span) >= 3 and span[1].lower_ in {"of", "for"}:
        return "ORG"  # "Department of Justice", "Bank for International Settlements"
    place = place_name(last) is not None or last in cities() or span[-1].i in places
    if len(span) >= 3 and span[-2].lower_ in {"for", "of"} and place:
        return "ORG"
    return None


def _free(span: Span, at: dict[int, Span]) -> bool:
    """No entity already is this name or reaches outside it (`at`: token -> entity span)."""
    for i in range(span.start, span.end):
        other = at.get(i)
        if other is None:
            continue
        inside = other.start >= span.start and other.end <= span.end
        if not inside or (other.start, other.end) == (span.start, span.end) \
                or other.label_ not in _SWALLOWED:
            return False
    return True


def defined_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Spans for untagged "Long Form (LF)" names and the later bare uses of LF. Each acronym
    is read at its first definition only, so the scan stays linear in the doc."""
    out: list[Span] = []
    places = {i for s in spans for i in range(s.start, s.end)
              if s.label_ in {"GPE", "LOC"}}
    at = {i: s for s in spans for i in range(s.start, s.end)}
    taken = set(at)
    uses: dict[str, list[int]] = {}
    for tok in doc:
        if tok.text.isalpha() and any(c.isupper() for c in tok.text[1:]):
            uses.setdefault(tok.text, []).append(tok.i)
    done: set[str] = set()
    for start, end, acronym, _ in acronym_definitions(doc.text):
        span = doc.char_span(start, end, alignment_mode="contract")
        if acronym in done or span is None or len(span) < 2:
            continue
        done.add(acronym)
        label = _tagged(span, at)
        if label is None:
            label = _label(span, places) if _free(span, at) else None
            if label is None:
                continue
            out.append(Span(doc, span.start, span.end, label=label))
            taken.update(range(span.start, span.end))
        for i in uses.get(acronym, ()):
            if i >= span.end and i not in taken:
                out.append(Span(doc, i, i + 1, label=label))
                taken.add(i)
    return out


def _tagged(span: Span, at: dict[int, Span]) -> str | None:
    """The label of an organisation or law the model found as this very name (perhaps with
    "the" before it), so that later bare uses of its acronym are that name too."""
    other = at.get(span.end - 1)
    if other is not None and other.end == span.end and \
            span.start - 1 <= other.start <= span.start and other.label_ in {"ORG", "LAW"}:
        return other.label_
    return None
