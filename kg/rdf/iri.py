"""Deterministic IRIs for everything the graph names, from one configurable base.

The same input gives the same IRI on every run and every machine: IRIs are built
from reference IDs, TAGS codes and normalized names, never from counters that
depend on ingestion order across cables.

    {base}cable/07MOSCOW628                 the cable
    {base}graph/07MOSCOW628                 its named graph
    {base}cable/07MOSCOW628/p/3             its fourth paragraph (0-based index 3)
    {base}cable/07MOSCOW628/meeting/2       a meeting it tells of
    {base}cable/07MOSCOW628/p/3#char=12,18  a mention in a paragraph: its characters 12 to 18
                                            (RFC 5147, as NIF 2.0 names a string)
    {base}cable/07MOSCOW628/mention/17      a mention in a header field (the 18th mention)
    {base}cable/07MOSCOW628/membership/4    a role held, as the cable states it
    {base}cable/07MOSCOW628/person/popov    a person the cable names too thinly to identify
    {base}person/vladimir-titov             a person identified by full name
    {base}org/ministry-of-foreign-affairs   an organization
    {base}place/RS                          a country by FIPS 10-4 code; place/{slug} otherwise
    {base}tag/PREL                          a TAGS concept
    {base}topic/{slug}                      a free topic
    {base}post/embassy-moscow               a post (sender, addressee, origin)
    {base}role/deputy-foreign-minister      a role (title)
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from kg.rdf.vocabulary import DEFAULT_BASE_IRI

_NON_WORD = re.compile(r"[^a-z0-9]+")
_CHAR_RANGE = re.compile(r"[#/]char=([0-9]{1,9}),([0-9]{1,9})$")
_WORD = re.compile(r"\w+")
# Latin letters that NFKD does not decompose into an ASCII letter and a mark.
_LATIN = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
        "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "TH", "ŧ": "t", "Ŧ": "T",
    }
)  # fmt: skip


def slug(text: str) -> str:
    """``"Botsan-Karchenko, Aleksandr"`` -> ``"botsan-karchenko-aleksandr"``; ASCII, stable.

    Accents go (``"Wałęsa"`` -> ``"walesa"``). Letters with no ASCII form (Cyrillic,
    Arabic, Chinese) would vanish and let different names share a slug, so then the slug
    ends with 10 hex digits of the SHA-1 of the name's words (case and punctuation aside,
    as for the rest of the slug): ``"Сергей Лавров"`` -> ``"9fcd0d2fe1"``,
    ``"Sergey Лавров"`` -> ``"sergey-e10231f344"``.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    base = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if any(not c.isascii() and c.isalnum() for c in decomposed):
        words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
        digest = hashlib.sha1("-".join(words).encode("utf-8")).hexdigest()[:10]
        return f"{base}-{digest}" if base else digest
    return base or "x"


def _code(text: str) -> str:
    return quote(text.strip().upper().replace(" ", "_"), safe="_-.")


@dataclass(frozen=True, slots=True)
class IRIs:
    """IRI factory bound to one base. Returns plain strings; callers wrap them."""

    base: str = DEFAULT_BASE_IRI

    def __post_init__(self) -> None:
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", self.base):
            from kg.errors import ConfigError

            raise ConfigError(
                f"base IRI {self.base!r} is not absolute", hint="e.g. https://example.org/id/"
            )
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def cable(self, reference_id: str) -> str:
        return f"{self.base}cable/{_code(reference_id)}"

    def graph(self, reference_id: str) -> str:
        return f"{self.base}graph/{_code(reference_id)}"

    def paragraph(self, reference_id: str, index: int) -> str:
        return f"{self.cable(reference_id)}/p/{index}"

    def meeting(self, reference_id: str, n: int) -> str:
        return f"{self.cable(reference_id)}/meeting/{n}"

    def mention(self, reference_id: str, n: int) -> str:
        """A mention in a header field, by its number among the extraction's mentions."""
        return f"{self.cable(reference_id)}/mention/{n}"

    def paragraph_mention(self, reference_id: str, index: int, start: int, end: int) -> str:
        """A mention in a paragraph, named by the characters it spans there (``text[start:
        end]``): an RFC 5147 fragment of the paragraph's IRI, the way NIF 2.0 names strings.
        The IRI alone says where the mention is; ``char_range`` reads it back. Under a
        base that ends in ``#`` the paragraph's IRI has a fragment already, and an IRI has
        one at most: the span is then a path segment (``.../p/3/char=12,18``)."""
        paragraph = self.paragraph(reference_id, index)
        joint = "/" if "#" in paragraph else "#"
        return f"{paragraph}{joint}char={start},{end}"

    def membership(self, reference_id: str, n: int) -> str:
        return f"{self.cable(reference_id)}/membership/{n}"

    def person(self, global_id: str | None, *, reference_id: str, local: str) -> str:
        if global_id:
            return f"{self.base}person/{slug(global_id)}"
        return f"{self.cable(reference_id)}/person/{slug(local)}"

    def organization(self, global_id: str | None, *, reference_id: str, local: str) -> str:
        if global_id:
            return f"{self.base}org/{slug(global_id)}"
        return f"{self.cable(reference_id)}/org/{slug(local)}"

    def place(self, code_or_name: str) -> str:
        if re.fullmatch(r"[A-Z0-9]{2}", code_or_name):
            return f"{self.base}place/{code_or_name}"
        return f"{self.base}place/{slug(code_or_name)}"

    def tag(self, code: str) -> str:
        return f"{self.base}tag/{_code(code)}"

    def topic(self, name: str) -> str:
        return f"{self.base}topic/{slug(name)}"

    def post(self, name: str) -> str:
        return f"{self.base}post/{slug(name)}"

    def role(self, title: str) -> str:
        return f"{self.base}role/{slug(title)}"


def char_range(iri: str) -> tuple[str, int, int] | None:
    """``(document, start, end)`` of an IRI ending in an RFC 5147 ``#char=start,end``
    fragment (``IRIs.paragraph_mention``; ``/char=`` under a base ending in ``#``), else
    None (also for a reversed span or offsets of more than nine ASCII digits, as an
    untrusted store may hold): ``".../p/3#char=12,18"`` -> ``(".../p/3", 12, 18)``."""
    match = _CHAR_RANGE.search(iri)
    if match is None:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if start > end:
        return None
    return iri[: match.start()], start, end
