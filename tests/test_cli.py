"""cli: the real `detente` command in a subprocess, on real files and a real SQLite database."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import SEED_2013, need, run_cli

DEMO = Path(__file__).resolve().parents[1] / "detente" / "demo" / "chronology.jsonl"


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _rows(db: str, table: str, columns: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(f"SELECT {columns} FROM {table}").fetchall())


def test_extract_jsonl_keeps_line_ids_and_writes_every_format(tmp_path, db):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "brief-7", "published": "2014-03-17",
                                  "text": "The United States imposed sanctions on seven Russian officials on Monday."}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = run_cli("extract", str(source), "--db", db, "--format", "jsonl", "--output", str(out))
    assert result.returncode == 0, result.stderr
    (event,) = _jsonl(out.read_text(encoding="utf-8"))
    assert (event["doc_id"], event["source_country"], event["target_country"], event["code"], event["date"]) == \
        ("brief-7", "USA", "RUS", "163", "2014-03-17")
    as_csv = run_cli("extract", str(source), "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows[0]["event_id"] == event["event_id"] and rows[0]["plover"] == event["plover"]
    table = run_cli("extract", str(source), "--db", db)
    assert event["event_id"] in table.stdout and "1 already coded" in table.stderr


def test_ingesting_twice_adds_nothing(tmp_path, db):
    (tmp_path / "a.txt").write_text("Russia expelled a US diplomat.", encoding="utf-8")
    first = run_cli("ingest", str(tmp_path / "a.txt"), "--db", db)
    second = run_cli("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert "1 new" in first.stdout and "0 new, 1 already stored" in second.stdout
    assert len(_rows(db, "documents", "doc_id")) == 1


def test_bad_input_is_named_and_the_good_documents_are_coded(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Russia expelled two American diplomats on Monday.", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "bad-utf8.txt").write_bytes(bytes(range(128, 256)) * 3)      # no encoding reads it
    (folder / "docs.jsonl").write_text('{"id": "j1", "text": "Poland protested to Russia."}\n{not json}\n',
                                       encoding="utf-8")
    (folder / "huge.txt").write_text("x" * 5_000_000, encoding="utf-8")
    result = run_cli("extract", str(folder), "--db", db, "--published", "2014-03-03", "--format", "jsonl")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    for name, reason in [("binary.txt", "binary file"), ("empty.md", "empty file"),
                         ("bad-utf8.txt", "not valid UTF-8"), ("docs.jsonl:2", "malformed JSON"),
                         ("huge.txt", "over the 1 MB limit")]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name
    coded = {e["doc_id"] for e in _jsonl(result.stdout)}
    assert "j1" in coded and len(coded) == 2
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    nothing = run_cli("ingest", str(empty_folder), "--db", db)
    assert nothing.returncode == 3 and "folder contains no documents" in nothing.stderr


def test_an_extract_killed_midway_resumes_to_the_same_rows(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    with corpus.open("w", encoding="utf-8") as handle:
        for copy in range(4):
            for record in records:
                handle.write(json.dumps(dict(record, id=f"{record['id']}-{copy}")) + "\n")
    whole, broken = str(tmp_path / "whole.db"), str(tmp_path / "broken.db")
    assert run_cli("extract", str(corpus), "--db", whole, "--batch-size", "5").returncode == 0

    process = subprocess.Popen([sys.executable, "-m", "detente", "extract", str(corpus), "--db", broken,
                                "--batch-size", "5"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    coded = 0
    deadline = time.time() + 240
    while time.time() < deadline and process.poll() is None:
        try:
            coded = _rows(broken, "coded", "count(*)")[0][0]
        except sqlite3.Error:
            coded = 0
        if coded >= 10:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 10 <= coded < len(records) * 4, "the run should be killed partway through"

    resumed = run_cli("extract", str(corpus), "--db", broken, "--batch-size", "5")
    assert resumed.returncode == 0 and "already coded" in resumed.stderr
    columns = "event_id, run_id, doc_id, sentence_index, source, target, code, modality, date"
    assert _rows(broken, "events", columns) == _rows(whole, "events", columns)
    assert _rows(broken, "coded", "doc_id, n_events") == _rows(whole, "coded", "doc_id, n_events")
    assert _rows(broken, "documents", "doc_id") == _rows(whole, "documents", "doc_id")


def test_events_filters_and_show_marks_the_sentence(tmp_path, db):
    seed = need(SEED_2013)
    assert run_cli("extract", str(seed), "--db", db, "--published", "2013-02-01").returncode == 0
    listed = _jsonl(run_cli("events", "--db", db, "--dyad", "USA-RUS", "--code", "16", "--format", "jsonl").stdout)
    assert listed and all({e["source_country"], e["target_country"]} == {"USA", "RUS"} for e in listed)
    assert all(e["code"].startswith("16") for e in listed)
    december = _jsonl(run_cli("events", "--db", db, "--from", "2012-12", "--to", "2012-12", "--format", "jsonl").stdout)
    assert [e["code"] for e in december] == ["163"]
    shown = run_cli("show", december[0]["event_id"], "--db", db)
    assert shown.returncode == 0
    assert "[the US Congress] passed" in shown.stdout and "<imposes>" in shown.stdout
    assert "{prominent Russians}" in shown.stdout and "impose-sanctions" in shown.stdout
    missing = run_cli("show", "nope", "--db", db)
    assert missing.returncode == 1 and "no event 'nope'" in missing.stderr
    bad = run_cli("events", "--db", db, "--dyad", "USA")
    assert bad.returncode == 2 and "two actor codes" in bad.stderr


def test_evaluate_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    cases = [
        {"id": "g1", "published": "2014-03-17", "text": "The United States imposed sanctions on Russia on Monday.",
         "events": [{"source": "USA", "target": "RUS", "root": "16", "date": "2014-03-17"}], "traps": []},
        {"id": "g2", "published": "2014-03-17", "text": "The EU should impose sanctions on Russia.",
         "events": [], "traps": [{"source": "EU", "target": "RUS", "root": "16"}]},
        {"id": "g3", "published": "2014-03-17", "text": "Kyiv thanked Warsaw.",
         "events": [{"source": "POL", "target": "UKR", "root": "07"}], "traps": []},
    ]
    gold.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    result = run_cli("evaluate", str(gold), "--json")
    assert result.returncode == 0, result.stderr
    score = json.loads(result.stdout)
    assert (score["gold_events"], score["trap_hits"], score["date_accuracy"]) == (2, 0, 1.0)
    assert score["recall"] == 0.5 and [m["id"] for m in score["misses"]] == ["g3"]
    plain = run_cli("evaluate", str(gold))
    assert "miss   g3: POL->UKR root 07" in plain.stdout and "trap_rate 0.0" in plain.stdout


def test_demo_codes_the_chronology_and_shows_the_sanction_chain(demo_run):
    db, result = demo_run
    out = result.stdout
    assert "USA->RUS" in out and "RUS->USA" in out
    chain = out.split("Sanction and counter-sanction")[1]
    magnitsky = chain.index("Magnitsky Act")
    adoption = chain.index("banning Americans from adopting")
    assert magnitsky < adoption
    assert len(_rows(db, "documents", "doc_id")) >= 55


def test_the_same_act_reported_twice_is_grouped_and_counted_once(tmp_path, db):
    source = tmp_path / "two.jsonl"
    source.write_text(
        json.dumps({"id": "wire-a", "published": "2014-03-18",
                    "text": "The United States imposed sanctions on Russia on Monday."}) + "\n" +
        json.dumps({"id": "wire-b", "published": "2014-03-19",
                    "text": "On Monday, Washington imposed sanctions on Russia over Crimea."}) + "\n",
        encoding="utf-8")
    events = _jsonl(run_cli("extract", str(source), "--db", db, "--format", "jsonl").stdout)
    assert len(events) == 2 and events[0]["group_id"] == events[1]["group_id"]
    grouped = _jsonl(run_cli("events", "--db", db, "--dedupe", "--format", "jsonl").stdout)
    assert len(grouped) == 1 and grouped[0]["mentions"] == 2
    shown = run_cli("show", events[0]["event_id"], "--db", db).stdout
    assert f"also      {events[1]['event_id']} in wire-b" in shown

    from detente.analysis import dyad_quad_counts

    assert dyad_quad_counts(events) == {("USA", "RUS"): {4: 1}}


def test_an_overlong_sentence_is_reported_not_coded(tmp_path, db):
    text = "Russia expelled two American diplomats on Monday.\n\n" + " ".join(
        ["the delegation discussed the matter and"] * 120) + ".\n"
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    result = run_cli("extract", str(tmp_path / "long.txt"), "--db", db, "--published", "2014-03-03",
                     "--format", "jsonl")
    assert result.returncode == 0
    assert len(_jsonl(result.stdout)) == 1
    assert "not coded:" in result.stderr and "sentence 1 has" in result.stderr and "over 400" in result.stderr
