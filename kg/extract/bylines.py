"""People the header names: the Classified By officer, the signer, person TAGS, forms.

"Classified By: Ambassador William J. Burns" (role expanded: "DCM" is Deputy Chief of
Mission), the signature "BURNS" (a surname, in normal case), "OVIP (STEINBERG, JAMES B.)",
and the "Name: SURNAME, Given Names" lines of forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.names import normal_case, surname_first
from kg.extract.text import Segment
from kg.model import Cable
from kg.parse.tags import person_tags

_PERSON_TAG = re.compile(r"^([A-Z]{4})\s*\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)$")


def classified_by_people(cable: Cable, segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    """The officer the parser read off the Classified By line (none: the caller scans it)."""
    info = cable.classified_by
    if info is not None and info.person and not _REDACTED.search(info.person):
        person = _untitled(info.person, gazetteer)
        at = segment.text.find(person)
        if at < 0:
            at = segment.text.lower().find(person.lower())
        if at >= 0:
            name = person
            if all(c.isupper() or not c.isalpha() for c in name):
                name = " ".join(normal_case(w) for w in name.split())
            yield Find(
                "person",
                segment.text[at : at + len(person)],
                at,
                at + len(person),
                None,
                "classified_by",
                name.rstrip(", "),
                title=_expand_role(info.role, gazetteer),
                confidence=1.0,
                rule="person.classified-by",
            )


def _untitled(person: str, gazetteer: Gazetteer) -> str:
    """The officer's name without the titles the parser left before it: "ECPO Mincouns
    William R. Stewart" is William R. Stewart (a given name and a surname stay)."""
    words = person.split(" ")
    while len(words) > 2 and (words[0].lower(),) in gazetteer.titles_folded:
        words = words[1:]
    return " ".join(words)


def _expand_role(role: str | None, gazetteer: Gazetteer) -> str | None:
    """ "DCM" -> "Deputy Chief of Mission", "POLITICAL COUNSELOR" -> "Political Counselor"."""
    if not role:
        return role
    role = re.sub(r"(['’])\s+", r"\1", role)  # "Charge d' Affaires"
    words = tuple(role.split())
    title = gazetteer.titles.get(words) or gazetteer.titles_folded.get(
        tuple(w.lower() for w in words)
    )
    if title is not None:
        return title.expansion
    return " ".join(normal_case(w) for w in words) if role.isupper() else role


def signature_people(cable: Cable) -> Iterator[Find]:
    rule = "person.signature"
    signature = (cable.signature or "").strip()
    if not signature:
        signature, rule = _tail_signature(cable.body) or "", "person.signature-tail"
    if not signature:
        return
    if _REDACTED.search(signature):
        return  # "XXXXXXXXXXXX": the release withholds the name
    words = [w for w in re.split(r"\s+", signature) if w]
    if not words or len(words) > 4 or not all(re.fullmatch(r"[A-Za-z.'’-]+", w) for w in words):
        return
    name = " ".join(normal_case(w) if w.isupper() or w.islower() else w for w in words)
    # a Department cable goes out over the Secretary's name: RICE, CLINTON sign as Secretary
    title = "Secretary of State" if (cable.origin or "").startswith("Secretary of State") else None
    yield Find(
        "person",
        signature,
        0,
        len(signature),
        None,
        "signature",
        name,
        title=title,
        confidence=0.9,
        rule=rule,
    )


_REDACTED = re.compile(r"X{4,}", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"”)]\s+")
_SIGNER = re.compile(r"[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]*){0,2}|[a-z][a-z'-]{3,}")
_CAPS_PARTICLES = frozenset({"la", "le", "du", "des", "del", "della", "di", "van", "von", "de"})
_NOT_SIGNERS = frozenset({"nnnn", "bt", "end", "text", "unquote", "quote", "sipdis", "noforn"})


def _tail_signature(body: str) -> str | None:
    """The signer the parser did not see: the body's last words after the last sentence,
    in capitals or (as some posts type it) in lower case: "... in 2009. LA LIME",
    "URBAN \\", a line "kurtzer" under a row of asterisks."""
    line = body.rstrip(" \t\n\\").rpartition("\n")[2].strip(" \t\\")
    ends = [m.end() for m in _SENTENCE_END.finditer(line)]
    signer = line[ends[-1] :].strip() if ends else line
    if not _SIGNER.fullmatch(signer) or len(signer) < 4:
        return None
    gazetteer = load()
    words = signer.split()
    keep = len(words) - 1  # the surname, with the particles and given names before it
    while keep and (
        words[keep - 1].lower() in gazetteer.particles
        or words[keep - 1].lower() in _CAPS_PARTICLES
        or words[keep - 1].lower() in gazetteer.first_names
    ):
        keep -= 1
    signer = " ".join(words[keep:])  # not "MINIMIZE CONSIDERED", a redaction, a drafter
    for word in signer.split():
        lower = word.lower()
        if (
            lower in _NOT_SIGNERS
            or lower in gazetteer.capwords
            or lower in gazetteer.caps_stopwords
        ):
            return None
        if word in gazetteer.organizations or normal_case(word) in gazetteer.places:
            return None
        if (word,) in gazetteer.titles or lower in gazetteer.officers:
            return None
    return signer


_FORM_NAME = re.compile(
    r"\bName:\s*([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)*),\s*"
    r"([A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+\b(?!:))*)"  # "Chen-fang": a given name's syllables
)


def form_names(segment: Segment) -> Iterator[Find]:
    """ "Name: WILLIAM, Roderick Anthony" in a form: Roderick Anthony William; a Chinese or
    Korean name keeps its surname first ("Name: YU, Chen-fang": Yu Chen-fang)."""
    if "Name:" not in segment.text:
        return
    for match in _FORM_NAME.finditer(segment.text):
        surname = " ".join(normal_case(w) for w in match.group(1).split())
        name = f"{match.group(2)} {surname}"
        if surname_first((surname, match.group(2))):
            name = f"{surname} {match.group(2)}"  # "Name: YU, Chen-fang": Yu Chen-fang
        yield Find(
            "person",
            segment.text[match.start(1) : match.end(2)],
            match.start(1),
            match.end(2),
            segment.paragraph,
            segment.field,
            name,
            confidence=0.9,
            rule="person.form-name",
        )


def person_tag_people(cable: Cable) -> Iterator[Find]:
    for tag in person_tags(cable.tags):
        match = _PERSON_TAG.match(tag.strip())
        if not match:
            continue
        surname, given = match.group(2), match.group(3)
        name = " ".join(normal_case(w) for w in f"{given} {surname}".split())
        yield Find(
            "person",
            tag,
            0,
            len(tag),
            None,
            "tags",
            name,
            code=match.group(1),
            scheme="person",
            confidence=1.0,
            rule="person.tags",
        )
