"""Readers for each input format. Every reader yields Documents and Rejections, never raises."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator
from xml.etree import ElementTree

import yaml

from detente.ingest.documents import Document, Rejection, parse_date

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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield Rejection(str(path), f"not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _records(path, _jsonl_records(text), published, max_bytes)
    elif suffix in CSV_SUFFIXES:
        yield from _records(path, _csv_records(text), published, max_bytes)
    elif suffix in FEED_SUFFIXES:
        yield from _records(path, _feed_records(text), published, max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield from _records(path, [(None, _html_record(text))], published, max_bytes)
    elif suffix in MARKDOWN_SUFFIXES:
        yield from _records(path, [(None, _markdown_record(text))], published, max_bytes)
    else:
        yield from _records(path, [(None, {"text": text})], published, max_bytes)


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
                    url=_opt(record.get("url")), origin=origin)


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
    record["text"] = _strip_markdown(text)
    return record


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)|[*_`]{1,3}", re.M)


def _strip_markdown(text: str) -> str:
    return _MD_MARKUP.sub("", _MD_LINK.sub(r"\1", text))


_HTML_DROP = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "template", "button"]


def _html_record(text: str) -> dict:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    record = {"title": soup.title.get_text(" ", strip=True) if soup.title else None,
              "published": _html_published(soup)}
    for tag in soup(_HTML_DROP):
        tag.decompose()
    body = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = [b.get_text(" ", strip=True) for b in body.find_all(["p", "h1", "h2", "h3", "li", "blockquote"])]
    record["text"] = "\n\n".join(b for b in blocks if b) or body.get_text("\n", strip=True)
    return record


def _html_published(soup) -> str | None:
    for attrs in ({"property": "article:published_time"}, {"name": "date"},
                  {"name": "pubdate"}, {"itemprop": "datePublished"}, {"name": "dc.date"}):
        tag = soup.find("meta", attrs=attrs)
        if tag and tag.get("content"):
            return tag["content"]
    time_tag = soup.find("time", attrs={"datetime": True})
    return time_tag["datetime"] if time_tag else None


def _feed_records(text: str):
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as err:
        yield err.position[0], f"malformed XML feed ({err})"
        return
    items = [e for e in root.iter() if _local(e.tag) in ("item", "entry")]
    if not items:
        yield None, "XML file is not an RSS or Atom feed (no <item> or <entry>)"
        return
    for number, item in enumerate(items, start=1):
        yield f"item {number}", _feed_item(item)


def _feed_item(item) -> dict:
    fields = {_local(child.tag): child for child in item}
    content = next((fields[k] for k in ("encoded", "content", "description", "summary") if k in fields), None)
    raw = "".join(content.itertext()) if content is not None else ""
    link = fields.get("link")
    url = (link.get("href") or (link.text or "").strip()) if link is not None else None
    record = {
        "id": _text(fields.get("guid")) or _text(fields.get("id")),
        "title": _text(fields.get("title")),
        "published": _text(fields.get("pubDate")) or _text(fields.get("published")) or _text(fields.get("updated")),
        "url": url,
        "text": _html_record(raw)["text"] if "<" in raw else raw,
    }
    return record


def _text(element) -> str | None:
    return element.text.strip() if element is not None and element.text else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
