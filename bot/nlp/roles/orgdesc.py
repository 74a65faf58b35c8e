"""Descriptions written before an organisation's name: "crypto exchange KuCoin", "Russian state
news agency TASS", "the ruling party, People's Power", "scams such as X", "exchanges in Japan,
including X", "the two local crypto exchanges, X and Y"; and a kind written right after it, the
name used as a modifier ("the SDPK parliamentary faction", "the ruling Syriza party").
(Appositions after the name are read by `bot.nlp.roles.after`.)"""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.lexicon import LOCAL_WORDS, PERSONAL_KINDS, POSSESSIVE, SPEECH_VERBS
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.context import ORG_LABELS, RoleContext
from bot.nlp.roles.orgs import split_org
from bot.nlp.roles.phrase import is_head, is_kind, role_text

MAX_DESC = 8  # tokens
MAX_KIND_AFTER = 4  # words between a name and the kind it modifies
_NP_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "conj", "npadvmod"})


def _np_start(ctx: RoleContext, head: int, lo: int) -> int:
    """Leftmost token of the noun phrase ending at `head` (no determiner)."""
    doc = ctx.doc
    i, start = head - 1, head
    while i >= lo and head - i <= MAX_DESC:
        tok = doc[i]
        mention = ctx.at(i)
        if mention is not None:
            if mention.label not in ORG_LABELS or mention.start < lo:
                break
            start = i = mention.start
            i -= 1
            continue
        if tok.text in POSSESSIVE or tok.text in {"-", "–"} or tok.tag_ == "HYPH" or (
                tok.pos_ in _NP_POS and not tok.is_punct) or tok.lower_ in LOCAL_WORDS or (
                tok.tag_ in {"VBG", "VBN"} and tok.is_lower and tok.dep_ in _MODIFIER_DEPS):
            start = i
            i -= 1
            continue
        break
    return start


def _describe(ctx: RoleContext, sent: Span, start: int, head: int,
              singular: bool) -> Candidate | None:
    toks = [t for t in ctx.doc[start:head + 1] if not t.like_num]
    if any(t.lower_ in {"other", "another", "such"} for t in toks):
        return None  # "other departments such as X": not what X is
    words, org = split_org(ctx, toks[:-1])
    words.append(toks[-1])
    if org is None and any(t.lower_ in LOCAL_WORDS for t in words):
        org = ctx.local_country(sent)
    text = role_text(words, singular=singular)
    return make(ctx, sent, text, org, text, False) if text else None


def _object_of_title(tok: Token) -> bool:
    """"the president of the company, X": X is no company ("one of the fan bodies, X" is)."""
    of = tok.head
    return tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ != "one"


def _plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"}


def _listed_end(ctx: RoleContext, first: Token) -> int:
    """End of the last name coordinated with `first` ("the Aslef and RMT unions"), else 0."""
    last = max((c.i for c in first.conjuncts if c.i > first.i), default=-1)
    mention = ctx.at(last) if last >= 0 else None
    return mention.end if mention is not None and mention.label in ORG_LABELS else 0


def kind_after(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"the SDPK parliamentary faction", "the EEF manufacturers' organisation", "the ruling
    Syriza party": the name modifies a lower-case organisation kind that ends the phrase;
    names listed before a plural kind each take it ("the Aslef and RMT unions")."""
    doc, sent = ctx.doc, span.sent
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ not in {"compound", "nmod", "amod"}:
        return []
    listed = _listed_end(ctx, first)
    start = max(span.end, listed)
    head, j = None, start
    while j < sent.end and j - start < MAX_KIND_AFTER and ctx.at(j) is None and (
            (doc[j].is_lower and doc[j].pos_ in {"NOUN", "ADJ", "PROPN"})
            or doc[j].text in POSSESSIVE):
        possessed = j + 1 < sent.end and doc[j + 1].text in POSSESSIVE
        if is_kind(doc[j]) and not possessed and \
                doc[j].dep_ not in {"compound", "nmod", "amod"}:
            head = j  # the noun the phrase ends at, not a modifier of a later one
            break
        j += 1
    if head is None or first.head.i > head or first.head.i < start:
        return []
    tok = doc[head]
    nxt = doc[head + 1] if head + 1 < sent.end else None
    if tok.tag_ != ("NNS" if listed else "NN") or tok.lower_ in PERSONAL_KINDS \
            or is_head(tok) or (nxt is not None and (nxt.text[:1].isupper() or nxt.lower_ == "of")):
        return []  # "the Hereford owner", "the Binance exchange Kraken", "the X unit of Y"
    pre: list[Token] = []
    lead = ctx.at(first.i)  # modifiers before the first listed name: "the ruling X party"
    i = (lead.start if lead is not None else span.start) - 1
    while i >= sent.start and doc[i].is_lower and doc[i].head.i == head and \
            doc[i].dep_ == "amod":
        pre.insert(0, doc[i])
        i -= 1
    words = [*pre, *doc[start:head + 1]]
    org = ctx.local_country(sent) if any(t.lower_ in LOCAL_WORDS for t in pre) else None
    text = role_text(words, singular=bool(listed))
    cand = make(ctx, sent, text, org, text, False) if text else None
    return [cand] if cand else []


def kind_before(ctx: RoleContext, span: Span, shared: bool = False) -> list[Candidate]:
    """The description written before an organisation's name (`shared`: the name follows
    another in a list, so a plural description applies to it too)."""
    doc, sent = ctx.doc, span.sent
    end = span.start
    if end - 1 >= sent.start and doc[end - 1].lower_ == "the":
        end -= 1
    place = None
    if end - 2 >= sent.start and [t.lower_ for t in doc[end - 2:end]] == ["such", "as"]:
        head = end - 3
        plural_ok = True
    elif (naming := _naming_words(ctx, end, sent.start)) is not None:
        head = end - naming - 1  # "a group called X", "the forces known as X"
        plural_ok = True
    elif end - 1 >= sent.start and doc[end - 1].lower_ == "including":
        head = end - 3 if end - 2 >= sent.start and doc[end - 2].text == "," else end - 2
        head, place = _past_place(ctx, head, sent.start)
        plural_ok = True
    elif end - 1 >= sent.start and doc[end - 1].text == ",":
        head = end - 2
        plural_ok = True
        after = doc[span.end] if span.end < sent.end else None
        if after is not None and after.text not in {",", ".", "and", "(", ";"} \
                and after.pos_ not in {"VERB", "AUX"}:
            return []
        if after is not None and after.lemma_ in SPEECH_VERBS and \
                doc[head].dep_ in {"pobj", "dobj"}:
            return []  # "... seized from illegal exchanges, Tokayev said": the end of a report
    else:
        head = end - 1
        plural_ok = shared
    word_start = head  # where the head word begins: "start-up" is three tokens
    if head >= sent.start + 2 and doc[head].lower_ == "up" and doc[head - 1].text == "-" \
            and doc[head - 2].lower_ == "start":
        head_ok, word_start = True, head - 2
    else:
        head_ok = head >= sent.start and is_kind(doc[head])
    opener = head == sent.start and doc[head].is_title  # "Pollsters Ipsos Mori asked"
    if head < sent.start or ctx.at(head) is not None or not head_ok \
            or not (doc[head].is_lower or opener) \
            or (head == end - 2 and _object_of_title(doc[head])):
        return []
    bare = head == span.start - 1 and (head == sent.start or doc[head - 1].pos_ not in {
        "DET", "NUM", "ADJ"})  # "pollsters YouGov": a bare plural kind before one name
    if _plural(doc[head]) and not (plural_ok or bare):
        return []
    start = _np_start(ctx, word_start, sent.start)
    cand = _describe(ctx, sent, start, head, singular=_plural(doc[head]))
    if cand is not None and opener:  # the capital is the sentence's, not the word's
        text = cand.role.text[:1].lower() + cand.role.text[1:]
        cand = make(ctx, sent, text, cand.role.org, text, False)
    if cand is not None and place is not None and cand.role.org is None:
        cand = make(ctx, sent, cand.role.text, place, cand.role.text, False)
    return [cand] if cand else []


_NAMING = (("called",), ("named",), ("dubbed",), ("known", "as"))


def _naming_words(ctx: RoleContext, end: int, lo: int) -> int | None:
    """How many words before token `end` introduce a name ("called", "known as"), else None:
    only after a noun ("a firm called X", never "he called X")."""
    doc = ctx.doc
    for words in _NAMING:
        k = len(words)
        if end - k - 1 >= lo and tuple(t.lower_ for t in doc[end - k:end]) == words \
                and doc[end - k - 1].pos_ == "NOUN":
            return k
    return None


def _past_place(ctx: RoleContext, i: int, lo: int) -> tuple[int, str | None]:
    """"operators in Japan, including X": the head before "in PLACE", and the place."""
    mention = ctx.at(i)
    if mention is None or mention.label not in {"GPE", "LOC"}:
        return i, None
    j = mention.start - 1
    if j - 1 < lo or ctx.doc[j].lower_ != "in":
        return i, None
    return j - 1, ctx.place(mention)
