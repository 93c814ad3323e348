"""The report as one HTML document: no script, the record's text escaped, the charts inline SVG,
and print rules for A4 or Letter (page numbers and the date in the margins, headings kept with
what follows)."""

from __future__ import annotations

import html

from detente import __version__
from detente.events.codes import code_name
from detente.web.report.data import NOT_ESTABLISHED, TIMELINE_LABELS, Briefing
from detente.web.report.judgements import (Judgement, Link, arrow_of, change_anchor, cited, event_anchor,
                                           judgements, period)

REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
PAPERS = {"a4": "A4", "letter": "letter"}
# the order of the status table: what is shut first, what is only assumed last
STATE_ORDER = {"closed": 0, "suspended": 1, "ended": 2, "active": 3, **{s: 4 for s in NOT_ESTABLISHED}}

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
#key-judgements { background: #f7f7f9; border: 1px solid #ddd; border-radius: 6px; padding: .2rem 1.2rem .6rem; }
#key-judgements h2 { margin-top: .8rem; }
ol.judgements { padding-left: 1.2rem; margin: .4rem 0; }
ol.judgements li { margin: .45rem 0; }
a { color: #0b57d0; text-decoration: none; border-bottom: 1px dotted #0b57d0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #e3e3e3; }
th { background: #f5f5f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
code.id { font: .82em/1.2 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; color: #444;
          white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: .8rem; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; }
.figure .big { font-size: 1.6rem; font-weight: 600; }
figure.chart { margin: .8rem 0; }
.chart svg { width: 100%; height: auto; display: block; }
.status-closed { color: #b3261e; font-weight: 600; }
.status-suspended { color: #b35c00; font-weight: 600; }
.status-active { color: #1e7b34; font-weight: 600; }
.status-ended { color: #4a4a4a; font-weight: 600; }
.status-not-yet-established { color: #6b6b6b; }
td .note { font-weight: normal; }
tr.assumed td { color: #808080; }
.status-assumed { color: #808080; font-style: italic; font-weight: normal; }
.sentence { font-style: italic; }
.cited + .cited { margin-top: .3rem; }
mark { background: #fff2a8; }
tr:target, .cited:target { background: #fff6d6; outline: 2px solid #e0b800; }
.spiral { border-left: 4px solid #d62728; padding-left: .8rem; margin: 1rem 0; }
footer { margin-top: 3rem; color: #777; font-size: .85rem; }
@page { margin: 16mm 15mm 16mm; }
@media print {
  body { font-size: 9.5pt; line-height: 1.35; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 16pt; margin-top: 0; }
  h2 { font-size: 12.5pt; margin-top: 16pt; }
  h3 { font-size: 10.5pt; margin: 10pt 0 4pt; }
  .note, .sub { font-size: 8.5pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 2pt 4pt; }
  .figure .big { font-size: 14pt; }
  a { color: inherit; border-bottom: none; text-decoration: underline dotted; }
  h1, h2, h3 { break-after: avoid; break-inside: avoid; }
  h2 + p, h3 + p, .keep { break-after: avoid; }
  figure, tr, li, .figure, .spiral, .empty, #key-judgements { break-inside: avoid; }
  thead { display: table-header-group; }
  code.id { font-size: 7.5pt; }
  footer { font-size: 8pt; margin-top: 16pt; }
}
"""


def e(value) -> str:
    """Text from the record, escaped for HTML (quotes too: safe in attributes as well)."""
    return html.escape("" if value is None else str(value), quote=True)


def css_string(text: str) -> str:
    """``text`` as a CSS string: quotes, backslashes, controls and anything not ASCII escaped."""
    out = []
    for char in str(text):
        if char.isascii() and char.isprintable() and char not in "\"'\\<>&":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


def page_style(paper: str) -> str:
    """The page size rule (the PDF printer rewrites it for another paper)."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPERS)}")
    return f'<style id="paper">@page {{ size: {PAPERS[paper]}; }}</style>'


def margin_style(title: str, written: str) -> str:
    """What each printed page carries in its margins: the title, the date, page N of M."""
    small = "font: 8pt system-ui, Helvetica, Arial, sans-serif; color: #555;"
    return ("<style>@page { "
            f"@top-left {{ content: {css_string(title)}; {small} }} "
            f"@top-right {{ content: {css_string('written ' + written)}; {small} }} "
            f'@bottom-right {{ content: "page " counter(page) " of " counter(pages); {small} }} '
            f"@bottom-left {{ content: {css_string('detente ' + __version__ + ', ' + written)}; {small} }} "
            "}</style>")


class Anchors:
    """The in-page anchors of events: an event's row carries ``id="event-<id>"`` where it is
    first shown (an id may appear once in a page)."""

    def __init__(self):
        self.placed: set[str] = set()

    def take(self, event_id) -> str:
        if not event_id or str(event_id) in self.placed:
            return ""
        self.placed.add(str(event_id))
        return f' id="{e(event_anchor(event_id))}"'


# the document ----------------------------------------------------------------------------------
def render(briefing: Briefing) -> str:
    """The report as one HTML document (no script; the data escaped)."""
    title = f"{briefing.a}\u2013{briefing.b} briefing, {_span(briefing.start, briefing.end)}"
    found = judgements(briefing)
    anchors = Anchors()
    body = [*_judgement_section(briefing, found), *_headline(briefing, anchors), *_timeline_section(briefing),
            *_channel_section(briefing, anchors), *_spiral_section(briefing, anchors),
            *_top_section(briefing, anchors)]
    body += _cited_section(briefing, [i for i in cited(found) if i not in anchors.placed], anchors)
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
        margin_style(title, briefing.written),
        page_style(briefing.paper),
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="sub">Coded political events between {e(briefing.a)} and {e(briefing.b)}, each act counted '
        f"once (several reports of one act merged), asserted acts only"
        + (f", each at least {briefing.min_confidence:.0%} likely to be right" if briefing.min_confidence else "")
        + f". Written {e(briefing.written)}.</p>",
        "</header>",
        *body,
        f"<footer>Written by detente {e(__version__)} on {e(briefing.written)}. "
        f"Event codes are CAMEO; weights on the {e(briefing.scale)} scale (\u221210 to +10).</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _judgement_section(briefing: Briefing, found: list[Judgement]) -> list[str]:
    out = ['<section id="key-judgements">', "<h2>Key judgements</h2>"]
    if not briefing.acts:
        out += [f'<p class="empty" id="no-events">No events between {e(briefing.a)} and {e(briefing.b)} '
                "are recorded in this period.</p>", "</section>"]
        return out
    out.append('<ol class="judgements">')
    for judgement in found:
        text = "".join(f'<a href="#{e(p.target)}">{e(p.text)}</a>' if isinstance(p, Link) else e(p)
                       for p in judgement.parts)
        out.append(f'<li data-judgement="{e(judgement.key)}"><strong>{e(judgement.title)}.</strong> {text}</li>')
    out += ["</ol>", '<p class="note">Each link goes to the events behind the judgement, listed below with '
            "their event ids.</p>", "</section>"]
    return out


def _headline(briefing: Briefing, anchors: Anchors) -> list[str]:
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
    turns = briefing.turns_shown
    if not turns:
        out.append(f'<p class="note">No change in the level of {e(briefing.measure)} found.</p>')
        out.append("</section>")
        return out
    out.append(f'<p class="note keep">The level of {e(briefing.measure)} per {e(briefing.freq)}, before and after '
               "each turn; rank 1 is the largest shift.</p>")
    out.append('<table class="changes"><thead><tr><th>direction</th><th>from</th><th class="num">before</th>'
               '<th class="num">after</th><th class="num">shift</th><th>rank</th><th>note</th></tr></thead><tbody>')
    for turn in turns:
        point = turn.point
        note = ""
        if point.shift < 0:
            note = ("the steepest fall so far" if point.steepest_fall_since is None else
                    f"the steepest fall since {period(point.steepest_fall_since, briefing.freq)}")
        out.append(f"<tr><td>{e(point.direction)}</td>"
                   f'<td class="date">{e(period(point.period, briefing.freq))}</td>'
                   f'<td class="num">{point.before:+.1f}</td><td class="num">{point.after:+.1f}</td>'
                   f'<td class="num">{point.shift:+.1f}</td><td>{point.rank}</td><td>{e(note)}</td></tr>')
    out.append("</tbody></table>")
    if any(turn.events for turn in turns):
        out.append("<h3>Events at the turns</h3>")
        out.append(f'<p class="note keep">The strongest events of each turn\u2019s direction in the {e(briefing.freq)} '
                   f"the new level starts (or, when that {e(briefing.freq)} is quiet, the last ones before it).</p>")
        out.append('<table class="turn-events"><thead><tr><th>turn</th><th>date</th><th>code</th>'
                   '<th class="num">Goldstein</th><th>sentence</th><th>event</th></tr></thead><tbody>')
        for turn in turns:
            label = f"{period(turn.point.period, briefing.freq)} {turn.point.direction}"
            for event in turn.events:
                out.append(f'<tr{anchors.take(event.get("event_id"))} data-event="{e(event.get("event_id"))}">'
                           f'<td class="date">{e(label)}{" (last before)" if turn.before else ""}</td>'
                           f'<td class="date">{e(event.get("date"))}</td>{_code_cell(event)}'
                           f'<td class="num">{_weight(event)}</td>'
                           f'<td class="sentence">{_sentence(event)}</td>{_id_cell(event)}</tr>')
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _timeline_section(briefing: Briefing) -> list[str]:
    out = ['<section id="timeline">', "<h2>Net cooperation</h2>"]
    if briefing.timeline_svg:
        out.append(f'<p class="note">Cooperative minus conflictual acts per {e(briefing.freq)}, each way; '
                   f"the {TIMELINE_LABELS} acts of largest weight starred, at most one per {e(briefing.freq)}.</p>")
        out.append(f'<figure class="chart">{briefing.timeline_svg}</figure>')
    else:
        out.append(f'<p class="empty">{e(briefing.timeline_note or "Nothing to draw.")}</p>')
    out.append("</section>")
    return out


def _channel_section(briefing: Briefing, anchors: Anchors) -> list[str]:
    out = ['<section id="channels">', "<h2>Channels of contact</h2>"]
    if not briefing.linked:
        out += [f'<p class="empty">{e(briefing.board_note)}</p>', "</section>"]
        return out
    out.append("<h3>Opened, closed and suspended in the period</h3>")
    if not briefing.channel_changes:
        out.append('<p class="note">No channel changed status in the period.</p>')
    else:
        out.append('<p class="note keep">One row per change: where the registry and an event record the same '
                   "change, the basis says both.</p>")
        out.append('<table class="channel-changes"><thead><tr><th>date</th><th>channel</th><th>status</th>'
                   "<th>basis</th><th>record</th></tr></thead><tbody>")
        for number, row in enumerate(briefing.channel_changes):
            own = anchors.take(row.events[0].get("event_id")) if row.events else f' id="{change_anchor(number)}"'
            status = f'<td class="status-{e(_css(row.status))}">{e(row.status)}'
            if not row.changed:
                status += ('<br><span class="note">first record</span>' if not row.previous.recorded else
                           f'<br><span class="note">already {e(row.previous.status)}</span>')
            out.append(f'<tr data-channel="{e(row.channel.id)}"{own}><td class="date">{e(row.date)}</td>'
                       f"<td>{e(row.channel.name)}</td>{status}</td><td>{e(row.basis)}</td>"
                       f"<td>{_record(row, anchors, first_anchored=bool(own) and bool(row.events))}</td></tr>")
        out.append("</tbody></table>")
    out += _status_table(briefing)
    if briefing.board_svg:
        out.append('<h3>The channel board</h3>')
        out.append('<p class="note keep">Each channel\u2019s state through the period; pale hatched: active by '
                   "assumption, no change recorded.</p>")
        out.append(f'<figure class="chart">{briefing.board_svg}</figure>')
    elif briefing.board_note:
        out.append(f'<p class="note">{e(briefing.board_note)}</p>')
    out.append("</section>")
    return out


def _record(row, anchors: Anchors, first_anchored: bool) -> str:
    """What records a channel change: the registry's and hand notes, each event's sentence and id."""
    parts = []
    for change in row.changes:
        if change.basis == "event":
            continue
        when = f" ({e(change.date)})" if change.date != row.date else ""
        if change.note or when:
            parts.append(f'<div class="cited">{e(change.basis)}{when}: {e(change.note)}</div>')
    for when, text in row.marks:
        parts.append(f'<div class="cited">registry: {e(text)}</div>')
    for i, event in enumerate(row.events):
        own = "" if i == 0 and first_anchored else anchors.take(event.get("event_id"))
        parts.append(f'<div class="cited"{own}><span class="sentence">\u201c{_sentence(event)}\u201d</span> '
                     f'<span class="note">({e(event.get("date"))}, {e(event.get("code"))}, event '
                     f'<code class="id">{e(event.get("event_id"))}</code>)</span></div>')
    return "".join(parts)


def _status_table(briefing: Briefing) -> list[str]:
    states = sorted(briefing.channel_status,
                    key=lambda s: (STATE_ORDER.get(s.status, 5) + (2 if not s.recorded else 0)))
    assumed = sum(not s.recorded for s in states)
    out = [f"<h3>Status at the end of the period ({e(briefing.end or 'today')})</h3>"]
    if not states:
        return out + ['<p class="note">No channel to show.</p>']
    note = (f"{assumed} of {len(states)} statuses are assumed: no change is recorded for "
            f"{'that channel' if assumed == 1 else 'those channels'}, so {'it is' if assumed == 1 else 'they are'} "
            "taken as active (shown in grey)." if assumed else
            f"All {len(states)} statuses rest on a record (registry, event or hand entry).")
    out.append(f'<p class="note keep" id="assumed-note">{e(note)}</p>')
    out.append('<table class="channel-status"><thead><tr><th>channel</th><th>level</th><th>status</th>'
               "<th>since</th><th>basis</th></tr></thead><tbody>")
    for state in states:
        if state.recorded:
            status = f'<td class="status-{e(_css(state.status))}">{e(state.status)}</td>'
            basis = e(state.basis) + (f' <span class="note">{e(state.note)}</span>' if state.note else "")
            if getattr(state, "event_id", None):
                basis += f' <span class="note">event <code class="id">{e(state.event_id)}</code></span>'
            row_class = ""
        else:
            status = f'<td class="status-assumed">{e(state.status)} (assumed: no recorded change)</td>'
            basis, row_class = "none recorded", ' class="assumed"'
        out.append(f'<tr data-channel="{e(state.channel.id)}"{row_class}><td>{e(state.channel.name)}</td>'
                   f'<td>{e(state.channel.level.replace("_", " "))}</td>{status}'
                   f"<td class=\"date\">{e(state.since or '')}</td><td>{basis}</td></tr>")
    out.append("</tbody></table>")
    return out


def _spiral_section(briefing: Briefing, anchors: Anchors) -> list[str]:
    out = ['<section id="spirals">', "<h2>Spirals of conflict</h2>"]
    if not briefing.spirals:
        out += ['<p class="note">No tit-for-tat spiral: no conflictual act answered by the other side '
                "within 60 days.</p>", "</section>"]
        return out
    out.append('<p class="note">Chains of conflictual acts, each side answering the other within 60 days.</p>')
    for number, spiral in enumerate(briefing.spirals, 1):
        turns = spiral.turns
        out.append(f'<div class="spiral" id="spiral-{number}"><h3>Spiral {number}: {e(spiral.start)} to '
                   f"{e(spiral.end)}, {turns} turn{'' if turns == 1 else 's'}, {len(spiral.events)} events</h3>")
        out.append("<table><thead><tr><th>date</th><th>direction</th><th>code</th><th>sentence</th>"
                   "<th>event</th></tr></thead><tbody>")
        for move in spiral.moves:
            for event in move.events:
                out.append(f'<tr{anchors.take(event.get("event_id"))} data-event="{e(event.get("event_id"))}">'
                           f'<td class="date">{e(event.get("date"))}</td>'
                           f"<td>{e(move.source)}\u2192{e(move.target)}</td>{_code_cell(event)}"
                           f'<td class="sentence">{_sentence(event)}</td>{_id_cell(event)}</tr>')
        out.append("</tbody></table></div>")
    out.append("</section>")
    return out


def _top_section(briefing: Briefing, anchors: Anchors) -> list[str]:
    out = ['<section id="top-events">', "<h2>The strongest events</h2>"]
    if not briefing.top_events:
        out += [f'<p class="note">{"No events." if not briefing.acts else "None asked for."}</p>', "</section>"]
        return out
    out.append(f'<p class="note">The {len(briefing.top_events)} acts of largest weight on the {e(briefing.scale)} '
               "scale, either way, each once.</p>")
    out.append('<table><thead><tr><th>date</th><th>direction</th><th>code</th><th class="num">Goldstein</th>'
               "<th>sentence</th><th>document</th><th>event</th></tr></thead><tbody>")
    for event in briefing.top_events:
        document = briefing.documents.get(event.get("doc_id"), {})
        source = ", ".join(str(x) for x in (document.get("source"), document.get("published")) if x)
        out.append(f'<tr{anchors.take(event.get("event_id"))} data-event="{e(event.get("event_id"))}">'
                   f'<td class="date">{e(event.get("date"))}</td><td>{e(arrow_of(event))}</td>{_code_cell(event)}'
                   f'<td class="num">{_weight(event)}</td>'
                   f'<td class="sentence">{_sentence(event)}</td>'
                   f'<td>{e(document.get("title") or event.get("doc_id"))}'
                   f'{"<br><span class=note>" + e(source) + "</span>" if source else ""}</td>{_id_cell(event)}</tr>')
    out.append("</tbody></table></section>")
    return out


def _cited_section(briefing: Briefing, missing: list[str], anchors: Anchors) -> list[str]:
    """The events a judgement cites that no table above shows (none, as the tables stand)."""
    known = {}
    for event in [ev for t in briefing.turns_shown for ev in t.events] + \
                 [ev for row in briefing.channel_changes for ev in row.events] + \
                 [ev for s in briefing.spirals for ev in s.events] + list(briefing.top_events):
        known.setdefault(str(event.get("event_id")), event)
    events = [known[i] for i in missing if i in known]
    if not events:
        return []
    out = ['<section id="events-cited">', "<h2>Other events cited</h2>",
           "<table><thead><tr><th>date</th><th>direction</th><th>code</th><th>sentence</th><th>event</th></tr>"
           "</thead><tbody>"]
    for event in events:
        out.append(f'<tr{anchors.take(event.get("event_id"))} data-event="{e(event.get("event_id"))}">'
                   f'<td class="date">{e(event.get("date"))}</td><td>{e(arrow_of(event))}</td>{_code_cell(event)}'
                   f'<td class="sentence">{_sentence(event)}</td>{_id_cell(event)}</tr>')
    out.append("</tbody></table></section>")
    return out


# cells and words -------------------------------------------------------------------------------
def _code_cell(event: dict) -> str:
    return f'<td>{e(event.get("code"))} {e(code_name(event.get("code")))}</td>'


def _id_cell(event: dict) -> str:
    return f'<td><code class="id">{e(event.get("event_id"))}</code></td>'


def _weight(event: dict) -> str:
    goldstein = event.get("goldstein")
    return "" if goldstein is None else f"{float(goldstein):+.1f}"


def _sentence(event: dict) -> str:
    """The event's sentence, escaped, with its trigger marked where the offsets allow."""
    text = str(event.get("sentence") or "")
    base, start, end = event.get("char_start"), event.get("trigger_start"), event.get("trigger_end")
    if None not in (base, start, end) and 0 <= start - base < end - base <= len(text):
        left, right = start - base, end - base
        return f"{e(text[:left])}<mark>{e(text[left:right])}</mark>{e(text[right:])}"
    return e(text)


def _css(status: str) -> str:
    """A status as a class name: "not yet established" -> "not-yet-established"."""
    return "-".join(str(status).split())


def _span(start: str | None, end: str | None) -> str:
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else f"to {end}" if end else "the whole record"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "\u2013"


