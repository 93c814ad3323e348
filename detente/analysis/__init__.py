"""analysis: what the event record says about a relationship, each number traceable to its events.

Modules: ``series`` (dyad series per period and direction, change points), ``spirals``
(tit-for-tat chains of conflictual acts), ``reciprocity`` (a VAR on the two directional weekly
series: Granger tests, impulse responses), ``scales`` (event weights as data), ``plots`` (the
dyad timeline and the channel board). Here: counts per dyad and QuadClass and the demo's
sanction/counter-sanction chain.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

CONFLICT_QUAD_CLASSES = (3, 4)


def once_per_act(events: Iterable[dict]) -> list[dict]:
    """The first mention of each act: events sharing a ``group_id`` (the same source and target
    state, code and date, however many sentences or documents report it) count once."""
    seen: set[str] = set()
    kept = []
    for event in events:
        key = event.get("group_id") or event["event_id"]
        if key not in seen:
            seen.add(key)
            kept.append(event)
    return kept


def dyad_quad_counts(events: Iterable[dict]) -> dict[tuple[str, str], Counter]:
    """{(source_country, target_country): Counter({quad_class: n})}, busiest dyads first; each
    act counted once."""
    counts: dict[tuple[str, str], Counter] = {}
    for event in once_per_act(events):
        dyad = (event["source_country"], event["target_country"])
        counts.setdefault(dyad, Counter())[event["quad_class"]] += 1
    return dict(sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0])))


def sanction_chain(events: Iterable[dict], a: str, b: str, date_from: str, date_to: str,
                   roots: tuple[str, ...] = ("16", "17")) -> list[dict]:
    """The sanction and counter-sanction chain between ``a`` and ``b`` in a period.

    Reducing relations (16) and coercion (17) between the two, in date order, with one event
    per direction, date and code, and the chain only keeps an event when it answers the other
    side (or opens the chain): a new link starts each time the direction changes.
    """
    acts = sorted(
        (e for e in once_per_act(events)
         if {e["source_country"], e["target_country"]} == {a, b}
         and e["root"] in roots and e["date"] and date_from <= e["date"] <= date_to + "\uffff"),
        key=lambda e: (e["date"], e["doc_id"], e["sentence_index"]))
    chain: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for event in acts:
        key = (event["source_country"], event["date"][:7], event["code"])
        if key in seen:
            continue
        seen.add(key)
        chain.append(event)
    return chain


def turns(chain: list[dict]) -> int:
    """How many times the direction changes along a chain (a tit-for-tat measure)."""
    return sum(1 for x, y in zip(chain, chain[1:]) if x["source_country"] != y["source_country"])
