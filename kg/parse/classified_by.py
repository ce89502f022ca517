"""Read a ``Classified By`` line into the person, their role and the reason.

``Classified By: Ambassador William J. Burns: 1.4 (b, d).``,
``PolMilCouns Alice G. Wells.  Reason:  1.4 (b, d)``,
``CLASSIFIED BY POLITICAL COUNSELOR ROBERT FORD FOR REASONS 1.4 (A) (B) AND (D)``,
``CLASSIFIED BY: Rose E. Gottemoeller, Assistant Secretary, VCI; REASON: 1.4(B), (D)``.

The line is first cut where the reason starts: a "reasons" word however it is spelt or
broken over a line ("Resons", "REA SONS", "for re ason"), "for", "per", "under", "due to",
"based on", or the E.O. section number itself. Before it, the person is the name in the
first part (parts are split at commas, semicolons, colons and dashes) that holds one;
titles before the name (role words, kept as data in ``kg/data/parse/role_words.txt``,
and words a letter or two off one of them: "Ambassaor", "Counselr") are the role.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kg.model import ClassifiedBy

# "Classified By:" and the doubled prefixes converters leave: "Classified By: Classified
# by DCM ...", "Classfied By: (C) CLASSIFIED BY ...", "This message classified by ...".
_PREFIX = re.compile(
    r"^\s*(?:(?:\(\w{1,3}\)|\d{1,2}\s?\.)\s*)*(?:[\w ]{0,40}?\b)?"
    r"(?:class(?:i?f?i?e?d|ification)(?:\s+guide)?|confidential|secret)\s+by\s*:?\s*",
    re.IGNORECASE,
)
# Where the reason starts.
_REASON_WORD = (
    r"(?:r\s?e\s?a\s?s\s?o\s?n\s?s?(?:\s?\(\s?s\s?\))?|r\s?e\s?a\s?o\s?n\s?s?|r\s?e\s?s\s?o\s?n\s?s?"
    r"|r\s?a\s?s\s?o\s?n\s?s?|r\s?e\s?a\s?s|r\s?e)(?=[\s:.(,]|$)"
)
_REASON = re.compile(
    rf"(?:[\s,.;:\-]*\b(?:(?:f[o0]r\s+)+|fr\s+|per\s+|due\s+to\s+|under\s+|based\s+(?:on|upon)\s+)"
    rf"(?:(?:e\.?\s?o\.?\s*)?(?:12958|13526)?[\s,.]*)?"
    rf"(?:{_REASON_WORD}|re(?![a-z]{{2}})|sections?\b|para\b|1\s?[.,]\s?\d|\(|e\.?\s?o\b|12958))"
    rf"|(?:[\s,.;:\-]*\b{_REASON_WORD}\s*:?)"
    r"|(?:[\s,.;:\-]*\b(?:e\.?\s?o\.?|section)\s*(?:12958|13526)?[\s,.:]*(?=\d\s?[.,]\s?\d))"
    r"|(?:[\s,.;:\-]*\be\.?\s?o\.?\s*(?:12958|13526)\b)"
    r"|(?:[\s,.;:\-]+(?=1\s?[.,/]\s?\d(?:\s|\(|$|\.\s?[a-dA-D]\b)))",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    {"de", "da", "del", "van", "von", "der", "al", "bin", "la", "le", "du", "el", "di"}
)
# Words after which capitalized words name a field or a place, not a person.
_OF_WORDS = frozenset({"for", "of", "to", "in", "at", "on"})
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_GROUPS = frozenset({"TEAM", "GROUP", "PARTY", "PRT", "SECTION", "UNIT", "DELEGATION"})
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][A-Za-z'\-]*\.?|(?:[A-Z]\.){1,3}|[A-Z]\.[A-Z][A-Za-z'\-]+|(?:al|el)-[A-Z][A-Za-z'\-]*"
    r"|(?:Mc|Mac|O')[A-Z][a-z]+|[A-Z][a-z]+-[A-Z][a-z]+)$"
)
# Words that end the name: the classification a page header left, a note that follows.
_STOP_WORDS = frozenset(
    {"CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "NOFORN", "SIPDIS", "SUMMARY", "PAGE", "LINE"}
)
_NOT_NAMES = frozenset(
    {
        "OF", "FOR", "AND", "THE", "TO", "IN", "ON", "AT", "BY", "ADDED", "ASIA", "AFRICA",
        "EUROPE", "AMERICA", "AFFAIRS", "AFGHANISTAN", "PAKISTAN", "IRAQ", "IRAN", "U.S.",
        "US", "USG", "ISTANBUL", "KIRKUK", "CENTRAL", "SOUTH", "NORTH", "EAST", "WEST",
        "NEAR", "EASTERN", "WESTERN", "HEMISPHERE", "ENTIRE", "TEXT",
    }
)  # fmt: skip


@cache
def role_words() -> dict[str, str]:
    """Upper-cased role word -> the casing to show it in."""
    text = resources.files("kg").joinpath("data/parse/role_words.txt").read_text("utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        for word in line.split("#", 1)[0].split():
            found.setdefault(word.upper(), word)
    return found


@cache
def _role_keys() -> tuple[str, ...]:
    return tuple(w for w in role_words() if len(w) >= 6 and w.isalpha())


def _near(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` is ``b`` with up to ``limit`` letters lost, doubled or wrong, or two
    neighbours swapped."""
    if abs(len(a) - len(b)) > limit:
        return False
    if len(a) == len(b) and sorted(a) == sorted(b):
        differ = [k for k in range(len(a)) if a[k] != b[k]]
        if len(differ) == 2 and differ[1] == differ[0] + 1:
            return True
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= limit


@cache
def _is_role_word(word: str) -> bool:
    bare = word.strip(",.:;").upper()
    if not bare:
        return False
    if bare in role_words() or word.upper() in role_words():
        return True
    if "-" in bare and all(_is_role_word(part) for part in bare.split("-") if part):
        return True  # "Minister-Counselour"
    if len(bare) >= 6 and bare.isalpha():
        return any(_near(bare, key, 2 if len(bare) >= 8 else 1) for key in _role_keys())
    return False


@cache
def _role_keys_short() -> tuple[str, ...]:
    return tuple(w for w in role_words() if 5 <= len(w) <= 6 and w.isalpha())


def _is_role(token: str, upper_text: bool) -> bool:
    bare = token.strip(",.:;")
    if _is_role_word(token) or "/" in token:
        return True
    # In mixed-case text an all-capitals word is an office acronym (DCM, EUR, DRL).
    return not upper_text and 2 <= len(bare) <= 5 and bare.isupper() and bare.isalpha()


def _capitalize(token: str) -> str:
    if token.upper() in {"II", "III", "IV"}:
        return token.upper()
    return re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), token)


def _show_name(token: str, upper_text: bool) -> str:
    return _capitalize(token) if upper_text else token


def _show(token: str, upper_text: bool) -> str:
    if not upper_text:
        return token
    known = role_words().get(token.upper()) or role_words().get(token.strip(",.").upper())
    if known:
        return known
    if (len(token.strip(".,")) <= 3 and "." not in token) or "/" in token:
        return token  # an acronym: DCM, POL, S/CT
    return "-".join(part.capitalize() for part in token.split("-"))


def _is_name_token(token: str, upper_text: bool) -> bool:
    bare = token.strip(",")
    if bare.upper().strip(".") in _NOT_NAMES or bare.upper() in _STOP_WORDS:
        return False
    return bool(_NAME_TOKEN.match(bare)) and not _is_role(bare, upper_text)


def _is_initial(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.?){1,3}", token)) and ("." in token or len(token) == 1)


def _split_person(who: str) -> tuple[str | None, str | None]:
    """(person, role) of one part of the line: the name at its end, the titles before it."""
    tokens = who.replace(",", " , ").split()
    upper_text = who.upper() == who
    name: list[str] = []
    initials_seen = False
    i = len(tokens) - 1
    while i >= 0:
        token = tokens[i]
        if token == ",":
            # "Charles W. Larson, Jr.": the comma belongs to the name before a suffix.
            if name and name[0].upper() in _SUFFIXES:
                name[0] = "," + name[0]
                i -= 1
                continue
            break
        if token.upper() == "LEADER" and i > 0 and tokens[i - 1].upper() in _GROUPS:
            break  # "Team Leader Howard Keegan"; but "Damian R. Leader" is a name
        if (token.upper() in _SUFFIXES and not name) or (token.lower() in _PARTICLES and name):
            name.insert(0, token)
        elif _is_name_token(token, upper_text) and len(name) < 5:
            full_words = sum(
                1 for t in name if not _is_initial(t) and t.strip(",").upper() not in _SUFFIXES
            )
            if full_words >= 2 and not _is_initial(token):
                before = tokens[i - 1].upper() if i > 0 else ""
                if initials_seen or full_words >= 3 or before in {"TO", "FOR", "OF", "IN", "AT"}:
                    # "Pakistan Richard C. Holbrooke", "to Sudan Timothy Carney": a name
                    # has one given name before its initials.
                    break
            if _is_initial(token):
                initials_seen = True
            name.insert(0, token)
        else:
            break
        i -= 1
    while name and name[0].lower() in _PARTICLES:
        name.pop(0)
        i += 1
    while name and name[0].upper() in _SUFFIXES:
        name.pop(0)
        i += 1
    role_tokens = [t for t in tokens[: i + 1] if t != ","]
    person = " ".join(_show_name(t, upper_text) for t in name).replace(" ,", ", ") or None
    role = " ".join(_show(t, upper_text) for t in role_tokens).strip(" ,:;-") or None
    return person, role


def _repair(text: str) -> str:
    """Undo what converters did to the line: escaped quotes, zeros for O, words broken
    over a line ("Charles O. Blah" / "a, E.O."), parenthesized asides."""
    text = text.replace("\\", "")
    text = re.sub(r"(?<=[A-Za-z])0|0(?=[A-Za-z])", "O", text)
    text = re.sub(r"(?<![\w.])0\.(?=\s+[A-Z])", "O.", text)
    # A capitalized word, a line break, and its lower-case rest ("Hoyt Y" / "ee for").
    text = re.sub(
        r"\b([A-Z][a-z]{0,8})[ \t]*\n[ \t]?(?!(?:for|fr|per|and|of|to|under|due|based|re"
        r"|reasons?|in|the|on|with)\b)([a-z]{1,6})(?=[\s,.;:]|$)",
        r"\1\2",
        text,
    )
    # Small words broken over a line: "f" / "or reasons", "a" / "nd (d)".
    text = re.sub(
        r"\b(f|fo|a|an|re|rea|reas|reaso)[ \t]*\n[ \t]?(or|r|nd|d|ason|asons|sons|ons|ns|n|s)\b",
        lambda m: (
            m.group(1) + m.group(2)
            if (m.group(1) + m.group(2)).lower() in {"for", "and", "reason", "reasons"}
            else m.group(0)
        ),
        text,
        flags=re.IGNORECASE,
    )
    # A capital word and the letters a line break cut off it: "AFFAIR" / "S ROBERT".
    return re.sub(
        r"\b([A-Z]{3,})[ \t]*\n[ \t]?([A-Z]{1,2})\b",
        lambda m: m.group(1) + m.group(2) if _is_role_word(m.group(1) + m.group(2)) else m.group(0),
        text,
    )


def _parts(who: str) -> list[str]:
    """The parts of the text before the reason: split at commas (not before a suffix or
    "a.i."), semicolons, colons, question marks and dashes between spaces."""
    who = re.sub(r"\([^)]{0,20}\)", " ", who)  # "(acting)", "(CDA)", "(U)"
    who = re.sub(  # "Acting DCM/Ted Osius"
        r"/([A-Z][a-z]+)\b",
        lambda m: m.group(0) if _is_role_word(m.group(1)) else "/ " + m.group(1),
        who,
    )
    who = re.sub(r",\s*((?:JR|SR|II|III|IV)\b\.?)", "\x00\\1", who, flags=re.IGNORECASE)
    pieces = re.split(r"\s*(?:[;:?,]|\s[-–]\s)\s*", who)
    return [p for p in (piece.strip(" .,").replace("\x00", ", ") for piece in pieces) if p]


def parse_classified_by(text: str) -> ClassifiedBy:
    """``Classified By: ...`` (with or without the prefix) -> ClassifiedBy."""
    raw = " ".join(text.split())
    body = _repair(text)
    # Drop every prefix up to the last "classified by" near the start (doubled prefixes).
    while True:
        match = _PREFIX.match(body)
        if match is None or match.end() == 0:
            break
        body = body[match.end() :]
    body = " ".join(body.split())
    # The classification line of a page break, and what follows it, is no part of the line.
    body = re.split(r"\s(?:CONFIDENTIAL|SECRET|UNCLASSIFIED)\b(?!\s*[-/])", body, maxsplit=1)[0]
    match = _REASON.search(body)
    if match is not None:
        who, reason = body[: match.start()], body[match.start() :]
    else:
        who, reason = body, ""
    reason = _reason_text(reason)
    who = who.strip(" ,:;-")
    if who.lower() == who:
        # An all-lower-case line reads like an all-capitals one: no casing to go by.
        who = who.upper()
    found = _two_people(who)
    person, role = found[0] if found else _person_of(who)
    if person is None:
        person = _lone_name(who)
    people = tuple(p for p, _ in found if p) if found else (person,) if person else ()
    return ClassifiedBy(raw=raw, person=person, role=role, reason=reason or None, people=people)


def _person_of(who: str) -> tuple[str | None, str | None]:
    """(person, role) of the text before the reason: the first part that names someone,
    the titles of the parts up to it."""
    person: str | None = None
    roles: list[str] = []
    for part in _parts(who):
        if part.upper().split()[0:1] and part.upper().split()[0] in _STOP_WORDS:
            break
        person, part_role = _split_person(part)
        if part_role:
            roles.append(part_role)
        if person:
            break
    if person and re.search(r",? (?:Jr|Sr|JR|SR)$", person):
        person += "."  # the reason split took the abbreviation's period
    return person, ", ".join(roles) or None


def _two_people(who: str) -> list[tuple[str | None, str | None]]:
    """Each (person, role) of a line that names more than one person, joined by "and":
    ``AF KARL WYCOFF, ACTING AND S/CT DAS SHARI VILLAROSA``; empty when it names one
    ("Political and Economic Section Chief Rebecca Dunham": a title holds the "and")."""
    chunks = re.split(r"\s+(?:and|AND|&)\s+", who)
    if len(chunks) < 2:
        return []
    found = [_person_of(chunk) for chunk in chunks]
    if not all(person and len(person.split()) >= 2 for person, _ in found):
        return []
    if any(role and role.split()[-1].lower() in _OF_WORDS for _, role in found):
        return []  # "U/S for Arms Control and International Security John C. Rood"
    return found


def _lone_name(who: str) -> str | None:
    """``AMB:RCROCKER``: one all-capitals word, no title, where no part gave a name."""
    tail = re.split(r"[\s:;,]+", who.strip(" .,;:"))[-1:] or [""]
    word = tail[0]
    if len(word) >= 6 and word.isalpha() and word.isupper() and not _is_role_word(word):
        return word
    return None


def _reason_text(reason: str) -> str:
    """The reason from where the section number starts: ``1.4 (b) and (d)``."""
    start = re.search(r"\d\s?[.,/]\s?\d|\(\s?[a-hA-H]\b|\b[a-hA-H]\s?(?:,|and|&|/)", reason)
    if start is None:
        return ""
    reason = reason[start.start() :]
    reason = re.sub(r"\s+", " ", reason).strip(" .;,")
    reason = re.sub(r"^(\d)\s?[.,]\s?(\d)", r"\1.\2", reason)
    # "(d )" and "(d\n)" from broken lines.
    return re.sub(r"\(\s*([A-Za-z])\s*\)", r"(\1)", reason)
