/* A document's text with an event's sentence and its source, trigger and target spans
 * marked, built from text nodes and <mark> elements only. */

import {el} from "./dom.js";

/**
 * The document text as text nodes, with the event's sentence in one <mark class="sentence">
 * and, inside it, the source, trigger and target spans as <mark class="source|trigger|target">.
 * Offsets are Python character offsets (code points), so the text is cut by code points.
 * Offsets are clamped; missing or empty spans are skipped; overlapping spans nest
 * (source, then target, then trigger innermost) by splitting the text where spans cross.
 */
export function renderDocumentText(container, text, event) {
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
