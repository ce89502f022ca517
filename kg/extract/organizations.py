"""Organizations: known bodies, acronyms, "GO" + country letter, and keyword-headed names.

Four cues: a table of known organizations and acronyms (MFA, UNSC, NATO, Duma); the genre's
"GOR"/"GOP" (Government of + a country whose name starts with the letter, chosen among the
countries the cable is about); capitalized phrases headed by an organization word
("Center for International Security", "Russian Chamber of Commerce and Industry"); and
acronyms the cable defines itself ("Office of National Electoral Processes (ONPE)").
US posts and office symbols named in the text ("Embassy Lisbon", "EUR/SCE") count too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.org_phrases import LEADING, keyword_phrases
from kg.extract.places import cable_countries
from kg.extract.rules import Rule, names
from kg.extract.text import Segment, Token, lookup, segments, tokenize
from kg.model import Cable

_GOVERNMENT = re.compile(r"G(?<=\bG)[Oo]([A-Z])\b")  # \bGO..., written to skip ahead to a G
_GOVERNMENT_TWO = re.compile(r"\bG[Oo]([A-Z]{2})\b")
_POST = re.compile(
    r"\b(?:U\.S\. |US |American )?"
    r"(?:Embassy|Consulate General|Consulate|Mission|USMission|AmEmbassy|AmConsul|AmConGen)"
    r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
# "the U.S. Embassy", "the American Consulate": the post, named without its city
_BARE_POST = re.compile(
    r"\b(?:U\.S\.|US|American) (?:Embassy|Consulate General|Consulate|Mission)\b"
    r"(?! (?:in |to |of |at )?[A-Z])(?!-)"
)
_OFFICE = re.compile(r"(?<![\w/])([A-Z]{1,5}/[A-Z]{1,6}(?:/[A-Z]{1,6})?)(?![\w/])")
_POST_JOBS = frozenset({"RSO", "ARSO", "DAS", "DCM", "POLAD", "DATT", "CONS", "PAO", "MGT"})
# an acronym alone: not inside a longer word ("SAARC-related", "UN/AU", "E.O.")
_ACRONYM = re.compile(r"(?<![\w/.-])(?=[A-Z][A-Z&-])[A-Z][A-Z&]{0,9}(?:-?\d{1,2})?(?![\w/-]|\.\w)")
_JOINING = frozenset({"of", "for", "and", "the", "on", "in"})
_ROMAN = re.compile(r"[IVXLC]+")  # "Benedict XVI", "Title III"
_NOT_OFFICES = frozenset({"HIV/AIDS", "A/S", "U/S", "S/NF", "C/NF"})
_CABLE_NUMBER = re.compile(r"\s+\d")
_DEFINED = re.compile(r"\(([A-Z][A-Za-z&-]{1,9})\)")
_DEPARTMENT = re.compile(r"\bthe Department\b(?! of)")
# "Department thanks posts", "DEPARTMENT'S CONCERN": the Department of State, named bare at
# the start of a sentence, or in capitals after a verb or a preposition
_DEPARTMENT_OPENS = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]\s\s))Department(?=\s+[a-z]|'s)")
_DEPARTMENT_CAPS = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=[.;:]\s\s)|(?<=\bTHE )|(?<=\bTO )|(?<=\bBY )|(?<=\bFOR )"
    r"|(?<=\bWITH )|(?<=\bAND )|(?<=ED ))"
    r"DEPARTMENT\b(?! OF)(?!\s+[A-Z]+\s+OF\b)"
)


def find_organizations(cable: Cable) -> Iterator[Find]:
    """Organization finds in every text part of the cable."""
    gazetteer = load()
    countries = cable_countries(cable)
    defined: dict[str, str] = {}
    parts = [s for s in segments(cable) if s.field != "header"]
    known = known_acronyms(gazetteer)
    spelled = frozenset(a for s in parts if "(" in s.text for a in _spelled_out(s.text, known))
    found: list[Find] = []
    for segment in parts:
        found.extend(_scan(segment, gazetteer, countries, defined, spelled))
    for segment in parts:
        found.extend(_definitions(segment, gazetteer, defined))
    if defined:  # acronyms the cable defined, wherever they appear
        pattern = re.compile(r"(?<![\w(])(" + "|".join(map(re.escape, defined)) + r")(?![\w)])")
        for segment in parts:
            found.extend(_defined_acronyms(segment, defined, pattern))
    yield from found


@dataclass(slots=True)
class _Scan:
    """One segment being scanned for organizations, and the spans already found in it."""

    segment: Segment
    tokens: list[Token]
    gazetteer: Gazetteer
    countries: list[str]
    defined: dict[str, str]  # acronyms the cable defines: ONPE -> Office of National ...
    spelled: frozenset[str]  # acronyms spelled out as things: "Fraud Prevention Manager (FPM)"
    taken: list[tuple[int, int]] = field(default_factory=list)
    found: list[Find] = field(default_factory=list)  # what the rules found, in order
    text: str = field(init=False)  # the segment's text

    def __post_init__(self) -> None:
        self.text = self.segment.text

    def make(
        self,
        rule: str,
        start: int,
        end: int,
        name: str,
        code: str | None = None,
        country: str | None = None,
        subtype: str | None = None,
    ) -> None:
        """Write the find of a rule, unless an earlier rule found the same span."""
        if (start, end) in self.taken or end <= start:
            return
        self.taken.append((start, end))
        find = Find(
            "organization",
            self.text[start:end],
            start,
            end,
            self.segment.paragraph,
            self.segment.field,
            name,
            code=code,
            country=country,
            subtype=subtype,
            rule=rule,
        )
        self.found.append(find)


def _scan(
    segment: Segment,
    gazetteer: Gazetteer,
    countries: list[str],
    defined: dict[str, str],
    spelled: frozenset[str],
) -> Iterator[Find]:
    """Organization finds in one segment: each rule of ``RULES`` in turn."""
    scan = _Scan(segment, tokenize(segment.text), gazetteer, countries, defined, spelled)
    for rule in RULES:
        rule.apply(scan)
    yield from scan.found


def _governments_two(scan: _Scan) -> None:
    """ "GONL", "GoSL", "GOAJ": Government of + two letters of a country of the cable."""
    if scan.segment.caps or ("Go" not in scan.text and "GO" not in scan.text):
        return  # in capitals "GOES", "GOAL", "GOOD" are words
    for match in _GOVERNMENT_TWO.finditer(scan.text):
        country = _country_for_letters(match.group(1), scan.countries, scan.gazetteer)
        if country is None:
            continue
        name = f"Government of {scan.gazetteer.country_names[country]}"
        start, end = match.start(), match.end()
        scan.make("org.government-two", start, end, name, match.group(0), country, "government")


def _posts(scan: _Scan) -> None:
    """ "Embassy Lisbon", "Consulate General Jeddah": a US post named with its city."""
    text, gazetteer = scan.text, scan.gazetteer
    # words _POST cannot match without: a quick test spares most paragraphs the pattern
    posts = "Embassy" in text or "Consulate" in text or "Mission" in text
    countries = _country_words(gazetteer)
    for match in _POST.finditer(text) if posts else ():
        city = match.group(1)
        if (
            city not in gazetteer.places
            and city.split()[0] not in gazetteer.places
            and city not in countries
        ):
            continue  # "Embassy Econoff", "Embassy officials"
        name = _post_name(match.group(0))
        scan.make("org.post", match.start(), match.end(), name, subtype="post")


def _bare_posts(scan: _Scan) -> None:
    """ "the U.S. Embassy", "the American Consulate": a US post named without its city."""
    text = scan.text
    if "Embassy" in text or "Consulate" in text or "Mission" in text:
        for match in _BARE_POST.finditer(text):
            name = match.group(0)
            scan.make("org.post-bare", match.start(), match.end(), name, None, "US", "post")


def _known(scan: _Scan) -> None:
    """Organizations and acronyms of the gazetteer: "MFA", "Duma", "NATO"."""
    text, gazetteer = scan.text, scan.gazetteer
    table = _known_table(gazetteer, scan.segment.caps)
    for start, end, key in lookup(text, scan.tokens, table, longest=8, fold=scan.segment.caps):
        known = gazetteer.organizations[table[key]]
        if known.subtype == "post" and _CABLE_NUMBER.match(text, end):
            continue  # "REF: USEU 3226" cites a cable, it does not name the post
        code = known.acronym if known.acronym and known.acronym.isupper() else None
        scan.make("org.known", start, end, known.name, code, known.country, known.subtype)


def _governments(scan: _Scan) -> None:
    """ "GOR", "GOP": Government of a country of the cable whose name has that letter."""
    for match in _GOVERNMENT.finditer(scan.text):
        code = match.group(0)
        country = _country_for_letter(match.group(1), scan.countries, scan.gazetteer)
        if country is None:
            continue  # "GOT" in capitals is a word, unless a country of the cable fits
        name = f"Government of {scan.gazetteer.country_names[country]}"
        start, end = match.start(), match.end()
        scan.make("org.government", start, end, name, code, country, "government")


_STATE = ("Department of State", None, "US", "ministry")


def _department_caps(scan: _Scan) -> None:
    """ "THE DEPARTMENT" in capitals: the Department of State."""
    if scan.segment.caps and "DEPARTMENT" in scan.text:
        for match in _DEPARTMENT_CAPS.finditer(scan.text):
            scan.make("org.department-caps", match.start(), match.end(), *_STATE)


def _department_opens(scan: _Scan) -> None:
    """ "Department" opening a sentence, as in "Department requests ...": the Department."""
    text = scan.text
    if not scan.segment.caps:
        for match in _DEPARTMENT_OPENS.finditer(text) if "Department" in text else ():
            scan.make("org.department-opens", match.start(), match.end(), *_STATE)


def _department(scan: _Scan) -> None:
    """ "the Department": the Department of State."""
    text = scan.text
    if not scan.segment.caps:
        for match in _DEPARTMENT.finditer(text) if "the Department" in text else ():
            scan.make("org.department", match.start() + 4, match.end(), *_STATE)


def _offices(scan: _Scan) -> None:
    """Office symbols of the Department: "EUR/SCE", "NEA/I"; not officers' titles."""
    text, gazetteer = scan.text, scan.gazetteer
    if scan.segment.caps:
        return
    for match in _OFFICE.finditer(text) if "/" in text else ():
        symbol = match.group(1)
        if (
            (symbol,) in gazetteer.titles
            or symbol in gazetteer.officers
            or symbol.split("/")[0] not in gazetteer.offices
            or symbol in _NOT_OFFICES
            or (symbol.split("/")[-1],) in gazetteer.titles
            or symbol.split("/")[-1] in gazetteer.officers
            or symbol.split("/")[-1] in _POST_JOBS
        ):
            continue
        start, end = match.start(1), match.end(1)
        scan.make("org.office", start, end, symbol, symbol, "US", "office")


def _acronyms(scan: _Scan) -> None:
    """A well-known acronym alone in running text: "UNHCR", "USAID", "LTTE", "SAARC".

    The acronyms of the genre's gazetteer (``kg/data/gazetteers/acronyms.txt``) less the
    titles, officers, places and words that are no organization (``not_organizations.txt``).
    An acronym the cable spells out as a thing or a job is none ("Fraud Prevention Manager
    (FPM)", "Arrival Departure Information System (ADIS)"), one before a cable number cites a cable
    ("REF: USEU 3226"). A text in capitals is left alone: there every word looks like an
    acronym.
    """
    if scan.segment.caps:
        return
    known = known_acronyms(scan.gazetteer)
    text = scan.text
    for match in _ACRONYM.finditer(text):
        word = match.group(0)
        if (
            len(word) < 3
            or word not in known
            or word in scan.spelled
            or _CABLE_NUMBER.match(text, match.end())
        ):
            continue
        scan.make("org.acronym", match.start(), match.end(), word, word)


def _keywords(scan: _Scan) -> None:
    """Capitalized phrases headed by an organization word ("Center for ... Security"); an
    acronym in brackets after one is defined for the rest of the cable."""
    text = scan.text
    for start, end, name in keyword_phrases(text, scan.tokens, scan.gazetteer, scan.segment.caps):
        code = None
        definition = _DEFINED.match(text, end + 1) if end + 1 < len(text) else None
        if definition is not None and text[end : end + 1] == " ":
            code = definition.group(1)
            scan.defined.setdefault(code, name)
        scan.make("org.keyword", start, end, name, code)


# the organization rules of one segment, in the order they run (a span found by an earlier
# rule is not found again by a later one)
RULES: tuple[Rule[Callable[[_Scan], None]], ...] = (
    Rule("org.post", _posts),
    Rule("org.post-bare", _bare_posts),
    Rule("org.known", _known),
    Rule("org.government", _governments),
    Rule("org.government-two", _governments_two),
    Rule("org.department-caps", _department_caps),
    Rule("org.department-opens", _department_opens),
    Rule("org.department", _department),
    Rule("org.office", _offices),
    Rule("org.acronym", _acronyms),
    Rule("org.keyword", _keywords),
)
# ... then, over the whole cable, the names given an acronym and the acronyms so defined
RULE_NAMES = (
    *names(RULES),
    "org.defined",
    "org.defined-acronym",
    "org.routing-state",
    "org.routing-post",
    "org.routing-office",
    "org.routing-symbol",
    "org.routing-symbol-first",
    "org.routing-agency",
)


_NOT_BODIES = frozenset({
    "database", "system", "systems", "meeting", "storage", "manager", "program", "programme",
    "plan", "initiative", "treaty", "agreement", "convention", "protocol", "act", "law",
    "card", "number", "report", "process", "review", "strategy", "project", "conference",
    "summit", "dialogue", "mechanism", "framework", "zone", "area", "index", "rate",
    "certificate", "visa", "permit", "list", "tax", "price", "standard", "standards",
    "regulation", "regulations", "code", "policy", "operation", "exercise", "missile",
    "vehicle", "network", "test", "study", "survey",
})  # fmt: skip
_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|the|on|in|de|del|la|y|e)\s+)*){1,8})"
    r"\(([A-Z][A-Za-z&]{1,9})\)"
)


def _definitions(segment: Segment, gazetteer: Gazetteer, defined: dict[str, str]) -> Iterator[Find]:
    """ "Presidency of Meteorology and Environment (PME)": a name the cable gives an acronym.

    The acronym's letters must be the initials of the name's capitalized words, in order;
    places, people's titles and acronyms already defined are left alone.
    """
    text = segment.text
    if _DEFINED.search(text) is None:
        return  # no "(ABC)" at all: the long pattern below need not run
    for match in _DEFINITION.finditer(text):
        name = match.group(1).strip()
        acronym = match.group(2)
        if acronym in defined or acronym in gazetteer.organizations or name in gazetteer.places:
            continue
        words = name.split()
        while words and words[0].lower() in LEADING:
            words = words[1:]
        initials = "".join(w[0] for w in words if w[:1].isupper())
        if not _spells(acronym.upper(), initials) or len(words) < 2:
            continue
        if words[-1].strip(".,").lower() in _NOT_BODIES:
            continue  # "Consular Consolidated Database (CCD)": a thing, not a body
        name = " ".join(words)
        start = match.start(1) + match.group(1).index(words[0])
        defined[acronym] = name
        yield Find(
            "organization",
            text[start : start + len(name)],
            start,
            start + len(name),
            segment.paragraph,
            segment.field,
            name,
            code=acronym,
            rule="org.defined",
        )


def _spelled_out(text: str, known: frozenset[str]) -> Iterator[str]:
    """Known acronyms spelled out as a thing or a job before their brackets: "Fraud
    Prevention Manager (FPM)", "Consular Consolidated Database (CCD)"."""
    for match in _DEFINED.finditer(text):
        if match.group(1) not in known:
            continue  # "(C)", "(SBU)": markings, and acronyms org.acronym does not read
        words = text[max(0, match.start() - 100) : match.start()].split()
        if not words or words[-1].strip(".,").lower() not in _NOT_BODIES:
            continue  # the name before the brackets does not end with a thing's word
        name: list[str] = []
        for word in reversed(words[-9:]):  # the capitalized run, with "of" and "for" inside
            if not (word[:1].isupper() or word in _JOINING) or word.lower() in LEADING - _JOINING:
                break
            name.insert(0, word)
        while name and name[0].lower() in LEADING:
            name = name[1:]  # "The Fraud Prevention Manager (FPM)"
        initials = "".join(w[0] for w in name if w[:1].isupper())
        if _spells(match.group(1).upper(), initials):
            yield match.group(1)


def _spells(acronym: str, initials: str) -> bool:
    """The acronym's letters appear among the initials, in order, starting with the first."""
    if not acronym or not initials or acronym[0] != initials[0]:
        return False
    at = 0
    for letter in acronym:
        at = initials.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def _defined_acronyms(
    segment: Segment, defined: dict[str, str], pattern: re.Pattern[str]
) -> Iterator[Find]:
    for match in pattern.finditer(segment.text):
        code = match.group(1)
        yield Find(
            "organization",
            code,
            match.start(),
            match.end(),
            segment.paragraph,
            segment.field,
            defined[code],
            code=code,
            rule="org.defined-acronym",
        )


def _post_name(surface: str) -> str:
    words = surface.replace("U.S. ", "").replace("US ", "").replace("American ", "").split()
    return " ".join(words)


@cache
def _country_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Country names as a post after "Embassy" writes them: "Embassy Togo", "Mission Iraq"."""
    return frozenset(gazetteer.country_names.values())


@cache
def known_acronyms(gazetteer: Gazetteer) -> frozenset[str]:
    """The gazetteer's acronyms that stand for an organization when written alone."""
    files = resources.files("kg.data.gazetteers")
    acronyms, not_organizations = (
        {
            w
            for line in files.joinpath(name).read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")
            for w in line.split()
        }
        for name in ("acronyms.txt", "not_organizations.txt")
    )
    words = acronyms - not_organizations
    return frozenset(
        w
        for w in words
        if (w,) not in gazetteer.titles
        and w not in gazetteer.officers
        and w not in gazetteer.places
        and w.lower() not in gazetteer.capwords
        and w.lower() not in gazetteer.caps_stopwords
        and w not in _POST_JOBS
        and not _ROMAN.fullmatch(w)
        and "/" not in w  # office symbols are org.office's, "A/DAS" a title
    )


@cache
def _known_table(gazetteer: Gazetteer, caps: bool) -> dict[str, str]:
    if not caps:
        return {n: n for n in gazetteer.organizations}
    return {n.upper(): n for n in gazetteer.organizations if len(n) > 3 or n.isupper()}


def _country_for_letters(letters: str, countries: list[str], gazetteer: Gazetteer) -> str | None:
    """The country of the cable whose name holds both letters in order, the first opening
    it: "NL" in Netherlands, "CI" in Cote d'Ivoire, "SL" in Sri Lanka, "KG" in Kyrgyzstan."""
    for code in countries:
        name = gazetteer.country_names.get(code, "").upper()
        if name.startswith(letters[0]) and letters[1] in name[1:]:
            return code
    return None


def _country_for_letter(letter: str, countries: list[str], gazetteer: Gazetteer) -> str | None:
    for code in countries:
        name = gazetteer.country_names.get(code, "")
        if name.startswith(letter) or (letter == "R" and code == "RS"):
            return code
    return None
