"""RSS and Atom feeds to records, by feedparser: one record per item, the feed's title as each
item's publisher. feedparser reads the file's bytes itself, so it recovers what a strict XML
parser refuses: undefined entities (``&nbsp;``), a declared encoding the bytes are not in."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import urlparse

from detente.ingest.documents import drop_repeated_headline, parse_date
from detente.ingest.encodings import codec_name
from detente.ingest.html import fragment_text

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def feed_records(raw: bytes):
    """(item label, record-or-reason) pairs for a feed file's bytes."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(raw), sanitize_html=True, resolve_relative_uris=False)
    problem = _not_a_feed(parsed)
    if problem:
        yield None, problem
        return
    publisher = _clean(parsed.feed.get("title"))
    encoding = codec_name(parsed.get("encoding"))
    for number, entry in enumerate(parsed.entries, start=1):
        record = entry_record(entry, publisher)
        record["encoding"] = encoding
        yield f"item {number}", record


def entry_record(entry, publisher: str | None = None) -> dict:
    """One feed item: id (guid), title, link, publication date, text, publisher."""
    title = _clean(entry.get("title"))
    source = entry.get("source") or {}
    return {
        "id": _clean(entry.get("id")),
        "title": title,
        "url": _web_link(entry.get("link")),
        "published": entry_date(entry),
        "source": _clean(source.get("title")) or publisher,
        "text": drop_repeated_headline(entry_text(entry), [title]),
    }


def entry_text(entry) -> str:
    """The item's content, else its summary, HTML turned into text as for a page."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if detail and (detail.get("value") or "").strip():
            value = detail["value"]
            return fragment_text(value) if detail.get("type") in _HTML_TYPES else value
    return ""


def entry_date(entry) -> str | None:
    """The item's publication date (else its update date) as YYYY-MM-DD: the calendar day the
    feed wrote, else the day of feedparser's parsed (UTC) time."""
    for key in ("published", "updated"):
        try:
            written = parse_date(entry.get(key))
        except ValueError:
            written = None
        parsed = entry.get(f"{key}_parsed")
        if written or parsed:
            return written or dt.date(*parsed[:3]).isoformat()
    return None


def _not_a_feed(parsed) -> str | None:
    """Why a parsed file yields no items, None when it does (recovered bozo feeds included)."""
    if not parsed.entries:
        if parsed.bozo:
            return f"malformed XML feed ({parsed.bozo_exception})"
        if parsed.get("version"):
            return "feed has no items"
        return "XML file is not an RSS or Atom feed (no <item> or <entry>)"
    if parsed.bozo and not any(e.get("title") or entry_text(e) for e in parsed.entries):
        return f"malformed XML feed, no item could be read ({parsed.bozo_exception})"
    return None


def _web_link(link: str | None) -> str | None:
    return link if link and urlparse(link).scheme in ("http", "https") else None


def _clean(value) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None
