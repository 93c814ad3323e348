"""Weight scales: how far a coded event pushes a relationship towards conflict or cooperation.

Each scale is a data file under ``analysis/data/scales/`` (one CSV per scale, ``#`` comment
header citing its source): ``goldstein-gdelt`` and ``goldstein-icews`` weigh an event by its
CAMEO ``code``; ``plover`` weighs it by its PLOVER category (the event's ``plover`` field).

    >>> load_scale("goldstein-gdelt").weight({"code": "163", "plover": "SANCTION"})
    -8.0

A CAMEO code missing from a scale falls back to its 3-digit base code, then to its root
(``"1639"`` -> ``"163"`` -> ``"16"``); an event the scale cannot weigh gets ``None``.

``native`` is no table: each event keeps the weight stored with it, which for imported data is
the file's own (GDELT's GoldsteinScale, ICEWS's Intensity, POLECAT's intensity) and for
events detente coded is the GDELT Goldstein weight of its code.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

NATIVE = "native"
TABLE_SCALES = ("goldstein-gdelt", "goldstein-icews", "plover")   # one CSV each
SCALES = (*TABLE_SCALES, NATIVE)
DEFAULT_SCALE = "goldstein-gdelt"    # for coded events; imported ones default to NATIVE

SCALES_DIR = Path(__file__).parent / "data" / "scales"
SOURCE_MARK = "# Source:"
KEY_COLUMNS = ("code", "plover")


@dataclass(frozen=True)
class Scale:
    """One weight scale: ``weights`` maps a CAMEO code or PLOVER category (``keyed_by``) to a
    weight; ``source`` is the citation from the data file's header."""

    name: str
    source: str
    keyed_by: str
    weights: Mapping[str, float]
    native: bool = False    # each event's own stored weight, no table

    def weight(self, event: Mapping) -> float | None:
        """The event's weight on this scale, or None when the scale has none for it."""
        if self.native:
            value = event.get("goldstein")
            return None if value is None or value != value else float(value)
        if self.keyed_by == "plover":
            return self.plover_weight(event.get("plover") or plover_of_code(event.get("code")))
        return self.code_weight(event.get("code"))

    def code_weight(self, code: str | None) -> float | None:
        """Weight of a CAMEO code, falling back to its 3-digit base, then its root."""
        for candidate in code_and_parents(code):
            if candidate in self.weights:
                return self.weights[candidate]
        return None

    def plover_weight(self, category: str | None) -> float | None:
        """Weight of a PLOVER category (case-insensitive)."""
        if not category:
            return None
        return self.weights.get(str(category).strip().upper())


def load_scale(name: str) -> Scale:
    """The scale called ``name`` (one of :data:`SCALES`), read once and cached."""
    if name not in SCALES:
        raise ValueError(f"unknown weight scale {name!r}; choose one of: {', '.join(SCALES)}")
    if name == NATIVE:
        return Scale(NATIVE, "each event's own weight (an imported file's GoldsteinScale or Intensity)",
                     "goldstein", MappingProxyType({}), native=True)
    return _read_scale(name)


@functools.lru_cache(maxsize=None)
def _read_scale(name: str) -> Scale:
    path = SCALES_DIR / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if line and not line.startswith("#")))
    keyed_by = key_column(rows, path)
    weights = {row[keyed_by].strip(): float(row["weight"]) for row in rows}
    return Scale(name, source_citation(lines, path), keyed_by, MappingProxyType(weights))


def key_column(rows: list[dict], path: Path) -> str:
    """Which column keys the scale: ``code`` (CAMEO) or ``plover`` (PLOVER category)."""
    columns = rows[0].keys() if rows else ()
    for column in KEY_COLUMNS:
        if column in columns:
            return column
    raise ValueError(f"{path}: no {' or '.join(KEY_COLUMNS)} column")


def source_citation(lines: list[str], path: Path) -> str:
    """The text of the header's ``# Source:`` line."""
    for line in lines:
        if line.startswith(SOURCE_MARK):
            return line[len(SOURCE_MARK):].strip()
    raise ValueError(f"{path}: header has no '{SOURCE_MARK}' line")


def code_and_parents(code: str | None) -> list[str]:
    """A CAMEO code, then its 3-digit base and 2-digit root: ``"1412"`` -> 1412, 141, 14."""
    if code is None:
        return []
    code = str(code).strip()
    if not code:
        return []
    return [code] + [code[:n] for n in (3, 2) if len(code) > n]


def plover_of_code(code: str | None) -> str | None:
    """The PLOVER category detente's CAMEO table gives a code (or its parent), for events that
    carry a code but no ``plover`` field."""
    if not code:
        return None
    from detente.events.codes import code_table  # deferred: importing detente.events loads spaCy

    table = code_table()
    for candidate in code_and_parents(code):
        if candidate in table:
            return table[candidate].plover or None
    return None
