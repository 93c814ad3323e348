"""GDELT event files: 1.0 (57 columns in the 1979-2013 back file, 58 with SOURCEURL in the
daily files), 2.0 (61 columns, ``*.export.CSV``), all tab-separated without a header; or any
of them with a header row (tab or comma separated, e.g. a BigQuery export).

Columns follow the GDELT Event Codebooks V1.03 and V2.0: 2.0 adds an ADM2Code to each of the
three geography blocks. Without a header each line is read by its own column count, so a file
that joins layouts (as published samples do) reads whole. Actor codes of organisations and
regions become detente's (``cameo_actors``); GDELT's own codes stay in the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from detente.events.codes import code_table
from detente.interchange._common import (EventStream, MalformedLine, evidence_json, first_line,
                                         iso_date, nearest_plover, new_event, not_the_format,
                                         numbered_lines, quad_class_from, required_date,
                                         split_fields, to_float)
from detente.interchange.cameo_actors import cameo_actor

FORMAT = "gdelt"

_EVENT_DATE = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_ACTION = ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
           "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
_GEO_BLOCKS = ["Actor1Geo", "Actor2Geo", "ActionGeo"]


def _columns(adm2: bool, source_url: bool) -> list[str]:
    geo = ["Type", "FullName", "CountryCode", "ADM1Code", *(["ADM2Code"] if adm2 else []),
           "Lat", "Long", "FeatureID"]
    return [*_EVENT_DATE,
            *(f"Actor{n}{attr}" for n in (1, 2) for attr in _ACTOR),
            *_ACTION,
            *(f"{block}_{attr}" for block in _GEO_BLOCKS for attr in geo),
            "DATEADDED", *(["SOURCEURL"] if source_url else [])]


GDELT1_BACKFILE_COLUMNS = _columns(adm2=False, source_url=False)   # 57
GDELT1_COLUMNS = _columns(adm2=False, source_url=True)             # 58
GDELT2_COLUMNS = _columns(adm2=True, source_url=True)              # 61
_EXPECTED_COLUMNS = "expected 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0)"

# Header spellings seen in the wild, lower-cased, for the codebook's names.
_HEADER_ALIASES = {"day": "SQLDATE", "globaleventid": "GLOBALEVENTID"}
_REQUIRED_HEADER = ("GLOBALEVENTID", "SQLDATE", "EventCode")


@dataclass(frozen=True)
class _Layout:
    name: str
    columns: list[str]
    delimiter: str
    header_line: int | None = None


# Files without a header: each line's layout by its column count.
_LINE_LAYOUTS = {len(columns): _Layout(name, columns, "\t") for name, columns in (
    ("gdelt1-backfile", GDELT1_BACKFILE_COLUMNS), ("gdelt1", GDELT1_COLUMNS),
    ("gdelt2", GDELT2_COLUMNS))}


def read(path: Path) -> EventStream:
    """The events of a GDELT 1.0 or 2.0 event file; raises ValueError if it is not one. A file
    without a header is read line by line by each line's column count, so a file that joins
    the 58-column daily and the 57-column back-file layouts (or 2.0 lines) reads whole."""
    header, first_layout = _start(path)

    def parse(stream: EventStream):
        for line_no, line in numbered_lines(path):
            if header and line_no == header.header_line:
                continue
            try:
                layout = header or _line_layout(line)
                event = _event(_row(line, layout), path, line_no, layout.name)
            except MalformedLine as problem:
                stream.skip(line_no, str(problem))
                continue
            stream.met(layout.name)
            yield event

    return EventStream(path, FORMAT, first_layout, parse)


def _start(path: Path) -> tuple[_Layout | None, str]:
    """(the layout a header row names, or None for a file without one; the first line's layout
    name). A file without a header must start like GDELT event data."""
    found = first_line(path)
    if found is None:
        return None, "empty"
    line_no, line = found
    if "globaleventid" in line.lower():
        header = _header_layout(path, line_no, line)
        return header, header.name
    fields = line.split("\t")
    if len(fields) not in _LINE_LAYOUTS:
        raise not_the_format(path, line_no, "GDELT",
                             f"{len(fields)} tab-separated columns, {_EXPECTED_COLUMNS}")
    if not fields[0].strip().isdigit():
        raise not_the_format(path, line_no, "GDELT",
                             f"the first column (GLOBALEVENTID) is {fields[0]!r}, not a number")
    return None, _LINE_LAYOUTS[len(fields)].name


def _line_layout(line: str) -> _Layout:
    """The layout of one header-less line, by its number of tab-separated columns."""
    width = line.count("\t") + 1
    if width not in _LINE_LAYOUTS:
        raise MalformedLine(f"{width} columns, {_EXPECTED_COLUMNS}")
    return _LINE_LAYOUTS[width]


def _header_layout(path: Path, line_no: int, line: str) -> _Layout:
    delimiter = "\t" if "\t" in line else ","
    canonical = {c.lower(): c for c in GDELT2_COLUMNS} | _HEADER_ALIASES
    columns = [canonical.get(name.strip().lower(), name.strip())
               for name in split_fields(line, delimiter)]
    missing = [name for name in _REQUIRED_HEADER if name not in columns]
    if missing:
        raise not_the_format(path, line_no, "GDELT", f"the header lacks {', '.join(missing)}")
    return _Layout("header", columns, delimiter, line_no)


def _row(line: str, layout: _Layout) -> dict[str, str]:
    fields = split_fields(line, layout.delimiter)
    if len(fields) != len(layout.columns):
        raise MalformedLine(f"{len(fields)} columns, expected {len(layout.columns)}")
    return {name: value.strip() for name, value in zip(layout.columns, fields)}


def _event(row: dict[str, str], path: Path, line_no: int, layout: str) -> dict:
    global_id = row["GLOBALEVENTID"]
    if not global_id.isdigit():
        raise MalformedLine(f"GLOBALEVENTID {global_id!r} is not a number")
    date = required_date(row["SQLDATE"], "SQLDATE")
    code, root = _event_code(row)
    info = code_table().get(code) or code_table().get(code[:3]) or code_table()[root]
    (source, source_country), (target, target_country) = _actor(row, 1), _actor(row, 2)
    goldstein = to_float(row.get("GoldsteinScale"))
    return new_event(
        FORMAT,
        event_id=f"{FORMAT}:{global_id}", doc_id=f"{FORMAT}:{path.name}", sentence_index=line_no,
        source=source, source_country=source_country,
        source_text=row.get("Actor1Name") or None, source_name=row.get("Actor1Name") or None,
        target=target, target_country=target_country,
        target_text=row.get("Actor2Name") or None, target_name=row.get("Actor2Name") or None,
        code=code, root=root,
        quad_class=quad_class_from(row.get("QuadClass")) or info.quad_class,
        goldstein=info.goldstein if goldstein is None else goldstein,
        plover=nearest_plover(code),
        date=date, date_text=row["SQLDATE"], published=iso_date(row.get("DATEADDED", "")),
        evidence=_evidence(row, path, line_no, layout),
    )


def _event_code(row: dict[str, str]) -> tuple[str, str]:
    """EventCode and its two-digit root, with leading zeros restored if an export dropped them."""
    code = row["EventCode"]
    root = (row.get("EventRootCode") or code[:2]).zfill(2)
    if not (code.isdigit() and root.isdigit() and 2 <= len(code) <= 4):
        raise MalformedLine(f"EventCode {code!r} is not a CAMEO code")
    if not code.startswith(root) and ("0" + code).startswith(root):
        code = "0" + code
    if root not in code_table() or not code.startswith(root):
        raise MalformedLine(f"EventCode {code!r} / EventRootCode {root!r} is not a CAMEO code")
    return code, root


def _actor(row: dict[str, str], actor: int) -> tuple[str, str]:
    """(actor code, country) of Actor1 or Actor2, organisations and regions as detente codes them."""
    return cameo_actor(row.get(f"Actor{actor}Code"), row.get(f"Actor{actor}CountryCode"),
                       row.get(f"Actor{actor}KnownGroupCode"))


def _evidence(row: dict[str, str], path: Path, line_no: int, layout: str) -> str:
    def number(name: str, kind=float):
        value = to_float(row.get(name))
        return None if value is None else kind(value)

    return evidence_json(
        format=FORMAT, layout=layout, file=path.name, line=line_no,
        source_url=row.get("SOURCEURL"), date_added=row.get("DATEADDED"),
        **{f"actor{n}_{key}": row.get(f"Actor{n}{column}") for n in (1, 2)
           for key, column in (("code", "Code"), ("country_code", "CountryCode"),
                               ("known_group", "KnownGroupCode"))},
        is_root_event=number("IsRootEvent", int), num_mentions=number("NumMentions", int),
        num_sources=number("NumSources", int), num_articles=number("NumArticles", int),
        avg_tone=number("AvgTone"),
        action_geo_type=number("ActionGeo_Type", int),
        action_geo_fullname=row.get("ActionGeo_FullName"),
        action_geo_country=row.get("ActionGeo_CountryCode"),
        action_geo_adm1=row.get("ActionGeo_ADM1Code"),
        action_geo_lat=number("ActionGeo_Lat"), action_geo_long=number("ActionGeo_Long"),
        action_geo_feature_id=row.get("ActionGeo_FeatureID"),
    )
