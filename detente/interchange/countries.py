"""Country names and sector labels in other data sets -> detente's codes, from the knowledge base.

ICEWS and POLECAT name countries ("Russian Federation", "United States"); detente records ISO3
codes as CAMEO uses them. The names come from ``actors/data/states.yaml`` (each state's name and
``names``) and the sector codes from ``actors/data/sectors.yaml``; nothing is listed here.
"""

from __future__ import annotations

import functools
import unicodedata

from detente.actors.knowledge import DATA_DIR
from detente.datafile import load_yaml
from detente.interchange._common import UNKNOWN_COUNTRY


def country_code(name: str | None) -> str:
    """ISO3 code for a country name or code; '---' when empty or unknown."""
    name = (name or "").strip()
    if not name:
        return UNKNOWN_COUNTRY
    codes = _states_by_name()
    if name.upper() in _state_names():
        return name.upper()
    for key in _name_keys(name):
        if key in codes:
            return codes[key]
    return UNKNOWN_COUNTRY


def country_name(code: str | None) -> str:
    """The knowledge base's name for an ISO3 code; '' for '---' or None, the code if unknown."""
    if not code or code == UNKNOWN_COUNTRY:
        return ""
    return _state_names().get(code, code)


def sector_code(label: str | None) -> str:
    """A CAMEO-style sector code (GOV, MIL, ...) for a code or a sector word; '' if none."""
    label = (label or "").strip()
    if label.upper() in _sector_codes():
        return label.upper()
    return _sector_words().get(label.lower(), "")


def _name_keys(name: str) -> list[str]:
    """Lookup keys for a name: folded as is, and an inverted 'Korea, Republic of' put in order."""
    keys = [_fold(name)]
    if "," in name:
        head, _, tail = name.partition(",")
        keys.append(_fold(f"{tail} {head}"))
    return keys


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.replace("’", "'").replace(".", "").lower().strip()
    text = " ".join(text.split())
    return text.removeprefix("the ")


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
            codes.setdefault(_fold(str(name)), entry["code"])
    return codes


@functools.lru_cache(maxsize=1)
def _sectors() -> dict:
    return load_yaml((DATA_DIR / "sectors.yaml").read_text(encoding="utf-8")) or {}


@functools.lru_cache(maxsize=1)
def _sector_codes() -> frozenset[str]:
    return frozenset(_sectors())


@functools.lru_cache(maxsize=1)
def _sector_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for code, spec in _sectors().items():
        for word in (spec.get("words", []) if isinstance(spec, dict) else spec) or []:
            words.setdefault(str(word).lower(), code)
    return words
