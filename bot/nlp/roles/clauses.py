"""Roles a clause gives around a name: appointments ("Pakistan appointed X as an adviser";
"established VARA as the emirate's regulator"), a fronted "As the company's CEO, X ...",
"X in charge of Y", and passive agents ("Afridax, ..., founded by X"; "the committee, which
was chaired by X")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from bot.nlp.lexicon import AGENT_NOUNS, APPOINTING_VERBS, ESTABLISHING_VERBS
from bot.nlp.roles.after import roles_after
from bot.nlp.roles.candidate import Candidate, make
from bot.nlp.roles.chunk import chunk_role, clause_end
from bot.nlp.roles.context import RoleContext
from bot.nlp.roles.coref import definite
from bot.nlp.roles.orgs import prep_org


def appointed_as(ctx: RoleContext, span: Span, org_kind: bool) -> list[Candidate]:
    """"Pakistan appointed X as an adviser": the role, with the appointer as its org;
    "established VARA as the emirate's regulator" for an organisation."""
    doc, sent = ctx.doc, span.sent
    i = span.end
    if i >= sent.end or doc[i].lower_ != "as":
        return []
    verb = span.root.head
    verbs = ESTABLISHING_VERBS if org_kind else APPOINTING_VERBS
    if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB":
        return []
    objects = [c for c in doc[i].children if c.dep_ == "pobj"]
    if not objects:
        return []
    end = min(objects[0].right_edge.i + 1, clause_end(ctx, i + 1, sent.end))
    cand = chunk_role(ctx, sent, i + 1, end, org_kind)
    if cand is None or cand.role.org:
        return [cand] if cand else []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    owner = ctx.at(subjects[0].i) if subjects else None
    if owner is not None and owner.label != "PERSON" and not org_kind:
        found = make(ctx, sent, cand.role.text, ctx.org_name(owner), cand.role.text, False)
        return [found] if found else []
    return [cand]


# Verbs whose subject takes the role after "as": "X took over as CEO", "X joined Acme as CFO",
# "X returned as coach", "X stays on as chair", "X replaced Y as chair".
_TAKING_VERBS = frozenset({"take", "join", "rejoin", "return", "continue", "stay", "remain",
                           "succeed", "replace"})
# ... and whose object held it: "X succeeded Y as chair" (Y is the former chair).
_SUCCESSION_VERBS = frozenset({"succeed", "replace"})
# Verbs whose subject held the role after "as" until now: "X resigned as Barcelona president",
# "X stepped down as chair", "X quit as coach", "X retired as CEO of Acme".
_LEAVING_VERBS = frozenset({"resign", "quit", "retire", "step"})


def _verbs_of(span: Span) -> list[Token]:
    """The verbs a name is the subject of: its own clause's ("X joined"), and a relative clause
    on it ("X, who joined ...")."""
    root = span.root
    own = [root.head] if root.dep_ == "nsubj" else []
    return own + [c for c in root.children if c.dep_ == "relcl" and any(
        g.dep_ == "nsubj" and g.lower_ in {"who", "that"} for g in c.children)]


def took_as(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"X took over as chief executive of Acme", "X joined Acme as CFO", "X, who replaced Y as
    chair": the subject's role after "as", with the organisation joined as its org when the
    role names none."""
    for verb in _verbs_of(span):
        found = _taken(ctx, span, verb)
        if found:
            return found
    return []


def _taken(ctx: RoleContext, span: Span, verb: Token) -> list[Candidate]:
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in _TAKING_VERBS | _LEAVING_VERBS:
        return []
    particles = {c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}}
    if (lemma == "take" and "over" not in particles) or (lemma == "step" and "down" not in
                                                         particles):
        return []  # "X took a job as ...", "X stepped in as ...": read elsewhere, if at all
    sent = span.sent
    cand = _role_as(ctx, sent, verb)
    if cand is not None and lemma in _LEAVING_VERBS:
        return [_former(cand)]
    if cand is None or cand.role.org:
        return [cand] if cand else []
    joined = next((ctx.at(c.i) for c in verb.children if c.dep_ == "dobj"
                   and ctx.at(c.i) is not None), None)
    if joined is not None and joined.label == "ORG":
        found = make(ctx, sent, cand.role.text, joined.name, cand.role.text, False)
        return [found] if found else []
    return [cand]


def _role_as(ctx: RoleContext, sent: Span, verb: Token) -> Candidate | None:
    """The role a verb's "as" phrase states ("took over as CEO of Acme"), if any."""
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    objects = [o for p in preps[:1] for o in p.children if o.dep_ == "pobj"]
    if not objects:
        return None
    start = preps[0].i + 1
    end = min(objects[0].right_edge.i + 1, clause_end(ctx, start, sent.end))
    return chunk_role(ctx, sent, start, end, org_kind=False)


def succeeded_as(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"X replaced Y as SEC chair": Y, the object, is the former chair (still the chair when
    the succession is to come: "X will succeed Y as chair")."""
    root = span.root
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in \
            _SUCCESSION_VERBS:
        return []
    sent = span.sent
    cand = _role_as(ctx, sent, verb)
    if cand is None:
        return []
    to_come = any(c.dep_ == "aux" and c.lower_ in {"will", "would", "shall", "'ll"}
                  for c in verb.children)
    return [cand] if to_come else [_former(cand)]


def _former(cand: Candidate) -> Candidate:
    """The role a subject left, as a former one ("former president")."""
    text = cand.role.text
    if text.lower().startswith(("former ", "ex-")):
        return cand
    return Candidate(replace(cand.role, text=f"former {text}"), cand.strength)


def in_charge(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"put X in charge of the Bureau of Prisons", "X, in charge of Y,": X heads Y."""
    doc, sent = ctx.doc, span.sent
    i = span.end + 1 if span.end < sent.end and doc[span.end].text == "," else span.end
    if [t.lower_ for t in doc[i:min(sent.end, i + 3)]] != ["in", "charge", "of"]:
        return []
    org = prep_org(ctx, i + 2, sent.end, org_kind=False)
    found = make(ctx, sent, "head", org, "head", False) if org else None
    return [found] if found else []


def fronted_as(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"As the company's CEO, Li has ...": a role fronted before the subject it describes."""
    doc, sent = ctx.doc, span.sent
    start = sent.start
    while start < span.start and (doc[start].is_space or doc[start].is_punct):
        start += 1
    if doc[start].lower_ != "as" or span.start - 1 <= start or doc[span.start - 1].text != ",":
        return []
    if span.root.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    cand = chunk_role(ctx, sent, start + 1, span.start - 1, org_kind=False)
    return [cand] if cand else []


def agent_roles(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"Afridax, ..., founded by X" / "the committee, which was chaired by X" / "Acme was set up
    in 2002 by X": X is the founder / chair of the organisation the participle or clause
    describes, or the passive clause is about."""
    root = span.root
    by = root.head
    if root.dep_ != "pobj" or by.lower_ != "by" or by.dep_ != "agent":
        return []
    verb = by.head
    lemma = verb.lemma_.lower()
    if lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
        lemma = "found"  # "was set up in 2002 by X"
    noun = AGENT_NOUNS.get(lemma)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"
                    and c.lower_ not in {"which", "that", "who"}), None)
    if noun is None or (verb.dep_ not in {"acl", "relcl"} and passive is None):
        return []
    if passive is not None:  # "Acme was founded in 2002 by X"
        owner = ctx.at(passive.i)
    else:
        owner = ctx.at(verb.head.i)
        if owner is None:  # "Afridax, SA's newest exchange, founded by X": the apposition's
            target = verb.head
            owner = ctx.at(target.head.i) if target.dep_ == "appos" else None
    if owner is None or owner.label != "ORG":
        return []
    found = make(ctx, span.sent, noun, ctx.org_name(owner), noun, False)
    return [found] if found else []


def _subject_person(ctx: RoleContext, sent: Span) -> str | None:
    """The person a sentence's main clause is about (its subject), if a named one."""
    for tok in sent:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ROOT":
            mention = ctx.at(tok.i)
            return mention.name if mention is not None and mention.label == "PERSON" else None
    return None


def pronoun_roles(ctx: RoleContext) -> dict[str, list[Candidate]]:
    """"X was appointed ... . He is the founder of Tayaba.": a sentence opened by "He" or
    "She" and a role verb states a role of the previous sentence's subject."""
    out: dict[str, list[Candidate]] = {}
    previous: str | None = None
    for sent in ctx.doc.sents:
        first = sent[0]
        if previous and first.lower_ in {"he", "she"} and first.dep_ in {"nsubj", "nsubjpass"}:
            found = roles_after(ctx, sent[0:1], org_kind=False)
            if found:
                out.setdefault(previous, []).extend(found)
        subject = _subject_person(ctx, sent)
        if subject or first.lower_ not in {"he", "she"}:
            previous = subject  # "He ..." keeps the person it continues
    return out


# Verbs whose subject holds a role in their object ("X heads Y": head of Y).
_HOLDING_VERBS = frozenset({"head", "chair", "lead", "found", "co-found", "cofound", "manage",
                            "direct", "govern"})
_OWNER_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _held_org(ctx: RoleContext, verb: Token) -> str | None:
    """The organisation a verb's direct object names ("the Naqshbandi Order", "the company")."""
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        mention = ctx.at(obj.i)
        if mention is not None:
            return ctx.org_name(mention) if mention.label in _OWNER_LABELS else None
        toks = [t for t in obj.subtree if t.i <= obj.i]
        return definite(ctx, toks) if toks else None
    return None


def verb_roles(ctx: RoleContext, span: Span) -> list[Candidate]:
    """"X headed the Naqshbandi Order", "X founded Acme in 2017 and chairs its board": the
    subject of a verb of holding is the agent noun of its object's organisation."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.pos_ != "VERB":
        return []
    verbs = [root.head] + [c for c in root.head.children if c.dep_ == "conj" and c.pos_ ==
                           "VERB" and not any(g.dep_ in {"nsubj", "nsubjpass"}
                                              for g in c.children)]
    out: list[Candidate] = []
    for verb in verbs:
        lemma = verb.lemma_.lower()
        noun = AGENT_NOUNS.get(lemma)
        if noun is None or lemma not in _HOLDING_VERBS:
            continue
        if verb.i >= 2 and ctx.doc[verb.i - 1].text == "-" and \
                ctx.doc[verb.i - 2].lower_ == "co" and not noun.startswith("co-"):
            noun = f"co-{noun}"  # "co-founded", parsed "co" "-" "founded"
        org = _held_org(ctx, verb)
        found = make(ctx, span.sent, noun, org, noun, False) if org else None
        if found is not None:
            out.append(found)
    return out
