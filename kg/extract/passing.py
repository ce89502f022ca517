"""Routing instructions above E.O.: the offices and officers a cable is passed to.

"STATE FOR NEA/I, PM DAS LIKENS, PMAT", "DEPT PASS TO DOE FOR JONATHAN ELKIND",
"DEA FOR OEL/DESANTIS": the line is a list of office symbols, agency acronyms and action
officers' names. Each item is read on its own: an office symbol or a known acronym is an
organization ("STATE"/"DEPT" is the Department of State), a name is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.names import normal_case
from kg.extract.people import scan
from kg.extract.text import Segment, passing_lines
from kg.model import Cable

_ITEM = re.compile(r"\(?[A-Za-z0-9][A-Za-z0-9/&.'-]*\)?(?:[ \t]+[A-Za-z][A-Za-z.'-]*\)?)*")
_SEPARATORS = re.compile(r"\b(?:FOR|PASS|TO|ALSO|AND|POSTS|PLEASE)\b|[,;:()]")
_SYMBOL = re.compile(r"^[A-Z0-9]{1,5}(?:/[A-Z0-9-]{1,9})+$")
_STATE = frozenset({"STATE", "DEPT", "DEPARTMENT", "SECSTATE", "DEPARTMENT OF STATE"})


def find_routing(cable: Cable) -> Iterator[Find]:
    """People and organizations named in the routing instructions."""
    segment = passing_lines(cable)
    if segment is None:
        return
    gazetteer = load()
    text = segment.text
    for line in re.finditer(r"[^\n]+", text):
        pieces = _SEPARATORS.split(line.group(0))
        at = line.start()
        cursor = 0
        for piece in pieces:
            where = line.group(0).find(piece, cursor)
            cursor = where + len(piece)
            stripped = piece.strip().lstrip("(").rstrip(")").strip()
            if not stripped:
                continue
            start = at + where + piece.index(stripped)
            yield from _item(segment, stripped, start, gazetteer)


def _item(segment: Segment, item: str, start: int, gazetteer: Gazetteer) -> Iterator[Find]:
    end = start + len(item)
    if item.upper() in _STATE:
        yield Find(
            "organization",
            item,
            start,
            end,
            None,
            "header",
            "Department of State",
            country="US",
            subtype="ministry",
        )
        return
    if _SYMBOL.match(item):
        head, _, last = item.rpartition("/")
        if (
            len(last) >= 5
            and last.isalpha()
            and re.search(r"[AEIOUY].*[AEIOUY]", last)
            and last not in (gazetteer.offices)
            and not head[-1:].isdigit()
            and last not in gazetteer.organizations
        ):
            cut = start + len(head)
            yield _org(item[: len(head)], start, cut)
            yield Find(
                "person", last, cut + 1, end, None, "header", normal_case(last), confidence=0.7
            )
            return
        yield _org(item, start, end)
        return
    words = item.split()
    if len(words) == 1 and (item in gazetteer.offices or item in gazetteer.organizations):
        known = gazetteer.organizations.get(item)
        yield Find(
            "organization",
            item,
            start,
            end,
            None,
            "header",
            known.name if known else item,
            code=item,
            country=known.country if known else "US",
        )
        return
    if item.startswith("(") and item.endswith(")") and len(words) == 1:
        name = item.strip("()")
        if name.isalpha() and len(name) >= 4:
            yield Find(
                "person",
                name,
                start + 1,
                end - 1,
                None,
                "header",
                normal_case(name),
                confidence=0.7,
            )
        return
    initial = re.fullmatch(r"([A-Z])\.?\s+([A-Z][A-Z'-]{2,})", item)
    if initial is not None:  # "S. AGUIRRE"
        yield Find(
            "person",
            item,
            start,
            end,
            None,
            "header",
            f"{initial.group(1)}. {normal_case(initial.group(2))}",
            confidence=0.8,
        )
        return
    found = list(scan(Segment("header", None, " " * start + item, True), gazetteer))
    if found:
        yield from found
        return
    if (
        len(words) == 1
        and item.isalpha()
        and len(item) >= 5
        and item.isupper()
        and item.lower() not in gazetteer.capwords
        and item.lower() not in gazetteer.caps_stopwords
        and item not in gazetteer.officers
        and (item,) not in gazetteer.titles
    ):
        yield Find("person", item, start, end, None, "header", normal_case(item), confidence=0.6)


def _org(symbol: str, start: int, end: int) -> Find:
    return Find(
        "organization",
        symbol,
        start,
        end,
        None,
        "header",
        symbol,
        code=symbol,
        country="US",
        subtype="office",
    )
