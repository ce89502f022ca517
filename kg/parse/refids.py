"""Cable reference IDs: build them from a banner, canonicalize malformed ones, resolve REF items.

A reference ID is the two-digit year, the originating post without spaces and the
serial number without leading zeros: ``07MOSCOW628``, ``09STATE15113``, ``06SAOPAULO526``.

Posts are named as the release's IDs name them (``kg/data/parse/posts.txt``). Other
names, abbreviations and prefixed forms map through ``post_aliases.tsv`` (``HAGUE`` is
``THEHAGUE``, ``BA`` is ``BUENOSAIRES``, ``SECSTATE`` is ``STATE``); a misspelling a letter
or two off one known post (``SAOPAUO``, ``BRASILA``, ``WELLINGOTN``) or the start of only
one (``HALIF``, ``KUALALUMP``) is read as that post.
"""

from __future__ import annotations

import re
from functools import cache

from kg.parse.lexicon import lines, rows, words

REFERENCE_ID = re.compile(r"^(\d{2})([A-Z][A-Z]*?)(\d{1,7})$")

# Names a post goes by in banners and REF lines, mapped to the name its IDs use.
POST_ALIASES: dict[str, str] = {alias: post for alias, post, *_ in rows("post_aliases.tsv")}
# The posts the release's IDs name.
POSTS: frozenset[str] = frozenset(lines("posts.txt"))
# Posts whose IDs changed name: post -> (the name before, the first year of the post's own).
_ERAS: dict[str, tuple[str, int]] = {
    post: (before, int(since)) for post, before, since, *_ in rows("post_eras.tsv")
}

# Junk a converter glued between year and post: "08ECTION01OF02MANAMA492" (a section
# marker, its letters mangled), "0901OF02RPODUBAI288".
_SECTION_JUNK = re.compile(r"^[A-Z]{0,9}\d{1,2}[A-Z]{0,2}\d{1,2}(?=[A-Z]{3})")
# Words glued in front of the post: the EFTO caveat, the tail of CLASSIFIED, an address.
_PREFIXES = ("AMEMBASSY", "EMBASSY", "USMISSION", "AMCONSUL", "AMCONGEN", "CONGEN")
_LOOSE_PREFIXES = ("EFTO", "NOFORN", "SIFIED", "FIED", "FSC", "US")
# The ID proper, then what follows it: "06MADRID002583ZFR2585", "90STATE255577TOSEC140323".
_ID_AND_TAIL = re.compile(r"^(\d{2})([A-Z]+?)(\d{1,7})(?:([A-Z]+)(\d{1,7}))?$")
# Tails that say the serial after them is the ID's own: "08LAGOS000412SUSPECTEDDUPLICATE414"
# is a duplicate that was filed under the serial it names last.
_OWN_SERIAL_AFTER = frozenset({"SUSPECTEDDUPLICATE", "DUPLICATE", "DUPLICATEOF"})


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insertions, deletions, substitutions, swaps of neighbours), or
    ``limit + 1`` once it is sure to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@cache
def known_post(name: str) -> str | None:
    """The release's name for a post written ``name`` (letters only, upper case), or None
    when it is none that the tables know, even misspelt."""
    if name in POST_ALIASES:
        return POST_ALIASES[name]
    if name in POSTS:
        return name
    if len(name) < 3:
        return None
    limit = 1 if len(name) < 7 else 2
    best: list[str] = []
    best_distance = limit + 1
    for post in POSTS:
        distance = _distance(name, post, limit)
        if distance < best_distance:
            best, best_distance = [post], distance
        elif distance == best_distance:
            best.append(post)
    if len(best) == 1 and best_distance <= limit:
        return POST_ALIASES.get(best[0], best[0])
    # The start of only one post, cut short: "HALIF", "KUALALUMP".
    starts = [post for post in POSTS if post.startswith(name)]
    if len(starts) == 1 and len(name) >= 3:
        return POST_ALIASES.get(starts[0], starts[0])
    return None


def post_in_year(post: str, year: int | str) -> str:
    """The name the release's IDs give ``post`` in ``year`` (four digits or the ID's two):
    ``AITTAIPEI`` in 2008 is ``TAIPEI``, ``TAIPEI`` in 2009 ``AITTAIPEI``
    (``kg/data/parse/post_eras.tsv``)."""
    short = int(year) % 100
    full = 1900 + short if short >= 50 else 2000 + short
    for name, (before, since) in _ERAS.items():
        if post in (name, before):
            return before if full < since else name
    return post


def _garbled_post(name: str, *, origin: str | None) -> str | None:
    """The one post a mangled name stands for, None when none fits or two do.

    A ``Q`` stands in for one to three letters lost in transmission: ``QXICO`` is
    ``MEXICO``, ``BUENOSQRES`` is ``BUENOSAIRES``. ``AQNA`` fits both ``ADANA`` and
    ``ASTANA``: only the post the release names as the cable's origin settles it, and
    that post also settles a name up to three letters off it (``ANOI`` under Hanoi)."""
    fits: list[str] = []
    if "Q" in name and len(name) >= 4:
        pattern = re.compile("".join("[A-Z]{1,3}" if c == "Q" else c for c in name))
        fits = [post for post in POSTS if pattern.fullmatch(post)]
    if origin is not None and (origin in fits or _distance(name, origin, 3) <= 3):
        return origin
    return POST_ALIASES.get(fits[0], fits[0]) if len(fits) == 1 else None


# Words before the place in the release's name of an origin: "Embassy Astana",
# "Consulate Adana", "US Mission Geneva".
_ORIGIN_LABELS = frozenset({"EMBASSY", "CONSULATE", "MISSION", "US", "AMEMBASSY", "AMCONSUL"})


def origin_post(origin: str | None) -> str | None:
    """The post an origin as the release names it (``Embassy Astana``) or as an FM line
    gives it (``AMEMBASSY ASTANA``) is known by in reference IDs; None when it names none."""
    words = (origin or "").upper().split()
    while words and words[0] in _ORIGIN_LABELS:
        words = words[1:]
    key = post_key(" ".join(words)) if words else ""
    return key if key in POSTS else None


def _strip_prefix(post: str) -> str:
    for prefix in _PREFIXES:
        if post.startswith(prefix) and len(post) > len(prefix):
            return post[len(prefix) :]
    for prefix in _LOOSE_PREFIXES:
        rest = post[len(prefix) :]
        if post.startswith(prefix) and post not in POSTS and known_post(rest) is not None:
            return rest
    return post


def canonical_post(name: str) -> str:
    """The post part of an ID as the release writes it: known name, alias or misspelling
    repaired; an unknown name stays, its prefixes (``EMBASSY``) dropped."""
    post = _strip_prefix(name)
    return known_post(post) or POST_ALIASES.get(post, post)


def post_key(name: str) -> str:
    """A post as written (``Sao Paulo``, ``SECSTATE``, ``PORT-AU-PRINCE``) as it appears in
    reference IDs."""
    key = re.sub(r"[^A-Z]", "", name.upper())
    return canonical_post(key)


def make_reference_id(year: int, post: str, serial: str | int) -> str:
    """``(2007, "MOSCOW", "000628")`` -> ``07MOSCOW628``."""
    return f"{year % 100:02d}{post_in_year(post_key(post), year)}{int(serial)}"


def _parts(raw: str) -> tuple[str, str, list[str]] | None:
    """(year, post, serials) of a possibly malformed ID, junk removed; None when it has no
    such shape. Serials: the ID's, then any glued on after it."""
    text = re.sub(r"[^A-Z0-9]", "", (raw or "").upper())
    if len(text) < 4 or not text[:2].isdigit():
        return None
    year, rest = text[:2], text[2:]
    if rest.startswith(year) and rest[2:3].isalpha():
        rest = rest[2:]  # "7575LIBREVILLE1895": the year doubled
    rest = _SECTION_JUNK.sub("", rest, count=1)
    match = _ID_AND_TAIL.match(year + rest)
    if match is None:
        return None
    serials = [match.group(3)] + ([match.group(5)] if match.group(5) else [])
    if match.group(4) in _OWN_SERIAL_AFTER:
        serials.reverse()
    return year, match.group(2), serials


def is_release_id(text: str) -> bool:
    """Whether ``text`` is a well-formed ID whose post the release's IDs use as written."""
    match = REFERENCE_ID.match(text)
    return match is not None and match.group(2) in POSTS


def canonical_reference_id(
    raw: str, *, banner_id: str | None = None, origin: str | None = None
) -> str | None:
    """The canonical form of ``raw``, repaired with the banner's ID where that shows it.

    ``08ECTION01OF02MANAMA492`` is ``08MANAMA492``; ``07 moscow 0628`` is ``07MOSCOW628``;
    ``04SAOPAUO123`` is ``04SAOPAULO123``; ``06PORT-OF-SPAIN123`` is ``06PORTOFSPAIN123``.
    When ``raw`` cannot be read, ``banner_id`` (the ID the body banner gives) is used;
    when both give one, a mangled ``raw`` of the banner's year and serial yields to it.
    A post no table knows is read through the ``Q`` that stands for letters lost in
    transmission (``07QXICO3307`` is ``07MEXICO3307``) and, given the cable's ``origin``
    (``Embassy Astana``), as that origin's post when it is close (``10AQNA272`` is
    ``10ASTANA272``). None when neither gives an ID.
    """
    parts = _parts(raw)
    if parts is None:
        return banner_id
    year, post, serials = parts
    name = canonical_post(post)
    if name not in POSTS:
        name = _garbled_post(name, origin=origin_post(origin)) or name
    if name != post:
        name = post_in_year(name, year)  # repaired: the post's name in the ID's year
    candidate = f"{year}{name}{int(serials[0])}"
    if banner_id and candidate != banner_id:
        banner = REFERENCE_ID.match(banner_id)
        if banner and banner.group(1) == year and _same_serial(banner.group(3), serials):
            # Same year and serial, the post mangled (letters lost or glued on): the
            # banner has it right.
            return banner_id
    return candidate


def _same_serial(banner_serial: str, serials: list[str]) -> bool:
    number = int(banner_serial)
    return any(int(s) == number or banner_serial.endswith(s.lstrip("0") or "0") for s in serials)


# One cable citation inside a REF item: optional year, post (up to three words), serial.
_CITATION = re.compile(
    r"(?<![A-Za-z0-9/])(?:\(?(\d{2}|\d{4})\)?\s?)?"
    r"([A-Za-z][A-Za-z'.-]*(?:\s[A-Za-z][A-Za-z'.-]*){0,3}?)"
    r"\s*0*(\d{1,7})(?:-(\d{2}))?\b(?!\s*/|\.\d|\s*[A-Z]{3}\s\d{2}\b)"
)
# Words that are not posts even though "WORD 1234" looks like a citation.
_NOT_POSTS = words("not_posts.txt")


# Names a citation gives the Department's own telegrams, which the release files as STATE.
_CITED_AS = {"DEPTEL": "STATE", "SECSTATE": "STATE"}


_ARTICLES = frozenset({"THE"})
_SERIAL_FIRST = re.compile(r"^\s*0*(\d{2,7})\s+([A-Za-z][A-Za-z .'-]{2,30}?)\s*$")
# A year of two digits after a zero-padded serial, the item ending there.
_TRAILING_YEAR = re.compile(r"\s+(\d{2})\s*(?:$|[,;])")


def serial_has_zeros(match: re.Match[str]) -> bool:
    """Whether the serial of a citation was written zero-padded (``07718``)."""
    return bool(re.search(r"\s0\d{3,}$", match.group(0)))


def _short_year(text: str) -> int:
    return int(text) % 100


def cite(text: str, *, year: int | None) -> str | None:
    """The cable ID a REF item names (``STATE 15283`` in 2007 -> ``07STATE15283``).

    The year comes first (``08 STATE 1234``, ``2007 MANAGUA 2135``, ``(99) ROME 2196``) or
    after the serial (``QUITO 4525-91``); else it is the citing cable's. The post must be
    one the release knows, even misspelt: ``OSD REPORT 12`` cites no cable.
    """
    compact = re.sub(r"\s+", "", text).upper()
    whole = _parts(compact) if re.fullmatch(r"\d{2}[A-Z]{2,}\d{1,7}", compact) else None
    if whole is not None and known_post(_strip_prefix(whole[1])) is not None:
        cable_id = canonical_reference_id(compact)
        parts = REFERENCE_ID.match(cable_id or "")
        if parts is not None and re.search(r"\s", text.strip()):
            # Written as words ("05 AIT TAIPEI 931"): a name of the post, not an ID.
            year_, post, serial = parts.groups()
            return f"{year_}{post_in_year(post, year_)}{serial}"
        return cable_id
    before = _SERIAL_FIRST.match(text)
    if before is not None:
        # "870 Ulaanbaatar": the serial before the post.
        post = known_post(re.sub(r"[^A-Z]", "", before.group(2).upper()))
        if post is not None and year is not None:
            return f"{year % 100:02d}{post_in_year(post, year)}{int(before.group(1))}"
    glued = re.fullmatch(r"\s*([A-Za-z]{2,})(\d{3,7})\s*", text)
    if glued is not None:
        # "HK05511": post and serial run together.
        post = known_post(glued.group(1).upper())
        if post is not None and year is not None:
            return f"{year % 100:02d}{post_in_year(post, year)}{int(glued.group(2))}"
    for match in _CITATION.finditer(text):
        given_year, post, serial, after_year = match.groups()
        names = [w.strip(".'") for w in post.upper().split()]
        while names and names[0] in _ARTICLES:
            names = names[1:]  # "THE HAGUE 109": the article is no word of the post
        if not names:
            continue
        resolved = _resolve_post([_CITED_AS.get(w, w) for w in names])
        if resolved is None:
            continue
        trailing = _TRAILING_YEAR.match(text, match.end())
        if given_year is not None:
            cited_year: int | None = _short_year(given_year)
        elif after_year is not None:
            cited_year = _short_year(after_year)
        elif trailing is not None and serial_has_zeros(match):
            cited_year = _short_year(trailing.group(1))  # "AMMAN 07718 99"
        else:
            cited_year = year
        if cited_year is None:
            return None
        return f"{cited_year % 100:02d}{post_in_year(resolved, cited_year)}{int(serial)}"
    return None


def _resolve_post(names: list[str]) -> str | None:
    """The known post that the last words of a citation name: ``SAO PAULO``, ``THE HAGUE``,
    ``AMEMBASSY PARIS``; None when they name none."""
    whole = re.sub(r"[^A-Z]", "", "".join(names))
    if whole in POST_ALIASES or whole in POSTS:
        return POST_ALIASES.get(whole, whole)  # "RIO DE JAN", though JAN is a month
    for k in range(len(names)):
        key = re.sub(r"[^A-Z]", "", "".join(names[k:]))
        if any(_is_not_post(w) for w in names[k:]):
            continue  # "CAIRO IIR 6 899", "PARA 3": a number that is no serial
        if not key:
            continue
        post = known_post(_strip_prefix(key))
        if post is not None and (len(key) >= 5 or key in POSTS or key in POST_ALIASES):
            return post
    return None


def _is_not_post(word: str) -> bool:
    return word.strip(".") in _NOT_POSTS or word in _NOT_POSTS
