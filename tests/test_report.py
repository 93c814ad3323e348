"""The briefing report (detente/web/report/): one self-contained HTML file with no script, its
charts inline SVG, its figures those of the API, and the record's text escaped, checked in the
file and in a real browser (Playwright, Chromium) on a document written to attack it; its key
judgements linked to the events behind them; and its print on A4 and Letter (real PDFs from
Chromium, read with pypdf: page size, page numbers and date, no heading closing a page, chart
text legible)."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import chromium_path, run_cli
from detente import api
from detente.web.report import REPORT_POLICY, inline_svg, write_pdf, write_report

PAYLOAD = "window.__pwned=1"
SCRIPT = f"<script>{PAYLOAD}</script>"
IMG = f'<img src=x onerror="{PAYLOAD}">'
LINK = f'<a href="javascript:{PAYLOAD}">wire</a>'
HOSTILE_NOTE = f"{SCRIPT} frozen {IMG}"


class Elements(HTMLParser):
    """Every start tag of a document with its attributes, and its text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def named(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]


def assert_inert(text: str) -> Elements:
    """No script, no event handler, nothing loaded from outside, no link that is not a fragment
    (the key judgements link to rows of the same page, nothing else)."""
    parsed = Elements(text)
    names = {tag for tag, _ in parsed.tags}
    assert not names & {"script", "iframe", "object", "embed", "img", "link", "form", "base", "foreignobject",
                        "audio", "video", "source"}, names
    for attrs in parsed.named("a"):
        assert set(attrs) == {"href"} and re.fullmatch(r"#[\w-]+", attrs["href"]), attrs
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "xlink:href", "src", "action", "formaction", "background", "poster"):
                assert (value or "").startswith("#"), (tag, name, value)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
    assert "<script" not in text.lower()
    return parsed


class TextById(HTMLParser):
    """The visible text inside each element that has an id (SVG and style text left out)."""

    VOID = {"br", "meta", "hr", "wbr", "input", "img", "link", "source", "col", "area", "base", "embed"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, list[str]] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        element_id = dict(attrs).get("id")
        if element_id is not None and not any(t in ("svg", "style") for t, _ in self.open):
            self.texts.setdefault(element_id, [])
        self.open.append((tag, element_id))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t in ("svg", "style", "title") for t, _ in self.open):
            return
        for _, element_id in self.open:
            if element_id in self.texts:
                self.texts[element_id].append(data)

    def text(self, element_id: str) -> str:
        return "".join(self.texts[element_id])


def arrow(direction: str) -> str:
    return direction.replace("->", "\u2192")


def judgement(text: str, key: str) -> str:
    """The visible text of one key judgement."""
    item = re.search(rf'<li data-judgement="{key}">(.*?)</li>', text, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", item))


# the demo report -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_report(demo_run, tmp_path_factory) -> tuple[str, Path, str]:
    db = demo_run[0]
    path = write_report(db, "USA", "RUS", tmp_path_factory.mktemp("report") / "usa-rus.html")
    return db, path, path.read_text(encoding="utf-8")


def test_the_report_is_one_self_contained_file_without_script(demo_report):
    _, path, text = demo_report
    assert path.is_file() and text.startswith("<!DOCTYPE html>")
    parsed = assert_inert(text)
    policy = [m for m in parsed.named("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert policy and policy[0]["content"] == REPORT_POLICY
    assert len(parsed.named("svg")) == 2 and text.count("<svg") == 2   # the timeline and the channel board
    assert "<?xml" not in text and "<!DOCTYPE svg" not in text and "<metadata" not in text
    assert len(parsed.named("style")) >= 1 and not parsed.named("link")
    ids = [attrs["id"] for _, attrs in parsed.tags if "id" in attrs]
    assert len(ids) == len(set(ids)), "two charts share an id"
    for href in re.findall(r'href="#([^"]+)"', text):
        assert href in ids, f"dangling reference #{href}"
    assert "http://" not in re.sub(r'xmlns(:\w+)?="[^"]*"', "", text)  # nothing fetched


def test_the_report_says_what_the_api_says(demo_report):
    db, _, text = demo_report
    title = re.search(r"<h1>(.*?)</h1>", text).group(1)
    events = api.dyad("USA", "RUS", db=db).events
    dates = sorted(events["date"])
    assert title == f"USA\u2013RUS briefing, {dates[0]} to {dates[-1]}"
    for source, target in (("USA", "RUS"), ("RUS", "USA")):
        mine = events[(events.source_country == source) & (events.target_country == target)]
        figure = re.search(rf'<div class="figure" data-direction="{source}-&gt;{target}">(.*?)</div></div>',
                           text).group(1)
        assert f'<span class="acts">{len(mine)}</span> acts' in figure
        assert f'<span class="goldstein">{mine.goldstein.sum():+.1f}</span>' in figure
        cooperative = int(mine.quad_class.isin([1, 2]).sum())
        assert f"cooperative: {cooperative} ({100 * cooperative / len(mine):.0f}%)" in figure
    changes = api.dyad("USA", "RUS", db=db, changes=True).changes
    assert text.count("<tr><td>USA-&gt;RUS</td>") + text.count("<tr><td>RUS-&gt;USA</td>") == len(changes)
    assert "the steepest fall" in text


def test_the_report_has_the_channels_spirals_and_strongest_events(demo_report):
    _, _, text = demo_report
    status = re.search(r'<table class="channel-status">(.*?)</table>', text, re.S).group(1)
    for channel in ("bpc-civil-society", "nunn-lugar", "usaid-russia", "adoption-agreement"):
        row = re.search(rf'<tr data-channel="{channel}"[^>]*>(.*?)</tr>', status).group(1)
        assert re.search(r'class="status-(closed|ended)"', row)    # shut, or gone since
    changes = re.search(r'<table class="channel-changes">(.*?)</table>', text, re.S).group(1)
    adoption = re.search(r'<tr data-channel="adoption-agreement"[^>]*><td class="date">2013-01-01</td>.*?</tr>',
                         changes).group(0)
    assert "closed" in adoption and "terminating" in adoption  # with the sentence behind it
    spirals = re.search(r'<section id="spirals">(.*?)</section>', text, re.S).group(1)
    first = re.search(r"Spiral \d+: 2012-12-14 to .*?</table>", spirals, re.S).group(0)
    assert "Magnitsky" in first and "adopting Russian children" in first
    top = re.search(r'<section id="top-events">(.*?)</section>', text, re.S).group(1)
    assert len(re.findall(r'<tr[^>]* data-event="', top)) == 10
    weights = [abs(float(w)) for w in re.findall(r'<td class="num">([+-]\d+\.\d)</td>', top)]
    assert weights == sorted(weights, reverse=True) and weights[0] >= 8
    db = demo_report[0]
    for event_id, row in re.findall(r'<tr[^>]* data-event="([^"]+)">(.*?)</tr>', top):
        shown = api.show(event_id, db=db)
        assert html.escape(shown["document"]["title"]) in row            # the document's title
        assert html.escape(shown["event"]["sentence"]) in re.sub("</?mark>", "", row)  # and the sentence


def test_a_period_narrows_everything(demo_run, tmp_path):
    path = write_report(demo_run[0], "usa", "rus", tmp_path / "r.html", date_from="2012-06", date_to="2013-06",
                        freq="month", top=5)
    text = path.read_text(encoding="utf-8")
    assert "<h1>USA\u2013RUS briefing, 2012-06 to 2013-06</h1>" in text
    assert len(re.findall(r'<tr[^>]* data-event="', re.search(r'<section id="top-events">.*?</section>', text,
                                                               re.S).group(0))) == 5
    changes = re.search(r'<table class="channel-changes">(.*?)</table>', text, re.S).group(1)
    dates = re.findall(r'<td class="date">(\d{4}-\d{2}(?:-\d{2})?)</td>', changes)
    assert dates and all("2012-06-01" <= d <= "2013-06-30" for d in dates)
    assert "Spiral 1: 2012-12-14" in text and "2014-03" not in re.search(
        r'<section id="spirals">.*?</section>', text, re.S).group(0)
    assert_inert(text)


def test_no_events_gives_a_report_that_says_so(demo_run, tmp_path):
    quiet = write_report(demo_run[0], "USA", "RUS", tmp_path / "quiet.html", date_from="2020", date_to="2021")
    text = quiet.read_text(encoding="utf-8")
    assert "No events between USA and RUS" in text and "<h1>USA\u2013RUS briefing, 2020 to 2021</h1>" in text
    assert "No dated events to draw." in text and text.count("<svg") == 1  # the channel board still drawn
    judged = re.search(r'<section id="key-judgements">(.*?)</section>', text, re.S).group(1)
    assert judged.count("<p") == 1 and "<li" not in judged and "No events between USA and RUS" in judged
    assert_inert(text)
    nobody = write_report(demo_run[0], "CHL", "NZL", tmp_path / "nobody.html")
    text = nobody.read_text(encoding="utf-8")
    assert "No events between CHL and NZL" in text and "No channel in the registry links CHL and NZL" in text
    assert "<svg" not in text and "the whole record" in text
    assert_inert(text)
    with pytest.raises(ValueError, match="not a known"):    # a code no state or organisation has
        write_report(demo_run[0], "XX", "YY", tmp_path / "unknown.html")
    assert not (tmp_path / "unknown.html").exists()


def test_a_dyad_without_channels(demo_run, tmp_path):
    text = write_report(demo_run[0], "RUS", "GEO", tmp_path / "geo.html").read_text(encoding="utf-8")
    assert "No channel in the registry links RUS and GEO" in text
    assert '<span class="acts">3</span> acts' in text and text.count("<svg") == 1


def test_a_name_is_read_as_its_code(demo_run, tmp_path):
    text = write_report(demo_run[0], "United States", "Russia", tmp_path / "named.html", date_from="2013",
                        date_to="2013").read_text(encoding="utf-8")
    assert "<title>USA\u2013RUS briefing" in text


@pytest.mark.parametrize("kwargs, message", [
    ({"a": "USA", "b": "usa"}, "differ"),
    ({"date_from": "2013-13-45"}, "date"),
    ({"date_to": "last week"}, "date"),
    ({"date_from": "2014", "date_to": "2013"}, "after"),
    ({"freq": "fortnight"}, "frequency"),
    ({"a": "U$A"}, "not a known state or organisation code; did you mean USA"),
    ({"paper": "a5"}, "paper"),
])
def test_bad_arguments_are_refused(demo_run, tmp_path, kwargs, message):
    arguments = {"a": "USA", "b": "RUS", **kwargs}
    with pytest.raises(ValueError, match=message):
        write_report(demo_run[0], out=tmp_path / "bad.html", **arguments)
    assert not (tmp_path / "bad.html").exists()


def test_inline_svg_refuses_anything_but_drawing():
    good = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="m1" d="M0 0"/></defs>'
            '<use xlink:href="#m1" clip-path="url(#c1)"/><text>a &lt;b&gt; id="q" url(#z)</text></svg>')
    inlined = inline_svg(good, "x")
    assert inlined.startswith("<svg") and 'id="x-m1"' in inlined and 'href="#x-m1"' in inlined
    assert "url(#x-c1)" in inlined and '&lt;b&gt; id="q" url(#z)</text>' in inlined  # text left as it was
    for bad in ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                '<use xlink:href="https://example.org/x.svg#a"/></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>',
                '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://example.org/x.css);</style></svg>'):
        with pytest.raises(ValueError, match="refusing"):
            inline_svg(bad, "x")
    with pytest.raises(ValueError, match="well-formed"):
        inline_svg('<svg xmlns="http://www.w3.org/2000/svg"><text>a < b</text></svg>', "x")


def test_a_fall_is_ranked_against_the_earlier_ones():
    import pandas as pd

    from detente.analysis.series import ChangePoint
    from detente.web.report import Briefing, render

    briefing = Briefing("USA", "RUS", None, None, "month", start="2010-01", end="2014-12",
                        directions=("USA->RUS", "RUS->USA"))
    briefing.figures = {d: {"acts": 0, "cooperative": 0, "conflictual": 0, "goldstein": 0.0}
                        for d in briefing.directions}
    briefing.changes = [ChangePoint("USA->RUS", pd.Timestamp("2011-03-01"), 2.0, -6.0, -8.0, None, 1),
                        ChangePoint("USA->RUS", pd.Timestamp("2014-03-01"), 1.0, -4.0, -5.0,
                                    pd.Timestamp("2011-03-01"), 2),
                        ChangePoint("RUS->USA", pd.Timestamp("2012-06-01"), -1.0, 3.5, 4.5, None, 1)]
    text = render(briefing)
    assert "<td>the steepest fall so far</td>" in text and "<td>the steepest fall since 2011-03</td>" in text
    assert text.count("<td>the steepest fall") == 2  # a rise is not ranked against falls
    assert "No events between USA and RUS" in text   # no acts: nothing to judge

    briefing.figures["USA->RUS"]["acts"] = 12
    briefing.changes = briefing.changes[1:]          # the 2011 fall gone: the 2014 one is steepest
    fall = judgement(render(briefing), "fall")
    assert "USA\u2192RUS from 2014-03" in fall and "fell by 5.0, from +1.0 to \u22124.0 a month" in fall
    assert "the steepest since 2011-03" in fall     # as deep as the turn of 2011-03, deeper than any since
    turns = judgement(render(briefing), "turns")
    assert turns.startswith("Turning points. 2 turns in the monthly level of net cooperation: 2012-06 RUS")


# a hostile document ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("hostile")
    db, source = str(folder / "hostile.db"), folder / "hostile.jsonl"
    document = {"id": "hostile-1", "title": f"{SCRIPT}Sanctions {IMG}", "source": LINK, "published": "2014-03-18",
                "url": f"javascript:{PAYLOAD}",
                "text": f"The United States imposed sanctions on Russia. {SCRIPT} {IMG} {LINK}\n\n"
                        f"The United States imposed sanctions on Russia {IMG} on Monday."}
    source.write_text(json.dumps(document) + "\n", encoding="utf-8")
    extracted = run_cli("extract", str(source), "--db", db)
    assert extracted.returncode == 0, extracted.stderr
    events = api.events(db=db, dyad=("USA", "RUS"))
    assert len(events) == 2 and any(IMG in e["sentence"] for e in events)
    api.set_channel_status("bpc", "suspended", "2014-03-18", note=HOSTILE_NOTE, db=db)
    path = write_report(db, "USA", "RUS", folder / "hostile.html", date_from="2014-03", date_to="2014-03-31")
    return path, path.read_text(encoding="utf-8")


def test_hostile_text_appears_only_escaped(hostile_report):
    _, text = hostile_report
    parsed = assert_inert(text)
    assert "<img" not in text.lower() and "onerror=\"" not in text
    assert all(re.fullmatch(r'<a href="#[\w-]+">', a) for a in re.findall(r"<a\b[^>]*>", text))  # in-page only
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in text
    assert "&lt;a href=&quot;javascript:window.__pwned=1&quot;&gt;wire&lt;/a&gt;" in text
    shown = "".join(parsed.text)  # what a reader sees: the attack as text
    assert f"{SCRIPT}Sanctions {IMG}" in shown              # the title, with the top events
    assert f"The United States imposed sanctions on Russia {IMG} on Monday." in shown
    assert LINK in shown and HOSTILE_NOTE in shown          # the source; the hand-entered channel note
    assert '<span class="acts">2</span> acts' in text


def test_a_browser_runs_nothing_from_the_hostile_report(hostile_report, page):
    path, _ = hostile_report
    dialogs, errors, requests = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('img[src="x"]').count() == 0 and page.locator("img").count() == 0
    assert page.locator("script").count() == 0 and page.locator('a:not([href^="#"])').count() == 0
    assert dialogs == [] and errors == []
    assert requests == [path.as_uri()]  # the file itself, nothing else
    body = page.locator("body").inner_text()
    assert SCRIPT in body and "The United States imposed sanctions on Russia" in body
    assert page.locator("svg").count() == 2


def test_a_browser_draws_the_demo_report(demo_report, page):
    _, path, _ = demo_report
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    charts = page.locator("figure.chart svg")
    assert charts.count() == 2
    for i in range(2):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 400 and box["height"] > 200
    assert errors == []  # nothing refused by the Content-Security-Policy
    assert "Magnitsky" in page.locator("#spirals").inner_text()


# the command and the PDF -----------------------------------------------------------------------
def test_the_report_command_writes_html_and_pdf(demo_run, tmp_path):
    chromium_path()  # skips without Chromium
    out = tmp_path / "brief.html"
    done = run_cli("report", "USA", "RUS", "--db", demo_run[0], "--from", "2013", "--to", "2013",
                   "--out", str(out), "--pdf")
    assert done.returncode == 0, done.stderr
    assert "<h1>USA\u2013RUS briefing, 2013 to 2013</h1>" in out.read_text(encoding="utf-8")
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    refused = run_cli("report", "USA", "USA", "--db", demo_run[0], "--out", str(tmp_path / "x.html"))
    assert refused.returncode != 0 and "differ" in refused.stderr


def test_write_pdf_needs_a_report(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_pdf(tmp_path / "missing.html", tmp_path / "missing.pdf")


# key judgements, one row per change, ids and assumed statuses (USA-RUS 2012-2014) --------------
@pytest.fixture(scope="module")
def period_report(demo_run, tmp_path_factory) -> tuple[str, str]:
    path = write_report(demo_run[0], "USA", "RUS", tmp_path_factory.mktemp("period") / "usa-rus.html",
                        date_from="2012", date_to="2014")
    return demo_run[0], path.read_text(encoding="utf-8")


def test_the_report_opens_with_key_judgements_linked_to_their_events(period_report):
    db, text = period_report
    body = text.split("<body>", 1)[1]
    assert re.match(r'\s*<header>.*?</header>\s*<section id="key-judgements">\s*<h2>Key judgements</h2>', body, re.S)
    section = re.search(r'<section id="key-judgements">(.*?)</section>', text, re.S).group(1)
    keys = re.findall(r'<li data-judgement="(\w+)">', section)
    assert keys == ["turns", "fall", "shut", "opened", "spirals"]
    turns = judgement(text, "turns")
    changes = api.dyad("USA", "RUS", db=db, date_from="2012", date_to="2014", changes=True).changes
    assert turns.startswith(f"Turning points. {len(changes)} turns in the monthly level of net cooperation")
    for point in changes:   # each with its date, direction and shift
        way = "down" if point.shift < 0 else "up"
        assert f"{point.period:%Y-%m} {arrow(point.direction)} {way} {abs(point.shift):.1f}" in turns
    steepest = min(changes, key=lambda c: c.shift)
    fall = judgement(text, "fall")
    assert f"from {steepest.period:%Y-%m}" in fall and f"fell by {abs(steepest.shift):.1f}" in fall
    assert "the steepest since" in fall
    shut = judgement(text, "shut")
    assert "BPC working group on civil society (2013-01-25, event and registry)" in shut
    assert "USAID mission in Russia (2012-09-18, event and registry)" in shut
    assert re.search(r"suspended \u2013 .*Group of Eight \(2014-03-24, registry\)", shut)
    assert "US-Russia visa facilitation agreement (2012-09-09, registry)" in judgement(text, "opened")
    spirals = judgement(text, "spirals")
    assert re.search(r"^Spirals\. 4 spirals .* the longest ran 3 turns and 6 events from 2012-12-14 to 2013-01-29",
                     spirals)
    assert "Magnitsky Act" in spirals and "adopting Russian children" in spirals

    texts = TextById(text)
    links = re.findall(r'<a href="#([^"]+)">', section)
    assert len(links) >= 10
    for item in re.findall(r"<li .*?</li>", section, re.S):
        assert "<a href=" in item, item          # every judgement links to what it rests on
    for target in links:
        assert text.count(f'id="{target}"') == 1, target
        if target.startswith("event-"):          # an event's row, its id shown, the event real
            event_id = target.removeprefix("event-")
            assert event_id in texts.text(target)
            assert api.show(event_id, db=db)["event"]["event_id"] == event_id
        else:                                    # a change only the registry records: its row
            assert re.search(rf'<tr data-channel="[^"]+" id="{target}">', text)
    first = re.search(r'<li data-judgement="spirals">.*?<a href="#(event-[^"]+)">2012-12-14</a>', section).group(1)
    assert "Magnitsky" in texts.text(first)     # the spiral's link goes to its first act


def test_a_change_the_registry_and_an_event_both_record_is_one_row(period_report):
    db, text = period_report
    table = re.search(r'<table class="channel-changes">(.*?)</table>', text, re.S).group(1)
    rows = re.findall(r'<tr data-channel="bpc-civil-society"[^>]*>.*?</tr>', table)
    closed = [row for row in rows if 'class="status-closed"' in row]
    assert len(closed) == 1
    row = closed[0]
    assert "<td>event and registry</td>" in row and "2013-01-25" in row
    assert "the United States withdrew" in row                     # the registry's note
    event_id = re.search(r'id="event-([0-9a-f]+)"', row).group(1)
    event = api.show(event_id, db=db)["event"]
    assert html.escape(event["sentence"]) in re.sub("</?mark>", "", row)    # the event's sentence and id
    assert f'<code class="id">{event_id}</code>' in row
    # nowhere else does a registry-only row sit within weeks of an event-only row of the same change
    seen = [(c, st, d, b) for c, d, st, b in re.findall(
        r'<tr data-channel="([^"]+)"[^>]*><td class="date">([^<]+)</td><td>.*?</td>'
        r'<td class="status-([\w-]+)">.*?</td><td>([^<]+)</td>', table)]
    for channel, status, when, basis in seen:
        for other in seen:
            if other[:2] == (channel, status) and {basis, other[3]} == {"event", "registry"}:
                gap = abs((dt.date.fromisoformat((when + "-01")[:10]) -
                           dt.date.fromisoformat((other[2] + "-01")[:10])).days)
                assert gap > 42, (channel, status, when, other)


def test_event_ids_are_visible_where_events_are_listed(period_report):
    _, text = period_report
    texts = TextById(text)
    rows = re.findall(r'<tr( id="event-[^"]+")? data-event="([^"]+)">(.*?)</tr>', text, re.S)
    assert len(rows) > 30
    for anchor, event_id, row in rows:
        assert f'<code class="id">{event_id}</code>' in row
        if anchor:
            assert event_id in texts.text(f"event-{event_id}")
    for section in ("headline", "spirals", "top-events"):
        part = re.search(rf'<section id="{section}">(.*?)</section>', text, re.S).group(1)
        assert "<th>event</th>" in part and '<code class="id">' in part
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids))


def test_assumed_statuses_are_shown_apart_from_recorded_ones(period_report):
    db, text = period_report
    table = re.search(r'<table class="channel-status">(.*?)</table>', text, re.S).group(1)
    states = api.channels("USA", "RUS", db=db, at="2014-12-31")
    assumed = [s for s in states if not getattr(s, "recorded", not str(s.basis).startswith("assumed"))]
    assert assumed and len(assumed) < len(states)
    note = re.search(r'<p class="note keep" id="assumed-note">(.*?)</p>', text).group(1)
    assert note.startswith(f"{len(assumed)} of {len(states)} statuses are assumed")
    for state in states:
        row = re.search(rf'<tr data-channel="{state.channel.id}"( class="assumed")?>(.*?)</tr>', table)
        assert row, state.channel.id
        if state in assumed:
            assert row.group(1) and f"{state.status} (assumed: no recorded change)" in row.group(2)
        else:
            assert not row.group(1) and "assumed" not in row.group(2)
            css = "-".join(state.status.split())
            assert f'<td class="status-{css}">{state.status}</td>' in row.group(2)
    shown = re.findall(r'<tr data-channel="([^"]+)"', table)
    first_assumed = min(shown.index(s.channel.id) for s in assumed)
    assert all(shown.index(s.channel.id) < first_assumed for s in states if s not in assumed)  # listed apart, last


# print -----------------------------------------------------------------------------------------
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}


@pytest.fixture(scope="module", params=["a4", "letter"])
def printed(request, demo_run, tmp_path_factory):
    """The demo report printed by the command on each paper: its HTML and the pages pypdf reads."""
    pypdf = pytest.importorskip("pypdf")
    chromium_path()  # skips without Chromium
    out = tmp_path_factory.mktemp(f"print-{request.param}") / "brief.html"
    done = run_cli("report", "USA", "RUS", "--db", demo_run[0], "--from", "2012", "--to", "2014",
                   "--out", str(out), "--pdf", "--paper", request.param)
    assert done.returncode == 0, done.stderr
    return request.param, out.read_text(encoding="utf-8"), pypdf.PdfReader(out.with_suffix(".pdf")).pages


def test_the_pdf_is_on_the_paper_asked_for_with_page_numbers_and_date(printed):
    paper, _, pages = printed
    width, height = PAPERS[paper]
    assert len(pages) > 3
    for page in pages:
        assert abs(float(page.mediabox.width) - width) < 1 and abs(float(page.mediabox.height) - height) < 1
    today = dt.date.today().isoformat()
    for number, page in enumerate(pages, 1):
        words = unicodedata.normalize("NFKC", page.extract_text())   # "ﬁ" is "fi"
        assert f"page {number} of {len(pages)}" in words and today in words
        assert "USA\u2013RUS briefing, 2012 to 2014" in words


def test_no_printed_page_ends_on_a_heading(printed):
    _, text, pages = printed
    headings = {re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", h))).strip()
                for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", text, re.S)}
    assert "Spirals of conflict" in headings and "Opened, closed and suspended in the period" in headings
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        last = lines[-1]
        wrapped = len(last) >= 8 and any(h.startswith(last) or h.endswith(last) for h in headings)
        assert last not in headings and not wrapped, f"page {number} ends on the heading {last!r}"


def printed_sizes(page) -> list[tuple[float, str]]:
    """Each piece of text on a PDF page with the size it prints at (its font size through the
    text and graphics matrices), in points."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            found.append((size * math.sqrt(abs(a * d - b * c)), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_every_printed_text_and_chart_label_is_at_least_7_points(printed):
    _, _, pages = printed
    sizes = [found for page in pages for found in printed_sizes(page)]
    small = [(round(size, 2), words) for size, words in sizes if size < 7]
    assert not small, small[:10]
    chart = {words: size for size, words in sizes}
    for label in ("Channels of contact, 2012-01-01 to 2014-12-31", "USA\u2013RUS: net cooperation",
                  "not yet established", "Six-party talks on North Korea"):   # chart text, printed
        assert label in chart and chart[label] >= 7, label


def test_write_pdf_refuses_another_paper(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    with pytest.raises(ValueError, match="paper"):
        write_pdf(page, tmp_path / "r.pdf", paper="a5")
    refused = run_cli("report", "USA", "RUS", "--out", str(tmp_path / "x.html"), "--paper", "a5")
    assert refused.returncode != 0 and "a5" in refused.stderr
