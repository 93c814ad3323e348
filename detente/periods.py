"""periods: the dates a user gives (``--from``, ``--to``, ``--at``, ``?from=``) and the periods they denote.

A user date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. At the start of a period it means its
first day, at the end its last: ``--from 2012 --to 2014`` is 2012-01-01 to 2014-12-31, and
``--to 2013-02`` ends on 2013-02-28. One parser serves the CLI, the Python API and the HTTP
API, so a date that does not exist ("2013-13", "2013-02-30", "13/02/2013", "yesterday") is
refused everywhere with the same message, naming the option and the accepted forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
DATE_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BadDate(ValueError):
    """A date a user gave that is not a real YYYY[-MM[-DD]] date (the message names where)."""


def checked_date(value, name: str, first_year: int = 1, last_year: int = 9999,
                 day_only: bool = False) -> str | None:
    """``value`` as a YYYY, YYYY-MM or YYYY-MM-DD date that exists (within the years given;
    a full day with ``day_only``), or a :class:`BadDate` naming ``name``. None and "" stay None."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not _exists(text, first_year, last_year) or (day_only and not DAY.match(text)):
        forms = "YYYY-MM-DD" if day_only else DATE_FORMS
        years = "" if (first_year, last_year) == (1, 9999) else f" from {first_year} to {last_year}"
        raise BadDate(f"{name} {text!r} is not a date: use {forms}{years}")
    return text


def _exists(text: str, first_year: int, last_year: int) -> bool:
    if not DATE_PREFIX.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return first_year <= parts[0] <= last_year


def is_date(value) -> bool:
    """Whether ``value`` is a real YYYY[-MM[-DD]] date."""
    return value is not None and _exists(str(value).strip(), 1, 9999)


def full_day(date: str, end: bool = False) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a full day: the first of its period, or with
    ``end`` the last ("2013-02" -> "2013-02-28", "2014" -> "2014-12-31")."""
    parts = [int(p) for p in str(date)[:10].split("-")]
    if len(parts) == 3:
        return str(date)[:10]
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    day = calendar.monthrange(year, month)[1] if end else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def period(date_from, date_to, names: tuple[str, str] = ("from", "to"), first_year: int = 1,
           last_year: int = 9999) -> tuple[str | None, str | None]:
    """A checked (from, to) pair as given (either may be None); refuses a period whose start
    lies after its end ("--from 2014 --to 2013")."""
    start = checked_date(date_from, names[0], first_year, last_year)
    end = checked_date(date_to, names[1], first_year, last_year)
    if start and end and full_day(start) > full_day(end, end=True):
        raise BadDate(f"{names[0]} {start} is after {names[1]} {end}")
    return start, end


def bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """The first and the last day a (from, to) pair covers, each None where open."""
    return (full_day(date_from) if date_from else None,
            full_day(date_to, end=True) if date_to else None)


def precision(date: str | None) -> str | None:
    """``day``, ``month`` or ``year`` by the form of a date; None for no date."""
    if not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(str(date)))
