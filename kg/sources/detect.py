"""Tell a file's format from its content (the name only breaks ties)."""

from __future__ import annotations

import json
import re

from kg.errors import FormatError
from kg.model import Format

_HTML = re.compile(r"<(?:!DOCTYPE\s+html|html\b|table\s+class=['\"]cable['\"]|pre\b|body\b)", re.I)
_ARCHIVE = re.compile(
    r"^\s*Reference ID\s+Created\s+Released\s+Classification\s+Origin\s*$", re.MULTILINE
)
_ARCHIVE_TITLE = re.compile(r"^\d{2}[A-Z]+\d+, \S", re.MULTILINE)
# First field a record number, second a dump date: "1","12/28/1966 18:48","66...
_CSV = re.compile(r'^\s*"?\d+"?\s*,\s*"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"?\s*,', re.MULTILINE)
_TELEGRAM = re.compile(
    r"^\s*(?:VZCZC\w*|DE [A-Z]{4,7} #|FM (?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USDEL)\b|"
    r"(?:[A-Z]{1,2} )?\d{6}Z [A-Z]{3} \d{2}\s*$)",
    re.MULTILINE,
)
_BANNER = re.compile(
    r"^\s*(?:UNCLAS(?:SIFIED)?|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|"
    r"LIMITED OFFICIAL USE)\s+(?:SECTION \d+ OF \d+ )?[A-Z][A-Z ]*\s\d{3,}",
    re.MULTILINE,
)


def _looks_like_jsonl(text: str) -> bool:
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:
            # A first line cut short by the sample size still starts like an object.
            return bool(re.match(r'\s*\{\s*"[^"]+"\s*:', line))
    return False


SAMPLE_SIZE = 64 * 1024


def detect(sample: bytes | str, *, name: str = "") -> Format:
    """The format of a file from its first bytes; FormatError when nothing fits.

    Only the first SAMPLE_SIZE bytes count, so a whole file and the head that ``read``
    peeks at get the same answer.
    """
    head = sample[:SAMPLE_SIZE]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff")
    if _looks_like_jsonl(text):
        return "jsonl"
    if _HTML.search(text[:20000]):
        return "html"
    if _ARCHIVE.search(text) or (_ARCHIVE_TITLE.search(text) and "WikiLeaks Link" in text):
        return "archive"
    if _CSV.match(text):
        return "csv"
    if _TELEGRAM.search(text) or _BANNER.search(text):
        return "telegram"
    raise FormatError(
        name or "<input>",
        "not a cable format this reader knows",
        hint="expected an archive page, a WikiLeaks cable page (HTML), a raw telegram, "
        "a cables.csv dump or JSON lines; pass format= to force one",
    )
