"""Counts as written: numbers in words, irregular plurals, modifiers before the noun, compounds,
a lone number standing for an earlier noun, vote tallies (two counts of votes, each with its
side), and what stays out (years, ages, durations, ordinals, bill and section numbers)."""

from __future__ import annotations

import pytest

from bot.nlp.figures import find_figures

COUNTS = [  # text, value, unit (the counted noun, as written)
    ("Four banks joined the pilot.", 4, "banks"),
    ("The regulator listed nine offshore exchanges.", 9, "exchanges"),
    ("The firm holds two licences in the region.", 2, "licences"),
    ("The cloud giant sits in four different consortia.", 4, "consortia"),
    ("The board set three criteria for approval.", 3, "criteria"),
    ("Some 300 people attended the hearing.", 300, "people"),
    ("Police shut 45 crypto mining farms last year.", 45, "farms"),
    ("Users opened 40 million crypto wallets.", 40e6, "wallets"),
    ("The governor signed two Senate bills.", 2, "bills"),
    ("It backed the plan with five Democrats.", 5, "Democrats"),
    ("The agency received 420 licence applications.", 420, "applications"),
    ("Regulators named a three-member panel.", 3, "member"),
    ("Users made nearly 71m transactions.", 71e6, "transactions"),
    ("A pilot with 30 trade and service enterprises began.", 30, "enterprises"),
    ("The firm runs about 12 data centers.", 12, "centers"),
    ("The isolated nation of 800,000 voted.", 8e5, "people"),
    # a dotted place abbreviation or a nationality and a modifier before the counted noun
    ("The carrier offered 5.6 million U.S. award seats.", 5.6e6, "seats"),
    ("A total of 179 British service personnel died.", 179, "personnel"),
    ("About 20 million Pakistanis live abroad.", 2e7, "people"),
    # a country's acronym is no pronoun, a country's name no counted noun
    ("Roughly 13,000 US troops remain there.", 13000, "troops"),
    ("Two United States service members were hurt.", 2, "members"),
    ("The carrier has a fleet of 270 aircraft.", 270, "aircraft"),  # same in the plural
    ("A record crowd of 30,000 gathered at dawn.", 30000, "people"),
    # points are counted: an index's move, a league gap
    ("The Dow Jones Industrial Average fell 102.2 points.", 102.2, "points"),
    ("QPR are four points clear at the top.", 4, "points"),
]


@pytest.mark.parametrize(("text", "value", "unit"), COUNTS)
def test_count(text: str, value: float, unit: str) -> None:
    counts = [f for f in find_figures(text) if f.kind == "count"]
    assert [(f.value, f.unit) for f in counts] == [(pytest.approx(value), unit)]


def test_lone_numbers_take_the_earlier_noun() -> None:
    text = "Of the 49 registered platforms, 45 are local, while four operate abroad."
    got = [(f.value, f.unit) for f in find_figures(text)]
    assert got == [(49, "platforms"), (45, "platforms"), (4, "platforms")]


def test_an_adverb_in_s_is_not_the_noun() -> None:
    text = "Of 49 platforms, four operate overseas."
    assert [(f.value, f.unit) for f in find_figures(text)] == [(49, "platforms"), (4, "platforms")]


def test_either_or_is_a_range() -> None:
    (fig,) = find_figures("Three or four members opposed it.")
    assert (fig.value, fig.value_high, fig.unit) == (3, 4, "members")


@pytest.mark.parametrize(("text", "value"), [
    ("Of the 49 registered platforms, 45 are based in India.", 45),  # "are": not the area unit
    ("Two men were hurt and one died.", 1),
])
def test_a_lone_number_before_a_verb_still_counts(text: str, value: float) -> None:
    assert value in [f.value for f in find_figures(text) if f.kind == "count"]


def test_more_of_an_earlier_count() -> None:
    text = "Twelve farms run now, with four more under construction."
    assert [(f.value, f.unit) for f in find_figures(text)] == [(12, "farms"), (4, "farms")]


@pytest.mark.parametrize(("text", "yes", "no"), [
    ("The Senate passed the bill 68-30 on Tuesday.", 68, 30),
    ("The chamber backed it by 308 to 122.", 308, 122),
    ("It survived a 25-5 Senate vote in March.", 25, 5),
    ("The House voted 34–22 for the plan.", 34, 22),
    ("The panel split 7-2.", 7, 2),
])
def test_vote_tally(text: str, yes: float, no: float) -> None:
    figs = find_figures(text)
    assert [(f.value, f.unit, f.kind, f.measure_hint) for f in figs] == [
        (yes, "votes", "count", "votes in favour"), (no, "votes", "count", "votes against")]


def test_votes_in_favour_and_against() -> None:
    text = "Congress approved the law with 55 votes in favor and two against."
    figs = find_figures(text)
    assert [(f.value, f.unit, f.measure_hint) for f in figs] == [
        (55, "votes", "votes in favour"), (2, "votes", "votes against")]


@pytest.mark.parametrize("text", [
    "The law takes effect in 2026.",
    "She is 45 years old.",
    "He served four years as governor.",
    "It was the 21st attempt.",
    "SB 21 passed the chamber.",
    "Section 230 shields platforms.",
    "The G20 summit opened.",
    "It lasted two weeks.",
    "It was one of the largest exchanges.",
    "The fund lost 10-12 years of gains.",
    "She backed the clinic and has the treatment two to three times a week.",
    "Sales rose from 10 to 12 on Friday.",
])
def test_not_counts(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "count"] == []


NOT_ELLIPTIC = [  # a lone number after an earlier count that does not stand for its noun
    ("Lena Park, 34, faces four counts; Mart Kask, 41, faces two.", 41),
    ("The pilot added 30 merchants (Season 2 is free to join).", 2),
    ("The exchange minted 500 tokens and burned them 22 minutes later.", 22),
    ("The bank approved 12 loans and froze them 3 hours later.", 3),
    ("It is an eight-page contract that one client called a novel.", 1),  # a noun follows
]


@pytest.mark.parametrize(("text", "value"), NOT_ELLIPTIC)
def test_an_age_a_name_number_or_a_duration_is_not_an_elliptic_count(text: str,
                                                                       value: float) -> None:
    found = find_figures(text)
    assert found, "the earlier count itself is found"
    assert value not in [f.value for f in found]


def test_an_index_name_is_no_count_of_the_last_noun() -> None:
    found = find_figures("The Dow fell 102.2 points, the S&P 500 lost 1.85 points and the "
                         "FTSE 100 rose 20 points.")
    assert [(f.value, f.unit) for f in found] == [(102.2, "points"), (1.85, "points"),
                                                  (20, "points")]


def test_gapping_after_a_name_still_counts() -> None:
    found = find_figures("The games yielded 67 medals and the Paralympics 147.")
    assert (147, "medals") in [(f.value, f.unit) for f in found]


@pytest.mark.parametrize("text", [
    "Level three apprenticeships should come first.",
    "Only tier two banks may apply.",
    "The firm asked for a multi-million pound loan.",
])
def test_labels_and_vague_amounts_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_year_before_over_is_not_a_ratio() -> None:
    found = find_figures("Since 2010 over a million people have become apprentices.")
    assert [(f.value, f.unit) for f in found] == [(1e6, "people")]


@pytest.mark.parametrize(("text", "expected"), [
    ("So far 31 of 48 provinces have joined.", [(31, "provinces"), (48, "provinces")]),
    ("Three of the lenders were fined.", [(3, "lenders")]),
    ("It is one of the largest lenders.", []),
    # "the" must not stop short inside "these" and leave "se" as the noun
    ("India had 2.5 million of these deaths.", [(2.5e6, "deaths")]),
    ("Some 300 of their workers left.", [(300, "workers")]),
    ("The agency listed nine offshore exchanges.", [(9, "exchanges")]),
])
def test_a_part_borrows_the_noun_of_its_whole(text: str,
                                              expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales grew thanks to our One Northwind Store investments.", []),
    ("Two Senate bills passed.", [(2, "bills")]),
    ("Officials said Seven banks joined.", [(7, "banks")]),
])
def test_a_capitalised_number_word_inside_a_name_counts_nothing(
        text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize("text", [
    "She lunched there, but no one recognized her Facebook says it has teams.",
    "One told them stories about the plan.",
])
def test_a_pronoun_ends_the_search_for_a_counted_noun(text: str) -> None:
    assert [f for f in find_figures(text) if f.kind == "count"] == []


@pytest.mark.parametrize("text", [
    "Several thousand teachers surrounded the Statehouse.",
    "A few thousand teachers covered the lawn.",
    "There are only a few million cars in the city.",
    "Dozens of protesters were held overnight.",
    "A couple of hundred people waited outside.",
])
def test_a_vague_scale_is_no_count(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("A hundred workers signed the letter.", [(100, "workers")]),
    ("They sold two dozen licences.", [(24, "licences")]),
    ("The initial dozen offerings were revealed.", [(12, "offerings")]),
    ("It is worth a hundred thousand dollars.", [(100000, "USD")]),
])
def test_a_scale_with_its_number_still_counts(text: str,
                                              expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Its 787-9 Dreamliner seats 290 passengers.", [(290, "passengers")]),
    ("The airline ordered 30 787-9 Dreamliner jets.", [(30, "jets")]),
    ("About 2 000 Americans were evacuated.", [(2000, "people")]),  # spaced thousands stay
    ("The House voted 412-9 Tuesday to pass it.", [(412, "votes"), (9, "votes")]),
    ("In 2019 400 2020 Census forms were lost.", []),
    ("The House voted 308-12 Friday to pass it.", [(308, "votes"), (12, "votes")]),
    ("About 20 000 people marched.", [(20000, "people")]),
])
def test_a_model_number_is_neither_a_count_nor_a_spaced_thousand(
        text: str, expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Nearly 21m (20.87m) personal and 3.51m corporate wallets were opened.",
     [(21e6, "wallets"), (3.51e6, "wallets")]),
    ("It has 200 and 300 members in two chapters.",
     [(200, "members"), (300, "members"), (2, "chapters")]),
    ("It won cases against one firm and 13 individuals.", [(13, "individuals")]),
    # a number that is part of an index's name counts nothing of the list after it
    ("Shares in the S&P 500 and 3 other indexes fell.", [(3, "indexes")]),
    ("The FTSE 100 and two other gauges fell.", [(2, "gauges")]),
])
def test_a_count_in_a_list_takes_the_list_noun(text: str,
                                               expected: list[tuple[float, str]]) -> None:
    assert [(f.value, f.unit) for f in find_figures(text)] == expected


def test_a_denomination_is_no_count() -> None:
    assert [f for f in find_figures("New 2,000 and 500 rupee notes were issued.")
            if f.kind == "count"] == []
