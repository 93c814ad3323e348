"""store: a real SQLite file in WAL mode, idempotent writes, the latest run per document, filters."""

from __future__ import annotations

import sqlite3

from detente.ingest import Document
from detente.store import Store


def _event(doc_id, n, source="USA", target="RUS", code="163", date="2012-12", modality="asserted"):
    return {"event_id": f"{doc_id}-{n}-{code}", "doc_id": doc_id, "sentence_index": n, "char_start": 0,
            "char_end": 10, "sentence": "s", "source": source, "source_country": source[:3],
            "target": target, "target_country": target[:3], "code": code, "root": code[:2],
            "quad_class": 4, "goldstein": -8.0, "modality": modality, "date": date,
            "evidence": {"why": "test"}}


def test_sqlite_file_is_in_wal_mode_with_the_schema(db):
    Store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "runs", "coded", "events"} <= tables


def test_adding_the_same_documents_twice_adds_nothing(db):
    docs = [Document("Moscow protested.", published="2014-01-01"), Document("Kyiv replied.", doc_id="k1")]
    with Store(db) as store:
        assert store.add_documents(docs) == 2
        assert store.add_documents(docs) == 0
        assert store.add_documents([Document("Moscow  protested.")]) == 0
        assert store.count("documents") == 2
        assert store.document("k1")["text"] == "Kyiv replied."


def test_a_run_is_resumed_by_its_coder_key_and_coding_is_idempotent(db):
    with Store(db) as store:
        store.add_documents([Document("a", doc_id="d1"), Document("b", doc_id="d2")])
        run = store.ensure_run("coder/1", "abc", "model")
        assert store.ensure_run("coder/1", "abc", "model") == run
        assert store.ensure_run("coder/1", "def", "model") != run
        store.save_coding(run, [("d1", [_event("d1", 0)])])
        store.save_coding(run, [("d1", [_event("d1", 0)])])
        assert store.coded_doc_ids(run, ["d1", "d2"]) == {"d1"}
        assert store.count("events") == 1
        assert store.events()[0]["evidence"] == {"why": "test"}


def test_queries_see_only_the_latest_run_of_each_document(db):
    with Store(db) as store:
        store.add_documents([Document("a", doc_id="d1")])
        old = store.ensure_run("coder/1", "old", "m")
        new = store.ensure_run("coder/1", "new", "m")
        store.save_coding(old, [("d1", [_event("d1", 0, code="160")])])
        store.save_coding(new, [("d1", [_event("d1", 0, code="163")])])
        assert [e["code"] for e in store.events()] == ["163"]


def test_event_filters(db):
    with Store(db) as store:
        store.add_documents([Document("a", doc_id="d1")])
        run = store.ensure_run("c", "l", "m")
        store.save_coding(run, [("d1", [
            _event("d1", 0), _event("d1", 1, source="RUS", target="USA", code="172", date="2013-01-01"),
            _event("d1", 2, source="EU", target="RUS", code="163", date="2014-07-29"),
            _event("d1", 3, code="040", date="2012-12-20", modality="hypothetical")])])
        assert len(store.events(dyad=("USA", "RUS"))) == 3
        assert [e["code"] for e in store.events(dyad=("USA", "RUS"), modality="asserted")] == ["163", "172"]
        assert [e["date"] for e in store.events(date_from="2013", date_to="2013")] == ["2013-01-01"]
        assert [e["date"] for e in store.events(date_to="2012-12")] == ["2012-12", "2012-12-20"]
        assert [e["code"] for e in store.events(code="17")] == ["172"]
        assert store.event("d1-1-172")["source"] == "RUS"
