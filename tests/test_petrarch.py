"""Migrating from PETRARCH: its actor/agent dictionaries imported, its unit-test records scored.

The dictionaries and records are read from the shared folder (PETRARCH2's validation suite,
fictional states: Arnor = ARN, Gondor = GON, ...), never copied into the repository.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict

from conftest import BENCHMARKS, need, run_cli
from detente import api
from detente.actors.knowledge import case_forms, extend_knowledge_base, load_knowledge_base
from detente.actors.petrarch import parse_actors, parse_agents, read_dictionary
from detente.evaluation_petrarch import read_records, score_records

PETRARCH = BENCHMARKS / "external" / "petrarch2"
ACTORS = PETRARCH / "PETR.Validate.actors.txt"
AGENTS = PETRARCH / "PETR.Validate.agents.txt"
RECORDS = PETRARCH / "PETR.UnitTest.records.xml"


def _codes(result, surface: str) -> list[tuple[str, str, str]]:
    return [(n.code, n.start, n.end) for n in result.names if n.surface == surface]


# the dictionary format ---------------------------------------------------------------------------
def test_the_shared_actor_dictionary_parses_whole():
    result = read_dictionary(need(ACTORS))
    assert result.rejections == []
    assert result.entries == 128 and len(result.names) == 180
    assert _codes(result, "ARNOR") == [("ARN", "", "")]          # "ARNOR_": trailing underscore
    assert _codes(result, "MINAS TIRITH") == [("GON", "", "")]   # "+MINAS_TIRITH" synonym of GONDOR
    assert _codes(result, "PALESTINIAN")[0][0] == "PSE"          # "[pse]"
    assert _codes(result, "ENT") == [("ENT", "", "")]            # code on the next, indented line
    assert [c for c, _, _ in _codes(result, "LORIEN")] == ["ELR", "GAL"]   # "[ELR/GAL]"
    # GOLLUM: no default, three dated codes, six-digit dates; "<" ends the day before, ">" starts the day after
    assert _codes(result, "SMEAGOL") == [("HOB", "0001-01-01", "1995-05-31"),
                                         ("HOBGOV", "1995-06-01", "1999-08-15"),
                                         ("HOBREB", "1999-08-17", "")]
    interpol = [n for n in result.names if n.surface == "INTERPOL"]
    assert [(n.country, n.sector) for n in interpol] == [("IGO", "COPITP")]


def test_date_forms_and_bad_lines_are_reported_with_their_line():
    text = "\n".join([
        "<!-- a comment",
        "   over two lines -->",
        "FOO_BAR  [ABC] # a comment",
        "+FOO_B",
        "\t[ABCGOV 250101-20260115]   # two-digit 25 is 2025",
        "\t[ABCREB >790606]",
        "\t[XY]",
        "\t[ABC <991301]",
        "+",
        "NO_CODE",
        "BROKEN [ABCD",
        "+BROKEN_SYNONYM",
        "LAST [DEF]",
    ])
    result = parse_actors(text, "dict.txt")
    assert _codes(result, "FOO B") == [("ABCGOV", "2025-01-01", "2026-01-15"),
                                       ("ABCREB", "1979-06-07", ""), ("ABC", "", "")]
    assert _codes(result, "LAST") == [("DEF", "", "")]
    assert not _codes(result, "BROKEN SYNONYM")
    assert [str(r) for r in result.rejections] == [
        "dict.txt:7: not an actor code: 'XY'",
        "dict.txt:8: not a date: '19991301'",
        "dict.txt:9: empty synonym",
        "dict.txt:10: entry 'NO CODE' has no code",
        "dict.txt:11: '[' without a closing ']'",
    ]


def test_the_shared_agent_dictionary_gives_role_words_with_plurals():
    result = read_dictionary(need(AGENTS), "petrarch-agents")
    assert result.rejections == []
    sectors = {n.surface: n.sector for n in result.names}
    assert sectors["FOREIGN MINISTER"] == "GOVFRM" and sectors["FOREIGN MINISTERS"] == "GOVFRM"
    assert sectors["GOLDEN GEESE"] == "GGS"                       # plural given in braces
    assert "TROOPSS" not in sectors and sectors["TROOPS"] == "MIL"  # "{}": no plural
    assert sectors["MINISTRY OF SILLY WALKS"] == "GOV"            # !MINST! substitution set
    assert sectors["CONGRESSWOMEN"] == "LEG" and sectors["HUMAN RIGHTS BODY"] == "NGO"
    bad = parse_agents("!X! = A, B\nNOCODE\n!Y!_THING [~GOV]\n", "agents.txt")
    assert [str(r) for r in bad.rejections] == ["agents.txt:2: agent without a code",
                                                "agents.txt:3: substitution marker !Y! is not defined"]


# the knowledge base ------------------------------------------------------------------------------
def test_imported_names_extend_a_copy_of_the_knowledge_base():
    rows = [asdict(n) for n in read_dictionary(need(ACTORS)).names]
    base = load_knowledge_base()
    kb = extend_knowledge_base(base, rows)
    assert "Arnor" not in base.surfaces and base is load_knowledge_base()
    assert kb.digest != base.digest and extend_knowledge_base(base, rows[:-1]).digest != kb.digest
    # the copy keeps which codes are states and which sectors are the state's, that rules read
    assert "KEN" in kb.states and kb.states == base.states and kb.state_sectors == base.state_sectors >= {"GOV", "MIL"}
    for form in ("Arnor", "ARNOR", "Minas Tirith", "Prince of Dol Amroth", "Shire"):
        assert kb.senses(form), form
    assert case_forms("AL-QAEDA") == ["AL-QAEDA", "Al-Qaeda"]
    (gollum,) = kb.senses("Gollum")
    assert [gollum.at(d).country + gollum.at(d).sector for d in ("1990-01-01", "1996-05-01", "2003-01-01")] \
        == ["HOB", "HOBGOV", "HOBREB"]
    (prince,) = kb.senses("Prince of Dol Amroth")
    assert prince.at("1995-06-29").country == "---" and prince.at("1995-06-30").country == "DOL"
    (sam,) = kb.senses("Sam Gamgee")   # the first matching dated code wins, in dictionary order
    assert [sam.at(d).country + sam.at(d).sector for d in ("2010-01-10", "2011-01-01", "2014-01-01")] \
        == ["ORCHOB", "HOBMIL", "HOBELI"]


# the command line and extraction -----------------------------------------------------------------
def test_cli_imports_a_dictionary_once_and_lists_it(db):
    first = run_cli("actors", "import", str(need(ACTORS)), "--format", "petrarch", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "180 names loaded" in first.stdout and "180 new" in first.stdout
    second = run_cli("actors", "import", str(ACTORS), "--db", db)
    assert second.returncode == 0 and "0 new, 180 already imported" in second.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM imported_actors").fetchone() == (180,)
        assert conn.execute("SELECT country, sector FROM imported_actors WHERE surface = 'ARNOR'").fetchall() \
            == [("ARN", "")]
    listing = run_cli("actors", "list", "--db", db)
    assert listing.returncode == 0 and "GONDOR" in listing.stdout and "HOBREB" in listing.stdout


def test_cli_names_rejected_lines_and_exits_3(tmp_path, db):
    dictionary = tmp_path / "mine.actors.txt"
    dictionary.write_text("KEEP_ME [KMP]\nBAD_DATE\n\t[KMPGOV 20201340-20211231]\n", encoding="utf-8")
    result = run_cli("actors", "import", str(dictionary), "--db", db)
    assert result.returncode == 3
    assert f"{dictionary}:3: not a date: '20201340'" in result.stderr
    assert "Traceback" not in result.stderr and "1 new" in result.stdout
    missing = run_cli("actors", "import", str(tmp_path / "absent.txt"), "--db", db)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr


def test_extract_codes_fictional_states_once_their_dictionary_is_imported(tmp_path, db):
    source = tmp_path / "briefs.jsonl"
    lines = [{"id": "b1", "published": "1996-03-04", "text": "Arnor imposed sanctions on Gondor on Monday."},
             {"id": "b2", "published": "1996-03-04", "text": "Gollum expelled two diplomats from Mordor."},
             {"id": "b3", "published": "2003-03-04", "text": "Gollum expelled two diplomats from Mordor."}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    before = api.extract([str(source)], db=db, progress=False)
    assert not [e for e in before.events if e["source_country"] == "ARN"]
    api.import_actors(str(need(ACTORS)), "petrarch", db)
    after = api.extract([str(source)], db=db, progress=False)
    assert after.run_id != before.run_id and after.coded == 3   # a new import is a new coder run
    found = {(e["doc_id"], e["source"], e["target"], e["code"][:2]) for e in after.events}
    assert ("b1", "ARN", "GON", "16") in found
    by_doc = {e["doc_id"]: e for e in after.events}
    assert by_doc["b2"]["source"] == "HOBGOV" and by_doc["b3"]["source"] == "HOBREB"   # dated roles
    assert by_doc["b2"]["target_country"] == "MOR"


# the unit-test records ---------------------------------------------------------------------------
def test_records_parse_with_their_expected_codings():
    records = read_records(need(RECORDS))
    assert len(records) == 284
    assert len({r.id for r in records}) == 284 and "AGENTS-18#2" in {r.id for r in records}
    first = records[0]
    assert (first.id, first.date, first.text[:24]) == ("DEMO-00", "1995-01-01", "Arnor is about to restor")
    assert [(c.source, c.target, c.code) for c in first.codings] == [("ARN", "GON", "064")]
    assert sum(r.expects_events for r in records) == 257
    assert {r.empty_because.split(":")[0] for r in records if not r.expects_events} == \
        {"noevents", "error", "no coding given"}


def test_pair_scoring_counts_country_parts_and_full_codes():
    records = read_records(need(RECORDS))[:3]          # DEMO-00, DEMO-01, DEMO-02
    event = {"doc_id": "DEMO-02", "source": "DAG", "target": "GON", "code": "042"}
    result = score_records(records, [event, dict(event, doc_id="DEMO-00", source="GON", target="ARN")])
    assert result["expected_pairs"] == 4 and result["pairs_found"] == 1
    assert result["pair_recall"] == 0.25 and result["pair_precision"] == 0.5
    assert result["full_code_pair_recall"] == 0.0          # DAG is not DAGGOV
    assert result["root_agreement"] == 0.0                 # 042 against the expected 032
    assert result["misses"][0] == {"id": "DEMO-00", "source": "ARN", "target": "GON"}


def test_evaluate_petrarch_on_the_shared_suite():
    result = run_cli("evaluate-petrarch", str(need(RECORDS)), "--actors", str(ACTORS),
                     "--agents", str(AGENTS), "--json")
    assert result.returncode == 0, result.stderr
    r = json.loads(result.stdout)
    assert (r["records"], r["records_with_codings"], r["no_event_records"]) == (284, 257, 27)
    assert r["imported"] == {"petrarch": {"names": 180, "added": 180},
                             "petrarch-agents": {"names": 174, "added": 174}}
    for key in ("pair_recall", "pair_precision", "full_code_pair_recall", "full_code_pair_precision",
                "root_agreement", "actor_recall"):
        assert 0.0 <= r[key] <= 1.0, key
    # measured when written: pair recall 0.125, precision 0.60, actor recall 0.98, 26/27 empty
    assert r["pair_recall"] >= 0.09 and r["pair_precision"] >= 0.45
    assert r["full_code_pair_recall"] <= r["pair_recall"]
    assert r["actor_recall"] >= 0.9
    assert r["no_event_records_empty"] >= 20
    assert r["pairs_found"] == r["expected_pairs"] - len(r["misses"])
