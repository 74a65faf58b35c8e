"""Figures are found once per article: the summary's per-sentence figure counts reuse the
article's figure pass (mapped to sentences by character offset), with the same summaries and
analyses as the previous path that matched figures to sentences by their text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.models import Analysis, ArticleIn
from bot.nlp import analyzer as analyzer_module
from bot.nlp.analyzer import Analyzer
from bot.nlp.summarize import summarize_sentences
from tests.nlp.conftest import read_original_seed, read_our_seed

pytestmark = pytest.mark.spacy

OWN_ARTICLES = [
    ArticleIn(url=None, title="Kenya taxes crypto trades", text=(
        "Kenya's Treasury proposed a 3% excise duty on crypto transfers on Tuesday.\n\n"
        "The Capital Markets Authority said about 4.2 million Kenyans hold digital assets, "
        "worth an estimated $1.5 billion.\n\nLawmakers will debate the bill next month. "
        "Exchanges such as Binance warned that volumes could fall by up to 40%.\n\n"
        "The National Treasury expects to raise 2 billion shillings ($15.5 million) a year.")),
    ArticleIn(url=None, title="Grid operator adds storage", text=(
        "The Texas grid operator ERCOT approved 1,200 MW of new battery storage.\n\n"
        "The projects will store about 4,800 MWh, enough for 250,000 homes at peak demand. "
        "Officials said prices fell 12% last summer as solar output rose.\n\n"
        "No figures were given for the cost of the next phase.")),
]


def _previous_counts(analysis: Analysis) -> list[int]:
    """The previous path: the article's figures matched to sentences by sentence text."""
    per = Counter(f.sentence for f in analysis.figures)
    return [per[s] for s in analysis.sentences]


def _features(analyzer: Analyzer, article: ArticleIn) -> tuple[list[int], list[int],
                                                                list[bool]]:
    return analyzer.summary_inputs(article.text, article.title)[1:]  # type: ignore[return-value]


def _articles() -> list[ArticleIn]:
    return [*OWN_ARTICLES, read_our_seed()]


@pytest.mark.parametrize("index", range(3))
def test_summary_and_analysis_match_previous_path(analyzer: Analyzer, index: int) -> None:
    article = _articles()[index]
    analysis = analyzer.analyze(article)
    figures, entities, fragments = _features(analyzer, article)
    assert figures == _previous_counts(analysis)
    previous_summary = summarize_sentences(list(analysis.sentences), analyzer.summary_sentences,
                                           _previous_counts(analysis), entities,
                                           fragments=fragments)
    assert list(analysis.summary) == previous_summary
    assert sum(figures) == len(analysis.figures) > 0
    assert analyzer.analyze_many([article])[0] == analysis


def test_original_seed_matches_previous_path(analyzer: Analyzer) -> None:
    article = read_original_seed()
    analysis = analyzer.analyze(article)
    figures, entities, fragments = _features(analyzer, article)
    assert figures == _previous_counts(analysis)
    assert list(analysis.summary) == summarize_sentences(
        list(analysis.sentences), analyzer.summary_sentences, _previous_counts(analysis),
        entities, fragments=fragments)


def test_find_figures_runs_once_per_sentence(analyzer: Analyzer,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real: Callable[..., Any] = analyzer_module.find_figures

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(analyzer_module, "find_figures", counting)
    article = read_our_seed()
    analysis = analyzer.analyze(article)
    doc = analyzer.nlp(analysis.clean_text)
    assert len(calls) == len(list(doc.sents))  # one figure pass, none for the summary
    assert len(set(calls)) == len(calls)


def test_repeated_sentences_keep_their_own_counts(analyzer: Analyzer) -> None:
    # Two sentences with the same words: matched by text, each got both sentences' figures
    # (4 and 4); by offset each counts its own two, though the analysis lists them once.
    line = "The fund bought 500 BTC for $30 million."
    text = f"{line}\n\nRegulators said nothing on Friday about the purchase.\n\n{line}"
    sentences, figures, _, _ = analyzer.summary_inputs(text)
    assert sentences == [line, "Regulators said nothing on Friday about the purchase.", line]
    assert figures == [2, 0, 2]
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert len(analysis.figures) == 2  # the repeat is listed once (test_figures_repeated.py)
    assert _previous_counts(analysis) == [2, 0, 2]
