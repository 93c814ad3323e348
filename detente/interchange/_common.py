"""What the readers share: the event record, opening (compressed) files, fields, dates, codes."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gzip
import io
import json
import zipfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from detente.events.codes import CameoCode, code_table

# The keys of detente's event record: the columns of store.events except run_id, which the
# store assigns. Kept here rather than imported so that the store may import this package.
EVENT_KEYS = (
    "event_id", "doc_id", "sentence_index", "char_start", "char_end", "sentence",
    "trigger_text", "trigger_start", "trigger_end",
    "source", "source_country", "source_text", "source_name", "source_start", "source_end",
    "target", "target_country", "target_text", "target_name", "target_start", "target_end",
    "code", "root", "quad_class", "goldstein", "plover", "modality",
    "date", "date_precision", "date_text", "published", "confidence", "matched_rule",
    "evidence", "group_id",
)
INTEGER_KEYS = frozenset({"run_id", "sentence_index", "char_start", "char_end", "trigger_start",
                          "trigger_end", "source_start", "source_end", "target_start",
                          "target_end", "quad_class"})
FLOAT_KEYS = frozenset({"goldstein", "confidence"})

UNKNOWN_COUNTRY = "---"
QUAD_CLASSES_FILE = Path(__file__).resolve().parents[1] / "events" / "data" / "quad_classes.csv"
MAX_SKIPPED_EXAMPLES = 20


class EventStream(Iterator[dict]):
    """The events of one file, read lazily; counts the malformed lines it skipped.

    ``layout`` names the variant detected (e.g. ``gdelt2``): that of the first line, and once
    the file is read every variant met, in order (``gdelt1+gdelt1-backfile``); ``layouts``
    counts the lines read in each. ``skipped`` is the number of lines skipped and
    ``skipped_examples`` the first few as ``(line number, reason)``.
    """

    def __init__(self, path: Path, fmt: str, layout: str,
                 parse: Callable[["EventStream"], Iterator[dict]]):
        self.path, self.fmt, self.layout = path, fmt, layout
        self.layouts: Counter[str] = Counter()
        self.skipped = 0
        self.skipped_examples: list[tuple[int, str]] = []
        self._events = parse(self)

    def __next__(self) -> dict:
        return next(self._events)

    def met(self, layout: str) -> None:
        """Count a line read in ``layout``."""
        self.layouts[layout] += 1
        self.layout = "+".join(self.layouts)

    def skip(self, line_no: int, reason: str) -> None:
        self.skipped += 1
        if len(self.skipped_examples) < MAX_SKIPPED_EXAMPLES:
            self.skipped_examples.append((line_no, reason))


class MalformedLine(ValueError):
    """One line that cannot be read as an event; the reader skips it and counts it."""


def not_the_format(path: Path, line_no: int, fmt: str, why: str) -> ValueError:
    return ValueError(f"{path.name}: line {line_no}: not {fmt} event data: {why}")


@contextmanager
def open_text(path: Path) -> Iterator[io.TextIOBase]:
    """A text handle on ``path``; ``.gz`` is gunzipped and ``.zip`` opens its first file."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
            yield handle
    elif suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if not members:
                raise ValueError(f"{path.name}: the zip archive holds no file")
            with archive.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
    else:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            yield handle


def numbered_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line without its end) for every non-blank line."""
    with open_text(path) as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if line.strip():
                yield line_no, line.lstrip("\ufeff") if line_no == 1 else line


def first_line(path: Path) -> tuple[int, str] | None:
    return next(numbered_lines(path), None)


def split_fields(line: str, delimiter: str = "\t") -> list[str]:
    """Fields of one line. Tab-separated files are split plainly (their text may hold stray
    quotes); fields wrapped whole in double quotes, as Dataverse writes them, are unwrapped.
    Other delimiters are read as CSV (quoted fields may hold the delimiter)."""
    if delimiter != "\t":
        try:
            return next(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error as problem:
            raise MalformedLine(f"not a CSV line: {problem}") from None
    return [_unquote(field) for field in line.split("\t")]


def _unquote(field: str) -> str:
    if len(field) >= 2 and field[0] == field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def fit_to_header(fields: list[str], width: int) -> list[str]:
    """The fields of a row under a header of ``width`` names; trailing empty fields beyond the
    header (some published files end rows with extra tabs) are dropped."""
    if len(fields) > width and not any(f.strip() for f in fields[width:]):
        fields = fields[:width]
    if len(fields) != width:
        raise MalformedLine(f"{len(fields)} fields, the header has {width}")
    return fields


def iso_date(text: str) -> str | None:
    """YYYY-MM-DD from 'YYYYMMDD', 'YYYYMMDDHHMMSS', 'YYYY-MM-DD', 'YYYY/MM/DD' or an ISO
    timestamp; None if it is not a real date."""
    text = text.strip()
    if len(text) >= 8 and text[:8].isdigit():
        year, month, day = text[:4], text[4:6], text[6:8]
    elif len(text) >= 10 and text[4] in "-/" and text[7] == text[4]:
        year, month, day = text[:4], text[5:7], text[8:10]
    else:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def required_date(text: str, what: str) -> str:
    value = iso_date(text)
    if value is None:
        raise MalformedLine(f"{what} {text!r} is not a date")
    return value


def dated(text: str, what: str) -> tuple[str, str]:
    """(date, precision) of a full date (as ``required_date``), or of a month or year as
    detente writes a date known no better ('2012-12' -> ('2012-12', 'month'), '2012' ->
    ('2012', 'year')); raises MalformedLine for anything else."""
    text = text.strip()
    full = iso_date(text)
    if full is not None:
        return full, "day"
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() \
            and 1 <= int(text[5:]) <= 12:
        return text, "month"
    if len(text) == 4 and text.isdigit():
        return text, "year"
    raise MalformedLine(f"{what} {text!r} is not a date")


def to_float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def known_code(code: str, name: str | None = None) -> CameoCode | None:
    """The code table row for a CAMEO code, also when a leading zero was lost ('42' for 042).
    When both readings exist ('13' and '013') the one called ``name`` wins, else the code as is."""
    table = code_table()
    code = code.strip()
    found = [table[c] for c in (code, "0" + code) if c.isdigit() and c in table]
    named = [info for info in found if name and info.name.lower() == name.strip().lower()]
    return (named or found or [None])[0]


def nearest_plover(code: str) -> str | None:
    """The PLOVER type of a code or, failing that, of its base code or root."""
    table = code_table()
    for prefix in (code, code[:3], code[:2]):
        if prefix in table and table[prefix].plover:
            return table[prefix].plover
    return None


@functools.lru_cache(maxsize=1)
def quad_class_names() -> dict[int, str]:
    """QuadClass number -> name in upper case ('VERBAL COOPERATION'), from quad_classes.csv."""
    lines = [line for line in QUAD_CLASSES_FILE.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    return {int(row["quad_class"]): row["name"].strip().upper() for row in csv.DictReader(lines)}


def quad_class_from(text: str | None) -> int | None:
    """A QuadClass from '1'..'4' or a name such as 'Material Conflict' / 'MATERIAL_CONFLICT'."""
    text = (text or "").strip()
    if text.isdigit() and int(text) in quad_class_names():
        return int(text)
    wanted = text.upper().replace("_", " ")
    return next((number for number, name in quad_class_names().items() if name == wanted), None)


def new_event(fmt: str, **fields) -> dict:
    """An event record with every key of the schema; imported events are asserted, dated to the
    day and have no trigger, offsets or confidence."""
    event = dict.fromkeys(EVENT_KEYS)
    event.update(sentence="", char_start=0, char_end=0, modality="asserted",
                 date_precision="day", matched_rule=f"import:{fmt}")
    event.update(fields)
    return event


def evidence_json(**facts) -> str:
    """The evidence column: the non-empty facts as a JSON object."""
    return json.dumps({k: v for k, v in facts.items() if v not in (None, "", {}, [])},
                      ensure_ascii=False)


def read_with_header(path: Path, fmt: str, label: str, required: tuple[str | tuple[str, ...], ...],
                     build: Callable[[dict[str, str], int], dict]) -> EventStream:
    """Events of a file whose first line names the columns, tab-separated (as published) or
    comma-separated (a CSV export). ``build`` makes an event from one row (column name ->
    stripped value) and its line number, raising MalformedLine for a row to skip. A header
    without the ``required`` names is refused; a tuple among them means any one of its names."""
    found = first_line(path)
    if found is None:
        return EventStream(path, fmt, "empty", lambda stream: iter(()))
    header_line, header = found
    delimiter = header_delimiter(header)
    layout = "header" if delimiter == "\t" else "header-csv"
    columns = [name.strip() for name in split_fields(header, delimiter)]
    missing = [" or ".join(map(repr, names)) for names in
               (need if isinstance(need, tuple) else (need,) for need in required)
               if not any(name in columns for name in names)]
    if missing:
        raise not_the_format(path, header_line, label, f"the header lacks {', '.join(missing)}")

    def parse(stream: EventStream):
        for line_no, line in numbered_lines(path):
            if line_no == header_line:
                continue
            try:
                fields = fit_to_header(split_fields(line, delimiter), len(columns))
                event = build({c: f.strip() for c, f in zip(columns, fields)}, line_no)
            except MalformedLine as problem:
                stream.skip(line_no, str(problem))
                continue
            stream.met(layout)
            yield event

    return EventStream(path, fmt, layout, parse)


def header_delimiter(header: str) -> str:
    """Tab if the header line holds one, else comma if it holds one, else tab."""
    return "\t" if "\t" in header or "," not in header else ","
