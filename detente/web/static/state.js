/* The dashboard's shared state: the query last applied, the answers shown, paging of the
 * event table, and the tokens that let late answers of older requests be dropped. */

export const state = {
  query: null,        // {a, b, from, to, freq, scale, measure, min_confidence} last applied (a and b as
                      // typed; min_confidence "" for all events, else a number string from 0 to 1)
  resolved: null,     // {a, b}: the codes the API resolved them to (from the series answer)
  generation: 0,      // bumps on every Apply; late answers of older ones are dropped
  series: null,
  lanes: null,
  breadth: null,
  table: {filters: {}, offset: 0, limit: 25, total: 0, counts: ""},
  opener: null,       // element focused before the event view opened
  eventToken: 0,
  pending: new Map(), // charts waiting for their panel to be shown: node -> draw()
  selected: null,     // {direction, period}: the timeline point clicked, if any
};

export const NOT_SHOWN = "Nothing shown: this query failed (the message is under Apply).";
