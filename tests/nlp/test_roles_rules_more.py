"""More role and entity rules: the organisation a possessor owns, and others (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from bot.domain.models import ArticleIn
from bot.nlp.analyzer import Analyzer
from tests.nlp.roles_helpers import roles_of

pytestmark = pytest.mark.spacy


def test_possessed_organisation_is_the_org(analyzer: Analyzer) -> None:
    text = "Kenji Sato, the head of Japan's Financial Services Agency, said the rule would apply."
    assert ("head", "Financial Services Agency") in roles_of(analyzer, text)["Kenji Sato"]


def test_possessor_stays_the_org_of_a_plain_noun(analyzer: Analyzer) -> None:
    text = "Laura Brandt, the manager of Coinbase's listing team, left the company last week."
    assert ("manager", "Coinbase") in roles_of(analyzer, text)["Laura Brandt"]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Emeka Obi, the director-general of the Lagos Port Authority, spoke on Monday.",
     "Emeka Obi", ("director-general", "Lagos Port Authority")),
    ("Bo Hines, executive director of the Strategic Reserve Council, spoke first.",
     "Bo Hines", ("executive director", "Strategic Reserve Council")),
])
def test_untagged_person_before_a_title(analyzer: Analyzer, text: str, name: str,
                                        role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize("text", [
    "Green Valley, the largest town in the region, voted for the plan.",
    "Last Friday, the chief executive resigned.",
    "The Central Bank Governor, the deputy governor and two directors met.",
])
def test_no_person_without_a_name_before_a_title(analyzer: Analyzer, text: str) -> None:
    from bot.nlp.spans import titled_people

    doc = analyzer.nlp(text)
    assert titled_people(doc, set()) == []


def _entities(analyzer: Analyzer, text: str) -> dict[str, str]:
    from bot.domain.models import ArticleIn

    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    return {e.name: e.type for e in analysis.entities}


@pytest.mark.parametrize(("text", "name"), [
    ("Bank Negara Malaysia left its policy rate unchanged on Thursday.", "Bank Negara Malaysia"),
    ("The People’s Bank of China widened the digital yuan trial.", "People's Bank of China"),
    ("Officials at Banco Central do Brasil spoke about the pilot.", "Banco Central do Brasil"),
    ("BaFin ordered the broker to stop taking clients.", "BaFin"),
])
def test_gazetteer_central_banks_and_regulators_are_orgs(analyzer: Analyzer, text: str,
                                                          name: str) -> None:
    assert _entities(analyzer, text).get(name) == "ORG"


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Banco Central do Brasil cut rates in May. Brazil's central bank said inflation had "
     "slowed.", "Banco Central do Brasil", ("central bank", "Brazil")),
    ("The Securities Commission Malaysia issued guidance. Malaysia's securities regulator "
     "said firms must register.", "Securities Commission Malaysia",
     ("securities regulator", "Malaysia")),
])
def test_description_of_a_known_public_body(analyzer: Analyzer, text: str, name: str,
                                            role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Maria Gomez chairs the Senate Banking Committee.", "Maria Gomez",
     ("chair", "Senate Banking Committee")),
    ("After the war, Omar Haddad headed the National Oil Company for a decade.",
     "Omar Haddad", ("head", "National Oil Company")),
])
def test_verb_of_holding_gives_a_role(analyzer: Analyzer, text: str, name: str,
                                      role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_verb_with_a_person_object_gives_no_role(analyzer: Analyzer) -> None:
    text = "Maria Gomez led Peter Novak through the building."
    assert "Maria Gomez" not in roles_of(analyzer, text)


@pytest.mark.parametrize(("text", "preset", "want"), [
    ("Quarrix said it would expand its plant in Norway.", ("Quarrix", "PERSON"), "ORG"),
    ("Quarrix said that its revenue rose in May.", ("Quarrix", "PERSON"), "ORG"),
    ("Tomas Verhoeven said he would appeal the ruling.", ("Tomas Verhoeven", "ORG"),
     "PERSON"),
    ("Warren said it was time to act.", ("Warren", "PERSON"), "PERSON"),
    ("Smith said the company would cut its costs.", ("Smith", "PERSON"), "PERSON"),
    ("Acme Holdings said he was wrong.", ("Acme Holdings", "ORG"), "ORG"),
])
def test_pronouns_tell_a_firm_from_a_person(analyzer: Analyzer, text: str,
                                            preset: tuple[str, str], want: str) -> None:
    from tests.nlp.entity_support import fixed_entities

    assert fixed_entities(analyzer.nlp, text, [preset])[preset[0]] == want


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Ghanaian SEC director-general Kofi Mensah said the rules would apply.", "Kofi Mensah",
     ("director-general", "SEC")),
    ("SEC Commissioner Laura Vance spoke on Tuesday.", "Laura Vance", ("Commissioner", "SEC")),
    ("Zentrova CEO Simon Halloway said the firm held 5,000 BTC.", "Simon Halloway",
     ("CEO", "Zentrova")),
    ("Norvane Capital Group, the investment arm of the Bhutanese government, holds bitcoin.",
     "Norvane Capital Group", ("investment arm", "Bhutan")),
])
def test_org_of_a_title_before_the_name(analyzer: Analyzer, text: str, name: str,
                                        role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


@pytest.mark.parametrize(("text", "role"), [
    ("Managing Director Anna Berg said the fund would invest.", ("Managing Director", None)),
    ("Group CEO Anna Berg said the fund would invest.", ("Group CEO", None)),
])
def test_title_words_are_not_a_company(analyzer: Analyzer, text: str,
                                       role: tuple[str, str | None]) -> None:
    assert roles_of(analyzer, text)["Anna Berg"] == {role}


def test_no_name_across_an_unsplit_sentence(analyzer: Analyzer) -> None:
    text = '"We will hold," the minister wrote on X. The Salvadoran government agreed.'
    assert not any("The" in name for name in _entities(analyzer, text))


def test_adviser_to_the_president_is_of_the_country(analyzer: Analyzer) -> None:
    text = ("Kenya hosted the talks. Jane Mwangi, Senior Adviser to the President, said Kenya "
            "would join.")
    assert ("Senior Adviser to the President", "Kenya") in roles_of(analyzer, text)["Jane Mwangi"]


def test_lower_case_service_to_a_president_takes_no_country(analyzer: Analyzer) -> None:
    text = ("Kenya hosted the talks. Jane Mwangi, a lawyer to the president of the club, said "
            "Kenya would join.")
    assert all(org is None for _, org in roles_of(analyzer, text)["Jane Mwangi"])


@pytest.mark.parametrize(("text", "name", "org"), [
    ("Lena Ortiz, who co-founded Zentrova Labs, spoke at the event.", "Lena Ortiz",
     "Zentrova Labs"),
    ("Sam Altman co-founded OpenAI in 2015.", "Sam Altman", "OpenAI"),
])
def test_co_founded_gives_co_founder(analyzer: Analyzer, text: str, name: str,
                                     org: str) -> None:
    assert ("co-founder", org) in roles_of(analyzer, text)[name]


@pytest.mark.parametrize(("text", "name", "want"), [
    ("New York State sued the company in March.", "New York State", "GPE"),
    ("Lagos State banned the rides last year.", "Lagos State", "GPE"),
    ("The Ohio State University won the grant.", "Ohio State University", "ORG"),
])
def test_a_state_named_with_its_kind_is_a_place(analyzer: Analyzer, text: str, name: str,
                                                want: str) -> None:
    assert _entities(analyzer, text).get(name) == want


def test_a_us_state_university_stays_an_org(analyzer: Analyzer) -> None:
    from tests.nlp.entity_support import fixed_entities

    text = "Arizona State beat the visitors on Saturday."
    assert fixed_entities(analyzer.nlp, text, [("Arizona State", "ORG")])["Arizona State"] \
        == "ORG"


@pytest.mark.parametrize(("text", "name", "role"), [
    # a hyphenated portfolio after "of" stays whole; a hyphenated praise of a person goes
    ("Kevin Mayer, chairman of direct-to-consumer and international at Walt Disney Co., "
     "spoke.", "Kevin Mayer", ("chairman of direct-to-consumer and international",
                               "Walt Disney Co.")),
    ("The hard-to-please president Nayib Bukele spoke.", "Nayib Bukele", ("president", None)),
    # a group word that is no country's people is a word of the description
    ("Boko Haram, the militant Islamist group, attacked the town.", "Boko Haram",
     ("militant Islamist group", None)),
    # a list of portfolios after "for" is one role, with its organisation
    ("Linda Smith, board member for leisure, parks and sport at Oxford City Council, spoke.",
     "Linda Smith", ("board member for leisure, parks and sport", "Oxford City Council")),
])
def test_role_words_kept_whole(analyzer: Analyzer, text: str, name: str,
                               role: tuple[str, str | None]) -> None:
    assert role in roles_of(analyzer, text)[name]


def test_bare_plural_kind_before_one_name(analyzer: Analyzer) -> None:
    # the kind may open the sentence (its capital is the sentence's); the name is then a firm
    text = "Pollsters Ipsos Mori asked voters to score the policies."
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    (firm,) = [e for e in analysis.entities if e.name == "Ipsos Mori"]
    assert (firm.type, [(r.text, r.org) for r in firm.roles]) == ("ORG", [("pollster", None)])
    assert ("pollster", None) in roles_of(analyzer, "A poll by pollsters YouGov was out.")["YouGov"]


def test_a_whip_is_a_title(analyzer: Analyzer) -> None:
    text = "The proposal came from Tom Emmer, the House majority whip."
    assert ("majority whip", "House") in roles_of(analyzer, text)["Tom Emmer"]


def test_a_states_party_members_name_the_state(analyzer: Analyzer) -> None:
    # "Louisiana Democrats" read as one name hid the state the governor's office belongs to
    text = "And Louisiana Democrats re-elected Governor John Bel Edwards in a close race."
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    types = {e.name: e.type for e in analysis.entities}
    assert types.get("Louisiana") == "GPE" and "Louisiana Democrats" not in types
    assert ("Governor", "Louisiana") in roles_of(analyzer, text)["John Bel Edwards"]


def test_title_comma_name_opening_a_sentence(analyzer: Analyzer) -> None:
    # West African style: the title, a comma, then the name
    text = "CBN Governor, Godwin Emefiele, said the eNaira would grow."
    analysis = analyzer.analyze(ArticleIn(url=None, title="Test article", text=text))
    assert "CBN Governor" not in {e.name for e in analysis.entities}
    assert ("Governor", "CBN") in roles_of(analyzer, text)["Godwin Emefiele"]
    text = "Senate Leader, Ahmad Lawan raises a motion on the deaths."
    assert ("Leader", "Senate") in roles_of(analyzer, text)["Ahmad Lawan"]
    # not a title the sentence does not open with, before a name that then speaks
    assert "John Smith" not in roles_of(analyzer, "He met the governor, John Smith said.")


def test_the_banks_governor_after_a_countrys_central_bank(analyzer: Analyzer) -> None:
    text = ("Brazil's central bank said on Tuesday it would cap stablecoin transfers.\n\n"
            "Gabriel Galipolo, the bank's governor, said the rule takes effect in February.")
    assert ("governor", "Brazil") in roles_of(analyzer, text)["Gabriel Galipolo"]


def test_sworn_in_as_gives_the_role_without_the_day(analyzer: Analyzer) -> None:
    roles = roles_of(analyzer, "Paul Atkins was sworn in as SEC chairman on Monday.")
    assert roles["Paul Atkins"] == {("chairman", "SEC")}


def test_its_is_the_organisation_not_the_product_it_launched(analyzer: Analyzer) -> None:
    text = ("The Central Bank of Nigeria launched the eNaira in 2021. Its governor, Godwin "
            "Emefiele, called it a milestone.")
    assert roles_of(analyzer, text)["Godwin Emefiele"] == {("governor", "Central Bank of Nigeria")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Anna Lee has succeeded Tom Hart as chief executive of Acme Bank.",
     {"Anna Lee": {("chief executive", "Acme Bank")},
      "Tom Hart": {("former chief executive", "Acme Bank")}}),
    ("Paul Atkins, who replaced Gary Gensler as chairman of the SEC, spoke on Monday.",
     {"Paul Atkins": {("chairman", "SEC")}, "Gary Gensler": {("former chairman", "SEC")}}),
    ("Mary Chen, who joined Acme as finance chief in 2020, left in May.",
     {"Mary Chen": {("finance chief", "Acme")}}),
])
def test_a_succession_gives_both_sides_their_role(analyzer: Analyzer, text: str,
                                                  expected: dict[str, set[tuple[str, str]]]
                                                  ) -> None:
    roles = roles_of(analyzer, text)
    assert {name: roles[name] for name in expected} == expected


@pytest.mark.parametrize(("text", "name", "role"), [
    ("Britain's councils face cuts. Communities Secretary Eric Pickles said the UK must save.",
     "Eric Pickles", ("Communities Secretary", "United Kingdom")),
    ("The United States will build reactors, Energy Secretary Chris Wright said.",
     "Chris Wright", ("Energy Secretary", "United States")),
    ("The union backed the strike. General Secretary Mick Lynch said members in Britain "
     "would walk out.", "Mick Lynch", ("General Secretary", None)),
])
def test_a_cabinet_secretary_is_of_the_country(analyzer: Analyzer, text: str, name: str,
                                               role: tuple[str, str | None]) -> None:
    assert roles_of(analyzer, text)[name] == {role}
