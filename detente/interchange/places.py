"""Regions and territories in other data sets: places that are not states in the knowledge base.

* CAMEO regions (``data/cameo_regions.csv``): GDELT writes EUR for "Europe", AFR for "Africa";
  ICEWS names them ("Southeast Asia"). A region keeps its own code (EUR is Europe, never the
  European Union), unless that code names a state or organisation in the knowledge base, as
  CAMEO's EEU (Eastern Europe) names detente's Eurasian Economic Union: such a region is read as
  '---'. The table's header explains the choice.
* Territories (``data/territories.csv``): ISO3 places detente does not list as states (HKG).
"""

from __future__ import annotations

import functools
import unicodedata

from detente.interchange.tables import aliases, read_table

UNKNOWN = "---"
REGIONS_TABLE = "cameo_regions.csv"
TERRITORIES_TABLE = "territories.csv"


def region_code(text: str | None) -> str | None:
    """The code detente records for a CAMEO region code or name ('EUR', 'Europe' -> 'EUR';
    'EEU' -> '---'); None if ``text`` is not a region."""
    text = (text or "").strip()
    codes, names = _regions()
    return codes.get(text.upper()) or names.get(fold(text))


def region_name(code: str | None) -> str | None:
    """The name of a region code detente records ('EUR' -> 'Europe'), or None."""
    return _region_names().get((code or "").strip().upper())


def territory_code(text: str | None) -> str | None:
    """The ISO3 code of a territory code or name ('HKG', 'Hong Kong'), or None."""
    text = (text or "").strip()
    codes, names = _territories()
    return text.upper() if text.upper() in codes else names.get(fold(text))


def territory_name(code: str | None) -> str | None:
    return _territories()[0].get((code or "").strip().upper())


def fold(name: str) -> str:
    """A name for lookup: ASCII, lower case, no full stops, single spaces, no leading 'the'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.replace("’", "'").replace(".", "").lower().strip()
    return " ".join(text.split()).removeprefix("the ")


@functools.lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], dict[str, str]]:
    """(CAMEO code -> detente code, folded name -> detente code)."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in read_table(REGIONS_TABLE):
        codes[row["code"]] = row["detente"] or UNKNOWN
        for name in (row["name"], *aliases(row)):
            names.setdefault(fold(name), row["detente"] or UNKNOWN)
    return codes, names


@functools.lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    return {row["detente"]: row["name"] for row in read_table(REGIONS_TABLE)
            if row["detente"] and row["detente"] != UNKNOWN}


@functools.lru_cache(maxsize=1)
def _territories() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO3 -> name, folded name -> ISO3)."""
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in read_table(TERRITORIES_TABLE):
        codes[row["code"]] = row["name"]
        for name in (row["name"], *aliases(row)):
            names.setdefault(fold(name), row["code"])
    return codes, names
