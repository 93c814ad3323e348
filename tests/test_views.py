"""Views that match their numbers: change points of the measure drawn, and drawn; the biggest
acts of the period labelled, each once; mentions shown with --dedupe; --horizon honoured; the
stored documents listed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import run_cli

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def _texts(path) -> list[str]:
    return ["".join(node.itertext()) for node in ET.parse(path).getroot().iter(SVG_TEXT)]


def test_change_points_follow_the_measure_drawn_and_the_plot_draws_them(demo_run, tmp_path):
    db, _ = demo_run
    plot = tmp_path / "net.svg"
    result = run_cli("dyad", "USA", "RUS", "--db", db, "--changes", "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    assert "change points (level of net cooperation per month" in result.stdout
    texts = _texts(plot)
    assert "USA\u2013RUS: net cooperation" in texts and "change point" in texts
    weighed = tmp_path / "weight.svg"
    other = run_cli("dyad", "USA", "RUS", "--db", db, "--changes", "--measure", "weight_sum", "--plot", str(weighed))
    assert "level of weight sum per month" in other.stdout and "USA\u2013RUS: weight sum" in _texts(weighed)
    from detente import api

    report = api.dyad("USA", "RUS", db=db, changes=True)
    series = report.series
    for point in report.changes:   # each change point is a turn of the series drawn, not of another
        rows = series[series["direction"] == point.direction].set_index("period")["net_cooperation"]
        after = rows[rows.index >= point.period]
        assert point.measure == "net_cooperation" and abs(after.iloc[:2].mean() - point.after) < abs(point.shift)


def test_the_timeline_labels_the_periods_biggest_acts_each_once(demo_run, tmp_path):
    plot = tmp_path / "dyad.svg"
    result = run_cli("dyad", "USA", "RUS", "--db", demo_run[0], "--from", "2012", "--to", "2014", "--plot", str(plot))
    assert result.returncode == 0, result.stderr
    labels = [t for t in _texts(plot) if t[:3].isdigit() and " " in t]
    assert "163 President Obama on Friday signed the…" in labels, labels             # the Magnitsky Act
    assert any(label.startswith("163 The United States on Monday imposed") for label in labels), labels  # Crimea
    assert len(labels) == len(set(labels)) == 5


def test_events_dedupe_shows_how_many_reports_each_act_has(demo_run):
    table = run_cli("events", "--db", demo_run[0], "--dyad", "USA-RUS", "--dedupe")
    header = table.stdout.splitlines()[0]
    assert "mentions" in header
    column = header.index("mentions")
    counts = [int(line[column:column + 9]) for line in table.stdout.splitlines()[1:]]
    assert counts and min(counts) >= 1 and max(counts) >= 2       # the demo reports some acts twice
    rows = [json.loads(line) for line in run_cli("events", "--db", demo_run[0], "--dyad", "USA-RUS", "--dedupe",
                                                 "--format", "jsonl").stdout.splitlines()]
    assert sorted(r["mentions"] for r in rows) == sorted(counts)


def test_reciprocity_horizon_is_honoured(tmp_path, db):
    from test_relations import _gdelt_file

    source = tmp_path / "20100104.export.CSV"
    _gdelt_file(source)
    assert run_cli("import", str(source), "--format", "gdelt", "--db", db).returncode == 0
    long = run_cli("reciprocity", "USA", "RUS", "--db", db, "--horizon", "20")
    assert long.returncode == 0, long.stderr
    assert "week 20:" in long.stdout and "week 21:" not in long.stdout
    assert "weekly weight sum, native" in long.stdout
    short = run_cli("reciprocity", "USA", "RUS", "--db", db, "--horizon", "3").stdout
    assert "week  3:" in short and "week  4:" not in short


def test_documents_lists_what_is_stored(demo_run):
    result = run_cli("documents", "--db", demo_run[0])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["doc_id", "published", "events", "source", "title"]
    assert len(lines) == 64 and "63 documents" in result.stderr
    rows = [json.loads(line) for line in run_cli("documents", "--db", demo_run[0], "--json").stdout.splitlines()]
    assert all(row["published"] and row["title"] for row in rows)
    from detente import api

    with api.reading(demo_run[0]) as store:
        assert sum(row["events"] for row in rows) == store.event_counts()["events"]
