"""Confidence: the probability that an expert would judge a coded event right.

Each event is described by a few dozen features of how the coder found it (:func:`features`):
the lexicon entry that fired (verb or noun, with a named object or a particle), the kind of act,
how the source and the target were resolved (the verb's own subject, a governing clause, a
place, a pronoun, an actor of unknown state, a fallback slot, a channel), how far they stand
from the trigger, and whether the act was converted (an intent, a refusal). A logistic model
turns them into a probability; its weights are data (``data/confidence.json``), fitted by
``scripts/fit_confidence.py`` on the labelled sets of ``../shared/benchmarks/`` and evaluated
there by k-fold cross-validation (its reliability table and expected calibration error are
stored beside the weights). Without the file the coder falls back to :data:`PRIOR`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from detente.actors.knowledge import NAMED_UNIDENTIFIED

MODEL_FILE = Path(__file__).parent / "data" / "confidence.json"
PRIOR = 0.5   # what a coded event is worth with no model to say more


@dataclass(frozen=True)
class ConfidenceModel:
    weights: dict[str, float]
    intercept: float
    digest: str
    report: dict = field(default_factory=dict, hash=False, compare=False)

    def probability(self, described: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in described.items())
        return round(1.0 / (1.0 + math.exp(-score)), 3)


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> ConfidenceModel | None:
    """The fitted model, or None when no model file has been fitted yet."""
    source = Path(path) if path else MODEL_FILE
    if not source.exists():
        return None
    raw = source.read_bytes()
    data = json.loads(raw)
    return ConfidenceModel(dict(data["weights"]), float(data["intercept"]), hashlib.sha256(raw).hexdigest()[:12],
                           {k: v for k, v in data.items() if k not in ("weights", "intercept")})


def meaning() -> str:
    """What an event's confidence means, with the model's cross-validated calibration."""
    model = load_model()
    if model is None:
        return (f"no fitted model, so every event is given the prior {PRIOR}: it says nothing about the event "
                "(run scripts/fit_confidence.py)")
    cv = model.report.get("cross_validation", {})
    return (f"the probability that an expert would judge the event right, from a model fitted on "
            f"{model.report.get('events', '?')} labelled events ({', '.join(model.report.get('fitted_on', []))}); "
            f"{cv.get('folds', '?')}-fold cross-validated expected calibration error "
            f"{cv.get('expected_calibration_error', '?')}")


def features(entry, code_info, original_code: str, source, target, notes: list[str], trigger_idx: int,
             sentence_tokens: int, candidates_in_sentence: int) -> dict[str, float]:
    """What the coder knew about one event, as numbers (most of them 0 or 1)."""
    source_rule, target_rule = notes
    root = code_info.code[:2]
    described = {
        "noun_trigger": entry.pos == "noun",
        "named_object": bool(entry.objects - {"*", "@person"}),
        "any_object": "*" in entry.objects,
        "person_object": "@person" in entry.objects,
        "particle": bool(entry.particle),
        **{f"quad_{q}": code_info.quad_class == q for q in (1, 2, 3, 4)},
        **{f"root_{r}": root == r for r in ("01", "02", "04", "11", "12", "18", "19", "20")},
        "converted_code": code_info.code != original_code,
        "domestic": source.country == target.country,
        "sentence_length": min(sentence_tokens / 40.0, 2.0),
        "crowded_sentence": min(max(candidates_in_sentence - 1, 0) / 3.0, 2.0),
        "source_distance": _distance(source, trigger_idx),
        "target_distance": _distance(target, trigger_idx),
        **_rule_features("source", source_rule, {
            "own_subject": source_rule == "subject", "agent": "agent of the passive" in source_rule,
            "inherited": source_rule.startswith("inherited"), "controlled": "object of '" in source_rule,
            "modifier": "modifier of the event noun" in source_rule, "place": "state where it happened" in source_rule,
            "enacted": source_rule.startswith("subject of '"), "introduced": "introduced" in source_rule,
            "reporter": "who reports it" in source_rule, "attack_author": "attack it happened in" in source_rule}),
        **_rule_features("target", target_rule, {
            "entry_slot": target_rule.startswith("target from ") and "fallback" not in target_rule
            and "channel" not in target_rule and "condition" not in target_rule,
            "condition": "the condition's subject" in target_rule,
            "fallback": "fallback" in target_rule, "place_slot": "place '" in target_rule,
            "object_owner": "object-owner" in target_rule, "nested": "inside the act's phrase" in target_rule,
            "channel": "channel" in target_rule, "reciprocal": "reciprocal" in target_rule or "each other" in target_rule,
            "reported_clause": "demanded or reported clause" in target_rule,
            "where_it_happened": target_rule.startswith("target: the state where it happened"),
            "home": "the source's own state" in target_rule, "both_ways": "coded both ways" in target_rule,
            "complement": " of '" in target_rule and target_rule.startswith("target from")}),
        **_actor_features("source", source),
        **_actor_features("target", target),
    }
    return {name: float(value) for name, value in described.items() if value}


def _rule_features(role: str, rule: str, flags: dict[str, bool]) -> dict[str, bool]:
    return {f"{role}_{name}": value for name, value in flags.items()}


def _actor_features(role: str, actor) -> dict[str, bool]:
    how = actor.how
    return {
        f"{role}_unknown_state": actor.country == "---",
        f"{role}_named_unknown": actor.country == "---" and how.startswith(NAMED_UNIDENTIFIED),
        f"{role}_thing": how.startswith("unidentified object"),
        f"{role}_localised": "state from" in how,
        f"{role}_at_home": "state from acted on at home" in how,
        f"{role}_own_member": "state from one of " in how,
        f"{role}_context": any(word in how for word in ("pronoun", "title '", "epithet", "one of the two")),
        f"{role}_person": how.startswith("person"),
        f"{role}_sector": bool(actor.sector),
        f"{role}_igo_or_group": how.startswith(("igo", "institution")),
        f"{role}_dateline": "dateline" in how,
    }


def _distance(actor, trigger_idx: int) -> float:
    """Characters between the actor's mention and the trigger, in tens of words (capped)."""
    gap = min(abs(actor.start - trigger_idx), abs(actor.end - trigger_idx))
    return min(gap / 60.0, 3.0)
