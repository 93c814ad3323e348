"""Channels in time: none is active before it existed or after it ended, a party's exit holds for
its dyads only, an assumed status is shown apart from a recorded one, and the board covers the
dyad's data."""

from __future__ import annotations

import pytest

from conftest import run_cli
from detente.channels import load_registry
from detente.channels import status as channel_status
from detente.periods import full_day


def test_every_channel_in_the_registry_says_when_it_was_established():
    registry = load_registry()
    missing = [c.id for c in registry.channels.values() if not c.established]
    assert not missing, missing
    for channel in registry.channels.values():
        for entry in channel.history:
            assert full_day(str(entry["date"])) >= full_day(channel.established), \
                (channel.id, entry)
        if channel.ended:
            assert all(full_day(str(e["date"])) <= full_day(channel.ended)
                       for e in channel.history), channel.id


def _status(changes, channel_id, date):
    registry = load_registry()
    (state,) = channel_status.status_at([registry.channels[channel_id]], changes, date)
    return state


def test_no_channel_is_active_before_it_existed_or_after_it_ended():
    changes = channel_status.registry_changes(load_registry())
    assert _status(changes, "jcpoa", "2009-06-01").status == channel_status.NOT_ESTABLISHED
    assert _status(changes, "jcpoa", "2016-06-01").status == "active"
    assert _status(changes, "inf-treaty", "1980").status == channel_status.NOT_ESTABLISHED
    assert _status(changes, "inf-treaty", "2020").status == channel_status.ENDED
    assert _status(changes, "new-start-bcc", "2026-06-01").status == channel_status.ENDED


def test_a_partys_exit_closes_the_channel_for_its_dyads_only(demo_run):
    from detente import api

    usa = {s.channel.id: s for s in api.channels("USA", "IRN", db=demo_run[0], at="2019-01-01")}
    rus = {s.channel.id: s for s in api.channels("RUS", "IRN", db=demo_run[0], at="2019-01-01")}
    assert usa["jcpoa"].status == "closed" and "withdrew" in usa["jcpoa"].note
    assert rus["jcpoa"].status == "active"


def test_an_assumed_status_is_not_a_recorded_one():
    changes = channel_status.registry_changes(load_registry())
    assumed = _status(changes, "hotline", "2012-01-01")           # nothing recorded between 1963 and 2013
    assert (assumed.status, assumed.recorded, assumed.basis) == ("active", False, channel_status.ASSUMED)
    assert assumed.label == "active (assumed: no recorded change)" and "established 1963" in assumed.note
    recorded = _status(changes, "hotline", "2014-01-01")           # the cyber link of June 2013
    assert (recorded.status, recorded.recorded) == ("active", True)
    lanes = channel_status.lanes([load_registry().channels["hotline"]], changes, "2012", "2014")
    assert [(lane["status"], lane["recorded"]) for lane in lanes] == [("active", False), ("active", True)]


def test_the_channels_command_on_the_jcpoa_in_2009(demo_run):
    result = run_cli("channels", "USA", "IRN", "--db", demo_run[0], "--at", "2009")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "jcpoa" in line)
    assert "not yet established" in line and "active" not in line


def test_the_board_defaults_to_the_range_of_the_data(demo_run, tmp_path):
    result = run_cli("channels", "USA", "RUS", "--db", demo_run[0], "--plot", str(tmp_path / "board.svg"))
    assert result.returncode == 0, result.stderr
    first, last = result.stdout.strip().rsplit("(USA-RUS, ", 1)[1].rstrip(")").split(" to ")
    assert first.startswith("2008") and last.startswith("2014")   # the demo's chronology, not 1959 to today
    svg = (tmp_path / "board.svg").read_text(encoding="utf-8")
    assert f"Channels of contact, {first} to {last}" in svg
    assert "active (assumed: no recorded change)" in svg and "not yet established" in svg
    breadth = run_cli("channels", "USA", "RUS", "--db", demo_run[0], "--breadth", "year")
    years = [line.split()[0] for line in breadth.stdout.splitlines()[1:]]
    assert years[0] == "2008" and years[-1] == "2014" and "assumed" in breadth.stdout.splitlines()[0]


@pytest.mark.parametrize("bad, message", [
    ({"established": "1990-13"}, "is not a date"),
    ({"history": [{"date": "2010", "status": "open"}]}, "history status"),
    ({"history": [{"date": "2010", "status": "closed", "party": "FRA"}]}, "not a party"),
    ({"established": "2010", "ended": "2009"}, "before it is established"),
    ({"established": "2011", "history": [{"date": "2008-09-08", "status": "suspended"}]}, "outside its life"),
])
def test_a_registry_entry_with_bad_dates_or_states_is_refused_naming_it(tmp_path, bad, message):
    import yaml

    entry = {"id": "talks", "name": "Talks", "parties": ["USA", "RUS"], "level": "ministerial", **bad}
    path = tmp_path / "channels.yaml"
    path.write_text(yaml.safe_dump({"channels": [entry]}), encoding="utf-8")
    with pytest.raises(ValueError, match=message) as refused:
        load_registry(str(path))
    assert "'talks'" in str(refused.value)
