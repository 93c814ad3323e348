"""What the report shows, gathered from the record before any HTML is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from detente import api
from detente.periods import full_day
from detente.store import Store

FREQUENCIES = ("day", "week", "month", "year")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
TIMELINE_LABELS = 5
TURN_EVENTS = 3               # events shown for each turning point, strongest first
SAME_CHANGE_DAYS = 42         # a registry entry and an event this close record one change
DEFAULT_MEASURE = "net cooperation"
STOPPED = ("closed", "suspended", "ended")
NOT_ESTABLISHED = ("not yet established", "not established")   # status.py's words, new and old


@dataclass
class Turn:
    """A change point and the events behind it: those of its direction in the period where the
    new level starts or, when that period is quiet, the last ones before it (``before``)."""
    point: object                 # analysis.series.ChangePoint
    events: list = field(default_factory=list)
    before: bool = False


@dataclass
class ChannelRow:
    """One status change of a channel in the period, however many records say so: the
    registry's entry and the events that report the same change (same channel and status,
    within ``SAME_CHANGE_DAYS``) are one row."""
    channel: object               # channels.Channel
    date: str                     # the earliest record's date
    status: str
    changes: list                 # the StatusChanges behind it, earliest first
    events: list = field(default_factory=list)   # the events behind it (full records)
    previous: object = None       # the channel's ChannelStatus just before, if known
    marks: list = field(default_factory=list)    # (date, text): the registry's established / ended

    @property
    def bases(self) -> list[str]:
        order = {"event": 0, "registry": 1, "hand": 2}
        found = {c.basis for c in self.changes} | ({"registry"} if self.marks else set())
        return sorted(found, key=lambda b: order.get(b, 9))

    @property
    def basis(self) -> str:
        return " and ".join(self.bases)

    @property
    def changed(self) -> bool:
        """Whether the status differs from the one before (a record confirming it does not)."""
        return self.previous is None or self.previous.status != self.status

    @property
    def opened(self) -> bool:
        """Active after being shut, or when it came into being (the registry's ``established``)."""
        return (self.status == "active" and self.previous is not None
                and (self.previous.status in STOPPED or self.previous.status in NOT_ESTABLISHED))

    @property
    def shut(self) -> bool:
        """Closed, suspended or ended when it was open (a closed channel that ends is not shut again)."""
        return self.status in STOPPED and (self.previous is None or self.previous.status == "active")


@dataclass
class Briefing:
    """What the report shows, gathered from the record before any HTML is written."""
    a: str
    b: str
    date_from: str | None
    date_to: str | None
    freq: str
    start: str | None = None           # the period shown: as given, else the first and last event
    end: str | None = None
    directions: tuple[str, str] = ("", "")
    figures: dict = field(default_factory=dict)       # direction -> headline figures
    changes: list = field(default_factory=list)       # analysis.series.ChangePoint
    turns: list = field(default_factory=list)         # Turn, one per change point (same order)
    measure: str = DEFAULT_MEASURE                    # what the change points measure
    series_start: str | None = None                   # the first period of the series
    left_out: int = 0
    timeline_svg: str | None = None
    timeline_note: str = ""
    linked: list = field(default_factory=list)        # channels linking a and b
    channel_changes: list = field(default_factory=list)  # ChannelRow, in date order
    channel_status: list = field(default_factory=list)   # ChannelStatus at the end of the period
    board_svg: str | None = None
    board_note: str = ""
    spirals: list = field(default_factory=list)
    top_events: list = field(default_factory=list)    # full event records
    documents: dict = field(default_factory=dict)     # doc_id -> document (without text)
    written: str = field(default_factory=lambda: dt.date.today().isoformat())
    paper: str = "a4"
    scale: str = "goldstein-gdelt"                    # the weights of the series and of the strongest acts
    min_confidence: float | None = None               # events less likely to be right were left out

    @property
    def acts(self) -> int:
        return sum(f["acts"] for f in self.figures.values())

    @property
    def turns_shown(self) -> list:
        """A Turn per change point (a briefing put together by hand may lack their events)."""
        if len(self.turns) == len(self.changes):
            return self.turns
        return [Turn(point) for point in self.changes]


def gather(db: str, a: str, b: str, date_from: str | None, date_to: str | None, freq: str,
           top: int, min_confidence: float | None = None) -> Briefing:
    """Everything the report shows, from the record in ``db``."""
    from detente.web.report.charts import timeline_svg

    briefing = Briefing(a, b, date_from, date_to, freq, directions=(f"{a}->{b}", f"{b}->{a}"))
    report = api.dyad(a, b, db=db, freq=freq, date_from=date_from, date_to=date_to, changes=True,
                      min_confidence=min_confidence)
    briefing.min_confidence = min_confidence
    acts = report.events
    dates = sorted(d for d in acts["date"] if d) if len(acts) else []
    briefing.start = date_from or (dates[0] if dates else None)
    briefing.end = date_to or (dates[-1] if dates else None)
    briefing.figures = {direction: _figures(acts, *direction.split("->")) for direction in briefing.directions}
    briefing.changes = sorted(report.changes, key=lambda c: (c.period, c.direction))
    briefing.scale = report.scale
    series = report.series
    briefing.measure = _measure(briefing.changes, series)
    if series is not None and len(series):
        briefing.series_start = series["period"].min().strftime("%Y-%m-%d")
    briefing.left_out = int(series.attrs.get("left_out", 0) or 0)
    with api.reading(db) as store:
        # the acts of the period with the largest weight on the series' scale, each once
        briefing.top_events = report.strongest(top)
        # the plot places a label by its day: a month- or year-precise date goes at its start
        labelled = [dict(ev, date=full_day(ev["date"])) for ev in report.strongest(TIMELINE_LABELS, one_per_period=True)]
        briefing.turns = _turns(briefing.changes, series, store)
        if series is None or series.empty or not series["n"].sum():
            briefing.timeline_note = "No dated events to draw."
        else:
            briefing.timeline_svg = timeline_svg(series, labelled, a, b, TIMELINE_LABELS,
                                                 getattr(report, "measure", None) or "net_cooperation",
                                                 briefing.changes)
        _channels(briefing, db, store)
        briefing.spirals = api.spirals(a, b, db=db, date_from=date_from, date_to=date_to,
                                       min_confidence=min_confidence)
        wanted = [ev["doc_id"] for ev in briefing.top_events]
        briefing.documents = {d["doc_id"]: {k: v for k, v in d.items() if k != "text"}
                              for d in store.documents_by_id(wanted)}
    return briefing


def _measure(changes: list, series) -> str:
    """The name of what the change points follow: a field of theirs or of the series if there
    is one, else net cooperation (what the timeline draws)."""
    for point in changes:
        value = getattr(point, "measure", None)
        if value:
            return str(value).replace("_", " ")
    value = series.attrs.get("measure") if series is not None else None
    return str(value).replace("_", " ") if value else DEFAULT_MEASURE


def _figures(acts, source: str, target: str) -> dict:
    """Acts, cooperative and conflictual shares and the Goldstein sum of one direction."""
    if len(acts) == 0:
        return {"acts": 0, "cooperative": 0, "conflictual": 0, "goldstein": 0.0, "quads": {}}
    mine = acts[(acts["source_country"] == source) & (acts["target_country"] == target)]
    quads = {q: int((mine["quad_class"] == q).sum()) for q in QUADS}
    return {"acts": int(len(mine)), "cooperative": quads[1] + quads[2], "conflictual": quads[3] + quads[4],
            "goldstein": float(mine["goldstein"].fillna(0).sum()), "quads": quads}


def _turns(changes: list, series, store: Store) -> list[Turn]:
    """The events behind each change point, up to ``TURN_EVENTS``, strongest first."""
    by_period = _event_ids(series)
    turns, wanted = [], []
    for point in changes:
        ids, before = list(by_period.get((point.direction, point.period), ())), False
        if not ids:     # a quiet period: the last acts of that direction before it
            earlier = [p for (d, p) in by_period if d == point.direction and p < point.period]
            if earlier:
                ids, before = list(by_period[(point.direction, max(earlier))]), True
        turns.append((point, ids, before))
        wanted += ids
    events = {ev["event_id"]: ev for ev in store.events_by_id(dict.fromkeys(wanted))}
    shown = []
    for point, ids, before in turns:
        found = [events[i] for i in dict.fromkeys(ids) if i in events]
        found.sort(key=lambda ev: (-abs(float(ev.get("goldstein") or 0)), ev.get("date") or "", ev["event_id"]))
        shown.append(Turn(point, found[:TURN_EVENTS], before))
    return shown


def _event_ids(series) -> dict:
    """(direction, period) -> the ids of the events behind that row of the series."""
    if series is None or len(series) == 0:
        return {}
    if "event_ids" in series.columns:
        return {(d, p): list(ids) for d, p, ids in zip(series["direction"], series["period"], series["event_ids"])
                if len(ids)}
    return dict(series.attrs.get("events") or {})   # where the series kept them aside


def _channels(briefing: Briefing, db: str, store: Store) -> None:
    """The changes of the channels linking the pair within the period (one row for a change
    both the registry and an event record), their status at its end and the channel board."""
    from detente.channels.status import lanes, status_at
    from detente.web.report.charts import board_svg

    _, linked, changes, _ = api.channel_changes(briefing.a, briefing.b, db=db, min_confidence=briefing.min_confidence)
    briefing.linked = linked
    if not linked:
        briefing.board_note = f"No channel in the registry links {briefing.a} and {briefing.b}."
        return
    by_id = {c.id: c for c in linked}
    mine = [c for c in changes if c.channel_id in by_id]
    first = full_day(briefing.start) if briefing.start else min((c.day for c in mine), default=None)
    last = full_day(briefing.end, end=True) if briefing.end else dt.date.today().isoformat()
    within = [c for c in mine if (first is None or c.day >= first) and c.day <= last]
    within.sort(key=lambda c: (c.day, c.channel_id, c.basis))
    events = {ev["event_id"]: ev for ev in store.events_by_id(c.event_id for c in within if c.event_id)}
    seen, kept = set(), []
    for change in within:
        event = events.get(change.event_id) if change.event_id else None
        key = (change.channel_id, change.date, change.status, change.basis, change.note,
               event.get("sentence") if event else None)
        if key not in seen:     # two mentions of one act, or one sentence coded both ways: one line
            seen.add(key)
            kept.append(change)
    rows = []
    for group in _same_changes(kept):
        row = ChannelRow(by_id[group[0].channel_id], group[0].date, group[0].status, group,
                         [events[c.event_id] for c in group if c.event_id in events])
        rows.append(row)
    rows = _with_dates(rows, linked, first, last)
    for row in rows:
        earlier = [c for c in mine if c.channel_id == row.channel.id and c.day < full_day(row.date)]
        day_before = (dt.date.fromisoformat(full_day(row.date)) - dt.timedelta(days=1)).isoformat()
        row.previous = status_at([row.channel], earlier, day_before)[0]
    briefing.channel_changes = rows
    briefing.channel_status = status_at(linked, mine, last)
    if first is None or first >= last:
        briefing.board_note = "The period is too short to draw the channel board."
        return
    briefing.board_svg = board_svg(lanes(linked, mine, first, last), first, last)


def _with_dates(rows: list[ChannelRow], linked: list, first: str | None, last: str) -> list[ChannelRow]:
    """The registry's ``established`` and ``ended`` dates within the period: each on the row of
    the change it goes with (an opening near the establishment, a closure near the end), else a
    row of its own; all rows in date order."""
    for channel in linked:
        for when, status, word, note in ((channel.established, "active", "established", channel.established_note),
                                         (channel.ended, "ended", "ended", channel.ended_note)):
            if not when or (first is not None and full_day(when) < first) or full_day(when) > last:
                continue
            text = f"{word} {when}" + (f": {note}" if note else "")
            fits = ("active",) if status == "active" else ("closed", "suspended")
            near = [(abs(_days(r.date, when)), i) for i, r in enumerate(rows)
                    if r.channel.id == channel.id and r.status in fits and abs(_days(r.date, when)) <= SAME_CHANGE_DAYS]
            if near:
                rows[min(near)[1]].marks.append((str(when), text))
            else:
                rows.append(ChannelRow(channel, str(when), status, [], marks=[(str(when), text)]))
    return sorted(rows, key=lambda r: (full_day(r.date), r.channel.id))


def _days(one: str, other: str) -> int:
    return (dt.date.fromisoformat(full_day(one)) - dt.date.fromisoformat(full_day(other))).days


def _same_changes(changes: list) -> list[list]:
    """The changes grouped into the rows of the table: each registry entry with the events that
    report the same change of the same channel (the nearest registry entry takes an event);
    every other change alone. Groups in date order, each earliest first."""
    days = {id(c): dt.date.fromisoformat(c.day) for c in changes}
    registry = [c for c in changes if c.basis == "registry"]
    claimed: dict[int, object] = {}
    for event in (c for c in changes if c.basis == "event"):
        near = [(abs((days[id(r)] - days[id(event)]).days), i, r) for i, r in enumerate(registry)
                if r.channel_id == event.channel_id and r.status == event.status
                and abs((days[id(r)] - days[id(event)]).days) <= SAME_CHANGE_DAYS]
        if near:
            claimed[id(event)] = min(near, key=lambda n: (n[0], n[1]))[2]
    groups: dict[int, list] = {}
    for change in changes:
        owner = claimed.get(id(change), change)
        groups.setdefault(id(owner), []).append(change)
    ordered = [sorted(g, key=lambda c: (days[id(c)], c.basis != "event")) for g in groups.values()]
    return sorted(ordered, key=lambda g: (days[id(g[0])], g[0].channel_id))
