"""Counting, one definition per view and stated: the demo, export, events and the store's own
counts agree once their definitions are read; imported events are never merged with each other
and weigh by their file's own scale; skipped lines of an import are rejections (exit 3)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest

from conftest import BENCHMARKS, need, run_cli

EVENT_DATA = BENCHMARKS / "external" / "event-data"


def test_each_view_says_what_it_counts_and_the_numbers_agree(demo_run, tmp_path):
    db, result = demo_run
    said = re.search(r"(\d+) events stored \(every mention, any modality\), (\d+) asserted, (\d+) asserted with "
                     r"both sides a known state or organisation: (\d+) distinct acts", result.stdout)
    assert said, result.stdout
    stored, asserted, known, acts = map(int, said.groups())
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from events").fetchone()[0] == stored
    exported = run_cli("export", str(tmp_path / "all.csv"), "--db", db)
    assert exported.stdout.strip() == f"{asserted} events (every mention), asserted written to {tmp_path / 'all.csv'}"
    listed = run_cli("events", "--db", db, "--format", "jsonl")
    assert f"{known} events (every mention), asserted, both sides known" in listed.stderr
    assert len(listed.stdout.splitlines()) == known
    any_side = run_cli("events", "--db", db, "--format", "jsonl", "--sides", "any")
    assert f"{asserted} events (every mention), asserted, any sides" in any_side.stderr
    everything = run_cli("events", "--db", db, "--modality", "all", "--sides", "any", "--format", "jsonl")
    assert f"{stored} events (every mention), any modality" in everything.stderr
    once = run_cli("events", "--db", db, "--dedupe", "--format", "jsonl")
    assert "acts (each once" in once.stderr
    from detente import api

    with api.reading(db) as store:
        assert store.event_counts() == {"events": stored, "asserted": asserted, "asserted_known": known, "acts": acts}


@pytest.fixture(scope="module")
def icews_db(tmp_path_factory):
    source = need(EVENT_DATA / "events.2018.sample.tab")
    db = str(tmp_path_factory.mktemp("icews") / "icews.db")
    result = run_cli("import", str(source), "--format", "icews", "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def test_imported_icews_events_are_never_merged_and_weigh_by_their_intensity(icews_db):
    day = run_cli("dyad", "USA", "PRK", "--db", icews_db, "--freq", "day", "--from", "2018-06-01",
                  "--to", "2018-06-01", "--format", "csv")
    assert day.returncode == 0, day.stderr
    row = next(r for r in csv.DictReader(io.StringIO(day.stdout)) if r["direction"] == "USA->PRK")
    assert int(row["n"]) == 108                                  # the README of the file: 108 events
    assert float(row["weight_sum"]) == pytest.approx(296.3, abs=0.05)   # its Intensity sum
    assert "weights on the native scale" in day.stderr
    table = run_cli("dyad", "USA", "PRK", "--db", icews_db, "--freq", "day", "--from", "2018-06-01",
                    "--to", "2018-06-01", "--format", "csv", "--scale", "plover").stdout
    other = next(r for r in csv.DictReader(io.StringIO(table)) if r["direction"] == "USA->PRK")
    assert int(other["n"]) == 108 and float(other["weight_sum"]) != pytest.approx(296.3, abs=0.05)
    listed = run_cli("events", "--db", icews_db, "--dyad", "USA-PRK", "--from", "2018-06-01", "--to", "2018-06-01",
                     "--dedupe", "--format", "jsonl")
    acts = [json.loads(line) for line in listed.stdout.splitlines()]
    usa = [a for a in acts if a["source_country"] == "USA"]
    assert len(usa) == 108 and {a["mentions"] for a in usa} == {1}


def test_a_store_from_before_keeps_no_merged_imports(icews_db, tmp_path):
    import shutil

    old = str(tmp_path / "old.db")
    shutil.copy(icews_db, old)
    with sqlite3.connect(old) as conn:     # as an earlier version stored them: one group per day and code
        conn.execute("update events set group_id = source_country || target_country || code || date")
        conn.execute("delete from meta")
    day = run_cli("dyad", "USA", "PRK", "--db", old, "--freq", "day", "--from", "2018-06-01", "--to", "2018-06-01",
                  "--format", "csv").stdout
    assert int(next(r for r in csv.DictReader(io.StringIO(day)) if r["direction"] == "USA->PRK")["n"]) == 108


def test_skipped_lines_of_an_import_are_named_and_make_the_exit_code_3(tmp_path, db):
    good = need(EVENT_DATA / "gdelt1_daily_20160728.tsv").read_text(encoding="utf-8").splitlines()[:20]
    broken = tmp_path / "broken.tsv"
    broken.write_text("\n".join(good[:10] + ["not\tan\tevent"] + good[10:]) + "\n", encoding="utf-8")
    result = run_cli("import", str(broken), "--format", "gdelt", "--db", db)
    assert result.returncode == 3, result.stderr
    assert f"skipped: {broken}:11: 3 columns" in result.stderr
    assert "20 event(s) read" in result.stdout and "1 malformed line(s) skipped" in result.stdout


def test_a_plover_export_imports_back_as_polecat_with_nothing_skipped(icews_db, tmp_path):
    exported = run_cli("export", str(tmp_path / "plover.csv"), "--db", icews_db, "--style", "plover")
    assert exported.returncode == 0, exported.stderr
    written = int(exported.stdout.split()[0])
    assert "without a PLOVER type (CAMEO roots 01 and 02) left out" in exported.stderr
    back = run_cli("import", str(tmp_path / "plover.csv"), "--format", "polecat", "--db", str(tmp_path / "back.db"))
    assert back.returncode == 0, back.stderr
    assert f"{written} event(s) read" in back.stdout and "0 malformed" in back.stdout
    with open(tmp_path / "plover.csv", encoding="utf-8") as handle:
        sources = {row["Source"] for row in csv.DictReader(handle)}
    assert sources and not any(s and s.startswith("{") for s in sources)    # publishers, not evidence
