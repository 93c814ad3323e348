/* The Channels tab: the board of channel lanes over time, the status of every channel on a
 * chosen day, and the breadth chart (open channels by level); each from the events at least as
 * likely to be right as the minimum applied. */

import {$, el, enc, fresh, getJSON} from "./dom.js";
import {confidenceWords, humanLevel, plotText, statusClass} from "./format.js";
import {DAY_MS, dayMs, lastDayOf, MONTHS, todayISO} from "./dates.js";
import {NOT_SHOWN, state} from "./state.js";
import {clearChart, drawWhenShown, plotFresh} from "./panels.js";
import {openEvent} from "./event-view.js";

const YEAR_MS = 365.25 * DAY_MS;

/** Breadth by month over a short board (three years or less), by year otherwise. */
const breadthFreq = (start, end) => (start && end && dayMs(end) - dayMs(start) <= 3 * YEAR_MS ? "month" : "year");

export async function loadChannels(generation, pair) {
  const {from, to, min_confidence} = state.query;
  const base = `/api/dyads/${enc(pair.a)}/${enc(pair.b)}`;
  let lanes;
  let breadth;
  try {
    // with no from/to, the API's range is that of the dyad's dated events
    lanes = await getJSON(`${base}/channels/lanes`, {from, to, min_confidence});
    if (generation !== state.generation) return;
    breadth = await getJSON(`${base}/breadth`, {from, to, min_confidence, freq: breadthFreq(lanes.start, lanes.end)});
  } catch (error) {
    if (generation === state.generation) clearChannels(NOT_SHOWN);
    throw error;
  }
  if (generation !== state.generation) return;
  state.lanes = lanes;
  state.breadth = breadth;
  $("#channel-date").value = to ? lastDayOf(to) : lanes.end || todayISO();
  renderBoard();
  renderBreadth();
  await loadChannelStatus({quiet: true, generation});
}

/** The channel views emptied: no board, no status table, no breadth (``message`` instead). */
function clearChannels(message) {
  state.lanes = null;
  state.breadth = null;
  const board = $("#channel-board");
  fresh(board);
  board.replaceChildren(el("p", {class: "empty"}, message));
  board.dataset.state = "error";
  $("#board-range").textContent = "";
  $("#channel-date-label").textContent = "–";
  const table = $("#channel-status");
  fresh(table);
  delete table.dataset.at;
  table.dataset.state = "error";
  $("#channel-status tbody").replaceChildren(el("tr", null, el("td", {colspan: 6, class: "muted"}, message)));
  const breadth = $("#breadth");
  fresh(breadth);
  clearChart(breadth, message);
  breadth.dataset.state = "error";
  $("#breadth-caption").textContent = "";
}

/** The board's time scale: from the first day of the range to the end of its last day. */
function boardScale() {
  const {start, end} = state.lanes;
  const t0 = dayMs(start);
  const t1 = dayMs(end) + DAY_MS;
  return {t0, t1, frac: (iso) => Math.max(0, Math.min(1, ((iso ? dayMs(iso) : t1) - t0) / (t1 - t0)))};
}

function boardTicks(t0, t1, frac) {
  const ticks = [];
  const first = new Date(t0);
  const years = (t1 - t0) / YEAR_MS;
  if (years > 3.1) {
    const every = years > 30 ? 5 : years > 12 ? 2 : 1;
    for (let year = first.getUTCFullYear(); Date.UTC(year, 0, 1) < t1; year++) {
      if (Date.UTC(year, 0, 1) >= t0 && !(year % every)) ticks.push([String(year), `${year}-01-01`]);
    }
  } else {
    const step = years > 1.5 ? 3 : 1;
    const date = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
    if (date.getTime() < t0) date.setUTCMonth(date.getUTCMonth() + 1);
    for (; date.getTime() < t1; date.setUTCMonth(date.getUTCMonth() + 1)) {
      const month = date.getUTCMonth();
      if (month % step) continue;
      const iso = date.toISOString().slice(0, 10);
      ticks.push([month === 0 ? String(date.getUTCFullYear()) : MONTHS[month], iso]);
    }
  }
  return ticks.map(([label, iso]) => {
    const tick = el("span", {class: "tick"}, label);
    tick.style.left = `${(frac(iso) * 100).toFixed(3)}%`;
    return tick;
  });
}

function renderBoard() {
  const board = $("#channel-board");
  const {start, end, lanes} = state.lanes;
  const {a, b} = state.resolved || state.query;
  const {from, to} = state.query;
  fresh(board);
  board.dataset.state = "ready";
  board.replaceChildren();
  const range = $("#board-range");
  range.dataset.start = start || "";
  range.dataset.end = end || "";
  if (!start) {
    range.textContent = "";
    const kept = confidenceWords(state.query.min_confidence, "");
    board.append(el("p", {class: "empty"},
      `No dated events between ${a} and ${b}${kept ? ` ${kept}` : ""}: nothing to place on a board.`));
    return;
  }
  const basis = from && to ? "the period asked for" : from || to ? "the period asked for and the dyad's dated events"
                                                          : "the span of the dyad's dated events";
  range.replaceChildren("Board from ", el("strong", null, start), " to ", el("strong", null, end), ` (${basis})`);
  if (!lanes.length) {
    board.append(el("p", {class: "empty"}, "No channels are registered for this dyad."));
    return;
  }
  const {t0, t1, frac} = boardScale();
  const axis = el("div", {class: "board-row board-axis", "aria-hidden": "true"}, el("div", {class: "board-label"}),
                  el("div", {class: "board-track axis-track"}, boardTicks(t0, t1, frac)));
  board.append(axis);

  // one group per level, one row per channel, one segment per status period
  const levels = new Map();
  for (const lane of lanes) {
    if (!levels.has(lane.level)) levels.set(lane.level, new Map());
    const channels = levels.get(lane.level);
    if (!channels.has(lane.channel_id)) channels.set(lane.channel_id, {name: lane.name, segments: []});
    channels.get(lane.channel_id).segments.push(lane);
  }
  for (const [level, channels] of levels) {
    const group = el("div", {class: "board-level", dataset: {level}},
                     el("h4", {class: "level-name"}, humanLevel(level)));
    for (const [channelId, channel] of channels) {
      const track = el("div", {class: "board-track", title: "click: status on this day", onclick: pickBoardDate});
      for (const seg of channel.segments) {
        const left = frac(seg.start);
        const right = frac(seg.end);
        const assumed = seg.recorded === false;
        const label = assumed ? `${seg.status} (assumed: no recorded change)` : seg.status;
        const bar = el("div", {class: `board-seg ${statusClass(seg.status)}${assumed ? " assumed" : ""}`,
                               dataset: {status: seg.status, recorded: String(!assumed), basis: seg.basis || ""},
                               title: `${channel.name}: ${label}, ${seg.start} to ${seg.end || end}` +
                                      (seg.basis ? ` (${seg.basis})` : "")});
        bar.style.left = `${(left * 100).toFixed(3)}%`;
        bar.style.width = `${Math.max(0.2, (right - left) * 100).toFixed(3)}%`;
        track.append(bar);
      }
      track.append(el("div", {class: "board-cursor", "aria-hidden": "true"}));
      group.append(el("div", {class: "board-row", dataset: {channelId}},
        el("div", {class: "board-label", title: channelId}, channel.name), track));
    }
    board.append(group);
  }
  placeCursor();
}

function pickBoardDate(event) {
  if (!state.lanes) return;
  const {t0, t1} = boardScale();
  const box = event.currentTarget.getBoundingClientRect();
  const fraction = Math.max(0, Math.min(1, (event.clientX - box.left) / Math.max(1, box.width)));
  const day = Math.min(t1 - DAY_MS, t0 + Math.floor((fraction * (t1 - t0)) / DAY_MS) * DAY_MS);
  $("#channel-date").value = new Date(day).toISOString().slice(0, 10);
  loadChannelStatus().catch(() => {});
}

function placeCursor() {
  if (!state.lanes || !state.lanes.start) return;
  const {t0, t1} = boardScale();
  const day = $("#channel-date").value;
  const fraction = (dayMs(day) + DAY_MS / 2 - t0) / (t1 - t0);
  for (const cursor of document.querySelectorAll("#channel-board .board-cursor")) {
    cursor.hidden = !(fraction >= 0 && fraction <= 1);
    cursor.style.left = `${(Math.max(0, Math.min(1, fraction || 0)) * 100).toFixed(3)}%`;
  }
}

/** The status of each channel on the chosen day; rows only assumed (no recorded change) are
 *  set apart. With ``quiet`` (as part of Apply) a failure leaves the message to the status line. */
export async function loadChannelStatus(options = {}) {
  if (!state.query) return;
  const {a, b} = state.resolved || state.query;
  const day = $("#channel-date").value;
  const body = $("#channel-status tbody");
  const table = $("#channel-status");
  const token = {};
  table.token = token;
  table.dataset.state = "loading";
  let answer;
  try {
    answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/channels`, {at: day, min_confidence: state.query.min_confidence});
  } catch (error) {
    if (table.token !== token || (options.generation && options.generation !== state.generation)) throw error;
    fresh(table);
    delete table.dataset.at;
    body.replaceChildren(el("tr", null, el("td", {colspan: 6, class: options.quiet ? "muted" : "error"},
      options.quiet ? NOT_SHOWN : `Could not load the status: ${error.message}`)));
    table.dataset.state = "error";
    throw error;
  }
  if (table.token !== token) return;
  fresh(table);
  $("#channel-date-label").textContent = answer.at;
  table.dataset.at = answer.at;
  body.replaceChildren(...answer.channels.map((c) => {
    const assumed = c.recorded === false;
    return el("tr", {class: assumed ? "assumed" : null, dataset: {channelId: c.id, status: c.status, recorded: String(!assumed)}},
      el("td", null, c.name, el("div", {class: "muted small"}, c.parent ? `${c.id} (part of ${c.parent})` : c.id)),
      el("td", null, humanLevel(c.level)),
      el("td", {class: "status"}, el("span", {class: `badge ${statusClass(c.status)}${assumed ? " assumed" : ""}`},
                                    c.label || c.status)),
      el("td", null, c.since || "–"),
      el("td", null, c.basis || ""),
      el("td", null, c.note || "", c.event_id ? " " : null,
         c.event_id ? el("button", {type: "button", class: "link", dataset: {eventId: c.event_id},
                                    onclick: (e) => openEvent(c.event_id, e.currentTarget)}, "event") : null));
  }));
  if (!answer.channels.length) body.append(el("tr", null, el("td", {colspan: 6, class: "muted"}, "No channels.")));
  table.dataset.state = "ready";
  placeCursor();
}

function renderBreadth() {
  const node = $("#breadth");
  const breadth = state.breadth;
  const rows = (breadth && breadth.rows) || [];
  const caption = $("#breadth-caption");
  fresh(node);
  node.dataset.state = "ready";
  node.dataset.rows = String(rows.length);
  if (!rows.length) {
    caption.textContent = "";
    const kept = confidenceWords(state.query.min_confidence, "");
    clearChart(node, breadth && breadth.start ? "No channel history for this dyad in this period."
                                              : `No channel history: no dated events for this dyad${kept ? ` ${kept}` : ""}.`);
    return;
  }
  const freq = breadth.freq || "year";
  caption.textContent = `Channels open at the end of each ${freq}, ${breadth.start} to ${breadth.end}; ` +
                        "the dotted line: of those, the ones open only by assumption (no recorded change).";
  const label = (row) => (freq === "month" ? row.period.slice(0, 7) : row.period.slice(0, 4));
  const levels = Object.keys(rows[0]).filter((k) => !["period", "total", "assumed"].includes(k));
  const x = rows.map(label);
  const traces = levels.map((level) => ({
    type: "bar", name: plotText(humanLevel(level)), x, y: rows.map((r) => r[level] || 0),
    hovertemplate: "%{x}: %{y}<extra>" + plotText(humanLevel(level)) + "</extra>",
  }));
  if (rows.some((r) => r.assumed !== undefined)) {
    traces.push({type: "scatter", mode: "lines+markers", name: "open only by assumption", meta: "assumed", x,
                 y: rows.map((r) => r.assumed || 0), line: {color: "#344054", width: 1.5, dash: "dot"},
                 marker: {color: "#344054", size: 5, symbol: "circle-open"},
                 hovertemplate: "%{x}: %{y} open only by assumption<extra></extra>"});
  }
  const layout = {
    barmode: "stack", margin: {l: 40, r: 10, t: 8, b: 32}, legend: {orientation: "h", y: -0.2},
    xaxis: {type: "category"}, yaxis: {title: {text: "open channels"}, gridcolor: "#e8e8e8"},
    font: {family: "system-ui, sans-serif", size: 11}, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
  };
  drawWhenShown(node, () => plotFresh(node, traces, layout));
}
