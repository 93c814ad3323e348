"""HTML to documents: a page's main text (trafilatura), its publication date (htmldate), title,
publisher and URL; and the text of the HTML fragments feeds carry.

Main text: trafilatura with ``favor_precision`` and without comments (on the 181 pages of the
article-extraction benchmark this measured best, see ``benchmarks/article_extraction.py``). When
that strict pass keeps under a quarter of what trafilatura's balanced setting finds, it has
latched onto a notice instead of the article and the balanced text is taken. When the strict pass
finds nothing at all (only navigation, a paywall stub, a page rendered by script), the page has
no main text: that is a rejection, never a document made of menus.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlparse

from detente.ingest.documents import drop_repeated_headline
from detente.ingest.encodings import UndecodableText, decode_bytes, html_declared_charset

NO_MAIN_TEXT = "no main text found in the page (only navigation, a stub or a script-rendered page)"
NOT_HTML = "not an HTML page (no document could be parsed from it)"
PRECISION_KEEPS_AT_LEAST = 0.25
_MAIN_TEXT_OPTIONS = {"include_comments": False}
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014:-]\s+|\s+\u00b7\s+")
_BLOCK_TAGS = ["p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "table", "tr", "section", "article", "pre", "figure", "figcaption"]


def html_record(raw: bytes | str, url: str | None = None) -> dict | str:
    """The record of one HTML page (``text``, ``title``, ``published``, ``source``, ``url``,
    ``encoding``), or the reason it yields no document. ``url`` is where the page came from,
    when known; else the page's own canonical link or ``og:url`` is used."""
    if isinstance(raw, bytes):
        try:
            decoded = decode_bytes(raw, declared=html_declared_charset(raw))
        except UndecodableText as err:
            return str(err)
        html, encoding = decoded.text, decoded.encoding
    else:
        html, encoding = raw, None
    html, tree = _parsed_document(html)
    if tree is None:
        return NOT_HTML
    record = page_metadata(tree, url)
    text = main_text(html, record["url"])
    if not text:
        return NO_MAIN_TEXT
    record["text"] = drop_repeated_headline(text, record.pop("headlines"))
    record["encoding"] = encoding
    return record


def main_text(html: str, url: str | None = None) -> str:
    """The page's main text, one paragraph per block, or "" when none can be found."""
    strict = _trafilatura_text(html, url, favor_precision=True)
    if not strict:
        return ""
    balanced = _trafilatura_text(html, url)
    if balanced and _word_count(strict) < PRECISION_KEEPS_AT_LEAST * _word_count(balanced):
        return balanced
    return strict


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content or summary): its main text as for
    a page, else all of its text, with block elements as paragraphs."""
    return main_text(f"<html><body><div>{fragment}</div></body></html>") or plain_text(fragment)


def plain_text(html: str) -> str:
    """All the text of ``html`` but scripts and styles, block elements as paragraphs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for br in soup("br"):
        br.replace_with("\n")
    for block in soup(_BLOCK_TAGS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    return soup.get_text()


def page_metadata(tree, url: str | None = None) -> dict:
    """Title, publication date, publisher and URL of a parsed page, and the forms of its
    headline (to spot the headline repeated in the body)."""
    from trafilatura import extract_metadata

    meta = extract_metadata(tree, default_url=url)
    page_url = url or meta.url
    title_tag = _first_text(tree, "//title")
    title = meta.title or title_tag
    return {
        "title": title,
        "published": publication_date(tree, page_url),
        "source": publisher(tree) or _clean_publisher(meta.sitename),
        "url": page_url,
        "headlines": _headline_forms(title, title_tag, _meta_content(tree, "og:title")),
    }


def publication_date(tree, url: str | None = None) -> str | None:
    """The page's original publication date (not its last modification) as YYYY-MM-DD, by
    htmldate from the URL, the page's metadata (meta tags, JSON-LD, ``<time>``) and its markup;
    None when it finds none. htmldate's extensive search is left off: it falls back to a
    copyright year or a bare month and returns it as a made-up day (2019-01-01)."""
    from htmldate import find_date

    found = find_date(tree, url=url, original_date=True, extensive_search=False,
                      outputformat="%Y-%m-%d", max_date=dt.date.today().isoformat())
    return found or None


def publisher(tree) -> str | None:
    """The publisher's name the page gives: its JSON-LD ``publisher``, else ``og:site_name``.

    JSON-LD names the publisher of the article itself: wire copy on a newspaper's site is
    "Associated Press" there, and names are written out ("The Hill" where ``og:site_name``
    says "TheHill")."""
    return _json_ld_publisher(tree) or _clean_publisher(_meta_content(tree, "og:site_name"))


def _trafilatura_text(html: str, url: str | None, **options) -> str:
    from trafilatura import extract

    text = extract(html, url=url, **_MAIN_TEXT_OPTIONS, **options) or ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def _parsed_document(html: str):
    """(html, parsed tree) for a page; a saved fragment with no ``<html>`` around it (which
    trafilatura takes for not-HTML) is read as the body of a page. The tree is None when
    nothing can be parsed."""
    from trafilatura import load_html

    for candidate in (html, f"<html><body>{html}</body></html>"):
        try:
            tree = load_html(candidate)
        except (TypeError, ValueError):
            tree = None
        if tree is not None:
            return candidate, tree
    return html, None


def _word_count(text: str) -> int:
    return len(text.split())


def _headline_forms(*titles: str | None) -> list[str]:
    forms = []
    for title in filter(None, titles):
        forms.append(title)
        forms.extend(part for part in _TITLE_SEPARATORS.split(title) if len(part.split()) >= 3)
    return forms


def _first_text(tree, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    text = " ".join(found[0].text_content().split()) if found else ""
    return text or None


def _meta_content(tree, name: str) -> str | None:
    for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
        content = " ".join((element.get("content") or "").split())
        if content:
            return content
    return None


def _json_ld_publisher(tree) -> str | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        name = _publisher_in(data)
        if name:
            return name
    return None


def _publisher_in(data) -> str | None:
    """The first publisher name in a JSON-LD value (objects, lists, ``@graph``)."""
    if isinstance(data, list):
        return next(filter(None, map(_publisher_in, data)), None)
    if not isinstance(data, dict):
        return None
    found = data.get("publisher")
    if isinstance(found, list):
        found = found[0] if found else None
    if isinstance(found, dict):
        found = found.get("name")
    if isinstance(found, str) and _clean_publisher(found):
        return _clean_publisher(found)
    return _publisher_in(data.get("@graph"))


def _clean_publisher(name: str | None) -> str | None:
    """A publisher's name, or the host of a URL given as one; None for an empty value."""
    name = " ".join((name or "").split()).lstrip("@")
    if name.startswith(("http://", "https://")):
        name = (urlparse(name).hostname or "").removeprefix("www.")
    return name or None
