"""Sentences a summary must not quote.

`is_fragment` reads the text alone: captions (a present-tense action verb right before the place
or event), credits, bylines, date lines, feed and page boilerplate, lines that talk to the reader,
shouted headings, unbalanced quotes and lines without final punctuation. `parse_fragment` reads
spaCy's parse of one sentence: short verbless lines, imperatives, subjectless participle lines
and caption clauses ("<person> speaks at ..."). Both are linear in the sentence: word scans and
regexes without nested quantifiers, on at most MAX_CHARS characters.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_CHARS = 2000  # longer "sentences" are checked on their first MAX_CHARS characters
SHORT_TOKENS = 20  # parse checks for verbless, imperative and participle lines
CAPTION_MAX_TOKENS = 45
_FINAL = tuple(".!?\"'”’)")

_OPENING = re.compile(
    r"^\W{0,3}(?:(?:(?:featured|cover|header|lead|top|file) )?(?:photo|image|picture|video|"
    r"photograph)s?\s?(?:[:|(/]|by\b|from\b|via\b|courtesy\b|source\b)|pictured\b|scroll down\b|"
    r"click (?:here|to)\b|share (?:this|on|via)\b|read more\b|read also\b|see also\b|"
    r"related(?: reading| stories| articles| news)?:|editor'?s note\b|"
    r"(?:last )?(?:updated|published|posted)\s?(?::|\d|on\b|at\b|by\b)|"
    r"(?:edited|written|reported|compiled|produced|translated) by\b|"
    r"(?:additional )?reporting by\b|(?:editorial |photo |image )?credits?\s?:|"
    r"file (?:photo|image|picture)\b|source:|with inputs\b|with reporting\b)", re.IGNORECASE)
_ANYWHERE = re.compile(
    r"\(photo|\bcredit:|appeared first on|\b(?:first|originally) (?:appeared|published) "
    r"(?:on|in|at)\b|\bread more\b|\balso read\b|\bsubscribe\b|\bnewsletter\b|"
    r"\bclick here\b|\bdisclaimer\b|\ball rights reserved\b|\bcopyright (?:\(c\)|\d{4})|©|"
    r"\bfollow us\b|\bjoin (?:our|us)\b|\bsign up\b|\bshare this\b|\bprivacy policy\b|"
    r"\bterms of (?:use|service)\b|\bnot (?:constitute |be )?(?:financial|investment) advice\b|"
    r"\bfor informational purposes\b|\b(?:views|opinions) expressed\b|"
    r"\bdownload (?:the|our) app\b|\(l-r\)|\(from left\)|\s\|\s|\bcontinue reading\b|"
    r"\bstory continues\b|\brepresentative (?:image|photo)\b|\brepresentational\b|"
    r"\bfor representation(?:al)? purposes?\b",
    re.IGNORECASE)
_FOOTNOTE = re.compile(r"\[\d{1,3}\]$")  # "... in Dubai.[2]"
_SINGLE_QUOTE = re.compile(r"(?:^|\s)'")
_READER = re.compile(r"\b(?:you|your|yours|yourself|yourselves)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+|\d+")

_CAPTION_VERBS_TEXT = ("speaks speak gestures gesture poses pose waves wave listens listen "
                       "smiles smile laughs laugh")
CAPTION_VERBS = frozenset(_CAPTION_VERBS_TEXT.split())
_CAPTION_PREPS_TEXT = ("at during on in before after with outside inside as")
CAPTION_PREPS = frozenset(_CAPTION_PREPS_TEXT.split())
_SEEN_PREPS = CAPTION_PREPS - {"as"}  # "is seen at the rally", not "is seen as a step"
_REPORTING_TEXT = ("said says told tells according")
REPORTING = frozenset(_REPORTING_TEXT.split())
_TITLE_FUNCTION_WORDS_TEXT = "Is Are Was Were Will Has Have Of For To In On With And Or At By"
TITLE_FUNCTION_WORDS = frozenset(_TITLE_FUNCTION_WORDS_TEXT.split())
_BYLINE_WORDS_TEXT = ("and the of in at for staff")
BYLINE_WORDS = frozenset(_BYLINE_WORDS_TEXT.split())
_DATE_WORDS_TEXT = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december mon tue wed thu fri sat sun monday "
    "tuesday wednesday thursday friday saturday sunday am pm et gmt utc est edt pst bst cet "
    "ist updated published last on at min read st nd rd th")
DATE_WORDS = frozenset(_DATE_WORDS_TEXT.split())

# Parse: verbs whose present tense with a person as subject describes a photograph.
_CAPTION_LEMMAS_TEXT = (
    "speak talk gesture pose wave listen smile laugh react arrive walk attend greet gather "
    "march celebrate testify shake watch applaud chat queue")
CAPTION_LEMMAS = frozenset(_CAPTION_LEMMAS_TEXT.split())
_PEOPLE_TEXT = (
    "man woman men women people person child children boy girl protester protesters "
    "supporter supporters trader traders worker workers miner miners official officials "
    "delegate delegates participant participants visitor visitors student students resident "
    "residents member members attendee attendees crowd officer officers soldier soldiers "
    "activist activists farmer farmers customer customers investor investors employee "
    "employees staff fan fans player players lawmaker lawmakers")
PEOPLE = frozenset(_PEOPLE_TEXT.split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})


def is_fragment(sentence: str) -> bool:
    """True for captions, credits, bylines, date lines, boilerplate, reader address, shouted
    headings, unbalanced quotes and other non-sentences (text only)."""
    return unbalanced_quotes(sentence) or not_a_sentence(sentence)


def unbalanced_quotes(sentence: str) -> bool:
    """True when a quotation opens or closes outside the sentence (a split quote: a fragment,
    but a last resort for articles that are mostly quotation)."""
    s = sentence[:MAX_CHARS]
    return s.count("\u201c") != s.count("\u201d") or s.count('"') % 2 == 1


def not_a_sentence(sentence: str) -> bool:
    """True for everything `is_fragment` rejects except unbalanced quotes."""
    s = _FOOTNOTE.sub("", sentence.strip()[:MAX_CHARS])
    if not s or s[-1:] not in _FINAL or (s.startswith("(") and s.endswith(")")):
        return True
    if _OPENING.search(s) or _ANYWHERE.search(s) or (_READER.search(s) and not _quotes(s)):
        return True
    words = _WORD.findall(s)
    return (_shouted(s) or _byline(words) or _date_line(words) or _caption(words, s)
            or _glued_heading(words) or (s.endswith("?") and not _quotes(s)))


def _quotes(s: str) -> bool:
    """True when the sentence quotes someone (double quotes, curly or plain single quotes)."""
    return any(q in s for q in "\"“”‘«»") or bool(_SINGLE_QUOTE.search(s))


def _shouted(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _byline(words: list[str]) -> bool:
    """"By Jane Doe, Staff Reporter." - capitalised names after "By", nothing else."""
    if len(words) < 2 or words[0].lower() != "by" or len(words) > 12:
        return False
    return all(w[0].isupper() or w.lower() in BYLINE_WORDS for w in words[1:])


def _date_line(words: list[str]) -> bool:
    return bool(words) and all(w.isdigit() or w.lower() in DATE_WORDS for w in words)


def _glued_heading(words: list[str]) -> bool:
    """A capitalised function word inside a run of capitalised words ("... treasury $10M Bet
    Is Now Official The law ..."): a headline run into the sentence by the page's extraction."""
    return any(words[i] in TITLE_FUNCTION_WORDS and words[i - 1][0].isupper()
               and words[i + 1][0].isupper() for i in range(1, len(words) - 1))


def _caption(words: list[str], s: str) -> bool:
    """A caption verb ("speaks", "poses") with a subject before it and a preposition right
    after it, in a sentence that reports no speech and quotes nothing."""
    lower = [w.lower() for w in words]
    if _quotes(s) or REPORTING.intersection(lower):
        return False
    for i in range(1, len(lower) - 1):
        verb, nxt = lower[i], lower[i + 1]
        if verb in CAPTION_VERBS and nxt in CAPTION_PREPS:
            return True
        after = lower[i + 2] if i + 2 < len(lower) else ""
        if verb in ("is", "are") and nxt == "seen" and after in _SEEN_PREPS:
            return True
        if verb in ("looks", "look") and nxt == "on":
            return True
    return False


def parse_fragment(sent: Span) -> bool:
    """True when the parse shows a non-statement: a short verbless line, an imperative, a
    subjectless participle line ("Edited by ...", "Taking the total to ..."), or a caption
    clause (a person as subject of a present-tense action verb such as "speaks", "attends")."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words:
        return True
    root = sent.root
    quoted = _quotes(sent.text)
    if len(words) <= SHORT_TOKENS:
        if _verbless(sent, root):
            return True
        if not quoted and (_imperative(words[0], root) or _participle_line(words[0], root)):
            return True
    return len(words) <= CAPTION_MAX_TOKENS and not quoted and _caption_clause(root)


def _subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _imperative(first: Token, root: Token) -> bool:
    """"Get started with ...", "Check out ...", "Don't miss ...": a base-form verb opens."""
    if first.tag_ == "VB":
        return True
    return first.lower_ == "do" and root.tag_ == "VB" and not _subject(root)


def _participle_line(first: Token, root: Token) -> bool:
    """"Edited by ...", "Taking the total to ...": a participle root opens, with no subject."""
    return (first.i == root.i and root.tag_ in ("VBG", "VBN") and root.lower_ != "according"
            and not _subject(root))


def _verbless(sent: Span, root: Token) -> bool:
    """No verb at the root and no clause anywhere: no past tense, participle or modal, and no
    present-tense verb with a subject (the small model tags some nouns VBP, as in "dome")."""
    if root.pos_ in ("VERB", "AUX") or any(c.pos_ == "AUX" for c in root.children):
        return False
    for t in sent:
        if t.tag_ in ("VBD", "VBN", "MD"):
            return False
        if t.tag_ in ("VBZ", "VBP") and any(c.dep_ in _SUBJECTS for c in t.children):
            return False
    return True


def _caption_clause(root: Token) -> bool:
    if root.tag_ not in ("VBZ", "VBP") or root.lemma_ not in CAPTION_LEMMAS:
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if not subjects or not any(c.dep_ == "prep" or c.dep_ == "dobj" for c in root.children):
        return False
    head = subjects[0]
    return head.ent_type_ == "PERSON" or head.pos_ == "PROPN" or head.lower_ in PEOPLE
