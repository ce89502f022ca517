"""Split a TAGS line into tags: ``PREL, PGOV RS``, ``OVIP (STEINBERG, JAMES B.)``,
``KFRDKIRFCVISCMGT`` (run together by a converter).

Known codes come from the State Department TAGS tables under ``kg/data/tags``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_TABLES = (
    "subject-tags.txt",
    "program-tags.txt",
    "organization-tags.txt",
    "cablemap_subject-tags.txt",
    "cablemap_organization-tags.txt",
    "release-tags.txt",
)
_TOKEN = re.compile(r"[^\s,;()]+(?:\s*\([^)]*\)?)?")


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
_NOT_TAGS = frozenset({"SIPDIS", "NOFORN", "AND"})
# Tags that a person's name follows, with or without parentheses: "OVIP RICE CONDOLEEZZA".
_PERSON_TAGS = frozenset({"OVIP"})


def _tokens(text: str) -> list[str]:
    """The tokens of a TAGS line: codes, person tags, and, in a list separated by commas,
    an item of words none of which is a code ("HUMAN RIGHTS") kept whole."""
    if "," not in re.sub(r"\([^)]*\)?", "", text):
        return _TOKEN.findall(text)
    tokens: list[str] = []
    for item in re.split(r",(?![^(]*\))", text):
        words = item.split()
        if len(words) > 1 and "(" not in item and not any(w.upper() in known_tags() for w in words):
            tokens.append(" ".join(words))
        else:
            tokens.extend(_TOKEN.findall(item))
    return tokens


def split_tags(text: str) -> tuple[str, ...]:
    """TAGS as written, upper-cased, person tags kept whole."""
    tags: list[str] = []
    known = known_tags()
    for token in _tokens(text):
        token = " ".join(token.split()).upper().strip(".")
        if not token:
            continue
        if "(" in token:
            # "OVIP (STEINBERG, JAMES B.)": a person tag.
            if not token.endswith(")"):
                token += ")"
            tags.append(re.sub(r"\s*\(\s*", " (", token))
            continue
        if token in _NOT_TAGS:
            continue
        if len(token) >= 6 and token.isalpha() and token not in known:
            pieces = _segment(token)
            if pieces:
                tags.extend(pieces)
                continue
        if tags and _open_person_tag(tags[-1]) and token.isalpha() and token not in known:
            # "OVIP RICE CONDOLEEZZA": a person tag written without parentheses.
            tags[-1] = _add_name(tags[-1], token)
            continue
        tags.append(token)
    return tuple(dict.fromkeys(_close_person_tag(tag) for tag in tags))


def _open_person_tag(tag: str) -> bool:
    """Whether a name written without parentheses may still go on ``tag``: ``OVIP RICE
    CONDOLEEZZA`` stays as written, up to three words of name."""
    code, _, name = tag.partition(" ")
    return code in _PERSON_TAGS and "(" not in name and name.count(" ") < 2


def _add_name(tag: str, word: str) -> str:
    return f"{tag} {word}"


def _close_person_tag(tag: str) -> str:
    return tag + ")" if tag.count("(") > tag.count(")") else tag
