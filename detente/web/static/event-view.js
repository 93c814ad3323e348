/* The event view (the docked panel): one event's facts and coding evidence, its document
 * with the marks, other reports of the same act; and the event buttons and code badges the
 * other views use to open it. */

import {$, el, enc, getJSON, safeLink, setStatus} from "./dom.js";
import {CONFIDENCE_MEANS, fmtNumber, quadClass} from "./format.js";
import {state} from "./state.js";
import {resizeCharts} from "./panels.js";
import {renderDocumentText} from "./document-text.js";

/** A code with its CAMEO name, both visible ("163 · Impose embargo, boycott, or sanctions");
 *  a long name is cut short by CSS, the whole of it is in the tooltip. */
export function codeBadge(event, name) {
  const code = event.code || "?";
  const codeName = name !== undefined ? name : event.code_name;
  const title = [code, codeName, event.plover ? `PLOVER ${event.plover}` : ""].filter(Boolean).join(" · ");
  return el("span", {class: "code-badge", title, dataset: {code}},
    el("span", {class: quadClass(event)}, code),
    codeName ? el("span", {class: "code-name"}, el("span", {class: "code-sep"}, " · "), codeName) : null);
}

/** One event as a button that opens the event view. */
export function eventButton(event, options = {}) {
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

export async function openEvent(eventId, opener) {
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

export function closeEvent() {
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

/** "0.83 — the probability that an expert would judge this event right (…)". */
function confidenceFact(confidence) {
  if (confidence === null || confidence === undefined || confidence === "") return "–";
  return el("span", {class: "confidence", dataset: {confidence: String(confidence)}}, fmtNumber(confidence),
            el("span", {class: "muted"}, ` — ${CONFIDENCE_MEANS}`));
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
    ["Confidence", confidenceFact(event.confidence)],
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
