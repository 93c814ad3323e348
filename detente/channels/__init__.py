"""channels: the registry of standing channels of dialogue (data/channels.yaml) and finding them in text.

A channel links two or more parties (a presidential commission and its working groups, a
legislative study group, a hotline, a treaty's consultative body, an exchange programme).
The coder uses the registry to direct an act done to a channel at the party on its other side
("the administration pulled out of the civil-society working group" is USA -> RUS).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from detente.datafile import load_yaml
from detente.periods import checked_date, full_day
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

REGISTRY_FILE = Path(__file__).parent / "data" / "channels.yaml"
STATUSES = ("active", "suspended", "closed")   # what a recorded change may set
LEVELS = ("head_of_state", "ministerial", "legislative", "military", "working_level",
          "people_to_people", "economic", "multilateral")


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    aliases: tuple[str, ...]
    parties: tuple[str, ...]
    level: str
    parent: str | None = None
    history: tuple[dict, ...] = ()
    established: str | None = None   # when it was set up, if known (before that it did not exist)
    ended: str | None = None         # when it ended for all its parties, if it did
    established_note: str = ""
    ended_note: str = ""

    def other_parties(self, party: str) -> list[str]:
        """The parties an act by ``party`` on this channel is directed at (none if not a party)."""
        if party not in self.parties:
            return []
        return [p for p in self.parties if p != party]


@dataclass
class Registry:
    channels: dict[str, Channel]
    digest: str
    _matchers: dict = field(default_factory=dict, repr=False)

    def mentions(self, doc: Doc) -> dict[int, tuple[Span, Channel]]:
        """Token index -> (span, channel) for every channel named in ``doc``."""
        matcher = self._matcher(doc.vocab)
        by_span = {}
        for match_id, start, end in matcher(doc):
            by_span[(start, end)] = self.channels[doc.vocab.strings[match_id]]
        found = {}
        for span in filter_spans([doc[s:e] for s, e in by_span]):
            for token in span:
                found[token.i] = (span, by_span[(span.start, span.end)])
        return found

    def _matcher(self, vocab) -> PhraseMatcher:
        key = id(vocab)
        if key not in self._matchers:
            from spacy.lang.en import English

            tokenizer = English(vocab=vocab).tokenizer
            matcher = PhraseMatcher(vocab, attr="LOWER")
            for channel in self.channels.values():
                matcher.add(channel.id, [tokenizer(alias) for alias in (channel.name, *channel.aliases)])
            self._matchers[key] = matcher
        return self._matchers[key]


@functools.lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    source = Path(path) if path else REGISTRY_FILE
    raw = source.read_bytes()
    data = load_yaml(raw) or {}
    channels = {}
    for item in data.get("channels", []):
        channels[item["id"]] = _channel(item, source)
    return Registry(channels, hashlib.sha256(raw).hexdigest()[:12])


def _channel(item: dict, source: Path) -> Channel:
    """One registry entry, its level, dates and history checked (the error names the entry)."""
    where = f"{source}: channel {item.get('id')!r}"
    level = item.get("level", "working_level")
    if level not in LEVELS:
        raise ValueError(f"{where} has unknown level {level!r}")
    established, ended = _registry_date(item, "established", where), _registry_date(item, "ended", where)
    if established and ended and full_day(ended, end=True) < full_day(established):
        raise ValueError(f"{where} ends ({ended}) before it is established ({established})")
    history = tuple(item.get("history") or ())
    for entry in history:
        _registry_date(entry, "date", where)
        if entry.get("status") not in STATUSES:
            raise ValueError(f"{where}: history status {entry.get('status')!r} is not one of {', '.join(STATUSES)}")
        if entry.get("party") and entry["party"] not in (item.get("parties") or ()):
            raise ValueError(f"{where}: history entry of {entry['date']} concerns {entry['party']!r}, not a party")
        day = full_day(str(entry["date"]))
        if (established and day < full_day(established)) or (ended and day > full_day(ended, end=True)):
            raise ValueError(f"{where}: history entry of {entry['date']} lies outside its life "
                             f"({established or '…'} to {ended or '…'})")
    return Channel(id=item["id"], name=item["name"], aliases=tuple(item.get("aliases") or ()),
                   parties=tuple(item.get("parties") or ()), level=level, parent=item.get("parent"),
                   history=history, established=established, ended=ended,
                   established_note=str(item.get("established_note") or ""),
                   ended_note=str(item.get("ended_note") or ""))


def _registry_date(item: dict, key: str, where: str) -> str | None:
    """A registry date (YAML may read 2009-07-06 as a date) as YYYY[-MM[-DD]] text, checked."""
    value = item.get(key)
    if value in (None, ""):
        return None
    try:
        return checked_date(str(value), key)
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
