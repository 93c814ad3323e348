"""store: all reads and writes of the database. SQLite by default (WAL mode), PostgreSQL by URL,
via SQLAlchemy Core.

Modules: ``schema`` (the tables), ``database`` (opening one, refusing what is not one), ``acts``
(mentions of one act, imported events); here :class:`Store`, every query. Coding is
committed a batch of documents at a time, events and ``coded`` markers together, so an
interrupted run loses nothing it committed and a rerun with the same coder resumes where it
stopped without duplicating a row.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Iterable, Sequence

from sqlalchemy import Column, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from detente.store.acts import IMPORTED_MARK, act_group_id, is_imported, one_per_group, one_per_group_frame
from detente.store.database import StoreError, StoreWarning, check_database, engine_for
from detente.store.schema import (ANALYSIS_FIELDS, DEFAULT_DB, EVENT_FIELDS, IMPORTED_FIELDS,
                                  SCHEMA_VERSION, SERIES_FIELDS, channel_changes, coded, documents, events,
                                  imported_actors, meta, metadata, runs)

__all__ = ["ANALYSIS_FIELDS", "DEFAULT_DB", "EVENT_FIELDS", "IMPORTED_MARK", "SERIES_FIELDS", "Store", "StoreError",
           "StoreWarning", "act_group_id", "engine_for", "is_imported"]


IMPORT_BATCH = 5000   # imported events inserted per transaction
UNKNOWN_SIDE = "---"  # the country of an actor of unknown state


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """All reads and writes of the detente database. ``create=False`` (for commands that only
    read) refuses a database that does not exist instead of creating an empty one."""

    def __init__(self, db: str = DEFAULT_DB, create: bool = True):
        self.db = db
        check_database(db, create)
        self.engine = engine_for(db)
        if not create:
            self._check_tables()
        metadata.create_all(self.engine)
        self._add_missing_columns()
        self._upgrade()

    def _check_tables(self) -> None:
        from sqlalchemy import inspect

        if "events" not in inspect(self.engine).get_table_names():
            raise StoreError(f"{self.db} holds no detente tables (not a detente database)")

    def _upgrade(self) -> None:
        """Bring rows written by an earlier schema up to this one, once per database."""
        with self.engine.begin() as conn:
            found = conn.execute(select(meta.c.value).where(meta.c.key == "schema")).scalar()
            version = int(found) if found else 1
            if version >= SCHEMA_VERSION:
                return
            imported = select(runs.c.run_id).where(runs.c.coder_version.startswith("import:"))
            conn.execute(events.update().where(events.c.run_id.in_(imported.scalar_subquery()))
                         .values(group_id=events.c.event_id))
            conn.execute(self._upsert(meta, ["key"]), [{"key": "schema", "value": str(SCHEMA_VERSION)}])

    def _add_missing_columns(self) -> None:
        """Bring a database made by an earlier version up to this schema (new columns only)."""
        from sqlalchemy import inspect, text

        present = {c["name"] for c in inspect(self.engine).get_columns("events")}
        missing = [c for c in events.columns if c.name not in present]
        with self.engine.begin() as conn:
            for column in missing:
                conn.execute(text(f'ALTER TABLE events ADD COLUMN "{column.name}" '
                                  f'{column.type.compile(self.engine.dialect)}'))

    def close(self):
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # documents ---------------------------------------------------------------------------
    def add_documents(self, docs: Sequence) -> int:
        """Insert documents not yet stored (by doc_id); returns how many were new."""
        if not docs:
            return 0
        rows = [{"doc_id": d.doc_id, "content_hash": d.content_hash, "title": d.title,
                 "source": d.source, "url": d.url, "published": d.published, "origin": d.origin,
                 "text": d.text, "ingested_at": _now()} for d in docs]
        with self.engine.begin() as conn:
            before = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            conn.execute(self._insert_ignore(documents), rows)
            after = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        return after - before

    def document(self, doc_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).mappings().first()
        return dict(row) if row else None

    def documents_by_id(self, doc_ids: Iterable[str]) -> list[dict]:
        return self._rows_by_key(documents.c.doc_id, doc_ids, dict)

    def _rows_by_key(self, key: Column, values: Iterable[str], decode) -> list[dict]:
        """The rows whose ``key`` is one of ``values``, in the order of the values."""
        wanted = list(dict.fromkeys(values))
        found: dict[str, dict] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, 500):
                for row in conn.execute(select(key.table).where(key.in_(chunk))).mappings():
                    found[row[key.name]] = decode(row)
        return [found[v] for v in wanted if v in found]

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(metadata.tables[table])).scalar_one()

    # runs and coding -------------------------------------------------------------------------
    def ensure_run(self, coder_version: str, lexicon_hash: str, model: str) -> int:
        """The run for this coder configuration, created if new (a rerun resumes it)."""
        key = f"{coder_version}/{lexicon_hash}/{model}"
        with self.engine.begin() as conn:
            conn.execute(self._insert_ignore(runs), [{
                "coder_key": key, "coder_version": coder_version, "lexicon_hash": lexicon_hash,
                "model": model, "started_at": _now()}])
            return conn.execute(select(runs.c.run_id).where(runs.c.coder_key == key)).scalar_one()

    def coded_doc_ids(self, run_id: int, doc_ids: Iterable[str]) -> set[str]:
        done: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(list(doc_ids), 500):
                query = select(coded.c.doc_id).where(coded.c.run_id == run_id, coded.c.doc_id.in_(chunk))
                done.update(conn.execute(query).scalars())
        return done

    def save_coding(self, run_id: int, batch: Sequence[tuple[str, list[dict]]]) -> None:
        """Commit the events of a batch of documents and mark them coded, in one transaction."""
        event_rows = [dict(e, run_id=run_id) for _, evs in batch for e in evs]
        for row in event_rows:
            if isinstance(row.get("evidence"), (dict, list)):
                row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
        with self.engine.begin() as conn:
            if event_rows:
                conn.execute(self._insert_ignore(events), event_rows)
            conn.execute(self._insert_ignore(coded), [
                {"doc_id": doc_id, "run_id": run_id, "n_events": len(evs)} for doc_id, evs in batch])
            conn.execute(runs.update().where(runs.c.run_id == run_id).values(updated_at=_now()))

    # imported events -----------------------------------------------------------------------
    def import_events(self, rows: Iterable[dict], fmt: str, source_file: str, content_hash: str,
                      published: str | None = None, on_batch=None) -> tuple[str, int]:
        """Store events read from another event dataset (GDELT, ICEWS, POLECAT) as one pseudo-
        document per file and a run per format, so every analysis sees them beside coded ones
        (``matched_rule`` says where each came from). Importing the same file again adds nothing.
        Returns the document id and how many events were new."""
        doc_id = f"import:{fmt}:{content_hash[:16]}"
        run_id = self.ensure_run(f"import:{fmt}", "-", "-")
        with self.engine.begin() as conn:
            conn.execute(self._insert_ignore(documents), [{
                "doc_id": doc_id, "content_hash": content_hash, "title": Path(source_file).name,
                "source": fmt, "url": None, "published": published, "origin": str(source_file),
                "text": "", "ingested_at": _now()}])
        added = total = 0
        batch: list[dict] = []
        for row in rows:
            batch.append(self._imported_row(row, doc_id, run_id))
            if len(batch) >= IMPORT_BATCH:
                added += self._insert_counting(events, batch)
                total += len(batch)
                batch = []
                if on_batch:
                    on_batch(total)
        added += self._insert_counting(events, batch)
        total += len(batch)
        with self.engine.begin() as conn:
            conn.execute(coded.delete().where(coded.c.doc_id == doc_id, coded.c.run_id == run_id))
            conn.execute(coded.insert(), [{"doc_id": doc_id, "run_id": run_id, "n_events": self._count_doc(conn, doc_id)}])
        return doc_id, added

    @staticmethod
    def _imported_row(row: dict, doc_id: str, run_id: int) -> dict:
        out = {key: row.get(key) for key in EVENT_FIELDS}
        out.update(doc_id=doc_id, run_id=run_id, sentence=row.get("sentence") or "",
                   sentence_index=row.get("sentence_index") or 0,
                   char_start=row.get("char_start") or 0, char_end=row.get("char_end") or 0)
        if isinstance(out.get("evidence"), (dict, list)):
            out["evidence"] = json.dumps(out["evidence"], ensure_ascii=False)
        out["group_id"] = out.get("group_id") or out["event_id"]   # an imported event is its own act
        return out

    def _insert_counting(self, table: Table, rows: list[dict]) -> int:
        if not rows:
            return 0
        with self.engine.begin() as conn:
            before = conn.execute(select(func.count()).select_from(table)).scalar_one()
            conn.execute(self._insert_ignore(table), rows)
            return conn.execute(select(func.count()).select_from(table)).scalar_one() - before

    @staticmethod
    def _count_doc(conn, doc_id: str) -> int:
        return conn.execute(select(func.count()).select_from(events).where(events.c.doc_id == doc_id)).scalar_one()

    # channel changes entered by hand -----------------------------------------------------------
    def add_channel_change(self, channel_id: str, status: str, date: str, note: str = "") -> None:
        with self.engine.begin() as conn:
            conn.execute(channel_changes.insert(), [{"channel_id": channel_id, "status": status, "date": date,
                                                     "note": note, "entered_at": _now()}])

    def channel_changes(self) -> list[dict]:
        with self.engine.connect() as conn:
            query = select(channel_changes).order_by(channel_changes.c.date, channel_changes.c.id)
            return [dict(r) for r in conn.execute(query).mappings()]

    # imported actors -----------------------------------------------------------------------
    def add_imported_actors(self, rows: Sequence[dict], source_file: str) -> int:
        """Store imported names (dicts with IMPORTED_FIELDS); returns how many were new."""
        if not rows:
            return 0
        stamp = _now()
        values = [{**{k: row[k] for k in IMPORTED_FIELDS}, "source_file": source_file,
                   "imported_at": stamp} for row in rows]
        with self.engine.begin() as conn:
            before = conn.execute(select(func.count()).select_from(imported_actors)).scalar_one()
            for chunk in _chunks(values, 500):
                conn.execute(self._insert_ignore(imported_actors), chunk)
            after = conn.execute(select(func.count()).select_from(imported_actors)).scalar_one()
        return after - before

    def imported_actors(self, kind: str | None = None) -> list[dict]:
        """Imported names in import and dictionary order (so dated codes keep their precedence)."""
        query = select(imported_actors).order_by(imported_actors.c.id)
        if kind:
            query = query.where(imported_actors.c.kind == kind)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    # events ------------------------------------------------------------------------------
    def _current_events(self):
        """Events of the latest run that coded each document."""
        latest = (select(func.max(coded.c.run_id)).where(coded.c.doc_id == events.c.doc_id)
                  .scalar_subquery())
        return select(events).where(events.c.run_id == latest)

    def events(self, dyad: tuple[str, str] | None = None, date_from: str | None = None,
               date_to: str | None = None, code: str | None = None,
               modality: str | None = None, doc_ids: Sequence[str] | None = None,
               limit: int | None = None, dedupe: bool = False, offset: int = 0,
               min_confidence: float | None = None, known_sides: bool = False) -> list[dict]:
        """Events of each document's latest run, filtered (``min_confidence``: only events at least
        that likely to be right; ``known_sides``: only events with a known state or organisation on
        both sides), in date order; with ``dedupe`` one per group of mentions of the same act (the
        most confident), with ``mentions`` counting the group. ``limit`` and ``offset`` page
        through the result."""
        query = self._filtered_events(dyad, date_from, date_to, code, modality, doc_ids, min_confidence,
                                      known_sides).order_by(
            events.c.date, events.c.doc_id, events.c.sentence_index, events.c.trigger_start, events.c.event_id)
        if not dedupe:
            query = query.offset(offset or None).limit(limit)
        with self.engine.connect() as conn:
            rows = [_decoded(r) for r in conn.execute(query).mappings()]
        if dedupe:
            rows = one_per_group(rows)[offset:]
            rows = rows[:limit] if limit else rows
        return rows

    def count_events(self, dyad: tuple[str, str] | None = None, date_from: str | None = None,
                     date_to: str | None = None, code: str | None = None, modality: str | None = None,
                     dedupe: bool = False, min_confidence: float | None = None, known_sides: bool = False,
                     doc_ids: Sequence[str] | None = None) -> int:
        """How many events :meth:`events` returns with the same filters (for paging)."""
        found = self._filtered_events(dyad, date_from, date_to, code, modality, doc_ids, min_confidence,
                                      known_sides).subquery()
        counted = func.count(func.distinct(func.coalesce(found.c.group_id, found.c.event_id))) if dedupe \
            else func.count()
        with self.engine.connect() as conn:
            return conn.execute(select(counted).select_from(found)).scalar_one()

    def count_unscored(self, dyad: tuple[str, str] | None = None, date_from: str | None = None,
                       date_to: str | None = None, modality: str | None = None, known_sides: bool = False) -> int:
        """How many of the filtered events carry no confidence (imported from GDELT, ICEWS or
        PLOVER files, which give none): a minimum confidence leaves them all out."""
        found = self._filtered_events(dyad, date_from, date_to, None, modality, None, None, known_sides).where(
            events.c.confidence.is_(None)).subquery()
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(found)).scalar_one()

    def _filtered_events(self, dyad, date_from, date_to, code, modality, doc_ids, min_confidence=None,
                         known_sides=False):
        query = self._current_events()
        if known_sides:
            query = query.where((events.c.source_country != UNKNOWN_SIDE) & (events.c.target_country != UNKNOWN_SIDE))
        if min_confidence:
            query = query.where(events.c.confidence >= min_confidence)
        if dyad:
            a, b = dyad
            query = query.where(((events.c.source_country == a) & (events.c.target_country == b))
                                | ((events.c.source_country == b) & (events.c.target_country == a)))
        if date_from:
            query = query.where(events.c.date >= date_from)
        if date_to:
            query = query.where(events.c.date <= _end_of(date_to))
        if code:
            query = query.where(events.c.code.startswith(code))
        if modality:
            query = query.where(events.c.modality == modality)
        if doc_ids is not None:
            query = query.where(events.c.doc_id.in_(list(doc_ids)))
        return query

    def dyad_counts(self, modality: str | None = "asserted") -> list[dict]:
        """Every pair of states or organisations with events between them (either direction),
        busiest first: {a, b, events}. Actors of unknown state (``---``) are left out."""
        current = self._current_events().subquery()
        low = func.min(current.c.source_country, current.c.target_country)
        high = func.max(current.c.source_country, current.c.target_country)
        query = (select(low.label("a"), high.label("b"), func.count().label("events"))
                 .where(current.c.source_country != UNKNOWN_SIDE, current.c.target_country != UNKNOWN_SIDE,
                        current.c.source_country != current.c.target_country)
                 .group_by(low, high).order_by(func.count().desc(), low, high))
        if modality:
            query = query.where(current.c.modality == modality)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def has_country(self, code: str) -> bool:
        """Whether any event or imported dictionary name uses ``code`` as its state or organisation."""
        checks = [select(events.c.event_id).where(events.c.source_country == code).limit(1),
                  select(imported_actors.c.id).where(imported_actors.c.country == code).limit(1),
                  select(events.c.event_id).where(events.c.target_country == code).limit(1)]
        with self.engine.connect() as conn:
            return any(conn.execute(check).first() is not None for check in checks)

    def publishers(self, doc_ids: Iterable[str]) -> dict[str, str | None]:
        """doc_id -> the document's source (its publisher), for the documents given."""
        found: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(doc_ids), 500):
                query = select(documents.c.doc_id, documents.c.source).where(documents.c.doc_id.in_(chunk))
                found.update(dict(conn.execute(query).all()))
        return found

    def event_counts(self) -> dict:
        """What the store holds, each count with one definition (the latest coding of each
        document): ``events`` every stored mention of any modality; ``asserted`` the asserted
        ones; ``asserted_known`` those with both sides a known state or organisation;
        ``acts`` the latter counted once per act (mentions of one act share a group)."""
        current = self._current_events().subquery()
        known = (current.c.modality == "asserted") & (current.c.source_country != UNKNOWN_SIDE) \
            & (current.c.target_country != UNKNOWN_SIDE)
        query = select(func.count(), func.count().filter(current.c.modality == "asserted"),
                       func.count().filter(known),
                       func.count(func.distinct(func.coalesce(current.c.group_id, current.c.event_id))).filter(known))
        with self.engine.connect() as conn:
            total, asserted, asserted_known, acts = conn.execute(query).one()
        return {"events": total, "asserted": asserted, "asserted_known": asserted_known, "acts": acts}

    def documents_summary(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Stored documents (without text), oldest first: title, date, source, origin and how
        many events the latest coding found in each (None: not coded yet)."""
        latest = (select(coded.c.doc_id, func.max(coded.c.run_id).label("run_id"))
                  .group_by(coded.c.doc_id).subquery())
        counts = (select(coded.c.doc_id, coded.c.n_events)
                  .join(latest, (coded.c.doc_id == latest.c.doc_id) & (coded.c.run_id == latest.c.run_id))
                  .subquery())
        columns = [documents.c[name] for name in ("doc_id", "title", "published", "source", "url", "origin")]
        query = (select(*columns, counts.c.n_events.label("events"))
                 .outerjoin(counts, counts.c.doc_id == documents.c.doc_id)
                 .order_by(documents.c.published, documents.c.doc_id).offset(offset or None).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def documents_page(self, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """Documents (without their text), newest first, and how many there are."""
        columns = [c for c in documents.columns if c.name != "text"]
        query = select(*columns).order_by(documents.c.published.desc(), documents.c.doc_id).offset(offset).limit(limit)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            return total, [dict(r) for r in conn.execute(query).mappings()]

    def dyad_rows(self, a: str, b: str, date_from: str | None = None, date_to: str | None = None,
                  modality: str | None = "asserted", dedupe: bool = True,
                  min_confidence: float | None = None) -> list[dict]:
        """The events between ``a`` and ``b`` (both directions) with only the columns analysis
        needs (``ANALYSIS_FIELDS``), read through the dyad index."""
        with self.engine.connect() as conn:
            rows = [dict(zip(ANALYSIS_FIELDS, r)) for r in conn.execute(
                self._dyad_query(a, b, date_from, date_to, modality, min_confidence=min_confidence))]
        if dedupe:
            return one_per_group(rows)
        return sorted(rows, key=lambda r: (r["date"] or "", r["doc_id"], r["sentence_index"]))

    def dyad_frame(self, a: str, b: str, date_from: str | None = None, date_to: str | None = None,
                   modality: str | None = "asserted", dedupe: bool = True, min_confidence: float | None = None):
        """The dyad's events as a pandas DataFrame of ``SERIES_FIELDS``, in date order, built
        without a Python object per event: the path of dyad series on large tables."""
        import pandas as pd

        query = self._dyad_query(a, b, date_from, date_to, modality, SERIES_FIELDS, min_confidence).order_by(
            events.c.date, events.c.doc_id, events.c.sentence_index, events.c.event_id)
        with self.engine.connect() as conn:
            records = [tuple(row) for row in conn.execute(query).fetchall()]
        frame = pd.DataFrame.from_records(records, columns=SERIES_FIELDS)
        return one_per_group_frame(frame) if dedupe else frame

    def _dyad_query(self, a: str, b: str, date_from: str | None, date_to: str | None, modality: str | None,
                    fields: list[str] = ANALYSIS_FIELDS, min_confidence: float | None = None):
        return self._filtered_events((a, b), date_from, date_to, None, modality, None,
                                     min_confidence).with_only_columns(
            *(events.c[name] for name in fields))

    def events_by_id(self, event_ids: Iterable[str]) -> list[dict]:
        """Full event records, in the order of ``event_ids``."""
        return self._rows_by_key(events.c.event_id, event_ids, _decoded)

    def group(self, group_id: str) -> list[dict]:
        """Every current mention of one act."""
        query = self._current_events().where(events.c.group_id == group_id).order_by(
            events.c.date, events.c.doc_id, events.c.sentence_index)
        with self.engine.connect() as conn:
            return [_decoded(r) for r in conn.execute(query).mappings()]

    def event(self, event_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(events.c.event_id == event_id)).mappings().first()
        return _decoded(row) if row else None

    def _upsert(self, table: Table, keys: list[str]):
        dialect = self.engine.dialect.name
        module = {"sqlite": sqlite, "postgresql": postgresql}.get(dialect)
        if module is None:
            raise NotImplementedError(f"database dialect {dialect!r} is not supported")
        statement = module.insert(table)
        return statement.on_conflict_do_update(
            index_elements=keys, set_={c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys})

    def _insert_ignore(self, table: Table):
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        if dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        raise NotImplementedError(f"database dialect {dialect!r} is not supported")


def _decoded(row) -> dict:
    out = dict(row)
    if out.get("evidence"):
        try:
            out["evidence"] = json.loads(out["evidence"])
        except (TypeError, ValueError):
            pass
    return out


def _end_of(date_prefix: str) -> str:
    """The last ISO string that starts with a date prefix, so --to 2013 includes 2013-12-31."""
    return date_prefix + "\uffff"


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]
