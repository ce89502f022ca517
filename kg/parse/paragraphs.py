"""Split body text into paragraphs: numbers, classification markings, section headings,
and the signature that closes the cable.

A numbered paragraph runs until the next number in sequence or a section heading, blank
lines and all (lists and tables inside a paragraph belong to it). Text before the first
number, and every paragraph of a cable that numbers none, is split at blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Paragraph
from kg.parse.clean import prose
from kg.parse.lexicon import words
from kg.parse.linebreaks import join_lines, wrap_width

_NUMBERED = re.compile(
    r"^\s*(?:M-6)?\s*(?P<number>\d{1,3})\s?\.(?=\s|\(|$|[A-Z][a-z])\s*"
    r"(?:\((?P<marking>[A-Za-z]{1,4}(?:\s?[/-]{1,2}\s?[A-Za-z]{1,6})*)\)\s*)?"
)
_DASHES = re.compile(r"^\s*-{3,}[\s-]*$")
_CAPS_HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 ,:;'&/()\-]{2,70}$")
_TITLE_HEADING = re.compile(r"^[A-Z][\w'&/()\-]*(?:[ :,][ ]?[\w'&/()\-]+){0,7}\??$")
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z'\-]+(?:\.?\s?[A-Z][A-Za-z'\-]*){0,3}$")
# One surname-like word in any case ("argyros", "RICE", "Burns") standing alone.
_ONE_WORD_SIGNATURE = re.compile(r"^[A-Za-z][A-Za-z'\-]+$")
_SENTENCE_END = re.compile(r"""[.!?:;"')\]]\s*$""")
_TAIL_SIGNATURE = re.compile(r"(?<=[.!?\"')*0-9])\s+([A-Z][A-Z'\-]{2,})\s*$")
_TAIL_NAME = re.compile(
    r"(?<=[.!?\"')])\s+((?:Mc|Mac|De|Le|O')?[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\s*$"
)
_NOT_SIGNATURES = words("not_signatures.txt")
_COMMON_WORDS = words("line_openers.txt")
# What mirrors and relays leave under the signature.
_TRAILER = re.compile(
    r"^\s*(?:BT|NNNN|#\d{4}|\d{4}|=+[A-Z ]*=+|-+|[.>#*/\\]+"
    # The classification and caveats a page repeats at its foot.
    r"|(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?:\s*//\s*[A-Z ]+)?"
    r"|SIPDIS|NOFORN|SENSITIVE|EFTO|UNCLAS)"
    # "2004CARACA01540 - UNCLASSIFIED", "2002ROME01748 - Classification: SECRET".
    r"|\d{4}[A-Z]{3,}\d{3,}\s*-\s*.*"
    # A page header: "PAGE 04 ZAGREB 01569 04 OF 04 071629Z".
    r"|PAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]*?\s+\d{3,}(?:\s+\d{2}\s+OF\s+\d{2})?\s+\d{6}Z"
    # The stamp of the systematic review the telegram was released by.
    r"|Declassified/Released\b.*|Review\s+\d{1,2}\s+[A-Z]{3}\s+\d{4})\s*$"
)
# A note after the signature: "NOTE BY OC/T: ...", "NOTE: NOT PASSED TO ABOVE ADDRESSEE(S)".
_AFTER_NOTE = re.compile(r"^\s*NOTE\b(?:\s+BY\b[^:]*)?\s*:")


@dataclass(frozen=True, slots=True)
class Body:
    """The paragraphs of a body and the signature found under them."""

    paragraphs: tuple[Paragraph, ...]
    signature: str | None
    text: str  # the body lines the paragraphs came from, signature excluded


_RULED = re.compile(r"^\s*-{3,}[\s-]*?\s(?P<title>[^-\s].*?)\s+-{3,}[\s-]*$")
_TRAILING_RULE = re.compile(
    r"^(?:(?P<before>.*[.!?\"')])\s+)?(?P<title>[A-Z][^.!?]{0,80}?[^\s.!?])\s+-{3,}[\s-]*$"
)


def unfold_rules(lines: list[str]) -> list[str]:
    """Put headings that converters ran onto one line with their rules on lines of their own.

    ``---- PCC WAGES ALL OUT WAR ---- `` and ``... End Summary. Greek Suspicions ----``
    become a heading line underlined with dashes.
    """
    out: list[str] = []
    for line in lines:
        ruled = (_RULED.match(line) or _TRAILING_RULE.match(line)) if "---" in line else None
        if ruled is None or _DASHES.match(line):
            out.append(line)
            continue
        before = ruled.groupdict().get("before")
        if before:
            out.extend([before, ""])
        out.extend([ruled.group("title"), "-" * 3])
    return out


def _is_heading(lines: list[str], i: int) -> bool:
    """A line underlined with dashes, or a short line standing alone before a numbered
    paragraph: in capitals ("INTERNATIONAL CONVENTIONS") or a title of a few words with
    no closing punctuation ("Background")."""
    line = lines[i].strip()
    if not line or _DASHES.match(line) or _NUMBERED.match(line):
        return False
    if i + 1 < len(lines) and _DASHES.match(lines[i + 1]):
        return True
    before = lines[i - 1].strip() if i > 0 else ""
    after = next((x for x in lines[i + 1 :] if x.strip()), "")
    return (
        not before
        and i + 1 < len(lines)
        and not lines[i + 1].strip()
        and bool(_CAPS_HEADING.match(line) or _TITLE_HEADING.match(line))
        and not line.upper().startswith(("END ", "END,"))
        and line[-1] not in ".,;"
        and bool(_NUMBERED.match(after))
        and not _under_colon(lines, i)
    )


def _under_colon(lines: list[str], i: int) -> bool:
    """Under a line ending in a colon ("Participants:") short lines are a list."""
    for k in range(i - 1, -1, -1):
        if lines[k].strip():
            return lines[k].rstrip().endswith(":")
    return False


def _drop_trailers(lines: list[str]) -> list[str]:
    """Without the lines under the signature: page feet, classification lines, the relay's
    NNNN, a note to the reader."""
    lines = list(lines)
    while True:
        while lines and (not lines[-1].strip() or _TRAILER.match(lines[-1])):
            lines.pop()
        # A note standing after the signature, a blank line between them.
        k = len(lines) - 1
        while k > 0 and lines[k].strip():
            k -= 1
        if 0 < k < len(lines) - 1 and _AFTER_NOTE.match(lines[k + 1]):
            before = next((x.strip() for x in reversed(lines[:k]) if x.strip()), "")
            if _SIGNATURE.match(before.rstrip(".#")) and len(before) <= 40:
                del lines[k:]
                continue
        break
    if lines:
        # "GILLESPIE##", "MCNAMARA.": junk glued to the name.
        last = lines[-1].rstrip()
        bare = last.strip().rstrip('#*." ')
        if bare != last.strip() and _SIGNATURE.match(bare) and bare.upper() == bare:
            lines[-1] = bare
    return lines


def _strip_signature(lines: list[str]) -> tuple[list[str], str | None]:
    lines = _drop_trailers(lines)
    if not lines:
        return lines, None
    last = lines[-1].strip()
    if (
        len(lines) > 1
        and len(last) <= 40
        and _SIGNATURE.match(last)
        and last.split()[0].upper() not in _NOT_SIGNATURES
        and not (len(lines) > 1 and _DASHES.match(lines[-2] or ""))
    ):
        return lines[:-1], last
    if len(lines) > 1 and _lower_case_signature(lines, last):
        return lines[:-1], last
    # "... upon his return from Georgia. LARSON": the signature on the last text line;
    # "... minimize considered. Satterfield" where a converter lost the line break.
    match = _TAIL_SIGNATURE.search(lines[-1]) or _TAIL_NAME.search(lines[-1])
    if match and match.group(1).upper() not in _NOT_SIGNATURES:
        lines[-1] = lines[-1][: match.start()]
        return lines, match.group(1)
    return lines, None


def _lower_case_signature(lines: list[str], last: str) -> bool:
    """``argyros`` under a lower-cased body: one word, not a common one, standing after a
    blank line or a finished sentence (a word wrapped off the last sentence does not)."""
    if not _ONE_WORD_SIGNATURE.match(last) or len(last) < 3:
        return False
    if last.upper() in _NOT_SIGNATURES or last.upper() in _COMMON_WORDS:
        return False
    before = lines[-2].strip()
    return not before or bool(_SENTENCE_END.search(before))


def split_paragraphs(lines: list[str]) -> Body:
    """Paragraphs, 0-based index, number and marking stripped from the text."""
    lines, signature = _strip_signature(lines)
    blocks: list[tuple[int | None, str | None, str | None, list[str]]] = []
    heading: str | None = None
    last_number = 0
    list_number: int | None = None  # a numbered list running inside the paragraph
    numbered = False
    current: list[str] | None = None

    def close() -> None:
        nonlocal current
        current = None

    i = 0
    while i < len(lines):
        line = lines[i]
        if _DASHES.match(line):
            i += 1
            continue
        if _is_heading(lines, i):
            heading = prose(line).strip(" :-")
            close()
            i += 1
            continue
        match = _NUMBERED.match(line)
        number = int(match.group("number")) if match else 0
        follows_text = i > 0 and bool(lines[i - 1].strip())
        # "1. Post proposes:" / "1. first item;" / "2. second item.": a list inside the
        # paragraph, its items on the lines right under each other.
        if (
            match
            and current is not None
            and numbered
            and follows_text
            and (number <= last_number or (list_number is not None and number == list_number + 1))
        ):
            list_number = number
            match = None
        if match and _in_sequence(number, last_number, match.group("marking")):
            last_number = number
            list_number = None
            numbered = True
            marking = match.group("marking")
            # The number's room kept as spaces: the line's length tells where it broke.
            current = [" " * match.end() + line[match.end() :]]
            marking = marking.upper().replace(" ", "") if marking else None
            blocks.append((last_number, marking, heading, current))
            heading = None
        elif not line.strip():
            if not numbered:
                close()
            elif current is not None:
                current.append("")
        elif current is None:
            current = [line]
            blocks.append((None, None, heading, current))
            heading = None
        else:
            current.append(line)
        i += 1
    paragraphs: list[Paragraph] = []
    width = wrap_width(lines)
    for block_number, marking, block_heading, block in blocks:
        text = join_lines(block, width)
        if not text:
            continue
        paragraphs.append(
            Paragraph(
                index=len(paragraphs),
                text=text,
                number=block_number,
                classification=marking,
                heading=block_heading,
            )
        )
    return Body(paragraphs=tuple(paragraphs), signature=signature, text="\n".join(lines))


def _in_sequence(number: int, last: int, marking: str | None) -> bool:
    """Whether a line-initial number starts the next paragraph rather than a list item."""
    if last == 0:
        return number in (1, 2) or marking is not None
    if number <= last:
        return False
    return number - last <= (10 if marking else 2)
