"""Attribution rules from the facts eval's error classes, on sentences written for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from bot.domain.models import ArticleIn
from tests.nlp.figure_helpers import subject_of, subjects_by_text

if TYPE_CHECKING:
    from bot.nlp.analyzer import Analyzer

pytestmark = pytest.mark.spacy


def test_a_plural_definite_description_is_not_the_last_organisation(analyzer: Analyzer) -> None:
    text = ("The Ontario Securities Agency opened a review of Northwind Exchange in March. "
            "Since then the agency has audited about half of the registered operators.")
    assert subject_of(analyzer, text, "half") == "Ontario Securities Agency"


def test_an_organisation_owns_the_figures_it_announces(analyzer: Analyzer) -> None:
    text = ("Estonia opened its market to foreign brokers in May. The krone will trade within "
            "a band of 8 to 9 krone to the euro, the Estonian Monetary Authority added.")
    assert subject_of(analyzer, text, "krone to the euro") == "Estonian Monetary Authority"


def test_a_person_who_says_a_figure_is_still_only_its_source(analyzer: Analyzer) -> None:
    text = ("Estonia opened its market to foreign brokers in May. The sector will draw "
            "$40 million in new investment, Mart Kask said.")
    assert subject_of(analyzer, text, "$40 million") == "Estonia"


def test_what_a_person_possesses_stays_with_the_person(analyzer: Analyzer) -> None:
    text = ("Estonia's president Lena Park is popular online. Lena Park's Twitter audience is "
            "30 per cent fake, according to an audit, along with 12 per cent of Mart Kask's.")
    assert subject_of(analyzer, text, "30 per cent") == "Lena Park"
    assert subject_of(analyzer, text, "12 per cent") == "Mart Kask"


def test_a_persons_programme_is_their_offices(analyzer: Analyzer) -> None:
    text = ("Lena Park is the finance minister of Estonia. Lena Park's new programme could "
            "reach about 40,000 small firms.")
    assert subject_of(analyzer, text, "40,000") != "Lena Park"


def test_a_person_without_an_office_keeps_their_figures(analyzer: Analyzer) -> None:
    text = ("A court in Tallinn heard the case on Monday. Priya Nand was charged with four "
            "counts of fraud and must post a $20,000 bond.")
    assert subject_of(analyzer, text, "four counts") == "Priya Nand"


def test_a_person_with_an_office_gives_its_figures_to_the_office(analyzer: Analyzer) -> None:
    text = ("Mart Kask, the chief executive of Northwind Exchange, spoke in Tallinn. Kask "
            "hired 300 engineers last year.")
    assert subject_of(analyzer, text, "300 engineers") == "Northwind Exchange"


def test_a_name_deep_in_an_according_to_phrase_is_a_source(analyzer: Analyzer) -> None:
    text = ("Estonia wants more miners. According to the Minister of Digital Affairs, Energy "
            "and Transport Mart Kask, the mining sector is expected to attract investments "
            "worth $300 million in the coming years.")
    assert subject_of(analyzer, text, "$300 million", "Estonia courts miners") == "Estonia"


def test_a_share_of_what_a_person_possesses_is_theirs(analyzer: Analyzer) -> None:
    text = ("Lena Park, the chief executive of Northwind Exchange, is popular online. No more "
            "than 40 per cent of her Twitter fan base consists of real people.")
    assert subject_of(analyzer, text, "40 per cent") == "Lena Park"


def test_a_place_named_only_as_where_things_happen_is_not_the_mainsubject_of(
        analyzer: Analyzer) -> None:
    text = ("Northwind Exchange opened an office in Tallinn. Rents in Tallinn are high. "
            "Staff in Tallinn enjoy the sea. Northwind Exchange also hired engineers. "
            "Revenue reached $40 million last year.")
    assert subject_of(analyzer, text, "$40 million") == "Northwind Exchange"


def test_examples_of_the_counted_things_are_not_their_owner(analyzer: Analyzer) -> None:
    text = ("Estonia tightened its crypto licensing rules last year. More than 40 firms have "
            "withdrawn their applications, including Northwind Exchange.")
    assert subject_of(analyzer, text, "40 firms", "Estonia tightens crypto rules") == "Estonia"


def test_a_crypto_asset_owns_what_it_possesses(analyzer: Analyzer) -> None:
    text = ("The Estonian central bank studied reserves this year. Bitcoin's 120% returns "
            "in 2024 have drawn the attention of large funds.")
    assert subject_of(analyzer, text, "120%") == "Bitcoin"


def test_the_state_of_a_named_place_is_that_place(analyzer: Analyzer) -> None:
    text = ("Mining rules differ across the United States. The state of Oregon is estimated "
            "to host about 14 data centers.")
    assert subject_of(analyzer, text, "14 data centers", "US mining rules") == "Oregon"


STORY_OF_ONE_PERSON = (
    "Gary Miller, 41, of Leeds, West Yorkshire, ran the scheme for six years. Miller took "
    "out loans under false names. Investigators said Miller moved the money abroad. Police "
    "found that Miller had hidden cash in Leeds. Cash worth £45,000 was found in the attic. "
    "Prosecutor Ann Reid said the case was unusual."
)
QUOTED_EXPERT = (
    "A study by the charity Tablets for Schools looked at 2,000 pupils. "
    "About 45% of pupils used a tablet at home, Barbie Clarke said. Clarke said the "
    "figure had doubled. Clarke said schools were slow. Clarke said parents worried. "
    "A quarter of the pupils had their own device."
)


def test_a_story_about_one_person_files_unowned_figures_under_them(analyzer: Analyzer) -> None:
    # a person with no organisation, named far more than any place, is the story's subject;
    # the place of their address is not
    assert subjects_by_text(analyzer, STORY_OF_ONE_PERSON)["£45,000"] == "Gary Miller"


def test_a_quoted_expert_is_no_story_subject(analyzer: Analyzer) -> None:
    subjects = subjects_by_text(analyzer, QUOTED_EXPERT)
    assert subjects["A quarter"] != "Barbie Clarke"


def test_the_place_in_a_currency_name_does_not_own_the_amount(analyzer: Analyzer) -> None:
    text = ("Investors have been told 176 Hong Kong dollars per share will be the maximum "
            "price, the online retailer Northwind said. Regulators shut 12 Nigerian banks.")
    assert subject_of(analyzer, text, "176 Hong Kong dollars") == "Northwind"
    assert subject_of(analyzer, text, "12 Nigerian banks") == "Nigeria"  # counted things' place


def test_a_population_counts_people_and_its_change_is_two_figures(analyzer: Analyzer) -> None:
    text = ("Estonia's population will rise from 1.3 million to 1.5 million by 2050, the "
            "statistics office said. Nigeria has a population of 200 million.")
    figures = analyzer.analyze(ArticleIn(url=None, title="", text=text)).figures
    assert [(f.subject, f.value, f.unit, f.value_high) for f in figures] == [
        ("Estonia", 1.3e6, "people", None), ("Estonia", 1.5e6, "people", None),
        ("Nigeria", 2e8, "people", None)]


def test_a_place_where_people_were_asked_to_do_something_is_no_speech_setting(
        analyzer: Analyzer) -> None:
    text = ("Ikea opened a quiet hour for shoppers. In the UK, more than a quarter of autistic "
            "people have been asked to leave a public place, such as a restaurant.")
    assert subject_of(analyzer, text, "a quarter") == "United Kingdom"
