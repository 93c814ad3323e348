"""The document record, text normalisation (line unwrapping, repeated headlines), identity and
publication dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Document:
    text: str
    doc_id: str = ""
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""
    encoding: str | None = None  # how the file's bytes were decoded (not stored unless the store asks)
    content_hash: str = field(init=False, default="")

    def __post_init__(self):
        self.text = normalise_text(self.text)
        self.content_hash = content_hash(self.text)
        self.doc_id = str(self.doc_id).strip() if self.doc_id not in (None, "") else self.content_hash[:16]
        self.published = parse_date(self.published)


@dataclass(frozen=True)
class Rejection:
    """Input that was not stored: where it is and why. ``fatal`` is False for input that
    holds nothing to lose (a record whose text is empty): it is reported, not an error."""
    origin: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no control characters, runs of spaces collapsed, trimmed, and
    hard line breaks inside paragraphs joined (see :func:`unwrap_lines`); paragraphs are
    separated by one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n\n".join(unwrap_lines(block) for block in _paragraphs(lines))


def _paragraphs(lines: list[str]) -> Iterator[list[str]]:
    """Runs of non-blank lines."""
    block: list[str] = []
    for line in lines:
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


WRAP_MIN_COLUMNS = 40  # text wrapped by hand or by a mailer wraps at 60-80 columns
WRAP_MIN_SHARE = 0.6   # a wrapped line fills most of the paragraph's width
_LIST_MARKER = re.compile(r"^(?:[-*+\u2022\u2023\u25aa\u25cf\u2013\u2014]\s|\(?(?:\d{1,3}|[a-z])[.)]\s)")


def unwrap_lines(lines: list[str]) -> str:
    """One paragraph (consecutive non-blank lines) with its hard line breaks joined into spaces.

    Text wrapped at a fixed width (~70 columns in .txt files, feeds, e-mail copy) breaks lines
    inside sentences; those breaks are not the writer's. The rule is conservative: the break
    after a line is joined only when that line looks wrapped, i.e. it is at least
    ``WRAP_MIN_COLUMNS`` characters long and at least ``WRAP_MIN_SHARE`` of the paragraph's
    longest line (a wrapped line stops near the width; a short line ends where its writer ended
    it: a heading, a name, a salutation, an address), and the next line does not start with a
    list marker (``-``, ``*``, ``•``, ``1.``, ``a)``), which always starts a line of its own.
    Paragraph breaks (blank lines) are never touched, so a heading or a list item standing
    alone before a blank line keeps its own line.
    """
    width = max(len(line) for line in lines)
    joined = [lines[0]]
    for previous, line in zip(lines, lines[1:]):
        wrapped = len(previous) >= WRAP_MIN_COLUMNS and len(previous) >= WRAP_MIN_SHARE * width
        if wrapped and not _LIST_MARKER.match(line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return "\n".join(joined)


_HEADLINE_NOISE = re.compile(r"[\W_]+")


def drop_repeated_headline(text: str, titles) -> str:
    """``text`` without its first paragraph when that paragraph is the headline again.

    Pages and feed items often repeat their title as the first block of the body; coded twice,
    a headline's event would be counted twice. The first paragraph (or first line) is dropped
    only when it equals one of ``titles`` up to case, spacing and punctuation; a first
    paragraph that merely begins with the title's words is a sentence and stays.
    """
    wanted = {_headline_key(t) for t in titles if t and _headline_key(t)}
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    if wanted and rest.strip() and _headline_key(first) in wanted:
        return rest.lstrip("\n")
    return text


def _headline_key(text: str) -> str:
    return _HEADLINE_NOISE.sub(" ", text.casefold()).strip()


def content_hash(normalised_text: str) -> str:
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%b %d, %Y",
                 "%d %b %Y")


def parse_date(value) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date, a datetime or a common date string; None if absent.

    Raises ValueError for a value that is present but not a date.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")
