"""Read a WikiLeaks cable page: the release table and the two ``<pre>`` blocks.

The table gives Reference ID, Created, Released, Classification and Origin (the link
text; ``title=`` attributes are sometimes wrong). The first ``<pre>`` is the routing
header (or a note that the record is a partial extract), the second the body, with
``&#x000A;`` for newlines, TAGS as links and paragraph anchors.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.errors import RecordError
from kg.model import RawRecord
from kg.sources.stream import decode

_TABLE = re.compile(r"<table\s+class=['\"]cable['\"][^>]*>(.*?)</table>", re.S | re.I)
_ROW = re.compile(r"<tr[^>]*>(.*?)</tr>", re.S | re.I)
_CELL = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S | re.I)
_PRE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_SPLIT_ENTITY = re.compile(r"&#x0*[aA][ \t]*\n[ \t]*;")
_TITLE = re.compile(r"<h3>\s*Viewing cable\s+[^,<]+,\s*(.*?)\s*</h3>", re.S | re.I)
_COLUMNS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}


def text_of(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities resolved, link text kept."""
    # A newline entity split over two lines ("&#x000A" / ";word") is still one newline.
    fragment = _SPLIT_ENTITY.sub("&#x000A;", fragment)
    return html.unescape(_TAG.sub("", fragment))


def _table_fields(table: str) -> dict[str, str]:
    rows = [_CELL.findall(row) for row in _ROW.findall(table)]
    fields: dict[str, str] = {}
    if len(rows) < 2:
        return fields
    names = [" ".join(text_of(c).split()).lower() for c in rows[0]]
    for name, cell in zip(names, rows[1], strict=False):
        key = _COLUMNS.get(name)
        value = " ".join(text_of(cell).split())
        if key and value:
            fields[key] = value
    return fields


def read_html(text: str, source: str) -> RawRecord | RecordError:
    """The one record of a cable page."""
    table = _TABLE.search(text)
    pres = _PRE.findall(text)
    if table is None or not pres:
        return RecordError(
            source,
            1,
            "no cable on this page: "
            + ("no <table class='cable'>" if table is None else "no <pre> block"),
            line=1,
            hint="expected a WikiLeaks cable page with the release table and <pre> blocks",
        )
    fields = _table_fields(table.group(1))
    if len(pres) >= 2:
        fields["header"], fields["body"] = text_of(pres[0]), text_of(pres[1])
    else:
        fields["header"], fields["body"] = "", text_of(pres[0])
    title = _TITLE.search(text)
    if title:
        fields["subject"] = " ".join(text_of(title.group(1)).split())
    line = text.count("\n", 0, table.start()) + 1
    return RawRecord(source, 1, "html", text, line=line, fields=fields)


_PAGE = re.compile(r"<(?:!DOCTYPE\s+html|html\b|table\s+class=['\"]cable['\"]|pre\b|body\b)", re.I)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as an HTML page."""
    return bool(_PAGE.search(text[:20000]))


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The one record of a WikiLeaks cable page."""
    yield read_html(decode(data.read()), source)
