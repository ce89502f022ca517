"""The body header: banner, E.O. and DECL, TAGS, SUBJECT, REF blocks and Classified By.

The header is read by keyword rather than by line, because converters run its fields
together on one line ("SIPDIS E.O. 12958: DECL: 08/12/2018 TAGS: ... Classified By: ...").
A field runs to the next keyword, a blank line, or (for TAGS and REF) the first line that
does not look like more of it. Lines between the banner and the first field that are no
field (``SIPDIS``, ``NOFORN``, ``STATE FOR SA/INS``) are caveats and addressees; blocks
after the last field and before the first numbered paragraph are body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.model import ClassifiedBy, Reference
from kg.parse.banner import Banner, find_banner
from kg.parse.classified_by import parse_classified_by
from kg.parse.clean import prose
from kg.parse.dates import decl_date
from kg.parse.references import parse_references, trim_ref
from kg.parse.tags import split_tags

_KEYWORDS = re.compile(
    r"(?P<eo>(?<![A-Za-z])[Ee]\s?\.?\s?[Oo0]\s?\.?\s?:?\s?(?=\d{4,5}\b))"
    # Labels in any case with their colon ("tags:", "Subject:", "ref:"); without it only
    # in capitals or as the label is usually written, where a word of prose cannot be.
    r"|(?P<tags>(?:^|(?<=\s))TAGS?\b\s*:?|(?<![A-Za-z])(?i:tags?)\s*:"
    r"|(?:^|(?<=\s))(?:TAGES|TAS|TABS|TGS|TAGSS|TAGA|AGS)\s*:|^[ \t]*(?i:tags?)[ \t]+(?=[A-Za-z]))"
    r"|(?P<subject>(?:^|(?<=\s))(?:SUBJECT|SUBJ|Subject)\b\s*:?|(?:^|(?<=\s))(?i:subj(?:ect)?)\s*:"
    r"|(?:^|(?<=\s))(?:UBJECT|SUBJEC|SUBECT|SUJBECT|SUBJET)\s*:)"
    r"|(?P<ref>(?:^|(?<=\s))(?i:refs?|references?|refs?\(s\)|reftels?)\s*:|^[ \t]*REFS?\b"
    r"|(?<=[A-Z]{3})REFS?:(?=\s)|(?:^|(?<=\s))REF(?=\s+\(?[A-Z][.)]\s))"
    r"|(?P<classified>(?<![A-Za-z])(?i:classified\s+by)\b\s*:?|(?<=[A-Z]{2})Classified\s+By\s*:)",
    re.MULTILINE,
)
# A keyword in the middle of prose only counts with its colon (or, for E.O., a number).
_NEEDS_COLON = frozenset({"tags", "subject", "ref"})
_PARAGRAPH_START = re.compile(r"^\s*\d{1,3}\s?\.(?:\s|\(|$)")
_MID_LINE_PARAGRAPH = re.compile(
    r"(?<=\S)\s+(?=\d{1,2}\.\s?\((?:U|C|S|TS|SBU|[A-Z]{1,4}//?[A-Z]{1,6}|[A-Z]/[A-Z]{1,4})\))"
)
_DASHES = re.compile(r"^\s*-{3,}[\s-]*$")
_LABEL_ONLY = re.compile(r"^\s*\(?[A-Z]\s?[.)]\s*$")
# Two or more spaces inside a REF line, then words that cite nothing: a note that follows.
_REF_NOTE = re.compile(r"[ \t]{2,}(?=[A-Z][A-Za-z]*\s+(?:[A-Za-z,]+\s){2})(?![^\n]*\b\d{2,}\b)")
_REF_ITEM_START = re.compile(
    r"^\s*(?:\(?[A-Z]\s?[.)]|\d{2}\s?[A-Z]{3,}|[A-Z][A-Za-z]+(?:\s[A-Za-z]+){0,2}\s+\d+|"
    r"(?:AND\s+)?\d+\b)"
)
_TAG_LINE = re.compile(
    r"^\s*[A-Z]{2,6}(?:\s*\([^)]*\))?(?:[\s,;]+[A-Z]{2,6}(?:\s*\([^)]*\))?)*[\s,;]*$"
)
_DECL = re.compile(
    r"\bDECL(?:ASSIFY(?:\s+ON)?)?\b\s*:?\s*(?P<value>[^\s,;]+(?:\s+[^\s,;:]+)?)?", re.I
)


@dataclass(frozen=True, slots=True)
class Header:
    """The header fields of a body, and where its text begins."""

    banner: Banner | None = None
    executive_order: str | None = None
    declassify_on: str | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    reference_text: str | None = None
    classified_by: ClassifiedBy | None = None
    caveats: tuple[str, ...] = ()  # SIPDIS, NOFORN, SENSITIVE, addressee lines
    text_lines: list[str] = field(default_factory=list)  # body text after the header


def _header_end(lines: list[str]) -> int:
    """Index of the first line of numbered paragraphs or section headings."""
    for i, line in enumerate(lines):
        if _PARAGRAPH_START.match(line):
            return i
        if _DASHES.match(line):
            following = next((x for x in lines[i + 1 :] if x.strip()), "")
            if _KEYWORDS.match(following.lstrip()):
                continue  # a rule over a header field ("----- / SUBJECT: ...")
            if i > 0 and _KEYWORDS.search(lines[i - 1]):
                return i  # a rule under a header field: the field is no heading
            if i == 0 or not lines[i - 1].strip():
                return i  # a rule over a heading
            # A rule under a heading: the heading, or the rule above it, starts the text.
            return i - 2 if i >= 2 and _DASHES.match(lines[i - 2]) else i - 1
    return len(lines)


def parse_header(lines: list[str], *, year: int | None) -> Header:
    """Read the header at the top of cleaned body lines."""
    start = 0
    banner = None
    # The banner opens the body; a relay's preamble may come first, never a header field.
    for i, line in enumerate(lines[:40]):
        banner = find_banner(line)
        if banner is not None:
            start = i
            break
        if _KEYWORDS.match(line.lstrip()) or _PARAGRAPH_START.match(line):
            break
    lines = list(lines)
    if banner is not None:
        # Whatever the converter ran onto the banner line is header text of its own.
        line = lines[start]
        lines[start : start + 1] = [line[: banner.end], line[banner.end :]]
        start += 1
    # Header fields run together with the first paragraph ("... 1.4 (d) 1. (C) Summary").
    head_end = _header_end(lines)
    for i in range(start, head_end):
        if _KEYWORDS.search(lines[i]) and _MID_LINE_PARAGRAPH.search(lines[i]):
            first, _, second = _MID_LINE_PARAGRAPH.sub("\n", lines[i], count=1).partition("\n")
            lines[i : i + 1] = [first, second]
            head_end = i + 1
            break
    region = lines[start:head_end]
    header = _read_fields(region, year=year)
    return Header(
        banner=banner,
        executive_order=header.executive_order,
        declassify_on=header.declassify_on,
        tags=header.tags,
        subject=header.subject,
        references=header.references,
        reference_text=header.reference_text,
        classified_by=header.classified_by,
        caveats=header.caveats,
        text_lines=header.text_lines + lines[head_end:],
    )


@dataclass(slots=True)
class _Span:
    kind: str
    start: int  # where the keyword starts in the region text
    value_start: int
    end: int = 0


def _find_keywords(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _KEYWORDS.finditer(text):
        kind = match.lastgroup or ""
        at_line_start = text.rfind("\n", 0, match.start()) + 1
        line_head = text[at_line_start : match.start()]
        if kind in _NEEDS_COLON and line_head.strip() and ":" not in match.group(0):
            continue
        if (
            kind == "eo"
            and spans
            and spans[-1].kind == "classified"
            and "\n" not in text[spans[-1].value_start : match.start()]
        ):
            continue  # "Classified By: DCM Anna Borg based on E.O. 12958 reasons 1.4"
        if (
            kind == "ref"
            and spans
            and spans[-1].kind == "ref"
            and _LABEL_ONLY.match(text[spans[-1].value_start : match.start()])
        ):
            continue  # "REF: A. REF: KATHMANDU 2282": one block, the keyword repeated
        spans.append(_Span(kind, match.start(), match.end()))
    for k, span in enumerate(spans):
        span.end = spans[k + 1].start if k + 1 < len(spans) else len(text)
    return spans


def _until_blank(value: str) -> str:
    """A value ends at the first blank line."""
    parts = re.split(r"\n[ \t]*\n", value, maxsplit=1)
    head = parts[0]
    if not head.strip() and len(parts) > 1:
        # "SUBJECT:" alone, the subject a paragraph further down.
        return re.split(r"\n[ \t]*\n", parts[1].lstrip("\n"), maxsplit=1)[0]
    return head


# The label of a REF item opening a line: "B.", "b)", "(C)", "[D]", "E)".
_REF_LABEL_LINE = re.compile(r"^\s*(?:-\s*)?(?:[\[(]?[A-Za-z][.)\]]|\([A-Za-z]\))(?=\s|[A-Z(]|$)")
# A line that ends before its item does: a label, a comma, "and".
_REF_DANGLING = re.compile(r"(?:(?:^|[\s,])[\[(]?[A-Za-z][.)\]]|,|\bAND)\s*$", re.IGNORECASE)
# A page header that a converter ran into a header field: "CONFIDENTIAL PAGE 02 ROME 01196
# 01 OF 02 082030Z", "TRIPOLI 00000402 <blank line> 001.2 OF 003".
_FIELD_PAGE_HEADER = re.compile(
    r"(?:\b(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)\s+)?"
    r"\bPAGE\s+\d{1,3}\s+[A-Z][A-Z .'-]{1,30}?\s+\d{3,}(?:\s+\d{2}\s+OF\s+\d{2})?\s+\d{6}Z"
    r"|(?:\b[A-Z][A-Z.'-]*(?:[ \t]+[A-Z][A-Z.'-]*){0,2}[ \t]+)?(?<![\w.])0\d{7}\s+\d{1,3}"
    r"(?:\.\d{1,2})?\s+(?i:of)\s+\d{1,3}(?![\w.])"
)


def drop_page_headers(value: str) -> str:
    """A header field without the page headers run into it."""
    out = _FIELD_PAGE_HEADER.sub("\x00", value)
    # A page header on a line of its own goes with its line; inside a line, a space stays.
    out = re.sub(r"\n[ \t]*\x00[ \t]*(?=\n)", "", out)
    return out.replace("\x00", " ")


_ANY_LABEL = re.compile(r"(?:^|[\s;,])[\[(]?([A-Za-z])[.)\]](?=\s|[A-Z(]|$)")


def _next_label(taken: list[str], line: str) -> bool:
    """Whether ``line``, after a blank line, opens the next item of the block: its label
    follows the last label of the lines taken (B after A), and the line is no paragraph."""
    opening = _REF_LABEL_LINE.match(line)
    if opening is None or len(line.strip()) > 100:
        return False
    letters = _ANY_LABEL.findall("\n".join(taken))
    if not letters:
        return False
    label = re.search(r"[A-Za-z]", opening.group(0))
    assert label is not None
    step = ord(label.group(0).lower()) - ord(letters[-1].lower())
    return 1 <= step <= 3


# A paragraph marking after a citation, and prose after it.
_MARKED_TEXT = re.compile(r"(?<=\d)\s+(?=\((?:U|C|S|SBU|S/NF|C/NF|S//NF)\)\s+[A-Z][a-z]+\s+[a-z])")


def _ref_block(value: str) -> tuple[str, str]:
    """Split the text after a REF keyword into the block (items and their continuation
    lines, over blank lines when the next item's label follows) and what follows it."""
    lines = value.split("\n")
    taken = [lines[0]]
    k = 1
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            following = next((j for j in range(k, len(lines)) if lines[j].strip()), None)
            if following is None:
                break
            dangling = bool(_REF_DANGLING.search(taken[-1]))
            if not (dangling or _next_label(taken, lines[following])):
                break
            if _KEYWORDS.match(lines[following].lstrip()):
                break
            k = following
            continue
        if not (_REF_LABEL_LINE.match(line) or _REF_ITEM_START.match(line)):
            break
        taken.append(line)
        k += 1
    # The text of the cable run onto the last item: "C. STATE 45792 (SBU) Post has ...".
    for n, line in enumerate(taken):
        marking = _MARKED_TEXT.search(line)
        if marking is not None:
            rest = [line[marking.start() :].lstrip(), *lines[k:]]
            taken = [*taken[:n], line[: marking.start()]]
            return "\n".join(taken), "\n".join(rest)
    block = "\n".join(taken)
    note = _REF_NOTE.search(block)
    if note is not None:
        return block[: note.start()], block[note.start() :] + "\n" + "\n".join(lines[k:])
    if not taken[0].strip() and len(taken) == 1:
        # "REF:" alone, its items a blank line further down.
        return value, ""
    return block, "\n".join(lines[k:])


# The classification marking that opens a subject: "(C)", "(SBU)", "(C/NF)", "(U//FOUO)".
_SUBJECT_MARKING = re.compile(r"^\((?:U|C|S|TS|SBU|LOU|[A-Z]{1,4}\s?/{1,2}\s?[A-Z]{1,4})\)\s*")


def _subject_lines(value: str) -> str:
    """The lines of a subject: a subject in capitals ends where a line of prose in mixed
    case begins ("This is an action request.")."""
    lines = value.split("\n")
    first = lines[0]
    if not any(c.islower() for c in first) and any(c.isalpha() for c in first):
        for k, line in enumerate(lines[1:], 1):
            if sum(c.islower() for c in line) > 3:
                return "\n".join(lines[:k])
    return value


def _clean_subject(subject: str) -> str:
    """A subject without its marking and the backslashes of continued lines."""
    subject = re.sub(r"\s*\\(?:\s*\\)*\s*", " ", subject).strip()
    subject = _SUBJECT_MARKING.sub("", subject)
    return subject.rstrip(" ,")


def _tag_lines(value: str) -> tuple[str, str]:
    """Split a TAGS value into its lines (the first, then lines of codes, or any line after
    one that ends in a comma) and what follows."""
    lines = value.split("\n")
    taken = [lines[0]]
    for k, line in enumerate(lines[1:], 1):
        after_comma = taken[-1].rstrip().endswith(",")
        if not line.strip() or not (
            _TAG_LINE.match(line) or (after_comma and len(line) < 80 and ":" not in line)
        ):
            return "\n".join(taken), "\n".join(lines[k:])
        taken.append(line)
    return "\n".join(taken), ""


@dataclass(slots=True)
class _Fields:
    executive_order: str | None = None
    declassify_on: str | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None
    references: tuple[Reference, ...] = ()
    reference_text: str | None = None
    classified_by: ClassifiedBy | None = None
    caveats: tuple[str, ...] = ()
    text_lines: list[str] = field(default_factory=list)


def _read_fields(region: list[str], *, year: int | None) -> _Fields:
    text = "\n".join(region)
    spans = _find_keywords(text)
    out = _Fields()
    after_tags = ""
    if not spans:
        return _without_fields(region)
    caveats = text[: spans[0].start]
    leftover = ""
    ref_texts: list[str] = []
    references: list[Reference] = []
    for span in spans:
        value = text[span.value_start : span.end]
        rest = ""
        if span.kind == "eo":
            value, rest = _line_and_rest(value)
            out.executive_order, out.declassify_on = _read_eo(value)
        elif span.kind == "tags":
            value, rest = _tag_lines(drop_page_headers(value))
            # A second TAGS line adds to the first.
            out.tags = tuple(dict.fromkeys(out.tags + split_tags(prose(value))))
            after_tags = _until_blank(rest).strip()
        elif span.kind == "subject":
            subject = _subject_lines(_until_blank(value))
            rest = value[value.find(subject) + len(subject) :]
            out.subject = _clean_subject(prose(subject)) or None
        elif span.kind == "ref":
            value, rest = _ref_block(drop_page_headers(value))
            ref_text = trim_ref(prose(value))
            if ref_text:
                ref_texts.append(ref_text)
                # The lines kept: a label at the start of a line is one for sure.
                references.extend(parse_references(trim_ref(value.strip()), year=year))
        elif span.kind == "classified":
            block = _until_blank(value)
            rest = value[len(block) :]
            found = parse_classified_by(block)
            if out.classified_by is None or (
                out.classified_by.person is None and found.person is not None
            ):
                # "Classified By: Classified by DCM ...", "CLASSIFIED BY LINE ADDED ...
                # CLASSIFIED BY DCM ...": the block that names someone.
                out.classified_by = found
        # Only the text after the last field is body text.
        leftover = rest if rest.strip() else ""
    # Leftover text after a field that is not the last one is header noise; after the
    # last field it is the opening of the body (a summary, a note to the reader).
    if out.subject is None and after_tags and after_tags.upper() == after_tags:
        # The SUBJECT keyword lost (a line cut off): the capitals after TAGS are the subject.
        out.subject = prose(after_tags)
    out.caveats = tuple(line.strip() for line in caveats.split("\n") if line.strip())
    out.references = tuple(references)
    out.reference_text = "\n".join(ref_texts) or None
    out.text_lines = leftover.split("\n") if leftover.strip() else []
    return out


def _without_fields(region: list[str]) -> _Fields:
    """A header with no field at all: caveat blocks (a line or two, in capitals: SIPDIS,
    NOFORN, STATE FOR NEA/I) and then text."""
    k = 0
    while k < len(region):
        if not region[k].strip():
            k += 1
            continue
        end = k
        while end < len(region) and region[end].strip():
            end += 1
        block = region[k:end]
        if len(block) > 2 or not all(_is_caveat(line) for line in block):
            break
        k = end
    caveats = tuple(line.strip() for line in region[:k] if line.strip())
    return _Fields(caveats=caveats, text_lines=region[k:])


def _is_caveat(line: str) -> bool:
    line = line.strip()
    return len(line) < 60 and line.upper() == line and not line.endswith((".", ":"))


def _line_and_rest(value: str) -> tuple[str, str]:
    line, _, rest = value.partition("\n")
    if re.fullmatch(r"\s*(?:\d{4,5}\s*:?)?\s*", line) and rest.strip():
        # "E.O. 12958:" with its value on the next line.
        more, _, rest = rest.partition("\n")
        line = f"{line} {more}"
    return line, rest


# "E.O. 12958: N/A": the order does not apply (an unclassified cable), so no date.
_NOT_APPLICABLE = re.compile(r"^N\s?/?\s?A\b\.?", re.IGNORECASE)


def _read_eo(value: str) -> tuple[str | None, str | None]:
    """(executive order, declassify on) of an ``E.O.`` line; declassify on is an ISO date,
    a marker (``X1``, ``25X1``), or None when the line gives none (``N/A``)."""
    match = re.match(r"\s*(\d{4,5})\s*:?\s*(.*)$", value)
    if match is None:
        return None, None
    number, rest = match.groups()
    decl = _DECL.search(rest)
    if decl is not None and decl.group("value"):
        raw = decl.group("value").strip(" .")
        iso = decl_date(raw)
        if iso is None and (not raw.split() or _NOT_APPLICABLE.match(raw)):
            return number, None  # "DECL: ." and "DECL: N/A" name no date
        return number, iso or raw.split()[0].strip(" .")
    rest = rest.strip(" .:;")
    if _NOT_APPLICABLE.match(rest):
        return number, None
    return number, rest or None
