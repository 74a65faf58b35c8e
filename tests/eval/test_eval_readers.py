"""CoNLL readers, tag schemes, label mapping and char-to-token alignment on inline samples."""

from __future__ import annotations

from pathlib import Path

from bench.eval.conll import (
    SPACY_TO_CONLL,
    WNUT_TO_CONLL,
    char_to_token_spans,
    read_conll2003,
    read_wnut17,
    rebuild,
    tags_to_spans,
)

CONLL_SAMPLE = """-DOCSTART- -X- -X- O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
hired VBD I-VP O
Jane NNP I-NP I-PER
Roe NNP I-NP I-PER
in IN I-PP O
Lagos NNP I-NP I-LOC
. . O O

Ann NNP I-NP I-PER
Bob NNP I-NP B-PER
met VBD I-VP O
"""

WNUT_SAMPLE = "saw\tO\nthe\tO\nCoinbase\tB-corporation\napp\tO\nin\tO\nNew\tB-location\n" \
    "York\tI-location\nwith\tO\nDune\tB-creative-work\n\nhi\tO\n"


def test_iob1_reader_builds_text_offsets_and_spans(tmp_path: Path) -> None:
    path = tmp_path / "eng.sample"
    path.write_text(CONLL_SAMPLE, encoding="utf-8")
    sents = read_conll2003(path)
    assert len(sents) == 2
    first = sents[0]
    assert first.text == "Acme Corp hired Jane Roe in Lagos ."
    assert first.offsets[3] == (16, 20)
    assert first.gold == ((0, 2, "ORG"), (3, 5, "PER"), (6, 7, "LOC"))
    # IOB1: B- splits two touching entities of the same type.
    assert sents[1].gold == ((0, 1, "PER"), (1, 2, "PER"))


def test_bio_reader_maps_wnut_types(tmp_path: Path) -> None:
    path = tmp_path / "wnut.sample"
    path.write_text(WNUT_SAMPLE, encoding="utf-8")
    sents = read_wnut17(path)
    assert [len(s.tokens) for s in sents] == [9, 1]
    assert sents[0].gold == ((2, 3, "ORG"), (5, 7, "LOC"), (8, 9, "MISC"))
    assert sents[1].gold == ()


def test_tags_to_spans_differs_between_type_changes_and_schemes() -> None:
    assert tags_to_spans(["I-PER", "I-ORG"], "iob1") == [(0, 1, "PER"), (1, 2, "ORG")]
    assert tags_to_spans(["B-PER", "I-PER", "O", "I-LOC"], "bio") == [(0, 2, "PER"),
                                                                    (3, 4, "LOC")]
    assert tags_to_spans(["O", "O"], "bio") == []


def test_label_maps_follow_the_agreed_table() -> None:
    assert SPACY_TO_CONLL["PERSON"] == "PER"
    assert {SPACY_TO_CONLL[k] for k in ("GPE", "LOC", "FAC")} == {"LOC"}
    assert {SPACY_TO_CONLL[k] for k in ("NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
                                        "LANGUAGE")} == {"MISC"}
    for numeric in ("DATE", "MONEY", "CARDINAL", "PERCENT", "QUANTITY", "ORDINAL", "TIME"):
        assert numeric not in SPACY_TO_CONLL
    assert WNUT_TO_CONLL["group"] == WNUT_TO_CONLL["corporation"] == "ORG"
    assert WNUT_TO_CONLL["creative-work"] == WNUT_TO_CONLL["product"] == "MISC"


def test_char_spans_align_to_tokens_or_count_as_misses() -> None:
    text, offsets = rebuild(["Bank", "of", "Ghana", "said", "so"])
    assert text == "Bank of Ghana said so"
    spans, bad = char_to_token_spans(offsets, [
        (0, 13, "ORG"),     # whole tokens -> kept
        (8, 11, "GPE"),     # "Gha" ends mid-token -> misaligned, unmatchable
        (14, 18, "DATE"),   # numeric/other label -> dropped
    ])
    assert spans[0] == (0, 3, "ORG")
    assert bad == 1
    assert len(spans) == 2
    assert spans[1][0] < 0  # cannot equal any gold token span
