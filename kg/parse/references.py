"""The items of a REF block and the cables they cite.

``A. STATE 15283 B. MOSCOW 627``, ``A) ... (B) ...``, ``Baghdad 2746 Baghdad 2860``,
``STATE 41252 AND 44603``: each item becomes a Reference, resolved to a cable ID with the
citing cable's year when the item gives none.
"""

from __future__ import annotations

import re

from kg.model import Reference
from kg.parse.refids import cite

_REF_LABEL = re.compile(r"(?:^|(?<=[\s;,]))\(?([A-Z])\s?[.)](?=\s|$)")
_LOWER_LABEL = re.compile(r"(?:^|(?<=[\s;,]))\(?([a-z])\s?[.)](?=\s|$)")


def trim_ref(text: str) -> str:
    """A REF block's text without the REF keywords a converter repeated inside it."""
    # "REF: A. REF: KATHMANDU 2282": a REF keyword repeated inside the block.
    text = re.sub(r"\bREFS?\s*:\s*", "", text, flags=re.I)
    return text.strip(" .;,")


def parse_references(text: str, *, year: int | None) -> list[Reference]:
    """Split a REF block into its items and resolve each to a cable ID where it names one."""
    labels = list(_REF_LABEL.finditer(text))
    if not labels:
        # A lower-cased block: "a. athens 498 b. state 41252", lettered from "a" on.
        lower = list(_LOWER_LABEL.finditer(text))
        if lower and all(m.group(1) == chr(ord("a") + k) for k, m in enumerate(lower)):
            labels = lower
    items: list[tuple[str | None, str]] = []
    if not labels:
        items.append((None, text))
    else:
        if labels[0].start() > 0 and text[: labels[0].start()].strip(" ;,"):
            items.append((None, text[: labels[0].start()]))
        for match, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(text)
            item = text[match.end() : end]
            # "A. A. STATE 56282": the label doubled by a converter.
            item = re.sub(rf"^\s*\(?{match.group(1)}\s?[.)]\s", "", item)
            items.append((match.group(1).upper(), item))
    references: list[Reference] = []
    for label, item in items:
        item = item.strip(" ;,.")
        if not item:
            continue
        pieces = _split_citations(item)
        for piece in pieces:
            references.append(Reference(text=piece, label=label, cable_id=cite(piece, year=year)))
    return references


_CITATION_ITEM = re.compile(
    r"(?:\b\d{2}\s?)?\b(?!AND\b)[A-Z][A-Za-z]+(?:\s(?!AND\b)[A-Z][A-Za-z]+){0,2}\s+\d+"
    r"(?:\s+(?:AND|and|,)\s+\d+\b)*"
)


def _split_citations(item: str) -> list[str]:
    """``Baghdad 2746 Baghdad 2860`` -> two items; ``STATE 41252 AND 44603`` -> two."""
    found = _CITATION_ITEM.findall(item)
    if len(found) < 2 and not (found and re.search(r"\s(?:AND|and|,)\s+\d", found[0])):
        return [item]
    out: list[str] = []
    for part in found:
        # "STATE 41252 AND 44603": more serials of the same post.
        head = re.match(r"^(.*?)\s+(\d+)((?:\s+(?:AND|and|,)\s+\d+)*)$", part)
        if head is None:
            out.append(part)
            continue
        out.append(f"{head.group(1)} {head.group(2)}")
        out.extend(f"{head.group(1)} {n}" for n in re.findall(r"\d+", head.group(3)))
    return out
