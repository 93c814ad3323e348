/* The Timeline tab: the net-cooperation chart (Plotly) per direction, the optional weighted
 * sum, the change points, the starred biggest acts, and the list of events behind a clicked
 * point; all of them only of events at least as likely to be right as the minimum applied. */

import {$, el, enc, fresh, getJSON} from "./dom.js";
import {arrow, confidenceWords, fmtNumber, plotText, plural, wrapText} from "./format.js";
import {DAY_MS, dayMs, lastDayOf, nextPeriod, periodBounds, periodLabel, periodMiddle, plotDate,
        tickLabel} from "./dates.js";
import {NOT_SHOWN, state} from "./state.js";
import {clearChart, drawWhenShown, plotFresh} from "./panels.js";
import {eventButton, openEvent} from "./event-view.js";

const COLORS = ["#1f5fa8", "#c2410c"];
const MEASURE_NAMES = {net_cooperation: "net cooperation", weight_sum: "weighted sum"};
const STRIP = [0.86, 1];   // the strip above the chart where the biggest events are starred
const MAIN = [0, 0.8];

/** The series of the current query (``measure`` chosen under the chart). */
export async function loadTimeline(generation) {
  const {a, b, from, to, freq, scale, measure, min_confidence} = state.query;
  const node = $("#timeline");
  node.dataset.state = "loading";
  try {
    const series = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/series`,
                                 {freq, scale, from, to, measure, min_confidence});
    if (generation !== state.generation) return series;
    state.series = {...series, min_confidence};   // the minimum it was asked with
    clearPointEvents();
    renderTimeline();
    return series;
  } catch (error) {
    if (generation === state.generation) {
      state.series = null;
      clearPointEvents();
      clearChart(node);
      fresh(node);
      $("#timeline-title").textContent = "Net cooperation";
      $("#timeline-changes").hidden = true;
      $("#timeline-counts").hidden = true;
      node.dataset.state = "error";
      delete node.dataset.dyad;
      showTimelineMessage(NOT_SHOWN, "error");
    }
    throw error;
  }
}

export function showTimelineMessage(message, kind = "empty") {
  const note = $("#timeline-empty");
  note.textContent = message;
  note.className = kind;
  note.hidden = !message;
}

/** The x range: from the first day of the period asked for (or of the data) to its last day,
 *  padded by half a period; never the milliseconds Plotly picks around a single point. */
function timelineRange(series) {
  const {freq} = series;
  const periods = [...new Set(series.points.map((p) => p.period))].sort();
  if (!periods.length) return null;
  const {from, to} = state.query;
  let start = dayMs(periods[0]);
  let end = dayMs(nextPeriod(periods[periods.length - 1], freq));
  if (from) start = Math.min(start, dayMs(from));
  if (to) end = Math.max(end, dayMs(lastDayOf(to)) + DAY_MS);
  const pad = (dayMs(nextPeriod(periods[0], freq)) - dayMs(periods[0])) / 2;
  return {start, end, pad, periods};
}

function timelineAxis(series, range) {
  const {freq} = series;
  const axis = {type: "date", showgrid: false, range: [plotDate(range.start - range.pad), plotDate(range.end + range.pad)]};
  if (range.periods.length <= 12) {
    // few periods: one labelled tick in the middle of each
    axis.tickmode = "array";
    axis.tickvals = range.periods.map((p) => periodMiddle(p, freq));
    axis.ticktext = range.periods.map((p) => tickLabel(p, freq));
  } else if (freq === "year") {
    Object.assign(axis, {tickformat: "%Y"}, range.periods.length <= 24 ? {dtick: "M12", ticklabelmode: "period"} : {});
  } else {
    axis.tickformatstops = [
      {dtickrange: [null, "M1"], value: "%b %e, %Y"},
      {dtickrange: ["M1", "M6"], value: "%b %Y"},
      {dtickrange: ["M12", null], value: "%Y"},
    ];
  }
  return axis;
}

const showWeighted = () => $("#show-weight").checked || (state.series && state.series.measure === "weight_sum");

export function renderTimeline() {
  const series = state.series;
  const node = $("#timeline");
  const {a, b, freq} = series;
  const scale = series.scale || "";
  fresh(node);
  node.dataset.dyad = `${a}-${b}`;
  node.dataset.measure = series.measure || "net_cooperation";
  node.dataset.state = "ready";
  node.dataset.minConfidence = series.min_confidence || "";
  $("#timeline-title").textContent = `Net cooperation, ${a} ⇄ ${b}, by ${freq}`;
  const counts = $("#timeline-counts");
  const kept = confidenceWords(series.min_confidence, "only those");
  counts.hidden = !series.counts;
  counts.textContent = series.counts
    ? `Each point counts ${series.counts}${kept ? `, ${kept}` : ""}; weights on the ${scale} scale.` : "";
  const sure = confidenceWords(series.min_confidence, "");
  const none = `No coded events between ${a} and ${b}${sure ? ` ${sure}` : ""}`;
  const range = timelineRange(series);
  if (!range) {
    clearChart(node);
    renderChanges(series, []);
    showTimelineMessage(`${none}${state.query.from || state.query.to ? " in this period" : ""}.`);
    return;
  }
  const anyEvents = series.points.some((p) => p.n > 0);
  showTimelineMessage(anyEvents ? "" : `${none} in this period.`);
  const unit = /each act once/.test(series.counts || "") ? "act" : "event";
  const weighted = showWeighted();
  const directions = [`${a}->${b}`, `${b}->${a}`];
  const traces = [];
  directions.forEach((direction, index) => {
    const points = series.points.filter((p) => p.direction === direction);
    traces.push({
      type: "scatter", mode: "lines+markers", name: `${arrow(direction)} net cooperation`,
      x: points.map((p) => periodMiddle(p.period, freq)), y: points.map((p) => p.net_cooperation),
      customdata: points.map((p) => [direction, p.period]),
      text: points.map((p) => `${periodLabel(p.period, freq)} · ${plural(p.n, unit)}`),
      hovertemplate: "%{text}<br>net cooperation %{y}<extra>" + plotText(arrow(direction)) + "</extra>",
      line: {color: COLORS[index], width: 2, shape: "linear"},
      marker: {color: COLORS[index], size: points.map((p) => (p.n ? Math.min(16, 6 + 2 * Math.sqrt(p.n)) : 4)),
               opacity: points.map((p) => (p.n ? 1 : 0.45))},
    });
  });
  if (weighted) {
    directions.forEach((direction, index) => {
      const points = series.points.filter((p) => p.direction === direction);
      traces.push({
        type: "scatter", mode: "lines+markers", name: `${arrow(direction)} weighted sum`, yaxis: "y2",
        x: points.map((p) => periodMiddle(p.period, freq)), y: points.map((p) => p.weight_sum),
        customdata: points.map((p) => [direction, p.period]),
        text: points.map((p) => periodLabel(p.period, freq)),
        hovertemplate: "%{text}<br>weighted sum %{y:.1f}<extra>" + plotText(arrow(direction)) + "</extra>",
        line: {color: COLORS[index], width: 1.5, dash: "dot"}, marker: {color: COLORS[index], size: 4},
      });
    });
  }
  const strongest = series.strongest || [];
  if (strongest.length) traces.push(strongestTrace(series, directions, range));
  renderChanges(series, directions);
  const layout = {
    margin: {l: 56, r: weighted ? 64 : 16, t: 8, b: 40},
    hovermode: "closest",
    hoverlabel: {align: "left"},
    showlegend: true,
    legend: {orientation: "h", x: 0, y: 1.02, yanchor: "bottom"},   // above the plot; the margin grows to fit
    xaxis: timelineAxis(series, range),
    yaxis: {title: {text: `net cooperation (${unit}s)`}, automargin: true, zeroline: true, zerolinecolor: "#888", gridcolor: "#e8e8e8",
            domain: strongest.length ? MAIN : [0, 1]},
    shapes: timelineShapes(),
    paper_bgcolor: "#fff", plot_bgcolor: "#fff",
    font: {family: "system-ui, sans-serif", size: 12},
  };
  if (weighted) {
    layout.yaxis2 = {title: {text: plotText(`weighted sum (${scale})`)}, overlaying: "y", side: "right", showgrid: false,
                     zeroline: false, tickmode: "auto", nticks: 8};
  }
  if (strongest.length) {
    layout.yaxis3 = {domain: STRIP, range: [-0.8, 1.8], fixedrange: true, showgrid: false, zeroline: false, automargin: true,
                     tickmode: "array", tickvals: [1, 0], ticktext: directions.map((d) => plotText(arrow(d))),
                     tickfont: {size: 10}};
  }
  drawWhenShown(node, () => {
    plotFresh(node, traces, layout, {modeBarButtonsToRemove: ["select2d", "lasso2d"]});
    node.on("plotly_click", onTimelineClick);
  });
}

/** The API's strongest acts of the period (each once), as stars in a strip over the chart:
 *  a row per direction, at the act's date; hover gives the code, its name and the sentence. */
function strongestTrace(series, directions, range) {
  const strongest = series.strongest || [];
  // a star that would cover another of its row moves out by a step (up for the upper row,
  // down for the lower), so that each stays visible and clickable
  const near = (range.end - range.start + 2 * range.pad) / 60;
  const placed = [];
  const ys = strongest.map((event) => {
    const row = `${event.source_country}->${event.target_country}` === directions[0] ? 1 : 0;
    const t = dayMs(event.date);
    let level = 0;
    while (level < 2 && placed.some((p) => p.row === row && p.level === level && Math.abs(p.t - t) < near)) level++;
    placed.push({row, level, t});
    return row + level * 0.4 * (row ? 1 : -1);
  });
  return {
    type: "scatter", mode: "markers", name: `${strongest.length} biggest ${strongest.length === 1 ? "act" : "acts"} (|weight|, ${series.scale})`,
    meta: "strongest", yaxis: "y3",
    x: strongest.map((e) => plotDate(dayMs(e.date) + DAY_MS / 2)), y: ys,
    customdata: strongest.map((e) => e.event_id),
    text: strongest.map((e) =>
      `<b>${plotText(e.code)} · ${plotText(e.code_name || "")}</b>  ${plotText(e.date)} · ` +
      `${plotText(e.source_country)} → ${plotText(e.target_country)} · weight ${plotText(fmtNumber(e.goldstein, 1))}` +
      `<br>${wrapText(e.sentence)}`),
    hovertemplate: "%{text}<extra></extra>",
    marker: {symbol: "star", size: 15, line: {color: "#fff", width: 1},
             color: strongest.map((e) => (`${e.source_country}->${e.target_country}` === directions[0] ? COLORS[0] : COLORS[1]))},
  };
}

function onTimelineClick(event) {
  const point = event && event.points && event.points[0];
  if (!point) return;
  if (point.data && point.data.meta === "strongest") {
    openEvent(point.customdata, $("#timeline"));
    return;
  }
  if (Array.isArray(point.customdata)) showPointEvents(point.customdata[0], point.customdata[1]);
}

/** Dashed lines at the series' change points (the API's, for the measure drawn), and a band
 *  over the selected point's period. */
function timelineShapes() {
  const series = state.series;
  const first = `${series.a}->${series.b}`;
  const top = (series.strongest || []).length ? MAIN[1] : 1;
  const shapes = (series.changes || []).map((change) => ({
    type: "line", name: "change", xref: "x", yref: "paper", x0: plotDate(dayMs(change.period)),
    x1: plotDate(dayMs(change.period)), y0: 0, y1: top,
    line: {color: COLORS[change.direction === first ? 0 : 1], width: 1, dash: "dash"},
  }));
  if (state.selected) {
    const {period} = state.selected;
    shapes.push({type: "rect", name: "selected", xref: "x", yref: "paper", x0: plotDate(dayMs(period)),
                 x1: plotDate(dayMs(nextPeriod(period, series.freq))), y0: 0, y1: top, layer: "below",
                 line: {width: 0}, fillcolor: "rgba(31, 95, 168, 0.12)"});
  }
  return shapes;
}

function renderChanges(series, directions) {
  const note = $("#timeline-changes");
  const changes = series.changes || [];
  const measure = series.measure || "net_cooperation";
  const name = measure === "weight_sum" ? `weighted sum (${series.scale})` : MEASURE_NAMES[measure] || measure;
  note.replaceChildren();
  note.dataset.measure = measure;
  note.hidden = !directions.length;
  if (!directions.length) return;
  if (!changes.length) {
    note.append(`No change points in ${name} per ${series.freq} in this period.`);
    return;
  }
  note.append("Dashed lines: the change points in ", el("strong", null, name),
              `, the measure drawn (the largest shifts in its mean per ${series.freq}): `);
  changes.forEach((change, index) => {
    if (index) note.append("; ");
    const side = change.direction === directions[0] ? "dir-ab" : "dir-ba";
    note.append(el("span", {class: `change ${side}`}, arrow(change.direction)),
                ` from ${periodLabel(change.period, series.freq)}, ${fmtNumber(change.before)} → ${fmtNumber(change.after)}`);
  });
  note.append(".");
}

export function clearPointEvents() {
  state.selected = null;
  const panel = $("#point-events");
  panel.token = null;   // drop the answer to an earlier click
  delete panel.dataset.direction;
  delete panel.dataset.period;
  panel.dataset.state = "empty";
  $("#point-events-title").textContent = "No point selected";
  $("#point-events-list").replaceChildren();
}

async function showPointEvents(direction, period) {
  const series = state.series;
  const point = series && series.points.find((p) => p.direction === direction && p.period === period);
  if (!point) return;
  const panel = $("#point-events");
  const list = $("#point-events-list");
  const token = {};
  panel.token = token;
  panel.dataset.direction = direction;
  panel.dataset.period = period;
  panel.dataset.state = "loading";
  state.selected = {direction, period};
  window.Plotly.relayout($("#timeline"), {shapes: timelineShapes()});
  const unit = /each act once/.test(series.counts || "") ? "act" : "event";
  $("#point-events-title").textContent =
    `${arrow(direction)}, ${periodLabel(period, series.freq)}: ${plural(point.n, unit)}, ` +
    `net cooperation ${point.net_cooperation}`;
  list.replaceChildren(el("li", {class: "muted"}, point.n ? "Loading…" : "No events in this period."));
  if (!point.event_ids.length) {
    list.replaceChildren(el("li", {class: "muted"}, "No events in this period."));
    panel.dataset.state = "ready";
    return;
  }
  try {
    const events = await eventsById(point.event_ids, `${series.a}-${series.b}`, periodBounds(period, series.freq),
                                    series.min_confidence);
    if (panel.token !== token) return;
    list.replaceChildren(...events.map((event) => el("li", null, eventButton(event))));
    if (events.length < point.event_ids.length) {
      list.append(el("li", {class: "muted"}, `${point.event_ids.length - events.length} more could not be loaded.`));
    }
    panel.dataset.state = "ready";
  } catch (error) {
    if (panel.token !== token) return;
    list.replaceChildren(el("li", {class: "error"}, `Could not load the events: ${error.message}`));
    panel.dataset.state = "error";
  }
}

/** The events with these ids: the dyad's events in the period at least ``min_confidence``
 *  likely to be right (paged), kept by id, in date order; ids not found that way (if any) are
 *  fetched one by one. */
async function eventsById(ids, dyad, bounds, min_confidence) {
  const wanted = new Set(ids);
  const found = new Map();
  const limit = 1000;
  for (let offset = 0, pages = 0; pages < 20; offset += limit, pages++) {
    const page = await getJSON("/api/events", {dyad, from: bounds.from, to: bounds.to, modality: "all", min_confidence,
                                               limit, offset});
    for (const event of page.items) if (wanted.has(event.event_id)) found.set(event.event_id, event);
    if (found.size === wanted.size || offset + limit >= page.total) break;
  }
  const missing = ids.filter((id) => !found.has(id)).slice(0, 50);
  const extra = await Promise.all(missing.map((id) => getJSON(`/api/events/${enc(id)}`).then((r) => r.event, () => null)));
  const events = [...found.values(), ...extra.filter(Boolean)];
  return events.sort((x, y) => String(x.date).localeCompare(String(y.date)));
}
