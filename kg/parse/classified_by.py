"""Read a ``Classified By`` line into the person, their role and the reason.

``Classified By: Ambassador William J. Burns: 1.4 (b, d).``,
``PolMilCouns Alice G. Wells.  Reason:  1.4 (b, d)``,
``CLASSIFIED BY POLITICAL COUNSELOR ROBERT FORD FOR REASONS 1.4 (A) (B) AND (D)``.
The name is taken from the end of the part before the reason; role words (kept as
data in ``kg/data/parse/role_words.txt``) and acronyms end it.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kg.model import ClassifiedBy

_PREFIX = re.compile(r"^\s*classified\s+by\s*:?\s*", re.IGNORECASE)
# Where the reason starts: a "Reason(s)" word, or the E.O. section number itself.
_REASON = re.compile(
    r"(?:[\s,.:;]*\b(?:for\s+)?reasons?\b\s*:?\s*)|(?:[\s,.:;]+(?=\d\s?[./]\s?\d))", re.IGNORECASE
)
_PARTICLES = frozenset(
    {"de", "da", "del", "van", "von", "der", "al", "bin", "la", "le", "du", "el"}
)
_SUFFIXES = frozenset({"JR", "JR.", "SR", "SR.", "II", "III", "IV"})
_NAME_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z'\-]*\.?|[A-Z]\.|(?:al|el)-[A-Z][A-Za-z'\-]*)$")


@cache
def role_words() -> dict[str, str]:
    """Upper-cased role word -> the casing to show it in."""
    text = resources.files("kg").joinpath("data/parse/role_words.txt").read_text("utf-8")
    words: dict[str, str] = {}
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words[word.upper()] = word
    return words


def _is_role(token: str, upper_text: bool) -> bool:
    bare = token.strip(",.:;")
    if bare.upper() in role_words() or token.upper() in role_words() or "/" in token:
        return True
    # In mixed-case text an all-capitals word is an office acronym (DCM, EUR, DRL).
    return not upper_text and len(bare) >= 2 and bare.isupper() and bare.isalpha()


def _show_name(token: str, upper_text: bool) -> str:
    if not upper_text:
        return token
    return "-".join(part.capitalize() for part in token.split("-"))


def _show(token: str, upper_text: bool) -> str:
    if not upper_text:
        return token
    known = role_words().get(token.upper()) or role_words().get(token.strip(",.").upper())
    if known:
        return known
    if len(token.strip(".,")) <= 3 and "." not in token:
        return token  # an acronym: DCM, POL
    return "-".join(part.capitalize() for part in token.split("-"))


def _split_person(who: str) -> tuple[str | None, str | None]:
    tokens = who.replace(",", " , ").split()
    upper_text = who.upper() == who
    name: list[str] = []
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
        if (
            (token.upper() in _SUFFIXES and not name)
            or (token.lower() in _PARTICLES and name)
            or (_NAME_TOKEN.match(token) and not _is_role(token, upper_text) and len(name) < 5)
        ):
            name.insert(0, token)
        else:
            break
        i -= 1
    while name and name[0].lower() in _PARTICLES:
        name.pop(0)
        i += 1
    role_tokens = [t for t in tokens[: i + 1] if t != ","]
    person = " ".join(_show_name(t, upper_text) for t in name).replace(" ,", ", ") or None
    role = " ".join(_show(t, upper_text) for t in role_tokens).strip(" ,:;") or None
    return person, role


def parse_classified_by(text: str) -> ClassifiedBy:
    """``Classified By: ...`` (with or without the prefix) -> ClassifiedBy."""
    raw = " ".join(text.split())
    body = _PREFIX.sub("", raw)
    match = _REASON.search(body)
    if match is not None:
        who, reason = body[: match.start()], body[match.end() :]
    else:
        who, reason = body, ""
    who = who.strip(" ,:;")
    if who.endswith(".") and who.rsplit(None, 1)[-1].upper() not in _SUFFIXES:
        who = who[:-1]
    reason = re.sub(r"\s+", " ", reason).strip(" .;,")
    # "(d )" and "(d\n)" from broken lines.
    reason = re.sub(r"\(\s*([A-Za-z])\s*\)", r"(\1)", reason)
    if who.lower() == who:
        # An all-lower-case line reads like an all-capitals one: no casing to go by.
        who = who.upper()
    person, role = _split_person(who) if who else (None, None)
    if person and re.search(r",? (?:Jr|Sr|JR|SR)$", person):
        person += "."  # the reason split took the abbreviation's period
    return ClassifiedBy(raw=raw, person=person, role=role, reason=reason or None)
