"""Relations analysis: dyad series and change points, spirals, channel status and breadth, and
the commands over them, on hand-made events, on the coded demo chronology and on imported data."""

from __future__ import annotations

import datetime as dt
import json
import random

import pandas as pd
import pytest

from conftest import run_cli
from detente.analysis.series import change_points, dyad_series
from detente.analysis.spirals import spirals
from detente.channels import load_registry
from detente.channels import status as channel_status
from detente.events.codes import describe
from detente.interchange import read_events


def _event(i, source, target, date, code="163", quad=4, goldstein=-8.0, plover="SANCTION", sentence=""):
    return {"event_id": f"e{i}", "source_country": source, "target_country": target, "source": source,
            "target": target, "date": date, "code": code, "quad_class": quad, "goldstein": goldstein,
            "plover": plover, "sentence": sentence or f"event {i}", "doc_id": "d", "sentence_index": i,
            "modality": "asserted"}


# dyad series -----------------------------------------------------------------------------------
def test_dyad_series_counts_weighs_and_fills_both_directions():
    events = [_event(1, "USA", "RUS", "2014-03-17"),
              _event(2, "USA", "RUS", "2014-03-20", code="042", quad=1, goldstein=1.9, plover="CONSULT"),
              _event(3, "RUS", "USA", "2014-05-02", code="172", quad=4, goldstein=-5.0),
              _event(4, "RUS", "USA", "2014-05", code="111", quad=3, goldstein=-2.0),   # month only
              _event(5, "USA", "UKR", "2014-03-01")]                                  # another dyad
    monthly = dyad_series(events, "USA", "RUS", "month")
    march = monthly[(monthly.direction == "USA->RUS") & (monthly.period == pd.Timestamp("2014-03-01"))].iloc[0]
    assert (march.n, march.q1, march.q4, march.net_cooperation) == (2, 1, 1, 0)
    assert march.weight_sum == pytest.approx(-6.1) and march.weight_mean == pytest.approx(-3.05)
    april = monthly[(monthly.direction == "RUS->USA") & (monthly.period == pd.Timestamp("2014-04-01"))].iloc[0]
    assert (april.n, april.weight_sum) == (0, 0.0)  # an empty month between events is filled
    may = monthly[(monthly.direction == "RUS->USA") & (monthly.period == pd.Timestamp("2014-05-01"))].iloc[0]
    assert (may.n, may.q3, may.q4) == (2, 1, 1)     # the month-precise event counts in a monthly series
    assert march.event_ids == ["e1", "e2"]          # every number traceable to its events
    weekly = dyad_series(events, "USA", "RUS", "week")
    assert weekly.attrs["left_out"] == 1 and weekly["n"].sum() == 3


def test_the_weight_scale_is_switchable():
    events = [_event(1, "USA", "RUS", "2014-03-04", code="164", goldstein=-7.0, plover="SANCTION")]
    weights = {scale: dyad_series(events, "USA", "RUS", "month", scale)["weight_sum"].min()
               for scale in ("goldstein-gdelt", "goldstein-icews", "plover")}
    assert weights == {"goldstein-gdelt": -7.0, "goldstein-icews": -6.5, "plover": -5.2}
    with pytest.raises(ValueError, match="frequency"):
        dyad_series(events, "USA", "RUS", "fortnight")


def test_change_points_find_the_turn_and_rank_the_fall():
    rng = random.Random(3)
    events, i = [], 0
    for month in range(36):
        day = dt.date(2010 + month // 12, month % 12 + 1, 10).isoformat()
        for _ in range(4):
            hostile = month >= 24
            events.append(_event(i, "USA", "RUS", day, code="163" if hostile else "057", quad=4 if hostile else 1,
                                 goldstein=(-8.0 if hostile else 8.0) + rng.uniform(-1, 1)))
            i += 1
    series = dyad_series(events, "USA", "RUS", "month")
    (turn,) = [p for p in change_points(series, "weight_sum") if p.direction == "USA->RUS"]
    assert turn.period == pd.Timestamp("2012-01-01") and turn.shift < -50 and turn.measure == "weight_sum"
    assert turn.rank == 1 and turn.steepest_fall_since is None
    (net,) = [p for p in change_points(series) if p.direction == "USA->RUS"]   # what the timeline draws
    assert net.period == pd.Timestamp("2012-01-01") and (net.before, net.after) == (4.0, -4.0)
    assert net.measure == "net_cooperation"


# spirals ---------------------------------------------------------------------------------------
def test_a_spiral_alternates_within_the_window_and_breaks_after_it():
    events = [_event(1, "USA", "RUS", "2012-12-14"),                       # Magnitsky-like
              _event(2, "RUS", "USA", "2012-12-28", code="172"),           # answered within the window
              _event(3, "RUS", "USA", "2013-01-01", code="160"),           # the same side again: one move
              _event(4, "USA", "RUS", "2013-01-25", code="160"),           # answered back
              _event(5, "USA", "RUS", "2013-02-10", code="042", quad=1),   # cooperation is no move
              _event(6, "RUS", "USA", "2013-09-01", code="172"),           # long after: a new start
              _event(7, "USA", "RUS", "2013-12-01", code="172")]           # answer beyond 60 days
    (spiral,) = spirals(events, "USA", "RUS")
    assert [len(m.events) for m in spiral.moves] == [1, 2, 1] and spiral.turns == 2
    assert (spiral.start, spiral.end) == ("2012-12-14", "2013-01-25")
    assert len(spirals(events, "USA", "RUS", window_days=120)) == 2
    assert json.loads(json.dumps(spiral.to_dict()))["moves"][1]["events"][0]["sentence"] == "event 2"


# channels --------------------------------------------------------------------------------------
def test_events_naming_a_channel_change_its_status_and_a_hand_entry_has_the_last_word():
    registry = load_registry()
    withdrew = dict(_event(1, "USA", "RUS", "2013-01-25", code="160", quad=4, goldstein=-4.0),
                    sentence="The United States withdrew from the civil society working group of the "
                             "Bilateral Presidential Commission.", trigger_text="withdrew", trigger_start=18,
                    char_start=0)
    met = dict(_event(2, "USA", "RUS", "2014-05-01", code="040", quad=1, goldstein=1.0),
               sentence="Officials met in the civil society working group.", trigger_text="met",
               trigger_start=10, char_start=0)
    elsewhere = dict(_event(3, "USA", "CHN", "2013-02-01", code="160", quad=4, goldstein=-4.0),
                     sentence="Washington withdrew from the civil society working group talks with Beijing.",
                     trigger_text="withdrew", trigger_start=11, char_start=0)
    changes = channel_status.event_changes(registry, [withdrew, met, elsewhere])
    assert [(c.channel_id, c.status, c.event_id) for c in changes] == \
        [("bpc-civil-society", "closed", "e1"), ("bpc-civil-society", "active", "e2")]
    channels = channel_status.dyad_channels(registry, "USA", "RUS")
    by_id = {s.channel.id: s for s in channel_status.status_at(channels, changes, "2013-01-20")}
    assert by_id["bpc-civil-society"].status == "active"
    assert by_id["bpc"].status == "active"   # the commission named as the group's home is not closed
    # the registry ends the group the day the United States left it: ended, dated from the event
    ended = {s.channel.id: s for s in channel_status.status_at(channels, changes, "2013-06-01")}
    assert (ended["bpc-civil-society"].status, ended["bpc-civil-society"].event_id) == (channel_status.ENDED, "e1")
    hand = channel_status.hand_change("bpc-health", "suspended", "2013-05-01", "analyst")
    later = {s.channel.id: s for s in channel_status.status_at(channels, [*changes, hand], "2013-06")}
    assert (later["bpc-health"].status, later["bpc-health"].basis) == ("suspended", "hand")
    assert {s.channel.id: s.status for s in channel_status.status_at(channels, [], "2008-01-01")}["bpc"] \
        == channel_status.NOT_ESTABLISHED
    with pytest.raises(ValueError, match="status"):
        channel_status.hand_change("bpc", "open", "2014-01-01")


def test_breadth_counts_active_channels_per_level():
    registry = load_registry()
    channels = channel_status.dyad_channels(registry, "USA", "RUS")
    recorded = channel_status.registry_changes(registry)
    closed = channel_status.hand_change("bpc-health", "closed", "2013-03-01")
    (without,) = channel_status.breadth(channels, recorded, ["2013-12-31"])
    (with_closure,) = channel_status.breadth(channels, [*recorded, closed], ["2013-12-31"])
    assert without["working_level"] - with_closure["working_level"] == 1
    assert without["total"] - with_closure["total"] == 1
    # a channel with no recorded change is open by assumption only, and counted as such
    assert 0 < without["assumed"] < without["total"]


# the commands, on the coded demo chronology -----------------------------------------------------
def test_channels_on_the_demo_show_the_doors_seed_2013_says_were_shut(demo_run):
    db, _ = demo_run
    result = run_cli("channels", "USA", "RUS", "--at", "2013-02-01", "--db", db, "--events")
    assert result.returncode == 0, result.stderr
    status = {line.split()[1]: line.split()[2] for line in result.stdout.splitlines()[1:]
              if line.startswith("  ") and len(line.split()) > 2}
    # the doors the op-ed names: two closed by events, two ended (the registry's end dates)
    assert {shut: status[shut] for shut in ("bpc-civil-society", "nunn-lugar", "usaid-russia", "adoption-agreement")} \
        == {"bpc-civil-society": "ended", "nunn-lugar": "closed", "usaid-russia": "ended", "adoption-agreement": "closed"}
    for still_open in ("bpc", "congress-duma", "new-start-bcc", "us-russia-summits", "visa-regime",
                       "exchange-programmes", "mil-to-mil", "bpc-health"):
        assert status[still_open] == "active", still_open
    assert "withdrew from the civil society working group" in result.stdout  # traced to its event
    # an active status no record sets is printed apart from the recorded ones
    recorded, assumed = result.stdout.split("assumed active (no recorded change")
    assert "congress-duma" in assumed and "congress-duma" not in recorded
    assert "inf-treaty" in assumed            # in force since 1988, nothing recorded until 2019
    assert "visa-regime" in recorded and "visa-regime" not in assumed


def test_spirals_on_the_demo_find_the_magnitsky_act_and_the_adoption_ban(demo_run):
    db, _ = demo_run
    result = run_cli("spirals", "USA", "RUS", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    chain = next(s for s in found if s["start"].startswith("2012-12"))
    first, answer = chain["moves"][0], chain["moves"][1]
    assert (first["source"], answer["source"]) == ("USA", "RUS")
    assert "Magnitsky Act" in first["events"][0]["sentence"]
    assert any("adopting" in e["sentence"] for e in answer["events"])


def test_dyad_on_the_demo_lists_its_events_and_draws_the_timeline(demo_run, tmp_path):
    db, _ = demo_run
    plot = tmp_path / "dyad.svg"
    result = run_cli("dyad", "USA", "RUS", "--db", db, "--freq", "year", "--changes", "--events",
                     "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    assert "2014       USA->RUS" in result.stdout and "change points" in result.stdout
    assert "Magnitsky Act" in result.stdout       # --events: the sentences behind the numbers
    assert plot.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    csv_out = run_cli("dyad", "USA", "RUS", "--db", db, "--freq", "year", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "period,direction,n,q1,q2,q3,q4,weight_sum,weight_mean,net_cooperation,event_ids"
    refused = run_cli("dyad", "USA", "USA", "--db", db)
    assert refused.returncode != 0 and "must differ" in refused.stderr


# imported event data ---------------------------------------------------------------------------
def _gdelt_file(path, weeks=260, lag=1, seed=11):
    """A GDELT 2.0 export where Russia mostly answers a US act one week later in kind."""
    from detente.interchange import write_events

    rng = random.Random(seed)
    start = dt.date(2010, 1, 4)
    events, i = [], 0
    kinds = {True: ("163", 4, -8.0), False: ("057", 1, 8.0)}
    for week in range(weeks):
        acts = []
        if rng.random() < 0.5:
            hostile = rng.random() < 0.5
            acts.append(("USA", "RUS", 0, hostile))
            if rng.random() < 0.8:                      # mostly answered in kind, a week later
                acts.append(("RUS", "USA", lag, hostile))
        if rng.random() < 0.2:                          # and some acts of Russia's own
            acts.append(("RUS", "USA", 0, rng.random() < 0.5))
        for source, target, offset, hostile in acts:
            code, quad, weight = kinds[hostile]
            day = (start + dt.timedelta(weeks=week + offset, days=rng.randrange(5))).isoformat()
            events.append({**_event(i, source, target, day, code=code, quad=quad, goldstein=weight),
                           "event_id": f"gdelt:{100000 + i}", "root": code[:2]})
            i += 1
    write_events(events, path, "csv", "gdelt")
    return len(events)


def test_imported_gdelt_data_runs_reciprocity_end_to_end(tmp_path, db):
    source = tmp_path / "20100104.export.CSV"
    n = _gdelt_file(source)
    imported = run_cli("import", str(source), "--format", "gdelt", "--db", db)
    assert imported.returncode == 0, imported.stderr
    assert f"{n} event(s) read" in imported.stdout and f"{n} new" in imported.stdout
    again = run_cli("import", str(source), "--format", "gdelt", "--db", db)
    assert "0 new" in again.stdout
    result = run_cli("reciprocity", "USA", "RUS", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    fitted = json.loads(result.stdout)
    assert fitted["weeks"] >= 200 and fitted["lag_order"] >= 1
    forward = next(g for g in fitted["granger"] if g["cause"] == "USA->RUS")
    backward = next(g for g in fitted["granger"] if g["cause"] == "RUS->USA")
    assert forward["p_value"] < 0.01 < backward["p_value"]
    week1 = next(r for r in fitted["irf"] if r["impulse"] == "USA->RUS" and r["response"] == "RUS->USA"
                 and r["week"] == 1)
    assert week1["value"] < 0 and week1["upper"] < 0   # a hostile shock is answered in kind a week later
    text = run_cli("reciprocity", "USA", "RUS", "--db", db).stdout
    assert "Granger" in text and "Response of RUS->USA to a one-point hostile shock" in text


def test_reciprocity_refuses_too_little_data_with_how_much_is_needed(tmp_path, db):
    source = tmp_path / "20100104.export.CSV"
    _gdelt_file(source, weeks=30)
    run_cli("import", str(source), "--format", "gdelt", "--db", db)
    result = run_cli("reciprocity", "USA", "RUS", "--db", db)
    assert result.returncode != 0 and "at least 52" in result.stderr


def test_export_writes_each_style_and_the_gdelt_style_reads_back(tmp_path, db):
    source = tmp_path / "20100104.export.CSV"
    _gdelt_file(source, weeks=20)
    run_cli("import", str(source), "--format", "gdelt", "--db", db)
    written = {}
    for name, style in (("all.parquet", "detente"), ("plover.jsonl", "plover"), ("gdelt.csv", "gdelt")):
        result = run_cli("export", str(tmp_path / name), "--db", db, "--style", style, "--dyad", "USA-RUS")
        assert result.returncode == 0, result.stderr
        written[style] = int(result.stdout.split()[0])
    assert len(set(written.values())) == 1 and written["detente"] > 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "all.parquet").num_rows == written["detente"]
    kinds = {describe("163").plover, describe("057").plover}
    assert {json.loads(line)["Event Type"] for line in (tmp_path / "plover.jsonl").read_text().splitlines()} == kinds
    assert len(list(read_events(tmp_path / "gdelt.csv", "gdelt"))) == written["gdelt"]
    refused = run_cli("export", str(tmp_path / "out.xlsx"), "--db", db)
    assert refused.returncode != 0 and ".parquet" in refused.stderr


def test_a_channel_status_entered_by_hand_shows_in_channels(demo_run, tmp_path):
    import shutil

    db = str(tmp_path / "copy.db")
    shutil.copy(demo_run[0], db)
    entered = run_cli("channel-status", "congress-duma", "suspended", "--date", "2012-06-01",
                      "--note", "no meeting since 2011", "--db", db)
    assert entered.returncode == 0, entered.stderr
    shown = run_cli("channels", "USA", "RUS", "--at", "2013-02-01", "--db", db).stdout
    line = next(x for x in shown.splitlines() if "congress-duma" in x)
    assert "suspended" in line and "hand" in line
    unknown = run_cli("channel-status", "no-such-channel", "closed", "--date", "2013-01-01", "--db", db)
    assert unknown.returncode != 0 and "no channel" in unknown.stderr
