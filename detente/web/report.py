"""The briefing report: one self-contained HTML file on a relationship that opens offline.

:func:`write_report` gathers, for two actors and a period, the headline figures (acts each way,
cooperative and conflictual shares, Goldstein sums, the change points), the net-cooperation
timeline, the channels opened and closed, the spirals of conflict and the strongest events with
their sentences and documents, and writes them as HTML with the charts inlined as SVG and the CSS
in a ``<style>``. The file has no JavaScript at all and a Content-Security-Policy that would
refuse any; every piece of text taken from the record (documents are untrusted: titles,
sentences, names, notes) is HTML-escaped, and the inlined SVGs are checked to hold only drawing
elements. :func:`write_pdf` prints such a file to PDF with headless Chromium, where installed.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from detente import __version__, api
from detente.events.dates import checked_date, full_day
from detente.store import Store

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FREQUENCIES = ("day", "week", "month", "year")
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
TIMELINE_LABELS = 5
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# what an inlined SVG may hold: matplotlib's drawing elements, nothing that runs or loads
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {"svg", "g", "defs", "style", "clipPath", "path", "rect", "circle", "ellipse", "line",
                "polyline", "polygon", "text", "tspan", "use", "title", "desc", "linearGradient",
                "radialGradient", "stop", "pattern", "mask", "marker", "symbol"}

STYLE = """
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1d1d1f; max-width: 1100px; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.sub { color: #555; margin-top: 0; }
.note { color: #555; font-size: .9rem; }
.empty { padding: .8rem 1rem; background: #f5f5f7; border-left: 4px solid #999; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; }
th { background: #f5f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: .8rem; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; }
.figure .big { font-size: 1.6rem; font-weight: 600; }
.chart svg { max-width: 100%; height: auto; display: block; }
.status-closed { color: #b3261e; font-weight: 600; }
.status-suspended { color: #b35c00; font-weight: 600; }
.status-active { color: #1e7b34; font-weight: 600; }
.sentence { font-style: italic; }
mark { background: #fff2a8; }
.spiral { border-left: 4px solid #d62728; padding-left: .8rem; margin: 1rem 0; }
footer { margin-top: 3rem; color: #777; font-size: .85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .spiral, tr { break-inside: avoid; } }
"""


def e(value) -> str:
    """Text from the record, escaped for HTML (quotes too: safe in attributes as well)."""
    return html.escape("" if value is None else str(value), quote=True)


@dataclass
class Briefing:
    """What the report shows, gathered from the record before any HTML is written."""
    a: str
    b: str
    date_from: str | None
    date_to: str | None
    freq: str
    start: str | None = None           # the period shown: as given, else the first and last event
    end: str | None = None
    directions: tuple[str, str] = ("", "")
    figures: dict = field(default_factory=dict)       # direction -> headline figures
    changes: list = field(default_factory=list)       # analysis.series.ChangePoint
    left_out: int = 0
    timeline_svg: str | None = None
    timeline_note: str = ""
    linked: list = field(default_factory=list)        # channels linking a and b
    channel_changes: list = field(default_factory=list)  # (StatusChange, Channel, event or None)
    channel_status: list = field(default_factory=list)   # ChannelStatus at the end of the period
    board_svg: str | None = None
    board_note: str = ""
    spirals: list = field(default_factory=list)
    top_events: list = field(default_factory=list)    # full event records
    documents: dict = field(default_factory=dict)     # doc_id -> document (without text)

    @property
    def acts(self) -> int:
        return sum(f["acts"] for f in self.figures.values())


# the report ------------------------------------------------------------------------------------
def write_report(db: str, a: str, b: str, out: str | Path, date_from: str | None = None,
                 date_to: str | None = None, freq: str = "month", top: int = 10) -> Path:
    """Write the briefing on ``a`` and ``b`` (between ``date_from`` and ``date_to``, YYYY[-MM[-DD]],
    default: the whole record) to the HTML file ``out`` and return its path.

    Self-contained: the timeline and channel board are inline SVG, the CSS inline, no script.
    A period without events gives a report that says so. Raises ValueError on two equal actors,
    a malformed date, a period that ends before it starts or an unknown ``freq``.
    """
    a, b = _actor(a), _actor(b)
    if a == b:
        raise ValueError("the two actors must differ")
    date_from, date_to = _date(date_from, "date_from"), _date(date_to, "date_to")
    if date_from and date_to and full_day(date_from) > full_day(date_to, end=True):
        raise ValueError(f"the period starts ({date_from}) after it ends ({date_to})")
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {', '.join(FREQUENCIES)}")
    briefing = gather(db, a, b, date_from, date_to, freq, max(int(top), 0))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(briefing), encoding="utf-8")
    return path


def gather(db: str, a: str, b: str, date_from: str | None, date_to: str | None, freq: str,
           top: int) -> Briefing:
    """Everything the report shows, from the record in ``db``."""
    briefing = Briefing(a, b, date_from, date_to, freq, directions=(f"{a}->{b}", f"{b}->{a}"))
    report = api.dyad(a, b, db=db, freq=freq, date_from=date_from, date_to=date_to, changes=True)
    acts = report.events
    dates = sorted(d for d in acts["date"] if d) if len(acts) else []
    briefing.start = date_from or (dates[0] if dates else None)
    briefing.end = date_to or (dates[-1] if dates else None)
    briefing.figures = {direction: _figures(acts, *direction.split("->")) for direction in briefing.directions}
    briefing.changes = sorted(report.changes, key=lambda c: (c.period, c.direction))
    briefing.left_out = int(report.series.attrs.get("left_out", 0) or 0)
    with Store(db) as store:
        if len(acts):
            strongest = acts.assign(size=acts["goldstein"].abs()).dropna(subset=["size"])
            strongest = strongest.sort_values(["size", "date", "event_id"], ascending=[False, True, True])
            briefing.top_events = store.events_by_id(strongest["event_id"].head(top))
            # the plot places a label by its day: a month- or year-precise date goes at its start
            labelled = [dict(ev, date=full_day(ev["date"])) if ev.get("date") else ev
                        for ev in store.events_by_id(strongest["event_id"].head(TIMELINE_LABELS))]
        else:
            labelled = []
        _timeline(briefing, report.series, labelled)
        _channels(briefing, db, store)
        briefing.spirals = api.spirals(a, b, db=db, date_from=date_from, date_to=date_to)
        wanted = [ev["doc_id"] for ev in briefing.top_events]
        briefing.documents = {d["doc_id"]: {k: v for k, v in d.items() if k != "text"}
                              for d in store.documents_by_id(wanted)}
    return briefing


def _figures(acts, source: str, target: str) -> dict:
    """Acts, cooperative and conflictual shares and the Goldstein sum of one direction."""
    if len(acts) == 0:
        return {"acts": 0, "cooperative": 0, "conflictual": 0, "goldstein": 0.0, "quads": {}}
    mine = acts[(acts["source_country"] == source) & (acts["target_country"] == target)]
    quads = {q: int((mine["quad_class"] == q).sum()) for q in QUADS}
    return {"acts": int(len(mine)), "cooperative": quads[1] + quads[2], "conflictual": quads[3] + quads[4],
            "goldstein": float(mine["goldstein"].fillna(0).sum()), "quads": quads}


def _timeline(briefing: Briefing, series, labelled: list[dict]) -> None:
    from detente.analysis.plots import plot_dyad_timeline

    if series is None or series.empty or not series["n"].sum():
        briefing.timeline_note = "No dated events to draw."
        return
    with tempfile.TemporaryDirectory() as folder:
        path = plot_dyad_timeline(series, labelled, Path(folder) / "timeline.svg", briefing.a, briefing.b,
                                  label_top=TIMELINE_LABELS)
        briefing.timeline_svg = inline_svg(path.read_text(encoding="utf-8"), "timeline")


def _channels(briefing: Briefing, db: str, store: Store) -> None:
    """The changes of the channels linking the pair within the period, their status at its end
    and the channel board."""
    from detente.analysis.plots import plot_channel_board
    from detente.channels.status import lanes, status_at

    _, linked, changes, _ = api.channel_changes(briefing.a, briefing.b, db=db)
    briefing.linked = linked
    if not linked:
        briefing.board_note = f"No channel in the registry links {briefing.a} and {briefing.b}."
        return
    by_id = {c.id: c for c in linked}
    mine = [c for c in changes if c.channel_id in by_id]
    first = full_day(briefing.start) if briefing.start else min((c.day for c in mine), default=None)
    last = full_day(briefing.end, end=True) if briefing.end else dt.date.today().isoformat()
    within = [c for c in mine if (first is None or c.day >= first) and c.day <= last]
    within.sort(key=lambda c: (c.day, c.channel_id, c.basis))
    events = {ev["event_id"]: ev for ev in store.events_by_id(c.event_id for c in within if c.event_id)}
    seen, shown = set(), []
    for change in within:
        event = events.get(change.event_id) if change.event_id else None
        key = (change.channel_id, change.date, change.status, change.basis, change.note,
               event.get("sentence") if event else None)
        if key not in seen:     # two mentions of one act, or one sentence coded both ways: one line
            seen.add(key)
            shown.append((change, by_id[change.channel_id], event))
    briefing.channel_changes = shown
    briefing.channel_status = status_at(linked, mine, last)
    if first is None or first >= last:
        briefing.board_note = "The period is too short to draw the channel board."
        return
    with tempfile.TemporaryDirectory() as folder:
        path = plot_channel_board(lanes(linked, mine, first, last), Path(folder) / "channels.svg", first, last)
        briefing.board_svg = inline_svg(path.read_text(encoding="utf-8"), "channels")


# SVG ------------------------------------------------------------------------------------------
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


# HTML -----------------------------------------------------------------------------------------
def render(briefing: Briefing) -> str:
    """The report as one HTML document (no script; the data escaped)."""
    title = f"{briefing.a}\u2013{briefing.b} briefing, {_span(briefing.start, briefing.end)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(REPORT_POLICY)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="sub">Coded political events between {e(briefing.a)} and {e(briefing.b)}, each act counted '
        "once (several reports of one act merged), asserted acts only.</p>",
        "</header>",
    ]
    if not briefing.acts:
        parts.append(f'<p class="empty" id="no-events">No events between {e(briefing.a)} and {e(briefing.b)} '
                     "are recorded in this period.</p>")
    parts += _headline(briefing)
    parts += _timeline_section(briefing)
    parts += _channel_section(briefing)
    parts += _spiral_section(briefing)
    parts += _top_section(briefing)
    parts.append(f"<footer>Written by detente {e(__version__)} on {e(dt.date.today().isoformat())}. "
                 "Event codes are CAMEO; weights on the Goldstein scale (\u221210 to +10).</footer>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _headline(briefing: Briefing) -> list[str]:
    out = ['<section id="headline">', "<h2>Headline figures</h2>", '<div class="figures">']
    for direction in briefing.directions:
        f = briefing.figures[direction]
        acts = f["acts"]
        cooperative = _share(f["cooperative"], acts)
        conflictual = _share(f["conflictual"], acts)
        out.append(
            f'<div class="figure" data-direction="{e(direction)}"><h3>{e(direction)}</h3>'
            f'<div class="big"><span class="acts">{acts}</span> act{"" if acts == 1 else "s"}</div>'
            f"<div>cooperative: {f['cooperative']} ({cooperative}), "
            f"conflictual: {f['conflictual']} ({conflictual})</div>"
            f'<div>Goldstein sum: <span class="goldstein">{f["goldstein"]:+.1f}</span></div></div>')
    out.append("</div>")
    if briefing.left_out:
        out.append(f'<p class="note">{briefing.left_out} event(s) dated too coarsely for a {e(briefing.freq)}ly '
                   "series are counted above but not drawn.</p>")
    out.append("<h3>Change points</h3>")
    if not briefing.changes:
        out.append('<p class="note">No change in the level of the weight sum found.</p>')
    else:
        out.append('<table class="changes"><thead><tr><th>direction</th><th>from</th><th class="num">before</th>'
                   '<th class="num">after</th><th class="num">shift</th><th>rank</th><th>note</th></tr></thead><tbody>')
        for point in briefing.changes:
            note = ""
            if point.shift < 0:
                note = ("the steepest fall so far" if point.steepest_fall_since is None else
                        f"the steepest fall since {_period(point.steepest_fall_since, briefing.freq)}")
            out.append(f"<tr><td>{e(point.direction)}</td>"
                       f'<td class="date">{e(_period(point.period, briefing.freq))}</td>'
                       f'<td class="num">{point.before:+.1f}</td><td class="num">{point.after:+.1f}</td>'
                       f'<td class="num">{point.shift:+.1f}</td><td>{point.rank}</td><td>{e(note)}</td></tr>')
        out.append("</tbody></table>")
        out.append(f'<p class="note">Level of the weight sum per {e(briefing.freq)}, before and after each turn; '
                   "rank 1 is the largest shift.</p>")
    out.append("</section>")
    return out


def _timeline_section(briefing: Briefing) -> list[str]:
    out = ['<section id="timeline">', "<h2>Net cooperation</h2>"]
    if briefing.timeline_svg:
        out.append(f'<p class="note">Cooperative minus conflictual acts per {e(briefing.freq)}, each way; '
                   f"the {TIMELINE_LABELS} strongest events starred.</p>")
        out.append(f'<figure class="chart">{briefing.timeline_svg}</figure>')
    else:
        out.append(f'<p class="empty">{e(briefing.timeline_note or "Nothing to draw.")}</p>')
    out.append("</section>")
    return out


def _channel_section(briefing: Briefing) -> list[str]:
    out = ['<section id="channels">', "<h2>Channels of contact</h2>"]
    if not briefing.linked:
        out += [f'<p class="empty">{e(briefing.board_note)}</p>', "</section>"]
        return out
    out.append("<h3>Opened, closed and suspended in the period</h3>")
    if not briefing.channel_changes:
        out.append('<p class="note">No channel changed status in the period.</p>')
    else:
        out.append('<table class="channel-changes"><thead><tr><th>date</th><th>channel</th><th>status</th>'
                   "<th>basis</th><th>note</th></tr></thead><tbody>")
        for change, channel, event in briefing.channel_changes:
            detail = e(change.note)
            if event is not None:
                detail += (f'<br><span class="sentence">\u201c{_sentence(event)}\u201d</span> '
                           f'<span class="note">({e(event.get("date"))}, {e(event.get("code"))})</span>')
            out.append(f'<tr data-channel="{e(channel.id)}"><td class="date">{e(change.date)}</td>'
                       f"<td>{e(channel.name)}</td>"
                       f'<td class="status-{e(change.status)}">{e(change.status)}</td><td>{e(change.basis)}</td>'
                       f"<td>{detail}</td></tr>")
        out.append("</tbody></table>")
    stopped = [s for s in briefing.channel_status if s.status in ("closed", "suspended")]
    out.append(f"<h3>Closed or suspended at the end of the period ({e(briefing.end or 'today')})</h3>")
    if stopped:
        out.append('<table class="channel-status"><thead><tr><th>channel</th><th>level</th><th>status</th>'
                   "<th>since</th><th>basis</th></tr></thead><tbody>")
        for state in stopped:
            out.append(f'<tr data-channel="{e(state.channel.id)}"><td>{e(state.channel.name)}</td>'
                       f'<td>{e(state.channel.level.replace("_", " "))}</td>'
                       f'<td class="status-{e(state.status)}">{e(state.status)}</td>'
                       f"<td class=\"date\">{e(state.since or '')}</td><td>{e(state.basis)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append(f'<p class="note">All {len(briefing.channel_status)} channels were open.</p>')
    if briefing.board_svg:
        out.append(f'<figure class="chart">{briefing.board_svg}</figure>')
    elif briefing.board_note:
        out.append(f'<p class="note">{e(briefing.board_note)}</p>')
    out.append("</section>")
    return out


def _spiral_section(briefing: Briefing) -> list[str]:
    out = ['<section id="spirals">', "<h2>Spirals of conflict</h2>"]
    if not briefing.spirals:
        out += ['<p class="note">No tit-for-tat spiral: no conflictual act answered by the other side '
                "within 60 days.</p>", "</section>"]
        return out
    out.append('<p class="note">Chains of conflictual acts, each side answering the other within 60 days.</p>')
    for number, spiral in enumerate(briefing.spirals, 1):
        turns = spiral.turns
        out.append(f'<div class="spiral"><h3>Spiral {number}: {e(spiral.start)} to {e(spiral.end)}, '
                   f"{turns} turn{'' if turns == 1 else 's'}, {len(spiral.events)} events</h3>")
        out.append("<table><thead><tr><th>date</th><th>direction</th><th>code</th><th>sentence</th></tr></thead>"
                   "<tbody>")
        for move in spiral.moves:
            for event in move.events:
                out.append(f'<tr><td class="date">{e(event.get("date"))}</td>'
                           f"<td>{e(move.source)}\u2192{e(move.target)}</td>"
                           f'<td>{e(event.get("code"))} {e(_code_name(event.get("code")))}</td>'
                           f'<td class="sentence">{_sentence(event)}</td></tr>')
        out.append("</tbody></table></div>")
    out.append("</section>")
    return out


def _top_section(briefing: Briefing) -> list[str]:
    out = ['<section id="top-events">', "<h2>The strongest events</h2>"]
    if not briefing.top_events:
        out += [f'<p class="note">{"No events." if not briefing.acts else "None asked for."}</p>', "</section>"]
        return out
    out.append(f'<p class="note">The {len(briefing.top_events)} events of largest Goldstein weight, either way.</p>')
    out.append('<table><thead><tr><th>date</th><th>direction</th><th>code</th><th class="num">Goldstein</th>'
               "<th>sentence</th><th>document</th></tr></thead><tbody>")
    for event in briefing.top_events:
        document = briefing.documents.get(event.get("doc_id"), {})
        source = ", ".join(str(x) for x in (document.get("source"), document.get("published")) if x)
        goldstein = event.get("goldstein")
        out.append(f'<tr data-event="{e(event.get("event_id"))}"><td class="date">{e(event.get("date"))}</td>'
                   f'<td>{e(event.get("source_country"))}\u2192{e(event.get("target_country"))}</td>'
                   f'<td>{e(event.get("code"))} {e(_code_name(event.get("code")))}</td>'
                   f'<td class="num">{"" if goldstein is None else f"{float(goldstein):+.1f}"}</td>'
                   f'<td class="sentence">{_sentence(event)}</td>'
                   f'<td>{e(document.get("title") or event.get("doc_id"))}'
                   f'{"<br><span class=note>" + e(source) + "</span>" if source else ""}</td></tr>')
    out.append("</tbody></table></section>")
    return out


def _sentence(event: dict) -> str:
    """The event's sentence, escaped, with its trigger marked where the offsets allow."""
    text = str(event.get("sentence") or "")
    base, start, end = event.get("char_start"), event.get("trigger_start"), event.get("trigger_end")
    if None not in (base, start, end) and 0 <= start - base < end - base <= len(text):
        left, right = start - base, end - base
        return f"{e(text[:left])}<mark>{e(text[left:right])}</mark>{e(text[right:])}"
    return e(text)


def _code_name(code) -> str:
    from detente.events import describe

    try:
        return describe(str(code)).name
    except (KeyError, ValueError):
        return ""


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else f"to {end}" if end else "the whole record"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "\u2013"


def _period(when, freq: str) -> str:
    fmt = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}.get(freq, "%Y-%m-%d")
    return when.strftime(fmt)


def _actor(code: str) -> str:
    code = str(code or "").strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{2,10}", code):
        raise ValueError(f"an actor code is 2 to 10 letters or digits, not {code!r}")
    return code


def _date(value: str | None, name: str) -> str | None:
    return checked_date(value, name)


# PDF ------------------------------------------------------------------------------------------
def chromium() -> str | None:
    """Chromium or Chrome: $DETENTE_CHROMIUM, else the usual places, else None."""
    for candidate in (os.environ.get("DETENTE_CHROMIUM"), *CHROMIUM_CANDIDATES,
                      shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def write_pdf(html_path: str | Path, pdf_path: str | Path, timeout: int = 120) -> Path:
    """Print the report ``html_path`` to ``pdf_path`` with headless Chromium (``--print-to-pdf``).
    Raises FileNotFoundError without Chromium and OSError when it fails."""
    source = Path(html_path).resolve()
    if not source.is_file():
        raise FileNotFoundError(f"no such report: {html_path}")
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("Chromium not found: install it (apt-get install chromium) or set DETENTE_CHROMIUM")
    target = Path(pdf_path).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
                   "--disable-background-networking", f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={target}", source.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")   # Chromium will not start as root with its sandbox
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OSError(f"Chromium did not print {source.name} within {timeout} s") from None
    if not target.is_file() or target.stat().st_size == 0 or not target.read_bytes().startswith(b"%PDF"):
        message = (done.stderr or "").strip().splitlines()
        raise OSError(f"Chromium did not write {target}: {message[-1] if message else f'exit code {done.returncode}'}")
    return target
