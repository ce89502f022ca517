"""Read the dates cables carry: release timestamps, dump dates, date-time groups, DECL dates."""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS = {
    m: i
    for i, m in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
    )
}

# "131439Z FEB 07": day, hour, minute, Z(ulu), month, two-digit year.
DTG = re.compile(r"\b(\d{2})(\d{2})(\d{2})Z\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\b")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_SHORT_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


def full_year(year: int) -> int:
    """Two-digit telegram years: the release runs from 1966 to 2010."""
    if year >= 100:
        return year
    return 1900 + year if year >= 66 else 2000 + year


def parse_timestamp(text: str | None) -> datetime | None:
    """``2007-02-13 14:45`` (release tables) or ``12/28/1966 18:48`` (dumps), naive."""
    if not text:
        return None
    for pattern, order in ((_ISO, (0, 1, 2)), (_US, (2, 0, 1))):
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groups()
        year, month, day = (int(groups[i]) for i in order)
        hour, minute, second = (int(g) if g else 0 for g in groups[3:6])
        try:
            return datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
    return None


def parse_dtg(text: str) -> tuple[str, datetime] | None:
    """The first date-time group in ``text``, as written and as a UTC datetime."""
    match = DTG.search(text)
    if match is None:
        return None
    day, hour, minute, month_name, year = match.groups()
    month = MONTHS.get(month_name.upper())
    if month is None:
        return None
    try:
        sent = datetime(full_year(int(year)), month, int(day), int(hour), int(minute), tzinfo=UTC)
    except ValueError:
        return None
    return match.group(0), sent


def decl_date(text: str) -> str | None:
    """``02/13/2017``, ``08/20/14`` or ``2020/02/23`` as an ISO date string; None when not
    a date."""
    year_first = re.match(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\b", text.strip())
    if year_first is not None:
        year, month, day = (int(g) for g in year_first.groups())
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    match = _SHORT_DATE.match(text.strip())
    if match is None:
        return None
    month, day, year = (int(g) for g in match.groups())
    try:
        return datetime(full_year(year), month, day).date().isoformat()
    except ValueError:
        return None
