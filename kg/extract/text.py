"""Tokens, sentences and the pieces of a cable that extractors read.

A :class:`Segment` is one stretch of text with a known place in the cable (a paragraph,
the subject line, the REF block, the Classified By line, the signature): every offset an
extractor reports is an offset into ``Segment.text``. Tokens keep their offsets, so a
surface form is always ``text[start:end]``.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter
from typing import NamedTuple, TypeVar

from kg.extract.name_forms import read_name_forms
from kg.model import Cable, Field

_T = TypeVar("_T")
_ABBREVIATIONS = (
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "col", "amb", "sen", "rep", "prof",
    "lt", "maj", "capt", "sgt", "adm", "brig", "no", "gov", "messrs", "ft",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S. U.K.
    r"|[A-Za-z]+(?:"  # the letters are read once for both kinds of word:
    r"(?:/[A-Za-z]+)+"  # A/S EUR/SCE
    r"|(?:[-'’](?![sS]\b)[A-Za-z]+)*(?:-?\d{1,2}\b)?)"  # words, O'Brien, G8, G-20
    r"|['’][sS]\b"  # the possessive, a token of its own: Kosovo 's
    r"|\d+(?:[.,/:-]\d+)*"  # numbers, 4/12, 1.4
    r"|\S"
    r"|\n"  # a line break is a token: no name, title or role runs over it
)
_DOTTED = frozenset(_ABBREVIATIONS)  # words that keep their full stop: Mr. Gen. Aug.


class Token(NamedTuple):
    """A word, number or punctuation mark with its offsets."""

    text: str
    start: int
    end: int
    is_word: bool
    is_cap: bool

    @property
    def is_upper(self) -> bool:
        """Two or more letters, all capitals."""
        text = self.text
        return len(text) > 1 and text.isupper() and (len(text) > 2 or text.isalpha())

    @property
    def bare(self) -> str:
        """The text without a final full stop."""
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
    return list(_tokenize(text))


@lru_cache(maxsize=4096)
def _tokenize(text: str) -> tuple[Token, ...]:
    # Built in C from the matches (no Python call per token), then the few words that
    # take the full stop after them are joined with it.
    matches = list(_TOKEN.finditer(text))
    words = list(map(re.Match.group, matches))
    firsts = list(map(itemgetter(0), words))
    columns = zip(
        words,
        map(re.Match.start, matches),
        map(re.Match.end, matches),
        map(str.isalpha, firsts),
        map(str.isupper, firsts),
        strict=True,
    )
    tokens: list[Token] = list(map(tuple.__new__, repeat(Token), columns))
    found: list[Token] = []
    done = 0
    for dot in compress(range(len(words)), map(".".__eq__, words)):
        if dot == 0:
            continue
        word, start, end, is_word, is_cap = tokens[dot - 1]
        if is_word and end == tokens[dot].start and (len(word) == 1 or word.lower() in _DOTTED):
            found.extend(tokens[done : dot - 1])  # initials and abbreviations: J. Gen. Aug.
            found.append(tuple.__new__(Token, (word + ".", start, end + 1, is_word, is_cap)))
            done = dot + 1
    if not done:
        return tuple(tokens)
    found.extend(tokens[done:])
    return tuple(found)


# a memorandum of conversation may put its date and place lines before the list
ATTENDEES = re.compile(
    r"^\W*(?:(?:date|time|date/time|place|location|venue)\s*:[^\n]*\n\s*)*"
    r"(?:meeting\s+)?(?:participants|attendees|attendance|present|the following attended"
    r"|participating)\b",
    re.IGNORECASE,
)
# "Participants:", "U.S. Participants:", "List of USG participants:", "Turkish Embassy
# Participants:", "UK Delegation:", "U.S. Side:", "Participants in the meeting with FM X:",
# "Delegation List", "UK Participants --Dr. Peter Biggins"
LIST_HEAD = re.compile(
    r"^\W*(?:(?:date|time|date/time|place|location|venue)\s*:[^\n]*\n\s*)*"
    r"(?:list\s+of\s+|main\s+|the\s+)?(?P<side>(?:[\w.'’/-]+\s+){0,3}?)"
    r"(?P<head>participants|attendees|delegation(?:\s+list)?|side|delegation\s+members)"
    r"(?P<which>\s+(?:in|at|for|of)(?:\s+[\w.'’/-]+){1,6}?)?\s*(?::|--|\n|$)",
    re.IGNORECASE,
)


def list_head(text: str) -> re.Match[str] | None:
    """The list head a paragraph opens with, if any ("U.S. Participants:")."""
    if not any(w in text[:160].lower() for w in ("particip", "attend", "delegation", "side")):
        return ATTENDEES.match(text)
    return LIST_HEAD.match(text) or ATTENDEES.match(text)


_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_LOWER = bytes(range(ord("a"), ord("z") + 1))


def is_caps(text: str) -> bool:
    """True when the text has (almost) no lower-case letters."""
    letters = text.encode("ascii", "ignore")  # only ASCII letters count
    upper = len(letters) - len(letters.translate(None, _UPPER))
    lower = len(letters) - len(letters.translate(None, _LOWER))
    return upper >= 8 and lower <= upper * 0.05


_SENTENCE_END = re.compile(r"[.!?](?:[\"')\]]*)\s+(?=[\"'(]?[A-Z0-9-])|\n\s*")  # a line ends one


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after ``.!?`` unless the dot closes an initial or abbreviation."""
    return list(_sentences(text))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    begin = 0
    tokens = _tokenize(text)
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _closes_abbreviation(tokens, match.start()):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
    if begin < len(text):
        spans.append((begin, len(text)))
    return tuple((s, e) for s, e in spans if text[s:e].strip())


def _closes_abbreviation(tokens: Sequence[Token], dot: int) -> bool:
    """The full stop at ``dot`` ends a longer token: an initial or an abbreviation (Gen., U.S.)."""
    at = bisect_right(tokens, dot, key=_START) - 1  # the token the full stop belongs to
    if at < 0:
        return False
    word, _, end, _, _ = tokens[at]
    return end == dot + 1 and len(word) > 1 and word[-1] == "."


_TEXT, _START, _IS_CAP = itemgetter(0), itemgetter(1), itemgetter(4)


def indices(
    tokens: Sequence[Token], words: Container[str], *, case: Callable[[str], str] | None = None
) -> list[int]:
    """Positions of the tokens whose text (through ``case``: ``str.upper``) is in ``words``.

    One pass in C: the scans call it to visit only the few tokens that can open a match.
    """
    texts = map(_TEXT, tokens)
    if case is not None:
        texts = map(case, texts)
    return list(compress(range(len(tokens)), map(words.__contains__, texts)))


def hyphenated(tokens: Sequence[Token]) -> list[int]:
    """Positions of the tokens with a hyphen in them (one pass in C)."""
    return list(
        compress(range(len(tokens)), map(str.__contains__, map(_TEXT, tokens), repeat("-")))
    )


def capitalized(tokens: Sequence[Token]) -> list[int]:
    """Positions of the tokens that start with a capital letter (one pass in C)."""
    return list(compress(range(len(tokens)), map(_IS_CAP, tokens)))


@contextmanager
def one_cable() -> Iterator[None]:
    """The extraction of one cable: the cyclic collector waits, the per-text memos go after.

    Extracting a cable makes hundreds of thousands of small objects (tokens, spans, finds)
    that reference counting frees as soon as they are done with, none of them in a cycle;
    with the collector running, those alive at each of its passes (above all the tokens of
    the cable's segments, which several extractors read) were traversed, moved to the
    oldest generation and walked again by its full passes, which also walked every token
    memoized for the last 4,096 texts: about a sixth of extraction's time. So the collector
    waits until the cable is done (what one cable's extraction can leave in cycles is
    collected after), and the tokens and sentences memoized for its texts are let go
    then: a new cable's texts are new. Nested uses and a collector already disabled by the
    caller are left as they were.
    """
    enabled = gc.isenabled()
    try:
        gc.disable()
        yield
    finally:
        _tokenize.cache_clear()
        _sentences.cache_clear()
        if enabled:
            gc.enable()


_HEADER_END = re.compile(r"\bE\.\s?O\.|\bTAGS\b|\bSUBJECT\b|\bSUBJ\b", re.IGNORECASE)
_PASSING = re.compile(r"^[^\S\n]*(?:[A-Z][A-Z/&.;-]*[^\S\n]+)*(?:FOR|PASS)\b[^\n]*$", re.MULTILINE)


# a routing line after the subject line, before the first paragraph: its first word an
# addressee of the Department's lists
_SUBJECT_THEN_PASSING = re.compile(
    r"\bSUBJECT:[^\n]*(?:\n[^\n]+)*\n\s*\n[^\S\n]*"
    r"((?:STATE|DEPT|SECSTATE|DEPARTMENT|NSC|TREASURY|USDOC|COMMERCE|OSD|DOD|DOE|USTR|USAID|DHS|DOJ)"
    r"(?:[^\S\n]+(?:ALSO[^\S\n]+)?(?:FOR|PASS)\b)[^\n]*)$",
    re.MULTILINE,
)
_NEXT_LINES = re.compile(r"(?:\n[^\S\n]*[A-Z(][A-Z0-9/(),.& -]*(?=\n|$))+")


def per_cable(function: Callable[[Cable], _T]) -> Callable[[Cable], _T]:
    """Remember a function's value for the last few cables, by identity.

    Several extractors read the same segments of the cable being extracted; a cable is
    an immutable value, so the same object gives the same answer. Identity (not equality)
    keeps the check cheap and works whatever the cable holds.
    """
    remembered: dict[int, tuple[Cable, _T]] = {}

    def wrapper(cable: Cable) -> _T:
        hit = remembered.get(id(cable))
        if hit is not None and hit[0] is cable:
            return hit[1]
        value = function(cable)
        if len(remembered) >= 8:
            remembered.pop(next(iter(remembered)))
        remembered[id(cable)] = (cable, value)
        return value

    wrapper.__doc__ = function.__doc__
    wrapper.cache_clear = remembered.clear  # type: ignore[attr-defined]
    return wrapper


@per_cable
def passing_lines(cable: Cable) -> Segment | None:
    """The routing instructions above E.O. ("STATE FOR NEA/I, PM DAS LIKENS").

    The segment's text is the body up to E.O. with everything but those lines blanked
    out, so that offsets are offsets into ``Cable.body``.
    """
    end = _HEADER_END.search(cable.body)
    head = cable.body[: end.start()] if end else ""
    lines = [m for m in _PASSING.finditer(head) if "SIPDIS" not in m.group(0)]
    # "SUBJECT: ...\n\nNSC FOR ABRAMS/DORAN": a routing line after the subject line
    at = end.start() if end else 0
    after = _SUBJECT_THEN_PASSING.search(cable.body, at, at + 1500) if end else None
    line = _PASSING.search(cable.body, after.start(1), after.end()) if after else None
    if after is not None and line is not None:
        head = cable.body[: after.end()]
        lines.append(line)
    for line in list(lines):  # a list that runs on over the next lines, up to a blank line
        more = _NEXT_LINES.match(head, line.end())
        if more is not None and more.group(0).strip():
            lines.append(more)
    if not lines:
        return None
    chars = [c if c == "\n" else " " for c in head]
    for match in lines:
        chars[match.start() : match.end()] = head[match.start() : match.end()]
    text = "".join(chars)
    return Segment("header", None, text, is_caps(text))


def segments(cable: Cable) -> list[Segment]:
    """The parts of a cable that carry names (computed once per cable, see ``_segments``)."""
    return list(_segments(cable))


@per_cable
def _segments(cable: Cable) -> tuple[Segment, ...]:
    """The parts of a cable that carry names, in reading order.

    Offsets are into the part's own text: the subject, the REF block, the Classified By
    line, a paragraph, or (for the routing instructions, field ``header``) the body.
    """
    parts: list[Segment] = []
    header = passing_lines(cable)
    if header is not None:
        parts.append(header)
    # the subject, REF and Classified By lines are wrapped prose: their line breaks are spaces
    # (same length, so offsets hold); a paragraph keeps its line breaks, which mark list lines
    if cable.subject:
        subject = _unwrapped(cable.subject)
        parts.append(Segment("subject", None, subject, is_caps(subject)))
    if cable.reference_text:
        ref = _unwrapped(cable.reference_text)
        parts.append(Segment("ref", None, ref, is_caps(ref)))
    if cable.classified_by is not None and cable.classified_by.raw:
        raw = _unwrapped(cable.classified_by.raw)
        parts.append(Segment("classified_by", None, raw, is_caps(raw)))
    for paragraph in cable.paragraphs:
        parts.append(
            Segment(
                "paragraph",
                paragraph.index,
                read_name_forms(paragraph.text),
                is_caps(paragraph.text),
                paragraph.heading,
            )
        )
    return tuple(parts)


def _unwrapped(text: str) -> str:
    return text.replace("\n", " ") if "\n" in text else text


def lookup(
    text: str,
    tokens: Sequence[Token],
    table: Mapping[str, object],
    *,
    longest: int,
    fold: bool = False,
) -> Iterator[tuple[int, int, str]]:
    """Names from ``table`` written in ``text`` (whole words, longest first, left to right).

    Words of a name may be separated by spaces only: a line break ends a name. With ``fold`` the
    text is matched in capitals against upper-cased keys (``table`` must hold them so).
    """
    prefixes = _prefixes(table)
    n = len(tokens)
    resume = 0  # the token after the last name found
    for i in indices(tokens, prefixes, case=str.upper if fold else None):
        if i < resume:
            continue
        first = tokens[i]
        word = first.text.upper() if fold else first.text
        hit = (i, word) if word in table else None
        j = i + 1
        candidate = word
        while j < n and j - i < longest:
            token = tokens[j]
            if not text[tokens[j - 1].end : token.start].isspace():
                break
            candidate = candidate + " " + (token.text.upper() if fold else token.text)
            if candidate not in prefixes:
                break
            if candidate in table:
                hit = (j, candidate)
            j += 1
        if hit is None:
            continue
        last, key = hit
        yield first.start, tokens[last].end, key
        resume = last + 1


_PREFIXES: dict[int, frozenset[str]] = {}


def _prefixes(table: Mapping[str, object]) -> frozenset[str]:
    """Every leading run of words of every key (tables are built once and kept)."""
    found = _PREFIXES.get(id(table))
    if found is None:
        runs: set[str] = set()
        for key in table:
            words = key.split(" ")
            runs.update(" ".join(words[: k + 1]) for k in range(len(words)))
        found = _PREFIXES[id(table)] = frozenset(runs)
    return found
