"""Key judgements: the few sentences a reader should take from the report, each with its
figure and a link to the events (or the channel record) behind it.

A judgement is a list of parts, text and :class:`Link` (an in-page anchor: ``#event-<id>``
for an event, ``#change-<n>`` for a channel change no event records); the page renders them,
escaping every part, and makes sure each event a link points to is listed with its id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from detente.web.report.data import Briefing, ChannelRow

MOST_TURNS = 6          # turning points named in the sentence; the smaller ones are counted
SENTENCE_WORDS = 14     # words quoted from an event's sentence
UNITS = {"day": "a day", "week": "a week", "month": "a month", "year": "a year"}
ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


@dataclass(frozen=True)
class Link:
    text: str
    target: str         # the fragment, without '#'
    event: str | None = None   # the id of the event it goes to, if it goes to one


def event_link(text: str, event_id) -> Link:
    return Link(text, event_anchor(event_id), str(event_id))


@dataclass
class Judgement:
    key: str            # turns | fall | shut | opened | spirals
    title: str
    parts: list = field(default_factory=list)

    @property
    def links(self) -> list[Link]:
        return [p for p in self.parts if isinstance(p, Link)]


def event_anchor(event_id) -> str:
    """``event-<id>``: the id as it is where it is a plain word (detente's ids are hex digests),
    else a digest of it, so that the fragment needs no escaping."""
    text = str(event_id)
    if not re.fullmatch(r"[\w.-]+", text, re.ASCII):
        text = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"event-{text}"


def change_anchor(number: int) -> str:
    return f"change-{number}"


def judgements(briefing: Briefing) -> list[Judgement]:
    """The key judgements of a briefing with events (none without: the page says so)."""
    if not briefing.acts:
        return []
    return [_turns(briefing), _fall(briefing), *_doors(briefing), _spirals(briefing)]


def cited(found: list[Judgement]) -> list[str]:
    """The ids of the events the judgements link to, in order of first mention."""
    ids = [link.event for j in found for link in j.links if link.event is not None]
    return list(dict.fromkeys(ids))


# the judgements --------------------------------------------------------------------------------
def _turns(briefing: Briefing) -> Judgement:
    judgement = Judgement("turns", "Turning points")
    turns = briefing.turns_shown
    if not turns:
        judgement.parts = [f"None: the level of {briefing.measure} held steady each way."]
        return judgement
    largest = sorted(turns, key=lambda t: -abs(t.point.shift))[:MOST_TURNS]
    named = sorted(largest, key=lambda t: (t.point.period, t.point.direction))
    judgement.parts = [f"{len(turns)} turn{'' if len(turns) == 1 else 's'} in the "
                       f"{ADJECTIVES.get(briefing.freq, '')} level of {briefing.measure}: "]
    for number, turn in enumerate(named):
        point = turn.point
        if number:
            judgement.parts.append("; ")
        judgement.parts += [_linked(period(point.period, briefing.freq), turn.events),
                            f" {arrow(point.direction)} {'down' if point.shift < 0 else 'up'} {abs(point.shift):.1f} "
                            f"(from {signed(point.before)} to {signed(point.after)})"]
    smaller = len(turns) - len(named)
    judgement.parts.append(f"; and {smaller} smaller." if smaller else ".")
    return judgement


def _fall(briefing: Briefing) -> Judgement:
    judgement = Judgement("fall", "Steepest fall")
    falls = [t for t in briefing.turns_shown if t.point.shift < 0]
    if not falls:
        judgement.parts = [f"None: no turn in the level of {briefing.measure} was for the worse."]
        return judgement
    turn = min(falls, key=lambda t: (t.point.shift, t.point.period))
    point = turn.point
    if point.steepest_fall_since is not None:
        since = f"the steepest since {period(point.steepest_fall_since, briefing.freq)}"
    elif briefing.series_start:
        since = f"the steepest since the series began in {briefing.series_start[:7 if briefing.freq != 'year' else 4]}"
    else:
        since = "the steepest in the series"
    judgement.parts = [f"{arrow(point.direction)} from ", _linked(period(point.period, briefing.freq), turn.events),
                       f": the level of {briefing.measure} fell by {abs(point.shift):.1f}, from {signed(point.before)} "
                       f"to {signed(point.after)} {UNITS.get(briefing.freq, 'a period')}, {since}."]
    return judgement


def _doors(briefing: Briefing) -> list[Judgement]:
    shut, opened = Judgement("shut", "Doors shut"), Judgement("opened", "Doors opened")
    if not briefing.linked:
        shut.parts = [f"No channel in the registry links {briefing.a} and {briefing.b}."]
        return [shut]
    rows = list(enumerate(briefing.channel_changes))
    closing = [(n, row) for n, row in rows if row.shut]
    opening = [(n, row) for n, row in rows if row.opened]
    if closing:
        shut.parts = [f"{len(closing)} channel{'' if len(closing) == 1 else 's'} shut in the period: "]
        groups = [[(n, r) for n, r in closing if r.status == status] for status in ("closed", "suspended", "ended")]
        for number, members in enumerate(g for g in groups if g):
            shut.parts.append(("; " if number else "") + f"{members[0][1].status} \u2013 ")
            _list_rows(shut, members)
        shut.parts.append(".")
    else:
        shut.parts = ["No channel was closed, suspended or ended in the period."]
    if opening:
        opened.parts = [f"{len(opening)} channel{'' if len(opening) == 1 else 's'} opened or reopened: "]
        _list_rows(opened, opening)
        opened.parts.append(".")
    else:
        opened.parts = ["No channel was opened or reopened in the period."]
    return [shut, opened]


def _list_rows(judgement: Judgement, members: list[tuple[int, ChannelRow]]) -> None:
    """Each channel named and linked to its record; those of one date and basis share them:
    "A, B and C (2014-03, registry)"."""
    clusters: list[list[tuple[int, ChannelRow]]] = []
    for number, row in members:
        if clusters and (clusters[-1][0][1].date, clusters[-1][0][1].basis) == (row.date, row.basis):
            clusters[-1].append((number, row))
        else:
            clusters.append([(number, row)])
    for i, cluster in enumerate(clusters):
        if i:
            judgement.parts.append(", ")
        for j, (number, row) in enumerate(cluster):
            if j:
                judgement.parts.append(" and " if j == len(cluster) - 1 else ", ")
            judgement.parts.append(event_link(row.channel.name, row.events[0]["event_id"]) if row.events
                                   else Link(row.channel.name, change_anchor(number)))
        row = cluster[0][1]
        judgement.parts.append(f" ({row.date}, {row.basis})")


def _spirals(briefing: Briefing) -> Judgement:
    judgement = Judgement("spirals", "Spirals")
    spirals = briefing.spirals
    if not spirals:
        judgement.parts = ["None: no conflictual act was answered by the other side within 60 days."]
        return judgement
    longest = max(spirals, key=lambda s: (s.turns, len(s.events)))   # the earliest of equals
    opening, answer = longest.moves[0].events[0], longest.moves[1].events[0]
    last = longest.moves[-1].events[-1]
    count = len(spirals)
    judgement.parts = [
        f"{count} spiral{'' if count == 1 else 's'} of conflict, each side answering the other within 60 days; "
        f"the {'longest' if count > 1 else 'one'} ran {longest.turns} turn{'' if longest.turns == 1 else 's'} "
        f"and {len(longest.events)} events from ", event_link(str(longest.start), opening["event_id"]),
        " to ", event_link(str(longest.end), last["event_id"]), ": ",
        f"{arrow_of(opening)} \u201c{quote(opening)}\u201d answered by ",
        event_link(f"{arrow_of(answer)} \u201c{quote(answer)}\u201d", answer["event_id"]), "."]
    return judgement


# wording ---------------------------------------------------------------------------------------
def _linked(text: str, events: list[dict]):
    return event_link(text, events[0]["event_id"]) if events else text


def period(when, freq: str) -> str:
    fmt = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(freq, "%Y-%m-%d")
    return when.strftime(fmt)


def signed(value: float) -> str:
    """+1.0, \u22126.0 (a true minus sign), 0.0."""
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text.replace("-", "\u2212")


def arrow(direction: str) -> str:
    return str(direction).replace("->", "\u2192")


def arrow_of(event: dict) -> str:
    return f"{event.get('source_country')}\u2192{event.get('target_country')}"


def quote(event: dict) -> str:
    """The first words of the event's sentence (its final full stop dropped)."""
    words = str(event.get("sentence") or "").split()
    if len(words) > SENTENCE_WORDS:
        return " ".join(words[:SENTENCE_WORDS]).rstrip(",;:") + "\u2026"
    return " ".join(words).removesuffix(".")
