/* The controls on the left and the Apply flow: header counts, the dyad list, reading and
 * checking A, B, the period and the minimum confidence, then loading every view for them and
 * reporting what failed. */

import {$, el, getJSON, setStatus} from "./dom.js";
import {confidenceWords, counted, failureSummary, minConfidence, plural, tidy} from "./format.js";
import {DATE_RE} from "./dates.js";
import {state} from "./state.js";
import {clearPointEvents, loadTimeline} from "./timeline.js";
import {loadChannels} from "./channels.js";
import {loadSpirals} from "./spirals.js";
import {loadEventTable, readTableFilters} from "./event-table.js";

const ACTOR_RE = /^[A-Za-z0-9 .']{2,40}$/;   // a code or a name: "RUS", "Russia", "United States"

export async function loadHealth() {
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

export async function loadDyads() {
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

export function fillPairFromSelect() {
  const value = $("#dyad-select").value;
  if (!value) return;
  const [a, b] = value.split("-");
  $("#actor-a").value = a;
  $("#actor-b").value = b;
}

export function syncSelectFromPair(pair) {
  const a = (pair ? pair.a : $("#actor-a").value).trim().toUpperCase();
  const b = (pair ? pair.b : $("#actor-b").value).trim().toUpperCase();
  const select = $("#dyad-select");
  const match = [...select.options].find((o) => o.value === `${a}-${b}` || o.value === `${b}-${a}`);
  select.value = match ? match.value : "";
}

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
  const confidence = $("#min-confidence");
  const min_confidence = minConfidence(confidence.value, "Min. confidence", confidence.validity.badInput);
  return {a, b, from, to, freq: $("#freq").value, scale: $("#scale").value, measure: $("#measure").value,
          min_confidence};
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

export async function apply() {
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

  // the event table starts from the same dyad, period and minimum confidence
  $("#filter-dyad").value = `${pair.a}-${pair.b}`;
  $("#filter-from").value = query.from;
  $("#filter-to").value = query.to;
  $("#filter-confidence").value = query.min_confidence;
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
  const kept = query.min_confidence ? `, ${confidenceWords(query.min_confidence)}` : "";
  setStatus($("#status"), `${pair.a} ⇄ ${pair.b}${period}${kept}: the event table lists ` +
    `${counted(state.table.total, state.table.counts || "events")}; the timeline counts ${series.counts || "asserted events"}.`);
}
