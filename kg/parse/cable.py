"""Turn one raw record, in whatever format it came, into a Cable.

The container formats differ only in what they state outside the telegram text (the
release table, CSV columns, JSON keys): those fields win where present; the rest is
read from the routing header and body the same way for every format.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from kg.errors import RecordError
from kg.model import (
    Cable,
    ClassifiedBy,
    Paragraph,
    Provenance,
    RawRecord,
    Reference,
    Routing,
)
from kg.parse.banner import Banner, find_banner
from kg.parse.classified_by import parse_classified_by
from kg.parse.clean import clean_text, normalize_newlines
from kg.parse.collapsed import expand_collapsed
from kg.parse.dates import parse_dtg, parse_timestamp
from kg.parse.header import Header, parse_header
from kg.parse.paragraphs import split_paragraphs, unfold_rules
from kg.parse.refids import canonical_reference_id, is_release_id, make_reference_id
from kg.parse.routing import origin_from_sender, parse_routing, split_telegram

_PARTIAL = re.compile(r"partial extract of the original cable", re.IGNORECASE)
# Mirrors glue a metadata dump and the full text under a truncated first copy.
_DUMP_SEPARATOR = re.compile(r"^-{5,}\s*header ends\s*-{5,}\s*$", re.MULTILINE | re.IGNORECASE)


def _sources(record: RawRecord) -> tuple[str, str]:
    """(routing header, body) of the record, before cleaning."""
    fields = record.fields
    if record.format == "jsonl":
        return fields.get("header", ""), expand_collapsed(fields.get("body", record.text))
    if "body" in fields:
        # A body on one line had its newlines collapsed on the way (a CSV row made from
        # the JSON export, say): the same repair applies.
        return fields.get("header", ""), expand_collapsed(fields["body"])
    return split_telegram(normalize_newlines(record.text))


def _restart(lines: list[str], banner_line: str) -> tuple[list[str], list[str]]:
    """Split a body that holds a truncated copy (ending in "...") and then the full text.

    Returns (first copy, full text); the first copy is empty when there is only one.
    """
    text = "\n".join(lines)
    separator = _DUMP_SEPARATOR.search(text)
    if separator is not None:
        head, tail = text[: separator.start()], text[separator.end() :]
        return head.split("\n"), tail.lstrip("\n").split("\n")
    if not banner_line:
        return [], lines
    cut = None  # the last line of a copy cut short ("Classified By: A...")
    for i, line in enumerate(lines[1:], 1):
        if line.rstrip().endswith("..."):
            cut = i
            continue
        if cut is None or line[:1] not in banner_line[:1]:
            continue
        repeat = find_banner(line)
        # Between the cut and the repeated banner only a short metadata block may stand
        # (record number, date, ID, origin): a later section's banner is no repeat.
        gap = [x for x in lines[cut + 1 : i] if x.strip()]
        if (
            repeat is not None
            and repeat.text == banner_line
            and len(gap) <= 12
            and all(len(x) <= 60 for x in gap)
        ):
            return lines[:i], lines[i:]
    return [], lines


def _pick(cut: str | None, full: str | None) -> str | None:
    """The value from the cut-short copy unless it is itself cut short."""
    if cut is not None and cut.endswith("..."):
        return full or cut[:-3].strip()
    return cut or full


def _merge(first: Header, full: Header) -> Header:
    """Header fields from the truncated copy where it has them, else from the full one.

    Converters that run the second copy's header together lose some of it (08RIGA472
    has no SUBJECT there), while the first copy stops mid-field.
    """
    return replace(
        full,
        subject=_pick(first.subject, full.subject),
        tags=first.tags or full.tags,
        references=first.references or full.references,
        reference_text=_pick(first.reference_text, full.reference_text),
        executive_order=first.executive_order or full.executive_order,
        declassify_on=first.declassify_on or full.declassify_on,
        classified_by=_named(full.classified_by, first.classified_by),
    )


def _not_itself(references: tuple[Reference, ...], reference_id: str) -> tuple[Reference, ...]:
    """REF items without the cable's own ID: a cable does not cite itself, its page header
    ("TRIPOLI 00000402") run into the REF line does."""
    return tuple(r for r in references if r.cable_id != reference_id)


def _named(full: ClassifiedBy | None, cut: ClassifiedBy | None) -> ClassifiedBy | None:
    """The full copy's Classified By, unless only the cut one names the person."""
    if full is not None and full.person is None and cut is not None and cut.person is not None:
        return cut
    return full or cut


def _same_cable_banner(line: str, banner: Banner) -> bool:
    if not line[:1].isalpha():
        return False
    found = find_banner(line)
    return found is not None and (found.post, found.serial) == (banner.post, banner.serial)


def _classification(banner: Banner | None, caveats: tuple[str, ...]) -> str | None:
    """The release's wording, from the banner and the caveat lines under it."""
    if banner is None:
        return None
    words = " ".join(caveats).upper()
    if banner.classification in {"SECRET", "CONFIDENTIAL", "TOP SECRET"} and re.search(
        r"\bNOFORN\b", words
    ):
        return f"{banner.classification}//NOFORN"
    if banner.classification == "UNCLASSIFIED" and re.search(r"\bSENSITIVE\b", words):
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    return banner.classification


def _created(stated: str | None, routing: Routing | None, header_text: str) -> datetime | None:
    """The release's timestamp, else the date-time group (UTC, naive like the release's)."""
    created = parse_timestamp(stated)
    if created is None and routing is not None and routing.sent is not None:
        created = routing.sent.replace(tzinfo=None)
    if created is None:
        found = parse_dtg(header_text)
        created = found[1].replace(tzinfo=None) if found else None
    return created


def _read_body(lines: list[str], year: int | None) -> tuple[Header, list[str]]:
    """The header and the body lines, a cut-short first copy merged into the full one."""
    opening = next((b for b in map(find_banner, lines[:40]) if b is not None), None)
    first, rest = _restart(lines, opening.text if opening else "")
    lines = unfold_rules(rest)
    header = parse_header(lines, year=year)
    if first:
        header = _merge(parse_header(unfold_rules(first), year=year), header)
    return header, lines


def _first_paragraph_classified_by(paragraphs: tuple[Paragraph, ...]) -> ClassifiedBy | None:
    """Some cables put "Classified by ..." in their first paragraph instead of the header."""
    for paragraph in paragraphs[:2]:
        # "Classified by ...", "(U) CLASSIFIED BY ...", "CONFIDENTIAL - ENTIRE TEXT.
        # CLASSIFIED BY: ..."
        match = _OPENING_CLASSIFIED_BY.match(paragraph.text)
        if match is not None:
            found = parse_classified_by(paragraph.text[match.start(1) :])
            if found.person is not None or found.reason is not None:
                return found
    return None


_OPENING_CLASSIFIED_BY = re.compile(
    r"^(?:\(\w{1,3}\)\s*)?(?:[A-Z ]{4,30}-\s*ENTIRE\s+TEXT\.?\s*)?(classified\s+by\b)",
    re.IGNORECASE,
)


def _listed_references(column: str) -> tuple[Reference, ...]:
    """The dump's references column (``72MOSCOW1603|72TEHRAN1091``), for a body whose REF
    line could not be read."""
    references = []
    for item in column.split("|"):
        cable_id = canonical_reference_id(item)
        if cable_id:
            references.append(Reference(text=item.strip(), cable_id=cable_id))
    return tuple(references)


# Marks of a later section in the text: a page header ("MOSCOW 00000628 003 OF 003") or a
# section banner ("SECTION 03 OF 03"); the page of a telegram is its section.
_LATER_SECTION = re.compile(
    r"(?<![\w.])0\d{7}\s+0*(?P<page>\d{1,3})(?:\.\d{1,2})?\s+of\s+\d{1,3}(?![\w.])"
    r"|\bsection\s+0*(?P<section>\d{1,3})\s+of\s+\d{1,3}\b",
    re.IGNORECASE,
)
# How the last paragraph of a record cut short ends: in a word or after a comma, not
# after the full stop, quote, bracket or colon that ends a sentence or a list item.
_CUT_SHORT = re.compile(r"[\w,;&/-]\s*$")


def _looks_cut(
    banner: Banner | None, paragraphs: tuple[Paragraph, ...], signature: str | None, body_text: str
) -> bool:
    """Whether a record stops before its end: no paragraphs at all, or the first of several
    sections without the text of the last one, its last paragraph broken off unsigned."""
    if not paragraphs:
        return True
    if banner is None or banner.section is None or signature is not None:
        return False
    section, _, sections = banner.section.partition(" OF ")
    if int(section) != 1 or int(sections) < 2:
        return False
    seen = 1
    for match in _LATER_SECTION.finditer(body_text):
        seen = max(seen, int(match.group("page") or match.group("section")))
    return seen < int(sections) and bool(_CUT_SHORT.search(paragraphs[-1].text))


def _error(record: RawRecord, message: str, hint: str) -> RecordError:
    return RecordError(record.source, record.position, message, line=record.line, hint=hint)


# What the dump layouts call their date field, and how they write it.
_DATE_FIELDS = {"jsonl": "date_time", "csv": "date"}


def _bad_dump_date(record: RawRecord) -> RecordError | None:
    """The error for a dump record whose date field does not read; None when it does."""
    stated = record.fields.get("created", "").strip()
    name = _DATE_FIELDS.get(record.format)
    if name is None or not stated or parse_timestamp(stated) is not None:
        return None
    return _error(
        record,
        f"{name} {stated!r} is not M/D/YYYY H:MM",
        f"expected a {name} like '2/13/2007 14:39'; fix or drop the record",
    )


def parse(record: RawRecord) -> Cable:
    """Parse one raw record into a Cable; RecordError when no cable can be read from it."""
    fields = record.fields
    header_text, body_text = _sources(record)
    header_text = clean_text(header_text)
    partial = bool(_PARTIAL.search(header_text) or _PARTIAL.search(body_text[:300]))
    routing: Routing | None = parse_routing(header_text) if header_text else None

    created = _created(fields.get("created"), routing, header_text)
    bad_date = _bad_dump_date(record)
    if bad_date is not None and (record.format == "jsonl" or created is None):
        # The JSON export's IDs come from the date's year; a dump row's date is its only
        # one when the routing header gives no date-time group.
        raise bad_date
    year = created.year if created else None

    lines = clean_text(body_text).split("\n")
    if not any(line.strip() for line in lines):
        raise _error(record, "empty body", "the record holds no cable text; check the source file")
    header, lines = _read_body(lines, year)
    banner = header.banner

    banner_id = None
    if banner is not None and year is not None:
        banner_id = make_reference_id(year, banner.post, banner.serial)
    stated_id = fields.get("reference_id", "").strip()
    origin = fields.get("origin") or origin_from_sender(routing.sender if routing else None)
    reference_id = canonical_reference_id(stated_id, banner_id=banner_id, origin=origin)
    if is_release_id(stated_id.upper()):
        # The release's own ID, well formed, stays as the release writes it (06TAIPEI2654,
        # though REF lines name the post AIT TAIPEI).
        reference_id = re.sub(r"(?<=[A-Z])0+(?=\d)", "", stated_id.upper())
    if reference_id is None and stated_id:
        raise _error(
            record,
            f"reference_id {stated_id!r} is not a valid reference ID, and no banner with a "
            "date gives one",
            "expected a reference ID like '07MOSCOW628' (year, post, serial)",
        )
    if reference_id is None:
        raise _error(
            record,
            "no reference ID: no reference_id field and no banner with a date to build one",
            "expected a classification banner like 'CONFIDENTIAL MOSCOW 000628' and a "
            "date-time group like '131439Z FEB 07' or a created date",
        )

    text_lines = header.text_lines
    if banner is not None:
        # A later section's banner ("... SECTION 02 OF 03 MOSCOW 000628") inside the text.
        text_lines = [line for line in text_lines if not _same_cable_banner(line, banner)]
    body = split_paragraphs(text_lines)
    read_any = header.subject or header.tags or header.executive_order or header.classified_by
    if not body.paragraphs and not read_any:
        raise _error(record, f"cable {reference_id}: no text under the header", "the body is empty")
    classified_by = header.classified_by or _first_paragraph_classified_by(body.paragraphs)
    partial = partial or _looks_cut(banner, body.paragraphs, body.signature, body_text)
    released: datetime | None = parse_timestamp(fields.get("released"))
    return Cable(
        reference_id=reference_id,
        provenance=Provenance(
            source=record.source,
            position=record.position,
            format=record.format,
            checksum=record.checksum,
            line=record.line,
        ),
        raw=record.text,
        created=created,
        released=released,
        classification=fields.get("classification") or _classification(banner, header.caveats),
        origin=origin or None,
        subject=header.subject or fields.get("subject") or None,
        tags=header.tags,
        routing=routing,
        banner=banner.text if banner else None,
        executive_order=header.executive_order,
        declassify_on=header.declassify_on,
        references=_not_itself(
            header.references or _listed_references(fields.get("references", "")), reference_id
        ),
        reference_text=header.reference_text,
        classified_by=classified_by,
        paragraphs=body.paragraphs,
        signature=body.signature,
        body="\n".join(lines).strip("\n"),
        partial=partial,
    )
