"""The topic query syntax: parsing and its error messages (no spaCy)."""

from __future__ import annotations

import pytest

from bot.domain.query import And, Near, Not, Or, Phrase, QueryError, Regex, parse_query


def test_bare_words_next_to_each_other_are_one_phrase() -> None:
    assert parse_query("strategic bitcoin reserve") == Phrase(
        ("strategic", "bitcoin", "reserve"))


def test_quoted_phrase_is_exact() -> None:
    assert parse_query('"payment stablecoin"') == Phrase(("payment", "stablecoin"), exact=True)


def test_precedence_not_binds_tighter_than_and_than_or() -> None:
    tree = parse_query("a OR b AND NOT c")
    assert tree == Or((Phrase(("a",)), And((Phrase(("b",)), Not(Phrase(("c",)))))))


def test_parentheses_and_the_readme_example() -> None:
    tree = parse_query('(stablecoin OR "payment stablecoin") AND NOT opinion')
    assert tree == And((Or((Phrase(("stablecoin",)), Phrase(("payment", "stablecoin"), True))),
                        Not(Phrase(("opinion",)))))


def test_near_with_distance_and_groups() -> None:
    assert parse_query("bitcoin NEAR/5 reserve") == Near(
        Phrase(("bitcoin",)), Phrase(("reserve",)), 5)
    tree = parse_query("(seized OR confiscated) NEAR/3 bitcoin")
    assert isinstance(tree, Near) and isinstance(tree.left, Or) and tree.distance == 3


def test_regex_term_and_escaped_slash() -> None:
    assert parse_query(r"/e-?naira/ OR /a\/b/") == Or((Regex("e-?naira"), Regex("a/b")))


def test_prefix_wildcard_on_last_word() -> None:
    assert parse_query("crypto regulat*") == Phrase(("crypto", "regulat"), prefix=True)


def test_lowercase_connectives_are_words_of_a_phrase() -> None:
    assert parse_query("research and development") == Phrase(("research", "and", "development"))


@pytest.mark.parametrize(("query", "message"), [
    ("(bitcoin OR crypto", "missing ')'"),
    ("bitcoin)", "unexpected ')'"),
    ("bitcoin AND", "expected a word, phrase, regex or '(' after AND"),
    ("OR bitcoin", "expected a word, phrase, regex or '(' but found OR"),
    ('"payment stablecoin', "unterminated quoted phrase"),
    ('""', "empty quoted phrase"),
    ("/abc", "unterminated regex"),
    ("/(a/", "bad regex"),
    ("/(?<=a)b/", "bad regex"),
    ("bitcoin NAER/5 reserve", "unknown operator 'NAER/5'"),
    ("bitcoin near/5 reserve", "unknown operator 'near/5'"),
    ("bitcoin XOR crypto", "unknown operator 'XOR'"),
    ("bitcoin && crypto", "unknown operator '&&'"),
    ("bitcoin NEAR reserve", "NEAR needs a distance"),
    ("bitcoin NEAR/0 reserve", "NEAR distance must be between 1 and 50"),
    ('"bitcoin" reserve', "missing operator between"),
    ("bitcoin NOT crypto", "missing operator before NOT"),
    ("bitcoin NEAR/3 NOT crypto", "NOT cannot be used inside NEAR"),
    ("re*", "needs at least 3 letters before '*'"),
    ("regulat* framework", "'*' may only end the last word of a phrase"),
    ("", "empty query"),
])
def test_errors_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert message in str(info.value)


def test_error_names_the_character_position() -> None:
    with pytest.raises(QueryError) as info:
        parse_query("bitcoin AND (crypto OR")
    assert info.value.position == 22
    assert str(info.value).startswith("at character 23: ")


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(QueryError, match="nested too deeply"):
        parse_query("(" * 200 + "a" + ")" * 200)
