"""Codes and names a user types, and databases that are not there or not databases: refused
with a one-line message (and a suggestion), or resolved through the knowledge base."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import run_cli
from detente.actors.codes import ActorDirectory, UnknownActor


@pytest.fixture(scope="module")
def known():
    return ActorDirectory()


def test_codes_and_names_resolve_through_the_knowledge_base(known):
    assert [known.resolve(x) for x in ("RUS", "rus", "Russia", "the United States", "U.S.", "EU", "NATO")] == \
        ["RUS", "RUS", "RUS", "USA", "USA", "EU", "NATO"]
    assert known.resolve("ARN", known_elsewhere=lambda code: code == "ARN") == "ARN"   # a store's own code


@pytest.mark.parametrize("typed, hint", [("XXX", "did you mean"), ("RU", "RUS (Russia)"), ("Rusia", "RUS (Russia)"),
                                         ("USAGOV", "use USA (United States)")])
def test_unknown_codes_are_refused_with_what_was_meant(known, typed, hint):
    with pytest.raises(UnknownActor) as refused:
        known.resolve(typed)
    assert hint in str(refused.value)
    if typed != "USAGOV":
        assert "is not a known state or organisation code" in str(refused.value)


@pytest.mark.parametrize("args, hint", [
    (["events", "--dyad", "USA-XXX"], "'XXX' is not a known state or organisation code"),
    (["events", "--dyad", "US-RU"], "did you mean RUS (Russia)"),
    (["dyad", "USA", "Rusia"], "did you mean RUS (Russia)"),
    (["spirals", "USA", "XX"], "not a known state or organisation code"),
    (["channels", "USA", "RU"], "did you mean RUS (Russia)"),
    (["export", "x.csv", "--dyad", "USA-XXX"], "not a known state or organisation code"),
])
def test_the_commands_refuse_unknown_codes_in_one_line(demo_run, tmp_path, args, hint):
    result = run_cli(*args, "--db", demo_run[0], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert hint in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_a_name_gives_the_same_answer_as_its_code(demo_run):
    db, _ = demo_run
    by_code = run_cli("dyad", "USA", "RUS", "--db", db, "--freq", "year", "--format", "csv")
    by_name = run_cli("dyad", "United States", "Russia", "--db", db, "--freq", "year", "--format", "csv")
    assert by_code.returncode == by_name.returncode == 0, by_name.stderr
    assert by_code.stdout == by_name.stdout
    rows = list(csv.DictReader(io.StringIO(by_name.stdout)))
    assert {r["direction"] for r in rows} == {"USA->RUS", "RUS->USA"}
    named = run_cli("events", "--dyad", "USA-Russia", "--db", db, "--format", "jsonl")
    assert named.returncode == 0 and named.stdout == run_cli("events", "--dyad", "USA-RUS", "--db", db,
                                                             "--format", "jsonl").stdout


def test_codes_of_imported_data_are_known_from_the_store(tmp_path):
    from detente.interchange import write_events

    db = str(tmp_path / "imported.db")
    source = tmp_path / "20100104.export.CSV"
    write_events([{"event_id": "gdelt:1", "source": "ARN", "source_country": "ARN", "target": "RUS",
                   "target_country": "RUS", "code": "042", "root": "04", "quad_class": 1, "goldstein": 1.9,
                   "date": "2010-01-05"}], source, "csv", "gdelt")
    assert run_cli("import", str(source), "--format", "gdelt", "--db", db).returncode == 0
    found = run_cli("events", "--dyad", "ARN-RUS", "--db", db, "--format", "jsonl")
    assert found.returncode == 0 and '"gdelt:1"' in found.stdout


@pytest.mark.parametrize("command", [["events"], ["show", "abc"], ["dyad", "USA", "RUS"], ["spirals", "USA", "RUS"],
                                     ["reciprocity", "USA", "RUS"], ["channels", "USA", "RUS"], ["documents"],
                                     ["export", "out.csv"], ["actors", "list"], ["serve"],
                                     ["report", "USA", "RUS", "--out", "b.html"]])
def test_a_read_command_refuses_a_database_that_does_not_exist(tmp_path, command):
    missing = tmp_path / "missing.db"
    result = run_cli(*command, "--db", str(missing), cwd=tmp_path)
    assert result.returncode == 1 and f"no database at {missing}" in result.stderr, result.stderr
    assert not missing.exists() and not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("these are my notes, not a database\n", encoding="utf-8")
    for command in (["events"], ["dyad", "USA", "RUS"], ["ingest", str(notes)]):
        result = run_cli(*command, "--db", str(notes))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip() == f"Error: {notes} is not a database (not an SQLite file)"
    assert notes.read_text(encoding="utf-8") == "these are my notes, not a database\n"
