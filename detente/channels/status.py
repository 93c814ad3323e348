"""Channel status over time: from the registry's dates and history, from events that name a
channel, and from changes an analyst enters by hand (kept in the store). Also engagement
breadth: how many channels are open per level, period by period.

A channel does not exist before the registry's ``established`` date ("not yet established")
nor after its ``ended`` date ("ended"). Between them its status is the latest recorded change;
with none recorded yet it is taken as active, and says so: such a status is *assumed*
(``ChannelStatus.recorded`` is False) and every view shows it apart from a recorded one.
The rules that turn an event into a status change are data (data/status_rules.yaml).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from detente.channels import LEVELS, STATUSES, Channel, Registry
from detente.datafile import load_yaml
from detente.periods import full_day, is_date

RULES_FILE = Path(__file__).parent / "data" / "status_rules.yaml"
NOT_ESTABLISHED = "not yet established"
ENDED = "ended"
STATES = (*STATUSES, ENDED, NOT_ESTABLISHED)   # every status a view can show
ASSUMED = "assumed"                            # the basis of a status no record sets
# on the same day, an event comes first (the registry's entry confirms it), a hand entry last
BASIS_ORDER = {"event": 0, "registry": 1, "hand": 2}


@dataclass(frozen=True)
class StatusChange:
    channel_id: str
    date: str           # YYYY, YYYY-MM or YYYY-MM-DD
    status: str
    basis: str          # registry | event | hand
    note: str = ""
    event_id: str | None = None
    party: str | None = None   # a change of one party's participation only (a withdrawal)

    @property
    def day(self) -> str:
        """The date as a full day (a month or year counts from its first day), for ordering."""
        return full_day(self.date)

    def concerns(self, a: str, b: str) -> bool:
        """Whether this change holds for the dyad ``a``-``b`` (one party's exit holds for its dyads)."""
        return self.party is None or self.party in (a, b)


@dataclass(frozen=True)
class ChannelStatus:
    channel: Channel
    status: str         # one of STATES
    since: str | None
    basis: str          # registry | event | hand | assumed
    note: str = ""
    event_id: str | None = None

    @property
    def recorded(self) -> bool:
        """False when no record sets the status: an active channel with no recorded change."""
        return self.basis != ASSUMED

    @property
    def label(self) -> str:
        """The status as the views print it: "active (assumed: no recorded change)"."""
        return self.status if self.recorded else f"{self.status} (assumed: no recorded change)"


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    status: str
    verbs: frozenset[str] = frozenset()
    channel_after_trigger: bool = False

    def applies(self, event: dict, channel_start: int) -> bool:
        if not any(event["code"].startswith(c) for c in self.codes):
            return False
        trigger = (event.get("trigger_text") or "").split()
        if self.verbs and (not trigger or trigger[0].lower() not in self.verbs):
            return False
        if self.channel_after_trigger:
            return channel_start >= _relative(event.get("trigger_start"), event)
        return True


@functools.lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    source = Path(path) if path else RULES_FILE
    data = load_yaml(source.read_bytes()) or {}
    rules = []
    for item in data.get("rules", []):
        if item["status"] not in STATUSES:
            raise ValueError(f"{source}: unknown status {item['status']!r} (choose from {', '.join(STATUSES)})")
        rules.append(Rule(tuple(str(c) for c in item["codes"]), item["status"],
                          frozenset(v.lower() for v in item.get("verbs") or ()),
                          bool(item.get("channel_after_trigger"))))
    return tuple(rules)


# where the changes come from ---------------------------------------------------------------
def registry_changes(registry: Registry) -> list[StatusChange]:
    return [StatusChange(channel.id, str(entry["date"]), entry["status"], "registry", entry.get("note") or "",
                         party=entry.get("party"))
            for channel in registry.channels.values() for entry in channel.history]


def event_changes(registry: Registry, events: Iterable[dict], rules: tuple[Rule, ...] | None = None) -> list[StatusChange]:
    """The status changes that asserted events naming a channel imply."""
    rules = rules if rules is not None else load_rules()
    tokenizer = _tokenizer()
    changes = []
    for event in events:
        if event.get("modality", "asserted") != "asserted" or not event.get("date") or not event.get("sentence"):
            continue
        for span, channel in _channels_named(registry, tokenizer(event["sentence"])):
            if not _between_parties(event, channel):
                continue
            rule = next((r for r in rules if r.applies(event, span.start_char)), None)
            if rule is not None:
                changes.append(StatusChange(channel.id, event["date"], rule.status, "event",
                                            f"{event['code']} '{event.get('trigger_text') or ''}'", event["event_id"]))
    return changes


def hand_change(channel_id: str, status: str, date: str, note: str = "") -> StatusChange:
    """A change entered by hand; refuses an unknown status or a date that is not YYYY[-MM[-DD]]."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    if not is_date(date):
        raise ValueError(f"a channel status change needs a date YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
    return StatusChange(channel_id, str(date), status, "hand", note)


# status at a date, lanes and breadth ----------------------------------------------------------
def dyad_channels(registry: Registry, a: str, b: str) -> list[Channel]:
    """Channels linking ``a`` and ``b``, grouped by level in the order of ``LEVELS``."""
    linked = [c for c in registry.channels.values() if a in c.parties and b in c.parties]
    return sorted(linked, key=lambda c: (LEVELS.index(c.level), c.id))


def status_at(channels: list[Channel], changes: Iterable[StatusChange], date: str) -> list[ChannelStatus]:
    """Each channel's status on ``date`` (the end of the period a YYYY or YYYY-MM date names)."""
    by_channel = _by_channel(changes)
    day = full_day(date, end=True)
    return [_status_on(channel, by_channel.get(channel.id, []), day) for channel in channels]


def _status_on(channel: Channel, history: list[StatusChange], day: str) -> ChannelStatus:
    """Not yet established before the registry's ``established``, ended from its ``ended``;
    between them the run of latest changes on or before ``day`` (dated from its first change,
    with its basis), else active, assumed."""
    if channel.established and day < full_day(channel.established):
        return ChannelStatus(channel, NOT_ESTABLISHED, None, "registry",
                             _joined(f"established {channel.established}", channel.established_note))
    known = [c for c in history if c.day <= day]
    first = _start_of_run(known) if known else None
    if channel.ended and day >= full_day(channel.ended):
        return _ended(channel, first)
    if first is not None:
        return ChannelStatus(channel, first.status, first.date, first.basis, first.note, first.event_id)
    since = f"established {channel.established}; " if channel.established else ""
    return ChannelStatus(channel, "active", channel.established, ASSUMED, f"{since}no recorded change")


def _ended(channel: Channel, closing: StatusChange | None) -> ChannelStatus:
    """Ended, dated from the closure that ended it where one is recorded (the withdrawal an
    event reports), else from the registry's ``ended``."""
    note = channel.ended_note or "ended"
    if closing is not None and closing.status == "closed" and closing.day <= full_day(channel.ended):
        said = note if closing.note and closing.note in note else _joined(closing.note, note)
        return ChannelStatus(channel, ENDED, closing.date, closing.basis, said, closing.event_id)
    return ChannelStatus(channel, ENDED, channel.ended, "registry", note)


def lanes(channels: list[Channel], changes: Iterable[StatusChange], start: str, end: str) -> list[dict]:
    """Status intervals per channel between ``start`` and ``end`` (a YYYY or YYYY-MM end runs
    to the period's last day), for the channel board: each with its status and whether it
    rests on a record (``recorded``) or is assumed."""
    by_channel = _by_channel(changes)
    first, last = full_day(start), full_day(end, end=True)
    rows = []
    for channel in channels:
        history = by_channel.get(channel.id, [])
        turns = sorted({first, *(d for d in _turning_days(channel, history) if first < d <= last)})
        states = [_status_on(channel, history, d) for d in turns]
        for i, state in enumerate(states):
            if i and (state.status, state.recorded) == (states[i - 1].status, states[i - 1].recorded):
                continue
            following = next((turns[j] for j in range(i + 1, len(states))
                              if (states[j].status, states[j].recorded) != (state.status, state.recorded)), None)
            rows.append(_lane(channel, state, turns[i], following))
    return rows


def _turning_days(channel: Channel, history: list[StatusChange]) -> list[str]:
    days = [c.day for c in history]
    if channel.established:
        days.append(full_day(channel.established))
    if channel.ended:
        days.append(full_day(channel.ended))
    return days


def breadth(channels: list[Channel], changes: Iterable[StatusChange], periods: list[str]) -> list[dict]:
    """Engagement breadth: for each period end, the number of open (active) channels per level,
    their total, and how many of them are only assumed open (``assumed``)."""
    changes = list(changes)
    levels = [level for level in LEVELS if any(c.level == level for c in channels)]
    rows = []
    for period in periods:
        active = [s for s in status_at(channels, changes, period) if s.status == "active"]
        counts = {level: sum(s.channel.level == level for s in active) for level in levels}
        rows.append({"period": period, **counts, "total": len(active),
                     "assumed": sum(not s.recorded for s in active)})
    return rows


def _start_of_run(known: list[StatusChange]) -> StatusChange:
    """The change that began the current status: a closure recorded by an event and confirmed
    by the registry weeks later dates from the event."""
    current = known[-1]
    for change in reversed(known):
        if change.status != current.status:
            break
        current = change
    return current


def period_ends(start: str, end: str, freq: str) -> list[str]:
    """The last day of each month or year from ``start`` to ``end`` (YYYY[-MM[-DD]]), the
    period that holds ``end`` included, for breadth."""
    import pandas as pd

    rule = {"month": "ME", "year": "YE"}[freq]
    whole = str(end)[:7] if freq == "month" else str(end)[:4]
    first, last = pd.Timestamp(full_day(start)), pd.Timestamp(full_day(whole, end=True))
    ends = [p.strftime("%Y-%m-%d") for p in pd.date_range(first, last, freq=rule)]
    return ends or [last.strftime("%Y-%m-%d")]


def _lane(channel: Channel, state: ChannelStatus, start: str, end: str | None) -> dict:
    return {"channel_id": channel.id, "name": channel.name, "level": channel.level, "status": state.status,
            "recorded": state.recorded, "basis": state.basis, "start": start, "end": end}


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _by_channel(changes: Iterable[StatusChange]) -> dict[str, list[StatusChange]]:
    grouped: dict[str, list[StatusChange]] = {}
    for change in sorted(changes, key=lambda c: (c.day, BASIS_ORDER[c.basis])):
        grouped.setdefault(change.channel_id, []).append(change)
    return grouped


def _between_parties(event: dict, channel: Channel) -> bool:
    sides = {event.get("source_country"), event.get("target_country")} - {"---"}
    return bool(sides) and sides <= set(channel.parties)


def _relative(trigger_start, event: dict) -> int:
    """Trigger offsets are stored relative to the document; channel offsets to the sentence."""
    if trigger_start is None:
        return 0
    return trigger_start - (event.get("char_start") or 0)


def _channels_named(registry: Registry, doc) -> list:
    """The channels a sentence names; a commission named as the home of its working group
    ("the civil society working group of the Presidential Commission") is not acted upon itself."""
    named = {(span.start, channel.id): (span, channel) for span, channel in registry.mentions(doc).values()}
    parents = {channel.parent for _, channel in named.values() if channel.parent}
    return [(span, channel) for span, channel in named.values() if channel.id not in parents]


@functools.lru_cache(maxsize=1)
def _tokenizer():
    from spacy.lang.en import English

    return English()
