"""What the dashboard's browser tests share: the API read directly, opening the dashboard on the
busiest dyad, applying a query, reading the timeline's state, clicking its points."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
import pytest

pytest.importorskip("playwright")
from playwright.sync_api import expect  # noqa: E402

TIMEOUT = 15_000  # ms, for Playwright's auto-waiting expectations
ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "detente" / "web" / "static"


def api(base: str, path: str, **params) -> dict:
    response = httpx.get(base + path, params=params, timeout=30)
    response.raise_for_status()
    return response.json()


def open_dashboard(page, base: str) -> tuple[str, str]:
    """Load the dashboard, pick the busiest dyad (USA-RUS in the demo) and apply; (a, b) as
    the dashboard orders them."""
    busiest = api(base, "/api/dyads")["items"][0]
    page.goto(base + "/")
    value = f"{busiest['a']}-{busiest['b']}"
    expect(page.locator(f'#dyad-select option[value="{value}"]')).to_be_attached(timeout=TIMEOUT)
    page.select_option("#dyad-select", value)
    expect(page.locator("#actor-a")).to_have_value(busiest["a"])
    expect(page.locator("#actor-b")).to_have_value(busiest["b"])
    page.click("#apply")
    expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    timeline = page.locator("#timeline")
    expect(timeline).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    expect(timeline).to_have_attribute("data-dyad", value)
    return busiest["a"], busiest["b"]


def apply_query(page, *, a: str | None = None, b: str | None = None, date_from: str | None = None,
                date_to: str | None = None, freq: str | None = None) -> None:
    """Fill in the controls given, press Apply and wait for every view to answer."""
    for selector, value in (("#actor-a", a), ("#actor-b", b), ("#date-from", date_from), ("#date-to", date_to)):
        if value is not None:
            page.fill(selector, value)
    if freq is not None:
        page.select_option("#freq", freq)
    page.click("#apply")
    expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=TIMEOUT)


def timeline_state(page) -> dict:
    """What Plotly drew: the x range it uses, the traces and the shapes."""
    return page.evaluate("""() => {
      const gd = document.getElementById("timeline");
      return {
        range: gd._fullLayout ? gd._fullLayout.xaxis.range : null,
        traces: (gd.data || []).map(t => ({meta: t.meta || null, name: t.name, customdata: t.customdata,
                                           text: t.text, n: (t.x || []).length})),
        shapes: ((gd.layout && gd.layout.shapes) || []).map(s => ({name: s.name || null, x0: s.x0})),
      };
    }""")


def day(value) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def click_marker(page, marker) -> None:
    """Click one Plotly marker. Plotly listens on its drag layer above the markers, so the
    mouse goes to the marker's centre rather than clicking the element. Plotly handles at most
    one hover per 50 ms and a click picks the point last hovered: the click waits for the hover
    at the centre (else, with markers a few pixels apart, it can pick the neighbour)."""
    marker.scroll_into_view_if_needed()
    box = marker.bounding_box()
    assert box is not None, "the marker is not rendered"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    page.wait_for_timeout(120)
    page.mouse.click(x, y)


def click_plotly_point(page, trace: int, index: int) -> None:
    """Click one marker of a scatter trace of the timeline's main chart."""
    click_marker(page, page.locator("#timeline .scatterlayer .trace").nth(trace).locator(".points path").nth(index))


def expect_marks(page, event: dict, text: str) -> None:
    """The event view marks the event's sentence, and in it the source, trigger and target
    exactly where the event's character offsets (into the document) say. The trigger's offsets
    cover its word (``imposed``), ``trigger_text`` may add the rest of the phrase (``imposed
    sanctions``)."""
    shown = page.locator("#document-text")
    sentence = shown.locator("mark.sentence")
    expect(sentence).to_have_count(1)
    expect(sentence).to_have_text(event["sentence"])
    assert text[event["char_start"]:event["char_end"]] == event["sentence"]
    for role in ("source", "trigger", "target"):
        marked = text[event[f"{role}_start"]:event[f"{role}_end"]]
        assert marked and marked.split()[0] in event[f"{role}_text"], (role, marked)
        expect(sentence.locator(f"mark.{role}")).to_have_text(marked)
    expect(sentence.locator("mark.trigger")).to_contain_text(event["trigger_text"].split()[0])


def show_event_table(page):
    """Open the events tab and wait for its table; the table's locator."""
    page.click("#tab-events")
    table = page.locator("#event-table")
    expect(table).to_have_attribute("data-state", "ready", timeout=TIMEOUT)
    return table
