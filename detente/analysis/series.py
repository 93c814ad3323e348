"""Dyad series: what two actors did to each other, period by period, in both directions.

For each direction (A->B, B->A) and period (day, week, month, year): event counts by QuadClass,
the sum and mean of the event weights on a chosen scale (see ``scales``), net cooperation
(cooperative minus conflictual events) and the ids of the events behind the row. Change points
in a direction's series of one measure (the one a timeline draws) answer "when did it turn,
and was this the steepest fall since X".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from detente.analysis.scales import DEFAULT_SCALE, load_scale
from detente.periods import full_day

FREQUENCIES = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
SERIES_COLUMNS = ["period", "direction", "n", "q1", "q2", "q3", "q4", "weight_sum", "weight_mean",
                  "net_cooperation", "event_ids"]
MEASURES = {"net_cooperation": "net cooperation", "weight_sum": "weight sum"}
DEFAULT_MEASURE = "net_cooperation"
RECORD_FIELDS = ["event_id", "source_country", "target_country", "date", "code", "plover", "quad_class",
                 "goldstein"]


def direction(a: str, b: str) -> str:
    return f"{a}->{b}"


def dyad_series(events: Iterable[dict] | pd.DataFrame, a: str, b: str, freq: str = "month",
                scale: str = DEFAULT_SCALE, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """One row per direction and period (``SERIES_COLUMNS``), empty periods filled with zeros
    between the first and last event, or from the first day of ``start`` to the last day of
    ``end`` (``end="2014"`` runs to December 2014). ``event_ids`` lists the events behind each
    row. Events whose date is coarser than the period (a month-precise date in a weekly series)
    are left out: ``df.attrs["left_out"]`` counts them. ``attrs`` holds plain values only
    (``left_out``, ``scale``, ``freq``), so the frame saves to Parquet as it is."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; choose one of {', '.join(FREQUENCIES)}")
    if not isinstance(events, pd.DataFrame):
        events = pd.DataFrame.from_records(list(events), columns=RECORD_FIELDS)
    frame = _frame(events, a, b, freq, scale)
    left_out = int(frame["date"].isna().sum())
    frame = frame[frame["date"].notna()]
    series = _aggregate(frame, a, b, FREQUENCIES[freq], start, end)
    series.attrs.update(left_out=left_out, scale=scale, freq=freq)
    return series


def _frame(table: pd.DataFrame, a: str, b: str, freq: str, scale: str) -> pd.DataFrame:
    """The dyad's events as a table: date (NaT when coarser than the period), direction,
    QuadClass, weight and id."""
    pair = table["source_country"] + "->" + table["target_country"]
    table = table[pair.isin([direction(a, b), direction(b, a)])]
    return pd.DataFrame({
        "date": _dates(table["date"].fillna(""), freq).to_numpy(),
        "direction": pair[table.index].to_numpy(),
        "quad_class": table["quad_class"].to_numpy(),
        "weight": weights_of(table, scale).to_numpy(),
        "event_id": table["event_id"].to_numpy()})


def weights_of(table: pd.DataFrame, scale: str) -> pd.Series:
    """Each event's weight: its own stored one on the ``native`` scale (an imported file's
    GoldsteinScale or Intensity), else the scale's, looked up once per code and category."""
    found = load_scale(scale)
    if found.native:
        return pd.to_numeric(table["goldstein"], errors="coerce").astype(float)
    plover = table["plover"].fillna("") if "plover" in table else pd.Series("", index=table.index)
    keys = table["code"].fillna("").astype(str) + "|" + plover.astype(str)
    weights = {}
    for key in keys.unique():
        code, category = key.split("|")
        weight = found.weight({"code": code, "plover": category or None})
        weights[key] = np.nan if weight is None else weight
    return keys.map(weights).astype(float)


def _dates(dates: pd.Series, freq: str) -> pd.Series:
    """Dates precise enough for the period as timestamps, the rest NaT: month-precise dates
    serve monthly and yearly series, year-precise ones yearly series only."""
    needed = {"day": 10, "week": 10, "month": 7, "year": 4}[freq]
    dates = dates.astype(str)
    padded = dates.where(dates.str.len() >= needed).str.slice(0, 10)
    padded = padded.where(padded.str.len() != 7, padded + "-01")
    padded = padded.where(padded.str.len() != 4, padded + "-01-01")
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")


def _aggregate(frame: pd.DataFrame, a: str, b: str, rule: str, start: str | None, end: str | None) -> pd.DataFrame:
    index = _periods(frame["date"], rule, start, end)
    directions = [direction(a, b), direction(b, a)]
    full = pd.MultiIndex.from_product([directions, index], names=["direction", "period"])
    frame = frame.assign(period=frame["date"].dt.to_period(_period_alias(rule)).dt.start_time)
    for q in (1, 2, 3, 4):
        frame[f"q{q}"] = (frame["quad_class"] == q).astype(int)
    grouped = frame.groupby(["direction", "period"])
    table = grouped[["q1", "q2", "q3", "q4"]].sum()
    table.insert(0, "n", grouped.size())
    table["weight_sum"] = grouped["weight"].sum(min_count=1)
    table["weight_mean"] = grouped["weight"].mean()
    table = table.reindex(full)
    counts = ["n", "q1", "q2", "q3", "q4"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["weight_sum"] = table["weight_sum"].astype(float).fillna(0.0)
    table["weight_mean"] = table["weight_mean"].astype(float)
    table["net_cooperation"] = table["q1"] + table["q2"] - table["q3"] - table["q4"]
    ids = frame["event_id"].to_numpy()
    behind = {key: ids[positions].tolist() for key, positions in grouped.indices.items()}
    table["event_ids"] = [behind.get(key, []) for key in table.index]
    return table.reset_index()[SERIES_COLUMNS]


def _periods(dates: pd.Series, rule: str, start: str | None, end: str | None) -> pd.DatetimeIndex:
    first = pd.Timestamp(full_day(start)) if start else (dates.min() if len(dates) else None)
    last = pd.Timestamp(full_day(end, end=True)) if end else (dates.max() if len(dates) else None)
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return pd.DatetimeIndex([], name="period")
    anchor = pd.Series([first]).dt.to_period(_period_alias(rule)).dt.start_time.iloc[0]
    return pd.date_range(anchor, last, freq=rule, name="period")


def _period_alias(rule: str) -> str:
    return {"D": "D", "W-MON": "W-SUN", "MS": "M", "YS": "Y"}[rule]


# change points -------------------------------------------------------------------------------
@dataclass
class ChangePoint:
    direction: str
    period: pd.Timestamp
    before: float          # mean of the measure per period in the segment before
    after: float           # ... and after
    shift: float           # after - before: negative is a turn for the worse
    steepest_fall_since: pd.Timestamp | None  # the last earlier turn at least as steep a fall, if any
    rank: int              # 1 = the largest fall (or rise) found in the series
    measure: str = DEFAULT_MEASURE   # the series column it was found in


def change_points(series: pd.DataFrame, measure: str = DEFAULT_MEASURE, penalty: float | None = None,
                  min_size: int = 2) -> list[ChangePoint]:
    """Where each direction's series of ``measure`` (net cooperation, as the timeline draws it,
    or the weight sum) shifts level (PELT with an L2 cost, from ``ruptures``).

    The penalty defaults to the BIC-like σ²·log(n), σ² the series' variance, so a flat or noisy
    series yields few points (raise it for fewer, coarser turns). A fall is ranked against the
    earlier turns of the same direction: ``steepest_fall_since`` is the most recent earlier fall
    at least as deep (None: the deepest so far)."""
    import ruptures

    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    found: list[ChangePoint] = []
    for name, part in series.groupby("direction", sort=False):
        values = part[measure].to_numpy(dtype=float)
        periods = list(part["period"])
        if len(values) < 2 * min_size or np.allclose(values, values[0]):
            continue
        pen = penalty if penalty is not None else float(np.var(values)) * np.log(len(values))
        breaks = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(values).predict(pen=pen)
        bounds = [0, *breaks]
        segments = [values[s:e] for s, e in zip(bounds, bounds[1:])]
        points = [ChangePoint(name, periods[bounds[i]], float(segments[i - 1].mean()), float(segments[i].mean()),
                              float(segments[i].mean() - segments[i - 1].mean()), None, 0, measure)
                  for i in range(1, len(segments))]
        _rank(points)
        found += points
    return found


def _rank(points: list[ChangePoint]) -> None:
    by_size = sorted(points, key=lambda p: -abs(p.shift))
    for rank, point in enumerate(by_size, 1):
        point.rank = rank
    for i, point in enumerate(points):
        if point.shift >= 0:
            continue
        earlier = [p for p in points[:i] if p.shift <= point.shift]
        point.steepest_fall_since = earlier[-1].period if earlier else None
