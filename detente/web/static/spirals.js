/* The Spirals tab: runs of conflict moves answered in turn by each side within a window, among
 * the events at least as likely to be right as the minimum applied. */

import {$, el, enc, fresh, getJSON} from "./dom.js";
import {confidenceWords, plural} from "./format.js";
import {NOT_SHOWN, state} from "./state.js";
import {eventButton} from "./event-view.js";

export async function loadSpirals(generation, pair, options = {quiet: true}) {
  const {from, to, min_confidence} = state.query;
  const {a, b} = pair;
  const container = $("#spirals");
  const window_ = Number($("#spiral-window").value) || 60;
  container.dataset.state = "loading";
  let answer;
  try {
    answer = await getJSON(`/api/dyads/${enc(a)}/${enc(b)}/spirals`, {window: window_, from, to, min_confidence});
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
    const kept = confidenceWords(min_confidence, "among events");
    container.replaceChildren(el("p", {class: "empty"},
      `No spirals between ${a} and ${b}: no conflict answered by conflict within ${answer.window} days` +
      `${kept ? ` ${kept}` : ""}.`));
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
