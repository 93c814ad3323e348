/* detente dashboard: vanilla JS over the JSON API, no build step.
 *
 * Documents are untrusted. Everything that comes from the API is put into the page as text
 * (createElement + textContent / append(string)); no HTML is ever parsed from data, and no
 * href or src is set from data except an http(s) document URL (see safeLink).
 */
"use strict";

(() => {
  // ---------------------------------------------------------------------------------------
  // small helpers

  const $ = (selector, root = document) => root.querySelector(selector);
  const enc = encodeURIComponent;

  /** An element with attributes, listeners (on*) and children (nodes or strings, as text). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = String(value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) {
        if (typeof value !== "function") throw new Error(`${key} must be a function`);
        node.addEventListener(key.slice(2), value);
      } else if (key === "href" || key === "src") throw new Error("set links with safeLink()");
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** A link only for http(s) URLs; anything else (javascript:, data:, …) is shown as plain text. */
  function safeLink(url, label) {
    const text = label || url;
    let parsed = null;
    try {
      parsed = new URL(String(url));
    } catch (_) {
      parsed = null;
    }
    if (parsed && (parsed.protocol === "http:" || parsed.protocol === "https:")) {
      const link = el("a", {rel: "noopener noreferrer nofollow", target: "_blank", class: "external"}, text);
      link.href = parsed.href;
      return link;
    }
    return el("span", {class: "url-text"}, text);
  }

  const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const ACTOR_RE = /^[A-Za-z0-9 .']{2,40}$/;   // a code or a name: "RUS", "Russia", "United States"
  const DYAD_RE = /^[A-Za-z0-9 .']{2,40}-[A-Za-z0-9 .']{2,40}$/;
  const CODE_RE = /^\d{2,4}$/;

  function withParams(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value === null || value === undefined || value === "" || value === false) continue;
      query.set(key, String(value));
    }
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  }

  async function getJSON(path, params) {
    const response = await fetch(withParams(path, params), {headers: {Accept: "application/json"}});
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const body = await response.json();
        if (typeof body.detail === "string") detail = body.detail;
        else if (Array.isArray(body.detail)) detail = body.detail.map((d) => d.msg || JSON.stringify(d)).join("; ");
      } catch (_) { /* not JSON */ }
      const error = new Error(`${response.status} ${detail}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function setStatus(node, message, kind) {
    node.textContent = message || "";
    node.classList.toggle("error", kind === "error");
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  /** A number with the API's words for what it counts: "85 events (every mention)", "1 act (…)". */
  const counted = (n, words) => `${n} ${n === 1 ? String(words).replace(/^(event|act)s\b/, "$1") : words}`;
  const quadClass = (event) => {
    const quad = Number(event.quad_class);
    return `quad quad-${quad >= 1 && quad <= 4 ? quad : 0}`;
  };
  const arrow = (direction) => String(direction).replace("->", " → ");
  const humanLevel = (level) => {
    const text = String(level || "other").replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const fmtNumber = (value, digits = 2) =>
    value === null || value === undefined || Number.isNaN(Number(value)) ? "–" : String(Number(Number(value).toFixed(digits)));

  function todayISO() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function addDays(iso, days) {
    const date = new Date(`${iso}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  /** The last day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
  function lastDayOf(prefix) {
    if (prefix.length === 4) return `${prefix}-12-31`;
    if (prefix.length === 7) {
      const [year, month] = prefix.split("-").map(Number);
      return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    }
    return prefix;
  }

  /** The API's from/to for one series period (periods are labelled by their first day). */
  function periodBounds(period, freq) {
    if (freq === "year") return {from: period.slice(0, 4), to: period.slice(0, 4)};
    if (freq === "month") return {from: period.slice(0, 7), to: period.slice(0, 7)};
    if (freq === "week") return {from: period, to: addDays(period, 6)};
    return {from: period, to: period};
  }

  function periodLabel(period, freq) {
    if (freq === "year") return period.slice(0, 4);
    if (freq === "month") return period.slice(0, 7);
    if (freq === "week") return `week of ${period}`;
    return period;
  }

  const DAY_MS = 86400000;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  /** The first day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
  function firstDayOf(prefix) {
    if (prefix.length === 4) return `${prefix}-01-01`;
    if (prefix.length === 7) return `${prefix}-01`;
    return prefix;
  }

  /** Milliseconds (UTC) at the start of a date given as YYYY, YYYY-MM or YYYY-MM-DD. */
  const dayMs = (iso) => Date.parse(`${firstDayOf(String(iso).slice(0, 10))}T00:00:00Z`);

  /** A time as Plotly reads dates on a date axis (no time zone). */
  const plotDate = (ms) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

  /** The first day of the period after the one starting on ``iso``. */
  function nextPeriod(iso, freq) {
    const date = new Date(`${iso}T00:00:00Z`);
    if (freq === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
    else if (freq === "month") date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + (freq === "week" ? 7 : 1));
    return date.toISOString().slice(0, 10);
  }

  /** The middle of the period starting on ``iso`` (where its point is drawn). */
  const periodMiddle = (iso, freq) => plotDate((dayMs(iso) + dayMs(nextPeriod(iso, freq))) / 2);

  /** A short tick label for one period. */
  function tickLabel(period, freq) {
    if (freq === "year") return period.slice(0, 4);
    if (freq === "month") return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
    return period;
  }

  /** Text for Plotly (titles, hover labels), which reads a few HTML-like tags: escape them. */
  const plotText = (value) => String(value === null || value === undefined ? "" : value)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

  /** Plotly text wrapped at about ``width`` characters (lines joined with <br>). */
  function wrapText(value, width = 72) {
    const lines = [];
    let line = "";
    for (const word of String(value || "").split(/\s+/)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(line);
    return lines.map(plotText).join("<br>");
  }

  /** The channel statuses the API reports, each with a class name; anything else is "unknown". */
  const STATUSES = ["active", "suspended", "closed", "ended", "not yet established"];
  const statusClass = (status) => (STATUSES.includes(status) ? `status-${status.replace(/ /g, "-")}` : "status-unknown");

  /** One unique message per failure, with the views it broke: "422 … (timeline, spirals)". */
  function failureSummary(failures) {
    const byMessage = new Map();
    for (const {view, error} of failures) {
      const message = (error && error.message) || String(error);
      if (!byMessage.has(message)) byMessage.set(message, []);
      byMessage.get(message).push(view);
    }
    return [...byMessage].map(([message, views]) => `${message} (${views.join(", ")})`).join("; ");
  }


  // ---------------------------------------------------------------------------------------
  // state

  const state = {
    query: null,        // {a, b, from, to, freq, scale, measure} last applied (a and b as typed)
    resolved: null,     // {a, b}: the codes the API resolved them to (from the series answer)
    generation: 0,      // bumps on every Apply; late answers of older ones are dropped
    series: null,
    lanes: null,
    breadth: null,
    table: {filters: {}, offset: 0, limit: 25, total: 0, counts: ""},
    opener: null,       // element focused before the event view opened
    eventToken: 0,
    pending: new Map(), // charts waiting for their panel to be shown: node -> draw()
  };

  // ---------------------------------------------------------------------------------------
  // charts

  const panelOf = (node) => node.closest(".panel");

  /** Draw a chart now if its panel is shown, else when it is (Plotly measures its container:
   *  a chart laid out in a hidden panel comes out blank or the wrong size). */
  function drawWhenShown(node, draw) {
    delete node.dataset.blank;
    const panel = panelOf(node);
    if (panel && panel.hidden) {
      if (window.Plotly) window.Plotly.purge(node);   // the last answer's chart goes now
      node.replaceChildren();
      state.pending.set(node, draw);
      return;
    }
    state.pending.delete(node);
    draw();
  }

  /** A chart drawn from scratch (purged first, so nothing of an earlier answer is reused). */
  function plotFresh(node, traces, layout, config) {
    window.Plotly.purge(node);
    node.replaceChildren();
    return window.Plotly.newPlot(node, traces, layout, {responsive: true, displaylogo: false, ...config});
  }

  /** Remove a chart and anything waiting to be drawn in it; show ``message`` instead, if any. */
  function clearChart(node, message, kind = "empty") {
    state.pending.delete(node);
    node.dataset.blank = "true";   // takes no room (see style.css)
    if (window.Plotly) window.Plotly.purge(node);
    node.replaceChildren();
    if (message) node.append(el("p", {class: kind}, message));
  }

  // ---------------------------------------------------------------------------------------
  // tabs

  function showTab(tab) {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.dataset.panel).hidden = !selected;
    }
    const panel = document.getElementById(tab.dataset.panel);
    for (const [node, draw] of [...state.pending]) {
      if (panelOf(node) === panel) {
        state.pending.delete(node);
        draw();
      }
    }
    // charts drawn while the page had another width
    if (window.Plotly) for (const chart of panel.querySelectorAll(".js-plotly-plot")) window.Plotly.Plots.resize(chart);
  }

  function setUpTabs() {
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    tabs.forEach((tab, index) => {
      tab.addEventListener("click", () => showTab(tab));
      tab.addEventListener("keydown", (event) => {
        const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        const next = tabs[(index + step + tabs.length) % tabs.length];
        next.focus();
        showTab(next);
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // controls

  async function loadHealth() {
    const node = $("#health");
    try {
      const health = await getJSON("/api/health");
      const counts = health.counts || {};
      const defs = health.definitions || {};
      const part = (key, label) => el("span", {class: "count", dataset: {count: key}, title: defs[key] || null},
                                      `${counts[key]} ${label}`);
      const parts = [el("span", {class: "count", dataset: {count: "documents"}}, plural(health.documents, "document"))];
      if (counts.events !== undefined) parts.push(part("events", "events stored (every mention, any modality)"));
      else parts.push(el("span", null, plural(health.events, "event")));
      if (counts.acts !== undefined) parts.push(part("acts", "acts between known actors (each once)"));
      parts.push(el("span", {class: "version"}, `v${health.version}`));
      node.replaceChildren();
      parts.forEach((p, i) => node.append(i ? " · " : "", p));
      const said = Object.entries(defs).map(([key, text]) => `${key}: ${text}`).join("\n");
      if (said) node.title = said;
    } catch (error) {
      node.textContent = `API unavailable (${error.message})`;
    }
  }

  async function loadDyads() {
    const select = $("#dyad-select");
    let items = [];
    try {
      items = (await getJSON("/api/dyads", {limit: 200})).items;
    } catch (error) {
      setStatus($("#status"), `Could not list dyads: ${error.message}`, "error");
    }
    select.replaceChildren(el("option", {value: ""}, items.length ? "other (type A and B)" : "no events yet"));
    for (const item of items) {
      select.append(el("option", {value: `${item.a}-${item.b}`}, `${item.a} – ${item.b} (${item.events})`));
    }
    if (items.length) {
      select.value = `${items[0].a}-${items[0].b}`;
      fillPairFromSelect();
    }
    return items;
  }

  function fillPairFromSelect() {
    const value = $("#dyad-select").value;
    if (!value) return;
    const [a, b] = value.split("-");
    $("#actor-a").value = a;
    $("#actor-b").value = b;
  }

  function syncSelectFromPair(pair) {
    const a = (pair ? pair.a : $("#actor-a").value).trim().toUpperCase();
    const b = (pair ? pair.b : $("#actor-b").value).trim().toUpperCase();
    const select = $("#dyad-select");
    const match = [...select.options].find((o) => o.value === `${a}-${b}` || o.value === `${b}-${a}`);
    select.value = match ? match.value : "";
  }

  const tidy = (text) => text.trim().replace(/\s+/g, " ");

  function readControls() {
    const a = tidy($("#actor-a").value);
    const b = tidy($("#actor-b").value);
    const from = $("#date-from").value.trim();
    const to = $("#date-to").value.trim();
    if (!ACTOR_RE.test(a) || !ACTOR_RE.test(b)) {
      throw new Error("A and B must be actor codes or names such as USA, RUS or Russia " +
                      "(2–40 letters, digits, spaces, dots or apostrophes).");
    }
    if (a.toUpperCase() === b.toUpperCase()) throw new Error("A and B must differ.");
    if (from && !DATE_RE.test(from)) throw new Error("From must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (to && !DATE_RE.test(to)) throw new Error("To must be YYYY, YYYY-MM or YYYY-MM-DD.");
    return {a, b, from, to, freq: $("#freq").value, scale: $("#scale").value, measure: $("#measure").value};
  }

  /** What the typed A and B were resolved to, e.g. "Russia = RUS · United States = USA". */
  function showResolved(query, series) {
    const node = $("#resolved");
    node.replaceChildren();
    if (!series) {
      node.hidden = true;
      return;
    }
    const part = (typed, code) => (typed.toUpperCase() === code.toUpperCase()
      ? el("strong", null, code) : el("span", null, `${typed} = `, el("strong", null, code)));
    node.append("Showing ", part(query.a, series.a), " ⇄ ", part(query.b, series.b));
    node.dataset.a = series.a;
    node.dataset.b = series.b;
    node.hidden = false;
  }

  /** Every view of the last answer dimmed and marked stale while the next one loads. */
  function markStale() {
    for (const node of document.querySelectorAll(".answer")) node.dataset.stale = "true";
    $("#timeline").dataset.state = "loading";
    clearPointEvents();
  }

  const fresh = (node) => delete node.dataset.stale;

  const NOT_SHOWN = "Nothing shown: this query failed (the message is under Apply).";

  async function apply() {
    let query;
    try {
      query = readControls();
    } catch (error) {
      setStatus($("#status"), error.message, "error");
      return;
    }
    state.query = query;
    state.resolved = null;
    const generation = ++state.generation;
    setStatus($("#status"), `Loading ${query.a} ⇄ ${query.b}…`);
    document.body.dataset.state = "loading";
    markStale();

    const failures = [];
    let series = null;
    try {
      series = await loadTimeline(generation);
    } catch (error) {
      failures.push({view: "timeline", error});
    }
    if (generation !== state.generation) return;
    showResolved(query, series);
    const pair = series ? {a: series.a, b: series.b} : {a: query.a, b: query.b};
    state.resolved = series ? pair : null;
    if (series) syncSelectFromPair(pair);

    // the event table starts from the same dyad and period
    $("#filter-dyad").value = `${pair.a}-${pair.b}`;
    $("#filter-from").value = query.from;
    $("#filter-to").value = query.to;
    try {
      readTableFilters();
    } catch (_) {
      $("#filter-code").value = "";   // a bad code prefix left in the table's form: drop it
      readTableFilters();
    }
    state.table.offset = 0;

    const views = [["channels", loadChannels(generation, pair)], ["spirals", loadSpirals(generation, pair)],
                   ["event table", loadEventTable({quiet: true})]];
    const results = await Promise.allSettled(views.map(([, promise]) => promise));
    if (generation !== state.generation) return;
    results.forEach((result, index) => {
      if (result.status === "rejected") failures.push({view: views[index][0], error: result.reason});
    });
    document.body.dataset.state = "ready";
    if (failures.length) {
      const messages = new Set(failures.map((f) => f.error && f.error.message));
      const text = failures.length === views.length + 1 && messages.size === 1
        ? `Could not show ${query.a} ⇄ ${query.b}: ${[...messages][0]}`
        : `Some views failed: ${failureSummary(failures)}`;
      setStatus($("#status"), text, "error");
      return;
    }
    const period = query.from || query.to ? ` (${query.from || "…"} to ${query.to || "…"})` : "";
    setStatus($("#status"), `${pair.a} ⇄ ${pair.b}${period}: the event table lists ` +
      `${counted(state.table.total, state.table.counts || "events")}; the timeline counts ${series.counts || "asserted events"}.`);
  }

  // ---------------------------------------------------------------------------------------
  // timeline

  const COLORS = ["#1f5fa8", "#c2410c"];
  const MEASURE_NAMES = {net_cooperation: "net cooperation", weight_sum: "weighted sum"};
  const STRIP = [0.86, 1];   // the strip above the chart where the biggest events are starred
  const MAIN = [0, 0.8];

  /** The series of the current query (``measure`` chosen under the chart). */
  async function loadTimeline(generation) {
    const {a, b, from, to, freq, scale, measure} = state.query;
    const node = $("#timeline");
    node.dataset.state = "loading";
    try {
      const series = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/series`, {freq, scale, from, to, measure});
      if (generation !== state.generation) return series;
      state.series = series;
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

  function showTimelineMessage(message, kind = "empty") {
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

  function renderTimeline() {
    const series = state.series;
    const node = $("#timeline");
    const {a, b, freq} = series;
    const scale = series.scale || "";
    fresh(node);
    node.dataset.dyad = `${a}-${b}`;
    node.dataset.measure = series.measure || "net_cooperation";
    node.dataset.state = "ready";
    $("#timeline-title").textContent = `Net cooperation, ${a} ⇄ ${b}, by ${freq}`;
    const counts = $("#timeline-counts");
    counts.hidden = !series.counts;
    counts.textContent = series.counts ? `Each point counts ${series.counts}; weights on the ${scale} scale.` : "";
    const range = timelineRange(series);
    if (!range) {
      clearChart(node);
      renderChanges(series, []);
      showTimelineMessage(`No coded events between ${a} and ${b}${state.query.from || state.query.to ? " in this period" : ""}.`);
      return;
    }
    const anyEvents = series.points.some((p) => p.n > 0);
    showTimelineMessage(anyEvents ? "" : `No coded events between ${a} and ${b} in this period.`);
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

  function clearPointEvents() {
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
      const events = await eventsById(point.event_ids, `${series.a}-${series.b}`, periodBounds(period, series.freq));
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

  /** The events with these ids: the dyad's events in the period (paged), kept by id, in date
   *  order; ids not found that way (if any) are fetched one by one. */
  async function eventsById(ids, dyad, bounds) {
    const wanted = new Set(ids);
    const found = new Map();
    const limit = 1000;
    for (let offset = 0, pages = 0; pages < 20; offset += limit, pages++) {
      const page = await getJSON("/api/events", {dyad, from: bounds.from, to: bounds.to, modality: "all", limit, offset});
      for (const event of page.items) if (wanted.has(event.event_id)) found.set(event.event_id, event);
      if (found.size === wanted.size || offset + limit >= page.total) break;
    }
    const missing = ids.filter((id) => !found.has(id)).slice(0, 50);
    const extra = await Promise.all(missing.map((id) => getJSON(`/api/events/${enc(id)}`).then((r) => r.event, () => null)));
    const events = [...found.values(), ...extra.filter(Boolean)];
    return events.sort((x, y) => String(x.date).localeCompare(String(y.date)));
  }

  /** A code with its CAMEO name, both visible ("163 · Impose embargo, boycott, or sanctions");
   *  a long name is cut short by CSS, the whole of it is in the tooltip. */
  function codeBadge(event, name) {
    const code = event.code || "?";
    const codeName = name !== undefined ? name : event.code_name;
    const title = [code, codeName, event.plover ? `PLOVER ${event.plover}` : ""].filter(Boolean).join(" · ");
    return el("span", {class: "code-badge", title, dataset: {code}},
      el("span", {class: quadClass(event)}, code),
      codeName ? el("span", {class: "code-name"}, el("span", {class: "code-sep"}, " · "), codeName) : null);
  }

  /** One event as a button that opens the event view. */
  function eventButton(event, options = {}) {
    return el("button", {type: "button", class: "event-link", dataset: {eventId: event.event_id},
                         onclick: (e) => openEvent(event.event_id, e.currentTarget)},
      el("span", {class: "event-line"},
        el("span", {class: "event-date"}, event.date || "undated"),
        el("span", {class: "event-actors"}, `${event.source || "?"} → ${event.target || "?"}`),
        codeBadge(event),
        options.extra ? el("span", {class: "muted"}, options.extra) : null),
      el("span", {class: "event-sentence"}, event.sentence || ""));
  }

  // ---------------------------------------------------------------------------------------
  // event view

  async function openEvent(eventId, opener) {
    const view = $("#event-view");
    const token = ++state.eventToken;
    if (opener) state.opener = opener;
    view.hidden = false;
    document.body.classList.add("viewing");
    resizeCharts();
    view.dataset.state = "loading";
    view.dataset.eventId = eventId;
    setStatus($("#event-view-status"), "Loading…");
    try {
      const shown = await getJSON(`/api/events/${enc(eventId)}`);
      const found = await getJSON(`/api/documents/${enc(shown.event.doc_id)}`);
      if (token !== state.eventToken) return;
      renderEvent(shown, found);
      setStatus($("#event-view-status"), "");
      view.dataset.state = "ready";
      $("#event-view-title").focus();
      const sentence = $("#document-text mark.sentence");
      if (sentence) sentence.scrollIntoView({block: "nearest"});
    } catch (error) {
      if (token !== state.eventToken) return;
      setStatus($("#event-view-status"), `Could not load event ${eventId}: ${error.message}`, "error");
      view.dataset.state = "error";
    }
  }

  /** Plotly follows window resizes only; the docked event view changes the layout's width. */
  function resizeCharts() {
    if (!window.Plotly) return;
    window.requestAnimationFrame(() => {
      for (const chart of document.querySelectorAll(".panel:not([hidden]) .js-plotly-plot")) window.Plotly.Plots.resize(chart);
    });
  }

  function closeEvent() {
    const view = $("#event-view");
    if (view.hidden) return;
    view.hidden = true;
    document.body.classList.remove("viewing");
    resizeCharts();
    state.eventToken++;
    if (state.opener && document.contains(state.opener)) state.opener.focus();
  }

  function dateFact(event) {
    const said = event.date_text ? `: “${event.date_text}”` : "";
    const precision = event.date_precision ? ` (${event.date_precision}${said})` : "";
    return `${event.date || "undated"}${precision}`;
  }

  function facts(list, rows) {
    list.replaceChildren();
    for (const [label, value] of rows) {
      if (value === null || value === undefined || value === "") continue;
      list.append(el("dt", null, label), el("dd", null, value));
    }
  }

  function actorFact(event, role) {
    const code = event[role] || "?";
    const name = event[`${role}_name`];
    const text = event[`${role}_text`];
    const parts = [el("strong", null, code)];
    if (name) parts.push(` ${name}`);
    if (text) parts.push(el("span", {class: "muted"}, ` from “${text}”`));
    return el("span", null, parts);
  }

  const EVIDENCE_LABELS = {
    pattern: "Pattern", lexicon_code: "Lexicon code", source: "Source found as", target: "Target found as",
    source_rule: "Source rule", target_rule: "Target rule", modality: "Modality", modality_reason: "Modality reason",
  };

  function renderEvent(shown, found) {
    const event = shown.event;
    const documentRecord = found.document || {};
    $("#event-view-title").textContent = `${event.code} · ${shown.code_name || "event"}`;
    facts($("#event-facts"), [
      ["Code", el("span", null, codeBadge(event, shown.code_name || ""),
                 event.plover ? el("span", {class: "muted"}, ` · PLOVER ${event.plover}`) : null)],
      ["Source", actorFact(event, "source")],
      ["Target", actorFact(event, "target")],
      ["Modality", event.modality],
      ["Date", dateFact(event)],
      ["Published", event.published],
      ["Confidence", fmtNumber(event.confidence)],
      ["Goldstein", fmtNumber(event.goldstein, 1)],
      ["Matched rule", shown.lexicon_entry ? `${event.matched_rule} (${shown.lexicon_entry.pattern})` : event.matched_rule],
      ["Event id", el("code", null, event.event_id)],
    ]);

    const evidence = event.evidence;
    const evidenceRows = [];
    if (evidence && typeof evidence === "object") {
      for (const [key, value] of Object.entries(evidence)) {
        evidenceRows.push([EVIDENCE_LABELS[key] || key, typeof value === "string" ? value : JSON.stringify(value)]);
      }
    } else if (evidence) {
      evidenceRows.push(["Evidence", String(evidence)]);
    }
    if (!evidenceRows.length) evidenceRows.push(["Evidence", "none recorded"]);
    facts($("#event-evidence"), evidenceRows);

    $("#document-title").textContent = documentRecord.title || documentRecord.doc_id || event.doc_id;
    const meta = $("#document-meta");
    meta.replaceChildren();
    const metaParts = [];
    if (documentRecord.source) metaParts.push(documentRecord.source);
    if (documentRecord.published) metaParts.push(documentRecord.published);
    metaParts.push(el("span", null, "document ", el("code", null, documentRecord.doc_id || event.doc_id)));
    if (documentRecord.url) metaParts.push(safeLink(documentRecord.url));
    metaParts.forEach((part, index) => {
      if (index) meta.append(" · ");
      meta.append(part);
    });

    renderDocumentText($("#document-text"), documentRecord.text || "", event);

    const mentions = shown.other_mentions || [];
    $("#other-mentions-section").hidden = !mentions.length;
    $("#other-mentions").replaceChildren(...mentions.map((m) => el("li", null,
      el("button", {type: "button", class: "event-link", dataset: {eventId: m.event_id},
                    onclick: () => openEvent(m.event_id)},
         el("span", {class: "event-line"}, el("span", {class: "muted"}, m.doc_id)),
         el("span", {class: "event-sentence"}, m.sentence || "")))));

    const others = (found.events || []).filter((e) => e.event_id !== event.event_id);
    $("#document-events-section").hidden = !others.length;
    $("#document-events").replaceChildren(...others.map((e) => el("li", null, eventButton(e))));
  }

  /**
   * The document text as text nodes, with the event's sentence in one <mark class="sentence">
   * and, inside it, the source, trigger and target spans as <mark class="source|trigger|target">.
   * Offsets are Python character offsets (code points), so the text is cut by code points.
   * Offsets are clamped; missing or empty spans are skipped; overlapping spans nest
   * (source, then target, then trigger innermost) by splitting the text where spans cross.
   */
  function renderDocumentText(container, text, event) {
    container.replaceChildren();
    const chars = Array.from(String(text));
    const n = chars.length;
    if (!n) {
      container.append(el("span", {class: "muted"}, "(this document has no stored text)"));
      return;
    }
    const span = (start, end) => {
      if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
      const s = Math.max(0, Math.min(n, start));
      const e = Math.max(0, Math.min(n, end));
      return e > s ? [s, e] : null;
    };
    let sentence = span(event.char_start, event.char_end);
    if (!sentence && event.sentence) {
      const at = String(text).indexOf(event.sentence);   // offsets missing: find the sentence
      if (at >= 0) {
        const s = Array.from(String(text).slice(0, at)).length;
        sentence = [s, s + Array.from(event.sentence).length];
      }
    }
    const marks = ["source", "target", "trigger"]
      .map((role) => ({role, range: span(event[`${role}_start`], event[`${role}_end`])}))
      .filter((m) => m.range);

    const cuts = new Set([0, n]);
    if (sentence) sentence.forEach((c) => cuts.add(c));
    for (const m of marks) m.range.forEach((c) => cuts.add(c));
    const points = [...cuts].sort((x, y) => x - y);

    let sentenceMark = null;
    let previous = null;   // {parent, key, leaf}: where the last piece went, to merge equal neighbours
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i];
      const end = points[i + 1];
      const piece = chars.slice(start, end).join("");
      const inSentence = Boolean(sentence) && start >= sentence[0] && end <= sentence[1];
      if (inSentence && !sentenceMark) {
        sentenceMark = el("mark", {class: "sentence", id: "event-sentence"});
        container.append(sentenceMark);
      }
      const parent = inSentence ? sentenceMark : container;
      const roles = marks.filter((m) => m.range[0] <= start && end <= m.range[1]).map((m) => m.role);
      const key = roles.join(" ");
      if (previous && previous.parent === parent && previous.key === key && parent.lastChild === previous.top) {
        previous.leaf.append(piece);
        continue;
      }
      let top = null;
      let leaf = parent;
      for (const role of roles) {
        const mark = el("mark", {class: role, title: role});
        if (top === null) {
          top = mark;
          parent.append(mark);
        } else {
          leaf.append(mark);
        }
        leaf = mark;
      }
      const textNode = document.createTextNode(piece);
      leaf.append(textNode);
      previous = {parent, key, leaf, top: top || textNode};
    }
  }


  // ---------------------------------------------------------------------------------------
  // channels

  const YEAR_MS = 365.25 * DAY_MS;

  /** Breadth by month over a short board (three years or less), by year otherwise. */
  const breadthFreq = (start, end) => (start && end && dayMs(end) - dayMs(start) <= 3 * YEAR_MS ? "month" : "year");

  async function loadChannels(generation, pair) {
    const {from, to} = state.query;
    const base = `/api/dyads/${enc(pair.a)}/${enc(pair.b)}`;
    let lanes;
    let breadth;
    try {
      // with no from/to, the API's range is that of the dyad's dated events
      lanes = await getJSON(`${base}/channels/lanes`, {from, to});
      if (generation !== state.generation) return;
      breadth = await getJSON(`${base}/breadth`, {from, to, freq: breadthFreq(lanes.start, lanes.end)});
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
      board.append(el("p", {class: "empty"}, `No dated events between ${a} and ${b}: nothing to place on a board.`));
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
  async function loadChannelStatus(options = {}) {
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
      answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/channels`, {at: day});
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
      clearChart(node, breadth && breadth.start ? "No channel history for this dyad in this period."
                                                : "No channel history: no dated events for this dyad.");
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

  // ---------------------------------------------------------------------------------------
  // spirals

  async function loadSpirals(generation, pair, options = {quiet: true}) {
    const {from, to} = state.query;
    const {a, b} = pair;
    const container = $("#spirals");
    const window_ = Number($("#spiral-window").value) || 60;
    container.dataset.state = "loading";
    let answer;
    try {
      answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/spirals`, {window: window_, from, to});
    } catch (error) {
      if (generation === state.generation) {
        fresh(container);
        container.replaceChildren(el("p", {class: options.quiet ? "empty" : "error"},
          options.quiet ? NOT_SHOWN : `Could not find spirals: ${error.message}`));
        container.dataset.state = "error";
      }
      throw error;
    }
    if (generation !== state.generation) return;
    fresh(container);
    if (!answer.spirals.length) {
      container.replaceChildren(el("p", {class: "empty"},
        `No spirals between ${a} and ${b}: no conflict answered by conflict within ${answer.window} days.`));
      container.dataset.state = "ready";
      return;
    }
    container.replaceChildren(el("ol", {class: "spiral-list"}, answer.spirals.map((spiral) =>
      el("li", {class: "spiral", dataset: {start: spiral.start, end: spiral.end}},
        el("h3", null, `${spiral.start} → ${spiral.end}`,
           el("span", {class: "muted"}, ` · ${plural(spiral.turns, "turn")}, ${plural(spiral.moves.length, "move")}`)),
        el("ol", {class: "moves"}, spiral.moves.map((move) =>
          el("li", {class: `move ${move.source === a ? "dir-ab" : "dir-ba"}`},
            el("div", {class: "move-head"}, `${move.source} → ${move.target}`,
               el("span", {class: "muted"}, ` ${move.start}${move.end !== move.start ? ` to ${move.end}` : ""}`)),
            el("ul", {class: "event-list compact"}, move.events.map((event) => el("li", null, eventButton(event)))))))))));
    container.dataset.state = "ready";
  }

  // ---------------------------------------------------------------------------------------
  // event table

  function readTableFilters() {
    const dyad = tidy($("#filter-dyad").value).replace(/\s*-\s*/, "-");
    const from = $("#filter-from").value.trim();
    const to = $("#filter-to").value.trim();
    const code = $("#filter-code").value.trim();
    if (dyad && !DYAD_RE.test(dyad)) throw new Error("Dyad must look like USA-RUS (codes or names: Russia-United States).");
    if (from && !DATE_RE.test(from)) throw new Error("From must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (to && !DATE_RE.test(to)) throw new Error("To must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (code && !CODE_RE.test(code)) throw new Error("Code must be 2 to 4 digits (a CAMEO code or prefix).");
    state.table.filters = {dyad, from, to, code, modality: $("#filter-modality").value,
                           dedupe: $("#filter-dedupe").checked ? "true" : ""};
    state.table.limit = Number($("#filter-limit").value) || 25;
  }

  async function loadEventTable(options = {}) {
    const {filters, offset, limit} = state.table;
    const table = $("#event-table");
    const body = $("#event-table tbody");
    const token = {};
    table.token = token;
    table.dataset.state = "loading";
    $("#csv-link").href = withParams("/api/events.csv", filters);   // built from the form, not from data
    let page;
    try {
      page = await getJSON("/api/events", {...filters, limit, offset});
    } catch (error) {
      if (table.token !== token) return;
      fresh(table);
      state.table.total = 0;
      state.table.counts = "";
      body.replaceChildren(el("tr", null, el("td", {colspan: 6, class: options.quiet ? "muted" : "error"},
        options.quiet ? NOT_SHOWN : `Could not load events: ${error.message}`)));
      $("#page-info").textContent = "–";
      $("#page-prev").disabled = true;
      $("#page-next").disabled = true;
      table.dataset.state = "error";
      throw error;
    }
    if (table.token !== token) return;
    fresh(table);
    state.table.total = page.total;
    state.table.counts = page.counts || "events";
    table.dataset.counts = state.table.counts;
    body.replaceChildren(...page.items.map((event) => {
      const open = (e) => openEvent(event.event_id, e.currentTarget);
      return el("tr", {dataset: {eventId: event.event_id}},
        el("td", {class: "nowrap"}, event.date || "–"),
        el("td", {class: "nowrap"}, `${event.source || "?"} → ${event.target || "?"}`),
        el("td", {class: "code-cell"}, codeBadge(event)),
        el("td", null, event.modality || ""),
        el("td", null, fmtNumber(event.confidence)),
        el("td", null, el("button", {type: "button", class: "link sentence-link", dataset: {eventId: event.event_id}, onclick: open},
                          event.sentence || "(no sentence)"),
           event.mentions > 1 ? el("span", {class: "muted small"}, ` · ${event.mentions} reports`) : null));
    }));
    if (!page.items.length) body.append(el("tr", null, el("td", {colspan: 6, class: "muted"}, "No events match these filters.")));
    const first = page.total ? offset + 1 : 0;
    const last = Math.min(offset + page.items.length, page.total);
    $("#page-info").textContent = `${first}–${last} of ${counted(page.total, state.table.counts)}`;
    $("#page-prev").disabled = offset <= 0;
    $("#page-next").disabled = offset + limit >= page.total;
    table.dataset.offset = String(offset);
    table.dataset.state = "ready";
  }

  function tablePage(step) {
    const {offset, limit, total} = state.table;
    const next = Math.max(0, offset + step * limit);
    if (next === offset || next >= total) return;
    state.table.offset = next;
    loadEventTable().catch(() => {});
  }

  // ---------------------------------------------------------------------------------------
  // wiring

  /** Change points on the weighted sum need the weighted sum drawn: the toggle follows. */
  function syncWeightToggle() {
    const toggle = $("#show-weight");
    const onWeights = $("#measure").value === "weight_sum";
    if (onWeights && !toggle.disabled) {
      toggle.dataset.chosen = String(toggle.checked);
      toggle.checked = true;
    } else if (!onWeights && toggle.disabled) {
      toggle.checked = toggle.dataset.chosen === "true";
    }
    toggle.disabled = onWeights;
  }

  function wire() {
    setUpTabs();
    $("#dyad-form").addEventListener("submit", (event) => {
      event.preventDefault();
      apply();
    });
    $("#dyad-select").addEventListener("change", fillPairFromSelect);
    $("#actor-a").addEventListener("input", () => syncSelectFromPair());
    $("#actor-b").addEventListener("input", () => syncSelectFromPair());
    $("#show-weight").addEventListener("change", () => {
      if (state.series) renderTimeline();
    });
    $("#measure").addEventListener("change", () => {
      syncWeightToggle();
      if (!state.query) return;
      state.query.measure = $("#measure").value;
      const generation = state.generation;
      $("#timeline").dataset.stale = "true";
      loadTimeline(generation).catch((error) => {
        if (generation === state.generation) setStatus($("#status"), `The timeline failed: ${error.message}`, "error");
      });
    });
    $("#channel-date-form").addEventListener("submit", (event) => {
      event.preventDefault();
      loadChannelStatus().catch(() => {});
    });
    $("#spiral-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (state.query) loadSpirals(state.generation, state.resolved || state.query, {quiet: false}).catch(() => {});
    });
    $("#event-filters").addEventListener("submit", (event) => {
      event.preventDefault();
      try {
        readTableFilters();
      } catch (error) {
        setStatus($("#status"), error.message, "error");
        return;
      }
      state.table.offset = 0;
      loadEventTable().catch(() => {});
    });
    $("#page-prev").addEventListener("click", () => tablePage(-1));
    $("#page-next").addEventListener("click", () => tablePage(1));
    $("#event-view-close").addEventListener("click", closeEvent);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closeEvent();
    });
  }

  async function start() {
    wire();
    syncWeightToggle();
    if (!window.Plotly) {
      setStatus($("#status"), "plotly.js did not load (/vendor/plotly.min.js); charts are unavailable.", "error");
    }
    loadHealth();
    const dyads = await loadDyads();
    if (dyads.length) await apply();
    else {
      setStatus($("#status"), "No events between states yet: run `detente extract` or `detente demo`.");
      showTimelineMessage("Nothing to plot yet: no coded events between two states or organisations.");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    start().catch((error) => setStatus($("#status"), error.message, "error"));
  });
})();
