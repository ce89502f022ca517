"""Routing instructions above E.O.: the offices and officers a cable is passed to.

"STATE FOR NEA/I, PM DAS LIKENS, PMAT", "DEPT PASS TO DOE FOR JONATHAN ELKIND",
"DEA FOR OEL/DESANTIS": the line is a list of office symbols, agency acronyms and action
officers' names. Each item is read on its own: an office symbol or a known acronym is an
organization ("STATE"/"DEPT" is the Department of State), a name is a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.names import normal_case
from kg.extract.people import scan
from kg.extract.rules import Rule
from kg.extract.text import Segment, passing_lines
from kg.model import Cable

_ITEM = re.compile(r"\(?[A-Za-z0-9][A-Za-z0-9/&.'-]*\)?(?:[ \t]+[A-Za-z][A-Za-z.'-]*\)?)*")
_SEPARATORS = re.compile(r"\b(?:FOR|PASS|TO|ALSO|AND|POSTS|PLEASE)\b|[,;:()]")
_SYMBOL = re.compile(r"^[A-Z0-9]{1,5}(?:/[A-Z0-9-]{1,9})+$")
_STATE = frozenset({"STATE", "DEPT", "DEPARTMENT", "SECSTATE", "DEPARTMENT OF STATE"})
# "AMEMBASSY ANKARA", "AMCONSUL ST PETERSBURG", "USMISSION GENEVA": a post the cable is passed to
_POST = re.compile(r"(AMEMBASSY|AMCONSUL|AMCONGEN|USMISSION|USOFFICE)\s+([A-Z][A-Z .'-]*[A-Z])")
_POST_WORDS = {
    "AMEMBASSY": "AmEmbassy",
    "AMCONSUL": "AmConsul",
    "AMCONGEN": "AmConGen",
    "USMISSION": "USMission",
    "USOFFICE": "USOffice",
}


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


@dataclass(slots=True)
class _Item:
    """One item of a routing line, at ``start`` in the line's text."""

    segment: Segment
    text: str
    start: int
    gazetteer: Gazetteer

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def person(
        self, text: str, start: int, end: int, name: str, confidence: float, rule: str
    ) -> Find:
        return Find(
            "person", text, start, end, None, "header", name, confidence=confidence, rule=rule
        )


# a rule reads an item, or returns None to leave it to the next
_Read = list[Find] | None


def _item(segment: Segment, text: str, start: int, gazetteer: Gazetteer) -> Iterator[Find]:
    """The finds of one item: the first rule of ``ITEM_RULES`` that reads it."""
    item = _Item(segment, text, start, gazetteer)
    for rule in ITEM_RULES:
        found = rule.apply(item)
        if found is not None:
            yield from found
            return


def _state(item: _Item) -> _Read:
    """ "STATE", "DEPT", "SECSTATE": the Department of State."""
    if item.text.upper() not in _STATE:
        return None
    name = "Department of State"
    return [
        Find(
            "organization",
            item.text,
            item.start,
            item.end,
            None,
            "header",
            name,
            country="US",
            subtype="ministry",
            rule="org.routing-state",
        )
    ]


def _post(item: _Item) -> _Read:
    """ "AMEMBASSY ANKARA", "AMCONSUL ADANA": a US post named in a passing line."""
    post = _POST.fullmatch(item.text)
    if post is None:
        return None
    city = " ".join(normal_case(word) for word in post.group(2).split())
    name = f"{_POST_WORDS[post.group(1)]} {city}"
    return [
        Find(
            "organization",
            item.text,
            item.start,
            item.end,
            None,
            "header",
            name,
            country="US",
            subtype="post",
            rule="org.routing-post",
        )
    ]


_TITLE_SYMBOLS = frozenset({"A/S", "S/E", "U/S", "P/E", "D/S", "A/DAS", "S/P"})
_SYMBOL_FIRST = re.compile(
    r"([A-Z0-9]{1,5}(?:/[A-Z0-9]{1,9})+|[A-Z]{3,6})(?:[ \t]+-?[ \t]*|-(?=[A-Z]{2}))([A-Z]\S*.*)"
)


def _symbol_first(item: _Item) -> _Read:
    """ "WHA/CEN ELIA TELLO", "EUR/CE-JAMIE LAMORE", "USTR - BILL JACKSON": an office symbol
    or a known agency's acronym, then an item of its own."""
    symbol = _SYMBOL_FIRST.fullmatch(item.text)
    gazetteer = item.gazetteer
    if symbol is None:
        return None
    first = symbol.group(1)
    if first.split("/")[0] not in gazetteer.offices and first not in gazetteer.organizations:
        return None  # neither an office symbol nor a known acronym ("USTDA DAN STEIN")
    rest = list(_item(item.segment, symbol.group(2), item.start + symbol.start(2), gazetteer))
    if (symbol.group(1),) in gazetteer.titles or symbol.group(1) in _TITLE_SYMBOLS:
        return rest or None  # "A/S JONES", "S/E GRATION": a title before a name
    end = item.start + len(symbol.group(1))
    office = replace(_org(symbol.group(1), item.start, end), rule="org.routing-symbol-first")
    return [office, *rest]


def _symbol(item: _Item) -> _Read:
    """ "NEA/I": an office symbol; "OEL/DESANTIS": an office and its action officer."""
    if not _SYMBOL.match(item.text):
        return None
    head, _, last = item.text.rpartition("/")
    gazetteer = item.gazetteer
    if (
        len(last) >= 5
        and last.isalpha()
        and re.search(r"[AEIOUY].*[AEIOUY]", last)
        and last not in (gazetteer.offices)
        and not head[-1:].isdigit()
        and last not in gazetteer.organizations
    ):
        cut = item.start + len(head)
        officer = item.person(
            last, cut + 1, item.end, normal_case(last), 0.7, "person.routing-symbol"
        )
        return [_org(item.text[: len(head)], item.start, cut), officer]
    return [_org(item.text, item.start, item.end)]


def _office(item: _Item) -> _Read:
    """ "PMAT", "DOE": an office or agency the gazetteer knows."""
    gazetteer = item.gazetteer
    known_word = item.text in gazetteer.offices or item.text in gazetteer.organizations
    if not known_word or (len(item.text.split()) != 1 and item.text not in gazetteer.organizations):
        return None  # one word, or a name the tables know: "DEPT OF COMMERCE"
    known = gazetteer.organizations.get(item.text)
    return [
        Find(
            "organization",
            item.text,
            item.start,
            item.end,
            None,
            "header",
            known.name if known else item.text,
            code=item.text,
            country=known.country if known else "US",
            rule="org.routing-office",
        )
    ]


def _initial(item: _Item) -> _Read:
    """ "S. AGUIRRE": an initial and a surname."""
    initial = re.fullmatch(r"([A-Z])\.?\s+([A-Z][A-Z'-]{2,})", item.text)
    if initial is None:
        return None
    name = f"{initial.group(1)}. {normal_case(initial.group(2))}"
    return [item.person(item.text, item.start, item.end, name, 0.8, "person.routing-initial")]


def _titled(item: _Item) -> _Read:
    """ "PM DAS LIKENS": the person rules of capitals, on the item alone."""
    segment = Segment("header", None, " " * item.start + item.text, True)
    found = [replace(f, rule="person.routing-titled") for f in scan(segment, item.gazetteer)]
    return found or None


def _word(item: _Item) -> _Read:
    """ "ELKIND": one word of five letters or more that is no common, title or office word."""
    text, gazetteer = item.text, item.gazetteer
    if (
        len(text.split()) == 1
        and text.isalpha()
        and len(text) >= 5
        and text.isupper()
        and text.lower() not in gazetteer.capwords
        and text.lower() not in gazetteer.caps_stopwords
        and text not in gazetteer.officers
        and (text,) not in gazetteer.titles
    ):
        rule = "person.routing-word"
        return [item.person(text, item.start, item.end, normal_case(text), 0.6, rule)]
    return []


# the rules of a routing item, in order: the first that reads it writes its finds
ITEM_RULES: tuple[Rule[Callable[[_Item], _Read]], ...] = (
    Rule("org.routing-state", _state),
    Rule("org.routing-post", _post),
    Rule("org.routing-symbol", _symbol),
    Rule("org.routing-symbol-first", _symbol_first),
    Rule("org.routing-office", _office),
    Rule("person.routing-initial", _initial),
    Rule("person.routing-titled", _titled),
    Rule("person.routing-word", _word),
)


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
        rule="org.routing-symbol",
    )
