"""interchange on real published files (../shared/benchmarks/external/event-data, see its
README for the counts): GDELT 1.0 files mixing the 57- and 58-column layouts, a GDELT 2.0
export, the ICEWS sample of the R ``icews`` package. Organisations become detente's codes, ICEWS
sectors are kept, skipped lines are counted with their line and reason, and a PLOVER-style
export reads back as POLECAT. Tests skip when the shared folder is absent."""

from __future__ import annotations

import csv
import json
import math
from collections import Counter

import pytest

from conftest import BENCHMARKS, ROOT, need
from detente.actors.knowledge import DATA_DIR as KB_DIR
from detente.datafile import load_yaml
from detente.interchange import read_events, write_events

EVENT_DATA = BENCHMARKS / "external" / "event-data"
GDELT1_MIXED = EVENT_DATA / "gdelt1_mixed_layouts.tsv"
GDELT1_DAILY = EVENT_DATA / "gdelt1_daily_20160728.tsv"
GDELT1_HISTORICAL = EVENT_DATA / "gdelt1_historical_1982.tsv"
GDELT2 = EVENT_DATA / "20191024143000.export.CSV"
ICEWS = EVENT_DATA / "events.2018.sample.tab"
TABLES = ROOT / "detente" / "interchange" / "data"
SIDES = ("source", "target")


def events_of(path, fmt) -> list[dict]:
    return list(read_events(need(path), fmt))


def sides(events, key="country"):
    """(event, side, value of source_/target_<key>) for both actors of every event."""
    for event in events:
        for side in SIDES:
            yield event, side, event[f"{side}_{key}" if key else side]


def icews_rows() -> list[dict]:
    with open(need(ICEWS), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def gdelt_raw_actors(path) -> dict[str, dict[str, tuple[str, str]]]:
    """GLOBALEVENTID -> {'source'|'target': (ActorNCode, ActorNCountryCode)} as the file has them
    (the actor columns sit at the same place in the 57, 58 and 61 column layouts)."""
    actors = {}
    for line in need(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        actors[f"gdelt:{fields[0]}"] = {"source": (fields[5], fields[7]),
                                       "target": (fields[15], fields[17])}
    return actors


def organisation_codes() -> set[str]:
    return {entry["code"] for entry in load_yaml((KB_DIR / "igos.yaml").read_text(encoding="utf-8"))}


def sector_codes() -> set[str]:
    return set(load_yaml((KB_DIR / "sectors.yaml").read_text(encoding="utf-8")))


def read_table(name: str) -> list[dict]:
    """A mapping table of detente/interchange/data, its '#' lines skipped."""
    lines = [line for line in (TABLES / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


# GDELT 1.0: one file, two layouts ------------------------------------------------------------

def test_a_gdelt1_file_mixing_the_daily_and_back_file_layouts_reads_every_line():
    stream = read_events(need(GDELT1_MIXED), "gdelt")
    mixed = list(stream)
    assert (len(mixed), stream.skipped) == (710, 0)
    assert dict(stream.layouts) == {"gdelt1": 509, "gdelt1-backfile": 201}
    assert stream.layout == "gdelt1+gdelt1-backfile"
    daily, historical = events_of(GDELT1_DAILY, "gdelt"), events_of(GDELT1_HISTORICAL, "gdelt")
    assert (len(daily), len(historical)) == (509, 201)
    assert [e["event_id"] for e in mixed] == [e["event_id"] for e in daily + historical]
    # each line keeps its own layout: back-file rows have no source URL, daily rows do
    layouts = Counter(json.loads(e["evidence"])["layout"] for e in mixed)
    assert layouts == {"gdelt1": 509, "gdelt1-backfile": 201}
    assert all("source_url" in json.loads(e["evidence"]) for e in mixed[:509])
    assert {e["date"][:4] for e in mixed[509:]} == {"1982"}


def test_skipped_lines_are_counted_with_their_line_number_and_reason(tmp_path):
    good = need(GDELT1_MIXED).read_text(encoding="utf-8").splitlines()
    daily, backfile = good[0].split("\t"), good[509].split("\t")
    broken = [
        good[0],                                              # 1: 58 columns, read
        "\t".join(daily[:40]),                                # 2: cut short
        good[509],                                            # 3: 57 columns, read
        "\t".join([daily[0], "20161345", *daily[2:]]),        # 4: no such date
        "\t".join([*backfile[:26], "999", *backfile[27:]]),   # 5: EventCode not CAMEO
        "",                                                   # 6: blank, ignored
        "\t".join(["x17", *backfile[1:]]),                    # 7: GLOBALEVENTID not a number
        good[1],                                              # 8: read
    ]
    path = tmp_path / "broken.tsv"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    stream = read_events(path, "gdelt")
    events = list(stream)
    assert [e["sentence_index"] for e in events] == [1, 3, 8]
    assert stream.skipped == 4
    assert [line for line, _ in stream.skipped_examples] == [2, 4, 5, 7]
    reasons = [reason for _, reason in stream.skipped_examples]
    assert reasons[0] == "40 columns, expected 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0)"
    assert reasons[1] == "SQLDATE '20161345' is not a date"
    assert "EventCode '999'" in reasons[2]
    assert reasons[3] == "GLOBALEVENTID 'x17' is not a number"
    for real, fmt, rows in ((GDELT2, "gdelt", 2111), (GDELT1_MIXED, "gdelt", 710), (ICEWS, "icews", 3705)):
        whole = read_events(need(real), fmt)
        assert (len(list(whole)), whole.skipped, whole.skipped_examples) == (rows, 0, [])


# GDELT: organisations and regions ------------------------------------------------------------

def test_gdelt_known_groups_become_detente_organisations_and_eur_stays_a_region():
    events = events_of(GDELT2, "gdelt")
    raw = gdelt_raw_actors(GDELT2)
    organisations = organisation_codes()
    found = Counter(country for _, _, country in sides(events) if country in organisations)
    assert found == {"WB": 20, "EU": 18, "UN": 5, "SADC": 4, "AU": 1, "ASEAN": 1}
    for event, side, country in sides(events):
        code, gdelt_country = raw[event["event_id"]][side]
        if code.startswith("IGOEUREEC"):        # GDELT's EU: known group EEC
            assert (event[side], country) == ("EU", "EU")
        elif code.startswith("EUR"):            # Europe, "European": a region, not the EU
            assert country == "EUR" and event[side] == code
        elif code == "IGOUNOREFHCR":           # UNHCR: the UN, sector of igos.yaml's UNHCR
            assert (event[side], country) == ("UNREF", "UN")
        elif code.startswith("IGOUNODEVWBK"):   # the World Bank, not the UN it is filed under
            assert country == "WB"
        elif gdelt_country and gdelt_country in {"USA", "RUS", "CHN"}:
            assert country == gdelt_country
    assert sum(1 for _, _, country in sides(events) if country == "EUR") == 19


def test_gdelt1_organisations_in_both_layouts():
    events = events_of(GDELT1_MIXED, "gdelt")
    organisations = organisation_codes()
    codes = Counter(event[side] for event, side, country in sides(events) if country in organisations)
    assert codes == {"NATO": 2, "ARL": 2, "EU": 1, "UNGOV": 1, "AMNNGO": 1, "OXFNGO": 1}
    assert "EU" not in {country for _, _, country in sides(events[509:])}   # 1982: "EUROPEAN" is EUR
    assert sum(1 for _, _, country in sides(events) if country == "EUR") == 6


# ICEWS ---------------------------------------------------------------------------------------

def test_icews_organisation_names_become_detente_organisation_codes():
    events = events_of(ICEWS, "icews")
    by_name = Counter((name, event[side], event[f"{side}_country"])
                      for event, side, name in sides(events, "name")
                      if name in {"United Nations", "European Union", "UN Security Council",
                                  "North Atlantic Treaty Organization", "World Health Organization"})
    assert by_name == {("European Union", "EU", "EU"): 92, ("United Nations", "UN", "UN"): 36,
                       ("UN Security Council", "UNGOV", "UN"): 14,
                       ("North Atlantic Treaty Organization", "NATO", "NATO"): 2,
                       ("World Health Organization", "WHOHLH", "WHO"): 1}
    involving = Counter(code for event in events for code in {event["source_country"], event["target_country"]}
                        if code in {"UN", "EU"})
    assert involving["UN"] == 50
    # an organisation's office holder acts for it (officeholders.csv), though ICEWS says Italy
    mogherini = {(e[s], e[f"{s}_country"]) for e, s, name in sides(events, "name") if name == "Federica Mogherini"}
    assert mogherini == {("EUGOV", "EU")}


def test_icews_sectors_are_kept_as_country_plus_sector_codes():
    events = events_of(ICEWS, "icews")
    sectors = sector_codes()
    assert all(event[side][len(country):] in sectors
               for event, side, country in sides(events) if len(event[side]) > len(country))
    police = Counter((event[side], country) for event, side, country in sides(events)
                     if event[f"{side}_name"] == "Police (India)")
    assert police == {("INDCOP", "IND"): 183}
    named = {event[f"{side}_name"]: event[side] for event, side, _ in sides(events)}
    assert (named["Military (Russia)"], named["Citizen (Iraq)"], named["Congress (India)"]) == \
        ("RUSMIL", "IRQCVL", "INDLEG")
    assert named["Foreign Affairs (Bangladesh)"] == "BGDGOV"          # icews_roles.csv
    assert named["High Ranking Military Personnel (Vietnam)"] == "VNMMIL"
    assert named["Israeli Defense Forces"] == "ISRMIL"                 # Sectors "Government,Military"
    assert named["Donald Trump"] == "USAGOV" and named["James Mattis"] == "USAGOV"  # office holders
    assert named["Narendra Modi"] == "INDGOV"       # PM since 2014, ICEWS lists opposition labels
    with_sector = sum(1 for e in events if any(len(e[s]) > len(e[f"{s}_country"]) for s in SIDES))
    assert with_sector >= 3100 and len(events) == 3705


def test_icews_country_names_map_to_the_right_code():
    rows = icews_rows()
    events = {e["event_id"]: e for e in events_of(ICEWS, "icews")}
    codes = Counter()
    for row in rows:
        event = events[f"icews:{row['Event ID']}"]
        for side, column in zip(SIDES, ("Source Country", "Target Country")):
            if row[column] != "NA":
                codes[(row[column], event[f"{side}_country"])] += 1
    assert not [name for name, code in codes if code == "---"]      # every name ICEWS gives is known
    assert {code for name, code in codes if name == "Congo"} == {"COG"}   # Brazzaville, not the DRC
    assert {code for name, code in codes if name == "Democratic Republic of Congo"} == {"COD"}
    assert {code for name, code in codes if name in ("Hong Kong", "Western Sahara")} == {"HKG", "ESH"}
    regions = Counter(e[f"{s}_country"] for e, s, name in sides(events.values(), "name")
                      if name in ("Africa", "Southeast Asia", "Caribbean", "South Asia"))
    assert regions == {"AFR": 9, "SEA": 7, "CRB": 4, "SAS": 2}


def test_icews_usa_to_north_korea_on_1_june_2018_keeps_every_event_and_its_weight():
    intensity = {f"icews:{row['Event ID']}": float(row["Intensity"]) for row in icews_rows()}
    events = [e for e in events_of(ICEWS, "icews") if e["date"] == "2018-06-01"
              and (e["source_country"], e["target_country"]) == ("USA", "PRK")]
    assert len(events) == len({e["event_id"] for e in events}) == 108
    assert all(e["goldstein"] == intensity[e["event_id"]] for e in events)
    assert math.isclose(sum(e["goldstein"] for e in events), 296.3, abs_tol=1e-9)
    assert Counter(e["source"] for e in events) == {"USAGOV": 83, "USA": 25}
    assert Counter(e["target"] for e in events) == {"PRKGOV": 66, "PRK": 40, "PRKMIL": 1, "PRKSPY": 1}


# PLOVER export -> POLECAT --------------------------------------------------------------------

def coded_events() -> list[dict]:
    """Events as detente's coder writes them: evidence is a dict of how actors were decided,
    an IGO actor has the IGO as its country, a date may be known to the month only."""
    common = {"run_id": 1, "doc_id": "d1", "sentence_index": 0, "modality": "asserted",
              "publisher": "Example Wire", "published": "2013-01-04"}
    return [
        {**common, "event_id": "3f2a9c0d1e2b4a5c", "sentence": "The UN Security Council\ncondemned Russia.",
         "source": "UNGOV", "source_country": "UN", "source_text": "the UN Security Council",
         "source_name": "United Nations", "target": "RUS", "target_country": "RUS",
         "target_text": "Russia", "target_name": "Russia", "code": "111", "root": "11",
         "quad_class": 3, "goldstein": -2.0, "plover": "ACCUSE", "date": "2012-12",
         "date_precision": "month",
         "evidence": {"source": "institution 'UN Security Council', sector GOV", "target": "state 'Russia'"}},
        {**common, "event_id": "9b8e7d6c5a4f3e2d", "sentence": "NATO troops deployed in Europe.",
         "source": "NATOMIL", "source_country": "NATO", "source_text": "NATO troops",
         "source_name": "North Atlantic Treaty Organization", "target": "EUR", "target_country": "EUR",
         "target_text": "Europe", "target_name": "Europe", "code": "150", "root": "15",
         "quad_class": 4, "goldstein": -7.2, "plover": "MOBILIZE", "date": "2013-01-03",
         "date_precision": "day", "publisher": None,
         "evidence": {"source": "igo 'NATO', sector MIL from role word", "target": "region"}},
    ]


@pytest.mark.parametrize("delimiter", ["\t", ","])
def test_a_plover_export_reads_back_as_polecat_with_the_publisher_as_source(tmp_path, delimiter):
    imported = events_of(ICEWS, "icews")
    originals = imported + coded_events()
    path = tmp_path / "plover.csv"
    assert write_events(originals, path, "csv", "plover", delimiter=delimiter) == 3707
    with open(path, encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle, delimiter=delimiter,
                                      quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL))
    publishers = {row["Event ID"]: row["Publisher"] for row in icews_rows()}
    assert all(row["Source"] == (publishers[row["Event ID"].removeprefix("icews:")]
                                 if publishers[row["Event ID"].removeprefix("icews:")] != "NA" else "")
               for row in written[:3705])
    assert [row["Source"] for row in written[3705:]] == ["Example Wire", ""]   # never evidence text

    stream = read_events(path, "polecat")
    back = {e["event_id"]: e for e in stream}
    with_type = [e for e in originals if e["plover"]]
    # PLOVER has no type for CAMEO roots 01 and 02: those rows are skipped and counted
    assert stream.skipped == len(originals) - len(with_type) == 808
    assert {reason for _, reason in stream.skipped_examples} == \
        {"no Event Type (PLOVER has no type for CAMEO roots 01 and 02)"}
    assert len(back) == len(with_type)
    keys = ("date", "date_precision", "plover", "source_country", "target_country", "published")
    for original in with_type:
        again = back[f"polecat:{original['event_id'].removeprefix('polecat:')}"]
        assert {k: again[k] for k in keys} == {k: original[k] for k in keys}
    assert [(back[f"polecat:{e['event_id']}"]["source"], back[f"polecat:{e['event_id']}"]["target"])
            for e in coded_events()] == [("UNGOV", "RUS"), ("NATOMIL", "EUR")]


# the mapping tables --------------------------------------------------------------------------

def test_the_mapping_tables_name_only_codes_the_knowledge_base_has():
    organisations = organisation_codes()
    states = {entry["code"] for entry in load_yaml((KB_DIR / "states.yaml").read_text(encoding="utf-8"))}
    assert {row["detente"] for row in read_table("cameo_known_groups.csv")} <= organisations
    regions = {row["code"]: row["detente"] for row in read_table("cameo_regions.csv")}
    assert regions["EUR"] == "EUR" and regions["EEU"] == "---"      # EEU is detente's Eurasian EU
    assert not (set(regions.values()) & (states | organisations))
    assert not ({row["code"] for row in read_table("territories.csv")} & (states | organisations))
    for table in ("icews_sectors.csv", "icews_roles.csv"):
        assert {row["sector"] for row in read_table(table)} - {""} <= sector_codes()
