/* detente dashboard: vanilla JS over the JSON API, no build step; ES modules loaded from
 * /static (script-src 'self'). This entry point wires the page's forms and buttons to the views
 * and starts the first Apply. Untrusted data goes into the page as text only: see dom.js. */

import {$, setStatus} from "./dom.js";
import {state} from "./state.js";
import {setUpTabs} from "./panels.js";
import {closeEvent} from "./event-view.js";
import {loadTimeline, renderTimeline, showTimelineMessage} from "./timeline.js";
import {loadChannelStatus} from "./channels.js";
import {loadSpirals} from "./spirals.js";
import {loadEventTable, readTableFilters, tablePage} from "./event-table.js";
import {apply, fillPairFromSelect, loadDyads, loadHealth, syncSelectFromPair} from "./controls.js";

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
