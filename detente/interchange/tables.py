"""The interchange's own mapping tables: CSV files in ``interchange/data/`` whose ``#`` lines
say where the mapping comes from (CAMEO codebook, ICEWS vocabulary) and why."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.lru_cache(maxsize=None)
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<name>`` (comment lines skipped), each value stripped."""
    lines = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return tuple({key: (value or "").strip() for key, value in row.items()}
                 for row in csv.DictReader(lines))


def aliases(row: dict[str, str], key: str = "aliases") -> list[str]:
    """The ';'-separated other spellings of a row."""
    return [alias.strip() for alias in row.get(key, "").split(";") if alias.strip()]
