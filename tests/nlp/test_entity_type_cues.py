"""Entity types from small context cues (`bot.nlp.type_cues`, `bot.nlp.place_types`), on
sentences of our own. Spans are set by hand with the model's likely wrong label, so each rule
is tested whatever the model predicts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.nlp.analyzer import Analyzer
from bot.nlp.entities import initial_acronyms
from bot.nlp.model import entity_fixes
from bot.nlp.place_types import agree_places
from tests.nlp.entity_support import fixed_entities

pytestmark = pytest.mark.spacy


@pytest.fixture(scope="module")
def nlp(analyzer: Analyzer) -> Language:
    return analyzer.nlp


def test_country_acronym_inside_a_name_is_an_organisation(nlp: Language) -> None:
    text = "USA Swimming praised the squad, and Team GB thanked UAE Rowing for its help."
    ents = fixed_entities(nlp, text, [("USA Swimming", "PERSON"), ("Team GB", "PERSON"),
                                      ("UAE Rowing", "PERSON")])
    assert ents == {"USA Swimming": "ORG", "Team GB": "ORG", "UAE Rowing": "ORG"}


def test_owned_modifier_and_posted_on_name_a_platform(nlp: Language) -> None:
    text = "The singer deleted her Instagram account and later wrote on Threads that she was fine."
    ents = fixed_entities(nlp, text, [("Instagram", "PERSON"), ("Threads", "PERSON")])
    assert ents == {"Instagram": "ORG", "Threads": "ORG"}


def test_a_person_stays_a_person_after_a_possessive_without_a_noun(nlp: Language) -> None:
    text = "The mayor met her Hamilton at noon."
    assert fixed_entities(nlp, text, [("Hamilton", "PERSON")]) == {"Hamilton": "PERSON"}


def test_kind_before_name_is_an_organisation(nlp: Language) -> None:
    text = "The French magazine Le Point and the airline Qantas both reported a loss."
    ents = fixed_entities(nlp, text, [("Le Point", "PERSON"), ("Qantas", "PERSON")])
    assert ents == {"Le Point": "ORG", "Qantas": "ORG"}


def test_which_based_and_employer_cues(nlp: Language) -> None:
    text = ("Denver-based Brightwell Clinic opened a branch. Patients praised Glowhaus, which "
            "has four sites. Fitch's Maria Lopez said rates would rise.")
    ents = fixed_entities(nlp, text, [("Brightwell Clinic", "PERSON"), ("Glowhaus", "PERSON"),
                                      ("Fitch", "PERSON"), ("Maria Lopez", "PERSON")])
    assert ents["Brightwell Clinic"] == "ORG"
    assert ents["Glowhaus"] == "ORG"
    assert ents["Fitch"] == "ORG"
    assert ents["Maria Lopez"] == "PERSON"


def test_acronyms_are_not_people_but_mixed_case_surnames_are(nlp: Language) -> None:
    text = "NatWest and the FCA met, and McKenzie said the talks went well."
    ents = fixed_entities(nlp, text, [("FCA", "PERSON"), ("McKenzie", "PERSON")])
    assert ents == {"FCA": "ORG", "McKenzie": "PERSON"}


def test_kind_apposition_read_from_the_words(nlp: Language) -> None:
    text = "The fine was set by Finanssivalvonta, the financial watchdog in Helsinki."
    ents = fixed_entities(nlp, text, [("Finanssivalvonta", "PERSON"), ("Helsinki", "GPE")])
    assert ents["Finanssivalvonta"] == "ORG"


def test_place_heads_make_places(nlp: Language) -> None:
    text = "Rents rose in the Marigny neighbourhood and near Aldgate station."
    ents = fixed_entities(nlp, text, [("Marigny", "ORG"), ("Aldgate", "PERSON")])
    assert ents == {"Marigny": "LOC", "Aldgate": "FAC"}


def test_kind_of_place_is_the_place(nlp: Language) -> None:
    text = "The Emirate of Sharjah and the State of Ohio signed the pact."
    ents = fixed_entities(nlp, text, [("Emirate of Sharjah", "ORG"), ("State of Ohio", "ORG")])
    assert ents == {"Emirate of Sharjah": "GPE", "State of Ohio": "GPE"}


def test_title_before_a_name_with_a_particle(nlp: Language) -> None:
    text = "Airbus chief executive Pierre van Damme cancelled the visit."
    ents = fixed_entities(nlp, text, [("Airbus", "ORG"), ("Pierre van Damme", "ORG")])
    assert ents["Pierre van Damme"] == "PERSON"


def test_native_currency_names_are_not_organisations(nlp: Language) -> None:
    text = "The fee was paid in Reais, and Franco signed the receipt."
    ents = fixed_entities(nlp, text, [("Reais", "ORG"), ("Franco", "PERSON")])
    assert ents["Reais"] == "PRODUCT"
    assert ents["Franco"] == "PERSON"


def test_a_town_the_model_also_calls_a_place_is_a_place(nlp: Language) -> None:
    text = "Troops landed on Aleppo in May. Fighting near Aleppo went on for weeks."
    ents = fixed_entities(nlp, text, [("Aleppo", "PERSON"), ("Aleppo", "GPE")])
    assert ents == {"Aleppo": "GPE"}


def test_a_town_that_speaks_stays_a_person(nlp: Language) -> None:
    text = "Lincoln said the vote was close. Fans waited in Lincoln all night."
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp(text)
    first = doc.char_span(0, 7, label="PERSON")
    at = text.rindex("Lincoln")
    second = doc.char_span(at, at + 7, label="GPE")
    assert first is not None and second is not None
    assert [s.label_ for s in agree_places([first, second])] == ["PERSON", "GPE"]


def test_coordinated_names_take_their_shared_head(nlp: Language) -> None:
    text = "The Housing and Urban Renewal Ministry paid the grant."
    ents = fixed_entities(nlp, text, [("Housing", "ORG")])
    assert ents == {"Housing and Urban Renewal Ministry": "ORG"}


def test_coordinated_portfolio_before_a_minister_is_no_name(nlp: Language) -> None:
    text = "Adeyemi, the Trade and Industrial Policy Minister, spoke first."
    ents = fixed_entities(nlp, text, [("Adeyemi", "PERSON"), ("Trade", "PERSON")])
    assert ents == {"Adeyemi": "PERSON"}


def test_an_acronym_is_not_spelled_by_a_name_that_holds_it(nlp: Language) -> None:
    assert initial_acronyms({"GB"}, {"GB Badminton"}) == {}
    assert initial_acronyms({"CBN"}, {"Central Bank Nigeria"}) == {"CBN": "Central Bank Nigeria"}


def test_last_word_gives_street_event_and_product_types(nlp: Language) -> None:
    text = ("The shop on Elm Ave. sold tickets to Harbour Fest, the new Pixel Pro and coins of "
            "Golden Tether; buyers paid with an iPhone.")
    ents = fixed_entities(nlp, text, [("Elm Ave.", "ORG"), ("Harbour Fest", "ORG"),
                                      ("Pixel Pro", "PERSON"), ("Golden Tether", "PERSON"),
                                      ("iPhone", "ORG")])
    assert ents["Elm Ave"] == "FAC"  # the full stop ends the sentence's abbreviation
    assert ents["Harbour Fest"] == "EVENT"
    assert ents["Pixel Pro"] == "PRODUCT"
    assert ents["Golden Tether"] == "PRODUCT"
    assert ents["iPhone"] == "PRODUCT"


def test_a_person_listed_among_organisations_is_one(nlp: Language) -> None:
    text = "Sponsors include Nike, Ralph Lauren, Pepsi and Heineken."
    ents = fixed_entities(nlp, text, [("Nike", "ORG"), ("Ralph Lauren", "PERSON"),
                                      ("Pepsi", "ORG"), ("Heineken", "ORG")])
    assert ents["Ralph Lauren"] == "ORG"


def test_a_person_listed_among_people_stays_one(nlp: Language) -> None:
    text = "Speakers include Nike, Ralph Lauren and Jane Doe."
    ents = fixed_entities(nlp, text, [("Nike", "ORG"), ("Ralph Lauren", "PERSON"),
                                      ("Jane Doe", "PERSON")])
    assert ents["Ralph Lauren"] == "PERSON"


def test_unknown_place_opening_an_organisation_is_its_short_name(nlp: Language) -> None:
    text = "Regulators licensed Kudora Digital last week. Kudora and two rivals now trade."
    ents = fixed_entities(nlp, text, [("Kudora Digital", "ORG"), ("Kudora", "GPE")])
    assert ents == {"Kudora Digital": "ORG", "Kudora": "ORG"}


def test_founder_of_an_unknown_place_is_an_organisation(nlp: Language) -> None:
    text = "She is the founder of Zenthra, which trains nurses."
    assert fixed_entities(nlp, text, [("Zenthra", "GPE")]) == {"Zenthra": "ORG"}


def test_two_people_are_not_a_coordinated_portfolio(nlp: Language) -> None:
    text = "Talks between Finance Secretary Anna Berg and Prime Minister Tom Hale went well."
    ents = fixed_entities(nlp, text, [("Anna Berg", "PERSON"), ("Tom Hale", "PERSON")])
    assert ents == {"Anna Berg": "PERSON", "Tom Hale": "PERSON"}


def test_shouted_words_are_not_acronyms(nlp: Language) -> None:
    text = "BERLIN , the capital , woke up."
    assert fixed_entities(nlp, text, [("BERLIN", "PERSON")]).get("BERLIN") != "ORG"


def test_an_adjective_is_no_place(nlp: Language) -> None:
    text = "Funding rose for the seven Paralympic sports this year."
    ents = fixed_entities(nlp, text, [("Paralympic", "GPE")])
    assert ents == {}


def test_footnote_marks_do_not_break_a_list_of_places(nlp: Language) -> None:
    text = "Trials ran in Hunan, Wuhan[3], Qingdao and the capital."
    ents = fixed_entities(nlp, text, [("Hunan", "GPE"), ("Qingdao", "PERSON")])
    assert ents["Qingdao"] == "GPE"


def test_names_after_their_kind_are_organisations(nlp: Language) -> None:
    text = ("Data came from research firm Kantor, the charity Books for Prisons and the state "
            "lender, Agribank, while the Unite and GMB unions stayed out; group C met.")
    ents = fixed_entities(nlp, text, [])
    assert ents.get("Kantor") == "ORG"
    assert ents.get("Books for Prisons") == "ORG"
    assert ents.get("Agribank") == "ORG"
    assert ents.get("GMB") == "ORG"
    assert "C" not in ents


def test_exchanges_listed_after_a_plural_kind_stay_apart(nlp: Language) -> None:
    text = "Licences went to local exchanges Kora Digital and Pexa Technologies last week."
    ents = fixed_entities(nlp, text, [])
    assert "Kora Digital and Pexa Technologies" not in ents
    assert ents.get("Kora Digital") == "ORG"


def test_a_second_person_joined_by_and(nlp: Language) -> None:
    text = "The court fined its founders Lena Ortiz and Omar Haddad for the losses."
    ents = fixed_entities(nlp, text, [("Lena Ortiz", "PERSON")])
    assert ents.get("Omar Haddad") == "PERSON"


def test_a_plural_owner_keeps_its_possessive_in_the_name(nlp: Language) -> None:
    text = "The ruling People's Unity Party and the Women's Institute agreed."
    ents = fixed_entities(nlp, text, [("People's Unity Party", "ORG"), ("Women's Institute",
                                                                         "ORG")])
    assert ents == {"People's Unity Party": "ORG", "Women's Institute": "ORG"}


def test_a_source_cited_with_the_is_an_outlet(nlp: Language) -> None:
    text = "The deal is off, according to the Courier, and she told the Herald so."
    ents = fixed_entities(nlp, text, [("Courier", "PRODUCT"), ("Herald", "WORK_OF_ART")])
    assert ents == {"Courier": "ORG", "Herald": "ORG"}


def test_titles_alone_and_calendar_words_are_no_people(nlp: Language) -> None:
    text = "Talks with Datuk Seri went on until 12 March - the board met again."
    ents = fixed_entities(nlp, text, [("Datuk Seri", "PERSON"), ("March", "PERSON")])
    assert ents == {}
    kept = fixed_entities(nlp, "April Ryan asked first, and April said no.",
                          [("April Ryan", "PERSON"), ("April", "PERSON")])
    assert kept == {"April Ryan": "PERSON", "April": "PERSON"}


def test_a_name_cut_from_its_sentence_opener_is_typed_again(nlp: Language) -> None:
    text = "Mountainous Bhutan sells power. Bhutan also mines coins."
    ents = fixed_entities(nlp, text, [("Mountainous Bhutan", "PERSON"), ("Bhutan", "GPE")])
    assert ents == {"Bhutan": "GPE"}


def test_a_town_named_with_its_club_is_the_club(nlp: Language) -> None:
    text = ("Grimsby Rovers lost again. Fans said Grimsby must rebuild, but the stadium in "
            "Grimsby stays open.")
    ents = fixed_entities(nlp, text, [("Grimsby Rovers", "ORG"), ("Grimsby", "PERSON"),
                                      ("Grimsby", "GPE")])
    assert ents["Grimsby Rovers"] == "ORG"
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp(text)
    first, second = (text.index("Grimsby must"), text.rindex("Grimsby"))
    spans = [doc.char_span(0, 14, label="ORG"), doc.char_span(first, first + 7, label="PERSON"),
             doc.char_span(second, second + 7, label="GPE")]
    assert [s.label_ for s in agree_places([s for s in spans if s is not None])] == [
        "ORG", "ORG", "GPE"]


def _agreed(nlp: Language, text: str, preset: list[tuple[str, str]]) -> list[str]:
    """Labels after agree_places of spans preset on `text` in order (no other fix-ups)."""
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp(text)
    spans, cursor = [], 0
    for surface, label in preset:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        span = doc.char_span(start, cursor, label=label)
        assert span is not None
        spans.append(span)
    return [s.label_ for s in agree_places(spans)]


def test_a_known_place_typed_an_organisation_once_is_the_place(nlp: Language) -> None:
    text = "The launch was held in Abuja. Abuja hopes the eNaira will spread."
    assert _agreed(nlp, text, [("Abuja", "GPE"), ("Abuja", "ORG")]) == ["GPE", "GPE"]


@pytest.mark.parametrize(("text", "preset"), [
    ("Liverpool won. Liverpool beat Everton, and fans in Liverpool cheered.",
     [("Liverpool", "ORG"), ("Liverpool", "ORG"), ("Everton", "ORG"), ("Liverpool", "GPE")]),
    ("Fans in Abuja cheered. Abuja's decision surprised them.",
     [("Abuja", "GPE"), ("Abuja", "ORG")]),
])
def test_a_place_more_often_an_organisation_or_possessed_stays_one(
        nlp: Language, text: str, preset: list[tuple[str, str]]) -> None:
    labels = _agreed(nlp, text, preset)
    assert labels[1] == "ORG"


def test_platform_nouns_make_the_name_a_platform(nlp: Language) -> None:
    text = "She opened a Telegram account in May."
    assert fixed_entities(nlp, text, [("Telegram", "PERSON")]) == {"Telegram": "ORG"}


def test_who_published_a_report_is_an_outlet(nlp: Language) -> None:
    text = "A Kompas report said the plan was dropped."
    assert fixed_entities(nlp, text, [("Kompas", "PERSON")]) == {"Kompas": "ORG"}
    text = "Ann Gray wrote it, and a Gray report followed."
    ents = fixed_entities(nlp, text, [("Ann Gray", "PERSON"), ("Gray", "PERSON")])
    assert ents["Gray"] == "PERSON"


def test_two_whole_organisations_are_not_coordinated(nlp: Language) -> None:
    text = "Backers include tech giant Wipro and Google Cloud Services this year."
    ents = fixed_entities(nlp, text, [("Wipro", "ORG"), ("Google Cloud Services", "ORG")])
    assert ents == {"Wipro": "ORG", "Google Cloud Services": "ORG"}


def test_unseen_patterns_that_must_not_fire(nlp: Language) -> None:
    text = "Chris Lane sang with Emma Kirkby and Carolyn Watkinson, which was recorded."
    ents = fixed_entities(nlp, text, [("Chris Lane", "PERSON"), ("Emma Kirkby", "PERSON"),
                                      ("Carolyn Watkinson", "PERSON")])
    assert set(ents.values()) == {"PERSON"}
    owned = fixed_entities(nlp, "He was arrested near his Devon pub.", [("Devon", "PERSON")])
    assert owned.get("Devon") != "ORG"


@pytest.mark.parametrize(("text", "name", "label"), [
    ("Tayaba's chief executive said sales rose.", "Tayaba", "GPE"),
    ("Norvexa's shares fell on Monday.", "Norvexa", "GPE"),
    ("Norvexa executives met the regulator.", "Norvexa", "GPE"),
    ("Gannett will cut 400 jobs, the company said.", "Gannett", "PERSON"),
])
def test_a_firm_cue_makes_an_unknown_place_or_person_an_organisation(
        nlp: Language, text: str, name: str, label: str) -> None:
    assert fixed_entities(nlp, text, [(name, label)]) == {name: "ORG"}


@pytest.mark.parametrize(("text", "name"), [
    ("Britain's chief executive pay rose.", "Britain"),
    ("Texas executives met the regulator.", "Texas"),
])
def test_a_known_place_keeps_its_type(nlp: Language, text: str, name: str) -> None:
    assert fixed_entities(nlp, text, [(name, "GPE")])[name] == "GPE"


@pytest.mark.parametrize(("text", "mentions"), [
    # the name is written as a place one is in, so a firm's cue after it is misread
    ("Unrest grew in Kessaria. A Kessaria spokesperson said calm had returned.", 2),
    ("Floods hit farms across Varnovia. Varnovia's chief executive met aid groups.", 2),
    ("the Kessaria region is poor, and Kessaria's chief executive said so.", 2),
    # no firm has an "executive" that is not its chief, nor are employees or investors a cue
    ("Veltria's executive council met on Monday.", 1),
    ("Quorvia investors marched on Monday.", 1),
])
def test_a_place_the_gazetteer_lacks_is_not_made_a_firm(
        nlp: Language, text: str, mentions: int) -> None:
    name = next(w.strip(".,'s") for w in text.split() if w[:1].isupper() and w.strip(".,'s")
                in {"Kessaria", "Varnovia", "Veltria", "Quorvia"})
    assert fixed_entities(nlp, text, [(name, "GPE")] * mentions) == {name: "GPE"}


def test_a_stake_in_a_name_is_no_place_of_it(nlp: Language) -> None:
    text = "Investors bought a stake in Norvexa. Norvexa's chief executive resigned."
    assert fixed_entities(nlp, text, [("Norvexa", "GPE")] * 2) == {"Norvexa": "ORG"}


def test_a_person_a_firm_speaks_of_stays_a_person(nlp: Language) -> None:
    text = "Tavik Orlenne will step down, the company said."
    assert fixed_entities(nlp, text, [("Tavik Orlenne", "PERSON")]) == {"Tavik Orlenne": "PERSON"}


@pytest.mark.parametrize(("text", "name"), [
    ("Homes near a Tesco sold faster.", "Tesco"),
    ("Living close to an Aldi or a Lidl cuts prices.", "Lidl"),
])
def test_a_one_word_name_after_a_or_an_is_a_shop_not_a_person(
        nlp: Language, text: str, name: str) -> None:
    assert fixed_entities(nlp, text, [(name, "PERSON")]) == {name: "ORG"}


@pytest.mark.parametrize(("text", "name"), [
    ("It was a Trump presidency like no other.", "Trump"),
    ("She met a Mr Smith on Monday.", "Smith"),
    ("One of the speeches was by a Rabbi.", "Rabbi"),
])
def test_a_person_after_a_stays_a_person(nlp: Language, text: str, name: str) -> None:
    assert fixed_entities(nlp, text, [(name, "PERSON")]) == {name: "PERSON"}


def test_an_untagged_repeat_with_a_firm_cue_retypes_every_mention(nlp: Language) -> None:
    text = "Norvexa is set to raise money in Hong Kong. A Norvexa spokesperson declined to comment."
    with nlp.select_pipes(disable=["ner", "pw_entity_ruler", "pw_entity_fixes"]):
        doc = nlp(text)
    first = doc.char_span(0, len("Norvexa"), label="GPE")
    assert first is not None
    doc.ents = [first]
    labels = [(e.text, e.label_) for e in entity_fixes(doc).ents if e.text == "Norvexa"]
    assert labels == [("Norvexa", "ORG"), ("Norvexa", "ORG")]


def test_an_occupation_written_before_a_name_makes_it_a_person(nlp: Language) -> None:
    text = "Long-time Labour supporter Eddie Izzard and rapper Drake joined the Santos striker."
    ents = fixed_entities(nlp, text, [("Labour", "ORG"), ("Eddie Izzard", "ORG"),
                                      ("Drake", "GPE"), ("Santos", "ORG")])
    assert ents["Eddie Izzard"] == "PERSON" and ents["Drake"] == "PERSON"
    assert ents["Santos"] == "ORG"  # the noun after a name is no occupation before it


def test_a_noun_a_firm_is_also_called_does_not_make_a_person(nlp: Language) -> None:
    text = "Shares in rival Northwind fell, and supplier Contoso cut its forecast."
    ents = fixed_entities(nlp, text, [("Northwind", "ORG"), ("Contoso", "ORG")])
    assert ents == {"Northwind": "ORG", "Contoso": "ORG"}
