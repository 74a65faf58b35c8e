"""Names the model left untagged (or cut short) where the words around them say what they are.

- `kind_named_orgs`: capitalised words right after a kind of organisation ("research firm
  IDC", "the charity Tablets for Schools", "the state wallet, Chivo,") or acronyms right before
  one ("the Aslef and RMT unions"), never over two names the model found;
- `coordinated_people`: a capitalised pair joined by "and" to a person's full name ("Su Zhu
  and Kyle Davies");
- `described_orgs`: one to three capitalised words right before an appositive or a copula
  that says what kind of organisation they name ("Ofgem, the energy regulator,", "Tether, the
  issuer of USDT,", "Huobi is presently the fourth-largest crypto exchange").

Each scan is linear in the doc; the spans go to `merge_overlaps`, where a longer model span wins.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from bot.nlp.english_words import english_words
from bot.nlp.lexicon import CALENDAR_WORDS, CRYPTO_TERMS, DEMONYMS, ORG_NOUNS, PERSON_ROLES
from bot.nlp.place_types import place_name

_RUN_MAX = 5  # words of an organisation's name after its kind
_PERSON_MAX = 3  # words of a person's name joined by "and"
_DESCRIBED_MAX = 3  # words of an organisation's name before ", the <kind>"
_KIND_GAP = 6  # tokens between the article and the kind ("the San Francisco-based blockchain")
_GAP_POS = frozenset({"ADJ", "NOUN", "PROPN", "PART", "ADV"})
_INNER = frozenset({"for", "of", "&"})  # not "and": "giant Infosys and Amazon Web Services"
_ORG_KINDS = ORG_NOUNS | {"union", "unions", "charity", "watchdog", "magazine"}
_NOT_NAMES = frozenset(CRYPTO_TERMS) | frozenset(DEMONYMS)


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun (or a capitalised noun inside a sentence: "Kyle Davies" is
    tagged a plural) of two letters or more ("group C" is no name) that is no title, coin,
    demonym or country."""
    noun = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start)
    return noun and tok.is_alpha and len(tok) > 1 and (tok.is_title or tok.is_upper) and \
        tok.lower_ not in PERSON_ROLES and tok.text not in _NOT_NAMES and \
        place_name(tok.text) is None


def _kind(tok: Token) -> bool:
    return tok.is_lower and tok.pos_ == "NOUN" and (tok.lower_ in _ORG_KINDS or
                                                    tok.lemma_ in _ORG_KINDS)


def _run_after(doc: Doc, i: int, plural: bool) -> int:
    """End of a run of name words from token i, inner "for/of/&" allowed ("&" not after a
    plural kind)."""
    inner = _INNER - {"&"} if plural else _INNER
    end = i
    k = i
    while k < len(doc) and k - i < _RUN_MAX:
        tok = doc[k]
        if _name_word(tok):
            end = k + 1
        elif not (tok.lower_ in inner and k > i):
            break
        k += 1
    return end


def kind_named_orgs(doc: Doc) -> list[Span]:
    """ORG spans named by their kind: after it ("firm IDC", "wallet, Chivo,") or, for acronyms,
    before a plural kind ("the Aslef and RMT unions")."""
    out: list[Span] = []
    for tok in doc:
        if not _kind(tok):
            continue
        start = tok.i + 1
        comma = start < len(doc) and doc[start].text == ","
        start += comma
        end = _run_after(doc, start, tok.tag_ == "NNS") if start < len(doc) else start
        closed = end >= len(doc) or not (doc[end].pos_ == "PROPN" or doc[end].is_title)
        if end > start and closed and (not comma or (end < len(doc) and doc[end].is_punct)) \
                and sum(t.ent_iob_ == "B" for t in doc[start:end]) < 2:
            out.append(Span(doc, start, end, label="ORG"))  # never over two model names
        if tok.tag_ == "NNS":
            out += _acronyms_before(doc, tok.i)
    return out


def _acronyms_before(doc: Doc, i: int) -> list[Span]:
    """"the Aslef and RMT unions": capitalised single words coordinated before a plural kind."""
    out: list[Span] = []
    k = i - 1
    while k >= 0 and (_name_word(doc[k]) or doc[k].lower_ in {"and", ","}):
        if _name_word(doc[k]):
            out.append(Span(doc, k, k + 1, label="ORG"))
        k -= 1
    return out if len(out) >= 2 else []


def coordinated_people(doc: Doc, people: list[Span]) -> list[Span]:
    """"Su Zhu and Kyle Davies": two or three capitalised proper nouns after "and" that follows
    a person's full name, ending before a word that is no name."""
    out: list[Span] = []
    for person in people:
        k = person.end
        if len(person) < 2 or k + 2 >= len(doc) or doc[k].lower_ != "and":
            continue
        start = end = k + 1
        while end < len(doc) and end - start < _PERSON_MAX and _name_word(doc[end]) and \
                doc[end].is_title:
            end += 1
        if end - start >= 2 and (end >= len(doc) or not doc[end].is_title):
            out.append(Span(doc, start, end, label="PERSON"))
    return out


def _kind_after(doc: Doc, comma: int) -> int | None:
    """Index of the kind of organisation that follows an appositive's comma or a copula, else
    None: ", the energy regulator", ", a Nasdaq-listed miner", ", the issuer of USDT", and
    " is presently the fourth-largest crypto exchange", " is one of the largest miners": an
    article, a few modifiers, then a kind of organisation."""
    k = comma + 1
    if doc[comma].lemma_ == "be":  # "Huobi is (presently) (one of) the ..."
        while k < len(doc) and doc[k].pos_ == "ADV":
            k += 1
        if k + 1 < len(doc) and doc[k].lower_ == "one" and doc[k + 1].lower_ == "of":
            k += 2
    if k >= len(doc) or doc[k].lower_ not in {"the", "a", "an"}:
        return None
    for j in range(k + 1, min(len(doc), k + 2 + _KIND_GAP)):
        tok = doc[j]
        if _kind(tok) and not (j + 1 < len(doc) and doc[j + 1].text in {"'s", "’s"}):
            return j  # the appositive's head, not a possessor ("the utility's product")
        if tok.pos_ not in _GAP_POS and tok.text not in {"-", "'s", "’s"} \
                and tok.tag_ != "VBN":  # "the San Francisco-based", "the government-run"
            return None
    return None


def _described_by_clause(doc: Doc, kind: int) -> bool:
    """", the company led by Michael Saylor,": the kind (at token `kind`) is described further
    (by a clause or a phrase) or, with words of its own, closes the apposition (", the
    software company, now owns"; not "Water, the utility, ran short"), and is not the subject
    of a report ("Growth, the company said,")."""
    nxt = doc[kind + 1] if kind + 1 < len(doc) else None
    modified = doc[kind - 1].lower_ not in {"the", "a", "an"}
    return nxt is not None and (nxt.tag_ in {"VBN", "VBG"} or nxt.pos_ == "ADP"
                                or (nxt.text == "," and modified))


def _described_word(tok: Token) -> bool:
    """A word of an untagged organisation's name: no entity's, no weekday, month or stop word
    ("Meanwhile", "Monday"); a sentence's capitalised first word tagged a common noun only
    when it is no English word ("Metaplanet, a Tokyo-listed hotel operator")."""
    unknown_noun = bool(tok.is_sent_start) and tok.pos_ == "NOUN" and tok.is_title \
        and tok.is_alpha and tok.lower_ not in english_words()
    return (_name_word(tok) or unknown_noun) and not tok.ent_type_ \
        and tok.lower_ not in STOP_WORDS and tok.text not in CALENDAR_WORDS


def _opening_noun(tok: Token) -> bool:
    """A capitalised common noun that opens its sentence ("Strategy")."""
    return bool(tok.is_sent_start) and tok.pos_ in {"NOUN", "PROPN"} and tok.is_title \
        and tok.is_alpha and not tok.ent_type_ and tok.text not in CALENDAR_WORDS


def bare_name_before(doc: Doc, comma: int, covered: set[int], sizes: tuple[int, int],
                     word: Callable[[Token], bool]) -> int | None:
    """Start of a run of `sizes` (fewest, most) name words (`word`) right before token
    `comma`, none of them in `covered`, that opens its sentence or follows a word that is no
    name ("... Bank Governor X," goes on left: None)."""
    fewest, most = sizes
    start = comma
    while start > 0 and comma - start <= most and start - 1 not in covered \
            and word(doc[start - 1]) and not doc[start - 1].is_sent_end:
        start -= 1
    if not fewest <= comma - start <= most:
        return None
    if start > 0 and (start - 1 in covered or (doc[start - 1].text[:1].isupper()
                                               and not doc[start - 1].is_sent_start)):
        return None
    return start


def described_orgs(doc: Doc, covered: set[int]) -> list[Span]:
    """ORG spans for capitalised names the model left untagged, followed by an appositive or
    a copula that names a kind of organisation ("Ofgem, the energy regulator, said", "Huobi
    is the fourth-largest exchange"). The name opens its sentence or follows a word that is
    not a name, and holds no entity's tokens."""
    out: list[Span] = []
    for link in doc:  # the comma of an appositive, or a sentence's main "is"
        copula = link.lemma_ == "be" and link.dep_ == "ROOT" \
            and link.i <= _DESCRIBED_MAX + link.sent.start
        kind = _kind_after(doc, link.i) if link.text == "," or copula else None
        if kind is None:
            continue
        start = bare_name_before(doc, link.i, covered, (1, _DESCRIBED_MAX), _described_word)
        if start is None and link.text == "," and _described_by_clause(doc, kind):
            # "Strategy, the company led by ...": an English word opening the sentence
            start = bare_name_before(doc, link.i, covered, (1, 1), _opening_noun)
        if start is not None:
            out.append(Span(doc, start, link.i, label="ORG"))
    return out


_REPEAT_LABELS = frozenset({"ORG", "PERSON", "GPE"})
_REPEAT_MAX = 4  # tokens of a name looked for again


def capitalised(tok: Token) -> bool:
    """A word written with a capital ("Strategy", "NHS")."""
    return tok.text[:1].isupper() and tok.is_alpha


def repeated_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Untagged mentions of a name the model tagged elsewhere in the doc, with its type:
    "Alibaba is set to raise ..." when a later "Alibaba" is an ORG. A mention is the exact
    run of words, not part of a longer capitalised run; a single word that is also an English
    word ("Strategy", "Apple") must be a proper noun inside its sentence, and months and
    nationality words are never taken ("June", "Welsh": the model's slips, not names), nor
    short acronyms ("COM", "RT"), which `defined_names` reads from their definitions."""
    names: dict[tuple[str, ...], str] = {}
    for span in spans:
        if span.label_ in _REPEAT_LABELS and len(span) <= _REPEAT_MAX \
                and all(capitalised(t) for t in span):
            names.setdefault(tuple(t.text for t in span), span.label_)
    if not names:
        return []
    covered = {i for s in spans for i in range(s.start, s.end)}
    words = english_words()
    texts = [t.text for t in doc]  # read once: a Span per window would cost a Token per word
    firsts = {key[0] for key in names}
    out: list[Span] = []
    i = 0
    while i < len(doc):
        if texts[i] not in firsts:
            i += 1
            continue
        found, label = 0, ""
        for n in range(min(_REPEAT_MAX, len(doc) - i), 0, -1):
            key = tuple(texts[i:i + n])
            if key in names and not any(j in covered for j in range(i, i + n)):
                found, label = n, names[key]
                break
        if not found:
            i += 1
            continue
        before = doc[i - 1] if i > 0 else None
        after = doc[i + found] if i + found < len(doc) else None
        inside_run = (before is not None and capitalised(before) and not before.is_sent_start
                      and before.i not in covered) or (
            after is not None and capitalised(after) and after.i not in covered)
        word = doc[i].text
        common = found == 1 and (
            (doc[i].lower_ in words and (doc[i].is_sent_start or doc[i].pos_ != "PROPN"))
            or word in CALENDAR_WORDS or word in DEMONYMS or word.rstrip("s") in DEMONYMS
            or (word.isupper() and len(word) <= 3))  # "COM", "RT": acronyms go by definition
        if not inside_run and not common:
            out.append(Span(doc, i, i + found, label=label))
        i += found
    return out
