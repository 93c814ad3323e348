"""Reading actor and agent dictionaries in the CAMEO/PETRARCH (TABARI) text format.

Owns the file format only: what comes out is a flat list of :class:`ImportedName` rows (one per
surface name and code) that the store keeps and :mod:`detente.actors.knowledge` turns into
senses. The format, as PETRARCH and Phoenix dictionaries write it:

* an entry starts on an unindented line with its primary name, upper case with ``_`` for
  spaces (``NORTH_KOREA``), optionally followed by its code in brackets (``[PRK]``);
* ``+NAME`` lines add synonyms to the current entry;
* indented lines carry codes for the current entry: ``[CODE]`` replaces the default code,
  ``[CODE <YYMMDD]`` holds before a date, ``[CODE >YYMMDD]`` after it and
  ``[CODE YYYYMMDD-YYYYMMDD]`` between two dates (inclusive); six-digit dates read 00-30 as
  20YY and the rest as 19YY, as KEDS, TABARI and PETRARCH do;
* a code names a state or IGO in its first three characters and a sector in the rest
  (``ARNGOV`` = ``ARN`` + ``GOV``); ``A/B`` names several actors at once;
* ``#`` starts a comment, ``<!-- ... -->`` is a comment (possibly over several lines).

Agent dictionaries map role words to sector codes: ``FOREIGN_MINISTER [~GOVFRM]``, with an
optional plural in braces (``TROOPS {}``, ``GOLDEN_GOOSE {GOLDEN_GEESE}``), else the plural is
formed by PETRARCH's rule (-Y -> -IES, -S -> -SES, else -S); ``!MARKER! = A, B`` defines a
substitution set used as ``!MARKER!`` in later phrases.

Lines that cannot be read are returned as :class:`~detente.ingest.Rejection` (file:line, reason);
the rest of the file is still read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from detente.actors.knowledge import OPEN_START
from detente.ingest import Rejection

CODE_PATTERN = re.compile(r"^[A-Z0-9+\-]{3,}$")
SECTOR_PATTERN = re.compile(r"^[A-Z0-9]{2,}$")
BEFORE_AFTER = re.compile(r"^([<>])\s*(\d{6}|\d{8})$")
RANGE = re.compile(r"^(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})$")
MARKER_DEFINITION = re.compile(r"^!([A-Z0-9_\-]+)!\s*=\s*(.+)$")
TWO_DIGIT_PIVOT = 30  # YY <= 30 is 20YY (KEDS/TABARI/PETRARCH convention)


@dataclass(frozen=True)
class ImportedName:
    """One surface name and one code it stands for, from an actor or agent dictionary.

    ``kind`` is ``actor`` (country + sector) or ``agent`` (a role word: sector only).
    ``start``/``end`` are ISO dates ('' when open); ``entry`` is the entry's primary name and
    ``line`` where the code was given, so dated codes keep their dictionary order.
    """
    kind: str
    surface: str
    country: str
    sector: str
    start: str = ""
    end: str = ""
    entry: str = ""
    line: int = 0

    @property
    def code(self) -> str:
        return self.country + self.sector


@dataclass
class ParseResult:
    names: list[ImportedName] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return len({(n.kind, n.entry) for n in self.names})


@dataclass
class _Code:
    code: str
    start: str
    end: str
    line: int


@dataclass
class _Entry:
    name: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    default: _Code | None = None
    dated: list[_Code] = field(default_factory=list)
    broken: bool = False  # its own line was rejected: it yields no rows and no second report


class LineError(ValueError):
    """A dictionary line that cannot be read."""


# shared line handling -------------------------------------------------------------------------
def _content_lines(text: str):
    """(line number, line without comments) for every line that holds something."""
    in_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = re.sub(r"<!--.*?-->", "", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        if line.lstrip().startswith("<!"):
            continue  # a malformed one-line comment such as "<! -- ... -->"
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line


def surface_text(name: str) -> str:
    """A dictionary name as text: underscores are spaces, trailing underscores dropped."""
    return " ".join(name.replace("_", " ").split())


def _iso(stamp: str) -> str:
    """YYMMDD or YYYYMMDD as an ISO date; raises LineError if it is not a calendar date."""
    if len(stamp) == 6:
        yy = int(stamp[:2])
        stamp = f"{2000 + yy if yy <= TWO_DIGIT_PIVOT else 1900 + yy}{stamp[2:]}"
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d").date().isoformat()
    except ValueError as err:
        raise LineError(f"not a date: {stamp!r}") from err


def _shift(iso: str, days: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _bracket(line: str) -> tuple[str, str]:
    """(text before '[', text inside the brackets); raises LineError without a closing ']'."""
    before, _, rest = line.partition("[")
    if "]" not in rest:
        raise LineError("'[' without a closing ']'")
    return before, rest.split("]", 1)[0].strip()


# actor dictionaries ---------------------------------------------------------------------------
def parse_code_block(inside: str, line: int) -> _Code:
    """The inside of ``[...]``: a code and an optional date restriction."""
    parts = inside.split(None, 1)
    if not parts:
        raise LineError("empty code '[]'")
    code, restriction = parts[0].upper(), (parts[1].strip() if len(parts) > 1 else "")
    for one in code.split("/"):
        if not CODE_PATTERN.match(one):
            raise LineError(f"not an actor code: {parts[0]!r}")
    if not restriction:
        return _Code(code, "", "", line)
    if match := BEFORE_AFTER.match(restriction):
        day = _iso(match.group(2))
        if match.group(1) == "<":
            return _Code(code, OPEN_START, _shift(day, -1), line)
        return _Code(code, _shift(day, 1), "", line)
    if match := RANGE.match(restriction):
        start, end = _iso(match.group(1)), _iso(match.group(2))
        if end < start:
            raise LineError(f"date range ends before it starts: {restriction!r}")
        return _Code(code, start, end, line)
    raise LineError(f"not a date restriction: {restriction!r}")


def parse_actors(text: str, origin: str = "<text>") -> ParseResult:
    """Read an actor dictionary; every entry with a code becomes one row per name and code."""
    result = ParseResult()
    entry: _Entry | None = None
    for number, line in _content_lines(text):
        try:
            entry = _actor_line(line, number, entry, result, origin)
        except LineError as err:
            result.rejections.append(Rejection(f"{origin}:{number}", str(err)))
    _finish(entry, result, origin)
    return result


def _actor_line(line: str, number: int, entry: _Entry | None, result: ParseResult,
                origin: str) -> _Entry | None:
    """Apply one line to the entry being read; returns the entry now being read."""
    stripped = line.strip()
    if stripped.startswith("+"):
        if entry is None:
            raise LineError("synonym '+' before any entry")
        name = surface_text(stripped[1:].split(";", 1)[0])
        if not name:
            raise LineError("empty synonym")
        entry.synonyms.append(name)
        return entry
    if line[0].isspace() or stripped.startswith("["):
        if entry is None:
            raise LineError("code line before any entry")
        _add_code(entry, stripped, number)
        return entry
    _finish(entry, result, origin)
    before = stripped.partition("[")[0]
    name = surface_text(before)
    if not name:
        raise LineError("entry without a name")
    new = _Entry(name, number)
    if "[" in stripped:
        try:
            _add_code(new, stripped, number)
        except LineError as err:
            new.broken = True  # reported once, here; its synonyms and codes go with it
            result.rejections.append(Rejection(f"{origin}:{number}", str(err)))
    return new


def _add_code(entry: _Entry, text: str, number: int) -> None:
    _, inside = _bracket(text)
    code = parse_code_block(inside, number)
    if code.start or code.end:
        entry.dated.append(code)
    else:
        entry.default = code  # an undated code replaces the default


def _finish(entry: _Entry | None, result: ParseResult, origin: str) -> None:
    """Emit the rows of a finished entry: each name with each code (dated codes first, in
    dictionary order, then the default)."""
    if entry is None or entry.broken:
        return
    codes = entry.dated + ([entry.default] if entry.default else [])
    if not codes:
        result.rejections.append(Rejection(f"{origin}:{entry.line}", f"entry {entry.name!r} has no code"))
        return
    for surface in [entry.name, *entry.synonyms]:
        for code in codes:
            for one in code.code.split("/"):
                result.names.append(ImportedName("actor", surface, one[:3], one[3:], code.start,
                                                 code.end, entry.name, code.line))


# agent dictionaries ---------------------------------------------------------------------------
def parse_agents(text: str, origin: str = "<text>") -> ParseResult:
    """Read an agent dictionary: role words (and their plurals) -> sector codes."""
    result = ParseResult()
    markers: dict[str, list[str]] = {}
    for number, line in _content_lines(text):
        try:
            result.names += _agent_line(line.strip(), number, markers)
        except LineError as err:
            result.rejections.append(Rejection(f"{origin}:{number}", str(err)))
    return result


def _agent_line(line: str, number: int, markers: dict[str, list[str]]) -> list[ImportedName]:
    if match := MARKER_DEFINITION.match(line):
        markers[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
        return []
    if "[" not in line:
        raise LineError("agent without a code")
    phrase, inside = _bracket(line)
    sector = inside.replace("~", "").replace(" ", "").upper()
    if not SECTOR_PATTERN.match(sector):
        raise LineError(f"not a sector code: {inside!r}")
    phrase, plural = _plural_of(phrase.strip())
    names = []
    for singular in _substituted(phrase, markers):
        forms = [singular] + ([plural] if plural is not None else [_plural(singular)])
        for form in forms:
            if form:
                text = surface_text(form)
                names.append(ImportedName("agent", text, "", sector, entry=surface_text(singular),
                                          line=number))
    return names


def _plural_of(phrase: str) -> tuple[str, str | None]:
    """The phrase and its plural given in braces (None: form it by rule; '': no plural)."""
    if "{" not in phrase:
        return phrase, None
    if "}" not in phrase:
        raise LineError("'{' without a closing '}'")
    head, _, rest = phrase.partition("{")
    return head.strip(), rest.split("}", 1)[0].strip()


def _plural(phrase: str) -> str:
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase + "ES"
    return phrase + "S"


def _substituted(phrase: str, markers: dict[str, list[str]]) -> list[str]:
    match = re.search(r"!([A-Z0-9_\-]+)!", phrase)
    if not match:
        return [phrase]
    if match.group(1) not in markers:
        raise LineError(f"substitution marker !{match.group(1)}! is not defined")
    return [out for word in markers[match.group(1)]
            for out in _substituted(phrase[:match.start()] + word + phrase[match.end():], markers)]


# files ------------------------------------------------------------------------------------------
FORMATS = {"petrarch": parse_actors, "petrarch-agents": parse_agents}


def read_dictionary(path: str | Path, fmt: str = "petrarch") -> ParseResult:
    """Read an actor (``petrarch``) or agent (``petrarch-agents``) dictionary file.

    Raises ValueError for an unknown format or a file that is not UTF-8 text; OSError if it
    cannot be read.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown dictionary format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    path = Path(path)
    data = path.read_bytes()
    if b"\x00" in data:
        raise ValueError(f"{path}: not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    return FORMATS[fmt](text, str(path))
