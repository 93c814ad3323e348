"""Spirals: chains of conflictual acts between two actors, each side answering the other.

A spiral is a sequence of moves that alternate in direction (A->B, then B->A, then A->B ...),
each move a run of one side's conflictual events (QuadClass 3 and 4: verbal and material
conflict) and each starting within a window (default 60 days) of the last event of the move it
answers. Single moves are not spirals: nobody answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

DEFAULT_WINDOW_DAYS = 60
CONFLICT_QUAD_CLASSES = (3, 4)


@dataclass
class Move:
    source: str
    target: str
    events: list[dict] = field(default_factory=list)

    @property
    def start(self) -> str:
        return self.events[0]["date"]

    @property
    def end(self) -> str:
        return self.events[-1]["date"]


@dataclass
class Spiral:
    moves: list[Move]

    @property
    def start(self) -> str:
        return self.moves[0].start

    @property
    def end(self) -> str:
        return self.moves[-1].end

    @property
    def turns(self) -> int:
        """How many times one side answered the other."""
        return len(self.moves) - 1

    @property
    def events(self) -> list[dict]:
        return [e for move in self.moves for e in move.events]

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "turns": self.turns,
                "moves": [{"source": m.source, "target": m.target, "start": m.start, "end": m.end,
                           "events": [_brief(e) for e in m.events]} for m in self.moves]}


def spirals(events: Iterable[dict], a: str, b: str, window_days: int = DEFAULT_WINDOW_DAYS,
            quad_classes: tuple[int, ...] = CONFLICT_QUAD_CLASSES) -> list[Spiral]:
    """The spirals between ``a`` and ``b``, oldest first. Events need a day- or month-precise
    date (a month counts as its first day); each act should be given once (deduplicated)."""
    if window_days < 1:
        raise ValueError("the window must be at least one day")
    acts = sorted((e for e in events if _conflict_between(e, a, b, quad_classes) and _when(e) is not None),
                  key=lambda e: (_when(e), e.get("doc_id", ""), e.get("sentence_index", 0)))
    window = dt.timedelta(days=window_days)
    found: list[Spiral] = []
    moves: list[Move] = []
    for event in acts:
        side = (event["source_country"], event["target_country"])
        last = moves[-1] if moves else None
        if last is not None and _when(event) - _when(last.events[-1]) > window:
            _close(moves, found)
            moves, last = [], None
        if last is not None and (last.source, last.target) == side:
            last.events.append(event)
        else:
            moves.append(Move(*side, [event]))
    _close(moves, found)
    return found


def _close(moves: list[Move], found: list[Spiral]) -> None:
    if len(moves) >= 2:
        found.append(Spiral(list(moves)))


def _conflict_between(event: dict, a: str, b: str, quad_classes) -> bool:
    return ({event["source_country"], event["target_country"]} == {a, b} and a != b
            and event.get("quad_class") in quad_classes)


def _when(event: dict) -> dt.date | None:
    date = event.get("date") or ""
    parts = date.split("-")
    if len(parts) < 2:
        return None  # a year alone cannot say who answered whom
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else 1)


def _brief(event: dict) -> dict:
    return {key: event.get(key) for key in ("event_id", "date", "source", "target", "code", "quad_class",
                                            "goldstein", "sentence", "doc_id")}
