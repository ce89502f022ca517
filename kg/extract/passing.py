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
from kg.extract.organizations import known_acronyms
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
    """ "NEA/I": an office symbol; "OEL/DESANTIS": an office and its action officer; a mail
    code before it is no part of it ("4332/ITA/MAC/OLAC" is ITA/MAC/OLAC)."""
    if not _SYMBOL.match(item.text):
        return None
    code = re.match(r"\d+/(?=[A-Z])", item.text)
    if code is not None and "/" in item.text[code.end() :]:
        rest = item.text[code.end() :]
        return _symbol(_Item(item.segment, rest, item.start + code.end(), item.gazetteer))
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
    known = gazetteer.organizations.get(item.text)
    if known is None and " " not in item.text:  # "EXIMBANK": "Eximbank" in the tables
        known = gazetteer.organizations.get(item.text.capitalize())
    known_word = item.text in gazetteer.offices or known is not None
    if not known_word or (len(item.text.split()) != 1 and item.text not in gazetteer.organizations):
        return None  # one word, or a name the tables know: "DEPT OF COMMERCE"
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
    """ "S. AGUIRRE", "D.STARKS": an initial and a surname."""
    initial = re.fullmatch(r"([A-Z])(?:\.\s*|\s+)([A-Z][A-Z'’-]{2,})", item.text)
    if initial is None or initial.group(2).lower() in item.gazetteer.capwords:
        return None  # "P TREASURY": an office
    surname = normal_case(initial.group(2).replace("’", "'"))
    name = f"{initial.group(1)}. {surname}"
    return [item.person(item.text, item.start, item.end, name, 0.8, "person.routing-initial")]


def _agency(item: _Item) -> _Read:
    """ "TREASURY FOR DEENA PARKER OFAC", "OFAC SZUBIN", "JWEBB EPA", "FOR NMFS": an agency's
    acronym of the genre (``gazetteers/acronyms.txt``, less those that name no body) before or
    after an officer's name, or alone. The acronym ends the name: it is the office, never part
    of the officer. The name beside it is read by the name rules; a given name alone there is
    none ("MICHAEL SMART", "BRUCE OHR": an acronym that is also a surname)."""
    words, gazetteer = item.text.split(), item.gazetteer
    if len(words) == 1:
        if not _agency_word(item.text, gazetteer):
            return None
        return [_agency_office(item.text, item.start)]
    for at in (len(words) - 1, 0):
        word = words[at]
        if not _agency_word(word, gazetteer):
            continue
        cut = item.text.rindex(word) if at else 0
        rest_text = (item.text[:cut] if at else item.text[len(word) :]).strip(" -")
        if len(rest_text.split()) == 1 and rest_text.lower() in gazetteer.first_names:
            continue
        rest_at = item.text.index(rest_text, 0 if at else len(word))
        rest = _Item(item.segment, rest_text, item.start + rest_at, gazetteer)
        people = _read(rest, _NAME_RULES)
        if not people or any(f.kind != "person" for f in people):
            continue
        officers = [replace(f, rule="person.routing-agency") for f in people]
        return [_agency_office(word, item.start + cut), *officers]
    return None


def _agency_word(word: str, gazetteer: Gazetteer) -> bool:
    """An agency's acronym: known to the genre, and no given name ("ADAM", "TIM", "IRA")."""
    return (
        re.fullmatch(r"[A-Z]{2,6}", word) is not None
        and word in known_acronyms(gazetteer)
        and word.lower() not in gazetteer.first_names
        and word not in _STATE
        and not _place(word, gazetteer)  # "DOHA"
    )


def _agency_office(word: str, start: int) -> Find:
    return replace(_org(word, start, start + len(word)), rule="org.routing-agency")


def _split(item: _Item) -> _Read:
    """ "EAP/TC DEENA PARKER", "EUR/NCE - JUDY GARBER", "JHOEK DOJ": an office symbol or a
    known office run together with an officer's name; each side is read on its own."""
    words = item.text.split()
    if len(words) < 2:
        return None
    gazetteer = item.gazetteer
    if len(words) >= 4 and " ".join(normal_case(w) for w in words[-2:]) in gazetteer.organizations:
        # "PRADEEP RAMAMURTHY WHITE HOUSE": the next line's addressee, run into this one
        cut = item.text.rindex(words[-2])
        rest = _Item(item.segment, item.text[:cut].strip(), item.start, gazetteer)
        people = _read(rest, _NAME_RULES)
        if people and all(f.kind == "person" for f in people):
            return [replace(f, rule="person.routing-split") for f in people]
    for at in (0, len(words) - 1):
        word = words[at]
        known = _SYMBOL.match(word) or word in gazetteer.offices or word in gazetteer.organizations
        if not known or (at == 0 and word in _STATE):
            continue
        cut = item.text.index(word) if at == 0 else item.text.rindex(word)
        office = _Item(item.segment, word, item.start + cut, gazetteer)
        rest_text = (item.text[len(word) :] if at == 0 else item.text[:cut]).strip(" -")
        rest_at = item.text.index(rest_text, len(word) if at == 0 else 0)
        rest = _Item(item.segment, rest_text, item.start + rest_at, gazetteer)
        people = _read(rest, _NAME_RULES)
        if not people or any(f.kind != "person" for f in people):
            # "PTO/OLIA TREASURY": two addressees run on (not a letter cut off a line: "MWAR D")
            offices = _read(rest, _OFFICE_RULES) if len(rest_text) > 2 else []
            if offices:
                return [*_read(office, ITEM_RULES), *offices]
            return None
        split = [replace(f, rule="person.routing-split") for f in people]
        return [*_read(office, ITEM_RULES), *split]
    return None


def _read(item: _Item, rules: tuple[Rule[Callable[[_Item], _Read]], ...]) -> list[Find]:
    """The finds of the first of ``rules`` that reads ``item``."""
    for rule in rules:
        found = rule.apply(item)
        if found is not None:
            return found
    return []


_NAME_CLUSTERS = frozenset(  # two consonants a name may open with ("Mc" too)
    [
        "bl",
        "br",
        "ch",
        "cl",
        "cr",
        "dr",
        "dw",
        "fl",
        "fr",
        "gh",
        "gl",
        "gn",
        "gr",
        "kh",
        "kl",
        "kn",
        "kr",
        "ph",
        "pl",
        "pr",
        "rh",
        "sc",
        "sh",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sv",
        "sw",
        "sz",
        "th",
        "tr",
        "ts",
        "tw",
        "wh",
        "wr",
        "zh",
        "zw",
        "mc",
    ]
)


def _run_together(item: _Item) -> _Read:
    """ "JHOEK", "CMERRIAM", "PSPRATLEN/ESAMSON": an action officer's initial run into the
    surname, as the Department's address lists write it; the initial is told by two
    consonants no name opens with (a vowel initial only in a list of such names). A list
    of surnames alone is read too: "SHAPIRO/MCDERMOTT"."""
    parts = item.text.split("/")
    if not all(re.fullmatch(r"[A-Z]{5,}", p) for p in parts):
        return None
    gazetteer = item.gazetteer
    if any(p.lower() in gazetteer.capwords or p in gazetteer.offices for p in parts):
        return None
    if any(p in gazetteer.organizations or _place(p, gazetteer) for p in parts):
        return None
    joined = [_initial_run(p) for p in parts]
    if len(parts) == 1 and not joined[0]:
        return None
    found, at = [], item.start
    for part, run in zip(parts, joined, strict=True):
        lead = 0
        if run or (any(joined) and part[0] in "AEIOU"):  # "PSPRATLEN/ESAMSON"
            lead = 2 if _initial_run(part[1:]) else 1  # "PBPLATUKIS": P. B. Platukis
        initials = " ".join(f"{letter}." for letter in part[:lead])
        name = f"{initials} {normal_case(part[lead:])}" if lead else normal_case(part)
        rule = "person.routing-run-together"
        found.append(item.person(part, at, at + len(part), name, 0.7, rule))
        at += len(part) + 1
    return found


def _initial_run(word: str) -> bool:
    """Two consonants that open no name: "JH", "CM", "MD", "PS"."""
    pair = word[:2].lower()
    vowels = "aeiouy"
    return pair[0] not in vowels and pair[1] not in vowels and pair not in _NAME_CLUSTERS


def _titled(item: _Item) -> _Read:
    """ "PM DAS LIKENS": the person rules of capitals, on the item alone."""
    segment = Segment("header", None, " " * item.start + item.text, True)
    found = [replace(f, rule="person.routing-titled") for f in scan(segment, item.gazetteer)]
    return found or None


def _name(item: _Item) -> _Read:
    """ "DEENA PARKER": two or three words in capitals that the lists do not know."""
    words, gazetteer = item.text.split(), item.gazetteer
    if not 2 <= len(words) <= 3 or not all(re.fullmatch(r"[A-Z][A-Z'-]+", w) for w in words):
        return None
    for word in words:
        lower = word.lower()
        if lower in gazetteer.capwords or lower.removesuffix("s") in gazetteer.capwords:
            return None  # "FRAUD PREVENTION UNITS": an office, not an officer
        if lower in gazetteer.caps_stopwords or lower.endswith(_NOUN_ENDINGS):
            return None
        if word in gazetteer.offices or word in gazetteer.organizations or word in _STATE:
            return None
        if _place(word, gazetteer) or (word,) in gazetteer.titles or word in gazetteer.officers:
            return None
    name = " ".join(normal_case(w) for w in words)
    if name in gazetteer.places:
        return None  # "ADDIS ABABA", "HONG KONG"
    return [item.person(item.text, item.start, item.end, name, 0.7, "person.routing-name")]


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
        and not _place(text, gazetteer)
        and not _US_AGENCY.match(text)
    ):
        rule = "person.routing-word"
        return [item.person(text, item.start, item.end, normal_case(text), 0.6, rule)]
    return []


_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ing")
_US_AGENCY = re.compile(r"^US[A-Z]{3,}$")  # USDOE, USCINCSO, USTR: agencies, not officers


def _place(word: str, gazetteer: Gazetteer) -> bool:
    """ "PARIS", "JAPAN": a place the lists know, written in capitals."""
    return word in gazetteer.places or normal_case(word) in gazetteer.places


# the rules of a routing item, in order: the first that reads it writes its finds
ITEM_RULES: tuple[Rule[Callable[[_Item], _Read]], ...] = (
    Rule("org.routing-state", _state),
    Rule("org.routing-post", _post),
    Rule("org.routing-symbol", _symbol),
    Rule("org.routing-symbol-first", _symbol_first),
    Rule("org.routing-office", _office),
    Rule("person.routing-initial", _initial),
    Rule("person.routing-agency", _agency),
    Rule("person.routing-split", _split),
    Rule("person.routing-run-together", _run_together),
    Rule("person.routing-titled", _titled),
    Rule("person.routing-name", _name),
    Rule("person.routing-word", _word),
)
# what may stand beside an office symbol in one item: another office ...
_OFFICE_RULES = tuple(r for r in ITEM_RULES if r.name.startswith("org."))
# ... or an officer's name
_NAME_RULES = tuple(
    r
    for r in ITEM_RULES
    if r.name not in ("person.routing-split", "person.routing-agency")
    and r.name.startswith("person.")
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
