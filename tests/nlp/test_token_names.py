"""A token named by its ticker before a word for a coin ("the LIBRA token") is a product
entity that owns its price moves; capitals without such a word are left as they were.
Sentences of our own."""

from __future__ import annotations

import pytest

from bot.nlp.analyzer import Analyzer
from tests.nlp.entity_helpers import types_of
from tests.nlp.figure_helpers import subjects_by_text

pytestmark = pytest.mark.spacy


@pytest.mark.parametrize(("text", "name", "figure"), [
    ("Argentina's President Javier Milei promoted the LIBRA token, which lost 90% of its "
     "value within hours.", "LIBRA", "90%"),
    ("The TRUMP memecoin fell 12% to $9 on Friday.", "TRUMP", "$9"),
])
def test_a_ticker_before_a_coin_word_is_a_product_that_owns_its_price(
        analyzer: Analyzer, text: str, name: str, figure: str) -> None:
    assert types_of(analyzer, text).get(name) == "PRODUCT"
    assert subjects_by_text(analyzer, text).get(figure) == name


def test_an_agency_in_capitals_is_no_token(analyzer: Analyzer) -> None:
    text = "The SEC sued the issuer of the token, which lost 40% in a day."
    assert types_of(analyzer, text).get("SEC") == "ORG"
