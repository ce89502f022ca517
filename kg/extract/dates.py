"""Dates in running text, resolved against the cable's own date.

"February 8", "on Feb. 9", "AUG. 17", "8 February", "4/12" take their year from the cable;
a day that would fall more than two months after the cable belongs to the year before.
"later that day" is the day of the previous encounter; "yesterday" and "today" count
from the cable's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY_FIRST = re.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>\d{{4}}))?\b"
)
_MONTH_FIRST = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d/])(?:,?\s+(?P<year>\d{{4}}))?"
)
_NUMERIC = re.compile(r"(?<![\d/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])")
SAME_DAY = re.compile(
    r"\b(?:later|earlier) (?:that|the same) (?:day|evening|morning|afternoon)\b"
    r"|\bthe same (?:day|evening)\b|\bthat (?:evening|afternoon)\b",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(r"\b(?:the (?:next|following) (?:day|morning)|the day after)\b", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateFind:
    """A date the text states, with where it is."""

    day: date
    start: int
    end: int


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, created: date | None, *, caps: bool = False) -> list[DateFind]:
    """Calendar dates in ``text``; without the cable's date, only those that give a year."""
    flags = re.IGNORECASE if caps else 0
    found: list[DateFind] = []
    taken: list[tuple[int, int]] = []
    patterns = [re.compile(p.pattern, flags) for p in (_MONTH_FIRST, _DAY_FIRST)]
    for pattern in patterns:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            month = _MONTHS[match.group("month")[:3].lower()]
            year_text = match.group("year")
            day = _resolve(month, int(match.group("day")), year_text, created)
            if day is not None:
                taken.append((match.start(), match.end()))
                found.append(DateFind(day, match.start(), match.end()))
    for match in _NUMERIC.finditer(text):
        month, day_number = int(match.group("month")), int(match.group("day"))
        if any(s < match.end() and match.start() < e for s, e in taken) or month > 12:
            continue
        day = _resolve(month, day_number, None, created)
        if day is not None:
            found.append(DateFind(day, match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def _resolve(month: int, day: int, year_text: str | None, created: date | None) -> date | None:
    if year_text:
        return _make(int(year_text), month, day)
    if created is None:
        return None
    resolved = _make(created.year, month, day)
    if resolved is not None and resolved > created + timedelta(days=62):
        resolved = _make(created.year - 1, month, day)
    return resolved


def relative_day(text: str, created: date | None, previous: date | None) -> date | None:
    """ "later that day" -> previous; "yesterday" -> created - 1; "today" -> created."""
    if SAME_DAY.search(text):
        return previous
    if _NEXT_DAY.search(text) and previous is not None:
        return previous + timedelta(days=1)
    if created is not None and _YESTERDAY.search(text):
        return created - timedelta(days=1)
    if created is not None and _TODAY.search(text):
        return created
    return None
