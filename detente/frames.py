"""frames: the event record as a typed pandas DataFrame, for notebooks.

:func:`event_frame` gives one row per event with real dtypes: counts and offsets as nullable
integers, weights and confidence as floats, codes and modalities as categories, ``published``
as a datetime, and the event date at the precision the text supports: ``date`` holds a
:class:`pandas.Period` of a day, a month or a year ("in December" stays the whole month),
beside ``date_start``/``date_end`` (its first and last day, as datetimes) and
``date_precision``. ``evidence`` stays a dict per row.
"""

from __future__ import annotations

import pandas as pd

from detente.periods import bounds
from detente.store import EVENT_FIELDS

INTEGER_COLUMNS = ("run_id", "sentence_index", "char_start", "char_end", "trigger_start", "trigger_end",
                   "source_start", "source_end", "target_start", "target_end", "quad_class", "mentions")
FLOAT_COLUMNS = ("goldstein", "confidence")
CATEGORY_COLUMNS = ("source_country", "target_country", "code", "root", "plover", "modality", "date_precision",
                    "matched_rule")
PERIOD_FREQ = {4: "Y", 7: "M", 10: "D"}


def event_frame(rows: list[dict]) -> pd.DataFrame:
    """The events ``rows`` (store records) as a typed DataFrame, in their order."""
    columns = list(EVENT_FIELDS) + (["mentions"] if rows and "mentions" in rows[0] else [])
    frame = pd.DataFrame.from_records(rows, columns=columns)
    for name in INTEGER_COLUMNS:
        if name in frame:
            frame[name] = pd.array(frame[name], dtype="Int64")
    for name in FLOAT_COLUMNS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype(float)
    for name in CATEGORY_COLUMNS:
        frame[name] = frame[name].astype("category")
    dates = frame["date"].tolist()
    frame["date"] = pd.Series([_period(d) for d in dates], index=frame.index, dtype=object)
    spans = [bounds(d, d) if d else (None, None) for d in dates]
    frame.insert(frame.columns.get_loc("date") + 1, "date_start", pd.to_datetime([s for s, _ in spans]))
    frame.insert(frame.columns.get_loc("date") + 2, "date_end", pd.to_datetime([e for _, e in spans]))
    frame["published"] = pd.to_datetime(frame["published"], format="%Y-%m-%d", errors="coerce")
    return frame


def _period(date: str | None):
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a Period of a year, month or day."""
    if not date:
        return None
    return pd.Period(str(date), freq=PERIOD_FREQ[len(str(date))])
