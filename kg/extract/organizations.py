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
from collections.abc import Iterator
from functools import cache

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.names import title_starts
from kg.extract.places import cable_countries
from kg.extract.text import Segment, Token, capitalized, lookup, segments, tokenize
from kg.model import Cable

_LEADING = frozenset(
    [
        "in",
        "during",
        "at",
        "on",
        "the",
        "a",
        "an",
        "for",
        "from",
        "with",
        "by",
        "to",
        "of",
        "and",
        "but",
        "while",
        "when",
        "as",
        "after",
        "before",
        "since",
        "following",
        "according",
        "under",
        "if",
        "although",
        "however",
        "then",
        "that",
        "this",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "both",
        "each",
        "former",
        "recent",
    ]
)
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_JOINERS = frozenset({"of", "for", "on", "and", "the", "de", "la", "du", "del", "&", "des"})
_GOVERNMENT = re.compile(r"G(?<=\bG)[Oo]([A-Z])\b")  # \bGO..., written to skip ahead to a G
_POST = re.compile(
    r"\b(?:U\.S\. |US |American )?(?:Embassy|Consulate General|Consulate|Mission|USMission)"
    r" ([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
_OFFICE = re.compile(r"(?<![\w/])([A-Z]{1,5}/[A-Z]{1,6}(?:/[A-Z]{1,6})?)(?![\w/])")
_POST_JOBS = frozenset({"RSO", "ARSO", "DAS", "DCM", "POLAD", "DATT", "CONS", "PAO", "MGT"})
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
    found: list[Find] = []
    for segment in parts:
        found.extend(_scan(segment, gazetteer, countries, defined))
    for segment in parts:
        found.extend(_definitions(segment, gazetteer, defined))
    if defined:  # acronyms the cable defined, wherever they appear
        pattern = re.compile(r"(?<![\w(])(" + "|".join(map(re.escape, defined)) + r")(?![\w)])")
        for segment in parts:
            found.extend(_defined_acronyms(segment, defined, pattern))
    yield from found


def _scan(
    segment: Segment, gazetteer: Gazetteer, countries: list[str], defined: dict[str, str]
) -> Iterator[Find]:
    text = segment.text
    taken: list[tuple[int, int]] = []

    def make(
        start: int,
        end: int,
        name: str,
        code: str | None = None,
        country: str | None = None,
        subtype: str | None = None,
    ) -> Find | None:
        if (start, end) in taken or end <= start:
            return None
        taken.append((start, end))
        return Find(
            "organization",
            text[start:end],
            start,
            end,
            segment.paragraph,
            segment.field,
            name,
            code=code,
            country=country,
            subtype=subtype,
        )

    results: list[Find | None] = []
    # words _POST cannot match without: a quick test spares most paragraphs the pattern
    posts = "Embassy" in text or "Consulate" in text or "Mission" in text
    for match in _POST.finditer(text) if posts else ():
        city = match.group(1)
        if city not in gazetteer.places and city.split()[0] not in gazetteer.places:
            continue  # "Embassy Econoff", "Embassy officials"
        results.append(make(match.start(), match.end(), _post_name(match.group(0)), subtype="post"))
    tokens = tokenize(text)
    table = _known_table(gazetteer, segment.caps)
    for start, end, key in lookup(text, tokens, table, longest=8, fold=segment.caps):
        known = gazetteer.organizations[table[key]]
        if known.subtype == "post" and _CABLE_NUMBER.match(text, end):
            continue  # "REF: USEU 3226" cites a cable, it does not name the post
        code = known.acronym if known.acronym and known.acronym.isupper() else None
        results.append(make(start, end, known.name, code, known.country, known.subtype))
    for match in _GOVERNMENT.finditer(text):
        code = match.group(0)
        country = _country_for_letter(match.group(1), countries, gazetteer)
        if country is None:
            continue  # "GOT" in capitals is a word, unless a country of the cable fits
        name = f"Government of {gazetteer.country_names[country]}"
        results.append(make(match.start(), match.end(), name, code, country, "government"))
    if segment.caps and "DEPARTMENT" in text:
        for match in _DEPARTMENT_CAPS.finditer(text):
            start, end = match.start(), match.end()
            results.append(make(start, end, "Department of State", None, "US", "ministry"))
    if not segment.caps:
        for match in _DEPARTMENT_OPENS.finditer(text) if "Department" in text else ():
            start, end = match.start(), match.end()
            results.append(make(start, end, "Department of State", None, "US", "ministry"))
        for match in _DEPARTMENT.finditer(text) if "the Department" in text else ():
            start = match.start() + 4
            results.append(make(start, match.end(), "Department of State", None, "US", "ministry"))
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
            results.append(make(match.start(1), match.end(1), symbol, symbol, "US", "office"))
    for start, end, name in _keyword_phrases(text, tokens, gazetteer, segment.caps):
        code = None
        definition = _DEFINED.match(text, end + 1) if end + 1 < len(text) else None
        if definition is not None and text[end : end + 1] == " ":
            code = definition.group(1)
            defined.setdefault(code, name)
        results.append(make(start, end, name, code))
    yield from (f for f in results if f is not None)


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
        while words and words[0].lower() in _LEADING:
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
        )


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
        )


def _post_name(surface: str) -> str:
    words = surface.replace("U.S. ", "").replace("US ", "").replace("American ", "").split()
    return " ".join(words)


@cache
def _known_table(gazetteer: Gazetteer, caps: bool) -> dict[str, str]:
    if not caps:
        return {n: n for n in gazetteer.organizations}
    return {n.upper(): n for n in gazetteer.organizations if len(n) > 3 or n.isupper()}


def _country_for_letter(letter: str, countries: list[str], gazetteer: Gazetteer) -> str | None:
    for code in countries:
        name = gazetteer.country_names.get(code, "")
        if name.startswith(letter) or (letter == "R" and code == "RS"):
            return code
    return None


def _keyword_phrases(
    text: str, tokens: list[Token], gazetteer: Gazetteer, caps: bool
) -> Iterator[tuple[int, int, str]]:
    """Capitalized phrases headed by an organization word, trimmed of sentence words."""
    n = len(tokens)
    resume = 0  # the token after the last phrase
    for i in capitalized(tokens):
        if i < resume:
            continue
        j = i + 1
        tail = (
            False  # inside an "of/for/on" tail, where "and" may join ("of Commerce and Industry")
        )
        while j < n:
            token = tokens[j]
            if token.is_word and token.is_cap and token.start - tokens[j - 1].end <= 2:
                if token.bare.lower() in _CALENDAR:
                    break
                j += 1
            elif (
                token.text in _JOINERS
                and (token.text != "and" or tail)
                and j + 1 < n
                and tokens[j + 1].is_word
                and tokens[j + 1].is_cap
                and tokens[j + 1].bare.lower() not in _CALENDAR
                and not caps
            ):
                tail = tail or token.text in ("of", "for", "on")
                j += 1
            elif (
                token.text in ("of", "for", "on")
                and j + 2 < n
                and tokens[j + 1].text == "the"
                and tokens[j + 2].is_cap
                and tokens[j + 2].is_word
                and tokens[j + 2].bare.lower() not in _CALENDAR
                and not caps
            ):
                tail = True
                j += 2
            else:
                break
        phrase = _trim(tokens[i:j], gazetteer, caps)
        resume = j
        if phrase is None:
            continue
        first, last = phrase
        if text[last.end : last.end + 1] == ":":
            continue  # a form's label: "Unit:", "Service No.:"
        name = text[first.start : last.end]
        words = name.split()
        if len(words) == 2 and words[1] == "Government" and words[0] in gazetteer.demonyms:
            name = f"Government of {gazetteer.country_names.get(gazetteer.demonyms[words[0]], '')}"
        if caps:
            name = " ".join(
                w.capitalize() if w.lower() not in _JOINERS else w.lower() for w in name.split()
            )
        yield first.start, last.end, name


def _trim(run: list[Token], gazetteer: Gazetteer, caps: bool) -> tuple[Token, Token] | None:
    heads = [
        k
        for k, t in enumerate(run)
        if t.bare in gazetteer.org_keywords
        or (caps and t.bare.capitalize() in gazetteer.org_keywords)
    ]
    if not heads:
        return None
    head = heads[-1]
    end = len(run)
    first = heads[0]
    if run[first].bare in gazetteer.org_heads_first and first + 1 < end and not caps:
        head = first  # "Banco Delta Asia", "Partido Revolucionario Institucional": it runs on
    # stop after the head unless an "of/for/on" tail follows it
    elif head + 1 < end and run[head + 1].text not in _JOINERS:
        end = head + 1
    tail = next((k for k in range(head) if run[k].text in ("of", "for")), None)
    if tail is not None and not any(
        t.bare in gazetteer.org_keywords or (caps and t.bare.capitalize() in gazetteer.org_keywords)
        for t in run[:tail]
    ):
        # "Morgan Tsvangirai of the Movement for Democratic Change": the name begins after "of"
        run = run[tail + 1 :]
        head -= tail + 1
        end -= tail + 1
    for k in range(head + 2, end):
        if run[k - 1].text not in _JOINERS and _is_title_word(run[k], gazetteer):
            end = k  # "Ministry of Foreign Affairs and Cooperation Director ...": a title
            break
    while end > head + 1 and run[end - 1].text in _JOINERS:
        end -= 1
    start = 0
    if caps:
        start = head
        while start > 0 and _caps_part(run[start - 1], gazetteer):
            start -= 1
        if start > 0 and head > start and run[start - 1].bare.title() in gazetteer.places:
            rest = " ".join(t.bare.title() for t in run[start:end])
            if rest not in gazetteer.organizations:
                start -= 1  # "JAPAN SOCIALIST PARTY": a place opens the name
    for k in range(start + 1, head):
        if _is_title_word(run[k], gazetteer) and _surname_like(run[k - 1], gazetteer):
            start = k  # "Ambassador Jorge Dezcallar Deputy Chief of Mission": a name ends it
    while start < head and (
        run[start].text.lower() in _LEADING
        or (_is_title_word(run[start], gazetteer) and not _eponym(run, start, head))
        or run[start].text.startswith("XXXX")  # a redaction before the name
    ):
        start += 1
    words = run[start:end]
    if not words:
        return None
    if len(words) == 1 and words[0].bare not in _ONE_WORD_BODIES:
        return None  # "Council", "Government" alone are references, not names
    if all(w.bare.lower() in ("government", "embassy", "mission", "consulate") for w in words):
        return None
    if words[-1].bare in ("Embassy", "Consulate", "Mission") and not (
        words[0].text in gazetteer.demonyms or words[0].text in gazetteer.places
    ):
        return None  # "Public Affairs Section of Embassy": a part of the post
    while (
        len(words) > 2
        and words[0].bare in gazetteer.places
        and (" ".join(w.text for w in words[1:]) in gazetteer.organizations)
    ):
        words = words[1:]  # "Vienna Contact Group" is the Contact Group
    if " ".join(w.text for w in words) in gazetteer.places:
        return None
    return words[0], words[-1]


_EPONYM_TITLES = frozenset({"King", "Queen", "Prince", "Princess", "Sultan", "Sheikh", "Emir"})


def _eponym(run: list[Token], k: int, head: int) -> bool:
    """ "King Abdulaziz University", "Sultan Qaboos University": named after a ruler."""
    return run[k].bare in _EPONYM_TITLES and k + 1 < head and run[k + 1].is_cap


# parliaments named by one word: "the Duma", "the Senate", "the Sejm"
_ONE_WORD_BODIES = frozenset(
    {"Duma", "Majlis", "Knesset", "Bundestag", "Bundesrat", "Senate", "Sejm", "Rada", "Riksdag"}
    | {"Storting", "Folketing", "Althingi", "Diet", "Congress"}
)


def _is_title_word(token: Token, gazetteer: Gazetteer) -> bool:
    return (token.text,) in gazetteer.titles and token.bare not in gazetteer.org_keywords


def _surname_like(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalized word that no list knows: the end of a personal name before a title."""
    word = token.bare
    return (
        token.is_word
        and token.is_cap
        and not token.is_upper
        and word not in gazetteer.org_keywords
        and word.lower() not in gazetteer.capwords
        and word not in gazetteer.places
        and word not in gazetteer.demonyms
        and word not in title_starts(gazetteer, False)
    )


def _caps_part(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    if not token.is_word or word.lower() in _LEADING or word.lower() in _JOINERS:
        return False
    if word.title() in gazetteer.places:
        return False
    return word.lower() in gazetteer.capwords or word.title() in gazetteer.demonyms
