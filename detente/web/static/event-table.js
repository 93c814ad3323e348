/* The Events tab: the filter form (minimum confidence included), the paged event table and
 * its CSV link. */

import {$, el, fresh, getJSON, withParams} from "./dom.js";
import {counted, fmtNumber, minConfidence, tidy} from "./format.js";
import {DATE_RE} from "./dates.js";
import {NOT_SHOWN, state} from "./state.js";
import {codeBadge, openEvent} from "./event-view.js";

const DYAD_RE = /^[A-Za-z0-9 .']{2,40}-[A-Za-z0-9 .']{2,40}$/;
const CODE_RE = /^\d{2,4}$/;

export function readTableFilters() {
  const dyad = tidy($("#filter-dyad").value).replace(/\s*-\s*/, "-");
  const from = $("#filter-from").value.trim();
  const to = $("#filter-to").value.trim();
  const code = $("#filter-code").value.trim();
  if (dyad && !DYAD_RE.test(dyad)) throw new Error("Dyad must look like USA-RUS (codes or names: Russia-United States).");
  if (from && !DATE_RE.test(from)) throw new Error("From must be YYYY, YYYY-MM or YYYY-MM-DD.");
  if (to && !DATE_RE.test(to)) throw new Error("To must be YYYY, YYYY-MM or YYYY-MM-DD.");
  if (code && !CODE_RE.test(code)) throw new Error("Code must be 2 to 4 digits (a CAMEO code or prefix).");
  const confidence = $("#filter-confidence");
  const min_confidence = minConfidence(confidence.value, "Min. conf.", confidence.validity.badInput);
  state.table.filters = {dyad, from, to, code, modality: $("#filter-modality").value,
                         dedupe: $("#filter-dedupe").checked ? "true" : "", min_confidence};
  state.table.limit = Number($("#filter-limit").value) || 25;
}

export async function loadEventTable(options = {}) {
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
      el("td", {class: "confidence"}, fmtNumber(event.confidence)),
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

export function tablePage(step) {
  const {offset, limit, total} = state.table;
  const next = Math.max(0, offset + step * limit);
  if (next === offset || next >= total) return;
  state.table.offset = next;
  loadEventTable().catch(() => {});
}
