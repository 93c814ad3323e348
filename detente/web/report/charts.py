"""The report's charts, drawn for print, and the check that lets an SVG into the page.

The charts are those of ``detente.analysis.plots`` (drawn with its helpers), but at the
printable width of an A4 page (:data:`PRINT_WIDTH_IN`) rather than at the width the plots pick
for a screen, and the page shows them at 100% of its text column: a point of chart text prints
as at least a point on A4 and on Letter, so the smallest text drawn (:data:`SMALLEST_PT`, the
timeline's event labels) stays legible. Channel names wrap onto two lines and the board's
legend goes under it, leaving the width to the lanes.
"""

from __future__ import annotations

import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

PRINT_WIDTH_IN = 7.0        # A4 less 15 mm margins is 180 mm (7.09 in); Letter's column is wider
SMALLEST_PT = 7.5           # the smallest text on either chart (the timeline's event labels)
PRINT_RC = {"font.size": 8.5, "axes.titlesize": 10, "axes.labelsize": 8.5, "xtick.labelsize": 8,
            "ytick.labelsize": 8, "legend.fontsize": 8, "legend.title_fontsize": 8}
BOARD_LABEL_CHARS = 36      # channel names wrap onto a second line beyond this

# what an inlined SVG may hold: matplotlib's drawing elements, nothing that runs or loads
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {"svg", "g", "defs", "style", "clipPath", "path", "rect", "circle", "ellipse", "line",
                "polyline", "polygon", "text", "tspan", "use", "title", "desc", "linearGradient",
                "radialGradient", "stop", "pattern", "mask", "marker", "symbol"}


# the charts ------------------------------------------------------------------------------------
def timeline_svg(series, labelled: list[dict], a: str, b: str, label_top: int, measure: str = "net_cooperation",
                 changes=()) -> str:
    """``measure`` both ways per period, the change points dashed, the first ``label_top`` of
    ``labelled`` (strongest first) starred, as inline SVG ``PRINT_WIDTH_IN`` wide."""
    from detente.analysis.plots import plot_dyad_timeline

    with tempfile.TemporaryDirectory() as folder:
        path = plot_dyad_timeline(series, labelled, Path(folder) / "timeline.svg", a, b, label_top=label_top,
                                  measure=measure, changes=changes, width=PRINT_WIDTH_IN, rc=PRINT_RC)
        return inline_svg(path.read_text(encoding="utf-8"), "timeline")


def board_svg(lanes: list[dict], first: str, last: str) -> str:
    """One lane per channel, grouped by level, each interval drawn as the plots draw its state
    (an assumed status pale and hatched), as inline SVG ``PRINT_WIDTH_IN`` wide, the names
    wrapped and the key under the lanes."""
    from detente.analysis.plots import plot_channel_board

    with tempfile.TemporaryDirectory() as folder:
        path = plot_channel_board(lanes, Path(folder) / "channels.svg", first, last, width=PRINT_WIDTH_IN,
                                  rc={**PRINT_RC, "ytick.labelsize": SMALLEST_PT}, label_chars=BOARD_LABEL_CHARS)
        return inline_svg(path.read_text(encoding="utf-8"), "channels")


# inlining --------------------------------------------------------------------------------------
def inline_svg(text: str, prefix: str) -> str:
    """An SVG document ready to inline in HTML: without its XML prolog, doctype, comments and
    metadata, its ids prefixed (two charts in one page must not share ids), and checked to hold
    only drawing elements: no script, no event handler, no foreign object, no outside link."""
    start = text.find("<svg")
    if start < 0:
        raise ValueError("not an SVG document")
    body = text[start:]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r"<metadata>.*?</metadata>", "", body, flags=re.S)
    body = re.sub(r"<[^>]+>", lambda tag: _prefix_ids(tag.group(0), prefix), body)  # tags only, not text
    _check_svg(body)
    return body.strip()


def _prefix_ids(tag: str, prefix: str) -> str:
    tag = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', tag)
    tag = re.sub(r'(href=")#([^"]+)"', lambda m: f'{m.group(1)}#{prefix}-{m.group(2)}"', tag)
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", tag)


def _check_svg(body: str) -> None:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise ValueError(f"refusing to inline an SVG that is not well-formed: {error}") from None
    for node in root.iter():
        tag = node.tag.removeprefix(SVG_NS)
        if tag not in SVG_ELEMENTS:
            raise ValueError(f"refusing to inline an SVG with a <{tag}> element")
        for name, value in node.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ValueError(f"refusing to inline an SVG with an event handler ({local})")
            if local == "href" and not value.startswith("#"):
                raise ValueError("refusing to inline an SVG that links outside itself")
        if tag == "style" and re.search(r"@import|url\((?!#)", node.text or ""):
            raise ValueError("refusing to inline an SVG whose style loads something")
