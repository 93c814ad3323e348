"""The CAMEO code table (data/cameo_codes.csv): names, roots, QuadClass, Goldstein, PLOVER."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

CODES_FILE = Path(__file__).parent / "data" / "cameo_codes.csv"


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    quad_class: int
    goldstein: float
    plover: str


@functools.lru_cache(maxsize=1)
def code_table() -> dict[str, CameoCode]:
    lines = [line for line in CODES_FILE.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    table = {}
    for row in csv.DictReader(lines):
        code = row["code"].strip()
        table[code] = CameoCode(code, row["root"].strip().zfill(2), row["name"].strip(),
                                int(row["quad_class"]), float(row["goldstein"]),
                                (row.get("plover") or "").strip())
    return table


def describe(code: str) -> CameoCode:
    """The table row for a code; raises KeyError naming the code if CAMEO has no such code."""
    table = code_table()
    if code not in table:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return table[code]


def code_name(code) -> str:
    """The CAMEO name of a code ("163" -> "Impose embargo, boycott, or sanctions"); "" for none."""
    found = code_table().get(str(code or "").strip())
    return found.name if found else ""
