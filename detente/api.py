"""The Python API, mirrored by the CLI: ingest, extract, events, show, evaluate, demo,
relations (dyad, spirals, reciprocity, channels, set_channel_status), event data in and out
(import_events, export_events),
import_actors / imported_actors (dictionaries from PETRARCH or Phoenix) and evaluate_petrarch.

>>> from detente import api
>>> report = api.extract(["articles/"], db="detente.db")      # doctest: +SKIP
>>> report.events[0]["source"], report.events[0]["code"]      # doctest: +SKIP
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from tqdm import tqdm

from detente.ingest import MAX_DOCUMENT_BYTES, Document, Rejection, read_inputs
from detente.store import DEFAULT_DB, Store

DEMO_CORPUS = Path(__file__).parent / "demo" / "chronology.jsonl"
DEMO_DB = "detente-demo.db"
BATCH_DOCUMENTS = 25
INGEST_BATCH = 500


@dataclass
class IngestReport:
    doc_ids: list[str] = field(default_factory=list)
    added: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def existing(self) -> int:
        return len(set(self.doc_ids)) - self.added


@dataclass
class ExtractReport(IngestReport):
    coded: int = 0
    skipped: int = 0
    run_id: int | None = None
    events: list[dict] = field(default_factory=list)
    uncoded_sentences: list[str] = field(default_factory=list)  # too long to code, one message each


def ingest(paths: Iterable[str], db: str = DEFAULT_DB, published: str | None = None,
           max_bytes: int = MAX_DOCUMENT_BYTES, store: Store | None = None) -> IngestReport:
    """Store the documents found under ``paths``; the same content twice is stored once."""
    report = IngestReport()
    owned = store is None
    store = store or Store(db)
    try:
        batch: list[Document] = []
        for item in read_inputs(paths, published=published, max_bytes=max_bytes):
            if isinstance(item, Rejection):
                report.rejections.append(item)
                continue
            batch.append(item)
            report.doc_ids.append(item.doc_id)
            if len(batch) >= INGEST_BATCH:
                report.added += store.add_documents(_unique(batch))
                batch = []
        report.added += store.add_documents(_unique(batch))
    finally:
        if owned:
            store.close()
    return report


def extract(paths: Iterable[str], db: str = DEFAULT_DB, published: str | None = None,
            max_bytes: int = MAX_DOCUMENT_BYTES, modality: str | None = "asserted",
            coder=None, progress: bool | None = None,
            batch_documents: int = BATCH_DOCUMENTS) -> ExtractReport:
    """Ingest ``paths``, code every document not yet coded by this coder, return their events.

    Work is committed ``batch_documents`` at a time: interrupted, a rerun resumes.
    ``modality`` filters the returned events (None for all); every event is stored.
    """
    with Store(db) as store:
        ingested = ingest(paths, published=published, max_bytes=max_bytes, store=store)
        report = ExtractReport(doc_ids=ingested.doc_ids, added=ingested.added,
                               rejections=ingested.rejections)
        coder = coder or _default_coder(store)
        already = len(coder.skipped)
        report.run_id, report.coded, report.skipped = code_documents(
            store, coder, report.doc_ids, progress=progress, batch_documents=batch_documents)
        report.uncoded_sentences = coder.skipped[already:]
        report.events = store.events(doc_ids=list(dict.fromkeys(report.doc_ids)), modality=modality)
    order = {doc_id: i for i, doc_id in enumerate(dict.fromkeys(report.doc_ids))}
    report.events.sort(key=lambda e: (order[e["doc_id"]], e["sentence_index"], e["trigger_start"] or 0))
    return report


def code_documents(store: Store, coder, doc_ids: Sequence[str], progress: bool | None = None,
                   batch_documents: int = BATCH_DOCUMENTS) -> tuple[int, int, int]:
    """Code the stored documents among ``doc_ids`` that this coder has not coded yet.

    Returns (run_id, documents coded now, documents already coded).
    """
    run_id = store.ensure_run(coder.version, coder.lexicon_hash, coder.model)
    wanted = list(dict.fromkeys(doc_ids))
    done = store.coded_doc_ids(run_id, wanted)
    pending = [d for d in wanted if d not in done]
    bar = tqdm(total=len(pending), unit="doc", desc="coding", disable=_no_progress(progress),
               file=sys.stderr)
    coded = 0
    try:
        for start in range(0, len(pending), batch_documents):
            docs = store.documents_by_id(pending[start:start + batch_documents])
            batch = list(coder.code_documents(docs))
            store.save_coding(run_id, batch)
            coded += len(batch)
            bar.update(len(batch))
    finally:
        bar.close()
    return run_id, coded, len(done)


def events(db: str = DEFAULT_DB, **filters) -> list[dict]:
    """Stored events of the latest coding run, filtered (dyad, date_from, date_to, code, modality,
    limit); ``dedupe=True`` gives one row per act with the number of its ``mentions``."""
    with Store(db) as store:
        return store.events(**filters)


def show(event_id: str, db: str = DEFAULT_DB) -> dict | None:
    """An event with its document, its sentence with the actors and trigger marked, and its lexicon entry."""
    from detente.events import describe, load_lexicon

    with Store(db) as store:
        event = store.event(event_id)
        if event is None:
            return None
        document = store.document(event["doc_id"])
        mentions = store.group(event["group_id"]) if event.get("group_id") else [event]
    entry = load_lexicon().by_id(event["matched_rule"])
    return {
        "event": event,
        "document": {k: document[k] for k in ("doc_id", "title", "source", "url", "published", "origin")},
        "marked_sentence": mark_sentence(event),
        "other_mentions": [{k: m[k] for k in ("event_id", "doc_id", "sentence_index", "sentence")}
                           for m in mentions if m["event_id"] != event["event_id"]],
        "code_name": describe(event["code"]).name,
        "lexicon_entry": None if entry is None else {
            "id": entry.id, "code": entry.code, "pattern": entry.pattern(),
            "targets": list(entry.targets), "examples": list(entry.examples)},
    }


def mark_sentence(event: dict) -> str:
    """The sentence with [source], <trigger> and {target} marked by their character offsets."""
    base = event["char_start"]
    marks = []
    for role, left, right in (("source", "[", "]"), ("target", "{", "}"), ("trigger", "<", ">")):
        start, end = event.get(f"{role}_start"), event.get(f"{role}_end")
        if start is not None and end is not None and base <= start < end <= event["char_end"]:
            marks.append((start - base, end - base, left, right))
    text = event["sentence"]
    applied: list[tuple[int, int]] = []
    for start, end, left, right in sorted(marks, key=lambda m: -m[0]):
        if any(start < e and s < end for s, e in applied):
            continue
        text = text[:start] + left + text[start:end] + right + text[end:]
        applied.append((start, end))
    return text


def evaluate(gold_path: str, db: str, coder=None, progress: bool | None = None) -> dict:
    """Code a gold file (benchmarks format) and score the events against it."""
    from detente.evaluation import score

    report = extract([gold_path], db=db, coder=coder, progress=progress)
    result = score(gold_path, report.events)
    result["rejections"] = [str(r) for r in report.rejections]
    return result


def demo(db: str = DEMO_DB, coder=None, progress: bool | None = None) -> dict:
    """Code the bundled US-Russia chronology and summarise it (events per dyad and QuadClass,
    and the 2012-13 chain of sanction and counter-sanction)."""
    from detente.analysis import dyad_quad_counts, sanction_chain

    report = extract([str(DEMO_CORPUS)], db=db, coder=coder, progress=progress)
    asserted = [e for e in report.events if "---" not in (e["source_country"], e["target_country"])]
    return {
        "documents": len(set(report.doc_ids)),
        "events": len(asserted),
        "dyads": dyad_quad_counts(asserted),
        "chain": sanction_chain(asserted, "USA", "RUS", "2012-01-01", "2013-12-31"),
        "rejections": report.rejections,
    }


@dataclass
class ImportReport:
    path: str
    fmt: str
    names: int = 0          # name-code rows read from the file
    entries: int = 0        # dictionary entries (actors) or agent phrases read
    added: int = 0          # rows new to the store
    rejections: list[Rejection] = field(default_factory=list)


def import_actors(path: str, fmt: str = "petrarch", db: str = DEFAULT_DB) -> ImportReport:
    """Load an actor (``petrarch``) or agent (``petrarch-agents``) dictionary into the store.

    Its names are used beside the built-in knowledge base by every later extract on ``db``.
    Importing the same dictionary twice adds nothing. Lines that cannot be read are returned
    as rejections; the rest is imported.
    """
    from dataclasses import asdict

    from detente.actors.petrarch import read_dictionary

    parsed = read_dictionary(path, fmt)
    report = ImportReport(path=str(path), fmt=fmt, names=len(parsed.names), entries=parsed.entries,
                          rejections=parsed.rejections)
    with Store(db) as store:
        report.added = store.add_imported_actors([asdict(n) for n in parsed.names],
                                                 source_file=str(Path(path).resolve()))
    return report


def imported_actors(db: str = DEFAULT_DB, kind: str | None = None) -> list[dict]:
    """The names imported into ``db`` (kind ``actor`` or ``agent``; None for both)."""
    with Store(db) as store:
        return store.imported_actors(kind)


def evaluate_petrarch(records: str, actors: str, agents: str | None = None, db: str | None = None,
                      progress: bool | None = None) -> dict:
    """Code PETRARCH unit-test records with their actor (and agent) dictionary imported and
    measure source/target pair agreement (see :mod:`detente.evaluation_petrarch`)."""
    import tempfile

    from detente.evaluation_petrarch import actor_recall, read_records, score_records, write_documents

    parsed = read_records(records)
    with tempfile.TemporaryDirectory() as tmp:
        db = db or str(Path(tmp) / "petrarch.db")
        imports = [import_actors(actors, "petrarch", db)]
        if agents:
            imports.append(import_actors(agents, "petrarch-agents", db))
        with Store(db) as store:
            coder = _default_coder(store)
        corpus = write_documents(parsed, Path(tmp) / "records.jsonl")
        report = extract([str(corpus)], db=db, modality="asserted", coder=coder, progress=progress)
    result = score_records(parsed, report.events)
    result.update(actor_recall(parsed, coder))
    result["imported"] = {i.fmt: {"names": i.names, "added": i.added} for i in imports}
    result["rejections"] = [str(r) for i in imports for r in i.rejections] + \
        [str(r) for r in report.rejections]
    return result


def _default_coder(store: Store | None = None):
    """The coder for a store: the built-in knowledge base, extended with the actors imported
    into the store, if any."""
    from detente.events import Coder

    rows = store.imported_actors() if store is not None else []
    if not rows:
        return Coder()
    from detente.actors.knowledge import extend_knowledge_base, load_knowledge_base

    return Coder(kb=extend_knowledge_base(load_knowledge_base(), rows))


def _unique(docs: list[Document]) -> list[Document]:
    return list({d.doc_id: d for d in docs}.values())


def _no_progress(progress: bool | None) -> bool | None:
    return None if progress is None else not progress


# relations: dyads, spirals, reciprocity, channels ----------------------------------------------
def dyad_events(a: str, b: str, db: str = DEFAULT_DB, date_from: str | None = None, date_to: str | None = None,
                modality: str | None = "asserted", all_mentions: bool = False) -> list[dict]:
    """The events between ``a`` and ``b`` (both directions), each act once unless ``all_mentions``."""
    with Store(db) as store:
        return store.events(dyad=(a, b), date_from=date_from, date_to=date_to, modality=modality,
                            dedupe=not all_mentions)


@dataclass
class DyadReport:
    a: str
    b: str
    series: "object"                     # pandas DataFrame, see analysis.series.SERIES_COLUMNS
    events: "object"                     # the acts counted: a DataFrame of store.ANALYSIS_FIELDS
    db: str = DEFAULT_DB
    changes: list = field(default_factory=list)

    def events_of(self, direction: str, period) -> list[dict]:
        """The full records (sentences included) of the events behind one row of the series."""
        return self.records(self.series.attrs["events"].get((direction, period), []))

    def records(self, event_ids: Iterable[str]) -> list[dict]:
        with Store(self.db) as store:
            return store.events_by_id(event_ids)


def dyad(a: str, b: str, db: str = DEFAULT_DB, freq: str = "month", scale: str | None = None,
         date_from: str | None = None, date_to: str | None = None, all_mentions: bool = False,
         modality: str | None = "asserted", changes: bool = False) -> DyadReport:
    """The dyad series of ``a`` and ``b`` per ``freq`` on a weight ``scale`` (with change points)."""
    from detente.analysis.scales import DEFAULT_SCALE
    from detente.analysis.series import change_points, dyad_series

    with Store(db) as store:
        found = store.dyad_frame(a, b, date_from, date_to, modality, dedupe=not all_mentions)
    series = dyad_series(found, a, b, freq, scale or DEFAULT_SCALE, start=date_from, end=date_to)
    report = DyadReport(a, b, series, found, db)
    if changes and not series.empty:
        report.changes = change_points(series)
    return report


def spirals(a: str, b: str, db: str = DEFAULT_DB, window_days: int | None = None,
            date_from: str | None = None, date_to: str | None = None) -> list:
    """Chains of conflictual acts between ``a`` and ``b``, each answering the last (see analysis.spirals)."""
    from detente.analysis.spirals import DEFAULT_WINDOW_DAYS, spirals as find_spirals

    found = dyad_events(a, b, db, date_from, date_to)
    return find_spirals(found, a, b, window_days or DEFAULT_WINDOW_DAYS)


def reciprocity(a: str, b: str, db: str = DEFAULT_DB, scale: str | None = None, date_from: str | None = None,
                date_to: str | None = None, **options):
    """A VAR on the weekly A->B and B->A weight series: lag order, Granger tests both ways and
    impulse responses. Raises ``InsufficientData`` saying how much data is needed."""
    from detente.analysis.reciprocity import reciprocity as fit, weekly_directional_series
    from detente.analysis.scales import DEFAULT_SCALE, load_scale
    from detente.events.dates import full_day

    with Store(db) as store:
        found = store.dyad_rows(a, b, date_from, date_to)
    weigh = load_scale(scale or DEFAULT_SCALE).weight
    series = weekly_directional_series(found, a, b, weight=weigh, start=full_day(date_from) if date_from else None,
                                       end=full_day(date_to, end=True) if date_to else None)
    result = fit(series, a, b, **options)
    result.events = found
    return result


def channel_changes(a: str, b: str, db: str = DEFAULT_DB, registry_path: str | None = None):
    """Every known status change of the channels linking ``a`` and ``b``: the registry's history,
    what asserted events naming a channel imply, and changes entered by hand."""
    from detente.channels import load_registry
    from detente.channels import status as channel_status

    registry = load_registry(registry_path)
    with Store(db) as store:
        found = store.events(dyad=(a, b), modality="asserted")
        hand = [channel_status.hand_change(r["channel_id"], r["status"], r["date"], r["note"])
                for r in store.channel_changes()]
    changes = channel_status.registry_changes(registry) + channel_status.event_changes(registry, found) + hand
    return registry, channel_status.dyad_channels(registry, a, b), changes, found


def channels(a: str, b: str, db: str = DEFAULT_DB, at: str | None = None, registry_path: str | None = None):
    """The status of each channel linking ``a`` and ``b`` on ``at`` (default: today)."""
    from detente.channels.status import status_at

    _, linked, changes, _ = channel_changes(a, b, db, registry_path)
    return status_at(linked, changes, at or _today())


def set_channel_status(channel_id: str, status: str, date: str, note: str = "", db: str = DEFAULT_DB,
                       registry_path: str | None = None) -> None:
    """Enter a channel's status change by hand (kept in the store, beside the registry's own)."""
    from detente.channels import load_registry
    from detente.channels.status import hand_change

    registry = load_registry(registry_path)
    if channel_id not in registry.channels:
        raise ValueError(f"no channel {channel_id!r} in the registry; known: {', '.join(sorted(registry.channels))}")
    change = hand_change(channel_id, status, date, note)
    with Store(db) as store:
        store.add_channel_change(change.channel_id, change.status, change.date, change.note)


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
    """Load a GDELT, ICEWS or POLECAT file into the event table, marked as imported."""
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
    report.read = counted.n
    report.skipped = getattr(stream, "skipped", 0)
    report.skipped_examples = list(getattr(stream, "skipped_examples", []))
    return report


def export_events(path: str, db: str = DEFAULT_DB, style: str = "detente", fmt: str | None = None,
                  dyad: tuple[str, str] | None = None, date_from: str | None = None, date_to: str | None = None,
                  modality: str | None = "asserted", dedupe: bool = False) -> int:
    """Write stored events to CSV, JSONL or Parquet (by ``fmt`` or the file's suffix) in detente's
    schema or GDELT- or PLOVER-style columns. Returns the number of rows written."""
    from detente.interchange import EXPORT_FORMATS, write_events

    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot tell the format of {path!r}; use a .csv, .jsonl or .parquet file or give a format")
    with Store(db) as store:
        rows = store.events(dyad=dyad, date_from=date_from, date_to=date_to, modality=modality, dedupe=dedupe)
    return write_events(rows, path, fmt, style)


class _Counting:
    """Counts the items of an iterator as they pass."""

    def __init__(self, items):
        self.items, self.n = items, 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()
