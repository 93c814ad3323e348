#!/usr/bin/env python3
"""A dyad series over a large event table, against a full scan of the same table, in one run.

Generates --events events (default 10 million) among --countries states into a fresh SQLite
file made by detente's own store (same schema and indexes), then times, in this one process:
  dyad:  `api.dyad(A, B, freq="month")`, the whole dyad series as `detente dyad` computes it
         (the store's query for both directions, each act once, and the monthly aggregation);
  scan:  the store's dyad query (same columns and filters) forced to a full scan of the event
         table (`NOT INDEXED`): what the same question costs without the dyad index.
Each is run --repeat times and the best kept; prints both times and their ratio (dyad / scan:
the acceptance bound is 0.10). The database is deleted afterwards unless --keep is given.

usage: python benchmarks/dyad_query.py [--events 10000000] [--countries 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from tqdm import tqdm

from detente import api
from detente.events.codes import code_table
from detente.store import ANALYSIS_FIELDS, Store, act_group_id

DOCS = 10_000
DAYS = 365 * 20
INSERT_CHUNK = 200_000


def generate(db: Path, n_events: int, n_countries: int, seed: int = 7) -> None:
    """Fill ``db`` with ``n_events`` random events between ``n_countries`` states (USA and RUS
    among them), spread over 20 years and DOCS documents of one run."""
    Store(str(db)).close()  # the schema and indexes, exactly as detente makes them
    rng = random.Random(seed)
    countries = ["USA", "RUS"] + [f"C{i:02d}" for i in range(n_countries - 2)]
    codes = [(c.code, c.root, c.quad_class, c.goldstein) for c in code_table().values()]
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    indexes = _drop_secondary_indexes(con)
    con.execute("INSERT INTO runs (run_id, coder_key, coder_version, lexicon_hash, model, started_at) "
                "VALUES (1, 'bench', 'bench', '-', '-', '2026-01-01')")
    con.executemany("INSERT INTO documents (doc_id, content_hash, text, ingested_at) VALUES (?, ?, '', '2026-01-01')",
                    ((f"d{i}", f"h{i}") for i in range(DOCS)))
    con.executemany("INSERT INTO coded (doc_id, run_id, n_events) VALUES (?, 1, 0)", ((f"d{i}",) for i in range(DOCS)))
    start = _ordinal("2000-01-01")
    with tqdm(total=n_events, unit=" events", desc="generating") as bar:
        for first in range(0, n_events, INSERT_CHUNK):
            rows = [_row(i, rng, countries, codes, start) for i in range(first, min(first + INSERT_CHUNK, n_events))]
            con.executemany(
                "INSERT INTO events (event_id, run_id, doc_id, sentence_index, char_start, char_end, sentence, "
                "source, source_country, target, target_country, code, root, quad_class, goldstein, modality, "
                "date, date_precision, group_id) VALUES (?, 1, ?, 0, 0, 0, '', ?, ?, ?, ?, ?, ?, ?, ?, 'asserted', "
                "?, 'day', ?)", rows)
            con.commit()
            bar.update(len(rows))
    for statement in indexes:
        con.execute(statement)
    con.execute("ANALYZE")
    con.commit()
    con.close()


def _row(i: int, rng: random.Random, countries: list[str], codes: list[tuple], start: int) -> tuple:
    source, target = rng.sample(countries, 2)
    code, root, quad, goldstein = rng.choice(codes)
    date = _iso(start + rng.randrange(DAYS))
    return (f"e{i:010d}", f"d{rng.randrange(DOCS)}", source, source, target, target, code, root, quad, goldstein,
            date, act_group_id(source, target, code, date))


def _drop_secondary_indexes(con: sqlite3.Connection) -> list[str]:
    """Drop the event table's indexes for the bulk load; returns the statements that rebuild them."""
    found = con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='events' "
                        "AND sql IS NOT NULL").fetchall()
    for name, _ in found:
        con.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def time_dyad(db: Path, a: str, b: str) -> tuple[float, int]:
    start = time.perf_counter()
    report = api.dyad(a, b, db=str(db), freq="month")
    return time.perf_counter() - start, int(report.series["n"].sum())


def time_scan(db: Path, a: str, b: str) -> tuple[float, int]:
    """The store's dyad query (same columns, same filters, latest run per document) forced to
    read the whole table."""
    con = sqlite3.connect(db)
    start = time.perf_counter()
    rows = con.execute(
        f"SELECT {', '.join(ANALYSIS_FIELDS)} FROM events NOT INDEXED WHERE modality = 'asserted' AND "
        "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?)) AND "
        "run_id = (SELECT max(run_id) FROM coded WHERE coded.doc_id = events.doc_id)", (a, b, b, a)).fetchall()
    elapsed = time.perf_counter() - start
    con.close()
    return elapsed, len(rows)


def _ordinal(iso: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(iso).toordinal()


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--countries", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DB", help="Build (or reuse) this database file and keep it.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.keep) if args.keep else Path(tmp) / "events.db"
        if not db.exists():
            generate(db, args.events, args.countries)
        dyad = min(time_dyad(db, "USA", "RUS") for _ in range(args.repeat))
        scan = min(time_scan(db, "USA", "RUS") for _ in range(args.repeat))
    print(f"events {args.events}  dyad USA-RUS: {dyad[1]} acts (series), {scan[1]} events (scan)")
    print(f"dyad series {dyad[0]:.3f} s  full scan {scan[0]:.3f} s  ratio {dyad[0] / scan[0]:.3f} (bound 0.10)")


if __name__ == "__main__":
    main()
