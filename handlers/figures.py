"""/figures: the numbers reported about an entity or topic, normalised and cited.

`--history` (anywhere in the argument) shows each tracked measure of an entity with its latest
value first and every earlier value, dated and cited. Without it the reply lists all figures,
preceded by the latest value per tracked measure.
"""

from __future__ import annotations

import re

from bot.chat.commands import ArgSpec, CommandContext, CommandSpec, Registry
from bot.chat.format import format_figure
from bot.chat.messages import ArticleRef, FigureItem, Reply
from bot.delivery.figure_tracking import (
    MeasureHistory,
    Observation,
    day_text,
    published_on,
    reported_by,
    show,
)
from bot.domain.errors import InvalidArgument
from bot.services.container import Services
from handlers.cite import cite

USAGE = "/figures <entity or topic> [--history]"
MAX_HISTORY = 20  # values shown per measure
MAX_LINES = 25  # figures written out in the text reply (the JSON `items` hold up to 100)
_RELATION = {"imposer": "imposed by {asked}", "lender": "lent by {asked}",
             "agent": "by {asked}"}
_HISTORY = re.compile(r"(?:^|\s)--history(?=\s|$)", re.I)


def _ref(o: Observation) -> ArticleRef:
    return ArticleRef(id=o.article_id or 0, title=o.title, url=o.url,
                      date=published_on(o), source=reported_by(o))


def _item(o: Observation, subject: str, label: str) -> FigureItem:
    return FigureItem(value=o.value, unit=o.unit, qualifier=o.qualifier, text=o.text,
                      subject=subject, measure=label, kind=o.kind, sentence=o.sentence,
                      article=_ref(o))


def _line(o: Observation) -> str:
    return f"{show(o)} — {o.source}, {day_text(o)} {cite(_ref(o))}"


def _whose(f: FigureItem, asked: str) -> str:
    """ " (CB Payments Limited, imposed by Financial Conduct Authority)" when the figure is
    about another entity than the one asked about; "" when it is the asked one's own."""
    if f.relation in _RELATION and f.subject and f.subject != asked:
        return f" ({f.subject}, {_RELATION[f.relation].format(asked=asked)})"
    return f" ({f.subject})" if f.subject and f.subject != asked else ""


def history_reply(subject: str, measures: list[MeasureHistory]) -> Reply:
    """Each measure's latest value, then its history; items ordered by measure, newest first."""
    if not measures:
        return Reply(command="figures", items=[],
                     text=f"No figures about {subject} have been tracked yet.")
    lines = [f"Figures about {subject}, latest first, with history:"]
    items = []
    latest = [_item(m.observations[0], subject, m.label) for m in measures]
    for m in measures:
        shown = m.observations[:MAX_HISTORY]
        lines.append(f"  {m.label}: {_line(shown[0])}")
        lines += [f"    earlier: {_line(o)}" for o in shown[1:]]
        if len(m.observations) > len(shown):
            lines.append(f"    …and {len(m.observations) - len(shown)} older value(s)")
        items += [_item(o, subject, m.label) for o in shown]
    return Reply(command="figures", text="\n".join(lines), items=items, latest=latest)


def specs(services: Services, _registry: Registry) -> list[CommandSpec]:
    """The /figures command."""

    async def figures(_ctx: CommandContext, arg: str) -> Reply:
        want_history = bool(_HISTORY.search(arg))
        name = _HISTORY.sub(" ", arg).strip()
        if not name:
            raise InvalidArgument("/figures needs an entity or topic name.", USAGE)
        is_topic = services.queries.resolve_topic(name) is not None
        if want_history and is_topic:
            raise InvalidArgument("--history follows the figures of an entity (a country, "
                                  "organisation or person), not a topic.", USAGE)
        subject, items = await services.queries.figures(name)
        measures = [] if is_topic else await services.queries.measure_history(name)
        if want_history:
            return history_reply(subject, measures)
        if not items:
            return Reply(command="figures", text=f"No figures reported about {subject} yet.",
                         items=[])
        lines = [f"Figures about {subject}:"]
        if measures:
            lines.append("Latest per measure:")
            lines += [f"  {m.label}: {_line(m.observations[0])}" for m in measures]
            lines.append("All figures:")
        for f in items[:MAX_LINES]:
            lines.append(f"  {format_figure(f.value, f.unit, f.qualifier)} — "
                         f"{f.measure or f.kind}{_whose(f, subject)} {cite(f.article)}")
            lines.append(f"    “{f.sentence}”")
        if len(items) > MAX_LINES:
            lines.append(f"  …and {len(items) - MAX_LINES} more (ask with --json for all).")
        latest = [_item(m.observations[0], subject, m.label) for m in measures]
        return Reply(command="figures", text="\n".join(lines), items=items,
                     latest=latest or None)

    return [CommandSpec(
        name="figures", summary="Figures reported about an entity or topic",
        usage=USAGE, handler=figures,
        arg=ArgSpec("subject", "an entity or topic name (add --history for each value over time)",
                    autocomplete="entity", max_length=100),
        examples=("/figures El Salvador", "/figures El Salvador --history",
                  "/figures mining-energy"),
    )]
