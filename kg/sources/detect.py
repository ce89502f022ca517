"""Tell a file's format from its content: each format's ``looks_like``, in the order of
``kg.sources.readers.READERS`` (the name only breaks ties)."""

from __future__ import annotations

from kg.errors import FormatError
from kg.model import Format
from kg.sources.readers import READERS

SAMPLE_SIZE = 64 * 1024


def detect(sample: bytes | str, *, name: str = "") -> Format:
    """The format of a file from its first bytes; FormatError when nothing fits.

    Only the first SAMPLE_SIZE bytes count, so a whole file and the head that ``read``
    peeks at get the same answer.
    """
    head = sample[:SAMPLE_SIZE]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff")
    for format, reader in READERS.items():
        if reader.looks_like(text):
            return format
    raise FormatError(
        name or "<input>",
        "not a cable format this reader knows",
        hint="expected an archive page, a WikiLeaks cable page (HTML), a raw telegram, "
        "a cables.csv dump or JSON lines; pass format= to force one",
    )
