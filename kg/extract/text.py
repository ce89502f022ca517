"""Tokens, sentences and the pieces of a cable that extractors read.

A :class:`Segment` is one stretch of text with a known place in the cable (a paragraph,
the subject line, the REF block, the Classified By line, the signature): every offset an
extractor reports is an offset into ``Segment.text``. Tokens keep their offsets, so a
surface form is always ``text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import Cable, Field

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "jr",
        "sr",
        "st",
        "gen",
        "col",
        "amb",
        "sen",
        "rep",
        "prof",
        "lt",
        "maj",
        "capt",
        "sgt",
        "adm",
        "no",
        "gov",
        "messrs",
        "ft",
    ]
)
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S. U.K.
    r"|[A-Za-z]+(?:/[A-Za-z]+)+"  # A/S EUR/SCE
    r"|[A-Za-z]+(?:[-'’][A-Za-z]+)*"  # words, hyphenated names, O'Brien
    r"|\d+(?:[.,/:-]\d+)*"  # numbers, 4/12, 1.4
    r"|\S"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


@dataclass(frozen=True, slots=True)
class Segment:
    field: Field
    paragraph: int | None
    text: str
    caps: bool  # written in capitals throughout (older cables, subject lines)
    heading: str | None = None


def tokenize(text: str) -> list[Token]:
    """Words, numbers and punctuation with offsets; ``Kosovo's`` gives ``Kosovo`` + ``'s``."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if word[:1].isalpha() and len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            tokens.append(Token(word[:-2], start, end - 2))
            tokens.append(Token(word[-2:], end - 2, end))
            continue
        if (
            word.isalpha()
            and end < len(text)
            and text[end] == "."
            and (len(word) == 1 or word.lower() in _ABBREVIATIONS)
        ):
            word, end = word + ".", end + 1
        tokens.append(Token(word, start, end))
    return tokens


def is_caps(text: str) -> bool:
    """True when the text has (almost) no lower-case letters."""
    upper = sum(1 for c in text if c.isupper())
    lower = sum(1 for c in text if c.islower())
    return upper >= 8 and lower <= upper * 0.05


_SENTENCE_END = re.compile(r"[.!?](?:[\"')\]]*)\s+(?=[\"'(]?[A-Z0-9-])|\n\s*\n|\n\s*(?=--)")


def sentences(text: str, tokens: list[Token] | None = None) -> list[tuple[int, int]]:
    """Sentence spans: split after ``.!?`` unless the dot closes an initial or abbreviation."""
    spans: list[tuple[int, int]] = []
    begin = 0
    abbreviation_ends = {
        t.end for t in (tokens or tokenize(text)) if len(t.text) > 1 and t.text.endswith(".")
    }
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and match.start() + 1 in abbreviation_ends:
            continue
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_HEADER_END = re.compile(r"\bE\.\s?O\.|\bTAGS\b|\bSUBJECT\b|\bSUBJ\b", re.IGNORECASE)
_PASSING = re.compile(r"^[^\S\n]*(?:[A-Z][A-Z/&.-]*[^\S\n]+)*(?:FOR|PASS)\b[^\n]*$", re.MULTILINE)


def passing_lines(cable: Cable) -> Segment | None:
    """The routing instructions above E.O. ("STATE FOR NEA/I, PM DAS LIKENS").

    The segment's text is the body up to E.O. with everything but those lines blanked
    out, so that offsets are offsets into ``Cable.body``.
    """
    end = _HEADER_END.search(cable.body)
    head = cable.body[: end.start()] if end else ""
    lines = [m for m in _PASSING.finditer(head) if "SIPDIS" not in m.group(0)]
    if not lines:
        return None
    chars = [c if c == "\n" else " " for c in head]
    for match in lines:
        chars[match.start() : match.end()] = head[match.start() : match.end()]
    text = "".join(chars)
    return Segment("header", None, text, is_caps(text))


def segments(cable: Cable) -> list[Segment]:
    """The parts of a cable that carry names, in reading order.

    Offsets are into the part's own text: the subject, the REF block, the Classified By
    line, a paragraph, or (for the routing instructions, field ``header``) the body.
    """
    parts: list[Segment] = []
    header = passing_lines(cable)
    if header is not None:
        parts.append(header)
    if cable.subject:
        parts.append(Segment("subject", None, cable.subject, is_caps(cable.subject)))
    if cable.reference_text:
        parts.append(Segment("ref", None, cable.reference_text, is_caps(cable.reference_text)))
    if cable.classified_by is not None and cable.classified_by.raw:
        raw = cable.classified_by.raw
        parts.append(Segment("classified_by", None, raw, is_caps(raw)))
    for paragraph in cable.paragraphs:
        parts.append(
            Segment(
                "paragraph",
                paragraph.index,
                paragraph.text,
                is_caps(paragraph.text),
                paragraph.heading,
            )
        )
    return parts
