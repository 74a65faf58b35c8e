"""Synthetic policy-news articles with ready-made `Analysis` objects, for the store scale check.

Sentences come from templates written for this benchmark. Each article has one lead country,
regulator, person and firm plus a handful of others drawn with Zipf weights (so a few names are
in tens of thousands of articles and most in a few), 1-3 topics, 2-6 figures with subjects and
measures, and 8-15 entities with aliases and roles. spaCy is NOT run: the analysis is built
directly, because the point is the store and the command paths at 100,000 articles.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.perf.synth_names import (
    COUNTRIES,
    REGULATORS,
    Person,
    Zipf,
    build_firms,
    build_people,
)
from bot.domain.models import Analysis, ArticleIn, EntityMention, Figure, Role, TopicMatch

_REG_NAMES = frozenset(r for r, _ in REGULATORS)
TOPICS = ("reserves", "legal-tender", "regulators", "mining-energy", "bilateral")
OUTLETS = ("coindesk.com", "theblock.co", "reuters.com", "bloomberg.com", "ft.com",
           "decrypt.co", "bitcoinmagazine.com", "cointelegraph.com", "apnews.com", "dawn.com")

# (topic, sentence, figure kind or "", subject slot, measure). Slots: country, demonym, reg,
# short, person, surname, role, firm, country2, fig.
TEMPLATES = (
    ("reserves", "{country} now holds {fig} in its national reserve, {short} filings show.",
     "crypto", "country", "BTC holdings"),
    ("reserves", "The {demonym} treasury bought {fig} worth of bitcoin this quarter.",
     "money", "country", "bitcoin purchases"),
    ("reserves", "{person} said the strategic bitcoin reserve would not be sold.", "", "", ""),
    ("reserves", "Lawmakers in {country2} are drafting a bill modelled on the reserve of "
     "{country}.", "", "", ""),
    ("legal-tender", "{country} made bitcoin legal tender, and {fig} of shops now accept it.",
     "percent", "country", "merchant acceptance"),
    ("legal-tender", "The {reg} asked {country} to scale back mandatory acceptance of bitcoin.",
     "", "", ""),
    ("legal-tender", "An {reg} loan of {fig} depends on changes to the bitcoin law.",
     "money", "reg", "loan"),
    ("regulators", "The {reg} granted licences to {fig} in the past year.",
     "count", "reg", "licensed exchanges"),
    ("regulators", "{firm} was fined {fig} by the {short} for weak customer checks.",
     "money", "firm", "fine"),
    ("regulators", "{person}, {role} of {org}, told reporters the rules take effect in June.",
     "", "", ""),
    ("regulators", "The {short} published draft stablecoin rules on Tuesday.", "", "", ""),
    ("mining-energy", "{firm} runs {fig} of mining capacity in {country}.",
     "power", "firm", "mining capacity"),
    ("mining-energy", "Miners used {fig} of the grid in {country} last year.",
     "percent", "country", "share of electricity"),
    ("mining-energy", "{country} signed a hydropower deal with {firm} to mine bitcoin.",
     "", "", ""),
    ("bilateral", "{country} and {country2} agreed to share know-how on bitcoin reserves.",
     "", "", ""),
    ("bilateral", "{person} met officials from {country2} to discuss cross-border payments.",
     "", "", ""),
    ("bilateral", "Trade between {country} and {country2} settled in bitcoin reached {fig}.",
     "money", "country", "bitcoin trade"),
)
FILLER = (
    "Critics say the plan leaves savers exposed to price swings.",
    "{surname} declined to give a timetable.",
    "The {demonym} opposition called for a parliamentary review.",
    "Analysts at {firm} expect other governments to follow.",
    "The {short} will publish its findings next month.",
    "{firm} shares rose after the announcement.",
    "The proposal still needs a second vote before it becomes law.",
    "{person} has argued for a lighter approach to self-custody.",
    "Officials in {country2} are watching the experiment closely.",
    "A spokesperson for the {reg} did not respond to a request for comment.",
    "The move follows months of talks between {short} staff and industry groups.",
    "Consumer groups warned that fraud complaints have grown since the rules changed.",
    "{surname} framed the decision as a hedge against a weaker currency.",
    "The {demonym} finance ministry said the figures would be audited.",
)


def _figure(rng: random.Random, kind: str) -> tuple[float, str, str]:
    """(value, unit, surface text) of a random figure of `kind`."""
    if kind == "crypto":
        v = float(rng.randint(50, 250_000))
        return v, "BTC", f"{v:,.0f} BTC"
    if kind == "money":
        v = rng.randint(1, 900) * 1_000_000.0
        return v, "USD", f"${v / 1e6:,.0f} million"
    if kind == "percent":
        v = round(rng.uniform(0.5, 60), 1)
        return v, "%", f"{v}%"
    if kind == "power":
        v = float(rng.randint(5, 900))
        return v, "MW", f"{v:,.0f} MW"
    v = float(rng.randint(2, 400))
    return v, "exchanges", f"{v:,.0f} exchanges"


@dataclass(frozen=True, slots=True)
class Synthetic:
    """One generated article, its uid and content hash, and its analysis."""

    article: ArticleIn
    uid: str
    content_hash: str
    analysis: Analysis


class Corpus:
    """A deterministic generator of synthetic articles (seeded)."""

    def __init__(self, seed: int = 7, people: int = 6000, firms: int = 3000) -> None:
        rng = random.Random(seed)
        # Exponents chosen so the most named country is in ~30% of articles, the most named
        # regulator in ~25%, the most named person or firm in ~5%.
        self.people = Zipf(build_people(rng, people), s=0.8)
        self.firms = Zipf(build_firms(rng, firms), s=0.8)
        self.countries = Zipf(list(COUNTRIES), s=0.9)
        self.regulators = Zipf(list(REGULATORS), s=1.0)
        self.start = datetime(2023, 1, 1, tzinfo=UTC)

    def articles(self, count: int, seed: int = 11) -> Iterator[Synthetic]:
        """`count` articles, the same ones for the same seed."""
        rng = random.Random(seed)
        for i in range(count):
            yield self._one(rng, i)

    def _one(self, rng: random.Random, i: int) -> Synthetic:
        country, demonym = self.countries.draw(rng)
        country2 = self.countries.draw(rng)[0]
        while country2 == country:
            country2 = rng.choice(COUNTRIES)[0]
        reg, short = self.regulators.draw(rng)
        person = self.people.draw(rng)
        firm = self.firms.draw(rng)
        slots = {"country": country, "demonym": demonym, "reg": reg, "short": short,
                 "person": person.name, "surname": person.last, "role": person.title,
                 "org": ("the " if person.org in _REG_NAMES else "") + person.org,
                 "firm": firm, "country2": country2}
        subjects = {"country": country, "reg": reg, "firm": firm}
        topics = rng.sample(TOPICS, rng.choice((1, 1, 2, 2, 3)))
        pool = [t for t in TEMPLATES if t[0] in topics]
        sentences, figures = [], []
        want_figs = rng.randint(2, 6)
        for n in range(rng.randint(10, 18)):
            _topic, tpl, kind, subj, meas = rng.choice(pool)
            if (kind and len(figures) >= want_figs) or (n % 2 and not kind):
                kind = ""
                tpl = rng.choice(FILLER)
            fig = ""
            if kind:
                value, unit, fig = _figure(rng, kind)
            sentence = tpl.format(**slots, fig=fig)
            if sentence in sentences:
                continue
            sentences.append(sentence)
            if kind:
                figures.append(Figure(value=value, unit=unit, text=fig, sentence=sentence,
                                      kind=kind, subject=subjects[subj], measure=meas))
        while len(figures) < 2:  # every article reports at least two figures
            value, unit, fig = _figure(rng, "crypto")
            sentence = f"{country} disclosed holdings of {fig}."
            sentences.append(sentence)
            figures.append(Figure(value=value, unit=unit, text=fig, sentence=sentence,
                                  kind="crypto", subject=country, measure="BTC holdings"))
        entities = self._entities(rng, slots, person)
        text = " ".join(sentences)
        passing = [e.name for e in entities if e.name not in text]
        if passing:
            names = ", ".join(passing[:-1]) + (" and " if len(passing) > 1 else "") + passing[-1]
            sentences.append(f"Representatives of {names} also took part in the talks.")
        title = f"{country}: {sentences[0].split(',')[0].rstrip('.')}"[:140]
        body = "\n\n".join(sentences)
        date = self.start + timedelta(minutes=i * 7 + rng.randint(0, 6))
        outlet = rng.choice(OUTLETS)
        url = f"https://{outlet}/{date:%Y/%m}/{hashlib.sha1(title.encode()).hexdigest()[:8]}-{i}"
        matches = tuple(TopicMatch(topic=t, score=round(rng.uniform(2, 9), 1),
                                   terms=("bitcoin", t.replace("-", " ")), entities=())
                        for t in topics)
        analysis = Analysis(sentences=tuple(sentences), entities=tuple(entities),
                            figures=tuple(figures), summary=tuple(sentences[:3]),
                            topics=matches, clean_text=body)
        article = ArticleIn(url=url, title=title, text=body, date=date, source=outlet,
                            guid=f"g{i}")
        digest = hashlib.sha256(f"{title}\n{body}".casefold().encode()).hexdigest()
        return Synthetic(article, url, digest, analysis)

    def _entities(self, rng: random.Random, slots: dict[str, str],
                  person: Person) -> list[EntityMention]:
        ents = {
            slots["country"]: EntityMention(slots["country"], "GPE", mentions=rng.randint(2, 5)),
            slots["country2"]: EntityMention(slots["country2"], "GPE"),
            slots["demonym"]: EntityMention(slots["demonym"], "NORP", country=slots["country"]),
            slots["reg"]: EntityMention(slots["reg"], "ORG", aliases=(slots["short"],),
                                        mentions=rng.randint(1, 3)),
            slots["firm"]: EntityMention(slots["firm"], "ORG", mentions=rng.randint(1, 3)),
            person.name: EntityMention(
                person.name, "PERSON", aliases=(person.last,), mentions=rng.randint(1, 4),
                roles=(Role(person.title, person.org, f"{person.name}, {person.title}."),)),
        }
        if person.org not in ents:
            grp = "GPE" if any(person.org == c for c, _ in COUNTRIES) else "ORG"
            ents[person.org] = EntityMention(person.org, grp)
        while len(ents) < rng.randint(8, 15):  # others named in passing
            pick = rng.random()
            if pick < 0.45:
                p = self.people.draw(rng)
                ents.setdefault(p.name, EntityMention(p.name, "PERSON", aliases=(p.last,)))
            elif pick < 0.75:
                f = self.firms.draw(rng)
                ents.setdefault(f, EntityMention(f, "ORG"))
            elif pick < 0.9:
                c = self.countries.draw(rng)[0]
                ents.setdefault(c, EntityMention(c, "GPE"))
            else:
                r, s = self.regulators.draw(rng)
                ents.setdefault(r, EntityMention(r, "ORG", aliases=(s,)))
        return list(ents.values())
