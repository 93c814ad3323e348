"""api.relations: what the event record says about a relationship (dyad series, spirals,
reciprocity, channels and their status) and event data in and out (import_events,
export_events).

Actors may be given as codes or names ("RUS", "Russia"); unknown ones are refused with the
nearest known codes. Periods are YYYY[-MM[-DD]] and a bare ``date_to`` covers its whole year
or month. Only asserted events count, each act once unless ``all_mentions``; events imported
from GDELT, ICEWS or POLECAT are each their own act and weigh by their file's own scale
(``native``) unless another scale is asked for.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tqdm import tqdm

from detente.api.record import _no_progress, reading, resolve_pair
from detente.periods import checked_date, full_day, period
from detente.store import DEFAULT_DB, IMPORTED_MARK, Store, StoreWarning, is_imported


def dyad_events(a: str, b: str, db: str = DEFAULT_DB, date_from: str | None = None, date_to: str | None = None,
                modality: str | None = "asserted", all_mentions: bool = False,
                min_confidence: float | None = None) -> list[dict]:
    """The events between ``a`` and ``b`` (both directions), each act once unless ``all_mentions``."""
    return _dyad_events(a, b, db, date_from, date_to, modality, all_mentions, min_confidence)[2]


def _dyad_events(a, b, db, date_from, date_to, modality="asserted", all_mentions=False, min_confidence=None):
    """(a, b, events) with the actors resolved to codes and the period checked."""
    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with reading(db) as store:
        a, b = resolve_pair(store, a, b)
        return a, b, store.events(dyad=(a, b), date_from=date_from, date_to=date_to, modality=modality,
                                  dedupe=not all_mentions, min_confidence=checked_confidence(min_confidence))


@dataclass(repr=False)
class DyadReport:
    a: str
    b: str
    series: "object"                     # pandas DataFrame, see analysis.series.SERIES_COLUMNS
    events: "object"                     # the acts counted: a DataFrame of store.SERIES_FIELDS
    db: str = DEFAULT_DB
    changes: list = field(default_factory=list)
    scale: str = ""
    measure: str = ""

    def __repr__(self) -> str:
        freq = self.series.attrs.get("freq", "")
        span = (f"{self.series['period'].min():%Y-%m-%d} to {self.series['period'].max():%Y-%m-%d}"
                if len(self.series) else "no periods")
        return (f"DyadReport({self.a}-{self.b}, {freq}, {span}: {len(self.series)} rows, {len(self.events)} acts, "
                f"scale {self.scale}, {len(self.changes)} change points)")

    def events_of(self, direction: str, period) -> list[dict]:
        """The full records (sentences included) of the events behind one row of the series."""
        rows = self.series[(self.series["direction"] == direction) & (self.series["period"] == period)]
        return self.records(rows["event_ids"].iloc[0] if len(rows) else [])

    def records(self, event_ids: Iterable[str]) -> list[dict]:
        with reading(self.db) as store:
            return store.events_by_id(event_ids)

    def strongest(self, top: int = 5, one_per_period: bool = False) -> list[dict]:
        """The ``top`` acts of the series (dated within it) with the largest weight on its scale,
        each once, strongest first (ties: the earlier first). With ``one_per_period``, at most one
        per period of the series, as a timeline labels them (labels piled on one point are
        unreadable, and each is then its period's biggest act)."""
        period_of = {event_id: period for period, ids in zip(self.series["period"], self.series["event_ids"])
                     for event_id in ids}
        acts = self.events[self.events["event_id"].isin(period_of)]
        if acts.empty:
            return []
        from detente.analysis.series import weights_of

        ranked = acts.assign(size=weights_of(acts, self.scale).abs().to_numpy(),
                             period=acts["event_id"].map(period_of).to_numpy())
        ranked = ranked.dropna(subset=["size"]).drop_duplicates("event_id")
        ranked = ranked.sort_values(["size", "date", "event_id"], ascending=[False, True, True])
        if one_per_period:
            ranked = ranked.drop_duplicates("period")
        return self.records(ranked["event_id"].head(top))


def default_scale(events) -> str:
    """``native`` when every event is imported (its file's own weight), else GDELT's Goldstein."""
    from detente.analysis.scales import DEFAULT_SCALE, NATIVE

    if hasattr(events, "columns"):
        imported = len(events) and bool(events["event_id"].astype(str).str.contains(IMPORTED_MARK, regex=False).all())
    else:
        imported = bool(events) and all(is_imported(e["event_id"]) for e in events)
    return NATIVE if imported else DEFAULT_SCALE


def dyad(a: str, b: str, db: str = DEFAULT_DB, freq: str = "month", scale: str | None = None,
         date_from: str | None = None, date_to: str | None = None, all_mentions: bool = False,
         modality: str | None = "asserted", changes: bool = False, measure: str | None = None,
         min_confidence: float | None = None) -> DyadReport:
    """The dyad series of ``a`` and ``b`` per ``freq`` on a weight ``scale`` (default: ``native``
    for imported events, else GDELT's Goldstein), from the first day of ``date_from`` to the
    last day of ``date_to``; with ``changes``, the change points of ``measure`` (net
    cooperation by default: what the timeline draws)."""
    from detente.analysis.series import DEFAULT_MEASURE, change_points, dyad_series

    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with reading(db) as store:
        a, b = resolve_pair(store, a, b)
        found = store.dyad_frame(a, b, date_from, date_to, modality, dedupe=not all_mentions,
                                 min_confidence=checked_confidence(min_confidence))
    scale = scale or default_scale(found)
    series = dyad_series(found, a, b, freq, scale, start=date_from, end=date_to)
    report = DyadReport(a, b, series, found, db, scale=scale, measure=measure or DEFAULT_MEASURE)
    if changes and not series.empty:
        report.changes = change_points(series, report.measure)
    return report


def spirals(a: str, b: str, db: str = DEFAULT_DB, window_days: int | None = None,
            date_from: str | None = None, date_to: str | None = None, min_confidence: float | None = None) -> list:
    """Chains of conflictual acts between ``a`` and ``b``, each answering the last (see analysis.spirals)."""
    from detente.analysis.spirals import DEFAULT_WINDOW_DAYS, spirals as find_spirals

    a, b, found = _dyad_events(a, b, db, date_from, date_to, min_confidence=min_confidence)
    return find_spirals(found, a, b, window_days or DEFAULT_WINDOW_DAYS)


def reciprocity(a: str, b: str, db: str = DEFAULT_DB, scale: str | None = None, date_from: str | None = None,
                date_to: str | None = None, min_confidence: float | None = None, **options):
    """A VAR on the weekly A->B and B->A weight series: lag order, Granger tests both ways and
    impulse responses. Raises ``InsufficientData`` saying how much data is needed."""
    from detente.analysis.reciprocity import reciprocity as fit, weekly_directional_series
    from detente.analysis.scales import load_scale

    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with reading(db) as store:
        a, b = resolve_pair(store, a, b)
        found = store.dyad_rows(a, b, date_from, date_to, min_confidence=checked_confidence(min_confidence))
    scale = scale or default_scale(found)
    series = weekly_directional_series(found, a, b, weight=load_scale(scale).weight,
                                       start=full_day(date_from) if date_from else None,
                                       end=full_day(date_to, end=True) if date_to else None)
    result = fit(series, a, b, **options)
    result.scale = scale
    result.events = found
    return result


# channels ------------------------------------------------------------------------------------
def channel_changes(a: str, b: str, db: str = DEFAULT_DB, registry_path: str | None = None,
                    min_confidence: float | None = None):
    """Every known status change of the channels linking ``a`` and ``b``: the registry's history
    (a party's exit only where it is one of the pair), what asserted events naming a channel
    imply, and changes entered by hand. Returns (registry, channels linking the pair, changes,
    the pair's asserted events, at least ``min_confidence`` likely to be right). A hand entry whose
    date cannot be read is left out, with a warning naming it."""
    from detente.channels import load_registry
    from detente.channels import status as channel_status

    registry = load_registry(registry_path)
    with reading(db) as store:
        a, b = resolve_pair(store, a, b)
        found = store.events(dyad=(a, b), modality="asserted", min_confidence=checked_confidence(min_confidence))
        hand = _hand_changes(store.channel_changes())
    changes = channel_status.registry_changes(registry) + channel_status.event_changes(registry, found) + hand
    changes = [c for c in changes if c.concerns(a, b)]
    return registry, channel_status.dyad_channels(registry, a, b), changes, found


def _hand_changes(rows: list[dict]) -> list:
    from detente.channels.status import hand_change

    changes = []
    for row in rows:
        try:
            changes.append(hand_change(row["channel_id"], row["status"], row["date"], row["note"]))
        except ValueError as problem:
            warnings.warn(StoreWarning(f"channel_changes row {row['id']} ({row['channel_id']} {row['status']} "
                                       f"on {row['date']!r}) is left out: {problem}"), stacklevel=3)
    return changes


def channels(a: str, b: str, db: str = DEFAULT_DB, at: str | None = None, registry_path: str | None = None,
             min_confidence: float | None = None):
    """The status of each channel linking ``a`` and ``b`` on ``at`` (default: today; a YYYY or
    YYYY-MM date means the end of that year or month)."""
    from detente.channels.status import status_at

    day = checked_date(at, "at") or today()
    _, linked, changes, _ = channel_changes(a, b, db, registry_path, min_confidence)
    return status_at(linked, changes, day)


def data_range(events: list[dict]) -> tuple[str | None, str | None]:
    """The first and last day of the dated events (None, None when none is dated)."""
    dated = [e["date"] for e in events if e.get("date")]
    if not dated:
        return None, None
    return full_day(min(dated)), full_day(max(dated), end=True)


def set_channel_status(channel_id: str, status: str, date: str, note: str = "", db: str = DEFAULT_DB,
                       registry_path: str | None = None) -> None:
    """Enter a channel's status change by hand (kept in the store, beside the registry's own).
    Refuses an unknown channel or status and a date that is not YYYY[-MM[-DD]]."""
    from detente.channels import load_registry
    from detente.channels.status import hand_change

    registry = load_registry(registry_path)
    if channel_id not in registry.channels:
        raise ValueError(f"no channel {channel_id!r} in the registry; known: {', '.join(sorted(registry.channels))}")
    change = hand_change(channel_id, status, checked_date(date, "date"), note)
    with Store(db) as store:
        store.add_channel_change(change.channel_id, change.status, change.date, change.note)


# event data in and out -----------------------------------------------------------------------
@dataclass
class EventImportReport:
    path: str
    fmt: str
    layout: str = ""
    read: int = 0
    added: int = 0
    skipped: int = 0
    skipped_examples: list = field(default_factory=list)
    doc_id: str = ""


def import_events(path: str, fmt: str, db: str = DEFAULT_DB, progress: bool | None = None) -> EventImportReport:
    """Load a GDELT, ICEWS or POLECAT file into the event table, marked as imported; each row
    is its own event and act (never merged with another)."""
    import hashlib

    from detente.interchange import read_events

    source = Path(path)
    if not source.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    stream = read_events(source, fmt)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    report = EventImportReport(str(path), fmt, layout=getattr(stream, "layout", ""))
    bar = tqdm(desc=f"importing {source.name}", unit=" events", disable=_no_progress(progress), file=sys.stderr)
    counted = _Counting(stream)
    with Store(db) as store, bar:
        report.doc_id, report.added = store.import_events(
            counted, fmt, str(source.resolve()), digest, on_batch=lambda n: bar.update(n - bar.n))
        bar.update(counted.n - bar.n)
    report.layout = getattr(stream, "layout", report.layout)   # every layout met, now the file is read
    report.read = counted.n
    report.skipped = getattr(stream, "skipped", 0)
    report.skipped_examples = list(getattr(stream, "skipped_examples", []))
    return report


@dataclass
class ExportReport:
    path: str
    written: int = 0
    left_out: int = 0       # events the style cannot hold (PLOVER has no type for CAMEO 01 and 02)
    what: str = ""          # what a row is: "events (asserted, every mention)" or "acts (each once)"


def export_events(path: str, db: str = DEFAULT_DB, style: str = "detente", fmt: str | None = None,
                  dyad: tuple[str, str] | None = None, date_from: str | None = None, date_to: str | None = None,
                  modality: str | None = "asserted", dedupe: bool = False,
                  min_confidence: float | None = None) -> ExportReport:
    """Write stored events to CSV, JSONL or Parquet (by ``fmt`` or the file's suffix) in detente's
    schema or GDELT- or PLOVER-style columns; every mention unless ``dedupe``. Each row carries
    ``publisher``, its document's source. The plover style leaves out events without a PLOVER
    type (CAMEO roots 01 and 02 have none), so that the file reads back as POLECAT; the report
    counts them."""
    from detente.interchange import EXPORT_FORMATS, write_events

    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot tell the format of {path!r}; use a .csv, .jsonl or .parquet file or give a format")
    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with reading(db) as store:
        pair = resolve_pair(store, *dyad) if dyad else None
        rows = store.events(dyad=pair, date_from=date_from, date_to=date_to, modality=modality, dedupe=dedupe,
                            min_confidence=checked_confidence(min_confidence))
        publishers = store.publishers({row["doc_id"] for row in rows})
    for row in rows:
        row["publisher"] = publishers.get(row["doc_id"])
    kept = [row for row in rows if row.get("plover")] if style == "plover" else rows
    what = ("acts (each once)" if dedupe else "events (every mention)") + (f", {modality}" if modality else "")
    return ExportReport(str(path), write_events(kept, path, fmt, style), len(rows) - len(kept), what)


class _Counting:
    """Counts the items of an iterator as they pass."""

    def __init__(self, items):
        self.items, self.n = items, 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item


def checked_confidence(value) -> float | None:
    """A confidence bound: None or a probability from 0 to 1 (anything else is refused)."""
    if value is None:
        return None
    bound = float(value)
    if not 0.0 <= bound <= 1.0:
        raise ValueError(f"min_confidence must be a probability from 0 to 1, not {value!r}")
    return bound


def today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()
