"""Periods and dates a user gives: a bare --to covers its whole year or month everywhere, and
every date option goes through one parser that refuses what is not a date (exit 2, one line)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from conftest import run_cli
from detente.periods import BadDate, checked_date, full_day, period


def test_the_parser_takes_real_dates_only():
    assert checked_date("2013", "--from") == "2013" and checked_date("2013-02-28", "--to") == "2013-02-28"
    for bad in ("2013-13", "13/02/2013", "yesterday", "2013-02-30", "2013-2", "next week"):
        with pytest.raises(BadDate, match="YYYY, YYYY-MM or YYYY-MM-DD"):
            checked_date(bad, "--from")
    with pytest.raises(BadDate, match="YYYY-MM-DD"):
        checked_date("2013", "--published", day_only=True)
    with pytest.raises(BadDate, match="after"):
        period("2014", "2013")
    assert (full_day("2014", end=True), full_day("2012-02", end=True)) == ("2014-12-31", "2012-02-29")


def test_a_bare_to_runs_the_dyad_series_to_the_end_of_that_year(demo_run):
    db, _ = demo_run
    result = run_cli("dyad", "USA", "RUS", "--db", db, "--from", "2012", "--to", "2014", "--freq", "month",
                     "--format", "csv")
    assert result.returncode == 0, result.stderr
    periods = sorted({row["period"][:7] for row in csv.DictReader(io.StringIO(result.stdout))})
    assert periods[0] == "2012-01" and periods[-1] == "2014-12" and len(periods) == 36
    march = run_cli("dyad", "USA", "RUS", "--db", db, "--from", "2014-03", "--to", "2014-03", "--freq", "day",
                    "--format", "csv").stdout
    days = [row["period"][:10] for row in csv.DictReader(io.StringIO(march))]
    assert min(days) == "2014-03-01" and max(days) == "2014-03-31"


def test_a_bare_to_ends_the_channel_board_on_the_last_day_of_the_year(demo_run, tmp_path):
    db, _ = demo_run
    result = run_cli("channels", "USA", "RUS", "--db", db, "--from", "2012", "--to", "2014",
                     "--plot", str(tmp_path / "board.svg"))
    assert result.returncode == 0, result.stderr
    assert "2012-01-01 to 2014-12-31" in result.stdout
    assert "Channels of contact, 2012-01-01 to 2014-12-31" in (tmp_path / "board.svg").read_text(encoding="utf-8")


BAD_DATES = ["2013-13", "13/02/2013", "yesterday", "2013-02-30"]
DATE_COMMANDS = [["events"], ["dyad", "USA", "RUS"], ["spirals", "USA", "RUS"], ["reciprocity", "USA", "RUS"],
                 ["channels", "USA", "RUS", "--breadth", "year"], ["export", "out.csv"],
                 ["report", "USA", "RUS", "--out", "b.html"], ["events"]]


@pytest.mark.parametrize("command, bad", [(c, BAD_DATES[i % len(BAD_DATES)]) for i, c in enumerate(DATE_COMMANDS)])
def test_a_bad_date_is_one_line_naming_the_option_and_the_forms(demo_run, tmp_path, command, bad):
    db, _ = demo_run
    result = run_cli(*command, "--db", db, "--from", bad, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--from" in lines[0] and "YYYY, YYYY-MM or YYYY-MM-DD" in lines[0], lines
    assert not list(tmp_path.iterdir())      # nothing written


def test_at_date_and_published_go_through_the_same_parser(tmp_path, db):
    assert run_cli("channels", "USA", "RUS", "--db", db, "--at", "2013-02-30").returncode == 2
    text = tmp_path / "a.txt"
    text.write_text("Russia expelled two American diplomats on Monday.", encoding="utf-8")
    refused = run_cli("ingest", str(text), "--db", db, "--published", "13/02/2013")
    assert refused.returncode == 2 and "--published" in refused.stderr and "YYYY-MM-DD" in refused.stderr


def test_a_channel_status_without_a_real_date_is_refused_and_not_stored(tmp_path):
    db = str(tmp_path / "hand.db")
    result = run_cli("channel-status", "bpc", "suspended", "--date", "next week", "--db", db)
    assert result.returncode == 2 and "--date 'next week' is not a date" in result.stderr
    assert run_cli("channel-status", "bpc", "suspended", "--date", "2014-03", "--db", db).returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("select date from channel_changes").fetchall() == [("2014-03",)]


def test_a_store_holding_a_bad_hand_entry_is_still_read_with_a_warning(demo_run, tmp_path):
    import shutil

    db = str(tmp_path / "old.db")
    shutil.copy(demo_run[0], db)
    with sqlite3.connect(db) as conn:     # as an earlier version let it be stored
        conn.execute("insert into channel_changes (channel_id, date, status, note, entered_at) "
                     "values ('bpc', 'next week', 'suspended', 'typed by hand', '2026-01-01')")
    result = run_cli("channels", "USA", "RUS", "--db", db, "--at", "2013-02-01")
    assert result.returncode == 0, result.stderr
    assert "warning: channel_changes row" in result.stderr and "'next week'" in result.stderr
    assert "bpc-civil-society" in result.stdout
    report = run_cli("report", "USA", "RUS", "--db", db, "--out", str(tmp_path / "b.html"))
    assert report.returncode == 0 and "next week" in report.stderr, report.stderr


def test_the_api_functions_refuse_bad_dates_too(demo_run):
    from detente import api

    with pytest.raises(BadDate, match="date_from"):
        api.events(db=demo_run[0], date_from="2013-13")
    with pytest.raises(BadDate, match="after"):
        api.dyad("USA", "RUS", db=demo_run[0], date_from="2014", date_to="2013")
    spiral = json.loads(run_cli("spirals", "USA", "RUS", "--db", demo_run[0], "--to", "2012-12", "--json").stdout)
    assert spiral and spiral[0]["end"] <= "2012-12-31"
