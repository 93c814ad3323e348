"""interchange: GDELT, ICEWS and POLECAT files read into detente events; CSV, JSONL and Parquet
written in detente, GDELT and PLOVER columns. Fixtures in tests/data/interchange are invented
rows laid out by the published column specifications."""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
import zipfile
from collections import Counter

import pyarrow.parquet as pq
import pytest

from conftest import BENCHMARKS, ROOT, need
from detente.events.codes import code_table
from detente.interchange import (EVENT_KEYS, EXPORT_FORMATS, EXPORT_STYLES, FORMATS, plover_roots,
                                 read_events, write_events)
from detente.interchange.gdelt import GDELT2_COLUMNS
from detente.interchange.polecat import COLUMNS as POLECAT_COLUMNS
from detente.store import EVENT_FIELDS

DATA = ROOT / "tests" / "data" / "interchange"
GDELT2 = DATA / "gdelt2_sample.export.CSV"
GDELT1_DAILY = DATA / "gdelt1_daily.export.CSV"
GDELT1_BACKFILE = DATA / "gdelt1_backfile.csv"
GDELT_WITH_HEADER = DATA / "gdelt_bigquery_header.csv"
ICEWS = DATA / "icews_sample.tab"
POLECAT = DATA / "polecat_sample.txt"
POLECAT_LATER = DATA / "polecat_later_layout.txt"
NOT_EVENT_DATA = DATA / "not_event_data.txt"

KEY_FIELDS = ("source", "source_country", "target", "target_country", "code", "root",
              "quad_class", "goldstein", "date", "published")


def by_id(events) -> dict[str, dict]:
    return {e["event_id"]: e for e in events}


# GDELT -----------------------------------------------------------------------------------------

def test_gdelt2_events_keep_the_files_quad_class_goldstein_and_actor_codes():
    stream = read_events(GDELT2, "gdelt")
    events = by_id(stream)
    assert stream.layout == "gdelt2"
    attack = events["gdelt:1000000001"]
    assert (attack["source"], attack["source_country"], attack["target"], attack["target_country"]) == \
        ("RUSMIL", "RUS", "UKR", "UKR")
    assert (attack["code"], attack["root"], attack["quad_class"], attack["goldstein"]) == ("190", "19", 4, -10.0)
    assert attack["plover"] == "ASSAULT"
    assert (attack["date"], attack["published"], attack["date_precision"]) == ("2022-02-24", "2022-02-24", "day")
    assert (attack["source_name"], attack["sentence"], attack["modality"]) == ("RUSSIA", "", "asserted")
    assert attack["matched_rule"] == "import:gdelt" and attack["confidence"] is None
    evidence = json.loads(attack["evidence"])
    assert evidence["source_url"] == "https://news.example.org/a/1"
    assert (evidence["avg_tone"], evidence["num_mentions"], evidence["line"]) == (-7.5, 10, 1)


def test_gdelt_event_without_an_actor_is_kept_with_unknown_country():
    event = by_id(read_events(GDELT2, "gdelt"))["gdelt:1000000003"]
    assert (event["source"], event["source_country"]) == ("---", "---")
    assert (event["target"], event["target_country"]) == ("CHNGOV", "CHN")
    assert (event["code"], event["goldstein"]) == ("042", 1.9)


def test_gdelt1_daily_file_has_58_columns_with_source_url():
    stream = read_events(GDELT1_DAILY, "gdelt")
    events = by_id(stream)
    assert stream.layout == "gdelt1"
    threat = events["gdelt:250000001"]
    assert (threat["source"], threat["source_country"], threat["target_country"]) == ("PRKGOV", "PRK", "KOR")
    assert (threat["code"], threat["quad_class"], threat["goldstein"]) == ("138", 3, -7.0)
    assert threat["plover"] == "THREATEN"
    assert json.loads(threat["evidence"])["source_url"] == "https://news.example.org/b/1"
    retreat = events["gdelt:250000002"]
    assert (retreat["code"], retreat["root"], retreat["plover"]) == ("0874", "08", "RETREAT")
    assert (retreat["date"], retreat["published"]) == ("2013-04-01", "2013-04-02")


def test_gdelt1_backfile_has_57_columns_and_is_read_from_a_zip(tmp_path):
    archive = tmp_path / "1979.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(GDELT1_BACKFILE, "1979.csv")
    stream = read_events(archive, "gdelt")
    events = by_id(stream)
    assert stream.layout == "gdelt1-backfile"
    invasion = events["gdelt:2"]
    assert (invasion["source_country"], invasion["target_country"], invasion["code"]) == ("USR", "AFG", "193")
    assert (invasion["date"], invasion["quad_class"], invasion["goldstein"]) == ("1979-12-27", 4, -10.0)
    assert "source_url" not in json.loads(invasion["evidence"])


def test_gdelt2_file_is_read_gzipped(tmp_path):
    gzipped = tmp_path / "20220224.export.CSV.gz"
    with open(GDELT2, "rb") as plain, gzip.open(gzipped, "wb") as packed:
        shutil.copyfileobj(plain, packed)
    assert [e["event_id"] for e in read_events(gzipped, "gdelt")] == \
        [e["event_id"] for e in read_events(GDELT2, "gdelt")]


def test_gdelt_file_with_a_header_row_is_read_by_column_name():
    stream = read_events(GDELT_WITH_HEADER, "gdelt")
    events = by_id(stream)
    assert stream.layout == "header"
    meeting = events["gdelt:812345678"]
    # the export stored codes as numbers: 42 under root 4 is CAMEO 042
    assert (meeting["code"], meeting["root"], meeting["plover"]) == ("042", "04", "CONSULT")
    assert (meeting["source"], meeting["target_country"], meeting["date"]) == ("DEUGOV", "TUR", "2019-01-15")
    assert events["gdelt:812345679"]["source_name"] == "UNITED KINGDOM, THE"


def test_malformed_lines_are_skipped_and_counted():
    gdelt = read_events(GDELT2, "gdelt")
    assert len(list(gdelt)) == 3
    assert gdelt.skipped == 2
    assert [line for line, _ in gdelt.skipped_examples] == [3, 5]
    assert "40 columns" in gdelt.skipped_examples[0][1]
    assert "SQLDATE '20221345'" in gdelt.skipped_examples[1][1]

    icews = read_events(ICEWS, "icews")
    assert len(list(icews)) == 3 and icews.skipped == 3
    polecat = read_events(POLECAT, "polecat")
    assert len(list(polecat)) == 3 and polecat.skipped == 2
    assert "'FLY'" in polecat.skipped_examples[0][1]


@pytest.mark.parametrize("path, fmt, message", [
    (NOT_EVENT_DATA, "gdelt", "not_event_data.txt: line 1: not GDELT event data: 1 tab-separated columns"),
    (ICEWS, "gdelt", "icews_sample.tab: line 1: not GDELT event data: 20 tab-separated columns"),
    (NOT_EVENT_DATA, "icews", "not_event_data.txt: line 1: not ICEWS event data: the header lacks 'Event ID'"),
    (GDELT2, "polecat", "gdelt2_sample.export.CSV: line 1: not POLECAT event data: the header lacks 'Event ID'"),
])
def test_a_file_not_in_the_format_is_refused_naming_file_and_line(path, fmt, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        read_events(path, fmt)


def test_an_unknown_format_name_is_refused():
    with pytest.raises(ValueError, match="choose one of gdelt, icews, polecat"):
        read_events(GDELT2, "acled")
    assert FORMATS == ("gdelt", "icews", "polecat")


# ICEWS -----------------------------------------------------------------------------------------

def test_icews_country_names_become_iso3_and_intensity_the_goldstein_score():
    events = by_id(read_events(ICEWS, "icews"))
    attack = events["icews:900001"]
    assert (attack["source"], attack["source_country"], attack["target_country"]) == ("RUS", "RUS", "UKR")
    assert (attack["code"], attack["root"], attack["quad_class"], attack["plover"]) == ("190", "19", 4, "ASSAULT")
    assert (attack["goldstein"], attack["date"], attack["published"]) == (-10.0, "2014-03-01", None)
    talks = events["icews:900002"]
    assert (talks["source_country"], talks["target_country"], talks["goldstein"]) == ("USA", "RUS", 4.0)
    assert (talks["source_name"], talks["target_name"]) == ("John Kerry", "Sergey Lavrov")
    evidence = json.loads(talks["evidence"])
    assert (evidence["story_id"], evidence["source_sectors"]) == ("30000002", "Executive,Government,Cabinet")


def test_icews_code_that_lost_its_zero_is_read_by_its_event_text():
    comment = by_id(read_events(ICEWS, "icews"))["icews:900003"]
    # "13" is also CAMEO root 13 (threaten); the row's Event Text names 013
    assert (comment["code"], comment["root"], comment["quad_class"]) == ("013", "01", 1)
    assert comment["goldstein"] == code_table()["013"].goldstein  # empty Intensity


def test_icews_unknown_or_missing_country_is_unknown_and_the_name_kept_as_evidence():
    comment = by_id(read_events(ICEWS, "icews"))["icews:900003"]
    # an organisation with no country is the organisation (igos.yaml's UN), not '---'
    assert (comment["source"], comment["source_country"]) == ("UN", "UN")
    # "Citizen (Zembla)": the role keeps its sector, the place no table knows is '---'
    assert (comment["target"], comment["target_country"]) == ("---CVL", "---")
    assert json.loads(comment["evidence"])["target_country_name"] == "Zembla"


# POLECAT ---------------------------------------------------------------------------------------

def test_plover_roots_are_the_commonest_root_per_type_in_the_code_table():
    counts = Counter((info.plover, info.root) for info in code_table().values() if info.plover)
    for plover, root in plover_roots().items():
        best = max(n for (p, _), n in counts.items() if p == plover)
        assert counts[(plover, root)] == best
    assert (plover_roots()["ASSAULT"], plover_roots()["SANCTION"], plover_roots()["RETREAT"]) == ("18", "16", "08")


def test_every_plover_type_of_the_cameo_to_plover_table_has_a_root():
    table = need(BENCHMARKS / "external" / "PLOVER" / "CAMEO2PLOVER-2021.txt")
    types = set(re.findall(r"^\d+:\s*([A-Z]+)", table.read_text(encoding="utf-8"), flags=re.M))
    assert types and types <= set(plover_roots())


def test_polecat_events_get_plover_type_a_cameo_root_and_country_sector_codes():
    events = by_id(read_events(POLECAT, "polecat"))
    strike = events["polecat:20230105-0001"]
    assert (strike["plover"], strike["code"], strike["root"]) == ("ASSAULT", "18", "18")
    assert (strike["source"], strike["source_country"], strike["target"], strike["target_country"]) == \
        ("RUSMIL", "RUS", "UKRCVL", "UKR")
    assert (strike["quad_class"], strike["goldstein"]) == (4, -9.0)
    assert (strike["date"], strike["published"]) == ("2023-01-05", "2023-01-06")
    assert (strike["source_name"], strike["source_text"]) == ("Russian Armed Forces", "Russian forces")
    assert json.loads(strike["evidence"])["event_mode"] == "aerial"


def test_polecat_quad_code_missing_falls_back_to_the_code_table():
    sanction = by_id(read_events(POLECAT, "polecat"))["polecat:20230110-0002"]
    assert (sanction["code"], sanction["quad_class"]) == ("16", code_table()["16"].quad_class)
    assert (sanction["source"], sanction["target"]) == ("USAGOV", "IRNGOV")


def test_polecat_unknown_country_and_empty_intensity():
    agreement = by_id(read_events(POLECAT, "polecat"))["polecat:20230112-0003"]
    assert (agreement["source"], agreement["target"], agreement["target_country"]) == ("CHN", "---", "---")
    assert (agreement["quad_class"], agreement["goldstein"]) == (1, code_table()["03"].goldstein)


def test_polecat_later_layout_is_read_by_column_name():
    (event,) = read_events(POLECAT_LATER, "polecat")
    # ISO3 country, a sector word, lower-case type, numeric quad code, trailing empty tabs
    assert (event["source"], event["target"]) == ("JPNGOV", "KORGOV")
    assert (event["plover"], event["code"]) == ("CONSULT", "04")
    assert (event["quad_class"], event["goldstein"], event["published"]) == (1, 1.0, "2024-03-02")
    assert json.loads(event["evidence"])["headline"] == "Leaders meet in Seoul"


# the event record ------------------------------------------------------------------------------

def test_event_keys_are_the_store_columns_the_readers_fill():
    assert list(EVENT_KEYS) == [f for f in EVENT_FIELDS if f != "run_id"]
    for path, fmt in ((GDELT2, "gdelt"), (ICEWS, "icews"), (POLECAT, "polecat")):
        for event in read_events(path, fmt):
            assert tuple(event) == EVENT_KEYS
            assert event["event_id"].startswith(f"{fmt}:") and event["doc_id"] == f"{fmt}:{path.name}"


# writing ---------------------------------------------------------------------------------------

def imported_events() -> list[dict]:
    return [*read_events(GDELT2, "gdelt"), *read_events(ICEWS, "icews"), *read_events(POLECAT, "polecat")]


def read_written(path, fmt, style) -> list[dict]:
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with open(path, encoding="utf-8", newline="") as handle:
        if style == "gdelt":
            return [dict(zip(GDELT2_COLUMNS, row)) for row in csv.reader(handle, delimiter="\t")]
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("style", EXPORT_STYLES)
def test_each_style_and_format_is_written_and_read_back(tmp_path, style, fmt):
    events = imported_events()
    path = tmp_path / f"events.{fmt}"
    assert write_events(iter(events), path, fmt, style) == len(events) == 9
    rows = read_written(path, fmt, style)
    assert len(rows) == 9
    first, icews = rows[0], rows[3]
    if style == "detente":
        assert list(first) == list(EVENT_KEYS)
        assert (first["event_id"], first["source"], first["code"]) == ("gdelt:1000000001", "RUSMIL", "190")
        assert float(first["goldstein"]) == -10.0 and int(first["quad_class"]) == 4
        assert json.loads(first["evidence"])["source_url"] == "https://news.example.org/a/1"
    elif style == "gdelt":
        assert list(first) == list(GDELT2_COLUMNS)
        assert (str(first["GLOBALEVENTID"]), str(first["SQLDATE"]), first["Actor1Code"]) == \
            ("1000000001", "20220224", "RUSMIL")
        assert (first["Actor1CountryCode"], first["Actor1Type1Code"], first["EventCode"]) == ("RUS", "MIL", "190")
        assert (str(first["QuadClass"]), float(first["GoldsteinScale"])) == ("4", -10.0)
        assert first["SOURCEURL"] == "https://news.example.org/a/1"
        assert (icews["Actor1CountryCode"], icews["EventCode"], str(icews["SQLDATE"])) == ("RUS", "190", "20140301")
    else:
        assert list(first) == list(POLECAT_COLUMNS)
        assert (first["Event ID"], first["Event Type"], first["Quad Code"]) == \
            ("gdelt:1000000001", "ASSAULT", "MATERIAL CONFLICT")
        assert (first["Actor Country"], first["Primary Actor Sector"], first["Recipient Country"]) == \
            ("Russia", "MIL", "Ukraine")
        assert (icews["Event Date"], icews["Actor Name"], float(icews["Event Intensity"])) == \
            ("2014-03-01", "Russia", -10.0)
        assert rows[6]["Event ID"] == "20230105-0001" and rows[6]["Event Mode"] == "aerial"


def test_parquet_columns_are_typed(tmp_path):
    path = tmp_path / "events.parquet"
    write_events(imported_events(), path, "parquet", "gdelt")
    schema = pq.read_schema(path)
    assert str(schema.field("GLOBALEVENTID").type) == "int64"
    assert str(schema.field("GoldsteinScale").type) == "double"
    assert str(schema.field("EventCode").type) == "string"  # keeps the leading zero of 042


def test_gdelt_style_csv_round_trips_through_the_gdelt_reader(tmp_path):
    events = imported_events()
    path = tmp_path / "roundtrip.export.CSV"
    write_events(events, path, "csv", "gdelt")
    assert all(len(line.split("\t")) == 61 for line in path.read_text(encoding="utf-8").splitlines())
    back = list(read_events(path, "gdelt"))
    assert len(back) == len(events)
    for original, again in zip(events, back):
        assert {k: again[k] for k in KEY_FIELDS} == {k: original[k] for k in KEY_FIELDS}
    gdelt_originals = [e for e in events if e["event_id"].startswith("gdelt:")]
    assert [e["event_id"] for e in back[:3]] == [e["event_id"] for e in gdelt_originals]
    assert [json.loads(e["evidence"])["source_url"] for e in back[:3]] == \
        [json.loads(e["evidence"])["source_url"] for e in gdelt_originals]


CODED_IGO_EVENT = {
    "event_id": "5e1d2c3b4a596877", "run_id": 1, "doc_id": "d2", "sentence_index": 3,
    "sentence": "The UN Security Council\ncondemned the strike.", "source": "UNGOV",
    "source_country": "UN", "source_text": "the UN Security Council", "source_name": "United Nations",
    "target": "NATOMIL", "target_country": "NATO", "target_text": "NATO forces",
    "target_name": "North Atlantic Treaty Organization", "code": "111", "root": "11",
    "quad_class": 3, "goldstein": -2.0, "plover": "ACCUSE", "modality": "asserted",
    "date": "2014-03", "date_precision": "month", "published": "2014-04-02",
    "publisher": "Example Wire",
    "evidence": {"source": "institution 'UN Security Council', sector GOV",
                 "target": "igo 'NATO', sector MIL from role word"}}


@pytest.mark.parametrize("delimiter", ["\t", ","])
def test_plover_style_round_trips_through_the_polecat_reader(tmp_path, delimiter):
    events = [*read_events(POLECAT, "polecat"), CODED_IGO_EVENT]
    path = tmp_path / "polecat.txt"
    write_events(events, path, "csv", "plover", delimiter=delimiter)
    back = list(read_events(path, "polecat"))
    # PLOVER carries no CAMEO code: a coded event comes back with its type's root (11 for 111)
    keys = (*(k for k in KEY_FIELDS if k not in ("code", "root")), "plover", "date_precision")
    for original, again in zip(events, back, strict=True):
        assert {k: again[k] for k in keys} == {k: original[k] for k in keys}
        assert again["event_id"] == f"polecat:{original['event_id'].removeprefix('polecat:')}"
    sources = [json.loads(e["evidence"]).get("source") for e in back]
    # Source is the publisher: POLECAT's own, or the coded event's; never its evidence text
    assert sources == ["Example News", "Example Times", None, "Example Wire"]


def test_a_coded_event_with_a_month_date_is_written_as_gdelt(tmp_path):
    coded = {"event_id": "3f2a9c0d1e2b4a5c", "run_id": 1, "doc_id": "d1", "sentence_index": 0,
             "sentence": "Washington imposed sanctions on Moscow.", "source": "USAGOV",
             "source_country": "USA", "target": "RUS", "target_country": "RUS", "code": "163",
             "root": "16", "quad_class": 4, "goldstein": -8.0, "plover": "SANCTION",
             "modality": "asserted", "date": "2012-12", "date_precision": "month",
             "published": "2013-01-04", "evidence": {"pattern": "impose sanctions"}}
    path = tmp_path / "coded.csv"
    assert write_events([coded], path, "csv", "gdelt") == 1
    (row,) = read_written(path, "csv", "gdelt")
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20121201", "201212", "2012")
    assert (row["Actor1Code"], row["Actor1Type1Code"], row["EventCode"], row["DATEADDED"]) == \
        ("USAGOV", "GOV", "163", "20130104000000")
    detente_path = tmp_path / "coded.jsonl"
    write_events([coded], detente_path, "jsonl")
    (line,) = read_written(detente_path, "jsonl", "detente")
    assert list(line)[:3] == ["event_id", "run_id", "doc_id"]
    assert line["evidence"] == {"pattern": "impose sanctions"}


def test_no_events_write_a_header_or_an_empty_table(tmp_path):
    assert write_events([], tmp_path / "none.csv", "csv") == 0
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").strip() == ",".join(EVENT_KEYS)
    assert write_events([], tmp_path / "none.parquet", "parquet", "plover") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_an_unknown_style_or_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown export style 'acled'"):
        write_events([], tmp_path / "x.csv", "csv", "acled")
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        write_events([], tmp_path / "x.xlsx", "xlsx")
