"""actors: the knowledge base as data and resolution in context, on real parses."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from detente.actors import load_knowledge_base
from detente.actors.knowledge import DATA_DIR
from detente.datafile import load_yaml

G20_STATES = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
              "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
OFFICES = ["head_of_state", "foreign_minister", "defence_minister"]


def _subject(coder, text, date):
    doc = coder.nlp(text)
    ctx = coder.resolver.context(doc, date)
    subject = next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))
    return [a.code for a in coder.resolver.actors_of(subject, ctx)]


@pytest.mark.parametrize("text, date, expected", [
    ("The Russian president criticised the plan.", "2013-05-01", ["RUSGOV"]),
    ("President Medvedev criticised the plan.", "2010-05-01", ["RUSGOV"]),
    ("Medvedev criticised the plan.", "2020-05-01", ["RUSGOV"]),
    ("The Kremlin criticised the plan.", "2013-05-01", ["RUSGOV"]),
    ("US lawmakers criticised the plan.", "2013-05-01", ["USALEG"]),
    ("The Pentagon criticised the plan.", "2013-05-01", ["USAMIL"]),
    ("Russian troops crossed the border.", "2014-03-01", ["RUSMIL"]),
    ("Kiev criticised the plan.", "2014-03-01", ["UKRGOV"]),
    ("Kyiv criticised the plan.", "2022-03-01", ["UKRGOV"]),
    ("The Obama administration criticised the plan.", "2013-05-01", ["USAGOV"]),
    ("The State Duma criticised the plan.", "2013-05-01", ["RUSLEG"]),
    ("NATO criticised the plan.", "2013-05-01", ["NATO"]),
    ("Germany, France and Britain criticised the plan.", "2013-05-01", ["DEU", "FRA", "GBR"]),
    ("U.S. and Russian officials criticised the plan.", "2013-05-01", ["USAGOV", "RUSGOV"]),
    ("The leaders of Russia and Ukraine criticised the plan.", "2015-02-12", ["RUSGOV", "UKRGOV"]),
    ("Officials in Moscow criticised the plan.", "2015-02-12", ["RUSGOV"]),
    ("The US commander in Iraq criticised the plan.", "2015-02-12", ["USAMIL"]),
    # a body whose sector changed is read on the date: the Taliban rebels, then the government
    ("The Taliban criticised the plan.", "2004-06-01", ["AFGREB"]),
    ("The Taliban criticised the plan.", "1999-06-01", ["AFGGOV"]),
    ("The Taliban criticised the plan.", "2022-06-01", ["AFGGOV"]),
    # the leader of a party is of the party; large companies are of their home state
    ("The leader of a Kenyan opposition party criticised the plan.", "2015-02-12", ["KENOPP"]),
    ("Toyota Motor criticised the plan.", "2015-02-12", ["JPNBUS"]),
    ("Gazprom criticised the plan.", "2015-02-12", ["RUSBUS"]),
    # a generic group head takes its modifier's sector
    ("A Kenyan police unit criticised the plan.", "2015-02-12", ["KENCOP"]),
    ("A police unit criticised the plan.", "2015-02-12", ["---COP"]),
])
def test_mentions_resolve_in_context(coder, text, date, expected):
    assert _subject(coder, text, date) == expected


def test_a_person_resolves_to_the_office_held_on_the_date():
    kb = load_knowledge_base()
    putin = next(s for s in kb.senses("Putin") if s.kind == "person")
    assert putin.at("2010-06-01").country == "RUS"
    roles = {t.role for t in putin.terms if t.covers("2010-06-01")}
    assert roles == {"head_of_government"}
    assert {t.role for t in putin.terms if t.covers("2013-06-01")} == {"head_of_state"}


def test_every_un_member_and_the_main_igos_are_known():
    states = load_yaml((DATA_DIR / "states.yaml").read_text(encoding="utf-8"))
    un_members = [s for s in states if s.get("un_member", True) and not s.get("historical")]
    assert len(un_members) == 193
    igos = {i["code"] for i in load_yaml((DATA_DIR / "igos.yaml").read_text(encoding="utf-8"))}
    assert {"EU", "NATO", "UN", "OSCE", "IAEA", "WTO", "G7", "G8", "G20", "ASEAN", "AU", "CSTO", "OPEC"} <= igos


def test_office_holders_cover_the_g20_ukraine_and_iran_since_2000():
    """Checked on the 1st and 15th of every month: no office may stand empty for ten weeks or more
    (shorter gaps are real vacancies between a dismissal and a successor's appointment)."""
    with open(DATA_DIR / "officeholders.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    days = [dt.date(y, m, d).isoformat() for y in range(2001, 2026) for m in range(1, 13) for d in (1, 15)]
    gaps = []
    for country in G20_STATES + ["UKR", "IRN"]:
        for office in OFFICES:
            terms = [(r["start"], (r["end"] or "9999") + "-99") for r in rows
                     if r["country"] == country and r["role"] == office]
            empty = [not any(start <= day <= end for start, end in terms) for day in days]
            gaps += [(country, office, days[i]) for i in range(len(days) - 4) if all(empty[i:i + 5])]
    assert not gaps, f"offices empty for ten weeks or more: {gaps[:10]}"


def test_ambiguous_state_names_are_flagged():
    states = {s["code"]: s for s in load_yaml((DATA_DIR / "states.yaml").read_text(encoding="utf-8"))}
    for code in ("GEO", "JOR", "TCD", "TUR"):
        assert states[code].get("ambiguous"), code


def test_office_holders_before_2000_are_known_with_the_state_of_their_day(coder):
    events = [e for e in coder.code_text("Gorbachev met Reagan in Reykjavik.", "1986-10-11", "t")
              if e["modality"] == "asserted"]
    assert sorted((e["source"], e["target"]) for e in events) == [("USAGOV", "USRGOV"), ("USRGOV", "USAGOV")]


@pytest.mark.parametrize("text, actor", [
    ("Police in Uttar Pradesh arrested ten protesters.", "INDCOP"),
    ("The Sao Paulo state government condemned the attack on a police station.", "BRAGOV"),
])
def test_a_province_or_city_stands_for_its_state(coder, text, actor):
    events = coder.code_text(text, "2015-06-15", "t")
    assert actor in {e["source"] for e in events}
