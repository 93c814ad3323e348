"""The grammar word lists (data/grammar.yaml) the coder reads for modality, attribution and reciprocity."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from detente.datafile import load_yaml

GRAMMAR_FILE = Path(__file__).parent / "data" / "grammar.yaml"


@dataclass(frozen=True)
class Grammar:
    hypothetical_auxiliaries: frozenset[str]
    future_auxiliaries: frozenset[str]
    reported_future_auxiliaries: frozenset[str]
    speech_verbs: frozenset[str]
    intention_governors: frozenset[str]
    negators: frozenset[str]
    negating_determiners: frozenset[str]
    refusal_nouns: frozenset[str]
    hypothetical_governors: frozenset[str]
    negating_governors: frozenset[str]
    negated_object_preps: frozenset[str]
    prohibition_governors: frozenset[str]
    permission_governors: frozenset[str]
    suspension_objects: frozenset[str]
    object_control_verbs: frozenset[str]
    uncertain_modifiers: frozenset[str]
    reported_nouns: frozenset[str]
    purpose_markers: frozenset[str]
    unfulfilled_purpose_roots: frozenset[str]
    place_source_roots: frozenset[str]
    place_source_codes: frozenset[str]
    reported_doer_roots: frozenset[str]
    reporting_doer_sectors: frozenset[str]
    role_agent_roots: frozenset[str]
    attack_instruments: frozenset[str]
    accident_nouns: frozenset[str]
    state_participles: frozenset[str]
    predicate_objects: frozenset[str]
    generic_heads: frozenset[str]
    domestic_sectors: frozenset[str]
    local_force_sectors: frozenset[str]
    home_authority_sectors: frozenset[str]
    home_authority_codes: frozenset[str]
    freed_at_home_codes: frozenset[str]
    own_member_roots: frozenset[str]
    state_at_home_codes: frozenset[str]
    foreigner_codes: frozenset[str]
    refusal_governors: frozenset[str]
    accusation_governors: frozenset[str]
    hypothetical_markers: frozenset[str]
    pending_markers: frozenset[str]
    condition_markers: frozenset[str]
    enacting_governors: frozenset[str]
    response_governors: frozenset[str]
    answer_nouns: frozenset[str]
    instrument_nouns: frozenset[str]
    reciprocal_verbs: frozenset[str]
    joint_modifiers: frozenset[str]
    partner_roots: frozenset[str]
    topic_verbs: frozenset[str]
    two_sided_fights: frozenset[str]
    placed_verbal_roots: frozenset[str]
    home_opponent_sectors: frozenset[str]
    governing_sectors: frozenset[str]
    citizen_sectors: frozenset[str]
    travelling_sectors: frozenset[str]
    visit_roots: frozenset[str]
    vehicle_nouns: frozenset[str]
    bombing_instruments: frozenset[str]
    force_objects: frozenset[str]
    figurative_fight_modifiers: frozenset[str]
    state_force_sectors: frozenset[str]
    crowd_sectors: frozenset[str]
    crowd_verbs: frozenset[str]
    crowd_target_slots: frozenset[str]
    obligation_modals: frozenset[str]
    wanting_verbs: frozenset[str]
    obligation_governors: frozenset[str]
    mutual_codes: frozenset[str]
    armed_sectors: frozenset[str]
    irregular_sectors: frozenset[str]
    refusal_codes: dict
    intention_codes: dict
    state_force_codes: dict
    armed_withdrawal_codes: dict
    irregular_force_codes: dict
    crowd_codes: dict
    reported_obligation_code: str
    wanted_act_code: str
    permission_code: str
    bombing_code: str
    verbal_clash_code: str
    reciprocal_max_parties: int
    place_target_quad_classes: frozenset
    named_at_home_quad_classes: frozenset
    home_rivalry_quad_classes: frozenset
    digest: str


QUAD_LISTS = ("place_target_quad_classes", "named_at_home_quad_classes", "home_rivalry_quad_classes")


@functools.lru_cache(maxsize=4)
def load_grammar(path: str | None = None) -> Grammar:
    source = Path(path) if path else GRAMMAR_FILE
    raw = source.read_bytes()
    data = load_yaml(raw)
    tables = ("refusal_codes", "intention_codes", "state_force_codes", "crowd_codes", "armed_withdrawal_codes",
              "irregular_force_codes")
    scalars = ("reported_obligation_code", "wanted_act_code", "permission_code", "bombing_code",
               "verbal_clash_code")
    lists = {name: frozenset(str(w).upper() if name.endswith("_sectors") else str(w).lower()
                             for w in data.get(name, []))
             for name in Grammar.__dataclass_fields__
             if name not in (*tables, *scalars, *QUAD_LISTS, "reciprocal_max_parties", "digest")}
    codes = {name: {str(k).zfill(2): str(v) for k, v in (data.get(name) or {}).items()} for name in tables}
    values = {name: str(data.get(name, "")) for name in scalars}
    values["reciprocal_max_parties"] = int(data.get("reciprocal_max_parties", 2))
    quads = {name: frozenset(int(q) for q in data.get(name, [])) for name in QUAD_LISTS}
    return Grammar(**lists, **codes, **values, **quads, digest=hashlib.sha256(raw).hexdigest()[:12])
