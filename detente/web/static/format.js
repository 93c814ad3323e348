/* Text formatting: counts and plurals, numbers, codes, levels and channel statuses, what a
 * confidence means and what a minimum of it keeps, the summary of failed views, and text made
 * safe for Plotly labels (which read a few HTML-like tags). No DOM. */

export const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
/** A number with the API's words for what it counts: "85 events (every mention)", "1 act (…)". */
export const counted = (n, words) => `${n} ${n === 1 ? String(words).replace(/^(event|act)s\b/, "$1") : words}`;
export const quadClass = (event) => {
  const quad = Number(event.quad_class);
  return `quad quad-${quad >= 1 && quad <= 4 ? quad : 0}`;
};
export const arrow = (direction) => String(direction).replace("->", " → ");
export const humanLevel = (level) => {
  const text = String(level || "other").replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};
export const fmtNumber = (value, digits = 2) =>
  value === null || value === undefined || Number.isNaN(Number(value)) ? "–" : String(Number(Number(value).toFixed(digits)));

export const tidy = (text) => text.trim().replace(/\s+/g, " ");

/** What a minimum confidence keeps, as a percentage: 0.7 -> "70%", 0.925 -> "92.5%". */
export const percent = (value) => `${Number((Number(value) * 100).toFixed(1))}%`;
/** "events at least 70% likely to be right" (``noun`` first, if any), or "" with no minimum
 *  (empty or 0). */
export const confidenceWords = (minimum, noun = "events") =>
  (Number(minimum) > 0 ? `${noun ? `${noun} ` : ""}at least ${percent(minimum)} likely to be right` : "");
/** A minimum confidence from a form's field: "" for all events (empty or 0), else the number
 *  (0 to 1) as a string; anything else an Error naming the field. ``bad``: the browser could
 *  not read the field as a number (a number input's validity.badInput). */
export function minConfidence(text, name = "Min. confidence", bad = false) {
  const value = String(text === null || text === undefined ? "" : text).trim();
  const number = Number(value);
  if (bad || (value && (!Number.isFinite(number) || number < 0 || number > 1))) {
    throw new Error(`${name} must be a number from 0 to 1 (e.g. 0.7), or empty for all events.`);
  }
  return value && number > 0 ? String(number) : "";
}
/** What an event's confidence means, wherever the number is shown. */
export const CONFIDENCE_MEANS = "the probability that an expert would judge this event right " +
                                "(a model fitted on labelled news)";

/** Text for Plotly (titles, hover labels), which reads a few HTML-like tags: escape them. */
export const plotText = (value) => String(value === null || value === undefined ? "" : value)
  .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Plotly text wrapped at about ``width`` characters (lines joined with <br>). */
export function wrapText(value, width = 72) {
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
export const statusClass = (status) => (STATUSES.includes(status) ? `status-${status.replace(/ /g, "-")}` : "status-unknown");

/** One unique message per failure, with the views it broke: "422 … (timeline, spirals)". */
export function failureSummary(failures) {
  const byMessage = new Map();
  for (const {view, error} of failures) {
    const message = (error && error.message) || String(error);
    if (!byMessage.has(message)) byMessage.set(message, []);
    byMessage.get(message).push(view);
  }
  return [...byMessage].map(([message, views]) => `${message} (${views.join(", ")})`).join("; ");
}
