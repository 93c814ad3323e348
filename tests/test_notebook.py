"""The Python API in a notebook: typed DataFrames with the precision of each date kept, series
that save to Parquet, short reprs."""

from __future__ import annotations

import pandas as pd
import pytest

from detente import api


def test_events_as_a_typed_frame_keep_each_dates_precision(demo_run):
    frame = api.events(db=demo_run[0], dyad=("USA", "Russia"), frame=True)
    rows = api.events(db=demo_run[0], dyad=("USA", "RUS"))
    assert len(frame) == len(rows) and list(frame["event_id"]) == [r["event_id"] for r in rows]
    assert str(frame["quad_class"].dtype) == "Int64" and frame["confidence"].dtype == float
    assert isinstance(frame["code"].dtype, pd.CategoricalDtype)
    assert str(frame["published"].dtype).startswith("datetime64")
    assert str(frame["date_start"].dtype).startswith("datetime64") and str(frame["date_end"].dtype).startswith("datetime64")
    by_precision = {len(r["date"]): (p, s, e) for r, p, s, e in
                    zip(rows, frame["date"], frame["date_start"], frame["date_end"]) if r["date"]}
    month, start, end = by_precision[7]            # "in December": the whole month, not its first day
    assert isinstance(month, pd.Period) and month.freqstr == "M"
    assert (start.day, end) == (1, (start + pd.offsets.MonthEnd(0)))
    day, _, _ = by_precision[10]
    assert day.freqstr == "D"


def test_a_dyad_series_saves_to_parquet_as_it_is(demo_run, tmp_path):
    series = api.dyad("USA", "RUS", db=demo_run[0], freq="month").series
    path = tmp_path / "series.parquet"
    series.to_parquet(path)
    back = pd.read_parquet(path)
    assert len(back) == len(series) and list(back.columns) == list(series.columns)
    assert [list(ids) for ids in back["event_ids"]] == list(series["event_ids"])
    assert back.attrs == {} or back.attrs.get("scale") == "goldstein-gdelt"


def test_results_have_short_reprs(demo_run):
    db = demo_run[0]
    for result in (api.dyad("USA", "RUS", db=db, changes=True), api.extract([str(api.DEMO_CORPUS)], db=db)):
        text = repr(result)
        assert len(text) < 200 and "\n" not in text, text
    assert repr(api.dyad("USA", "RUS", db=db)).startswith("DyadReport(USA-RUS, month, 2008-")


def test_an_unknown_actor_is_refused_by_the_api_too(demo_run):
    from detente.actors.codes import UnknownActor

    with pytest.raises(UnknownActor, match="did you mean RUS"):
        api.dyad("USA", "Rusia", db=demo_run[0])
