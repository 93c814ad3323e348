"""International organisations in other data sets -> detente's organisation codes.

The organisations, their names and the sectors of their institutions come from the knowledge
base (``actors/data/igos.yaml``): "United Nations" is UN, "UN Security Council" an institution
of the UN with sector GOV (``UNGOV``, as detente's coder writes it). CAMEO's known-group codes
(UNO, EEC, NAT, ...) map to those codes through ``data/cameo_known_groups.csv``. An actor of an
organisation has the organisation's code as its country, as in detente's own events.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from detente.actors.knowledge import DATA_DIR, without_article
from detente.datafile import load_yaml
from detente.interchange.tables import read_table

KNOWN_GROUPS_TABLE = "cameo_known_groups.csv"


@dataclass(frozen=True)
class Organisation:
    """An organisation as an actor: its code and the sector of the body named ('' for the
    organisation as a whole, unless igos.yaml gives the whole body a sector: WHO is HLH)."""
    code: str
    sector: str = ""

    @property
    def actor(self) -> str:
        return self.code + self.sector


def organisation_named(name: str | None) -> Organisation | None:
    """The organisation (or institution of one) that ``name`` names, from igos.yaml's names and
    institutions; exact spelling first, then regardless of case ("TAMIL NADU" style capitals)."""
    name = without_article((name or "").strip())
    if not name:
        return None
    exact, folded = _names()
    return exact.get(name) or folded.get(name.casefold())


def organisation_code(text: str | None) -> str | None:
    """An organisation code for a code ('NATO', 'un') or a name ('United Nations', or one of
    its institutions); None if ``text`` names no organisation."""
    text = (text or "").strip()
    if text.upper() in organisation_names():
        return text.upper()
    found = organisation_named(text)
    return found.code if found else None


@functools.lru_cache(maxsize=1)
def organisation_names() -> dict[str, str]:
    """Organisation code -> its name in igos.yaml."""
    return {entry["code"]: entry.get("name", entry["code"]) for entry in _entries()}


def known_group(cameo: str | None) -> Organisation | None:
    """The organisation a CAMEO known-group code (UNO, EEC, HCR) stands for, or None."""
    return _known_groups().get((cameo or "").strip().upper())


@functools.lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    return tuple(load_yaml((DATA_DIR / "igos.yaml").read_text(encoding="utf-8")) or [])


@functools.lru_cache(maxsize=1)
def _names() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    """(name as written -> organisation, case-folded name -> organisation); an organisation's
    own names win over another's institution of the same spelling."""
    exact: dict[str, Organisation] = {}
    for entry in _entries():
        whole = Organisation(entry["code"], entry.get("sector") or "")
        for name in [entry.get("name", ""), *(entry.get("names") or [])]:
            exact.setdefault(without_article(str(name)), whole)
    for entry in _entries():
        for name, sector in (entry.get("institutions") or {}).items():
            exact.setdefault(without_article(str(name)), Organisation(entry["code"], sector or ""))
    folded: dict[str, Organisation] = {}
    for name, organisation in exact.items():
        folded.setdefault(name.casefold(), organisation)
    return exact, folded


@functools.lru_cache(maxsize=1)
def _known_groups() -> dict[str, Organisation]:
    entries = {entry["code"]: entry for entry in _entries()}
    groups: dict[str, Organisation] = {}
    for row in read_table(KNOWN_GROUPS_TABLE):
        entry = entries.get(row["detente"])
        if entry is None:
            raise ValueError(f"{KNOWN_GROUPS_TABLE}: {row['cameo']} -> {row['detente']!r}, "
                             "which igos.yaml does not list")
        groups[row["cameo"]] = Organisation(entry["code"], _sector_of(entry, row["institution"]))
    return groups


def _sector_of(entry: dict, institution: str) -> str:
    """The sector igos.yaml gives ``institution`` of ``entry``, or the whole body's sector."""
    if not institution:
        return entry.get("sector") or ""
    institutions = entry.get("institutions") or {}
    if institution not in institutions:
        raise ValueError(f"{KNOWN_GROUPS_TABLE}: igos.yaml lists no institution {institution!r} "
                         f"of {entry['code']}")
    return institutions[institution] or ""
