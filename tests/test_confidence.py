"""confidence: the fitted model behind every event's confidence, its cross-validated report, and
--min-confidence on the CLI and the API (real coder, real SQLite store, real subprocesses)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import httpx
import pytest

from conftest import BENCHMARKS, ROOT, need, run_cli

from detente.events.confidence import MODEL_FILE, PRIOR, load_model, meaning


def test_the_shipped_model_was_cross_validated_on_the_labelled_sets():
    model = load_model()
    assert model is not None, f"{MODEL_FILE} is missing: run scripts/fit_confidence.py"
    report = model.report
    assert {"gold-dev", "gold-realnews-dev", "PLV_train"} <= set(report["fitted_on"])
    cv = report["cross_validation"]
    assert cv["folds"] >= 5 and cv["grouped_by"] == "document"
    table = cv["reliability"]
    assert sum(row["events"] for row in table) == sum(v["events"] for k, v in cv["per_set"].items() if k != "plv")
    recomputed = sum(row["events"] * abs(row["mean_confidence"] - row["share_right"]) for row in table) / \
        sum(row["events"] for row in table)
    assert math.isclose(recomputed, cv["expected_calibration_error"], abs_tol=0.002)
    assert cv["expected_calibration_error"] <= 0.10
    kept = [row["share_right"] for row in cv["thresholds"] if row["share_right"] is not None]
    assert kept[-1] > kept[0], "a higher minimum confidence must keep a more often right record"


def test_an_events_confidence_is_the_models_probability_of_its_features(coder):
    (event,) = [e for e in coder.code_text("Russia imposed sanctions on Poland.", published="2014-03-20")]
    model = load_model()
    described = event["evidence"]["features"]
    assert described and set(described) <= set(model.weights) | {name for name in described if name not in model.weights}
    score = model.intercept + sum(model.weights.get(name, 0.0) * value for name, value in described.items())
    assert event["confidence"] == round(1 / (1 + math.exp(-score)), 3)
    assert event["evidence"]["confidence_model"] == model.digest


def test_without_the_model_every_event_gets_the_prior():
    from detente.events import Coder

    events = Coder(confidence_model=False).code_text("Obama met Putin. He later denounced Russia.",
                                                     published="2014-03-20")
    assert events and {e["confidence"] for e in events} == {PRIOR}


def test_the_fitting_script_refits_reproducibly_and_reports_out_of_fold(tmp_path):
    need(BENCHMARKS / "gold-dev.jsonl")
    command = [sys.executable, str(ROOT / "scripts" / "fit_confidence.py"), "--sets", "gold-dev",
               "--plv-weight", "0", "--folds", "3", "--dry-run"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "3-fold cross-validation, grouped by document" in first.stdout
    assert "expected calibration error" in first.stdout and "gold-dev" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert second.stdout == first.stdout


@pytest.fixture(scope="module")
def coded(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("confidence")
    source = folder / "wire.jsonl"
    texts = ["Russia imposed sanctions on Poland on Monday.",
             "Obama met Putin in Geneva. He later denounced Russia.",
             "Officials said the talks could resume next month.",
             "China accused Japan of provoking a crisis."]
    source.write_text("".join(json.dumps({"id": f"d{i}", "published": "2014-03-20", "text": t}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    db = str(folder / "c.db")
    result = run_cli("extract", str(source), "--db", db, "--format", "jsonl", "--modality", "all")
    assert result.returncode == 0, result.stderr
    return db


def _listed(db: str, *options: str) -> list[dict]:
    result = run_cli("events", "--db", db, "--format", "jsonl", "--modality", "all", *options)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_min_confidence_keeps_exactly_the_events_at_or_above_it(coded):
    everything = _listed(coded)
    confidences = sorted({e["confidence"] for e in everything})
    assert len(confidences) >= 2
    cut = confidences[len(confidences) // 2]
    kept = _listed(coded, "--min-confidence", str(cut))
    assert {e["event_id"] for e in kept} == {e["event_id"] for e in everything if e["confidence"] >= cut}
    assert 0 < len(kept) < len(everything)


@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_a_min_confidence_that_is_not_a_probability_is_refused(coded, bad):
    result = run_cli("events", "--db", coded, "--min-confidence", bad)
    assert result.returncode == 2 and "--min-confidence" in result.stderr


def test_show_says_what_the_confidence_means(coded):
    (first, *_) = _listed(coded)
    shown = run_cli("show", first["event_id"], "--db", coded)
    assert shown.returncode == 0, shown.stderr
    line = next(line for line in shown.stdout.splitlines() if line.startswith("confidence"))
    assert str(first["confidence"]) in line and "probability that an expert would judge the event right" in line
    assert "cross-validated expected calibration error" in line
    assert meaning() in line


def test_the_api_filters_by_confidence_and_refuses_a_bad_one(coded):
    from conftest import live_server

    with live_server(coded) as base:
        everything = httpx.get(f"{base}/api/events", params={"modality": "all", "limit": 1000}).json()["items"]
        cut = sorted(e["confidence"] for e in everything)[len(everything) // 2]
        kept = httpx.get(f"{base}/api/events", params={"modality": "all", "limit": 1000,
                                                       "min_confidence": cut}).json()["items"]
        assert {e["event_id"] for e in kept} == {e["event_id"] for e in everything if e["confidence"] >= cut}
        assert httpx.get(f"{base}/api/events", params={"min_confidence": 2}).status_code == 422
        health = httpx.get(f"{base}/api/health").json()
        assert "probability that an expert would judge the event right" in health["confidence_means"]


def test_min_confidence_says_how_many_imported_events_it_leaves_out(tmp_path):
    db = str(tmp_path / "imported.db")
    imported = run_cli("import", str(ROOT / "tests" / "data" / "interchange" / "icews_sample.tab"), "--format", "icews",
                       "--db", db)
    assert imported.returncode == 3 and "3 line(s) rejected" in imported.stderr   # the sample's bad lines
    everything = _listed(db)
    assert everything and all(e["confidence"] is None for e in everything)
    result = run_cli("events", "--db", db, "--min-confidence", "0.5")
    assert result.returncode == 0, result.stderr
    assert f"note: {len([e for e in everything if e['modality'] == 'asserted'])} imported events" in result.stderr
    assert "carry no confidence and are left out by --min-confidence 0.5" in result.stderr
    assert "note:" not in run_cli("events", "--db", db).stderr
