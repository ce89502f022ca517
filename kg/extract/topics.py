"""Topics: TAGS by kind with their labels, and the free topics a subject line or heading names.

TAGS are read against the State Department tables: subject tags (PREL = External
Political Relations), program tags (K*), organization tags, geographic tags (FIPS codes)
and person tags (``OVIP (STEINBERG, JAMES B.)``). A subject line or section heading that
opens with a short label ("KOSOVO: SPECIAL ENVOY ...", "Kosovo: A Question of Precedent")
gives a free topic named by that label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.model import Cable
from kg.parse.tags import person_tags

_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z .'/&-]{1,40}?)\s*:\s+\S")
_PERSON_TAG = re.compile(r"^([A-Z]{4})\s*\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)$")
_NOT_TOPICS = frozenset(
    [
        "summary",
        "comment",
        "note",
        "subject",
        "ref",
        "action",
        "request",
        "scenesetter",
        "scene",
        "setter",
        "update",
        "background",
        "begin",
        "text",
        "end",
    ]
)


def find_topics(cable: Cable) -> Iterator[Find]:
    """TAGS topics (in the "tags" field) and free topics from the subject and headings."""
    gazetteer = load()
    for tag in person_tags(cable.tags):
        find = _tag_topic(tag.strip(), gazetteer)
        if find is not None:
            yield find
    if cable.subject:
        label = free_label(cable.subject, gazetteer)
        if label is not None:
            name, start, end = label
            yield Find(
                "topic", cable.subject[start:end], start, end, None, "subject", name, scheme="free"
            )
    for paragraph in cable.paragraphs:
        if paragraph.heading:
            label = free_label(paragraph.heading, gazetteer)
            if label is not None and (label[0] in gazetteer.places or " " in label[0]):
                name, start, end = label
                yield Find(
                    "topic",
                    paragraph.heading[start:end],
                    start,
                    end,
                    paragraph.index,
                    "header",
                    name,
                    scheme="free",
                )


def free_label(text: str, gazetteer: Gazetteer) -> tuple[str, int, int] | None:
    """ "KOSOVO: SPECIAL ENVOY ..." -> ("Kosovo", 0, 6); None for "SUMMARY:" or codes."""
    match = _LABEL.match(text)
    if match is None:
        return None
    raw = match.group(1).strip()
    if raw.lower() in _NOT_TOPICS or any(c.isdigit() for c in raw) or len(raw.split()) > 4:
        return None
    for place in gazetteer.places:
        if place.lower() == raw.lower():
            return place, match.start(1), match.start(1) + len(raw)
    name = raw.title() if raw.isupper() else raw
    return name, match.start(1), match.start(1) + len(raw)


def _tag_topic(tag: str, gazetteer: Gazetteer) -> Find | None:
    person = _PERSON_TAG.match(tag)
    if person is not None:
        words = f"{person.group(3)} {person.group(2)}".split()
        name = " ".join(w.capitalize() if len(w) > 2 else w.upper() for w in words)
        return Find(
            "topic", tag, 0, len(tag), None, "tags", name, code=person.group(1), scheme="person"
        )
    code = tag.upper()
    scheme: str | None = None
    label: str | None = None
    if code in gazetteer.subject_tags:
        scheme, label = "subject", gazetteer.subject_tags[code]
    elif code in gazetteer.program_tags:
        scheme, label = "program", gazetteer.program_tags[code]
    elif len(code) == 2 and code in gazetteer.country_names:
        scheme, label = "geo", gazetteer.country_names[code]
    elif code in gazetteer.organization_tags:
        scheme, label = "organization", gazetteer.organization_tags[code]
    elif code.startswith("K") and len(code) == 4:
        scheme, label = "program", code
    if scheme is None or label is None:
        return None
    return Find("topic", tag, 0, len(tag), None, "tags", label, code=code, scheme=scheme)
