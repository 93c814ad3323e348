"""evaluation: scoring coded events against a gold file (format: shared benchmarks README).

A predicted event matches a gold event when its root is among the gold roots and its source
and target countries are among the gold alternatives (for consultations, root 04, either
direction). Precision counts predicted events that matched; recall counts required gold
events found; the trap rate is the share of traps (acts that must not be coded) extracted;
date accuracy is the share of matched dated events whose date starts with the gold date.
"""

from __future__ import annotations

import json
from collections import defaultdict


def _options(value) -> set[str]:
    return set(str(value).split("|"))


def _agrees(gold: dict, event: dict, either_direction: bool) -> bool:
    if event["code"][:2] not in _options(gold["root"]):
        return False
    source, target = event["source_country"], event["target_country"]
    sources, targets = _options(gold["source"]), _options(gold["target"])
    if source in sources and target in targets:
        return True
    return either_direction and target in sources and source in targets


def score(gold_path: str, events: list[dict]) -> dict:
    cases = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        by_doc[str(event["doc_id"])].append(event)
    tally = defaultdict(int)
    misses, extras, traps_hit = [], [], []
    for case in cases:
        predicted = by_doc.get(case["id"], [])
        used: set[int] = set()
        for gold in case.get("events", []):
            either = "04" in _options(gold["root"])
            hit = next((i for i, e in enumerate(predicted) if i not in used and _agrees(gold, e, either)), None)
            if hit is not None:
                used.add(hit)
            if gold.get("optional"):
                continue
            tally["required"] += 1
            if hit is None:
                misses.append({"id": case["id"], **gold})
                continue
            tally["found"] += 1
            if gold.get("date"):
                tally["dated"] += 1
                tally["date_ok"] += str(predicted[hit].get("date") or "").startswith(gold["date"])
        tally["predicted"] += len(predicted)
        tally["matched"] += len(used)
        extras += [{"id": case["id"], "event_id": e["event_id"], "source": e["source_country"],
                    "target": e["target_country"], "code": e["code"]}
                   for i, e in enumerate(predicted) if i not in used]
        for trap in case.get("traps", []):
            tally["traps"] += 1
            if any(_agrees(trap, e, False) for e in predicted):
                tally["trap_hits"] += 1
                traps_hit.append({"id": case["id"], **trap})
    precision = tally["matched"] / tally["predicted"] if tally["predicted"] else 0.0
    recall = tally["found"] / tally["required"] if tally["required"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "cases": len(cases), "gold_events": tally["required"], "predicted": tally["predicted"],
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        "traps": tally["traps"], "trap_hits": tally["trap_hits"],
        "trap_rate": round(tally["trap_hits"] / tally["traps"], 3) if tally["traps"] else 0.0,
        "dated": tally["dated"],
        "date_accuracy": round(tally["date_ok"] / tally["dated"], 3) if tally["dated"] else None,
        "misses": misses, "extras": extras, "traps_hit": traps_hit,
    }
