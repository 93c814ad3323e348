"""interchange: reading and writing other event data sets.

This package owns the translation between detente's event record and the published formats
of GDELT (1.0 and 2.0 event files), ICEWS (Dataverse coded event data) and POLECAT (PLOVER),
and the export of events as CSV, JSON Lines or Parquet in detente's, GDELT's or PLOVER's
columns. It maps other data sets' country names, organisations and sector labels to detente's
codes through the actor knowledge base (``countries``, ``organisations``), CAMEO actor codes
through ``cameo_actors``, ICEWS actors through ``icews_actors``, and their event types through
the CAMEO code table; the mappings that are not knowledge-base entries (CAMEO known groups and
regions, ICEWS's sector vocabulary) are CSV files in ``interchange/data/`` (``tables``). It does
not code text and does not touch the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from detente.interchange import gdelt, icews, polecat
from detente.interchange._common import EVENT_KEYS, EventStream
from detente.interchange.export import EXPORT_FORMATS, EXPORT_STYLES, write_events
from detente.interchange.polecat import plover_roots

FORMATS = ("gdelt", "icews", "polecat")
_READERS: dict[str, Callable[[Path], EventStream]] = {
    "gdelt": gdelt.read, "icews": icews.read, "polecat": polecat.read}


def read_events(path: str | Path, fmt: str) -> Iterator[dict]:
    """The events of a GDELT, ICEWS or POLECAT file (plain, ``.gz`` or ``.zip``) as detente
    event records. Malformed lines are skipped and counted (``.skipped`` on the returned
    stream); a file that is not in the format at all raises ValueError naming file and line."""
    if fmt not in _READERS:
        raise ValueError(f"unknown event format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    return _READERS[fmt](path)


__all__ = ["EVENT_KEYS", "EXPORT_FORMATS", "EXPORT_STYLES", "FORMATS", "EventStream",
           "plover_roots", "read_events", "write_events"]
