"""api.record: documents in, events out: ingest, extract, events, show, documents, evaluate,
demo, import_actors / imported_actors (dictionaries from PETRARCH or Phoenix), evaluate_petrarch.

Functions that only read refuse a database that does not exist (they never create one).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from tqdm import tqdm

from detente.ingest import MAX_DOCUMENT_BYTES, Document, Rejection, read_inputs
from detente.periods import period
from detente.store import DEFAULT_DB, Store

DEMO_CORPUS = Path(__file__).resolve().parents[1] / "demo" / "chronology.jsonl"
DEMO_DB = "detente-demo.db"
BATCH_DOCUMENTS = 25
INGEST_BATCH = 500


@dataclass(repr=False)
class IngestReport:
    doc_ids: list[str] = field(default_factory=list)
    added: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def existing(self) -> int:
        return len(set(self.doc_ids)) - self.added

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({len(set(self.doc_ids))} documents, {self.added} new, "
                f"{len(self.rejections)} rejected)")


@dataclass(repr=False)
class ExtractReport(IngestReport):
    coded: int = 0
    skipped: int = 0
    run_id: int | None = None
    events: list[dict] = field(default_factory=list)
    uncoded_sentences: list[str] = field(default_factory=list)  # too long to code, one message each
    unknown_sides: int = 0  # events left out of ``events`` by known_sides

    def __repr__(self) -> str:
        return (f"ExtractReport({len(set(self.doc_ids))} documents, {self.added} new, {self.coded} coded now, "
                f"{len(self.events)} events, {len(self.rejections)} rejected; run {self.run_id})")


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
            batch_documents: int = BATCH_DOCUMENTS, min_confidence: float | None = None,
            known_sides: bool = False) -> ExtractReport:
    """Ingest ``paths``, code every document not yet coded by this coder, return their events.

    Work is committed ``batch_documents`` at a time: interrupted, a rerun resumes.
    ``modality``, ``min_confidence`` and ``known_sides`` (both sides a known state or
    organisation) filter the returned events; every event is stored. ``unknown_sides`` in the
    report counts the events ``known_sides`` left out.
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
        doc_ids = list(dict.fromkeys(report.doc_ids))
        report.events = store.events(doc_ids=doc_ids, modality=modality, min_confidence=min_confidence,
                                     known_sides=known_sides)
        if known_sides:
            report.unknown_sides = store.count_events(modality=modality, min_confidence=min_confidence,
                                                      doc_ids=doc_ids) - len(report.events)
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


def events(db: str = DEFAULT_DB, dyad: tuple[str, str] | None = None, date_from: str | None = None,
           date_to: str | None = None, frame: bool = False, **filters):
    """Stored events of the latest coding of each document, filtered (``dyad`` as two codes or
    names, ``date_from``/``date_to`` as YYYY[-MM[-DD]]: ``date_to="2014"`` takes all of 2014,
    ``code`` prefix, ``modality``, ``min_confidence``, ``known_sides``, ``limit``, ``offset``); ``dedupe=True`` gives one row per act
    with the number of its ``mentions``. A list of dicts, or with ``frame=True`` a typed pandas
    DataFrame (see :func:`detente.frames.event_frame`)."""
    from detente.api.relations import checked_confidence

    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    filters["min_confidence"] = checked_confidence(filters.get("min_confidence"))
    with reading(db) as store:
        pair = resolve_pair(store, *dyad) if dyad else None
        rows = store.events(dyad=pair, date_from=date_from, date_to=date_to, **filters)
    if frame:
        from detente.frames import event_frame

        return event_frame(rows)
    return rows


def unscored(db: str = DEFAULT_DB, dyad: tuple[str, str] | None = None, date_from: str | None = None,
             date_to: str | None = None, modality: str | None = "asserted", known_sides: bool = False) -> int:
    """How many stored events of the selection carry no confidence (imported ones): any
    ``min_confidence`` leaves them out, and a caller should say so."""
    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with reading(db) as store:
        pair = resolve_pair(store, *dyad) if dyad else None
        return store.count_unscored(pair, date_from, date_to, modality, known_sides)


def documents(db: str = DEFAULT_DB, limit: int | None = None, offset: int = 0) -> list[dict]:
    """The stored documents, oldest first: id, title, date, source, url, origin and ``events``
    (how many events, of any modality, the latest coding of the document holds; None if it
    was not coded)."""
    with reading(db) as store:
        return store.documents_summary(limit, offset)


def events_by_id(db: str, event_ids) -> list[dict]:
    """Full event records, in the order of ``event_ids``."""
    with reading(db) as store:
        return store.events_by_id(event_ids)


def reading(db: str) -> Store:
    """The store for a function that only reads: refuses a database that does not exist."""
    return Store(db, create=False)


def resolve(db: str, a: str, b: str) -> tuple[str, str]:
    """Two actors (codes or names) as the codes they stand for in ``db`` (see :func:`resolve_pair`)."""
    with reading(db) as store:
        return resolve_pair(store, a, b)


def resolve_pair(store: Store, a: str, b: str) -> tuple[str, str]:
    """Two actors as codes: codes or names known to the knowledge base or used by the store's
    events; refuses unknown ones (suggesting known codes) and a pair of one actor."""
    from detente.actors.codes import directory

    known = directory()
    pair = (known.resolve(a, store.has_country), known.resolve(b, store.has_country))
    if pair[0] == pair[1]:
        raise ValueError(f"the two actors must differ ({a!r} and {b!r} are both {pair[0]})")
    return pair


def show(event_id: str, db: str = DEFAULT_DB) -> dict | None:
    """An event with its document, its sentence with the actors and trigger marked, and its lexicon entry."""
    from detente.events import describe, load_lexicon
    from detente.events.confidence import meaning as confidence_meaning

    with reading(db) as store:
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
        "confidence_means": confidence_meaning(),
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
    known = [e for e in report.events if "---" not in (e["source_country"], e["target_country"])]
    with Store(db) as store:
        counts = store.event_counts()
    return {
        "documents": len(set(report.doc_ids)),
        "counts": counts,
        "dyads": dyad_quad_counts(known),
        "chain": sanction_chain(known, "USA", "RUS", "2012-01-01", "2013-12-31"),
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
    with reading(db) as store:
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
