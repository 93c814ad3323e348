"""POLECAT (Harvard Dataverse): PLOVER-coded events, tab-separated files with a header row.

The published layout (later releases add or rename a few columns, e.g. ``Story Date``,
``Headline``, ``Feed``, ``Intensity`` for ``Event Intensity``; columns are found by name):
Event ID, Event Date, Event Type, Event Mode, Event Intensity, Quad Code, Contexts, Actor Name,
Actor Country, Actor COW, Primary Actor Sector, Actor Sectors, Actor Title, Actor Name Raw,
Wikipedia Actor ID, Recipient Name, Recipient Country, Recipient COW, Primary Recipient Sector,
Recipient Sectors, Recipient Title, Recipient Name Raw, Wikipedia Recipient ID, Placename, City,
District, Province, Country, Latitude, Longitude, GeoNames ID, Raw Placename, Feature Type,
Source, Publication Date, Story People, Story Organizations, Story Locations, Language, Version.

PLOVER has no CAMEO code; an event gets the CAMEO root that carries its PLOVER type most often
in detente's code table (``plover_roots``), so that code-based analysis can still count it.

Files may also be comma-separated with a header (a ``--style plover`` CSV export), and an
Event Date may be a month or a year (``2012-12``) as detente writes a date known no better;
such an export reads back as the events it was written from.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

from detente.events.codes import code_table
from detente.interchange._common import (EventStream, MalformedLine, dated, evidence_json,
                                         iso_date, new_event, quad_class_from, read_with_header,
                                         to_float)
from detente.interchange.countries import country_code, sector_code

FORMAT = "polecat"
COLUMNS = ("Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
           "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
           "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
           "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
           "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
           "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
           "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
           "Story People", "Story Organizations", "Story Locations", "Language", "Version")
REQUIRED = ("Event ID", ("Event Date", "Story Date"), "Event Type", "Actor Name", "Actor Country",
            "Recipient Name", "Recipient Country")


@functools.lru_cache(maxsize=1)
def plover_roots() -> dict[str, str]:
    """PLOVER type -> the CAMEO root code whose codes carry that type most often in the code
    table (ties go to the lower root): ASSAULT -> 18, SANCTION -> 16, RETREAT -> 08, ..."""
    counts = Counter((info.plover, info.root) for info in code_table().values() if info.plover)
    roots: dict[str, str] = {}
    for (plover, root), _ in sorted(counts.items(), key=lambda item: (-item[1], item[0][1])):
        roots.setdefault(plover, root)
    return roots


def read(path: Path) -> EventStream:
    """The events of a POLECAT event file; raises ValueError if its header is not POLECAT's."""
    return read_with_header(path, FORMAT, "POLECAT", REQUIRED,
                            lambda row, line_no: _event(row, path, line_no))


def _event(row: dict[str, str], path: Path, line_no: int) -> dict:
    if not row["Event ID"]:
        raise MalformedLine("no Event ID")
    plover = row["Event Type"].upper()
    if not plover:
        raise MalformedLine("no Event Type (PLOVER has no type for CAMEO roots 01 and 02)")
    root = plover_roots().get(plover)
    if root is None:
        raise MalformedLine(f"Event Type {row['Event Type']!r} is not a PLOVER type with a CAMEO root")
    info = code_table()[root]
    date_text = row.get("Event Date") or row.get("Story Date", "")
    date, precision = dated(date_text, "Event Date")
    intensity = to_float(row.get("Event Intensity", row.get("Intensity")))
    source_country, target_country = country_code(row["Actor Country"]), country_code(row["Recipient Country"])
    return new_event(
        FORMAT,
        event_id=f"{FORMAT}:{row['Event ID']}", doc_id=f"{FORMAT}:{path.name}",
        sentence_index=line_no,
        source=source_country + sector_code(row.get("Primary Actor Sector")),
        source_country=source_country,
        source_text=row.get("Actor Name Raw") or row["Actor Name"] or None,
        source_name=row["Actor Name"] or None,
        target=target_country + sector_code(row.get("Primary Recipient Sector")),
        target_country=target_country,
        target_text=row.get("Recipient Name Raw") or row["Recipient Name"] or None,
        target_name=row["Recipient Name"] or None,
        code=root, root=root,
        quad_class=quad_class_from(row.get("Quad Code")) or info.quad_class,
        goldstein=info.goldstein if intensity is None else intensity,
        plover=plover,
        date=date, date_precision=precision, date_text=date_text,
        published=iso_date(row.get("Publication Date") or row.get("Story Date") or ""),
        evidence=_evidence(row, path, line_no, intensity),
    )


def _evidence(row: dict[str, str], path: Path, line_no: int, intensity: float | None) -> str:
    get = row.get
    return evidence_json(
        format=FORMAT, file=path.name, line=line_no,
        event_mode=get("Event Mode"), contexts=get("Contexts"), intensity=intensity,
        quad_code=get("Quad Code"),
        actor_country_name=get("Actor Country"), recipient_country_name=get("Recipient Country"),
        actor_sector=get("Primary Actor Sector"), recipient_sector=get("Primary Recipient Sector"),
        actor_title=get("Actor Title"), recipient_title=get("Recipient Title"),
        wikipedia_actor_id=get("Wikipedia Actor ID"),
        wikipedia_recipient_id=get("Wikipedia Recipient ID"),
        headline=get("Headline"), feed=get("Feed"), source=get("Source"),
        story_date=get("Story Date"), publication_date=get("Publication Date"),
        placename=get("Placename"), city=get("City"), district=get("District"),
        province=get("Province"), country=get("Country"),
        latitude=to_float(get("Latitude")), longitude=to_float(get("Longitude")),
        geonames_id=get("GeoNames ID"), language=get("Language"), version=get("Version"),
    )
