"""Cable reference IDs: build them from a banner, canonicalize malformed ones, resolve REF items.

A reference ID is the two-digit year, the originating post without spaces and the
serial number without leading zeros: ``07MOSCOW628``, ``09STATE15113``, ``06SAOPAULO526``.
"""

from __future__ import annotations

import re

from kg.parse.lexicon import rows, words

REFERENCE_ID = re.compile(r"^(\d{2})([A-Z][A-Z]*?)(\d{1,7})$")

# Names a post goes by in banners and REF lines, mapped to the name its IDs use.
POST_ALIASES: dict[str, str] = {alias: post for alias, post, *_ in rows("post_aliases.tsv")}

# Junk a converter glued into the post part: "08ECTION01OF02MANAMA492".
_SECTION_JUNK = re.compile(r"S?ECTION\d{1,2}OF\d{1,2}")


def post_key(name: str) -> str:
    """A post as written (``Sao Paulo``, ``SECSTATE``) as it appears in reference IDs."""
    key = re.sub(r"[^A-Z]", "", name.upper())
    return POST_ALIASES.get(key, key)


def make_reference_id(year: int, post: str, serial: str | int) -> str:
    """``(2007, "MOSCOW", "000628")`` -> ``07MOSCOW628``."""
    return f"{year % 100:02d}{post_key(post)}{int(serial)}"


def canonical_reference_id(raw: str, *, banner_id: str | None = None) -> str | None:
    """The canonical form of ``raw``, repaired with the banner's ID where that shows it.

    ``08ECTION01OF02MANAMA492`` is ``08MANAMA492``; ``07 moscow 0628`` is ``07MOSCOW628``.
    When ``raw`` cannot be read, ``banner_id`` (the ID the body banner gives) is used;
    None when neither gives an ID.
    """
    text = re.sub(r"\s+", "", raw or "").upper()
    text = _SECTION_JUNK.sub("", text)
    match = REFERENCE_ID.match(text)
    if match is None:
        return banner_id
    year, post, serial = match.groups()
    candidate = f"{year}{POST_ALIASES.get(post, post)}{int(serial)}"
    if banner_id and candidate != banner_id:
        banner = REFERENCE_ID.match(banner_id)
        # Same year and serial, post mangled (a prefix glued on or letters lost): the
        # banner has it right.
        if (
            banner
            and banner.group(1) == year
            and int(banner.group(3)) == int(serial)
            and (post.endswith(banner.group(2)) or banner.group(2).endswith(post))
        ):
            return banner_id
    return candidate


# One cable citation inside a REF item: optional year, post (up to three words), serial.
_CITATION = re.compile(
    r"(?<![A-Za-z0-9])(?:(\d{2})\s?)?([A-Za-z][A-Za-z'.]*(?:\s[A-Za-z][A-Za-z'.]*){0,2}?)"
    r"\s*0*(\d{1,7})\b(?!\s*/|\.\d)"
)
# Words that are not posts even though "WORD 1234" looks like a citation.
_NOT_POSTS = words("not_posts.txt")


# Names a citation gives the Department's own telegrams, which the release files as STATE.
_CITED_AS = {"DEPTEL": "STATE", "SECSTATE": "STATE"}


def cite(text: str, *, year: int | None) -> str | None:
    """The cable ID a REF item names (``STATE 15283`` in 2007 -> ``07STATE15283``)."""
    compact = re.sub(r"\s+", "", text).upper()
    whole = REFERENCE_ID.match(_SECTION_JUNK.sub("", compact))
    if whole and compact[:2].isdigit() and not _is_not_post(whole.group(2)):
        return canonical_reference_id(compact)
    match = _CITATION.search(text)
    if match is None:
        return None
    given_year, post, serial = match.groups()
    words = [_CITED_AS.get(w, w) for w in post.upper().split() if w not in _NOT_POSTS]
    if not words or any(_is_not_post(w) for w in post.upper().split()[:1]):
        return None
    if given_year is not None:
        return make_reference_id(int(given_year), " ".join(words), serial)
    if year is None:
        return None
    return make_reference_id(year, " ".join(words), serial)


def _is_not_post(word: str) -> bool:
    return word.strip(".") in _NOT_POSTS or word in _NOT_POSTS
