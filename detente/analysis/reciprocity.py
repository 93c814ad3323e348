"""Reciprocity between two states: does each side answer what the other does to it?

The idea comes from Goldstein & Freeman (1990), *Three-Way Street: Strategic Reciprocity in
World Politics*, who fitted vector autoregressions to weekly, Goldstein-weighted event series
between the United States, the Soviet Union and China. This module owns that analysis for one
pair of states A and B (the code is ours, written on statsmodels):

* :func:`weekly_directional_series` turns coded events into two weekly series, ``"A->B"``
  (the weight of what A did to B, summed per week: cooperation positive, hostility negative)
  and ``"B->A"``.
* :func:`reciprocity` fits a VAR to the two series, with the lag order chosen by an
  information criterion, and reports

  - Granger causality both ways (F tests): does A's past behaviour towards B help predict B's
    behaviour towards A, beyond B's own past? and the reverse;
  - impulse responses: how B->A moves in the weeks after a one-point hostile shock on A->B
    (and the reverse), with confidence bands.

Impulse responses are *non-orthogonalised*: the shock moves the impulse series alone in week 0,
so a response in the same week is never attributed (week 0 of a cross response is 0 by
construction) and no causal ordering of A and B has to be assumed. Bands are asymptotic:
value ± z(1 - alpha/2) · stderr · |shock|, from statsmodels' analytic standard errors
(``IRAnalysis.stderr(orth=False)``), so they are deterministic and cost nothing to compute.

Limits, chosen so the model is estimable and the tests mean something:

* :data:`MIN_WEEKS` = 52. A year of weeks. With at most one lag per :data:`WEEKS_PER_LAG`
  weeks, a year still allows five lags (over a month of memory), and each of the two equations
  then estimates at most 11 coefficients from at least 47 weeks.
* :data:`MIN_ACTIVE_WEEKS` = 10, in each direction. A direction active in fewer weeks is almost
  all zeros: its coefficients, F tests and bands would rest on a handful of spikes, where the
  asymptotic theory behind them does not hold. The series carry only weights, so
  :func:`reciprocity` counts a week as active when its weekly sum is non-zero (a week whose
  events weigh 0 in total is, to the model, a week without events).
* ``maxlags`` is capped at ``max(1, weeks // WEEKS_PER_LAG)``; the summary says when the cap
  bites.

Counting each act once is the caller's choice: pass deduplicated events (``Store.events(
dedupe=True)`` or :func:`detente.analysis.once_per_act`), or a much-reported act weighs as
often as it was reported.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from statistics import NormalDist
from typing import Callable, Iterable

import pandas as pd
from statsmodels.tsa.api import VAR

MIN_WEEKS = 52
MIN_ACTIVE_WEEKS = 10
WEEKS_PER_LAG = 10
CRITERIA = ("aic", "bic", "hqic", "fpe")

_DAY_PRECISE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InsufficientData(ValueError):
    """The series are too short, too sparse or constant for a reciprocity VAR."""


@dataclass
class ReciprocityResult:
    """What :func:`reciprocity` found for the pair ``a``, ``b``.

    ``granger`` holds two tests (A->B causing B->A, then B->A causing A->B); ``irf`` holds one
    row per impulse, response and week (0..horizon), already scaled by ``shock``.
    ``maxlags`` is the largest lag searched, ``maxlags_requested`` what the caller asked for.
    """

    a: str
    b: str
    weeks: int
    start: str
    end: str
    lag_order: int
    criterion: str
    selection: dict[str, int]
    granger: list[dict]
    irf: list[dict]
    shock: float
    alpha: float
    maxlags: int | None = None
    maxlags_requested: int | None = None
    scale: str = "goldstein-gdelt"     # the weights of the weekly sums

    def __repr__(self) -> str:
        return (f"ReciprocityResult({self.a}-{self.b}, {self.weeks} weeks {self.start} to {self.end}, "
                f"lag {self.lag_order}, horizon {self.horizon} weeks)")

    @property
    def horizon(self) -> int:
        """The last week of the impulse responses."""
        return max((row["week"] for row in self.irf), default=0)

    def summary(self) -> str:
        """A plain-text report: sample, lag order, both Granger tests, both cross responses."""
        ab, ba = direction_names(self.a, self.b)
        lines = [f"Reciprocity between {self.a} and {self.b}: {self.weeks} weeks, "
                 f"from {self.start} to {self.end}", self.lag_line(), self.cap_line(), "",
                 f"Granger causality (F tests, alpha {self.alpha:g}):"]
        lines += [line for test in self.granger for line in granger_lines(test, self.alpha)]
        for impulse, response in ((ab, ba), (ba, ab)):
            lines += ["", *self.response_lines(impulse, response)]
        return "\n".join(line for line in lines if line is not None)

    def lag_line(self) -> str:
        chosen = ", ".join(f"{name} {lag}" for name, lag in self.selection.items())
        return (f"VAR lag order {self.lag_order}, chosen by {self.criterion.upper()} "
                f"(lags each criterion chose: {chosen})")

    def cap_line(self) -> str | None:
        if self.maxlags is None or self.maxlags_requested is None:
            return None
        if self.maxlags >= self.maxlags_requested:
            return f"lags searched: up to {self.maxlags}"
        return (f"lags searched: up to {self.maxlags}, capped from {self.maxlags_requested} "
                f"(at most one lag per {WEEKS_PER_LAG} weeks of data)")

    def response_lines(self, impulse: str, response: str) -> list[str]:
        rows = [row for row in self.irf
                if row["impulse"] == impulse and row["response"] == response]
        confidence = f"{1 - self.alpha:.0%}"
        lines = [f"Response of {response} to {shock_phrase(self.shock)} on {impulse} "
                 f"(weekly weight sum, {self.scale}; {confidence} band, * = band excludes 0):"]
        for row in rows:
            mark = " *" if row["lower"] > 0 or row["upper"] < 0 else ""
            lines.append(f"  week {row['week']:>2}: {row['value']:+.3f} "
                         f"[{row['lower']:+.3f}, {row['upper']:+.3f}]{mark}")
        return lines

    def to_dict(self) -> dict:
        """Plain JSON-serialisable data (tuples become lists)."""
        data = asdict(self)
        data["granger"] = [dict(test, df=list(test["df"])) for test in self.granger]
        return data


# --- weekly series from events -------------------------------------------------------------

def direction_names(a: str, b: str) -> tuple[str, str]:
    """The column names of the two directions: ``("A->B", "B->A")``."""
    return f"{a}->{b}", f"{b}->{a}"


def goldstein_weight(event: dict) -> float | None:
    """The default weight: the event's ``goldstein`` score."""
    return event.get("goldstein")


def weekly_directional_series(events: Iterable[dict], a: str, b: str,
                              weight: Callable[[dict], float | None] | None = None,
                              start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Weekly sums of event weights from ``a`` to ``b`` and from ``b`` to ``a``.

    Columns ``f"{a}->{b}"`` and ``f"{b}->{a}"``; one row per week, indexed by the week's
    Monday (pandas Timestamps, frequency ``W-MON``), weeks without events filled with 0,
    spanning the first to the last event's week, or ``start`` to ``end`` (ISO dates) when
    given (events outside are left out). Only day-precise dates (``YYYY-MM-DD``) are used:
    events dated to a month or a year are skipped, as are events whose weight is None.
    ``weight`` defaults to ``event["goldstein"]``.

    ``df.attrs["active_weeks"]`` = {direction: number of weeks with at least one event}.
    """
    if a == b:
        raise ValueError(f"reciprocity needs two different states, got {a!r} twice")
    weigh = weight or goldstein_weight
    sums = weekly_sums(events, a, b, weigh)
    weeks = week_span(sums, start, end)
    frame = pd.DataFrame({direction: [by_week.get(week, 0.0) for week in weeks]
                          for direction, by_week in sums.items()}, index=weeks, dtype=float)
    frame.attrs["active_weeks"] = {direction: sum(1 for week in by_week if week in weeks)
                                   for direction, by_week in sums.items()}
    return frame


def weekly_sums(events: Iterable[dict], a: str, b: str,
                weigh: Callable[[dict], float | None]) -> dict[str, dict[pd.Timestamp, float]]:
    """{direction: {week Monday: summed weight}}; a week is present once it has an event."""
    sums: dict[str, dict] = {direction: defaultdict(float) for direction in direction_names(a, b)}
    for event in events:
        direction = direction_of(event, a, b)
        day = day_of(event.get("date")) if direction else None
        value = weigh(event) if day else None
        if value is not None:
            sums[direction][week_of(day)] += float(value)
    return sums


def direction_of(event: dict, a: str, b: str) -> str | None:
    """``"A->B"`` or ``"B->A"`` when the event is between the two states, else None."""
    source, target = event.get("source_country"), event.get("target_country")
    ab, ba = direction_names(a, b)
    return {(a, b): ab, (b, a): ba}.get((source, target))


def day_of(value: str | None) -> date | None:
    """The date of a day-precise ISO string; None for month or year precision (or none)."""
    if not value or not _DAY_PRECISE.match(value):
        return None
    return date.fromisoformat(value)


def week_of(day: date) -> pd.Timestamp:
    """The Monday starting the week that contains ``day``."""
    return pd.Timestamp(day - timedelta(days=day.weekday()))


def week_span(sums: dict[str, dict], start: str | None, end: str | None) -> pd.DatetimeIndex:
    """Every week from ``start`` (or the first event's week) to ``end`` (or the last's)."""
    event_weeks = [week for by_week in sums.values() for week in by_week]
    first = week_of(date.fromisoformat(start)) if start else min(event_weeks, default=None)
    last = week_of(date.fromisoformat(end)) if end else max(event_weeks, default=None)
    if first is None or last is None:
        return pd.DatetimeIndex([], name="week", freq="W-MON")
    if first > last:
        raise ValueError(f"the weeks start after they end: {first.date()} > {last.date()}")
    return pd.date_range(first, last, freq="W-MON", name="week")


# --- the VAR --------------------------------------------------------------------------------

def reciprocity(series: pd.DataFrame, a: str, b: str, maxlags: int = 8, criterion: str = "aic",
                horizon: int = 12, alpha: float = 0.05, shock: float = -1.0) -> ReciprocityResult:
    """Fit a VAR to the weekly series ``A->B`` and ``B->A`` and test for reciprocity.

    ``series`` holds the two direction columns (any order, other columns ignored), one row per
    consecutive week, as :func:`weekly_directional_series` returns. The lag order is the one
    ``criterion`` (aic, bic, hqic or fpe) selects among 0..``maxlags`` (capped, see the module
    docstring), at least 1. Granger tests use ``alpha``; impulse responses run ``horizon``
    weeks after a shock of ``shock`` points (negative: hostile) with ``1 - alpha`` bands.

    Raises :class:`InsufficientData` when the series are too short, too sparse or constant.
    """
    check_options(criterion, horizon, alpha, shock, maxlags)
    frame = direction_frame(series, a, b)
    refuse_insufficient(frame)
    searched = lag_cap(len(frame), maxlags)
    model = VAR(frame.reset_index(drop=True))
    selection = {name: int(lag) for name, lag in
                 model.select_order(searched).selected_orders.items()}
    lag_order = max(1, selection[criterion])
    results = model.fit(lag_order)
    ab, ba = frame.columns
    return ReciprocityResult(
        a=a, b=b, weeks=len(frame), start=week_label(frame.index[0]),
        end=week_label(frame.index[-1]), lag_order=lag_order, criterion=criterion,
        selection=selection,
        granger=[granger_test(results, ab, ba, alpha), granger_test(results, ba, ab, alpha)],
        irf=impulse_responses(results, horizon, alpha, shock), shock=float(shock),
        alpha=float(alpha), maxlags=searched, maxlags_requested=maxlags)


def check_options(criterion: str, horizon: int, alpha: float, shock: float,
                  maxlags: int) -> None:
    if criterion not in CRITERIA:
        raise ValueError(f"unknown lag criterion {criterion!r}; choose one of: "
                         f"{', '.join(CRITERIA)}")
    if horizon < 1 or maxlags < 1:
        raise ValueError(f"horizon and maxlags must be at least 1, got {horizon} and {maxlags}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    if shock == 0 or not math.isfinite(shock):
        raise ValueError(f"the shock must be a non-zero number of points, got {shock}")


def direction_frame(series: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """The two direction columns, ``A->B`` first, as floats; refuses gaps and missing weeks."""
    if a == b:
        raise ValueError(f"reciprocity needs two different states, got {a!r} twice")
    columns = list(direction_names(a, b))
    missing = [column for column in columns if column not in series.columns]
    if missing:
        raise ValueError(f"the series have no column {' or '.join(map(repr, missing))}; "
                         f"expected {columns[0]!r} and {columns[1]!r}")
    frame = series[columns].astype(float)
    if frame.isna().any().any():
        raise ValueError("the series have missing values: fill weeks without events with 0")
    if not consecutive_weeks(frame.index):
        raise ValueError("the series must have one row per consecutive week")
    return frame


def consecutive_weeks(index: pd.Index) -> bool:
    """True unless the index is dated and its dates are not 7 days apart."""
    if not isinstance(index, pd.DatetimeIndex) or len(index) < 2:
        return True
    return bool((index[1:] - index[:-1] == pd.Timedelta(days=7)).all())


def active_weeks(column: pd.Series) -> int:
    """Weeks with a non-zero weekly sum."""
    return int((column != 0).sum())


def refuse_insufficient(frame: pd.DataFrame) -> None:
    """Raise :class:`InsufficientData` unless both directions are long, active and varying."""
    weeks = len(frame)
    active = {direction: active_weeks(frame[direction]) for direction in frame.columns}
    constant = [direction for direction in frame.columns if frame[direction].nunique() <= 1]
    if weeks >= MIN_WEEKS and min(active.values()) >= MIN_ACTIVE_WEEKS and not constant:
        return
    found = ", ".join(f"{direction} has {weeks} weeks ({n} with events)"
                      for direction, n in active.items())
    message = (f"reciprocity needs at least {MIN_WEEKS} weekly observations with events in at "
               f"least {MIN_ACTIVE_WEEKS} weeks each way; {found}")
    if constant and weeks >= MIN_WEEKS and min(active.values()) >= MIN_ACTIVE_WEEKS:
        message += f"; {' and '.join(constant)} never changes, so there is nothing to model"
    raise InsufficientData(message)


def lag_cap(weeks: int, maxlags: int) -> int:
    """``maxlags``, but at most one lag per :data:`WEEKS_PER_LAG` weeks (and at least 1)."""
    return min(maxlags, max(1, weeks // WEEKS_PER_LAG))


def week_label(label) -> str:
    """ISO date of a week's index label (its string form if it is not a date)."""
    return label.date().isoformat() if hasattr(label, "date") else str(label)


def granger_test(results, causing: str, caused: str, alpha: float) -> dict:
    """F test that the lags of ``causing`` add nothing to predicting ``caused``."""
    test = results.test_causality(caused, causing, kind="f")
    p_value = float(test.pvalue)
    return {"cause": causing, "effect": caused, "statistic": float(test.test_statistic),
            "df": tuple(int(df) for df in test.df), "p_value": p_value,
            "significant": p_value < alpha}


def impulse_responses(results, horizon: int, alpha: float, shock: float) -> list[dict]:
    """Non-orthogonalised responses to ``shock`` on each series, weeks 0..horizon, with
    asymptotic bands."""
    analysis = results.irf(horizon)
    values, errors = analysis.irfs * shock, analysis.stderr(orth=False) * abs(shock)
    z = NormalDist().inv_cdf(1 - alpha / 2)
    names = list(results.names)
    return [{"impulse": impulse, "response": response, "week": week,
             "value": plain_float(values[week, i, j]),
             "lower": plain_float(values[week, i, j] - z * errors[week, i, j]),
             "upper": plain_float(values[week, i, j] + z * errors[week, i, j])}
            for j, impulse in enumerate(names) for i, response in enumerate(names)
            for week in range(horizon + 1)]


def plain_float(value) -> float:
    """A Python float, with -0.0 (a zero response scaled by a hostile shock) made 0.0."""
    return float(value) + 0.0


# --- the report's wording -------------------------------------------------------------------

def shock_phrase(shock: float) -> str:
    """``"a one-point hostile shock (-1)"``, ``"a 2.5-point cooperative shock (+2.5)"``."""
    size = "one" if abs(shock) == 1 else f"{abs(shock):g}"
    kind = "hostile" if shock < 0 else "cooperative"
    return f"a {size}-point {kind} shock ({shock:+g})"


def p_value_text(p_value: float) -> str:
    """``"p = 0.282"``; ``"p < 0.0001"`` below that (tiny p-values are not precise)."""
    return "p < 0.0001" if p_value < 0.0001 else f"p = {p_value:.3g}"


def granger_lines(test: dict, alpha: float) -> list[str]:
    df1, df2 = test["df"]
    cause, effect = test["cause"], test["effect"]
    numbers = (f"  {cause} => {effect}: F = {test['statistic']:.3g}, df = ({df1}, {df2}), "
               f"{p_value_text(test['p_value'])}")
    if test["significant"]:
        verdict = (f"    significant: past {cause} behaviour helps predict {effect} beyond "
                   f"{effect}'s own past ({effect.split('->')[0]} answers what "
                   f"{cause.split('->')[0]} does)")
    else:
        verdict = (f"    not significant: no evidence at the {alpha:g} level that past {cause} "
                   f"behaviour helps predict {effect}")
    return [numbers, verdict]
