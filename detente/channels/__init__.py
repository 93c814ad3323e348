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
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

REGISTRY_FILE = Path(__file__).parent / "data" / "channels.yaml"
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
        level = item.get("level", "working_level")
        if level not in LEVELS:
            raise ValueError(f"{source}: channel {item.get('id')!r} has unknown level {level!r}")
        channels[item["id"]] = Channel(
            id=item["id"], name=item["name"], aliases=tuple(item.get("aliases") or ()),
            parties=tuple(item.get("parties") or ()), level=level, parent=item.get("parent"),
            history=tuple(item.get("history") or ()),
            established=str(item["established"]) if item.get("established") else None)
    return Registry(channels, hashlib.sha256(raw).hexdigest()[:12])
