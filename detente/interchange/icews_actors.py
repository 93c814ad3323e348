"""ICEWS actors -> detente's actor code and country, sectors kept.

ICEWS names an actor (``Source Name``), lists its sectors (``Source Sectors``: "Police,
Government") and names its state (``Source Country``). detente writes an actor as country plus
one sector (``INDCOP``), as its coder does:

* an organisation's name or one of its institutions ("United Nations", "UN Security Council",
  from igos.yaml) is that organisation, with the institution's sector (``UNGOV``);
* a generic actor "Role (Place)" ("Police (India)", "Ministry (European Union)", "Citizen
  (Africa)") takes the sector of its role (``data/icews_roles.csv``, then the sector labels,
  then sectors.yaml's words) and, when ICEWS gives no state, the place as its country;
* a person the knowledge base lists as holding an office on the event's date
  (``actors/data/officeholders.csv``) is coded by that office, as detente's coder codes the
  person in text: ICEWS's sector lists are not dated (Narendra Modi, prime minister since
  2014, still lists the opposition's labels), and an organisation's office holder acts for it
  (Federica Mogherini is EU in 2018 though ICEWS places her in Italy);
* otherwise the sector is the first of its sector labels in ``data/icews_sectors.csv``'s order.

The country stays the state ICEWS names (``IND`` for ``INDCOP``), through the knowledge base
and ``data/icews_countries.csv`` where ICEWS's names differ ("Congo" is the Republic of the
Congo); an actor of no state may be a region ("Southeast Asia" -> SEA) or '---'.
"""

from __future__ import annotations

import functools
import re

from detente.actors.knowledge import Term, load_knowledge_base
from detente.interchange.countries import country_code, sector_code
from detente.interchange.organisations import organisation_named, organisation_names
from detente.interchange.places import UNKNOWN
from detente.interchange.tables import read_table

SECTORS_TABLE = "icews_sectors.csv"
ROLES_TABLE = "icews_roles.csv"
COUNTRIES_TABLE = "icews_countries.csv"
_ROLE_AND_PLACE = re.compile(r"^(?P<role>.+?)\s*\((?P<place>[^()]+)\)$")


def icews_actor(name: str, sectors: str, country: str, date: str | None = None) -> tuple[str, str]:
    """(detente actor code, its country) for an ICEWS actor name, sector list and country on
    the event's ``date``."""
    organisation = organisation_named(name)
    if organisation is not None:
        return organisation.actor, organisation.code
    state = icews_country(country)
    role, place = role_and_place(name)
    if role:
        state = icews_country(place) if state == UNKNOWN else state
        sector = role_sector(role) or listed_sector(sectors)
        return state + sector, state
    office = office_held(name, state, date)
    if office is not None:
        return office.country + office.sector, office.country
    state = icews_country(name) if state == UNKNOWN else state
    return state + listed_sector(sectors), state


def icews_country(name: str | None) -> str:
    """The code for an ICEWS country name ('Russian Federation' -> RUS, 'Congo' -> COG); also an
    organisation's or a region's name; '---' if none."""
    name = (name or "").strip()
    return _country_names().get(name) or country_code(name)


def role_and_place(name: str) -> tuple[str, str]:
    """('Police', 'India') for 'Police (India)'; ('', '') for a name without a place."""
    match = _ROLE_AND_PLACE.match((name or "").strip())
    return (match["role"], match["place"]) if match else ("", "")


def role_sector(role: str) -> str:
    """The sector of an ICEWS role: roles table, sector labels, then sectors.yaml's words."""
    role = role.strip()
    for table in (_roles(), _sector_labels()):
        if role in table:
            return table[role]
    return sector_code(role)


def office_held(name: str, state: str, date: str | None) -> Term | None:
    """The office the knowledge base's office holders say ``name`` holds on ``date``: one of
    ``state`` first, then one of an organisation (Federica Mogherini for the EU in 2018, whom
    ICEWS places in Italy), then, when ICEWS names no state, any; None if it lists none then."""
    if not date:
        return None
    terms = [term for sense in load_knowledge_base().senses(name.strip()) if sense.kind == "person"
             for term in sense.terms if term.covers(date)]
    for wanted in (lambda t: t.country == state, lambda t: t.country in organisation_names(),
                   lambda t: state == UNKNOWN):
        found = next((term for term in terms if wanted(term)), None)
        if found is not None:
            return found
    return None


def listed_sector(sectors: str | None) -> str:
    """The sector of an ICEWS sector list: the first of its labels in the sectors table's order
    that has a sector; '' if none has."""
    listed = {label.strip() for label in (sectors or "").split(",")}
    return next((sector for label, sector in _sector_labels().items()
                 if sector and label in listed), "")


@functools.lru_cache(maxsize=1)
def _sector_labels() -> dict[str, str]:
    """ICEWS sector label -> sector ('' for none), in the table's order of precedence."""
    return {row["label"]: row["sector"] for row in read_table(SECTORS_TABLE)}


@functools.lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    return {row["role"]: row["sector"] for row in read_table(ROLES_TABLE)}


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {row["name"]: row["code"] for row in read_table(COUNTRIES_TABLE)}
