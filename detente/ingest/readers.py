"""Reading files and folders: which reader a file goes to, the line formats (JSONL, CSV), plain
text and Markdown, and the checks every record passes (size, date, empty text). HTML pages are
read by :mod:`detente.ingest.html`, feeds by :mod:`detente.ingest.feeds`, bytes decoded by
:mod:`detente.ingest.encodings`. Every reader yields Documents and Rejections, never raises."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from detente.ingest.documents import Document, Rejection, drop_repeated_headline, parse_date
from detente.ingest.encodings import UndecodableText, decode_bytes
from detente.ingest.feeds import feed_records
from detente.ingest.html import html_record

MAX_DOCUMENT_BYTES = 1_000_000
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
                      | CSV_SUFFIXES | FEED_SUFFIXES)

Item = Document | Rejection


def read_inputs(paths: Iterable[str | os.PathLike], published: str | None = None,
                max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """Documents and rejections from files and folders, in a stable order.

    ``published`` is the date for documents whose own metadata gives none.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path, published, max_bytes)
        elif path.is_file():
            yield from _read_file(path, published, max_bytes)
        else:
            yield Rejection(str(path), "no such file or folder")


def _read_folder(folder: Path, published, max_bytes) -> Iterator[Item]:
    found = False
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            yield Rejection(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
            continue
        for item in _read_file(path, published, max_bytes):
            found = found or isinstance(item, Document)
            yield item
    if not found:
        yield Rejection(str(folder), "folder contains no documents")


def _read_file(path: Path, published, max_bytes) -> Iterator[Item]:
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    problem = _binary_or_empty(raw)
    if problem:
        yield Rejection(str(path), problem)
        return
    if suffix in FEED_SUFFIXES:
        yield from _records(path, feed_records(raw), published, max_bytes)
        return
    if suffix in HTML_SUFFIXES:
        yield from _records(path, [(None, html_record(raw))], published, max_bytes)
        return
    try:
        decoded = decode_bytes(raw)
    except UndecodableText as err:
        yield Rejection(str(path), str(err))
        return
    records = _text_records(suffix, decoded.text)
    yield from _records(path, _with_encoding(records, decoded.encoding), published, max_bytes)


def _text_records(suffix: str, text: str):
    if suffix in JSONL_SUFFIXES:
        return _jsonl_records(text)
    if suffix in CSV_SUFFIXES:
        return _csv_records(text)
    if suffix in MARKDOWN_SUFFIXES:
        return [(None, _markdown_record(text))]
    return [(None, {"text": text})]


def _with_encoding(records, encoding: str):
    for line, record in records:
        if isinstance(record, dict):
            record = {**record, "encoding": encoding}
        yield line, record


def _binary_or_empty(raw: bytes) -> str | None:
    if not raw.strip():
        return "empty file"
    if b"\x00" in raw[:8192]:
        return "binary file (contains NUL bytes)"
    return None


def _records(path: Path, records, published, max_bytes) -> Iterator[Item]:
    """Turn (line, record-or-error) pairs into Documents, checking each record."""
    for line, record in records:
        origin = f"{path}:{line}" if line else str(path)
        if isinstance(record, str):
            yield Rejection(origin, record)
            continue
        yield _document(origin, record, published, max_bytes)


def _document(origin: str, record: dict, published, max_bytes) -> Item:
    text = record.get("text")
    if text is None or not isinstance(text, str):
        return Rejection(origin, "no 'text' field" if text is None else "'text' is not a string")
    if not text.strip():
        return Rejection(origin, "empty text, skipped", fatal=False)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Rejection(origin, f"document is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit")
    try:
        date = parse_date(record.get("published") or record.get("date") or published)
    except ValueError as err:
        return Rejection(origin, f"bad publication date: {err}")
    return Document(text=text, doc_id=record.get("id") or "", published=date,
                    title=_opt(record.get("title")), source=_opt(record.get("source")),
                    url=_opt(record.get("url")), origin=origin, encoding=_opt(record.get("encoding")))


def _opt(value) -> str | None:
    return None if value in (None, "") else str(value)


def _jsonl_records(text: str):
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield number, f"malformed JSON ({err.msg} at column {err.colno})"
            continue
        if not isinstance(record, dict):
            yield number, "a JSON line must be an object with a 'text' field"
            continue
        yield number, record


def _csv_records(text: str):
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        yield 1, "CSV has no 'text' column"
        return
    try:
        for row in reader:
            yield reader.line_num, {k: v for k, v in row.items() if k}
    except csv.Error as err:
        yield reader.line_num, f"malformed CSV ({err})"


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _markdown_record(text: str) -> dict:
    record: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        if isinstance(meta, dict):
            record.update({k: meta[k] for k in ("id", "title", "source", "url", "published", "date")
                           if k in meta})
        text = text[match.end():]
    record["text"] = drop_repeated_headline(_strip_markdown(text), [_opt(record.get("title"))])
    return record


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$", re.M)
_MD_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+", re.M)
_MD_MARKUP = re.compile(r"^\s{0,3}>\s?|[*_`]{1,3}", re.M)


def _strip_markdown(text: str) -> str:
    """Plain text: links as their words, no emphasis or quote marks; a heading or a list item
    becomes a paragraph of its own (so that unwrapping never runs it into its neighbours)."""
    text = _MD_HEADING.sub(lambda m: f"\n{m.group(1)}\n", _MD_LINK.sub(r"\1", text))
    return _MD_MARKUP.sub("", _MD_LIST_ITEM.sub("\n", text))
