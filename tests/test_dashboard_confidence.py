"""The dashboard's minimum confidence in a real browser (Playwright, Debian's Chromium, a real
uvicorn server over the demo database): applied to every view, and what the number means."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

from dashboard_support import TIMEOUT, api, open_dashboard, show_event_table  # noqa: E402

CONFIDENCE_MEANS = ("the probability that an expert would judge this event right "
                    "(a model fitted on labelled news)")


def api_calls(page) -> list[str]:
    """The API requests the page makes from now on (their URLs), as it makes them."""
    calls: list[str] = []
    page.on("request", lambda request: calls.append(request.url) if "/api/" in request.url else None)
    return calls


def query_of(url: str) -> dict:
    return dict(httpx.QueryParams(url.split("?", 1)[1] if "?" in url else ""))


def path_of(url: str) -> str:
    return httpx.URL(url).path


def apply_confidence(page, value: str, *, rows: str | None = None) -> None:
    """Set the minimum confidence (and the table's rows), press Apply and wait for every view."""
    if rows is not None:
        page.select_option("#filter-limit", rows)
    page.fill("#min-confidence", value)
    page.click("#apply")
    expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(page.locator("#event-table")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)


def drawn_counts(page) -> dict:
    """The events (or acts) behind each point the timeline draws: {(direction, period): n}."""
    drawn = page.evaluate("""() => (document.getElementById("timeline").data || [])
      .filter(t => !t.meta && !t.yaxis)
      .flatMap(t => t.customdata.map((c, i) => [c[0], c[1], t.text[i]]))""")
    counts = {}
    for direction, period, text in drawn:
        found = re.search(r"· (\d+) (?:event|act)s?$", text)
        assert found, text
        counts[(direction, period)] = int(found.group(1))
    return counts


def confidence_of(text: str) -> float:
    return float(text.strip())


def test_min_confidence_narrows_the_event_table_and_its_csv(page, demo_server):
    base = demo_server
    a, b = open_dashboard(page, base)
    dyad = f"{a}-{b}"
    everything = api(base, "/api/events", dyad=dyad, limit=1000)
    confidences = sorted({e["confidence"] for e in everything["items"]})
    assert len(confidences) > 1, "the demo's events should differ in confidence"
    status = page.locator("#status")
    expect(status).to_contain_text(f"{everything['total']} {everything['counts']}")
    expect(status).not_to_contain_text("likely to be right")
    info = page.locator("#page-info")
    table = page.locator("#event-table")
    page.click("#tab-events")

    # the median confidence of the dyad's events: fewer events, each at least that likely
    top = confidences[len(confidences) // 2]
    calls = api_calls(page)
    apply_confidence(page, str(top), rows="100")
    kept = api(base, "/api/events", dyad=dyad, min_confidence=top, limit=1000)
    assert 0 < kept["total"] < everything["total"]
    expect(info).to_have_text(f"1–{min(kept['total'], 100)} of {kept['total']} {kept['counts']}", timeout=TIMEOUT)
    expect(page.locator("#filter-confidence")).to_have_value(str(top))   # the table's form follows Apply
    shown = [confidence_of(t) for t in table.locator("tbody tr td.confidence").all_inner_texts()]
    assert len(shown) == min(kept["total"], 100) and all(c >= top - 0.005 for c in shown), shown
    listed = [c for c in calls if path_of(c) == "/api/events" and query_of(c).get("dyad") == dyad]
    assert listed and query_of(listed[-1])["min_confidence"] == str(top)
    called = httpx.get(listed[-1], timeout=30).json()           # what the page was answered
    assert called["total"] == kept["total"] and all(e["confidence"] >= top for e in called["items"])
    assert table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.dataset.eventId)") == [
        e["event_id"] for e in called["items"]]
    percent = f"{top * 100:g}%"
    expect(status).to_contain_text(f"events at least {percent} likely to be right")
    expect(status).to_contain_text(f"{kept['total']} {kept['counts']}")

    # the CSV link carries the minimum, and the file holds those events only
    href = page.locator("#csv-link").get_attribute("href")
    assert href.startswith("/api/events.csv?")
    assert query_of(href) == {"dyad": dyad, "modality": "asserted", "min_confidence": str(top)}
    records = list(csv.DictReader(io.StringIO(httpx.get(base + href, timeout=30).text)))
    assert len(records) == kept["total"] and all(float(r["confidence"]) >= top for r in records)

    # a very high minimum: fewer events still, or none
    apply_confidence(page, "0.99")
    high = api(base, "/api/events", dyad=dyad, min_confidence=0.99, limit=1000)
    assert high["total"] < everything["total"] and all(e["confidence"] >= 0.99 for e in high["items"])
    expect(info).to_contain_text(f"of {high['total']} {high['counts']}", timeout=TIMEOUT)
    if not high["total"]:
        expect(table.locator("tbody")).to_contain_text("No events match these filters.")
    expect(status).to_contain_text("events at least 99% likely to be right")
    assert query_of(page.locator("#csv-link").get_attribute("href"))["min_confidence"] == "0.99"

    # the table's own filter takes a minimum too
    page.fill("#filter-confidence", "")
    page.click("#filter-apply")
    expect(info).to_have_text(f"1–{min(everything['total'], 100)} of {everything['total']} {everything['counts']}",
                              timeout=TIMEOUT)
    assert "min_confidence" not in query_of(page.locator("#csv-link").get_attribute("href"))

    # empty (or 0) is every event again
    apply_confidence(page, "0")
    expect(info).to_have_text(f"1–{min(everything['total'], 100)} of {everything['total']} {everything['counts']}",
                              timeout=TIMEOUT)
    expect(status).not_to_contain_text("likely to be right")
    expect(page.locator("#filter-confidence")).to_have_value("")
    assert "min_confidence" not in query_of(page.locator("#csv-link").get_attribute("href"))


def test_min_confidence_applies_to_the_timeline_and_every_view(page, demo_server):
    base = demo_server
    a, b = open_dashboard(page, base)
    before = drawn_counts(page)
    assert sum(before.values()) > 0
    confidences = sorted({e["confidence"] for e in api(base, "/api/events", dyad=f"{a}-{b}", limit=1000)["items"]})
    top = confidences[-1]

    calls = api_calls(page)
    apply_confidence(page, str(top))
    timeline = page.locator("#timeline")
    expect(timeline).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(timeline).to_have_attribute("data-min-confidence", str(top))
    # every view asked the API for events at least that likely to be right
    asked = {path_of(c).removeprefix(f"/api/dyads/{a}/{b}"): query_of(c) for c in calls}
    for view in ("/series", "/spirals", "/channels/lanes", "/breadth", "/channels", "/api/events"):
        assert view in asked, (view, list(asked))
        assert asked[view].get("min_confidence") == str(top), (view, asked[view])

    # the timeline: each point counts as many events or fewer, as the API says
    after = drawn_counts(page)
    series = api(base, f"/api/dyads/{a}/{b}/series", freq="month", min_confidence=top)
    assert after == {(p["direction"], p["period"]): p["n"] for p in series["points"]}
    assert all(n <= before.get(key, 0) for key, n in after.items()), (before, after)
    assert sum(after.values()) < sum(before.values())
    expect(page.locator("#timeline-counts")).to_contain_text(f"at least {top * 100:g}% likely to be right")

    # a point's events: those the series counted, asked with the minimum
    point = next(p for p in series["points"] if p["n"] > 0)
    calls.clear()
    page.evaluate("""([direction, period]) => {
      const gd = document.getElementById("timeline");
      const index = gd.data.findIndex(t => !t.meta && !t.yaxis && t.customdata.some(c => c[0] === direction));
      const i = gd.data[index].customdata.findIndex(c => c[0] === direction && c[1] === period);
      gd.emit("plotly_click", {points: [{data: gd.data[index], customdata: gd.data[index].customdata[i]}]});
    }""", [point["direction"], point["period"]])
    panel = page.locator("#point-events")
    expect(panel).to_have_attribute("data-period", point["period"], timeout=TIMEOUT)
    expect(panel).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    listed = panel.locator("button.event-link").evaluate_all("nodes => nodes.map(n => n.dataset.eventId)")
    assert sorted(listed) == sorted(point["event_ids"])
    fetched = [query_of(c) for c in calls if path_of(c) == "/api/events"]
    assert fetched and all(q.get("min_confidence") == str(top) for q in fetched)
    for event_id in listed:
        assert api(base, f"/api/events/{event_id}")["event"]["confidence"] >= top

    # nothing that likely to be right: the timeline says so
    apply_confidence(page, "0.99")
    empty = api(base, f"/api/dyads/{a}/{b}/series", freq="month", min_confidence=0.99)
    counts = drawn_counts(page)
    assert all(n <= before.get(key, 0) for key, n in counts.items())
    if not any(p["n"] for p in empty["points"]):
        expect(page.locator("#timeline-empty")).to_contain_text(
            f"No coded events between {a} and {b} at least 99% likely to be right")
    # the channel status asked on another day keeps the minimum
    calls.clear()
    page.click("#tab-channels")
    page.fill("#channel-date", "2013-02-01")
    page.click("#channel-date-apply")
    expect(page.locator("#channel-status")).to_have_attribute("data-at", "2013-02-01", timeout=TIMEOUT)
    status_calls = [query_of(c) for c in calls if path_of(c).endswith("/channels")]
    assert status_calls and status_calls[-1]["min_confidence"] == "0.99"


def test_confidence_is_explained_where_it_is_shown(page, demo_server):
    base = demo_server
    a, b = open_dashboard(page, base)
    table = show_event_table(page)
    header = table.locator("thead th").filter(has_text=re.compile(r"^\s*Conf\.\s*$"))
    expect(header).to_have_count(1)
    expect(header).to_have_attribute("title", re.compile(re.escape(CONFIDENCE_MEANS)))
    expect(page.locator("#min-confidence")).to_have_attribute("title", re.compile("likely to be right"))

    first = api(base, "/api/events", dyad=f"{a}-{b}", limit=25)["items"][0]
    table.locator(f'tr[data-event-id="{first["event_id"]}"] button.sentence-link').click()
    view = page.locator("#event-view")
    expect(view).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    number = f"{round(first['confidence'], 2):g}"
    fact = page.locator("#event-facts dt").filter(has_text="Confidence")
    expect(fact).to_have_count(1)
    expect(page.locator("#event-facts dd.confidence, #event-facts dd:has(.confidence)")).to_have_text(
        f"{number} — {CONFIDENCE_MEANS}")
    expect(page.locator("#event-facts")).to_contain_text(f"Confidence{number} — {CONFIDENCE_MEANS}")
    page.keyboard.press("Escape")

    # a minimum outside 0 to 1 is refused in the page, not sent
    calls = api_calls(page)
    page.fill("#min-confidence", "1.5")
    page.click("#apply")
    status = page.locator("#status")
    expect(status).to_contain_text("Min. confidence must be a number from 0 to 1")
    expect(status).to_have_class(re.compile(r"\berror\b"))
    assert not [c for c in calls if "min_confidence" in c]
