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

# Every pattern here is linear in the page, even a hostile one: a tag cannot run past the
# next "<", and blocks are paired open-to-close in one pass (``_blocks``) rather than by a
# lazy ".*?" that rescans the rest of the page for each unclosed opening tag.
_TAG = re.compile(r"<[^<>]*>")
_SPLIT_ENTITY = re.compile(r"&#x0*[aA][ \t]*\n[ \t]*;")
# A subject runs to the heading's end (tags such as <br> inside it), 2,000 characters at most.
_TITLE = re.compile(
    r"<h3>\s*Viewing cable\s+[^,<]{1,100},\s*((?:[^<]|<(?!/h3>)){0,2000}?)\s*</h3>", re.I
)
_CABLE_TABLE = re.compile(r"""class=['"]cable['"]""", re.I)
_MARKUP = {
    name: re.compile(rf"<(/?)({name})\b[^<>]*>", re.I) for name in ("table", "tr", "t[dh]", "pre")
}


def _blocks(text: str, name: str, only: re.Pattern[str] | None = None) -> list[tuple[int, str]]:
    """``(start, inner text)`` of each ``<name>...</name>`` block, in order.

    An opening tag (one that ``only`` finds something in, if given) pairs with the next
    closing tag; openings inside a block, an opening never closed and a closing never
    opened are passed over. One pass over the tags: linear.
    """
    found: list[tuple[int, str]] = []
    opened: re.Match[str] | None = None
    for tag in _MARKUP[name].finditer(text):
        if not tag.group(1):
            if opened is None and (only is None or only.search(tag.group(0))):
                opened = tag
        elif opened is not None:
            found.append((opened.start(), text[opened.end() : tag.start()]))
            opened = None
    return found


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
    rows = [[cell for _, cell in _blocks(row, "t[dh]")] for _, row in _blocks(table, "tr")]
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
    table = next(iter(_blocks(text, "table", _CABLE_TABLE)), None)
    pres = [inner for _, inner in _blocks(text, "pre")]
    if table is None or not pres:
        return RecordError(
            source,
            1,
            "no cable on this page: "
            + ("no <table class='cable'>" if table is None else "no <pre> block"),
            line=1,
            hint="expected a WikiLeaks cable page with the release table and <pre> blocks",
        )
    fields = _table_fields(table[1])
    if len(pres) >= 2:
        fields["header"], fields["body"] = text_of(pres[0]), text_of(pres[1])
    else:
        fields["header"], fields["body"] = "", text_of(pres[0])
    title = _TITLE.search(text)
    if title:
        fields["subject"] = " ".join(text_of(title.group(1)).split())
    line = text.count("\n", 0, table[0]) + 1
    return RawRecord(source, 1, "html", text, line=line, fields=fields)


_PAGE = re.compile(r"<(?:!DOCTYPE\s+html|html\b|table\s+class=['\"]cable['\"]|pre\b|body\b)", re.I)


def looks_like(text: str) -> bool:
    """Whether a file's first bytes read as an HTML page."""
    return bool(_PAGE.search(text[:20000]))


def read_file(data: BinaryIO, source: str) -> Iterator[RawRecord | RecordError]:
    """The one record of a WikiLeaks cable page."""
    yield read_html(decode(data.read()), source)
