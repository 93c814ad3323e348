"""Resolving a sentence's temporal expression to an event date, against the publication date.

"in December" in a February 2013 article is 2012-12; "on Monday" is the last Monday on or
before publication; "last year" is the year before. The result is an ISO prefix at the
precision the text supports (day, month or year) plus that precision's name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({name[:3]: i for name, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}
RELATIVE_QUALIFIERS = {"this", "last", "next", "previous", "earlier", "later", "coming"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1}

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(day|week|month|year)s?\s+ago\b")


@dataclass(frozen=True)
class EventDate:
    value: str | None
    precision: str  # day, month, year, or "published" when no expression was found
    text: str = ""


def resolve(expression: str, published: str | None, future: bool = False) -> EventDate | None:
    """The date an expression denotes relative to ``published`` (ISO), or None if it has none.
    With ``future`` (an announced act: "will meet on Monday") a bare weekday is the next one."""
    text = expression.lower().replace(".", " ").replace(",", " ")
    words = text.split()
    pub = dt.date.fromisoformat(published) if published else None
    iso = _ISO.search(text)
    if iso:
        return EventDate(iso.group(0), "day", expression)
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    month = next((MONTHS[w] for w in words if w in MONTHS and w != "may"), None)
    if month is None and "may" in words and (year or _DAY.search(text)):
        month = 5
    if month:
        day = _day_of(text, year_match)
        year = year or _infer_year(month, pub, words)
        if year is None:
            return None
        if day and _valid(year, month, day):
            return EventDate(f"{year:04d}-{month:02d}-{day:02d}", "day", expression)
        return EventDate(f"{year:04d}-{month:02d}", "month", expression)
    if year:
        return EventDate(f"{year:04d}", "year", expression)
    if pub is None:
        return None
    return _relative(words, text, pub, expression, future)


def _day_of(text: str, year_match) -> int | None:
    stripped = text.replace(year_match.group(0), " ") if year_match else text
    match = _DAY.search(stripped)
    return int(match.group(1)) if match else None


def _infer_year(month: int, pub: dt.date | None, words: list[str]) -> int | None:
    if pub is None:
        return None
    if "next" in words:
        return pub.year + 1 if month <= pub.month else pub.year
    if "last" in words:
        return pub.year - 1 if month >= pub.month else pub.year
    return pub.year - 1 if month > pub.month else pub.year


def _relative(words: list[str], text: str, pub: dt.date, expression: str, future: bool = False) -> EventDate | None:
    if "today" in words or "tonight" in words:
        return _day(pub, expression)
    if "yesterday" in words:
        return _day(pub - dt.timedelta(days=1), expression)
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        if future or "next" in words or "coming" in words:
            ahead = (weekday - pub.weekday()) % 7
            return _day(pub + dt.timedelta(days=ahead or (7 if "next" in words else 0)), expression)
        back = (pub.weekday() - weekday) % 7
        if "last" in words and back == 0:
            back = 7
        return _day(pub - dt.timedelta(days=back), expression)
    ago = _AGO.search(text)
    if ago:
        return _ago(ago, pub, expression)
    unit = next((w for w in words if w in ("week", "month", "year") or w in SEASONS), None)
    if unit is None or not RELATIVE_QUALIFIERS.intersection(words):
        return None
    shift = -1 if "last" in words or "previous" in words else 1 if "next" in words else 0
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 + shift
        return EventDate(f"{month_index // 12:04d}-{month_index % 12 + 1:02d}", "month", expression)
    if unit == "week":
        return EventDate((pub + dt.timedelta(weeks=shift)).strftime("%Y-%m"), "month", expression)
    return EventDate(f"{pub.year + shift:04d}", "year", expression)


def _ago(match, pub: dt.date, expression: str) -> EventDate:
    count = match.group(1)
    n = int(count) if count.isdigit() else NUMBER_WORDS[count]
    unit = match.group(2)
    if unit == "day":
        return _day(pub - dt.timedelta(days=n), expression)
    if unit == "week":
        return EventDate((pub - dt.timedelta(weeks=n)).strftime("%Y-%m"), "month", expression)
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 - n
        return EventDate(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", expression)
    return EventDate(f"{pub.year - n:04d}", "year", expression)


def _day(date: dt.date, expression: str) -> EventDate:
    return EventDate(date.isoformat(), "day", expression)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
        return True
    except ValueError:
        return False


def published_date(published: str | None) -> EventDate:
    return EventDate(published, "published", "")
