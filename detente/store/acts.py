"""store.acts: mentions of one act, and events that came from other data sets.

Mentions of the same act (the same source and target state, code and date, in several
sentences or documents) share a ``group_id``; analysis counts the act once. An imported event
is its own act: its group is its own id.
"""

from __future__ import annotations

import hashlib

IMPORTED_MARK = ":"   # imported events keep their file's id behind the format's name: "icews:27185740"


def is_imported(event_id: str) -> bool:
    """Whether an event came from another data set (events detente codes have plain hexadecimal ids)."""
    return IMPORTED_MARK in str(event_id)


def act_group_id(source_country: str, target_country: str, code: str, date: str | None,
                 names: tuple[str, str] | None = None) -> str:
    """Mentions of the same act (same source and target state, code and date) share a group;
    between actors of unknown state, their names tell acts apart."""
    key = f"{source_country}|{target_country}|{code}|{date or ''}"
    if names is not None:
        key += f"|{names[0].lower()}|{names[1].lower()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def one_per_group(rows: list[dict]) -> list[dict]:
    """One row per group of mentions (the most confident, the first on a tie), with ``mentions``."""
    best: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for row in rows:
        key = row.get("group_id") or row["event_id"]
        counts[key] = counts.get(key, 0) + 1
        kept = best.get(key)
        if kept is None or (row.get("confidence") or 0) > (kept.get("confidence") or 0):
            best[key] = row
    chosen = [dict(row, mentions=counts[key]) for key, row in best.items()]
    return sorted(chosen, key=lambda r: (r["date"] or "", r["doc_id"], r["sentence_index"]))


def one_per_group_frame(frame):
    """:func:`one_per_group` on a DataFrame sorted by date: the first most confident mention.
    Most acts are reported once, so only the rows that share a group are sorted out."""
    key = frame["group_id"].fillna(frame["event_id"])
    shared = key.duplicated(keep=False).to_numpy()
    frame = frame.assign(mentions=1)
    if not shared.any():
        return frame
    group = frame[shared].assign(_key=key[shared], _confidence=frame["confidence"][shared].fillna(0))
    counts = group["_key"].value_counts()
    best = group.sort_values("_confidence", ascending=False, kind="stable").drop_duplicates("_key")
    frame.loc[best.index, "mentions"] = best["_key"].map(counts).to_numpy()
    keep = ~shared
    keep[frame.index.get_indexer(best.index)] = True
    return frame[keep].reset_index(drop=True)
