"""A name the model tagged once is the same name where it left another mention untagged."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from bot.nlp.model import entity_fixes


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


def _fixed(nlp: Language, text: str, at: int, size: int, label: str) -> list[tuple[int, str]]:
    """(start char, label) of every entity after our fix-ups, when the model's only entity
    is text[at:at + size] with `label`."""
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp(text)
    span = doc.char_span(at, at + size, label=label)
    assert span is not None
    doc.ents = [span]
    return [(e.start_char, e.label_) for e in entity_fixes(doc).ents]


def test_an_untagged_earlier_mention_takes_the_tagged_ones_type(nlp: Language) -> None:
    text = "Zorvex is set to raise $2bn in Lisbon. A Zorvex spokesman declined to comment."
    later = text.rindex("Zorvex")
    found = _fixed(nlp, text, later, 6, "ORG")
    assert (0, "ORG") in found and (later, "ORG") in found


def test_a_name_of_several_words_is_found_again_whole(nlp: Language) -> None:
    text = "Investing Solutions housed him. Records show Investing Solutions was paid."
    later = text.rindex("Investing")
    assert (text.index("Investing"), "ORG") in _fixed(nlp, text, later, 19, "ORG")


@pytest.mark.parametrize(("text", "label"), [
    # a month the model once took for a given name stays a month elsewhere
    ("June Kelly spoke. The vote is in June.", "PERSON"),
    # an English word opening a sentence is no mention of the firm of that name
    ("Strategy bought more. Strategy matters, the chair said.", "ORG"),
    # part of a longer capitalised name is not that name
    ("Kestrel said so. Then Kestrel Harbour Trust disagreed.", "ORG"),
    # a short acronym the model once took for a name ("the torque about the COM")
    ("COM is the centre of mass. The torque about the COM is zero.", "ORG"),
])
def test_words_that_only_look_like_the_name_are_left(nlp: Language, text: str,
                                                     label: str) -> None:
    first = text.split()[0]
    second = text.index(first, len(first))
    starts = {start for start, _ in _fixed(nlp, text, 0, len(first), label)}
    assert second not in starts


def test_figures_of_the_untagged_mention_are_the_names(analyzer: Analyzer) -> None:
    # the model tags the second "Alibaba" only; the sum raised is the firm's, not the city's
    text = ("Alibaba is set to raise up to $12.9bn (£10bn) from its second listing in Hong "
            "Kong, pricing its shares at a 2.8 per cent discount. A Alibaba spokesperson "
            "declined to comment.")
    analysis = analyzer.analyze(ArticleIn(url=None, title="", text=text))
    assert [f.subject for f in analysis.figures if f.unit == "USD"] == ["Alibaba"]
