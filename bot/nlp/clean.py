"""Boilerplate removal: keep only the lines that are article content.

Dropped: "Also Read:" / "Read more" / "Related:" teasers, share-widget strings, photo captions and
credits (and the short caption line right above a photo credit), article credits ("Edited by",
"With inputs from"), disclaimers, feed footers ("The post ... appeared first on ..."), and
headings (short or title-case lines without final punctuation). Hard-wrapped paragraphs are
re-joined first so that wrapped lines are not mistaken for headings; the first line (the
headline) and bullet items are never joined to their neighbours. Every pattern is linear-time
(no nested quantifiers; bounded repeats).
"""

from __future__ import annotations

import re

import ftfy

from bot.nlp.glued import unglued

HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 25  # a longer line is prose even when most of its words are capitalised
TITLE_CASE_SHARE = 0.6  # of the words of 4+ letters
WRAP_MIN_CHARS = 65
CAPTION_MAX_WORDS = 25  # a line above a photo credit this short is the photo's caption
SITE_MAX_WORDS = 6  # words of a site name after "appeared first on"
_FINAL_PUNCT = tuple('.!?:;"“”‘’\')…')
_BULLET = re.compile(r"^\s*(?:[•*·▪‣◦-]|\d{1,2}[.)])\s+")
_TEASER = re.compile(
    r"^\s*(?:also read|read more|read also|see also|related(?: articles?| stories| news)?|"
    r"recommended(?: for you)?|more from|you may also like|don'?t miss|trending|must read|"
    r"suggested reading|further reading)\b\s*[:\-–—|]?",
    re.IGNORECASE,
)
_WIDGET = re.compile(
    r"^\s*(?:share(?: this)?(?: article| story| post)?(?: on \w+)?|click to share|tweet|"
    r"follow us(?: on \w+)?|subscribe(?: to our newsletter| now)?|sign up(?: for)?|"
    r"advertisement|sponsored|copy link|print|email|listen to this article|"
    r"(?:facebook|twitter|linkedin|telegram|whatsapp|reddit|x)(?:\s*[|,/]?\s*"
    r"(?:facebook|twitter|linkedin|telegram|whatsapp|reddit|x|email))*)\s*[:.!]?\s*$",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"^\s*\(?(?:photo|image|picture|photograph|illustration|file (?:photo|image|picture)|"
    r"representative (?:image|photo)|representational (?:image|photo)|source: getty)\b"
    r"[^:]{0,40}[:).]",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"^\s*\(?(?:(?:editorial|photo|image|picture) )?credits?\s{0,3}:|"
    r"^\s*\(?(?:(?:featured|cover|header|lead|top) )?(?:photo|image|picture|photograph)s? "
    r"(?:by|courtesy|from|via)\b|"
    r"\b(?:getty images|shutterstock|via reuters|ap photo|afp photo)\b.{0,20}$",
    re.IGNORECASE,
)
_ARTICLE_CREDIT = re.compile(
    r"^\s*\(?(?:(?:edited|written|compiled|translated) by|(?:additional )?reporting by|"
    r"with inputs from|with reporting by|this (?:article|story|post) (?:was )?(?:first|"
    r"originally) (?:appeared|published))\b",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"^\s*(?:disclaimer|editor'?s note|this article is for informational purposes)\b",
    re.IGNORECASE,
)
_FEED_FOOTER = re.compile(r"\bthe post\s.{1,400}?\sappeared first on\s", re.IGNORECASE)
_SITE_TAILS = frozenset(
    ("news", "times", "post", "daily", "journal", "magazine", "media", "network", "wire",
     "insider", "report", "today", "blog", "tribune", "herald", "telegraph", "gazette",
     "observer", "chronicle", "review", "digest", "weekly", "press", "online"))
_TICKER_TAG = re.compile(r"(?<=[a-z])[A-Z]{2,6}--")
# A footnote or citation mark glued to a word ("the People's Bank of China[1] (PBOC)").
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])\[\d{1,3}\]")
# A sentence end glued to the next sentence ("the study.Tablets are", "£5.74m.Badminton"):
# a lower-case letter, digit or closing mark, the stop, then a capitalised word that ends as
# a word does. Domain names ("StatusPeople.com", "Amazon.Com", "Node.JS"), URL parts
# ("page.php?ID=5") and abbreviations ("U.S.Army": a capital before the stop) are left.
_GLUED_SENTENCE = re.compile(
    r"(?:(?<=[a-z0-9%)\"”’'])([.!?])(?=[A-Z][A-Za-z]*(?![\w=/.-]))"
    r"|(?<=[A-Z]{2})([.!?])(?=[A-Z][a-z]+(?![\w=/.-])))"  # "Amazon UK.Retail analyst"
    r"(?!(?:Com|Net|Org|Io|Co|Js|Gov|COM|NET|ORG|IO|JS|GOV)\b)")


def is_boilerplate(line: str) -> bool:
    """True for teaser links, share widgets, captions, credits, disclaimers and feed footers."""
    return bool(
        _TEASER.match(line) or _WIDGET.match(line) or _CAPTION.match(line)
        or _PHOTO_CREDIT.search(line) or _ARTICLE_CREDIT.match(line)
        or _DISCLAIMER.match(line) or not cut_feed_footer(line).strip()
    )


# An amount with its unit or currency: what makes a short line a row of data, not a heading.
_DATA_ROW = re.compile(r"\d[\d,.]{0,20}\s?(?:%|[A-Za-z]{1,4}\b)|[$€£¥₹₦]\s?\d")
_TIME_OR_DATE = re.compile(r"\d:\d\d|\b\d{1,2}\s?(?:am|pm|min|mins|hrs?|ET|GMT|UTC)\b|"
                           r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
                           r"\s+\d{1,2}\b", re.IGNORECASE)


def is_heading(line: str) -> bool:
    """True for a line without final punctuation that is short ("Conclusion") or in title
    case ("A New Kind Of Mining: The Country Stakes Its Claim")."""
    stripped = line.strip()
    if not stripped or stripped.endswith(_FINAL_PUNCT):
        return False
    if _DATA_ROW.search(stripped) and not stripped.isupper() \
            and not _TIME_OR_DATE.search(stripped):
        return False  # a table row ("China 6,543 TWh", "Fine: $2.5m") carries figures
    words = stripped.split()
    if len(words) <= HEADING_MAX_WORDS:
        return True
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    capitalised = sum(w[0].isupper() for w in long_words)
    return len(words) <= TITLE_MAX_WORDS and capitalised >= TITLE_CASE_SHARE * len(long_words)


def cut_feed_footer(line: str) -> str:
    """The line without a feed footer "The post <title> appeared first on <Site>", also when
    the footer is glued to the next sentence without punctuation."""
    match = _FEED_FOOTER.search(line)
    if match is None:
        return line
    words = line[match.end():].split(" ")
    run = 0
    while run < min(len(words), SITE_MAX_WORDS) and words[run][:1].isupper():
        if words[run].endswith((".", "!", "?")):
            return line[:match.start()] + " ".join(words[run + 1:])
        run += 1
    if run == len(words):
        cut = run
    else:
        tails = [i for i in range(run) if words[i].lower().strip(",") in _SITE_TAILS]
        cut = tails[-1] + 1 if tails else max(run - 1, 1)
    return line[:match.start()] + " ".join(words[cut:])


def _soft_break(line: str, following: str, first: bool) -> bool:
    """True when a line break looks like hard wrapping inside a sentence."""
    line = line.rstrip()
    if line.endswith(_FINAL_PUNCT) or is_heading(following):
        return False
    if following[:1].islower():
        return True
    return not first and len(line) >= WRAP_MIN_CHARS


def _unwrap(block: list[tuple[str, bool]], first_block: bool) -> list[str]:
    """Join hard-wrapped lines of a paragraph; keep headings, the headline, bullet items and
    genuine line lists apart."""
    out: list[str] = []
    joinable = False
    for line, bullet in block:
        if out and joinable and not bullet and _soft_break(out[-1], line,
                                                           first_block and len(out) == 1):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
            joinable = not bullet
    return out


def _captions_above_credits(lines: list[str]) -> set[int]:
    """Indexes of short one-sentence lines directly above a photo credit."""
    drop = set()
    for i in range(1, len(lines)):
        above = lines[i - 1]
        if (_PHOTO_CREDIT.search(lines[i]) and len(above.split()) <= CAPTION_MAX_WORDS
                and ". " not in above.rstrip(". ")):
            drop.add(i - 1)
    return drop


def _tidy(line: str) -> str:
    """One line without its feed footer, footnote marks, runs of spaces and glued stops."""
    line = re.sub(r"\s+", " ", cut_feed_footer(line))
    return _GLUED_SENTENCE.sub(lambda m: (m.group(1) or m.group(2)) + " ",
                               _FOOTNOTE.sub("", line)).strip()


# Pairs that UTF-8 read as Windows-1252 leaves ("Â£", "â€™", "Ã©"): only a text holding one
# is given to ftfy, so clean text costs a few substring scans.
_MOJIBAKE_MARKS = ("Â", "Ã", "â€", "â‚")


def repair_charset(text: str) -> str:
    """`text` with mojibake undone ("Â£40,000" -> "£40,000", "councilâ€™s" -> "council’s") by
    ftfy, quotes and everything else left as written."""
    if not any(mark in text for mark in _MOJIBAKE_MARKS):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                         fix_character_width=False, normalization=None)


def content_lines(text: str) -> list[str]:
    """The article's content lines, in order, with bullets stripped."""
    text = repair_charset(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _TICKER_TAG.sub("", text)
    blocks: list[list[tuple[str, bool]]] = [[]]
    for raw in text.split("\n"):
        if raw.strip():
            bare = _BULLET.sub("", raw).strip()
            blocks[-1].append((bare, bare != raw.strip()))
        elif blocks[-1]:
            blocks.append([])
    lines = [part.strip() for n, block in enumerate(blocks) for line in _unwrap(block, n == 0)
             for part in unglued(_tidy(line))]  # a heading run into its text is a line again
    lines = [line for line in lines if line]
    captions = _captions_above_credits(lines)
    return [line for i, line in enumerate(lines)
            if i not in captions and not is_boilerplate(line) and not is_heading(line)]


def clean_text(text: str) -> str:
    """The article text without boilerplate lines: one content line per paragraph."""
    return "\n".join(content_lines(text))
