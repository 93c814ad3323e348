"""Country names and sector labels in other data sets -> detente's codes, from the knowledge base.

ICEWS and POLECAT name countries ("Russian Federation", "United States"); detente records ISO3
codes as CAMEO uses them. The names come from ``actors/data/states.yaml`` (each state's name and
``names``) and the sector codes from ``actors/data/sectors.yaml``; nothing is listed here. A
"country" that is no state may be an organisation (``organisations``: "United Nations" -> UN),
a CAMEO region or a territory (``places``: "Europe" -> EUR, "Hong Kong" -> HKG).
"""

from __future__ import annotations

import functools

from detente.actors.knowledge import DATA_DIR
from detente.datafile import load_yaml
from detente.interchange._common import UNKNOWN_COUNTRY
from detente.interchange.organisations import organisation_code, organisation_names
from detente.interchange.places import fold, region_code, region_name, territory_code, territory_name


def country_code(name: str | None) -> str:
    """The code for a country name or code: a state's ISO3, else an organisation's, a region's
    or a territory's code; '---' when empty or unknown."""
    name = (name or "").strip()
    if not name:
        return UNKNOWN_COUNTRY
    return (state_code(name) or organisation_code(name) or region_code(name)
            or territory_code(name) or UNKNOWN_COUNTRY)


def state_code(name: str) -> str | None:
    """ISO3 code of the state a name or code stands for, or None."""
    if name.upper() in _state_names():
        return name.upper()
    codes = _states_by_name()
    return next((codes[key] for key in _name_keys(name) if key in codes), None)


def country_name(code: str | None) -> str:
    """The name for a code country_code gives (a state's, an organisation's, a region's, a
    territory's); '' for '---' or None, the code itself if unknown."""
    if not code or code == UNKNOWN_COUNTRY:
        return ""
    return (_state_names().get(code) or organisation_names().get(code) or region_name(code)
            or territory_name(code) or code)


def sector_code(label: str | None) -> str:
    """A CAMEO-style sector code (GOV, MIL, ...) for a code or a sector word; '' if none."""
    label = (label or "").strip()
    if label.upper() in sector_codes():
        return label.upper()
    return _sector_words().get(label.lower(), "")


def _name_keys(name: str) -> list[str]:
    """Lookup keys for a name: folded as is, and an inverted 'Korea, Republic of' put in order."""
    keys = [fold(name)]
    if "," in name:
        head, _, tail = name.partition(",")
        keys.append(fold(f"{tail} {head}"))
    return keys


@functools.lru_cache(maxsize=1)
def _states() -> list[dict]:
    return load_yaml((DATA_DIR / "states.yaml").read_text(encoding="utf-8")) or []


@functools.lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    return {entry["code"]: entry.get("name", entry["code"]) for entry in _states()}


@functools.lru_cache(maxsize=1)
def _states_by_name() -> dict[str, str]:
    codes: dict[str, str] = {}
    for entry in _states():
        for name in [entry.get("name", ""), *(entry.get("names") or [])]:
            codes.setdefault(fold(str(name)), entry["code"])
    return codes


@functools.lru_cache(maxsize=1)
def _sectors() -> dict:
    return load_yaml((DATA_DIR / "sectors.yaml").read_text(encoding="utf-8")) or {}


@functools.lru_cache(maxsize=1)
def sector_codes() -> frozenset[str]:
    """The sector codes of sectors.yaml (GOV, MIL, COP, ...)."""
    return frozenset(_sectors())


@functools.lru_cache(maxsize=1)
def _sector_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for code, spec in _sectors().items():
        for word in (spec.get("words", []) if isinstance(spec, dict) else spec) or []:
            words.setdefault(str(word).lower(), code)
    return words
