/* The tab panels and the Plotly charts inside them: a chart in a hidden panel is drawn when
 * its tab is shown (Plotly measures its container), and charts are resized when the layout
 * changes width. window.Plotly is loaded by /vendor/plotly.min.js before these modules run. */

import {el} from "./dom.js";
import {state} from "./state.js";

const panelOf = (node) => node.closest(".panel");

/** Draw a chart now if its panel is shown, else when it is (Plotly measures its container:
 *  a chart laid out in a hidden panel comes out blank or the wrong size). */
export function drawWhenShown(node, draw) {
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
export function plotFresh(node, traces, layout, config) {
  window.Plotly.purge(node);
  node.replaceChildren();
  return window.Plotly.newPlot(node, traces, layout, {responsive: true, displaylogo: false, ...config});
}

/** Remove a chart and anything waiting to be drawn in it; show ``message`` instead, if any. */
export function clearChart(node, message, kind = "empty") {
  state.pending.delete(node);
  node.dataset.blank = "true";   // takes no room (see style.css)
  if (window.Plotly) window.Plotly.purge(node);
  node.replaceChildren();
  if (message) node.append(el("p", {class: kind}, message));
}

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

export function setUpTabs() {
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

/** Plotly follows window resizes only; the docked event view changes the layout's width. */
export function resizeCharts() {
  if (!window.Plotly) return;
  window.requestAnimationFrame(() => {
    for (const chart of document.querySelectorAll(".panel:not([hidden]) .js-plotly-plot")) window.Plotly.Plots.resize(chart);
  });
}
