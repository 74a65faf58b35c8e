"""Boilerplate removal (no spaCy)."""

from __future__ import annotations

import pytest

from bot.nlp.clean import clean_text, content_lines, is_boilerplate, is_heading


@pytest.mark.parametrize("line", [
    "Also Read: Some Other Story About Regulators",
    "Read more: what the bill says",
    "Related: Markets rally on news",
    "Share on Twitter",
    "Facebook Twitter LinkedIn",
    "Photo: A miner at work in a facility.",
    "Advertisement",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(("line", "heading"), [
    ("Conclusion", True),
    ("Bitcoin Strategy Cemented in New Diplomatic Ties", True),
    ("The central bank said it would review the rules.", False),
    ("“We will move ahead,” the minister said.", False),
])
def test_headings(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_clean_keeps_content_in_order() -> None:
    text = ("First paragraph ends here.\nA Section Title\nSecond paragraph ends here.\n"
            "Also Read: Another Story\n")
    assert content_lines(text) == ["First paragraph ends here.", "Second paragraph ends here."]


def test_hard_wrapped_paragraph_is_joined_not_dropped() -> None:
    text = ("Regulators in the capital said on Monday that the new licensing regime for\n"
            "exchanges would start next year.\n\nConclusion\n")
    assert clean_text(text) == ("Regulators in the capital said on Monday that the new licensing "
                                "regime for exchanges would start next year.")


def test_bullets_are_stripped() -> None:
    assert content_lines("  • The reserve holds coins.\n") == ["The reserve holds coins."]


@pytest.mark.parametrize("line", [
    "Editorial credit: Jane Doe / Example Images",
    "Photo credit: Jane Doe",
    "(Photo: Central bank press office)",
    "Edited by Jane Doe.",
    "(With inputs from agencies)",
    "(Reporting by John Roe; Editing by Jane Doe)",
    "Disclaimer: nothing here is financial advice.",
    "The post Miners Move North appeared first on Example News.",
    "Featured image from Example Images, chart from Example Charts.",
    "This article was originally published on Example Daily.",
    "Photograph: Jane Doe/Example Agency",
    "Representative image.",
])
def test_credit_and_feed_lines_are_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


def test_caption_above_a_credit_line_is_dropped() -> None:
    text = ("Capitol dome detail with a waving flag.\n"
            "Editorial credit: Jane Doe / Example Images\n\n"
            "The senate passed the bill on Tuesday.\n")
    assert content_lines(text) == ["The senate passed the bill on Tuesday."]


def test_paragraph_above_a_credit_line_is_kept_when_long() -> None:
    paragraph = ("The senate passed the bill on Tuesday after a debate that lasted for most of the "
                 "week. The vote was close. Several members asked for changes to the reserve rules "
                 "before the final reading.")
    assert content_lines(f"{paragraph}\nPhoto credit: Jane Doe\n") == [paragraph]


def test_feed_footer_glued_to_the_lead_is_cut() -> None:
    text = ("The post Miners Move North appeared first on Example Crypto News Miners moved "
            "their machines north this year. Power is cheaper there.\n")
    assert content_lines(text) == ["Miners moved their machines north this year. Power is "
                                   "cheaper there."]


def test_feed_footer_with_a_full_stop_is_cut() -> None:
    text = "The post Miners Move North appeared first on Example. Power is cheaper there.\n"
    assert content_lines(text) == ["Power is cheaper there."]


def test_headline_line_is_not_joined_to_the_lead() -> None:
    text = ("Central bank chief says the digital currency will need at least two more years\n"
            "Example News reports that the governor told lawmakers the pilot would run on.\n")
    assert content_lines(text)[-1] == ("Example News reports that the governor told lawmakers "
                                       "the pilot would run on.")
    assert len(content_lines(text)) <= 2


def test_title_case_lines_are_headings() -> None:
    assert is_heading("A New Kind Of Mining: The Country Stakes Its Claim In The Crypto Industry")
    assert not is_heading("Regulators in the capital said on Monday that the new licensing "
                          "regime for all exchanges")


def test_ticker_tags_glued_to_words_are_removed() -> None:
    assert content_lines("The National BankABCD-- chairman spoke about BitcoinBTC-- mining.\n") == [
        "The National Bank chairman spoke about Bitcoin mining."]


def test_a_short_row_of_data_is_content_not_a_heading() -> None:
    from bot.nlp.clean import content_lines

    text = "Consumption by country\n\nChina 6,543 TWh\n\nMonday, Jun 30, 2025 10:43 am ET\n"
    assert content_lines(text) == ["China 6,543 TWh"]


@pytest.mark.parametrize(("glued", "parted"), [
    ("The study was small.Tablets are used.", "The study was small. Tablets are used."),
    ("It paid £5.74m.Badminton England said no.", "It paid £5.74m. Badminton England said no."),
    ("Why Ukraine?BBC asked the ministry.", "Why Ukraine? BBC asked the ministry."),
    ('He said "no".The bank agreed.', 'He said "no". The bank agreed.'),
    ("It beat Amazon UK.Retail analyst Jo Hale said so.",
     "It beat Amazon UK. Retail analyst Jo Hale said so."),
])
def test_glued_sentences_are_parted(glued: str, parted: str) -> None:
    assert clean_text(glued) == parted


@pytest.mark.parametrize("text", [
    "Visit StatusPeople.com for the audit.",  # a domain name
    "Visit Amazon.Com or use Node.JS for it.",  # capitalised domain endings
    "The page index.php?ID=5 was shared.",  # a URL's query
    "The U.S.Army said it would not comment.",  # an abbreviation: a capital before the stop
    "Inflation was 3.5% in May, up from 2.9%.",  # decimals
    "See GOV.UK for the rules.",  # a capitalised domain after an acronym
])
def test_stops_inside_names_and_numbers_stay(text: str) -> None:
    assert clean_text(text) == text


def test_footnote_marks_glued_to_words_go() -> None:
    assert clean_text("The People's Bank of China[1] (PBOC) said so.") == \
        "The People's Bank of China (PBOC) said so."
    assert clean_text("Read section [12] of the act.") == "Read section [12] of the act."


@pytest.mark.parametrize(("text", "fixed"), [
    ("The firm was fined Â£40,000 and owes â‚¬86bn.", "The firm was fined £40,000 and owes €86bn."),
    ("The cafÃ© owner said it was the councilâ€™s fault.",
     "The café owner said it was the council’s fault."),  # curly quotes stay curly
    ("Köln and São Paulo bought £5m of “green” bonds.",
     "Köln and São Paulo bought £5m of “green” bonds."),  # right text is left alone
])
def test_text_decoded_with_the_wrong_charset_is_repaired(text: str, fixed: str) -> None:
    assert clean_text(text) == fixed


@pytest.mark.parametrize(("line", "parts"), [
    ("How successful has IS been in Afghanistan? Stuck between IS and the TalibanPresident "
     "Ashraf Ghani said the attack was an outrage.",
     ["How successful has IS been in Afghanistan? Stuck between IS and the Taliban",
      "President Ashraf Ghani said the attack was an outrage."]),
    # the heading, a line of its own again, is dropped as headings are
    ("Election night in AbujaThe vote was close.", ["The vote was close."]),
    ("What the numbers say about the pollIncreasing turnout helped the party.",
     ["Increasing turnout helped the party."]),
])
def test_a_heading_run_into_its_text_is_cut_off(line: str, parts: list[str]) -> None:
    assert content_lines(line) == parts


def test_camel_case_brands_keep_their_shape() -> None:
    line = ("BlackRock, PayPal, YouTube, YouGov, LinkedIn, CoinDesk, MicroStrategy, bitFlyer, "
            "eNaira and McDonald's were named in the report.")
    assert content_lines(line) == [line]
