"""The classification banner that opens a cable body.

``C O N F I D E N T I A L SECTION 01 OF 03 MOSCOW 000628``:

Banners come letter-spaced, lower-cased or squeezed (``C ONFIDENTIAL``); the banner
gives the classification when no release table does, and post and serial for the
reference ID.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Classification words as banners write them, longest first, and as the release states them.
_LEVELS = (
    ("TOP SECRET", "TOP SECRET"),
    ("LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE"),
    ("UNCLASSIFIED", "UNCLASSIFIED"),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("UNCLAS", "UNCLASSIFIED"),
    ("SECRET", "SECRET"),
)


def _spaced(word: str) -> str:
    # Each letter may be followed by one space: "S E C R E T", "C ONFIDENTIAL".
    return r"\s?".join(re.escape(ch) if ch != " " else r"\s*" for ch in word)


_LEVEL = "|".join(f"(?P<l{i}>{_spaced(w)})" for i, (w, _) in enumerate(_LEVELS))
_BANNER = re.compile(
    rf"^\s*(?:{_LEVEL})(?:\s*E\s?F\s?T\s?O)?(?:\s*//\s*(?P<caveat>[A-Z]+))?\s+"
    r"(?:(?i:section)\s+(?P<section>\d{1,3})\s+(?i:of)\s+(?P<sections>\d{1,3})\s+)?"
    r"(?P<post>[A-Za-z][A-Za-z.'-]*(?:\s{1,2}[A-Za-z][A-Za-z.'-]*){0,3}?)\s+0*(?P<serial>\d{1,7})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Banner:
    """What a banner line says."""

    text: str  # the banner as written, whitespace squeezed
    classification: str  # UNCLASSIFIED, CONFIDENTIAL, SECRET ...
    post: str  # MOSCOW, SAO PAULO
    serial: str  # 628
    section: str | None = None  # "01 OF 03"
    end: int = 0  # where the banner ends in the line it was read from


def find_banner(line: str) -> Banner | None:
    """Read ``line`` as a classification banner; None when it is not one."""
    match = _BANNER.match(line)
    if match is None:
        return None
    level = next(label for i, (_, label) in enumerate(_LEVELS) if match.group(f"l{i}") is not None)
    post = " ".join(match.group("post").upper().split())
    # "SECTION" cut off or misspelt would otherwise read as a post.
    if post in {"SECTION", "OF", "SIPDIS", "NOFORN"}:
        return None
    if match.group("caveat"):
        level = f"{level}//{match.group('caveat').upper()}"
    section = None
    if match.group("section"):
        section = f"{match.group('section')} OF {match.group('sections')}"
    return Banner(
        text=" ".join(match.group(0).split()),
        classification=level,
        post=post,
        serial=str(int(match.group("serial"))),
        section=section,
        end=match.end(),
    )
