"""Plots (analysis/plots.py): real PNG and SVG files, their text, refusals."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from detente.analysis.plots import plot_channel_board, plot_dyad_timeline

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def svg_texts(path: Path) -> list[str]:
    """Every text element of an SVG (parsing it as XML on the way)."""
    root = ET.parse(path).getroot()
    return ["".join(node.itertext()) for node in root.iter(SVG_TEXT)]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    return struct.unpack(">II", path.read_bytes()[16:24])


def make_series(periods: int = 6, directions=("USA->RUS", "RUS->USA")) -> pd.DataFrame:
    rows = []
    for i, period in enumerate(pd.date_range("2014-01-01", periods=periods, freq="MS")):
        for direction, sign in zip(directions, (1, -1)):
            rows.append({"period": period, "direction": direction, "n": 4, "q1": 1, "q2": 1,
                         "q3": 1, "q4": 1, "weight_sum": sign * 2.0 * i,
                         "weight_mean": sign * 0.5 * i, "net_cooperation": sign * (i - 2) / 4})
    return pd.DataFrame(rows)


def make_events() -> list[dict]:
    return [
        {"event_id": "e1", "date": "2014-03-17", "source_country": "USA", "target_country": "RUS",
         "code": "163", "goldstein": -8.0,
         "sentence": "Washington imposed sanctions on Russian officials after the referendum."},
        {"event_id": "e2", "date": "2014-03-20", "source_country": "RUS", "target_country": "USA",
         "code": "1244", "goldstein": -4.0, "sentence": "Moscow refused to lift its ban."},
        {"event_id": "e3", "date": "2014-04-02", "source_country": "RUS", "target_country": "USA",
         "code": "0874", "goldstein": 10.0, "sentence": "$5 million in frozen assets was released."},
        {"event_id": "e4", "date": "2014-05-01", "source_country": "USA", "target_country": "RUS",
         "code": "042", "goldstein": 1.9, "sentence": "Kerry visited Moscow."},
        {"event_id": "e5", "date": "2014-02-01", "source_country": "USA", "target_country": "CHN",
         "code": "190", "goldstein": -10.0, "sentence": "Not this dyad."},
    ]


def make_lanes(channels: int = 4) -> list[dict]:
    base = [
        {"channel_id": "hotline", "name": "Presidential hotline", "level": "head_of_state",
         "status": "active", "start": "2013-01-01", "end": "2014-03-01"},
        {"channel_id": "hotline", "name": "Presidential hotline", "level": "head_of_state",
         "status": "suspended", "start": "2014-03-01", "end": None},
        {"channel_id": "2plus2", "name": "Two-plus-two talks", "level": "ministerial",
         "status": "closed", "start": "2014-04-01", "end": "2015-01-01"},
        {"channel_id": "nrc", "name": "NATO-Russia Council", "level": "multilateral",
         "status": "suspended", "start": "2014-04-01", "end": None},
        {"channel_id": "bpc", "name": "Bilateral Presidential Commission", "level": "working_level",
         "status": "ended", "start": "2013-06-01", "end": "2014-06-01"},
        {"channel_id": "bpc", "name": "Bilateral Presidential Commission", "level": "working_level",
         "status": "active", "recorded": False, "start": "2013-01-01", "end": "2013-06-01"},
    ]
    extra = [{"channel_id": f"wg{i}", "name": f"Working group {i}", "level": "working_level",
              "status": "active", "start": "2013-01-01", "end": "2014-12-31"}
             for i in range(max(channels - 4, 0))]
    return base + extra


# --- dyad timeline --------------------------------------------------------------------------

def test_timeline_png_is_a_real_png(tmp_path):
    path = plot_dyad_timeline(make_series(), make_events(), tmp_path / "dyad.png", "USA", "RUS")
    assert path == tmp_path / "dyad.png"
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000


def test_timeline_svg_keeps_title_directions_and_event_labels_as_text(tmp_path):
    path = plot_dyad_timeline(make_series(), make_events(), tmp_path / "dyad.svg", "USA", "RUS")
    texts = svg_texts(path)
    assert "USA\u2013RUS: net cooperation" in texts
    assert "USA->RUS" in texts and "RUS->USA" in texts
    assert any(text.startswith("163 Washington imposed sanctions") for text in texts)
    assert "0874 $5 million in frozen assets was…" in texts  # "$" stays literal, no mathtext
    assert not any("Not this dyad" in text for text in texts)


def test_timeline_labels_the_first_events_it_is_given_each_once(tmp_path):
    events = make_events()
    strongest_first = [events[2], events[0], dict(events[0], event_id="e1-again"), events[1]]
    for event in strongest_first:
        event["group_id"] = event["event_id"].split("-")[0]     # two mentions of one act share a group
    path = plot_dyad_timeline(make_series(), strongest_first, tmp_path / "dyad.svg", "USA", "RUS",
                              label_top=2)
    labels = [text for text in svg_texts(path) if text.split(" ")[0] in {"163", "1244", "0874", "042"}]
    assert sorted(label.split(" ")[0] for label in labels) == ["0874", "163"]


def test_timeline_draws_the_measure_and_its_change_points(tmp_path):
    from detente.analysis.series import ChangePoint

    turn = ChangePoint("USA->RUS", pd.Timestamp("2014-03-01"), 4.0, -4.0, -8.0, None, 1, "weight_sum")
    path = plot_dyad_timeline(make_series(), [], tmp_path / "dyad.svg", "USA", "RUS", measure="weight_sum",
                              changes=[turn])
    texts = svg_texts(path)
    assert "USA\u2013RUS: weight sum" in texts and "change point" in texts
    plain = plot_dyad_timeline(make_series(), [], tmp_path / "plain.svg", "USA", "RUS")
    assert "change point" not in svg_texts(plain)


def test_timeline_with_one_direction_says_the_other_has_no_events(tmp_path):
    series = make_series(directions=("USA->RUS",))
    path = plot_dyad_timeline(series, [], tmp_path / "dyad.svg", "USA", "RUS")
    assert "RUS->USA (no events)" in svg_texts(path)


def test_timeline_grows_wider_with_more_periods(tmp_path):
    short = plot_dyad_timeline(make_series(6), [], tmp_path / "short.png", "USA", "RUS")
    long = plot_dyad_timeline(make_series(48), [], tmp_path / "long.png", "USA", "RUS")
    assert png_size(long)[0] > png_size(short)[0]


@pytest.mark.parametrize("name", ["dyad.pdf", "dyad.jpg", "dyad"])
def test_timeline_refuses_other_suffixes(tmp_path, name):
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot_dyad_timeline(make_series(), make_events(), tmp_path / name, "USA", "RUS")
    assert not (tmp_path / name).exists()


def test_timeline_refuses_an_empty_series(tmp_path):
    with pytest.raises(ValueError, match="empty series"):
        plot_dyad_timeline(make_series().iloc[0:0], make_events(), tmp_path / "d.png", "USA", "RUS")


def test_timeline_refuses_a_series_without_the_dyad(tmp_path):
    with pytest.raises(ValueError, match="no rows for"):
        plot_dyad_timeline(make_series(), [], tmp_path / "d.png", "CHN", "JPN")


def test_timeline_refuses_a_series_without_net_cooperation(tmp_path):
    series = make_series().drop(columns=["net_cooperation"])
    with pytest.raises(ValueError, match="net_cooperation"):
        plot_dyad_timeline(series, [], tmp_path / "d.png", "USA", "RUS")


# --- channel board --------------------------------------------------------------------------

def test_board_png_is_a_real_png(tmp_path):
    path = plot_channel_board(make_lanes(), tmp_path / "board.png", end="2015-06-30")
    assert path == tmp_path / "board.png"
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 10_000


def test_board_svg_keeps_channel_names_levels_and_statuses_as_text(tmp_path):
    path = plot_channel_board(make_lanes(), tmp_path / "board.svg", start="2013-01-01",
                              end="2015-06-30")
    texts = svg_texts(path)
    for name in ("Presidential hotline", "Two-plus-two talks", "NATO-Russia Council",
                 "Bilateral Presidential Commission"):
        assert name in texts
    for status in ("active (recorded)", "active (assumed: no recorded change)", "suspended", "closed", "ended",
                   "not yet established"):
        assert status in texts
    assert "Channels of contact, 2013-01-01 to 2015-06-30" in texts


def test_board_groups_lanes_by_level_in_level_order(tmp_path):
    texts = svg_texts(plot_channel_board(make_lanes(), tmp_path / "board.svg", end="2015-06-30"))
    order = ["head of state", "Presidential hotline", "ministerial", "Two-plus-two talks",
             "working level", "Bilateral Presidential Commission", "multilateral",
             "NATO-Russia Council"]
    assert [texts.index(label) for label in order] == sorted(texts.index(label) for label in order)
    assert "legislative" not in texts  # no channel at that level, no empty group


def test_board_open_intervals_run_to_today_by_default(tmp_path):
    path = plot_channel_board(make_lanes(), tmp_path / "board.svg")
    assert any(text.endswith(f"to {pd.Timestamp.today().date()}") for text in svg_texts(path))


def test_board_grows_taller_with_more_channels(tmp_path):
    few = plot_channel_board(make_lanes(4), tmp_path / "few.png", end="2015-06-30")
    many = plot_channel_board(make_lanes(16), tmp_path / "many.png", end="2015-06-30")
    assert png_size(many)[1] > png_size(few)[1]


def test_board_refuses_other_suffixes(tmp_path):
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        plot_channel_board(make_lanes(), tmp_path / "board.pdf")


def test_board_refuses_no_lanes(tmp_path):
    with pytest.raises(ValueError, match="no channel lanes"):
        plot_channel_board([], tmp_path / "board.png")


def test_board_refuses_an_unknown_level(tmp_path):
    lanes = make_lanes()
    lanes[0] = {**lanes[0], "level": "royal"}
    with pytest.raises(ValueError, match="unknown level 'royal'"):
        plot_channel_board(lanes, tmp_path / "board.png")
