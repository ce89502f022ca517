"""Give line structure back to a body whose newlines were collapsed to double spaces.

The JSON-lines export joined every line with spaces, so the header fields, headings
and paragraphs share one line. Runs of two or more spaces mark where lines were; the
header (up to the first numbered paragraph) gets a line per run, the rest gets line
breaks only where a paragraph or a dashed heading starts, so the prose of a paragraph
stays whole.
"""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(
    r"(?:¶|\ufffd)?\d{1,3}\s?\.(?:\s{1,3}\((?:[A-Za-z]{1,4}(?:/{1,2}[A-Za-z]{1,6})*)\)|\s{1,3}[A-Z])"
)
_GAP = re.compile(r" {2,}")
_RULED_HEADING = re.compile(
    r"(?<!\S)-{3,}\s+(?P<title>[^-\s][^-]{0,100}?)\s+(?P<rule>-{3,}(?:\s-+)*)(?!\S)"
)
_NUMBER_GAP = re.compile(r"((?:^|(?<= ))\d{1,3}\s?\.) {2,}(?=\(|[A-Z])")
_BANNER_START = re.compile(
    r"^(?:UNCLAS(?:SIFIED)?|(?:[A-Z] ){4,}[A-Z]|[A-Z]{6,12})\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?"
    r"[A-Z][A-Z]*(?: [A-Z]+){0,2}\s+\d{3,}(?= |$)"
)
_HEADING = re.compile(r"^(?:-{3,}\s+)?(?P<title>[^-].{0,100}?)\s+(?P<rule>-{3,}(?:\s-+)*)$")


def expand_collapsed(text: str) -> str:
    """Line breaks back where the export took them out (an approximation; see module doc)."""
    if "\n" in text.strip():
        return text  # not collapsed after all
    text = text.strip()
    out: list[str] = []
    banner = _BANNER_START.match(text)
    if banner is not None:
        # "S E C R E T  BAGHDAD 000586": the banner keeps its own gaps.
        out.append(" ".join(banner.group(0).split()))
        text = text[banner.end() :].lstrip()
    # "1.  (S) SUMMARY": the gap after a paragraph number is no line break.
    text = _NUMBER_GAP.sub(r"\1 ", text)
    # "---- Iran Trip:  Borders and More ----": a heading between rules is one segment.
    text = _RULED_HEADING.sub(
        lambda m: f"  {' '.join(m.group('title').split())} {m.group('rule')}  ", text
    )
    segments = _GAP.split(text)
    in_header = True
    for segment in segments:
        starts_paragraph = bool(_PARAGRAPH.match(segment))
        heading = _HEADING.match(segment)
        if starts_paragraph:
            in_header = False
            out.extend(["", segment])
        elif heading:
            in_header = False
            out.extend(["", heading.group("title"), heading.group("rule"), ""])
        elif in_header or not out or re.fullmatch(r"-{3,}", segment) or out[-1] == "":
            out.append(segment)
        else:
            out[-1] = f"{out[-1]}  {segment}"
    return "\n".join(out)
