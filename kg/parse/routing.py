"""The telegram routing header: transmission ID, station, date-time group, FM, TO and INFO.

Also where a raw telegram splits into header and body (at the classification banner),
and how a sender address reads as the origin the release names (``AMEMBASSY MOSCOW``
is ``Embassy Moscow``).
"""

from __future__ import annotations

import re

from kg.model import Address, Routing
from kg.parse.banner import find_banner
from kg.parse.dates import DTG, parse_dtg
from kg.parse.lexicon import lines, rows

_TRANSMISSION = re.compile(r"^\s*(VZCZC\w+)")
_STATION = re.compile(r"^\s*DE\s+([A-Z]{4,7})\b")
_DTG_LINE = re.compile(r"^\s*(?:([A-Z]{1,2}(?:\s[A-Z]{1,2})?)\s+)?" + DTG.pattern)
_ADDRESS = re.compile(
    r"^(?:(?P<indicator>ZEN|[A-Z]{4,8})\s?/\s?)?(?P<name>.+?)"
    r"(?:\s+(?P<precedence>NIACT IMMEDIATE|FLASH|IMMEDIATE|PRIORITY|ROUTINE))?"
    r"(?:\s+(?P<serial>\d{1,5}(?:-\d{1,5})?))?\s*$"
)
_SKIP = re.compile(r"^\s*(?:ZN[RY]\b|BT\s*$|NNNN|PAGE\s+\d+|\d{6}\s*$)")
# A page header at a page break of the address list: "PAGE 02 STATE 015113 182333Z".
_PAGE_HEADER = re.compile(
    r"^\s*PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,}(?:\s+\d{2}\s+OF\s+\d{2})?(?:\s+\d{6}Z)?\s*$"
)
# "XMT AMCONSUL JEDDAH": posts excluded from a collective address, no recipients.
_EXCLUDED = re.compile(r"^\s*XMT\b")


def parse_address(text: str) -> Address | None:
    """``RUEHLI/AMEMBASSY LISBON IMMEDIATE 0208`` -> Address."""
    text = " ".join(text.split())
    match = _ADDRESS.match(text)
    if match is None or not match.group("name"):
        return None
    return Address(
        name=match.group("name"),
        indicator=match.group("indicator"),
        precedence=match.group("precedence"),
        serial=match.group("serial"),
    )


def parse_routing(text: str) -> Routing | None:
    """Read a routing header; None when the text holds none of its parts."""
    transmission_id = station = precedence = dtg = None
    sent = None
    sender: Address | None = None
    to: list[Address] = []
    info: list[Address] = []
    target: list[Address] | None = None
    addressed = False  # a TO or INFO line, even one that lists nobody ("INFO XMT ...")
    for line in text.split("\n"):
        if not line.strip() or _SKIP.match(line):
            continue
        if (m := _TRANSMISSION.match(line)) and transmission_id is None:
            transmission_id = m.group(1)
            target = None
        elif m := _STATION.match(line):
            station = m.group(1)
            target = None
        elif (m := _DTG_LINE.match(line)) and dtg is None:
            precedence = m.group(1)
            found = parse_dtg(line)
            if found:
                dtg, sent = found
            target = None
        elif line.startswith("FM "):
            sender = parse_address(line[3:])
            target = None
        elif line.startswith("TO "):
            target, addressed = to, True
            if not _PAGE_HEADER.match(line[3:]):
                _add(target, line[3:])
        elif line.startswith("INFO "):
            target, addressed = info, True
            if not _PAGE_HEADER.match(line[5:]) and not _EXCLUDED.match(line[5:]):
                _add(target, line[5:])
            elif _EXCLUDED.match(line[5:]):
                target = None
        elif _EXCLUDED.match(line):
            target = None  # the excluded posts run to the next field
        elif target is not None:
            # Address lists go on over the following lines.
            _add(target, line)
    if not any((transmission_id, station, dtg, sender, to, info, addressed)):
        return None
    return Routing(
        transmission_id=transmission_id,
        precedence=precedence,
        date_time_group=dtg,
        sent=sent,
        station=station,
        sender=sender,
        to=tuple(to),
        info=tuple(info),
        raw=text.strip("\n"),
    )


def _add(target: list[Address], text: str) -> None:
    # Old headers list department codes ("LOG-00   MFA-00") after INFO: not addresses.
    if re.search(r"\b[A-Z]+-\d\d\b", text):
        return
    address = parse_address(text)
    if address is not None:
        target.append(address)


def split_telegram(text: str) -> tuple[str, str]:
    """Split raw telegram text into (routing header, body) at the classification banner."""
    lines = text.split("\n")
    start = 0
    # The banner comes after the FM line when there is one; never look before it, so an
    # address like "USMISSION USUN NEW YORK 0340" is not taken for a banner.
    for i, line in enumerate(lines):
        if line.startswith("FM "):
            start = i + 1
            break
    for i in range(start, len(lines)):
        if find_banner(lines[i]) is not None:
            return "\n".join(lines[:i]), "\n".join(lines[i:])
    return "", text


# How the release names a post from its telegraphic address (kg/data/parse/origins.tsv).
_ORIGIN_TABLE = rows("origins.tsv")
_ORIGIN_NAMES = {row[1]: row[2] for row in _ORIGIN_TABLE if row[0] == "name"}
_ORIGIN_PREFIXES = tuple(
    (f"{row[1]} ", tuple(row[2].split("|"))) for row in _ORIGIN_TABLE if row[0] == "prefix"
)
_KEEP_UPPER = frozenset(row[1] for row in _ORIGIN_TABLE if row[0] == "upper")
# The release's own names, by their upper-case form, for their exact casing.
_RELEASE_ORIGINS = {" ".join(line.split()).upper(): line for line in lines("release_origins.txt")}


def origin_from_sender(sender: Address | None) -> str | None:
    """``AMEMBASSY KINGSTON`` -> ``Embassy Kingston``; None when the form is unknown."""
    if sender is None:
        return None
    name = " ".join(sender.name.split()).upper()
    if name in _ORIGIN_NAMES:
        return _ORIGIN_NAMES[name]
    for prefix, labels in _ORIGIN_PREFIXES:
        if not name.startswith(prefix):
            continue
        words = name[len(prefix) :].split()
        place = " ".join(w if w in _KEEP_UPPER else w.capitalize() for w in words)
        candidates = [f"{label} {place}" for label in labels]
        for candidate in candidates:
            if candidate.upper() in _RELEASE_ORIGINS:
                return _RELEASE_ORIGINS[candidate.upper()]
        return candidates[-1]
    return None
