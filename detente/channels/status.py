"""Channel status over time: from the registry's history, from events that name a channel, and
from changes an analyst enters by hand (kept in the store). Also engagement breadth: how many
channels are active per level, period by period.

The rules that turn an event into a status change are data (data/status_rules.yaml).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from detente.channels import LEVELS, Channel, Registry
from detente.datafile import load_yaml
from detente.events.dates import full_day

RULES_FILE = Path(__file__).parent / "data" / "status_rules.yaml"
STATUSES = ("active", "suspended", "closed")
# on the same day, an event comes first (the registry's entry confirms it), a hand entry last
BASIS_ORDER = {"event": 0, "registry": 1, "hand": 2}
ASSUMED = "assumed: no recorded change"
NOT_ESTABLISHED = "not established"


@dataclass(frozen=True)
class StatusChange:
    channel_id: str
    date: str           # YYYY, YYYY-MM or YYYY-MM-DD
    status: str
    basis: str          # registry | event | hand
    note: str = ""
    event_id: str | None = None

    @property
    def day(self) -> str:
        """The date as a full day (a month or year counts from its first day), for ordering."""
        return full_day(self.date)


@dataclass(frozen=True)
class ChannelStatus:
    channel: Channel
    status: str         # active | suspended | closed | not established
    since: str | None
    basis: str
    note: str = ""
    event_id: str | None = None


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
    return [StatusChange(channel.id, str(entry["date"]), entry["status"], "registry", entry.get("note") or "")
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
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    return StatusChange(channel_id, date, status, "hand", note)


# status at a date, lanes and breadth ----------------------------------------------------------
def dyad_channels(registry: Registry, a: str, b: str) -> list[Channel]:
    """Channels linking ``a`` and ``b``, grouped by level in the order of ``LEVELS``."""
    linked = [c for c in registry.channels.values() if a in c.parties and b in c.parties]
    return sorted(linked, key=lambda c: (LEVELS.index(c.level), c.id))


def status_at(channels: list[Channel], changes: Iterable[StatusChange], date: str) -> list[ChannelStatus]:
    """Each channel's status on ``date``: set by its latest changes on or before that day (dated
    from the first of the run of changes to that status, with its basis). A channel
    established later (the registry's ``established``) did not exist yet; one with no change
    recorded so far is taken as active (and says so)."""
    by_channel = _by_channel(changes)
    day = full_day(date, end=True)
    statuses = []
    for channel in channels:
        history = by_channel.get(channel.id, [])
        known = [c for c in history if c.day <= day]
        if channel.established and full_day(channel.established) > day:
            statuses.append(ChannelStatus(channel, NOT_ESTABLISHED, None, "registry",
                                          f"established {channel.established}"))
        elif known:
            first = _start_of_run(known)
            statuses.append(ChannelStatus(channel, first.status, first.date, first.basis, first.note, first.event_id))
        else:
            statuses.append(ChannelStatus(channel, "active", None, ASSUMED))
    return statuses


def lanes(channels: list[Channel], changes: Iterable[StatusChange], start: str, end: str) -> list[dict]:
    """Status intervals per channel between ``start`` and ``end``, for the channel board."""
    by_channel = _by_channel(changes)
    rows = []
    first, last = full_day(start), full_day(end, end=True)
    for channel in channels:
        history = by_channel.get(channel.id, [])
        current = status_at([channel], history, start)[0]
        status = current.status if current.status in STATUSES else "unknown"
        opened = first
        for change in (c for c in history if first < c.day <= last):
            if change.status != status:
                rows.append(_lane(channel, status, opened, change.day))
                status, opened = change.status, change.day
        rows.append(_lane(channel, status, opened, None))
    return rows


def breadth(channels: list[Channel], changes: Iterable[StatusChange], periods: list[str]) -> list[dict]:
    """Engagement breadth: for each period end, the number of active channels per level."""
    changes = list(changes)
    levels = [level for level in LEVELS if any(c.level == level for c in channels)]
    rows = []
    for period in periods:
        active = [s.channel.level for s in status_at(channels, changes, period) if s.status == "active"]
        rows.append({"period": period, **{level: active.count(level) for level in levels}, "total": len(active)})
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
    """The last day of each month or year from ``start`` to ``end`` (YYYY[-MM[-DD]]), for breadth."""
    import pandas as pd

    rule = {"month": "ME", "year": "YE"}[freq]
    first, last = pd.Timestamp(full_day(start)), pd.Timestamp(full_day(end, end=True))
    ends = [p.strftime("%Y-%m-%d") for p in pd.date_range(first, last, freq=rule)]
    return ends or [last.strftime("%Y-%m-%d")]


def _lane(channel: Channel, status: str, start: str, end: str | None) -> dict:
    return {"channel_id": channel.id, "name": channel.name, "level": channel.level, "status": status,
            "start": start, "end": end}


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
