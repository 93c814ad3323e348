"""Reciprocity VAR (analysis/reciprocity.py): weekly series from events, Granger tests, impulse
responses and refusals, on generated series with a known structure (real statsmodels)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from detente.analysis.reciprocity import (
    MIN_ACTIVE_WEEKS, MIN_WEEKS, InsufficientData, ReciprocityResult, reciprocity,
    weekly_directional_series,
)

A, B = "USA", "RUS"
AB, BA = f"{A}->{B}", f"{B}->{A}"


def hostile_spikes(rng: np.random.Generator, weeks: int) -> np.ndarray:
    """Weekly Goldstein sums: mild noise around 0 with sparse hostile spikes (-4 to -8)."""
    values = rng.normal(0.0, 1.0, weeks)
    spikes = rng.random(weeks) < 0.08
    values[spikes] -= rng.uniform(4.0, 8.0, spikes.sum())
    return values


def weekly_frame(ab: np.ndarray, ba: np.ndarray, columns=(AB, BA)) -> pd.DataFrame:
    weeks = pd.date_range("2015-01-05", periods=len(ab), freq="W-MON", name="week")
    data = {AB: ab, BA: ba}
    return pd.DataFrame({column: data[column] for column in columns}, index=weeks)


def copies_two_weeks_later(seed: int = 7, weeks: int = 300) -> pd.DataFrame:
    """B->A copies A->B two weeks later: b_t = 0.8 * a_{t-2} + small noise."""
    rng = np.random.default_rng(seed)
    ab = hostile_spikes(rng, weeks)
    ba = rng.normal(0.0, 0.3, weeks)
    ba[2:] += 0.8 * ab[:-2]
    return weekly_frame(ab, ba)


def independent(seed: int = 11, weeks: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return weekly_frame(hostile_spikes(rng, weeks), hostile_spikes(rng, weeks))


def response(result: ReciprocityResult, impulse: str, response_: str) -> list[dict]:
    return [row for row in result.irf if row["impulse"] == impulse and row["response"] == response_]


def test_constants_are_sensible():
    assert MIN_WEEKS >= 52
    assert 1 <= MIN_ACTIVE_WEEKS < MIN_WEEKS


@pytest.fixture(scope="module")
def copied() -> ReciprocityResult:
    return reciprocity(copies_two_weeks_later(), A, B)


def test_copy_with_two_week_lag_is_found(copied):
    assert copied.lag_order >= 2
    assert copied.criterion == "aic"
    assert set(copied.selection) == {"aic", "bic", "hqic", "fpe"}
    forward, backward = copied.granger
    assert (forward["cause"], forward["effect"]) == (AB, BA)
    assert (backward["cause"], backward["effect"]) == (BA, AB)
    assert forward["p_value"] < 0.01 and forward["significant"] is True
    assert backward["p_value"] > 0.05 and backward["significant"] is False
    assert forward["df"][0] == copied.lag_order


def test_response_to_hostile_shock_peaks_two_weeks_later(copied):
    rows = response(copied, AB, BA)
    assert [row["week"] for row in rows] == list(range(13))
    values = [row["value"] for row in rows]
    assert int(np.argmin(values)) == 2
    assert values[2] == pytest.approx(-0.8, abs=0.1)
    assert rows[2]["upper"] < 0
    assert abs(values[0]) < 0.05 and abs(values[1]) < 0.05
    assert all(row["lower"] <= row["value"] <= row["upper"] for row in copied.irf)


def test_irf_covers_all_pairs_and_the_shock_itself(copied):
    pairs = {(row["impulse"], row["response"]) for row in copied.irf}
    assert pairs == {(AB, AB), (AB, BA), (BA, AB), (BA, BA)}
    assert len(copied.irf) == 4 * 13
    assert response(copied, AB, AB)[0]["value"] == pytest.approx(-1.0)
    assert copied.shock == -1.0


def test_column_order_does_not_matter(copied):
    swapped = copies_two_weeks_later()[[BA, AB]]
    result = reciprocity(swapped, A, B)
    assert result.lag_order == copied.lag_order
    assert result.granger[0]["p_value"] == pytest.approx(copied.granger[0]["p_value"])
    week_two = response(copied, AB, BA)[2]["value"]
    assert response(result, AB, BA)[2]["value"] == pytest.approx(week_two)


def test_a_cooperative_shock_mirrors_the_hostile_one(copied):
    result = reciprocity(copies_two_weeks_later(), A, B, shock=2.0)
    assert response(result, AB, BA)[2]["value"] == pytest.approx(
        -2.0 * response(copied, AB, BA)[2]["value"])


def test_independent_series_show_no_reciprocity():
    result = reciprocity(independent(), A, B)
    for test in result.granger:
        assert test["p_value"] > 0.01
        assert test["significant"] is False


def test_too_short_is_refused_with_the_numbers():
    rng = np.random.default_rng(3)
    short = weekly_frame(hostile_spikes(rng, 30), hostile_spikes(rng, 30))
    with pytest.raises(InsufficientData) as refusal:
        reciprocity(short, A, B)
    message = str(refusal.value)
    assert f"at least {MIN_WEEKS} weekly observations" in message
    assert f"at least {MIN_ACTIVE_WEEKS} weeks each way" in message
    assert f"{AB} has 30 weeks (30 with events)" in message


def test_too_sparse_is_refused_with_the_numbers():
    rng = np.random.default_rng(5)
    sparse = np.zeros(300)
    sparse[[40, 120, 250]] = -5.0
    with pytest.raises(InsufficientData) as refusal:
        reciprocity(weekly_frame(sparse, hostile_spikes(rng, 300)), A, B)
    message = str(refusal.value)
    assert f"at least {MIN_ACTIVE_WEEKS} weeks each way" in message
    assert f"{AB} has 300 weeks (3 with events)" in message
    assert isinstance(refusal.value, ValueError)


def test_constant_series_is_refused():
    rng = np.random.default_rng(5)
    with pytest.raises(InsufficientData, match="never changes"):
        reciprocity(weekly_frame(np.full(300, 2.0), hostile_spikes(rng, 300)), A, B)


def test_maxlags_capped_for_short_series_and_said_so():
    rng = np.random.default_rng(9)
    year = weekly_frame(hostile_spikes(rng, 60), hostile_spikes(rng, 60))
    result = reciprocity(year, A, B, maxlags=8)
    assert result.maxlags == 6 and result.maxlags_requested == 8
    assert all(lag <= 6 for lag in result.selection.values())
    assert "capped from 8" in result.summary()


def test_bad_arguments_are_refused():
    series = independent()
    with pytest.raises(ValueError, match="criterion"):
        reciprocity(series, A, B, criterion="r2")
    with pytest.raises(ValueError, match="no column"):
        reciprocity(series, A, "CHN")
    with pytest.raises(ValueError, match="consecutive week"):
        reciprocity(series.iloc[::2], A, B)


# --- weekly_directional_series ---------------------------------------------------------------

def event(source, target, day, goldstein, code="042", plover="CONSULT"):
    return {"source_country": source, "target_country": target, "date": day,
            "goldstein": goldstein, "code": code, "plover": plover}


EVENTS = [
    event(A, B, "2020-01-06", 1.9),               # Monday, week of 2020-01-06
    event(A, B, "2020-01-12", -5.0, "163"),       # Sunday, same week
    event(B, A, "2020-01-08", 3.0, "057"),
    event(B, A, "2020-01-27", -2.0, "111"),       # two empty weeks before it
    event(A, B, "2020-01", -10.0, "190"),         # month precision: skipped
    event(A, B, "2020", -10.0, "190"),            # year precision: skipped
    event(A, B, "2020-01-14", None),              # no weight: skipped
    event(A, "CHN", "2020-01-07", 7.0),           # another dyad: ignored
    event(B, A, None, 4.0),                       # undated: skipped
]


def test_weekly_sums_with_zero_filled_gaps():
    series = weekly_directional_series(EVENTS, A, B)
    assert list(series.columns) == [AB, BA]
    assert list(series.index) == list(pd.date_range("2020-01-06", "2020-01-27", freq="W-MON"))
    assert isinstance(series.index[0], pd.Timestamp)
    assert series[AB].tolist() == pytest.approx([-3.1, 0.0, 0.0, 0.0])
    assert series[BA].tolist() == pytest.approx([3.0, 0.0, 0.0, -2.0])
    assert series.attrs["active_weeks"] == {AB: 1, BA: 2}


def test_weekly_series_with_custom_weight_and_span():
    hostile = {"163": -1.0, "111": -1.0}
    series = weekly_directional_series(EVENTS, A, B, weight=lambda e: hostile.get(e["code"], 0.0),
                                       start="2019-12-31", end="2020-01-20")
    assert series.index[0] == pd.Timestamp("2019-12-30")
    assert series.index[-1] == pd.Timestamp("2020-01-20")
    assert series[AB].tolist() == [0.0, -1.0, 0.0, 0.0]
    assert series[BA].tolist() == [0.0, 0.0, 0.0, 0.0]   # 2020-01-27 falls outside; 057 weighs 0
    # the custom weight weighs the event without a Goldstein score (0.0), so its week counts
    assert series.attrs["active_weeks"] == {AB: 2, BA: 1}


def test_weekly_series_without_events_is_empty():
    series = weekly_directional_series([], A, B)
    assert series.empty and list(series.columns) == [AB, BA]
    assert series.attrs["active_weeks"] == {AB: 0, BA: 0}


def test_weekly_series_feed_reciprocity():
    rng = np.random.default_rng(21)
    days = pd.date_range("2016-01-04", periods=400, freq="D")
    events = [event(*pair, day.date().isoformat(), float(rng.choice([-5.0, 1.0, 3.4])))
              for day in days for pair in ((A, B), (B, A)) if rng.random() < 0.4]
    series = weekly_directional_series(events, A, B)
    result = reciprocity(series, A, B)
    assert result.weeks == len(series) >= MIN_WEEKS
    assert result.start == "2016-01-04"
    assert result.end == series.index[-1].date().isoformat()


# --- the report -----------------------------------------------------------------------------

def test_summary_reports_lag_granger_and_week_two_response(copied):
    text = copied.summary()
    assert f"lag order {copied.lag_order}" in text
    assert "AIC" in text
    forward, backward = copied.granger
    assert forward["p_value"] < 0.0001 and "p < 0.0001" in text
    assert f"p = {backward['p_value']:.3g}" in text
    for test in copied.granger:
        assert f"df = ({test['df'][0]}, {test['df'][1]})" in text
    assert "significant: past USA->RUS behaviour helps predict RUS->USA" in text
    assert "not significant" in text
    week_two = response(copied, AB, BA)[2]
    band = f"[{week_two['lower']:+.3f}, {week_two['upper']:+.3f}]"
    assert f"week  2: {week_two['value']:+.3f} {band} *" in text
    assert f"Response of {BA} to a one-point hostile shock (-1) on {AB}" in text
    assert f"Response of {AB} to a one-point hostile shock (-1) on {BA}" in text
    assert "2015-01-05" in text and "300 weeks" in text


def test_to_dict_round_trips_through_json(copied):
    data = copied.to_dict()
    restored = json.loads(json.dumps(data, allow_nan=False))
    assert restored == data
    assert restored["granger"][0]["df"] == list(copied.granger[0]["df"])
    assert restored["lag_order"] == copied.lag_order
    assert len(restored["irf"]) == len(copied.irf)
