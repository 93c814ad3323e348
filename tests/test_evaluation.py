"""evaluation and channels: scoring rules on hand-made events, the channel registry as data,
and the coder's standing on the shared public gold set."""

from __future__ import annotations

import json

from conftest import BENCHMARKS, need
from detente import api
from detente.channels import LEVELS, load_registry
from detente.evaluation import score


def _event(doc, s, t, code, date=None, event_id="e"):
    return {"doc_id": doc, "source_country": s, "target_country": t, "code": code, "date": date,
            "event_id": event_id}


def test_scoring_counts_matches_traps_optional_events_and_dates(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "text": "x", "events": [{"source": "USA", "target": "RUS", "root": "16|17", "date": "2012-12"},
                                            {"source": "RUS", "target": "USA", "root": "11", "optional": True}],
         "traps": [{"source": "USA", "target": "RUS", "root": "04"}]},
        {"id": "b", "text": "y", "events": [{"source": "USA", "target": "RUS", "root": "04"}], "traps": []},
    ]), encoding="utf-8")
    result = score(str(gold), [
        _event("a", "USA", "RUS", "172", "2012-12-14"), _event("a", "RUS", "USA", "112"),
        _event("a", "USA", "RUS", "042"), _event("b", "RUS", "USA", "040")])
    assert (result["precision"], result["recall"]) == (0.75, 1.0)
    assert (result["trap_hits"], result["date_accuracy"]) == (1, 1.0)
    assert result["extras"][0]["code"] == "042"


def test_channel_registry_is_valid_and_names_the_seed_channels(nlp):
    registry = load_registry()
    assert all(c.level in LEVELS and len(c.parties) >= 2 for c in registry.channels.values())
    for channel in ("bpc", "bpc-civil-society", "congress-duma", "nato-russia-council", "new-start-bcc",
                    "nunn-lugar", "mil-to-mil", "adoption-agreement", "usaid-russia", "visa-regime"):
        assert channel in registry.channels
    doc = nlp("Reviving the Congress-Duma Study Group would help, and so would the Bilateral Presidential Commission.")
    found = {channel.id for _, channel in registry.mentions(doc).values()}
    assert found == {"congress-duma", "bpc"}
    assert registry.channels["nunn-lugar"].other_parties("RUS") == ["USA"]
    assert registry.channels["nunn-lugar"].other_parties("FRA") == []


def test_public_gold_set_clears_the_first_bar(coder, tmp_path):
    gold = need(BENCHMARKS / "gold-dev.jsonl")
    result = api.evaluate(str(gold), db=str(tmp_path / "gold.db"), coder=coder)
    assert result["f1"] >= 0.55 and result["trap_rate"] <= 0.25
    assert result["date_accuracy"] >= 0.8
