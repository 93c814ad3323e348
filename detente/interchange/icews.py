"""ICEWS Coded Event Data (Harvard Dataverse): tab-separated files with a header row.

Columns: Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text,
CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence Number,
Publisher, City, District, Province, Country, Latitude, Longitude. Countries are names
("Russian Federation"); Intensity is ICEWS's Goldstein-like score, each row's own. Actors keep
their sector and organisations become detente's (``icews_actors``: "Police (India)" ->
``INDCOP``, "United Nations" -> ``UN``). A field reading ``NA`` (files rewritten by R, as the R
``icews`` package's sample) is missing.
"""

from __future__ import annotations

from pathlib import Path

from detente.interchange._common import (EventStream, MalformedLine, evidence_json, known_code,
                                         new_event, read_with_header, required_date, to_float)
from detente.interchange.icews_actors import icews_actor

FORMAT = "icews"
COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
           "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
           "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
           "Province", "Country", "Latitude", "Longitude")
REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code",
            "Target Name", "Target Country")
MISSING = "NA"


def read(path: Path) -> EventStream:
    """The events of an ICEWS event file; raises ValueError if its header is not ICEWS's."""
    return read_with_header(path, FORMAT, "ICEWS", REQUIRED,
                            lambda row, line_no: _event(_without_missing(row), path, line_no))


def _without_missing(row: dict[str, str]) -> dict[str, str]:
    return {column: "" if value == MISSING else value for column, value in row.items()}


def _event(row: dict[str, str], path: Path, line_no: int) -> dict:
    if not row["Event ID"]:
        raise MalformedLine("no Event ID")
    info = known_code(row["CAMEO Code"], row.get("Event Text"))
    if info is None:
        raise MalformedLine(f"CAMEO Code {row['CAMEO Code']!r} is not in the code table")
    date = required_date(row["Event Date"], "Event Date")
    source, source_country = _actor(row, "Source", date)
    target, target_country = _actor(row, "Target", date)
    intensity = to_float(row.get("Intensity"))
    return new_event(
        FORMAT,
        event_id=f"{FORMAT}:{row['Event ID']}", doc_id=f"{FORMAT}:{path.name}",
        sentence_index=line_no,
        source=source, source_country=source_country,
        source_text=row["Source Name"] or None, source_name=row["Source Name"] or None,
        target=target, target_country=target_country,
        target_text=row["Target Name"] or None, target_name=row["Target Name"] or None,
        code=info.code, root=info.root, quad_class=info.quad_class,
        goldstein=info.goldstein if intensity is None else intensity,
        plover=info.plover or None,
        date=date, date_text=row["Event Date"],
        evidence=evidence_json(
            format=FORMAT, file=path.name, line=line_no, story_id=row.get("Story ID"),
            sentence_number=row.get("Sentence Number"), publisher=row.get("Publisher"),
            event_text=row.get("Event Text"),
            source_country_name=row["Source Country"], target_country_name=row["Target Country"],
            source_sectors=row.get("Source Sectors"), target_sectors=row.get("Target Sectors"),
            city=row.get("City"), district=row.get("District"), province=row.get("Province"),
            country=row.get("Country"), latitude=to_float(row.get("Latitude")),
            longitude=to_float(row.get("Longitude"))),
    )


def _actor(row: dict[str, str], side: str, date: str) -> tuple[str, str]:
    return icews_actor(row[f"{side} Name"], row.get(f"{side} Sectors", ""), row[f"{side} Country"],
                       date)
