"""events: acts of force and protest on real parses — two-sided fights, state forces, attacks
with no attacker named (the place of the act as source), a crowd's protest — and the dyadic
record the CLI prints."""

from __future__ import annotations

import json

import pytest

from coding_support import events_dated, triples as _triples
from conftest import run_cli


_events = events_dated("2015-05-12")


# two sides of a fight --------------------------------------------------------------------------
def test_a_clash_is_coded_both_ways(coder):
    events = _events(coder, "Armenian soldiers clashed with Azerbaijani troops on the frontier.")
    assert _triples(events) == [("ARM", "AZE", "19"), ("AZE", "ARM", "19")]
    assert all("both ways" in e["evidence"]["target_rule"] for e in events)


def test_fighting_between_two_sides_is_each_sides_towards_the_other(coder):
    events = _events(coder, "Fighting between Ethiopian troops and Eritrean forces flared along the border.")
    assert _triples(events) == [("ERI", "ETH", "19"), ("ETH", "ERI", "19")]


def test_a_broker_of_a_deal_between_two_states_is_the_only_one_acting(coder):
    events = _events(coder, "Turkey brokered a deal between Georgia and Armenia.")
    assert {e["source_country"] for e in events} == {"TUR"}


def test_a_legal_battle_is_no_act_of_force(coder):
    events = _events(coder, "Poland's legal battle with the European Commission dragged on.")
    assert [e for e in events if e["root"] == "19"] == []


# who uses force ----------------------------------------------------------------------------------
def test_killing_by_a_states_forces_is_conventional_force_and_by_rebels_an_assault(coder):
    troops = _events(coder, "Indian troops killed three Pakistani soldiers in the raid.")
    assert _triples(troops) == [("IND", "PAK", "19")]
    assert "conventional force" in troops[0]["evidence"]["modality_reason"]
    rebels = _events(coder, "Taliban fighters killed three Pakistani soldiers in the raid.")
    assert [(e["target_country"], e["root"]) for e in rebels] == [("PAK", "18")]


@pytest.mark.parametrize("text, expected", [
    # the place is nested in the phrase where the bomb went off
    ("A roadside bomb exploded near an army convoy in the village of Zari, west of Kandahar, "
     "killing four soldiers.", ("AFG", "AFG", "18")),
    # the place qualifies the weapon, and the parse hangs the verb on it
    ("Two car bombs in Mosul killed nine people.", ("IRQ", "IRQ", "18")),
    # an agentless attack as the agent of a passive
    ("An American contractor was killed by a rocket attack on a camp near Kandahar.", ("AFG", "USA", "18")),
])
def test_an_attack_with_no_attacker_named_has_the_place_of_the_act_as_source(coder, text, expected):
    events = _events(coder, text)
    assert _triples(events) == [expected]
    assert events[0]["evidence"]["source_rule"].startswith("no attacker named: the state where it happened")


# protest ---------------------------------------------------------------------------------------
def test_a_crowds_protest_is_a_demonstration_where_it_is_held_and_a_states_a_complaint(coder):
    crowd = _events(coder, "The students protested in Caracas.")
    assert [(e["source"], e["target_country"], e["code"]) for e in crowd] == [("VENCVL", "VEN", "141")]
    assert "a crowd's protest" in crowd[0]["evidence"]["source_rule"]
    marched = _events(coder, "Opposition supporters marched through the streets of Nairobi.")
    assert _triples(marched) == [("KEN", "KEN", "14")]
    state = _events(coder, "China protested to Japan.")
    assert [(e["source"], e["target"], e["code"]) for e in state] == [("CHN", "JPN", "114")]


# the dyadic record -------------------------------------------------------------------------------
def test_extract_prints_events_with_both_sides_known_and_stores_the_rest(tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text(json.dumps({"id": "n1", "published": "2019-10-04", "text":
                                  "Police arrested the protesters. Russian troops shelled Ukrainian positions."}) + "\n")
    db = str(tmp_path / "d.db")
    known = run_cli("extract", str(source), "--db", db, "--format", "jsonl")
    assert known.returncode == 0, known.stderr
    rows = [json.loads(line) for line in known.stdout.splitlines()]
    assert [(r["source_country"], r["target_country"]) for r in rows] == [("RUS", "UKR")]
    assert "1 more with a side of unknown state stored, shown by --sides any" in known.stderr
    every = run_cli("events", "--db", db, "--format", "jsonl", "--sides", "any")
    assert sorted((r["source"], r["target"]) for r in map(json.loads, every.stdout.splitlines())) == \
        [("---COP", "---CVL"), ("RUSMIL", "UKR")]
    listed = run_cli("events", "--db", db, "--format", "jsonl")
    assert len(listed.stdout.splitlines()) == 1 and "both sides known" in listed.stderr


# structure -------------------------------------------------------------------------------------
def test_a_verb_conjoined_to_a_relative_clause_it_cannot_agree_with_takes_no_subject_from_it(coder):
    # the parser hangs "bars" on "accept"; the NGOs accept, the law bars
    events = _events(coder, "The decree suspends Belarusian NGOs that accept foreign money and bars "
                            "Poles from entering Belarus.", "2021-06-01")
    assert [e for e in events if e["source"].endswith("NGO")] == []
