"""The items of a REF block and the cables they cite.

``A. STATE 15283 B. MOSCOW 627``, ``A) ... (B) ...``, ``Baghdad 2746 Baghdad 2860``,
``STATE 41252 AND 44603``: each item becomes a Reference, resolved to a cable ID with the
citing cable's year when the item gives none.
"""

from __future__ import annotations

import re

from kg.model import Reference
from kg.parse.refids import cite

# An item label: "A.", "b)", "(C)", "[D]", "(E)BRASILIA" (the bracket closes it), "¶F.".
_LABEL = re.compile(
    r"(?:^|(?<=[\s;,.¶]))(?:[\[(]([A-Za-z])[)\]](?=\s|$|[A-Z0-9])|([A-Za-z])\s?(?:[.):]|\s-)(?=\s|$|[A-Z]{2}))"
)


def trim_ref(text: str) -> str:
    """A REF block's text without the REF keywords a converter repeated inside it."""
    # "REF: A. REF: KATHMANDU 2282": a REF keyword repeated inside the block.
    text = re.sub(r"\bREFS?\s*:\s*", "", text, flags=re.I)
    return text.strip(" .;,")


def _labels(text: str) -> list[re.Match[str]]:
    """The labels that letter the items in sequence (a, b, c ... in either case); a label
    doubled by a converter ("A. A) STATE 56282") or repeated ("B) ... B)") counts once."""
    found: list[re.Match[str]] = []
    expected = "a"
    for match in _LABEL.finditer(text):
        letter = (match.group(1) or match.group(2)).lower()
        # A pilcrow may open the line ("¶B. BRASILIA 1207"), left by a page's markup.
        at_line_start = not text[: match.start()].rsplit("\n", 1)[-1].strip(" -¶")
        # Items left out of a list a converter cut: up to seven letters skipped, on a line
        # of its own.
        skipped = found and 0 < ord(letter) - ord(expected) <= 7 and at_line_start
        if letter == expected or skipped or (not found and not text[: match.start()].strip()):
            found.append(match)
            expected = chr(ord(letter) + 1)
        elif found and letter == chr(ord(expected) - 1):
            found.append(match)  # the same letter again: a doubled label or a repeat
    # One lone "A." in a block is a label only at its start.
    if len(found) == 1 and found[0].start() > 0:
        return []
    return found


def parse_references(text: str, *, year: int | None) -> list[Reference]:
    """Split a REF block into its items and resolve each to a cable ID where it names one."""
    text = _normalize(text)
    labels = _labels(text)
    items: list[tuple[str | None, str]] = []
    if not labels:
        # Items without labels, set apart by semicolons: "08 STATE 1234; E-Mail ...".
        items.extend((None, part) for part in re.split(r";\s*", text))
    else:
        if labels[0].start() > 0 and text[: labels[0].start()].strip(" ;,"):
            items.append((None, text[: labels[0].start()]))
        for match, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start() if following else len(text)
            item = text[match.end() : end]
            letter = (match.group(1) or match.group(2)).upper()
            if not item.strip(" ;,.") and following is not None:
                continue  # "A. A)": the first of a doubled label
            items.append((letter, item))
    references: list[Reference] = []
    for label, item in items:
        item = " ".join(item.split()).strip(" ;,.")
        if not item:
            continue
        pieces = [" ".join(piece.split()) for piece in _split_citations(item)]
        for piece in pieces:
            references.append(Reference(text=piece, label=label, cable_id=cite(piece, year=year)))
    return references


_CITATION_ITEM = re.compile(
    r"(?:(?:\b\d{2}|\b\d{4}|\(\d{2}\))\s?)?\b(?!AND\b)[A-Z][A-Za-z]+(?:\s(?!AND\b)[A-Z][A-Za-z]+){0,2}"
    r"\s+(?:0\d{3,6}\s+\d{2}(?=\s*(?:[,;]|$))|\d+(?:-\d{2}\b)?)"
    r"(?:(?:\s*,\s*|\s+(?:AND|and|&)\s+)\d{3,}\b)*"
)


def _normalize(text: str) -> str:
    """What converters and drafters vary in a REF block, written one way: "PRAGUE, 1228"
    (a comma after the post), "#3565", "KUWAIT (C)02293" (a marking), "STATE (01) 201265"
    (the year in brackets), "Kabul 936/935" (serials by slashes), "PANAMA 00789/08" (the
    year after a slash), "COTON0U" and "LAGOS O1512" (zero and O confused)."""
    text = re.sub(r"(?<=[A-Za-z])0(?=[A-Za-z])", "O", text)
    text = re.sub(r"(?<=\s)O(?=\d{3,})", "0", text)
    text = re.sub(r"\b([A-Z][A-Za-z]{2,}),\s+(?=\d{2,}\b)", r"\1 ", text)
    text = re.sub(r"#(?=\d)", "", text)
    text = re.sub(r"(?<=[A-Za-z])\s*\((?:U|C|S|SBU)\)\s*(?=\d)", " ", text)
    text = re.sub(r"\b([A-Z][A-Za-z]{2,})\s*\((\d{2})\)\s*(\d{2,})", r"\2 \1 \3", text)
    text = re.sub(r"\b(\d{3,})/(\d{2})\b(?!/)", r"\1-\2", text)
    return re.sub(r"\b\d{3,}(?:/\d{3,})+\b", lambda m: ", ".join(m.group(0).split("/")), text)


def _split_citations(item: str) -> list[str]:
    """``Baghdad 2746 Baghdad 2860`` -> two items; ``STATE 41252 AND 44603`` -> two."""
    found = _CITATION_ITEM.findall(item)
    if len(found) < 2 and not (found and re.search(r"(?:\s(?:AND|and|&)|,)\s+\d", found[0])):
        return [item]
    out: list[str] = []
    for part in found:
        # "STATE 41252 AND 44603", "State 188314, 259032": more serials of the same post.
        head = re.match(r"^(.*?)\s+(\d+)((?:(?:\s*,\s*|\s+(?:AND|and|&)\s+)\d{3,})*)$", part)
        if head is None:
            out.append(part)
            continue
        out.append(f"{head.group(1)} {head.group(2)}")
        out.extend(f"{head.group(1)} {n}" for n in re.findall(r"\d+", head.group(3)))
    return out
