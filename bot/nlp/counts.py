"""What a bare number counts: the plural noun after it ("3,000 miners", "45 crypto mining
farms", "two Senate bills", "four different consortia"), the noun of a compound ("a three-member
board"), or, for a number standing alone, the noun an earlier count of the sentence named
("49 platforms: 45 are local, four are not"). Vote tallies ("passed 68-30") are two counts of
votes. Plain word rules, no parse: `bot.nlp.figures` calls these on one sentence.
"""

from __future__ import annotations

import re

from bot.nlp.currencies import GUARDED_NAMES
from bot.nlp.currencies import NAMES as CURRENCY_NAMES
from bot.nlp.english_words import nouns_only
from bot.nlp.lexicon import DEMONYMS
from bot.nlp.place_types import place_name

MAX_MODIFIERS = 4  # "420 Casp licence applications", "11 licensed virtual asset platforms"
_WORD_AFTER = re.compile(r"[ \t\u00a0]{1,3}((?:[A-Z]\.){2,3}|[A-Za-z][A-Za-z]{0,30}"
                         r"(?:-[a-z]{1,20})?\b)")  # "U.S." too: "5.6 million U.S. award seats"
_MODEL_AFTER = re.compile(  # an aircraft or product model before its name ("737 Max")
    r"[ \t]{1,3}(?!(?:19|20)\d\d\b|000\b)\d{3,4}(?:-\d{1,3})?(?=[ \t]{1,3}[A-Z][a-z])")
# "and 3.51m", "or two": the next count of a list; "(20.87m)": the same count restated
_NEXT_COUNT = re.compile(r"[ \t]{1,3}(?:\d[\d,.]{0,15}(?:[ \t]?(?:m|bn|k|million|billion|"
                         r"thousand|hundred))?|two|three|four|five|six|seven|eight|nine|ten)\b")
_RESTATED = re.compile(r"[ \t]{1,3}\([ \t]?\d[\d,.]{0,15}[a-z]{0,8}[ \t]?\)")
_COMPOUND = re.compile(r"-([a-z]{3,20})\b(?!-)")  # "three-member", "9-point"
_DURATIONS = frozenset({
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    "minute", "minutes", "second", "seconds", "time", "times", "decade", "decades", "century",
    "centuries", "fold", "way", "off", "sided", "old", "odd", "thirds", "quarter", "quarters",
    "half", "halves", "percent", "storey", "story", "term", "pronged", "step",
})
_NON_COUNT = _DURATIONS | {
    "of", "and", "or", "to", "is", "was", "has", "as", "its", "this", "these",
    "those", "the", "ones", "others", "hers", "his", "ours", "yards",
}
_STOP = frozenset({  # function words: a number followed by these counts nothing
    "in", "on", "at", "for", "from", "by", "with", "per", "into", "over", "under", "than",
    "after", "before", "since", "a", "an", "the", "that", "which", "who", "but", "if", "so",
    "because", "while", "when", "where", "not", "no", "all", "each", "every", "he", "she", "it",
    "they", "we", "you", "will", "would", "can", "could", "may", "might", "should", "must", "do",
    "does", "did", "had", "have", "are", "were", "be", "been", "being", "more", "less",
    "her", "him", "them", "their", "our", "my", "your", "me", "us",  # "no one told her ..."
})
# Plurals that do not end in -s (Latin and Greek -a/-i, and English irregulars).
_IRREGULAR = frozenset({
    "people", "men", "women", "children", "staff", "police", "personnel", "cattle", "criteria",
    "aircraft", "spacecraft",
    "consortia", "phenomena", "bacteria", "alumni", "fungi", "stimuli",
    "geese", "mice", "teeth", "memoranda", "curricula", "strata", "formulae", "antennae",
})
# Words in -s that are not plural nouns (adverbs, prepositions, conjunctions).
_NOT_PLURAL = frozenset({
    "overseas", "always", "perhaps", "sometimes", "nowadays", "afterwards", "towards",
    "besides", "upstairs", "downstairs", "indoors", "outdoors", "whereas", "thus", "has",
    "was", "does", "is", "its", "unless", "across", "less", "plus", "versus", "series",
})
# "a country of 800,000": inhabitants; "a crowd of 30,000": people
_PLACE_OF = re.compile(r"\b(?:country|nation|city|town|island|state|province|region|village|"
                       r"kingdom|territory|archipelago|crowd|audience|population)"
                       r"\s{1,3}of\s{1,3}$", re.IGNORECASE)  # "a record crowd of 30,000"
# Words after a lone number that show it stands for a noun said before ("45 are based in",
# "64 currently active", "four more under construction", "nine declined", "two against").
_ELLIPSIS_NEXT = re.compile(
    r"[ \t]{1,3}(?:of\s{1,3}(?:which|them|whom)\b|in\s{1,3}favou?r\b|(?!(?:in|on|at|for|from|"
    r"by|with|to|of|and|or|but|than|per|percent|a|an|the|times|years?|months?|weeks?|days?|"
    r"hours?|minutes?|seconds?)\b)"
    r"[a-z]{2,20}\b)|[ \t]?[,.;)]")
_PREP_BEFORE = re.compile(r"\b(?:of|to|from|at|by|in|on|since|than|until|No\.?|number|page|"
                          r"top|the|a|an)\s{1,3}$", re.IGNORECASE)
# A capitalised word just before a number, not opening the sentence: the number is part of a
# name ("Destiny 2 is out"), or, between commas, the age of the person named ("Noel, 31, is").
_NAME_BEFORE = re.compile(r"(?:(?<=[a-z,;:] )|(?<=\())[A-Z][a-z]{1,20} $")
_AGE_BEFORE = re.compile(r"\b[A-Z][a-z]{1,20}, $")
_FAVOUR = re.compile(r"[ \t]{1,3}(?:votes?[ \t]{1,3})?in[ \t]{1,3}favou?r\b|[ \t]{1,3}for\b",
                     re.IGNORECASE)
_AGAINST = re.compile(r"[ \t]{1,3}(?:votes?[ \t]{1,3})?against\b", re.IGNORECASE)
VOTE_CUE = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|passed|approved|adopted|rejected|ballots?|tally|split|backed|"
    r"supported|opposed|defeated|ratified|endorsed|confirmed|"
    r"in\s+favou?r|against|unanimous(?:ly)?|majority)\b", re.IGNORECASE)


def _plural(word: str) -> bool:
    low = word.lower()
    if low in _IRREGULAR:
        return True
    if low in _NOT_PLURAL:
        return False
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


# "29 of 50 states", "three of the firms": a part borrows the noun of its whole (not "one of
# the biggest exchanges", which is an example, not a count).
_OF_THE = re.compile(r"[ \t]{1,3}of\b(?:[ \t]{1,3}(?:these|those|the|its|their|our)\b)?"
                     r"(?:[ \t]{1,3}\d[\d,]{0,12})?")
_ONE = re.compile(r"(?:\b(?i:one)|(?<![\d.,])1)$")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z][A-Z&]{0,6}[A-Z][ \t]\d[\d,.]{0,15}$")  # "S&P 500"


_NEXT_WORD = re.compile(r"[ \t-]{1,3}([a-z]{2,20})\b")


def of_time(text: str, end: int) -> bool:
    """Whether the number ending at `end` counts times or a duration ("two to three times",
    "5-10 years"): no figure, and no vote tally."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and word.group(1) in _DURATIONS


def counted_noun(text: str, end: int) -> tuple[str, int, int] | None:
    """(unit, start, end) of the plural noun a number at `end` counts, after at most
    `MAX_MODIFIERS` modifiers (capitalised ones too: "two Senate bills"); a demonym counts
    people ("20 million Pakistanis"); "a three-member board" counts members."""
    part = _OF_THE.match(text, end)
    if part and _ONE.search(text[max(0, end - 4):end]) is None:
        found = _noun_after(text, part.end())  # "29 of 50 states", "three of the firms"
        if found is None or found[0].lower() in _NON_COUNT:
            return None
        # the count ends at its number: the whole ("50 states", "the three-ton satellites")
        # may hold figures of its own
        return (found[0], found[1], end)
    compound = _COMPOUND.match(text, end)
    if compound:
        word = compound.group(1)
        if word in _DURATIONS or word in _NON_COUNT:
            return None
        return (word, compound.start(1), compound.end(1))
    return _noun_after(text, end)


def _noun_after(text: str, end: int, borrow: bool = True) -> tuple[str, int, int] | None:
    """The plural noun after `end` past at most `MAX_MODIFIERS` modifiers (`counted_noun`);
    with `borrow`, the noun of the next count of a list ("21m personal and 3.51m corporate
    wallets") when the words stop at its "and"."""
    start = end
    restated = _RESTATED.match(text, end)
    if restated:
        end = restated.end()  # "Nearly 21m (20.87m) personal wallets"
    model = _MODEL_AFTER.match(text, end)
    if model:
        end = model.end()  # "400 737 Max jets", "30 787-9 Dreamliner jets"
    for modifiers in range(MAX_MODIFIERS + 1):
        m = _WORD_AFTER.match(text, end)
        if not m:
            return None
        word = m.group(1)
        low = word.lower()
        if word.isupper() and len(word) > 1 and low in _STOP:
            pass  # "13,000 US troops": the country, not the pronoun
        elif not modifiers and low in CURRENCY_NAMES and low not in GUARDED_NAMES:
            return None  # "500 rupee notes", "2,000 and 500 rupee notes": a denomination
        elif low in ("and", "or") and (other := _NEXT_COUNT.match(text, m.end(1))) and borrow \
                and not _ONE.search(text[max(0, start - 4):start]) \
                and not _ACRONYM_BEFORE.search(text[max(0, start - 28):start]):
            # not after "one" ("one firm and 13 people") or in a name ("the FTSE 100 and")
            found = _noun_after(text, other.end(), borrow=False)
            # "21m personal and 3.51m corporate wallets": the list's noun, the count's own end
            return (found[0], found[1], start) if found else None
        elif low in _NON_COUNT or low in _STOP:
            last = (text[max(0, end - 40):end].split() or [""])[-1]  # a window: linear
            if not (low in ("and", "or") and modifiers and not _plural(last)):
                return None  # "30 trade and service enterprises" goes on
        elif word in DEMONYMS:
            if not _plural_ahead(text, m.end(1)):
                return ("people", m.start(1), m.end(1))  # "20 million Pakistanis"
            # "300,000 Nigerian customers", "179 British service personnel": the nationality
            # modifies what is counted
        elif _plural(word) and not word.isupper() and not _place_end(text, end, word):
            return (word, m.start(1), m.end(1))
        end = m.end(1)
    return None


def _place_end(text: str, end: int, word: str) -> bool:
    """`word` ends a country's name with the word before `end` ("two United States service
    members": "States" is no counted noun)."""
    before = text[max(0, end - 30):end].split()
    return bool(before) and place_name(f"{before[-1]} {word}") is not None


_DEMONYM_REACH = 2  # words after a nationality to find the plural it modifies


def _plural_ahead(text: str, end: int) -> bool:
    """A plural noun within `_DEMONYM_REACH` plain words after `end`."""
    for _ in range(_DEMONYM_REACH):
        after = _WORD_AFTER.match(text, end)
        if after is None:
            return False
        word = after.group(1)
        low = word.lower()
        if word.isupper() or low in _STOP or low in _NON_COUNT or not word.isalpha():
            return False
        if _plural(word):
            return True
        end = after.end(1)
    return False


def elliptic(text: str, start: int, end: int, earlier: str | None) -> bool:
    """Whether a lone number at text[start:end] stands for the noun of an earlier count of its
    sentence (`earlier`): it is followed by a verb, "more", "of which", "against", or ends a
    clause, and is not the object of a preposition or article."""
    if not earlier:
        return False
    if _PREP_BEFORE.search(text[max(0, start - 12):start]):
        return False
    before = text[max(0, start - 40):start]
    named = _NAME_BEFORE.search(before) and text[end:end + 1] == " "  # "B 147." is gapping
    if named or (_AGE_BEFORE.search(before) and text[end:end + 1] == ","):
        return False  # "Destiny 2 is", "Noel, 31,": part of a name, or a person's age
    nxt = _ELLIPSIS_NEXT.match(text, end)
    if nxt is None:
        return False
    word = nxt.group().strip()
    return not (word.isalpha() and word in nouns_only())  # "one client told ...": a noun's count


def inhabitants(text: str, start: int) -> bool:
    """Whether a lone number counts the people of a place ("a country of 800,000")."""
    return _PLACE_OF.search(text[max(0, start - 30):start]) is not None


def vote_side(text: str, end: int) -> str | None:
    """ "votes in favour" / "votes against" when the words after a count say which side."""
    if _FAVOUR.match(text, end):
        return "votes in favour"
    if _AGAINST.match(text, end):
        return "votes against"
    return None


# "the two countries", "these three nations": a small spelled count of the parties a story has
# already named points back at them; it is not a figure of anyone.
_BACK_REFERENCE = re.compile(r"\b(?:the|these|those)\s{1,3}$", re.IGNORECASE)
_SMALL_WORDS = frozenset({"two", "three", "four"})
_PARTIES = frozenset({
    "countries", "nations", "sides", "parties", "governments", "leaders", "presidents",
    "states", "delegations", "camps", "men", "women", "ministers", "officials",
})


def points_back(text: str, start: int, number: str, noun: str) -> bool:
    """Whether the count `number` `noun` at `start` refers back to parties already named."""
    return (number.strip().lower() in _SMALL_WORDS and noun.lower() in _PARTIES
            and _BACK_REFERENCE.search(text, max(0, start - 12), start) is not None)
