"""Plots of a relationship: a dyad's timeline (net cooperation or weight sum, with its change
points) and a board of its channels.

Both functions draw with matplotlib's object-oriented API (no pyplot, no global backend
switch: figures render through Agg), write PNG or SVG according to the suffix of ``path``
and return that path. SVG text stays text (``svg.fonttype = "none"``), so labels can be
searched and read in the file.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import Iterable

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch

FORMATS = {".png": "png", ".svg": "svg"}
RC = {"svg.fonttype": "none", "svg.hashsalt": "detente"}

SERIES_COLUMNS = ("period", "direction", "net_cooperation")
LABEL_WORDS = 6

LEVELS = ("head_of_state", "ministerial", "legislative", "military", "working_level",
          "people_to_people", "economic", "multilateral")
STATUS_COLOURS = {"active": "#2e9e44", "suspended": "#f28e1c", "closed": "#d62728",
                  "ended": "#5f5f5f", "not yet established": "#ffffff"}
PRINT_ROW_IN = 0.2               # a lane on paper: room for a two-line name at 7.5 pt
ASSUMED_COLOUR = "#b7dfbf"      # an active status no record sets: pale and hatched
MEASURE_LABELS = {"net_cooperation": "net cooperation", "weight_sum": "weight sum"}


# --- shared helpers -------------------------------------------------------------------------

def output_format(path) -> str:
    """'png' or 'svg' from the suffix of ``path``; anything else is refused."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot write {str(path)!r}: use a .png or .svg path")
    return FORMATS[suffix]


def new_figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def save(figure: Figure, path, fmt: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Date": None} if fmt == "svg" else None
    figure.savefig(path, format=fmt, dpi=120, metadata=metadata)
    return path


def plain(text: str) -> str:
    """Text shown as written: a ``$`` would otherwise start matplotlib mathtext."""
    return str(text).replace("$", r"\$")


def clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def day(value) -> date:
    """A ``YYYY[-MM[-DD]]`` string (or a date) as a date; a month or year counts from its first day."""
    if isinstance(value, date):
        return value
    return date.fromisoformat("-".join((str(value)[:10].split("-") + ["01", "01"])[:3]))


# --- dyad timeline --------------------------------------------------------------------------

def plot_dyad_timeline(series, events: list[dict], path, a: str, b: str, label_top: int = 5,
                       measure: str = "net_cooperation", changes: Iterable = (), width: float | None = None,
                       rc: dict | None = None) -> Path:
    """``measure`` (net cooperation, or the weight sum) of ``a``->``b`` and ``b``->``a`` per
    period, two lines over a zero line, each change point of that measure a dashed line in its
    direction's colour, and the first ``label_top`` of ``events`` (give them strongest first;
    each is labelled once) annotated with code and the first words of the sentence. Writes PNG
    or SVG by the suffix of ``path``. ``width`` (inches) fixes the figure's width, as print
    needs (default: it grows with the periods); ``rc`` overrides matplotlib settings (font sizes)."""
    fmt = output_format(path)
    directions = (f"{a}->{b}", f"{b}->{a}")
    lines = dyad_lines(series, directions, measure)
    labelled = dated_events(events, a, b, label_top)
    with matplotlib.rc_context({**RC, **(rc or {})}):
        size = timeline_size(lines, labelled)
        figure = new_figure(*((width, 3.4 + 0.3 * len(labelled)) if width else size))
        axes = figure.add_subplot()
        colours = draw_direction_lines(axes, lines, directions, measure)
        axes.axhline(0, color="black", linewidth=0.8, zorder=1)
        draw_change_points(axes, changes, colours)
        annotate_events(axes, labelled, lines, measure)
        style_timeline(axes, a, b, measure)
        return save(figure, path, fmt)


def dyad_lines(series, directions: tuple[str, str], measure: str = "net_cooperation") -> dict:
    """{direction: rows of ``series`` for that direction, in period order}; refuses a series
    that is empty, lacks the needed columns or has no row for either direction."""
    if series is None or len(series) == 0:
        raise ValueError("empty series: nothing to plot for the dyad timeline")
    if measure not in MEASURE_LABELS:
        raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURE_LABELS)}")
    missing = [column for column in (*SERIES_COLUMNS, measure) if column not in series.columns]
    if missing:
        raise ValueError(f"series lacks column(s) {', '.join(missing)}")
    lines = {direction: rows.sort_values("period")
             for direction, rows in series.groupby("direction") if direction in directions}
    if not lines:
        raise ValueError(f"series has no rows for {directions[0]} or {directions[1]}")
    return lines


def dated_events(events: Iterable[dict], a: str, b: str, top: int) -> list[dict]:
    """The first ``top`` dated events between ``a`` and ``b`` (either way), in the order given,
    each once (two mentions of one act are one label)."""
    dyad = {(a, b), (b, a)}
    kept, seen = [], set()
    for event in events or ():
        key = event.get("group_id") or event.get("event_id")
        if (event.get("source_country"), event.get("target_country")) in dyad and event.get("date") \
                and key not in seen:
            seen.add(key)
            kept.append(event)
    return kept[:max(top, 0)]


def timeline_size(lines: dict, labelled: list[dict]) -> tuple[float, float]:
    periods = max(len(rows) for rows in lines.values())
    return clamp(6 + 0.25 * periods, 8, 24), clamp(4.5 + 0.25 * len(labelled), 5, 9)


def draw_direction_lines(axes, lines: dict, directions: tuple[str, str], measure: str) -> dict:
    """One line per direction; returns each direction's colour."""
    colours = {}
    for direction, marker in zip(directions, ("o", "s")):
        if direction in lines:
            rows = lines[direction]
            (line,) = axes.plot(rows["period"].to_numpy(), rows[measure].to_numpy(dtype=float),
                                marker=marker, markersize=4, linewidth=1.6, label=direction, zorder=3)
        else:
            (line,) = axes.plot([], [], marker=marker, label=f"{direction} (no events)")
        colours[direction] = line.get_color()
    return colours


def draw_change_points(axes, changes: Iterable, colours: dict) -> None:
    """A dashed line at each change point, in its direction's colour (one legend entry)."""
    for index, point in enumerate(changes or ()):
        axes.axvline(mdates.date2num(pd.Timestamp(point.period)), color=colours.get(point.direction, "0.4"),
                     linestyle="--", linewidth=1, zorder=2, label="change point" if index == 0 else None)


def annotate_events(axes, labelled: list[dict], lines: dict, measure: str = "net_cooperation") -> None:
    """Star each labelled event on its direction's line (the point of the period holding it)
    and label it, pointing outwards from the middle and staggering neighbours."""
    low, high = value_range(lines, measure)
    first, last = period_range(lines)
    for rank, event in enumerate(labelled):
        when, height = event_point(lines, event, measure)
        upward = height >= (low + high) / 2
        offset = 22 + 14 * (rank % 3)
        axes.plot([when], [height], marker="*", markersize=10, color="black", zorder=5)
        axes.annotate(event_label(event), xy=(when, height),
                      xytext=(0, offset if upward else -offset), textcoords="offset points",
                      ha=horizontal_alignment(when, first, last),
                      va="bottom" if upward else "top", fontsize=7.5,
                      bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "0.6", "alpha": 0.9},
                      arrowprops={"arrowstyle": "-", "color": "0.5", "linewidth": 0.7}, zorder=6)
    if labelled:
        axes.margins(y=0.35)


def value_range(lines: dict, measure: str = "net_cooperation") -> tuple[float, float]:
    """Lowest and highest value plotted, zero included."""
    values = pd.concat([rows[measure] for rows in lines.values()]).astype(float).dropna()
    return min([*values, 0.0]), max([*values, 0.0])


def period_range(lines: dict) -> tuple[float, float]:
    periods = pd.concat([rows["period"] for rows in lines.values()])
    return mdates.date2num(periods.min()), mdates.date2num(periods.max())


def horizontal_alignment(when: float, first: float, last: float) -> str:
    """Labels near either edge grow inwards, so they stay inside the axes."""
    span = max(last - first, 1.0)
    position = (when - first) / span
    return "left" if position < 0.2 else "right" if position > 0.8 else "center"


def event_point(lines: dict, event: dict, measure: str = "net_cooperation") -> tuple[float, float]:
    """Where an event sits on the plot: the period holding its date on its direction's line,
    or its own date on the zero line when that line has no such period."""
    rows = lines.get(f"{event['source_country']}->{event['target_country']}")
    when = pd.Timestamp(day(event["date"]))
    started = rows[rows["period"] <= when] if rows is not None else None
    if started is None or started.empty:
        return mdates.date2num(when), 0.0
    value = float(started[measure].iloc[-1])
    return mdates.date2num(started["period"].iloc[-1]), (0.0 if pd.isna(value) else value)


def event_label(event: dict) -> str:
    """``"163 The United States imposed sanctions on…"``: code and the sentence's first words."""
    words = str(event.get("sentence") or "").split()
    text = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
    return plain(f"{event.get('code', '')} {text}".strip())


def style_timeline(axes, a: str, b: str, measure: str = "net_cooperation") -> None:
    axes.set_title(plain(f"{a}\u2013{b}: {MEASURE_LABELS[measure]}"))
    axes.set_ylabel(MEASURE_LABELS[measure])
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
    axes.grid(True, axis="y", alpha=0.3)
    axes.legend(loc="best", fontsize=8)


# --- channel board --------------------------------------------------------------------------

def plot_channel_board(lanes: list[dict], path, start: str | None = None, end: str | None = None,
                       width: float | None = None, rc: dict | None = None, label_chars: int | None = None) -> Path:
    """One horizontal lane per channel, grouped by level (head of state first, multilateral
    last), each status interval a bar drawn by its status (an assumed one pale and hatched),
    between ``start`` and ``end`` (default: the earliest interval start and today). Writes PNG
    or SVG by suffix. For print: ``width`` (inches) fixes the width, puts the key under the
    lanes and gives each lane ``PRINT_ROW_IN`` inches; ``label_chars`` wraps channel names onto
    two lines; ``rc`` overrides matplotlib settings."""
    fmt = output_format(path)
    if not lanes:
        raise ValueError("no channel lanes: nothing to plot for the channel board")
    last_day = day(end) if end else date.today()
    intervals = [lane_interval(lane, last_day) for lane in lanes]
    rows = board_rows(intervals)
    if label_chars:
        rows = [(kind, key, textwrap.fill(label, label_chars, max_lines=2, placeholder="\u2026"))
                for kind, key, label in rows]
    first_day = day(start) if start else min(interval["start"] for interval in intervals)
    if first_day >= last_day:
        raise ValueError(f"empty time range: start {first_day} is not before end {last_day}")
    with matplotlib.rc_context({**RC, **(rc or {})}):
        size = (width, 1.5 + PRINT_ROW_IN * len(rows)) if width else board_size(rows, first_day, last_day)
        figure = new_figure(*size)
        axes = figure.add_subplot()
        draw_lanes(axes, rows, intervals)
        style_board(axes, rows, first_day, last_day, key_below=bool(width))
        return save(figure, path, fmt)


def lane_interval(lane: dict, last_day: date) -> dict:
    """A lane dict checked and with its dates parsed; an open end runs to ``last_day``."""
    level, status = lane.get("level"), lane.get("status")
    if level not in LEVELS:
        raise ValueError(f"channel {lane.get('channel_id')!r}: unknown level {level!r} "
                         f"(one of {', '.join(LEVELS)})")
    if status not in STATUS_COLOURS:
        raise ValueError(f"channel {lane.get('channel_id')!r}: unknown status {status!r} "
                         f"(one of {', '.join(STATUS_COLOURS)})")
    begin = day(lane["start"])
    finish = day(lane["end"]) if lane.get("end") else max(last_day, begin)
    if finish < begin:
        raise ValueError(f"channel {lane.get('channel_id')!r}: interval ends {finish} "
                         f"before it starts {begin}")
    return {**lane, "start": begin, "end": finish}


def board_rows(intervals: list[dict]) -> list[tuple[str, str, str]]:
    """Rows top to bottom as ``(kind, key, label)``: a ``level`` header row per level present,
    in :data:`LEVELS` order, each followed by its ``channel`` rows sorted by name."""
    channels: dict[str, tuple[str, str]] = {}
    for interval in intervals:
        cid = str(interval["channel_id"])
        channels.setdefault(cid, (interval["level"], str(interval.get("name") or cid)))
    rows: list[tuple[str, str, str]] = []
    for level in LEVELS:
        members = sorted((name, cid) for cid, (lvl, name) in channels.items() if lvl == level)
        if members:
            rows.append(("level", level, level.replace("_", " ")))
            rows.extend(("channel", cid, name) for name, cid in members)
    return rows


def board_size(rows: list, first_day: date, last_day: date) -> tuple[float, float]:
    years = (last_day - first_day).days / 365.25
    return clamp(8 + 0.6 * years, 9, 20), clamp(1.5 + 0.32 * len(rows), 3, 30)


def draw_lanes(axes, rows: list[tuple[str, str, str]], intervals: list[dict]) -> None:
    """Shade the level header rows; one bar per status interval on its channel's row."""
    position = {key: y for y, (kind, key, _) in enumerate(rows) if kind == "channel"}
    for y, (kind, _, _) in enumerate(rows):
        if kind == "level":
            axes.axhspan(y - 0.5, y + 0.5, color="0.93", zorder=0)
    for interval in intervals:
        left = mdates.date2num(interval["start"])
        width = max(mdates.date2num(interval["end"]) - left, 1)
        axes.barh(position[str(interval["channel_id"])], width, left=left, height=0.6, zorder=2,
                  **bar_style(interval["status"], interval.get("recorded", True)))


def bar_style(status: str, recorded: bool) -> dict:
    """How a status interval is drawn: its colour; an assumed status pale and hatched, a channel
    not yet established as an empty dashed outline."""
    if status == "not yet established":
        return {"facecolor": STATUS_COLOURS[status], "edgecolor": "0.6", "linewidth": 0.6, "linestyle": "--"}
    if not recorded:
        return {"facecolor": ASSUMED_COLOUR, "edgecolor": STATUS_COLOURS[status], "linewidth": 0.4, "hatch": "///"}
    return {"facecolor": STATUS_COLOURS[status], "edgecolor": "white", "linewidth": 0.5}


def legend_handles() -> list[Patch]:
    shown = [("active", True, "active (recorded)"), ("active", False, "active (assumed: no recorded change)"),
             ("suspended", True, "suspended"), ("closed", True, "closed"), ("ended", True, "ended"),
             ("not yet established", True, "not yet established")]
    return [Patch(label=label, **{k: v for k, v in bar_style(status, recorded).items() if k != "linestyle"})
            for status, recorded, label in shown]


def style_board(axes, rows: list[tuple[str, str, str]], first_day: date, last_day: date,
                key_below: bool = False) -> None:
    axes.set_yticks(range(len(rows)), [plain(label) for _, _, label in rows])
    for label, (kind, _, _) in zip(axes.get_yticklabels(), rows):
        label.set_linespacing(0.9)          # a name wrapped onto two lines stays within its lane
        if kind == "level":
            label.set_fontweight("bold")
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(mdates.date2num(first_day), mdates.date2num(last_day))
    axes.xaxis_date()
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
    axes.grid(True, axis="x", alpha=0.3)
    axes.set_title(f"Channels of contact, {first_day} to {last_day}")
    if key_below:   # under the lanes, not beside them: on a page the width is theirs
        axes.figure.legend(handles=legend_handles(), loc="outside lower center", ncol=3, frameon=False)
    else:
        axes.legend(handles=legend_handles(), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, title="status")
