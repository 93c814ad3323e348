"""The document record, text normalisation, identity and publication dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
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
    """NFC, one kind of newline, no control characters, runs of spaces collapsed, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


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
