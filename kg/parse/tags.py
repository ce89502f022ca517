"""Split a TAGS line into tags: ``PREL, PGOV RS``, ``OVIP (STEINBERG, JAMES B.)``,
``KFRDKIRFCVISCMGT`` (run together by a converter), ``IT IRAQI FREEDOM`` (a phrase).

Known codes come from the State Department TAGS tables under ``kg/data/tags``. A person
named in a person tag is a tag of its own, surname first: ``OVIP (RICE, CONDOLEEZZA)``
and ``OVIP RICE CONDOLEEZZA`` both give ``OVIP``, ``RICE, CONDOLEEZZA``;
:func:`person_tags` puts the name back on its code for readers of person TAGS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from kg.parse.tag_words import (
    given_names,
    person_name,
    phrase_at,
    phrase_words,
    place_words,
)

_TABLES = (
    "subject-tags.txt",
    "program-tags.txt",
    "organization-tags.txt",
    "cablemap_subject-tags.txt",
    "cablemap_organization-tags.txt",
    "release-tags.txt",
)
# Between the items of a list separated by commas.
_BOUNDARY = "\v"
# A word or code, or a name in brackets (the closing bracket may be lost).
_TOKEN = re.compile(r"\([^)]*\)?|[^\s,;()]+")


@cache
def known_tags() -> frozenset[str]:
    """Every TAGS code the tables list (subject, program, organization, geographic)."""
    root = resources.files("kg").joinpath("data/tags")
    codes: set[str] = set()
    for name in _TABLES:
        for line in root.joinpath(name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                codes.add(line.split()[0].upper())
    for line in root.joinpath("geo-tags.ctm").read_text("utf-8").splitlines():
        match = re.match(r"geo:([A-Z0-9]{2,3})\s+isa\b", line)
        if match:
            codes.add(match.group(1))
    return frozenset(codes)


def _segment(run: str) -> list[str] | None:
    """Cut a run of codes without separators into known codes; None when none fits."""
    known = known_tags()
    best: dict[int, list[str]] = {0: []}
    for i in range(len(run)):
        if i not in best:
            continue
        for size in (4, 2):
            piece = run[i : i + size]
            if len(piece) == size and piece in known and i + size not in best:
                best[i + size] = [*best[i], piece]
    pieces = best.get(len(run))
    # Only a run that is mostly four-letter subject codes is taken apart: "COUNTER" is
    # a word, not CO + UNTER; "PHUMBA" is PHUM + BA, "VTPREL" VT + PREL.
    if pieces is None or len(pieces) < 2 or sum(len(p) == 4 for p in pieces) * 2 < len(pieces):
        return None
    return pieces


# Words that are no tags: the caveat converters leave among them.
_NOT_TAGS = frozenset({"SIPDIS", "NOFORN"})
# Tags that a person's name follows, with or without brackets: "OVIP RICE CONDOLEEZZA".
_PERSON_TAGS = frozenset({"OVIP"})
# Small words a free-text phrase holds between its words: "ECONOMY AND FINANCE".
_PHRASE_JOINERS = frozenset({"AND", "OF", "WITH", "FOR", "THE"})


def _items(text: str) -> list[str]:
    """The items of a TAGS line: codes, names in brackets, plain words and, in a list
    separated by commas, an item of words none of which is a code ("HUMAN RIGHTS")."""
    if "," not in re.sub(r"\([^)]*\)?", "", text):
        return _TOKEN.findall(text)
    items: list[str] = []
    for item in re.split(r",(?![^(]*\))", text):
        words = item.split()
        if len(words) > 1 and "(" not in item and not any(w.upper() in known_tags() for w in words):
            items.append("\t" + " ".join(words))  # kept whole
        else:
            items.extend(_TOKEN.findall(item))
        items.append(_BOUNDARY)  # no name or phrase runs over a comma
    return items


def split_tags(text: str) -> tuple[str, ...]:
    """TAGS as written, upper-cased; a person's name and a free-text phrase one tag each."""
    tags: list[str] = []
    run: list[str] = []  # plain words that are no codes, read as names or phrases
    items = _items(text)
    for at, item in enumerate(items):
        if item == _BOUNDARY:
            tags.extend(_words(run, after=tags[-1] if tags else None))
            run = []
            continue
        token = " ".join(item.split()).upper().strip(".")
        if item.startswith("\t") or token.startswith("("):
            tags.extend(_words(run, after=tags[-1] if tags else None))
            run = []
            if token.startswith("("):
                token = _name(token.strip("()").strip())
            if token:
                tags.append(token)
            continue
        if not token or token in _NOT_TAGS:
            continue
        naming = bool(tags) and tags[-1] in _PERSON_TAGS and len(run) < 3 and token.isalpha()
        if not naming and _is_word(token, run, _following(items, at)):
            run.append(token)
            continue
        pieces = _pieces(token)
        if pieces is None and len(token) >= 7 and token.isalpha():
            glued = _glued(token)
            if glued is not None:
                word, pieces, first = glued
                if first:
                    run.append(word)
                else:
                    tags.extend(_words(run, after=tags[-1] if tags else None))
                    tags.extend(pieces)
                    run, pieces = [word], []
                    continue
        if pieces is None and token not in _PHRASE_JOINERS and not naming and _code_like(token):
            pieces = [token]
        if pieces is None:
            run.append(token)
            continue
        tags.extend(_words(run, after=tags[-1] if tags else None))
        run = []
        tags.extend(pieces)
    tags.extend(_words(run, after=tags[-1] if tags else None))
    return tuple(dict.fromkeys(tags))


def _pieces(token: str) -> list[str] | None:
    """The codes ``token`` is: itself, codes run together, a code with a letter slipped in."""
    if token in known_tags():
        return [token]
    pieces = None
    if len(token) >= 6 and token.isalpha():
        pieces = _segment(token)
    if pieces is None and 5 <= len(token) <= 8 and token.isalpha():
        pieces = _slipped(token)
    return pieces


def _following(items: list[str], at: int) -> list[str]:
    """The plain words after item ``at``, up to a comma or a bracketed name."""
    words: list[str] = []
    for item in items[at + 1 :]:
        if item == _BOUNDARY or item.startswith("\t") or item.startswith("("):
            break
        words.append(item.upper().strip("."))
    return words


def _is_word(token: str, run: list[str], following: list[str]) -> bool:
    """Whether a token no table lists as a code is a word of a name or phrase, though short
    as a code: a surname before a given name (``SOTO ERNESTO``), a given name or initial
    after a surname, a place's word (``GAZA``), the start of a phrase (``SOUTH AFRICA``)."""
    if not token.isalpha():
        return False
    known = known_tags()
    found = phrase_at((token, *following), 0, known)
    if found is not None and found[0] > 1:
        return True  # a phrase, even one that starts with a code: EL SALVADOR
    if token in known:
        return False
    names = given_names()
    surname = len(token) >= 3 and token not in names and token not in _PHRASE_JOINERS
    if surname and following and following[0] in names and following[0] not in known:
        # A short surname wants a given name no shorter: KSEP ALI are two codes.
        return len(token) > 4 or len(following[0]) >= 4
    if run and run[-1] not in names and token in names:
        return True
    if len(token) == 1 and len(run) >= 2 and run[-1] in names and run[-2] not in names:
        return True  # a middle initial
    return token in place_words()  # GAZA


def _glued(token: str) -> tuple[str, list[str], bool] | None:
    """A word of the release's phrases and codes run together: ``RIGHTSPOLMARR`` is
    RIGHTS, then POL and MARR (True: the word first); ``PHUMRIGHTS`` PHUM, then RIGHTS (False)."""
    for word in phrase_words():
        if token.startswith(word) and len(token) > len(word):
            codes = _codes(token[len(word) :])
            if codes:
                return word, codes, True
        if token.endswith(word) and len(token) > len(word):
            codes = _codes(token[: -len(word)])
            if codes:
                return word, codes, False
    return None


def _codes(run: str) -> list[str] | None:
    """``run`` cut into known codes of three or four letters, None when it is no such run.
    Two-letter codes (countries) are left out: the rest of an ordinary word cuts into them
    too often ("SOUTHWEST" is no SOUTH, WE and ST; "NATIONALIZED" no NATIONAL, IZ and ED)."""
    known = known_tags()
    best: dict[int, list[str]] = {0: []}
    for i in range(len(run)):
        if i in best:
            for size in (4, 3):
                piece = run[i : i + size]
                if len(piece) == size and piece in known and i + size not in best:
                    best[i + size] = [*best[i], piece]
    return best.get(len(run))


def _slipped(token: str) -> list[str] | None:
    """The one known code of four letters or more that ``token`` is with a letter slipped
    in (``MOPPS`` is ``MOPS``, ``UNDESCO`` is ``UNESCO``); None when none or two are."""
    known = known_tags()
    codes = {token[:i] + token[i + 1 :] for i in range(len(token))} & known
    codes = {code for code in codes if len(code) >= 4}
    return [codes.pop()] if len(codes) == 1 else None


def _code_like(token: str) -> bool:
    """A token no table knows that reads as a code (``UNHRC``, ``NPT``, ``KSEP``, ``ZANU-PF``),
    not as a word of a name or phrase: short, or not letters alone."""
    return len(token) <= 4 or not token.isalpha()


def _name(text: str) -> str:
    """A person's name in a person tag, surname first: ``STEINBERG, JAMES B.``."""
    return re.sub(r"\s*,\s*", ", ", text.strip(" ,"))


def _words(run: list[str], *, after: str | None) -> list[str]:
    """Tags from a run of plain words: after a person tag, the person's name (``RICE
    CONDOLEEZZA`` -> ``RICE, CONDOLEEZZA``); else phrases the release shows and places,
    people (``SOTO ERNESTO`` -> ``SOTO, ERNESTO``), and words that run on together
    ("ECONOMY AND FINANCE"), each one tag."""
    if not run:
        return []
    if after in _PERSON_TAGS and 2 <= len(run) <= 3 and any(len(w) >= 5 for w in run):
        return [person_name(run)]
    tags: list[str] = []
    start = i = 0
    while i < len(run):
        found = phrase_at(run, i, known_tags())
        if found is None:
            i += 1
            continue
        tags.extend(_people(run[start:i]))
        tags.append(found[1])
        i += found[0]
        start = i
    tags.extend(_people(run[start:]))
    return tags


def _people(words: list[str]) -> list[str]:
    """People among plain words, surname then given name and initials (``LUNA RAMIRO``), one
    tag each; the words between them joined as :func:`_loose` joins them."""
    names = given_names()
    tags: list[str] = []
    start = i = 0
    while i < len(words) - 1:
        if words[i] not in names and words[i] not in _PHRASE_JOINERS and words[i + 1] in names:
            end = i + 2
            while end < len(words) and len(words[end]) == 1:
                end += 1  # initials
            tags.extend(_loose(words[start:i]))
            tags.append(person_name(words[i:end]))
            start = i = end
        else:
            i += 1
    tags.extend(_loose(words[start:]))
    return tags


def _loose(words: list[str]) -> list[str]:
    """Words no table knows, joined into one phrase of long words and the small words
    between them ("GLOBAL DEFENSE"); a word alone stays a tag of its own."""
    while words and words[0] in _PHRASE_JOINERS:
        words = words[1:]
    while words and words[-1] in _PHRASE_JOINERS:
        words = words[:-1]
    if len(words) <= 1:
        return words
    return [" ".join(words)]


def person_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """The tags with each person's name back on the person tag before it: ``OVIP``,
    ``RICE, CONDOLEEZZA`` -> ``OVIP (RICE, CONDOLEEZZA)``; a tag already so written stays."""
    out: list[str] = []
    for tag in tags:
        if out and ", " in tag and "(" not in tag and re.fullmatch(r"[A-Z]{4}", out[-1]):
            out[-1] = f"{out[-1]} ({tag})"
        else:
            out.append(tag)
    return tuple(out)
