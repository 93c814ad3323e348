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
  const ACTOR_RE = /^[A-Za-z0-9]{2,10}$/;
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
      throw new Error(`${response.status} ${detail}`);
    }
    return response.json();
  }

  function setStatus(node, message, kind) {
    node.textContent = message || "";
    node.classList.toggle("error", kind === "error");
  }

  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
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

  // ---------------------------------------------------------------------------------------
  // state

  const state = {
    query: null,        // {a, b, from, to, freq, scale} last applied
    generation: 0,      // bumps on every Apply; late answers of older ones are dropped
    series: null,
    breadth: null,
    table: {filters: {}, offset: 0, limit: 25, total: 0},
    opener: null,       // element focused before the event view opened
    eventToken: 0,
  };

  // ---------------------------------------------------------------------------------------
  // tabs

  function showTab(tab) {
    for (const other of document.querySelectorAll('[role="tab"]')) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.dataset.panel).hidden = !selected;
    }
    // Plotly measures its container: redraw charts that were laid out while hidden.
    const panel = document.getElementById(tab.dataset.panel);
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
    try {
      const health = await getJSON("/api/health");
      $("#health").textContent = `${health.documents} documents · ${health.events} events · v${health.version}`;
    } catch (error) {
      $("#health").textContent = `API unavailable (${error.message})`;
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

  function syncSelectFromPair() {
    const a = $("#actor-a").value.trim().toUpperCase();
    const b = $("#actor-b").value.trim().toUpperCase();
    const select = $("#dyad-select");
    const match = [...select.options].find((o) => o.value === `${a}-${b}` || o.value === `${b}-${a}`);
    select.value = match ? match.value : "";
  }

  function readControls() {
    const a = $("#actor-a").value.trim().toUpperCase();
    const b = $("#actor-b").value.trim().toUpperCase();
    const from = $("#date-from").value.trim();
    const to = $("#date-to").value.trim();
    if (!ACTOR_RE.test(a) || !ACTOR_RE.test(b)) throw new Error("A and B must be actor codes such as USA and RUS (2–10 letters or digits).");
    if (a === b) throw new Error("A and B must differ.");
    if (from && !DATE_RE.test(from)) throw new Error("From must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (to && !DATE_RE.test(to)) throw new Error("To must be YYYY, YYYY-MM or YYYY-MM-DD.");
    return {a, b, from, to, freq: $("#freq").value, scale: $("#scale").value};
  }

  async function apply() {
    let query;
    try {
      query = readControls();
    } catch (error) {
      setStatus($("#status"), error.message, "error");
      return;
    }
    state.query = query;
    const generation = ++state.generation;
    setStatus($("#status"), `Loading ${query.a} ⇄ ${query.b}…`);
    document.body.dataset.state = "loading";
    $("#timeline").dataset.state = "loading";

    // the event table starts from the same dyad and period
    $("#filter-dyad").value = `${query.a}-${query.b}`;
    $("#filter-from").value = query.from;
    $("#filter-to").value = query.to;
    try {
      readTableFilters();
    } catch (_) {
      $("#filter-code").value = "";   // a bad code prefix left in the table's form: drop it
      readTableFilters();
    }
    state.table.offset = 0;

    const series = loadTimeline(generation);
    const results = await Promise.allSettled([
      series,
      loadChannels(generation, series),
      loadSpirals(generation),
      loadEventTable(),
    ]);
    if (generation !== state.generation) return;
    document.body.dataset.state = "ready";
    const failed = results.filter((r) => r.status === "rejected").map((r) => r.reason.message);
    if (failed.length) setStatus($("#status"), `Some views failed: ${failed.join("; ")}`, "error");
    else {
      const period = query.from || query.to ? ` (${query.from || "…"} to ${query.to || "…"})` : "";
      setStatus($("#status"), `${query.a} ⇄ ${query.b}: ${state.table.total} events${period}.`);
    }
  }

  // ---------------------------------------------------------------------------------------
  // timeline

  const COLORS = ["#1f5fa8", "#c2410c"];

  async function loadTimeline(generation) {
    const {a, b, from, to, freq, scale} = state.query;
    const node = $("#timeline");
    try {
      const series = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/series`, {freq, scale, from, to});
      if (generation !== state.generation) return series;
      state.series = series;
      clearPointEvents();
      renderTimeline();
      return series;
    } catch (error) {
      if (generation === state.generation) {
        node.dataset.state = "error";
        showTimelineMessage(`The series could not be loaded: ${error.message}`);
      }
      throw error;
    }
  }

  function showTimelineMessage(message) {
    const note = $("#timeline-empty");
    note.textContent = message;
    note.hidden = !message;
    $("#timeline").hidden = Boolean(message);
  }

  function renderTimeline() {
    const series = state.series;
    const node = $("#timeline");
    const {a, b, freq, scale} = series;
    $("#timeline-title").textContent = `Net cooperation, ${a} ⇄ ${b}, by ${freq}`;
    if (!series.points.length) {
      window.Plotly.purge(node);
      $("#timeline-changes").hidden = true;
      node.dataset.state = "ready";
      node.dataset.dyad = `${a}-${b}`;
      showTimelineMessage(`No coded events between ${a} and ${b} in this period.`);
      return;
    }
    showTimelineMessage("");
    const weighted = $("#show-weight").checked;
    const directions = [`${a}->${b}`, `${b}->${a}`];
    const traces = [];
    directions.forEach((direction, index) => {
      const points = series.points.filter((p) => p.direction === direction);
      const labels = points.map((p) => `${periodLabel(p.period, freq)} · ${plural(p.n, "event")}`);
      traces.push({
        type: "scatter", mode: "lines+markers", name: `${arrow(direction)} net cooperation`,
        x: points.map((p) => p.period), y: points.map((p) => p.net_cooperation),
        customdata: points.map((p) => [direction, p.period]), text: labels,
        hovertemplate: "%{text}<br>net cooperation %{y}<extra>" + arrow(direction) + "</extra>",
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
          x: points.map((p) => p.period), y: points.map((p) => p.weight_sum),
          customdata: points.map((p) => [direction, p.period]),
          text: points.map((p) => periodLabel(p.period, freq)),
          hovertemplate: "%{text}<br>weighted sum %{y:.1f}<extra>" + arrow(direction) + "</extra>",
          line: {color: COLORS[index], width: 1.5, dash: "dot"}, marker: {color: COLORS[index], size: 4},
        });
      });
    }
    renderChanges(series, directions);
    const layout = {
      margin: {l: 56, r: weighted ? 64 : 16, t: 8, b: 40},
      hovermode: "closest",
      showlegend: true,
      legend: {orientation: "h", y: 1.12, x: 0},
      xaxis: freq === "year" ? {type: "date", showgrid: false, tickformat: "%Y", dtick: "M12"}
                             : {type: "date", showgrid: false},
      yaxis: {title: {text: "net cooperation (events)"}, zeroline: true, zerolinecolor: "#888", gridcolor: "#e8e8e8"},
      shapes: timelineShapes(),
      paper_bgcolor: "#fff", plot_bgcolor: "#fff",
      font: {family: "system-ui, sans-serif", size: 12},
    };
    if (weighted) {
      layout.yaxis2 = {title: {text: `weighted sum (${scale})`}, overlaying: "y", side: "right", showgrid: false,
                       zeroline: false, tickmode: "auto", nticks: 8};
    }
    window.Plotly.react(node, traces, layout, {responsive: true, displaylogo: false,
                                                modeBarButtonsToRemove: ["select2d", "lasso2d"]});
    if (!node.dataset.clickBound) {
      node.on("plotly_click", (event) => {
        const point = event && event.points && event.points[0];
        if (point && Array.isArray(point.customdata)) showPointEvents(point.customdata[0], point.customdata[1]);
      });
      node.dataset.clickBound = "true";
    }
    node.dataset.dyad = `${a}-${b}`;
    node.dataset.state = "ready";
  }

  /** Dashed lines at the series' detected shifts, and a band on the selected point's period. */
  function timelineShapes() {
    const series = state.series;
    const first = `${series.a}->${series.b}`;
    const shapes = (series.changes || []).map((change) => ({
      type: "line", xref: "x", yref: "paper", x0: change.period, x1: change.period, y0: 0, y1: 1,
      line: {color: COLORS[change.direction === first ? 0 : 1], width: 1, dash: "dash"},
    }));
    if (state.selected) {
      shapes.push({type: "line", xref: "x", yref: "paper", x0: state.selected.period, x1: state.selected.period,
                   y0: 0, y1: 1, layer: "below", line: {color: "rgba(31, 95, 168, 0.18)", width: 14}});
    }
    return shapes;
  }

  function renderChanges(series, directions) {
    const note = $("#timeline-changes");
    const changes = series.changes || [];
    note.replaceChildren();
    note.hidden = !changes.length;
    if (!changes.length) return;
    note.append(`Dashed lines mark the largest shifts in the mean weighted sum per ${series.freq} (${series.scale}): `);
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
    $("#point-events-title").textContent =
      `${arrow(direction)}, ${periodLabel(period, series.freq)}: ${plural(point.n, "event")}, ` +
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

  /** One event as a button that opens the event view. */
  function eventButton(event, options = {}) {
    return el("button", {type: "button", class: "event-link", dataset: {eventId: event.event_id},
                         onclick: (e) => openEvent(event.event_id, e.currentTarget)},
      el("span", {class: "event-line"},
        el("span", {class: "event-date"}, event.date || "undated"),
        el("span", {class: "event-actors"}, `${event.source || "?"} → ${event.target || "?"}`),
        el("span", {class: quadClass(event), title: event.plover || ""}, event.code || "?"),
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
      ["Code", el("span", null, el("span", {class: quadClass(event)}, event.code),
                 ` ${shown.code_name || ""}`, event.plover ? el("span", {class: "muted"}, ` · PLOVER ${event.plover}`) : null)],
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

  async function loadChannels(generation, seriesPromise) {
    const {a, b, from, to} = state.query;
    let start = from;
    if (!start) {
      // by default the board starts with the dyad's first coded event, not the registry's epoch
      const series = await seriesPromise.catch(() => null);
      const first = series && series.points.find((p) => p.n > 0);
      start = first ? `${first.period.slice(0, 4)}-01-01` : "";
    }
    if (generation !== state.generation) return;
    const base = `/api/dyads/${enc(a)}/${enc(b)}`;
    const [lanes, breadth] = await Promise.all([
      getJSON(`${base}/channels/lanes`, {from: start, to}),
      getJSON(`${base}/breadth`, {from: start, to, freq: "year"}),
    ]);
    if (generation !== state.generation) return;
    state.lanes = lanes;
    state.breadth = breadth;
    const channelDate = $("#channel-date");
    channelDate.value = to ? lastDayOf(to) : todayISO();
    renderBoard();
    renderBreadth();
    await loadChannelStatus();
  }

  function renderBoard() {
    const board = $("#channel-board");
    const {start, end, lanes} = state.lanes;
    $("#board-range").textContent = `${start} to ${end}`;
    board.replaceChildren();
    if (!lanes.length) {
      board.append(el("p", {class: "empty"}, "No channels are registered for this dyad."));
      return;
    }
    const t0 = Date.parse(start);
    const t1 = Date.parse(end);
    const span = Math.max(1, t1 - t0);
    const frac = (iso) => Math.max(0, Math.min(1, (Date.parse(iso || end) - t0) / span));

    // axis: a tick per year (or per few years on long ranges)
    const axis = el("div", {class: "board-row board-axis", "aria-hidden": "true"}, el("div", {class: "board-label"}));
    const ticks = el("div", {class: "board-track axis-track"});
    const firstYear = Number(start.slice(0, 4)) + 1;
    const lastYear = Number(end.slice(0, 4));
    const years = lastYear - firstYear + 1;
    const every = years > 30 ? 5 : years > 12 ? 2 : 1;
    for (let year = firstYear; year <= lastYear; year++) {
      if (year % every) continue;
      const tick = el("span", {class: "tick"}, String(year));
      tick.style.left = `${(frac(`${year}-01-01`) * 100).toFixed(3)}%`;
      ticks.append(tick);
    }
    axis.append(ticks);
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
        const track = el("div", {class: "board-track", title: "click: status on this day",
                                 onclick: (e) => pickBoardDate(e, t0, span)});
        for (const seg of channel.segments) {
          const left = frac(seg.start);
          const right = frac(seg.end);
          const status = ["active", "suspended", "closed", "unknown"].includes(seg.status) ? seg.status : "unknown";
          const bar = el("div", {class: `board-seg status-${status}`, dataset: {status},
                                 title: `${channel.name}: ${seg.status} ${seg.start} to ${seg.end || "now"}`});
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

  function pickBoardDate(event, t0, span) {
    const box = event.currentTarget.getBoundingClientRect();
    const fraction = Math.max(0, Math.min(1, (event.clientX - box.left) / Math.max(1, box.width)));
    $("#channel-date").value = new Date(t0 + fraction * span).toISOString().slice(0, 10);
    loadChannelStatus().catch(() => {});
  }

  function placeCursor() {
    if (!state.lanes) return;
    const {start, end} = state.lanes;
    const day = $("#channel-date").value;
    const t0 = Date.parse(start);
    const fraction = (Date.parse(day) - t0) / Math.max(1, Date.parse(end) - t0);
    for (const cursor of document.querySelectorAll("#channel-board .board-cursor")) {
      cursor.hidden = !(fraction >= 0 && fraction <= 1);
      cursor.style.left = `${(Math.max(0, Math.min(1, fraction || 0)) * 100).toFixed(3)}%`;
    }
  }

  async function loadChannelStatus() {
    if (!state.query) return;
    const {a, b} = state.query;
    const day = $("#channel-date").value;
    const body = $("#channel-status tbody");
    const table = $("#channel-status");
    table.dataset.state = "loading";
    try {
      const answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/channels`, {at: day});
      $("#channel-date-label").textContent = answer.at;
      table.dataset.at = answer.at;
      body.replaceChildren(...answer.channels.map((c) => {
        const status = ["active", "suspended", "closed", "unknown"].includes(c.status) ? c.status : "unknown";
        return el("tr", {dataset: {channelId: c.id, status}},
          el("td", null, c.name, el("div", {class: "muted small"}, c.parent ? `${c.id} (part of ${c.parent})` : c.id)),
          el("td", null, humanLevel(c.level)),
          el("td", {class: `status status-text-${status}`}, el("span", {class: `badge status-${status}`}, c.status)),
          el("td", null, c.since || "–"),
          el("td", null, c.basis || ""),
          el("td", null, c.note || "", c.event_id ? " " : null,
             c.event_id ? el("button", {type: "button", class: "link", dataset: {eventId: c.event_id},
                                        onclick: (e) => openEvent(c.event_id, e.currentTarget)}, "event") : null));
      }));
      if (!answer.channels.length) body.append(el("tr", null, el("td", {colspan: 6, class: "muted"}, "No channels.")));
      table.dataset.state = "ready";
      placeCursor();
    } catch (error) {
      body.replaceChildren(el("tr", null, el("td", {colspan: 6, class: "error"}, `Could not load the status: ${error.message}`)));
      table.dataset.state = "error";
      throw error;
    }
  }

  function renderBreadth() {
    const node = $("#breadth");
    const rows = (state.breadth && state.breadth.rows) || [];
    if (!rows.length) {
      window.Plotly.purge(node);
      node.replaceChildren(el("p", {class: "empty"}, "No channel history for this dyad."));
      return;
    }
    node.replaceChildren();
    const levels = Object.keys(rows[0]).filter((k) => k !== "period" && k !== "total");
    const traces = levels.map((level) => ({
      type: "bar", name: humanLevel(level), x: rows.map((r) => r.period.slice(0, 4)), y: rows.map((r) => r[level] || 0),
      hovertemplate: "%{x}: %{y}<extra>" + humanLevel(level) + "</extra>",
    }));
    window.Plotly.react(node, traces, {
      barmode: "stack", margin: {l: 40, r: 10, t: 8, b: 32}, legend: {orientation: "h", y: -0.2},
      xaxis: {type: "category"}, yaxis: {title: {text: "open channels"}, gridcolor: "#e8e8e8"},
      font: {family: "system-ui, sans-serif", size: 11}, paper_bgcolor: "#fff", plot_bgcolor: "#fff",
    }, {responsive: true, displaylogo: false});
  }

  // ---------------------------------------------------------------------------------------
  // spirals

  async function loadSpirals(generation) {
    const {a, b, from, to} = state.query;
    const container = $("#spirals");
    const window_ = Number($("#spiral-window").value) || 60;
    container.dataset.state = "loading";
    let answer;
    try {
      answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/spirals`, {window: window_, from, to});
    } catch (error) {
      if (generation === state.generation) {
        container.replaceChildren(el("p", {class: "error"}, `Could not find spirals: ${error.message}`));
        container.dataset.state = "error";
      }
      throw error;
    }
    if (generation !== state.generation) return;
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
    const dyad = $("#filter-dyad").value.trim().toUpperCase();
    const from = $("#filter-from").value.trim();
    const to = $("#filter-to").value.trim();
    const code = $("#filter-code").value.trim();
    if (dyad && !/^[A-Z0-9]{2,10}-[A-Z0-9]{2,10}$/.test(dyad)) throw new Error("Dyad must look like USA-RUS.");
    if (from && !DATE_RE.test(from)) throw new Error("From must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (to && !DATE_RE.test(to)) throw new Error("To must be YYYY, YYYY-MM or YYYY-MM-DD.");
    if (code && !CODE_RE.test(code)) throw new Error("Code must be 2 to 4 digits (a CAMEO code or prefix).");
    state.table.filters = {dyad, from, to, code, modality: $("#filter-modality").value,
                           dedupe: $("#filter-dedupe").checked ? "true" : ""};
    state.table.limit = Number($("#filter-limit").value) || 25;
  }

  async function loadEventTable() {
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
      body.replaceChildren(el("tr", null, el("td", {colspan: 6, class: "error"}, `Could not load events: ${error.message}`)));
      table.dataset.state = "error";
      throw error;
    }
    if (table.token !== token) return;
    state.table.total = page.total;
    body.replaceChildren(...page.items.map((event) => {
      const open = (e) => openEvent(event.event_id, e.currentTarget);
      return el("tr", {dataset: {eventId: event.event_id}},
        el("td", {class: "nowrap"}, event.date || "–"),
        el("td", {class: "nowrap"}, `${event.source || "?"} → ${event.target || "?"}`),
        el("td", null, el("span", {class: quadClass(event), title: event.plover || ""}, event.code || "?")),
        el("td", null, event.modality || ""),
        el("td", null, fmtNumber(event.confidence)),
        el("td", null, el("button", {type: "button", class: "link sentence-link", dataset: {eventId: event.event_id}, onclick: open},
                          event.sentence || "(no sentence)"),
           event.mentions > 1 ? el("span", {class: "muted small"}, ` · ${event.mentions} reports`) : null));
    }));
    if (!page.items.length) body.append(el("tr", null, el("td", {colspan: 6, class: "muted"}, "No events match these filters.")));
    const first = page.total ? offset + 1 : 0;
    const last = Math.min(offset + page.items.length, page.total);
    $("#page-info").textContent = `${first}–${last} of ${page.total}`;
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

  function wire() {
    setUpTabs();
    $("#dyad-form").addEventListener("submit", (event) => {
      event.preventDefault();
      apply();
    });
    $("#dyad-select").addEventListener("change", fillPairFromSelect);
    $("#actor-a").addEventListener("input", syncSelectFromPair);
    $("#actor-b").addEventListener("input", syncSelectFromPair);
    $("#show-weight").addEventListener("change", () => {
      if (state.series) renderTimeline();
    });
    $("#channel-date-form").addEventListener("submit", (event) => {
      event.preventDefault();
      loadChannelStatus().catch(() => {});
    });
    $("#spiral-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (state.query) loadSpirals(state.generation).catch(() => {});
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
