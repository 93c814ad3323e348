"""The dashboard in a real browser: Playwright drives Debian's Chromium against a real uvicorn
server over a real database (the demo, or documents ingested with the real CLI). Here, a walk
through its views (the timeline, a point's events, the event view, channels, spirals, the event
table) and untrusted documents; what each view answers, checked against the API, is in
test_dashboard_answers.py.

Each test leaves a full-page screenshot in test-artifacts/ (see the ``page`` fixture)."""

from __future__ import annotations

import csv
import io
import json
import re

import httpx
import pytest

from conftest import live_server, run_cli

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from dashboard_support import (STATIC, TIMEOUT, api, click_plotly_point, expect_marks, open_dashboard,  # noqa: E402
                               show_event_table)


# --- the timeline, a point's events and the event view -------------------------------------------
def test_timeline_point_to_event_view(page, demo_server):
    base = demo_server
    a, b = open_dashboard(page, base)
    assert {a, b} == {"USA", "RUS"}

    # a month where a -> b has events and b -> a a clearly different net cooperation, so the
    # closest point under the mouse is this one
    series = api(base, f"/api/dyads/{a}/{b}/series", freq="month")
    forward = [p for p in series["points"] if p["direction"] == f"{a}->{b}"]
    backward = {p["period"]: p for p in series["points"] if p["direction"] == f"{b}->{a}"}
    index, point = max(((i, p) for i, p in enumerate(forward) if p["n"] > 0),
                       key=lambda ip: (abs(ip[1]["net_cooperation"] - backward[ip[1]["period"]]["net_cooperation"]),
                                       ip[1]["n"]))
    assert abs(point["net_cooperation"] - backward[point["period"]]["net_cooperation"]) >= 1
    markers = page.locator("#timeline .scatterlayer .trace").nth(0).locator(".points path")
    expect(markers).to_have_count(len(forward))

    click_plotly_point(page, 0, index)
    panel = page.locator("#point-events")
    expect(panel).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(panel).to_have_attribute("data-direction", f"{a}->{b}")
    expect(panel).to_have_attribute("data-period", point["period"])
    items = panel.locator("button.event-link")
    expect(items).to_have_count(len(point["event_ids"]))
    listed = items.evaluate_all("nodes => nodes.map(n => n.dataset.eventId)")
    assert sorted(listed) == sorted(point["event_ids"])

    # each listed event shows its date, direction, code and sentence
    first_id = listed[0]
    shown = api(base, f"/api/events/{first_id}")
    event = shown["event"]
    first = items.first
    expect(first).to_contain_text(event["date"])
    expect(first).to_contain_text(f"{event['source']} → {event['target']}")
    expect(first).to_contain_text(event["code"])
    expect(first).to_contain_text(event["sentence"])

    first.click()
    view = page.locator("#event-view")
    expect(view).to_be_visible()
    expect(view).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(view).to_have_attribute("data-event-id", first_id)
    text = page.locator("#document-text")
    document = api(base, f"/api/documents/{event['doc_id']}")["document"]
    expect(text).to_have_text(document["text"])           # the whole document, as text
    expect_marks(page, event, document["text"])
    facts = page.locator("#event-facts")
    for value in (event["code"], shown["code_name"], event["modality"], event["date"], event["matched_rule"]):
        expect(facts).to_contain_text(value)
    expect(facts.locator(".confidence")).to_have_attribute("data-confidence", str(event["confidence"]))
    evidence = page.locator("#event-evidence")
    for value in event["evidence"].values():
        if isinstance(value, str) and value:
            expect(evidence).to_contain_text(value)
    expect(page.locator("#document-title")).to_have_text(document["title"])

    # Escape closes the view
    page.keyboard.press("Escape")
    expect(view).to_be_hidden()


def test_weight_toggle_and_free_text_dyad(page, demo_server):
    base = demo_server
    open_dashboard(page, base)
    traces = page.locator("#timeline .subplot:not(.xy3) .scatterlayer .trace")   # not the starred strip
    expect(traces).to_have_count(2)
    page.check("#show-weight")
    expect(traces).to_have_count(4)
    expect(page.locator("#timeline")).to_contain_text("weighted sum")

    # typed actors, in the other order, by year
    page.fill("#actor-a", "usa")
    page.fill("#actor-b", "rus")
    page.select_option("#freq", "year")
    page.fill("#date-from", "2012")
    page.fill("#date-to", "2014")
    page.click("#apply")
    timeline = page.locator("#timeline")
    expect(timeline).to_have_attribute("data-dyad", "USA-RUS", timeout=TIMEOUT)
    expect(timeline).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(page.locator("#timeline-title")).to_contain_text("USA ⇄ RUS, by year")
    expect(traces.nth(0).locator(".points path")).to_have_count(3)   # 2012, 2013, 2014
    expect(page.locator("#dyad-select")).to_have_value("RUS-USA")    # the list follows the typed pair
    expect(page.locator("#channel-date")).to_have_value("2014-12-31")  # channel status at the period's end

    # a bad actor code is refused in the page, not sent
    page.fill("#actor-b", "R")
    page.click("#apply")
    expect(page.locator("#status")).to_contain_text("actor codes")
    expect(page.locator("#status")).to_have_class(re.compile(r"\berror\b"))


# --- channels, spirals, the event table ---------------------------------------------------------
def test_channel_board_and_status(page, demo_server):
    open_dashboard(page, demo_server)
    page.click("#tab-channels")
    board = page.locator("#channel-board")
    expect(board).to_be_visible()
    expect(board).to_contain_text("civil society")
    lane = board.locator('.board-row[data-channel-id="bpc-civil-society"]')
    expect(lane).to_have_count(1)
    # not yet established until the commission set it up, active until the US withdrew
    # (2013-01-25), ended after
    expect(lane.locator(".board-seg")).to_have_count(3)
    expect(lane.locator(".board-seg.status-not-yet-established")).to_have_count(1)
    expect(lane.locator(".board-seg.status-active")).to_have_count(1)
    expect(lane.locator(".board-seg.status-ended")).to_have_count(1)
    expect(board.locator(".board-level h4")).to_contain_text(["Head of state", "Ministerial"])

    page.fill("#channel-date", "2013-02-01")
    page.click("#channel-date-apply")
    table = page.locator("#channel-status")
    expect(table).to_have_attribute("data-at", "2013-02-01", timeout=TIMEOUT)
    expect(page.locator("#channel-date-label")).to_have_text("2013-02-01")
    row = table.locator('tbody tr[data-channel-id="bpc-civil-society"]')
    expect(row.locator("td.status")).to_have_text("ended")
    expect(table.locator('tbody tr[data-channel-id="bpc"] td.status')).to_have_text("active")

    # an event behind a status opens in the event view
    row.locator("button[data-event-id]").click()
    expect(page.locator("#event-view")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(page.locator("#document-text mark.sentence")).to_contain_text("civil society working group")


def test_spirals(page, demo_server):
    open_dashboard(page, demo_server)
    page.click("#tab-spirals")
    spirals = page.locator("#spirals")
    expect(spirals).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(spirals).to_contain_text("Magnitsky")
    first = spirals.locator("li.spiral").first
    expect(first).to_contain_text("2012-12-14 → 2013-01-29")
    expect(first).to_contain_text("3 turns")
    button = first.locator("button.event-link").filter(has_text="Magnitsky Act").first
    event = api(demo_server, f"/api/events/{button.get_attribute('data-event-id')}")["event"]
    button.click()
    expect(page.locator("#event-view")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    document = api(demo_server, f"/api/documents/{event['doc_id']}")["document"]
    expect_marks(page, event, document["text"])


def test_event_table_paging_and_csv(page, demo_server):
    base = demo_server
    a, b = open_dashboard(page, base)
    table = show_event_table(page)
    answer = api(base, "/api/events", dyad=f"{a}-{b}", limit=1)
    total, counted = answer["total"], answer["counts"]
    assert total > 25 and counted == "events (every mention)"
    info = page.locator("#page-info")
    expect(info).to_have_text(f"1–25 of {total} {counted}")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(25)
    first_page = rows.evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    expect(page.locator("#page-prev")).to_be_disabled()

    page.click("#page-next")
    expect(info).to_have_text(f"26–50 of {total} {counted}", timeout=TIMEOUT)
    expect(table).to_have_attribute("data-offset", "25")
    second_page = rows.evaluate_all("rows => rows.map(r => r.dataset.eventId)")
    assert len(second_page) == 25 and not set(first_page) & set(second_page)
    expected = [e["event_id"] for e in api(base, "/api/events", dyad=f"{a}-{b}", limit=25, offset=25)["items"]]
    assert second_page == expected
    page.click("#page-prev")
    expect(info).to_have_text(f"1–25 of {total} {counted}", timeout=TIMEOUT)

    # filters: sanctions-type codes (16x), any modality, one row per act
    page.fill("#filter-code", "16")
    page.select_option("#filter-modality", "all")
    page.check("#filter-dedupe")
    page.fill("#filter-from", "2012")
    page.click("#filter-apply")
    filtered = api(base, "/api/events", dyad=f"{a}-{b}", code="16", modality="all", dedupe="true",
                   **{"from": "2012"}, limit=1000)
    assert filtered["counts"].startswith("acts (each once")
    expect(info).to_have_text(re.compile(rf"of {filtered['total']} {re.escape(filtered['counts'])}$"), timeout=TIMEOUT)
    codes = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert codes and all(code.startswith("16") for code in codes)

    link = page.locator("#csv-link")
    href = link.get_attribute("href")
    assert href.startswith("/api/events.csv?")
    params = dict(httpx.QueryParams(href.split("?", 1)[1]))
    assert params == {"dyad": f"{a}-{b}", "from": "2012", "code": "16", "modality": "all", "dedupe": "true"}
    response = httpx.get(base + href, timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.startswith("event_id,")
    records = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["event_id"] for r in records] == [e["event_id"] for e in filtered["items"]]
    assert all(r["code"].startswith("16") and r["date"] >= "2012" for r in records)


# --- untrusted documents ------------------------------------------------------------------------
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
PAYLOAD_URL = "javascript:window.__pwned=1"


def test_hostile_document_is_shown_as_text(page, tmp_path):
    jsonl = tmp_path / "hostile.jsonl"
    text = (f"{PAYLOAD_SCRIPT} {PAYLOAD_IMG} <a href=\"{PAYLOAD_URL}\">{PAYLOAD_URL}</a>\n\n"
            "The United States imposed sanctions on Russia. \U0001F600 Russia condemned the United States.")
    record = {"id": "hostile-doc", "published": "2014-03-17", "title": PAYLOAD_SCRIPT + PAYLOAD_IMG,
              "source": "<b onmouseover=alert(1)>wire</b>", "url": PAYLOAD_URL, "text": text}
    jsonl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "hostile.db")
    result = run_cli("extract", str(jsonl), "--db", db)
    assert result.returncode == 0, result.stderr

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    with live_server(db) as base:
        events = api(base, "/api/events", dyad="USA-RUS")["items"]
        assert {e["code"] for e in events} >= {"163", "111"}, events
        open_dashboard(page, base)
        page.click("#tab-events")
        table = page.locator("#event-table")
        expect(table.locator("tbody tr")).to_have_count(len(events), timeout=TIMEOUT)

        for event in events:
            table.locator(f'tbody tr[data-event-id="{event["event_id"]}"] button.sentence-link').click()
            view = page.locator("#event-view")
            expect(view).to_have_attribute("data-event-id", event["event_id"])
            expect(view).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
            document_text = page.locator("#document-text")
            # the markup is there as visible text, not as elements
            expect(document_text).to_contain_text(PAYLOAD_SCRIPT)
            expect(document_text).to_contain_text(PAYLOAD_IMG)
            expect(document_text).to_have_text(text)
            expect(page.locator("#document-title")).to_have_text(PAYLOAD_SCRIPT + PAYLOAD_IMG)
            expect(page.locator("#document-meta")).to_contain_text(PAYLOAD_URL)
            expect(page.locator("#document-meta")).to_contain_text("<b onmouseover=alert(1)>wire</b>")
            # offsets count characters as Python does: right after an emoji, still on the word
            expect_marks(page, event, text)
            page.click("#event-view-close")   # the view covers the table's right side
            expect(view).to_be_hidden()

        page.wait_for_timeout(300)   # give a stray onerror the chance to run
        assert page.evaluate("window.__pwned") is None
        assert page.locator('img[src="x"]').count() == 0
        assert page.locator("#document-text *:not(mark)").count() == 0
        assert page.locator("script:not([src])").count() == 0
        assert page.locator('a[href^="javascript:" i]').count() == 0
        assert page.locator('a[href*="__pwned"]').count() == 0
        assert page.locator("[onerror], [onmouseover]").count() == 0
    assert dialogs == []
    assert errors == []


def test_static_files_have_no_inline_script_or_html_sinks():
    """The page's code never parses data as HTML and the page has nothing the CSP would block."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"<script\b[^>]*>", html) == ['<script src="/vendor/plotly.min.js" defer>',
                                                     '<script type="module" src="/static/main.js">']
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    modules = sorted(STATIC.glob("*.js"))
    assert "main.js" in [path.name for path in modules]
    hrefs = 0
    for path in modules:
        code = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                     "setAttribute(\"href", ".src =", "import("):
            assert sink not in code, f"{sink} in {path.name}"
        # modules import each other only, by relative path (nothing from elsewhere)
        for target in re.findall(r"^\s*(?:import|export)\b[^;]*?\bfrom\s+\"([^\"]+)\"", code, re.M):
            assert re.fullmatch(r"\./[a-z-]+\.js", target) and (STATIC / target).is_file(), f"{path.name}: {target}"
        hrefs += code.count(".href =")
    assert hrefs == 2   # safeLink (http/https only) and the CSV link built from the form
