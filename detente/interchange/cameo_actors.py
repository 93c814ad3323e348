"""CAMEO actor codes as GDELT writes them -> detente's actor code and country.

GDELT codes an actor as a chain of three-letter CAMEO codes: a state, region, IGO or NGO, then
known groups and roles (``IGOUNODEVWBK``: an IGO of the UN family, development, the World Bank;
``IGOEUREEC``: an IGO, Europe, the European Union; ``EUREDU``: European education). Its
``ActorNCountryCode`` is the state or region and ``ActorNKnownGroupCode`` the first known group.

* An organisation detente knows (``data/cameo_known_groups.csv``) becomes that organisation, as
  detente's coder codes it: the last such group in the chain (the World Bank, not the UN), the
  sector of a role that follows it (``IGOUNOGOV`` -> ``UNGOV``) or of the institution named
  (UNHCR -> ``UNREF``); the country is the organisation's code (``UN``, ``EU``, ``NATO``).
* A region keeps its own code (``EUR`` stays Europe, never the EU; see ``places``).
* A role with no state (``COP``, ``CVL``) is ``---COP``, as detente writes an unknown state.
* Anything else keeps GDELT's codes.
"""

from __future__ import annotations

from detente.interchange.countries import sector_codes
from detente.interchange.organisations import Organisation, known_group, organisation_names
from detente.interchange.places import UNKNOWN, region_code

SEGMENT = 3


def cameo_actor(code: str | None, country: str | None,
                known_group_code: str | None = None) -> tuple[str, str]:
    """(detente actor code, its country) for a GDELT actor code, country code and known group."""
    code, country = (code or "").strip().upper(), (country or "").strip().upper()
    if _is_organisation_code(country):
        return code or country, country
    organisation = organisation_in(code) or known_group(known_group_code)
    if organisation is not None:
        return organisation.actor, organisation.code
    place = _place(country)
    return _with_place(code, country, place) or place, place


def _with_place(code: str, country: str, place: str) -> str:
    """``code`` headed by the country detente records: a leading region recorded otherwise is
    replaced (EEUGOV -> ---GOV), and a role with no state gets detente's '---' (GDELT's COP
    for "police" is ``---COP``, as detente's coder writes an actor of unknown state)."""
    if code and country and place != country and code.startswith(country):
        return place + code[len(country):]
    if place == UNKNOWN and code[:SEGMENT] in sector_codes():
        return UNKNOWN + code
    return code


def organisation_in(code: str) -> Organisation | None:
    """The organisation a CAMEO actor code names: its last listed known group, with the sector
    of the first role after it, or else of the group itself."""
    segments = [code[i:i + SEGMENT] for i in range(0, len(code), SEGMENT)]
    found = [(i, known_group(s)) for i, s in enumerate(segments) if known_group(s)]
    if not found:
        return None
    index, organisation = found[-1]
    role = next((s for s in segments[index + 1:] if s in sector_codes()), None)
    return Organisation(organisation.code, role) if role else organisation


def _is_organisation_code(country: str) -> bool:
    """Whether the country column holds an organisation's code, as detente's own GDELT-style
    export writes it (``UN``, ``NATO``). GDELT itself leaves it empty or writes a region there;
    a CAMEO region code keeps its CAMEO meaning (EEU is Eastern Europe in a GDELT file)."""
    return country in organisation_names() and _region(country) is None


def _place(country: str) -> str:
    """The country detente records: a region's code as the region table says (EUR, or '---'
    for a code that names something else in detente), else GDELT's code, '---' if none."""
    if not country:
        return UNKNOWN
    region = _region(country)
    return country if region is None else region


def _region(code: str) -> str | None:
    return region_code(code) if len(code) == SEGMENT and code.isalpha() else None
