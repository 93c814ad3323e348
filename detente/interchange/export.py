"""Writing events as CSV, JSON Lines or Parquet in three column styles.

* ``detente``: the event record's own keys (store column order, extra keys after them).
* ``gdelt``: the 61 columns of a GDELT 2.0 event file; what detente does not know is left empty.
  As CSV it is written like GDELT's own files: tab-separated, no header, so ``read_events``
  reads it back.
* ``plover``: POLECAT's columns (PLOVER event type, quad code, actor and recipient names and
  countries, place, publication date).

Events read from another format keep that format's extra facts in ``evidence`` (tone, source
URL, event mode, place), and the gdelt and plover styles put them back in their columns. The
evidence of events detente coded itself says how each actor was decided and fills no column.
The plover style's ``Source`` is the publisher: the row's ``publisher`` (the document's source,
for coded events), else the ICEWS Publisher or POLECAT Source of an imported event. A plover
export, tab- or comma-separated, reads back with ``read_events(path, "polecat")``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from itertools import chain, islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from detente.interchange import gdelt, icews, polecat
from detente.interchange._common import (EVENT_KEYS, FLOAT_KEYS, INTEGER_KEYS, UNKNOWN_COUNTRY,
                                         quad_class_names)
from detente.interchange.countries import country_name

EXPORT_STYLES = ("detente", "gdelt", "plover")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")
PARQUET_BATCH_ROWS = 10_000

_STORE_ORDER = ("event_id", "run_id", *EVENT_KEYS[1:])
_GDELT_INTEGERS = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                   "NumMentions", "NumSources", "NumArticles", "DATEADDED",
                   "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type"}
_GDELT_FLOATS = {"FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long",
                 "Actor2Geo_Lat", "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long"}
_PLOVER_FLOATS = {"Event Intensity", "Latitude", "Longitude"}
_READER_FORMATS = (gdelt.FORMAT, icews.FORMAT, polecat.FORMAT)


def write_events(events: Iterable[dict], path: str | Path, fmt: str, style: str = "detente", *,
                 delimiter: str | None = None, header: bool | None = None) -> int:
    """Write ``events`` to ``path`` as ``fmt`` (csv, jsonl, parquet) with the columns of
    ``style`` (detente, gdelt, plover); returns the number of rows written.

    CSV defaults: the gdelt style is tab-separated without a header (GDELT's own layout), the
    others comma-separated with a header; ``delimiter`` and ``header`` override that. In the
    gdelt and plover styles each event is one line (line breaks in text become spaces), as
    their readers read a file line by line.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if style not in EXPORT_STYLES:
        raise ValueError(f"unknown export style {style!r}; choose one of {', '.join(EXPORT_STYLES)}")
    columns, kinds, rows = _styled(iter(events), style)
    path = Path(path)
    if fmt == "csv":
        gdelt_like = style == "gdelt"
        return _write_csv(rows, path, columns, delimiter or ("\t" if gdelt_like else ","),
                          (not gdelt_like) if header is None else header,
                          one_line=style != "detente")
    if fmt == "jsonl":
        return _write_jsonl(rows, path)
    return _write_parquet(rows, path, columns, kinds)


# styles: (columns, column kinds, rows as dicts of Python values) --------------------------------

def _styled(events: Iterator[dict], style: str) -> tuple[list[str], dict[str, type], Iterator[dict]]:
    if style == "gdelt":
        columns = list(gdelt.GDELT2_COLUMNS)
        kinds = {c: int if c in _GDELT_INTEGERS else float if c in _GDELT_FLOATS else str
                 for c in columns}
        return columns, kinds, (_gdelt_row(e) for e in events)
    if style == "plover":
        columns = list(polecat.COLUMNS)
        kinds = {c: float if c in _PLOVER_FLOATS else str for c in columns}
        return columns, kinds, (_plover_row(e) for e in events)
    first = next(events, None)
    columns = _detente_columns(first)
    kinds = {c: int if c in INTEGER_KEYS else float if c in FLOAT_KEYS else str for c in columns}
    rest = chain([first], events) if first is not None else iter(())
    return columns, kinds, ({c: e.get(c) for c in columns} for e in rest)


def _detente_columns(first: dict | None) -> list[str]:
    """The columns of the first event: schema keys in store order, then any others."""
    if first is None:
        return list(EVENT_KEYS)
    known = [key for key in _STORE_ORDER if key in first]
    return known + [key for key in first if key not in known]


def _gdelt_row(event: dict) -> dict[str, Any]:
    facts = _imported_facts(event)
    row: dict[str, Any] = dict.fromkeys(gdelt.GDELT2_COLUMNS)
    row.update(_gdelt_dates(event.get("date")))
    row["GLOBALEVENTID"] = _numeric_id(event.get("event_id") or "")
    for n, side in ((1, "source"), (2, "target")):
        country = _known_country(event.get(f"{side}_country"))
        code = (event.get(side) or "").removeprefix(UNKNOWN_COUNTRY)
        row[f"Actor{n}Code"] = code or None
        row[f"Actor{n}Name"] = event.get(f"{side}_name") or event.get(f"{side}_text")
        row[f"Actor{n}CountryCode"] = country
        row[f"Actor{n}Type1Code"] = _sector(event.get(side), country) or None
    code = event.get("code") or ""
    row.update({
        "IsRootEvent": facts.get("is_root_event"), "EventCode": code or None,
        "EventBaseCode": code[:3] or None, "EventRootCode": event.get("root") or code[:2] or None,
        "QuadClass": event.get("quad_class"), "GoldsteinScale": event.get("goldstein"),
        "NumMentions": facts.get("num_mentions"), "NumSources": facts.get("num_sources"),
        "NumArticles": facts.get("num_articles"), "AvgTone": facts.get("avg_tone"),
        "ActionGeo_Type": facts.get("action_geo_type"),
        "ActionGeo_FullName": facts.get("action_geo_fullname"),
        "ActionGeo_CountryCode": facts.get("action_geo_country"),
        "ActionGeo_ADM1Code": facts.get("action_geo_adm1"),
        "ActionGeo_Lat": facts.get("action_geo_lat", facts.get("latitude")),
        "ActionGeo_Long": facts.get("action_geo_long", facts.get("longitude")),
        "ActionGeo_FeatureID": facts.get("action_geo_feature_id"),
        "DATEADDED": _date_added(facts.get("date_added"), event.get("published")),
        "SOURCEURL": facts.get("source_url") or facts.get("url"),
    })
    return row


def _plover_row(event: dict) -> dict[str, Any]:
    facts = _imported_facts(event)
    source_country = _known_country(event.get("source_country"))
    target_country = _known_country(event.get("target_country"))
    intensity = facts.get("intensity", event.get("goldstein"))
    row: dict[str, Any] = dict.fromkeys(polecat.COLUMNS)
    row.update({
        "Event ID": (event.get("event_id") or "").removeprefix(f"{polecat.FORMAT}:") or None,
        "Event Date": event.get("date"), "Event Type": event.get("plover"),
        "Event Mode": facts.get("event_mode"), "Event Intensity": intensity,
        "Quad Code": quad_class_names().get(event.get("quad_class")),
        "Contexts": facts.get("contexts"),
        "Actor Name": event.get("source_name") or event.get("source_text"),
        "Actor Country": country_name(source_country) or None,
        "Primary Actor Sector": _sector(event.get("source"), source_country) or None,
        "Actor Title": facts.get("actor_title"), "Actor Name Raw": event.get("source_text"),
        "Recipient Name": event.get("target_name") or event.get("target_text"),
        "Recipient Country": country_name(target_country) or None,
        "Primary Recipient Sector": _sector(event.get("target"), target_country) or None,
        "Recipient Title": facts.get("recipient_title"), "Recipient Name Raw": event.get("target_text"),
        "Placename": facts.get("placename") or facts.get("action_geo_fullname"),
        "City": facts.get("city"), "District": facts.get("district"),
        "Province": facts.get("province"), "Country": facts.get("country"),
        "Latitude": facts.get("latitude", facts.get("action_geo_lat")),
        "Longitude": facts.get("longitude", facts.get("action_geo_long")),
        "GeoNames ID": facts.get("geonames_id"),
        "Source": _publisher(event, facts),
        "Publication Date": event.get("published"),
        "Language": facts.get("language"), "Version": facts.get("version"),
    })
    row["Actor Sectors"] = row["Primary Actor Sector"]
    row["Recipient Sectors"] = row["Primary Recipient Sector"]
    return row


def _imported_facts(event: dict) -> dict:
    """The facts an imported event's evidence keeps from its file ({} for a coded event, whose
    evidence says how its actors were decided)."""
    evidence = event.get("evidence")
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            return {}
    if not isinstance(evidence, dict) or evidence.get("format") not in _READER_FORMATS:
        return {}
    return evidence


def _publisher(event: dict, facts: dict) -> str | None:
    """Who published the event's story: the row's ``publisher``, else ICEWS's Publisher or
    POLECAT's Source; None if unknown."""
    return (event.get("publisher") or facts.get("publisher")
            or (facts.get("source") if facts.get("format") == polecat.FORMAT else None) or None)


def _known_country(code: str | None) -> str | None:
    return code if code and code != UNKNOWN_COUNTRY else None


def _sector(actor_code: str | None, country: str | None) -> str:
    """The sector part of an actor code: 'GOV' in 'USAGOV' or '---GOV'."""
    actor_code = actor_code or ""
    for prefix in (country, UNKNOWN_COUNTRY):
        if prefix and actor_code.startswith(prefix):
            return actor_code[len(prefix):len(prefix) + 3]
    return ""


def _numeric_id(event_id: str) -> int:
    """GLOBALEVENTID: the number of an event read from GDELT, else a stable 48-bit hash."""
    number = event_id.removeprefix(f"{gdelt.FORMAT}:")
    if number.isdigit():
        return int(number)
    return int(hashlib.sha256(event_id.encode()).hexdigest()[:12], 16)


def _gdelt_dates(date: str | None) -> dict[str, Any]:
    """SQLDATE, MonthYear, Year, FractionDate. GDELT dates are days: a date known only to the
    month or year ('2012-12') is written as the first day of that period."""
    parts = (date or "").split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return {}
    year, month, day = (int(p) for p in (parts + ["01", "01"])[:3])
    try:
        day_of_year = dt.date(year, month, day).timetuple().tm_yday
    except ValueError:
        return {}
    return {"SQLDATE": year * 10000 + month * 100 + day, "MonthYear": year * 100 + month,
            "Year": year, "FractionDate": round(year + day_of_year / 365, 4)}


def _date_added(recorded: str | None, published: str | None) -> int | None:
    if recorded and recorded.isdigit():
        return int(recorded)
    if published and len(published) == 10:
        return int(published.replace("-", "") + "000000")
    return None


# formats ---------------------------------------------------------------------------------------

def _write_csv(rows: Iterator[dict], path: Path, columns: list[str], delimiter: str,
               header: bool, one_line: bool = False) -> int:
    count = 0
    flatten = _one_line if one_line else (lambda value: value)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if delimiter == "\t":
            # GDELT-style: fields never quoted, so tabs and line breaks inside text become spaces
            write_line = lambda values: handle.write("\t".join(_one_line(v) for v in values) + "\n")
        else:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
            write_line = lambda values: writer.writerow([flatten(v) for v in values])
        if header:
            write_line(columns)
        for row in rows:
            write_line([_text(row.get(c)) for c in columns])
            count += 1
    return count


def _write_jsonl(rows: Iterator[dict], path: Path) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def _write_parquet(rows: Iterator[dict], path: Path, columns: list[str],
                   kinds: dict[str, type]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {int: pa.int64(), float: pa.float64(), str: pa.string()}
    schema = pa.schema([(c, arrow_types[kinds[c]]) for c in columns])
    convert = {c: _converter(kinds[c]) for c in columns}
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch := list(islice(rows, PARQUET_BATCH_ROWS)):
            records = [{c: convert[c](row.get(c)) for c in columns} for row in batch]
            writer.write_table(pa.Table.from_pylist(records, schema=schema))
            count += len(batch)
    return count


def _converter(kind: type) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if value is None or value == "":
            return None
        if kind is str:
            return _text(value)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return None
    return convert


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _one_line(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines()) if value else value
