"""The briefing report: one self-contained HTML file on a relationship that opens offline and
prints on A4 or Letter.

:func:`write_report` gathers, for two actors and a period, the key judgements (the turning
points, the steepest fall, the channels shut and opened, the spirals: each a sentence with its
figure and a link to the events behind it), the headline figures (acts each way, cooperative
and conflictual shares, Goldstein sums, the change points and their events), the
net-cooperation timeline, the channels opened and closed (one row per change, however many
records report it) and their status at the end (an assumed status shown apart from a recorded
one), the spirals of conflict and the strongest events with their sentences, documents and
event ids, and writes them as HTML with the charts inlined as SVG and the CSS in a ``<style>``.
The file has no JavaScript at all and a Content-Security-Policy that would refuse any; every
piece of text taken from the record (documents are untrusted: titles, sentences, names, notes)
is HTML-escaped, the only links are anchors within the page, and the inlined SVGs are checked to
hold only drawing elements. :func:`write_pdf` prints such a file to PDF with headless Chromium,
where installed, with page numbers and the date in the margins.

The modules: ``data`` (what is shown, from the record), ``judgements``, ``charts`` (the SVGs,
drawn for print), ``document`` (the HTML and its print rules), ``pdf``.
"""

from __future__ import annotations

from pathlib import Path

from detente import api
from detente.periods import period
from detente.web.report.charts import inline_svg
from detente.web.report.data import FREQUENCIES, Briefing, ChannelRow, Turn, gather
from detente.web.report.document import PAPERS, REPORT_POLICY, e, render
from detente.web.report.judgements import Judgement, Link, judgements
from detente.web.report.pdf import chromium, write_pdf

__all__ = ["write_report", "write_pdf", "gather", "render", "inline_svg", "chromium", "judgements",
           "Briefing", "ChannelRow", "Turn", "Judgement", "Link", "REPORT_POLICY", "PAPERS", "FREQUENCIES", "e"]


def write_report(db: str, a: str, b: str, out: str | Path, date_from: str | None = None,
                 date_to: str | None = None, freq: str = "month", top: int = 10, paper: str = "a4",
                 min_confidence: float | None = None) -> Path:
    """Write the briefing on ``a`` and ``b`` (codes or names; between ``date_from`` and
    ``date_to``, YYYY[-MM[-DD]], a bare ``date_to`` to the end of its year or month; default: the
    whole record) to the HTML file ``out``, set to print on ``paper`` ("a4" or "letter"), and
    return its path.

    Self-contained: the timeline and channel board are inline SVG, the CSS inline, no script.
    A period without events gives a report that says so. Raises ValueError on an unknown actor
    or two equal ones, a malformed date, a period that ends before it starts, an unknown
    ``freq`` or ``paper``; StoreError on a database that does not exist.
    """
    date_from, date_to = period(date_from, date_to, ("date_from", "date_to"))
    with api.reading(db) as store:
        a, b = api.resolve_pair(store, a, b)
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {', '.join(FREQUENCIES)}")
    paper = str(paper).lower()
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    briefing = gather(db, a, b, date_from, date_to, freq, max(int(top), 0), min_confidence)
    briefing.paper = paper
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(briefing), encoding="utf-8")
    return path
