"""Join a paragraph's lines into its text: wrapped prose into one line, list lines apart.

Telegrams wrap prose at a fixed width, so a line that stops while the next line's first
word would still have fitted was broken on purpose: a participants list, a
memorandum-of-conversation header, a table of names. Those breaks stay as one newline;
every other break was the wrap and becomes a space. So do lines ending in a colon
("Participants:"), lines opening with a dash or bullet ("-- the minister"), rows of a
table (columns three or more spaces apart) and "Name, Title" lines under each other.

The width is read from the body itself (a high percentile of its line lengths, below the
longest lines so that a few overlong ones cannot make every line look short). A body whose
newlines were collapsed (the JSON export) has a line per paragraph and gets no new breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

_BULLET = re.compile(r"^\s*(?:[-*•·]{1,3}\s|\(?[a-z0-9]{1,2}\)\s|\d{1,2}\.\s)")
# A column gap: three spaces or more after a word (not after a sentence's full stop).
_COLUMN_GAP = re.compile(r"[^\s.!?:;](?: {3,}|\t)\S")
_NAME_TITLE = re.compile(r"^\s*(?:[A-Z][\w.'-]*\s){0,4}[A-Z][\w'-]+,\s+\S")
_DASHES = re.compile(r"^\s*-{3,}[\s-]*$")
_SLACK = 6
_ITEM_END = re.compile(r"[.;!?][\"')]?\s*$")
_LONGEST_WRAP = 80
_LIST_RUN = 3  # short lines in a row that make a list without a heading over it
_LABELLED = re.compile(r"^\s*[A-Z][\w.'/()-]*(?: [\w.'/()-]+){0,2}:(?:\s|$)")


def wrap_width(lines: Sequence[str]) -> int:
    """The width the body's prose was wrapped at, as far as its lines tell (0: unknown)."""
    lengths = sorted(
        len(line.rstrip()) for line in lines if line.strip() and not _DASHES.match(line)
    )
    if not lengths:
        return 0
    width = lengths[(len(lengths) * 3) // 4]
    # Telegrams wrap at 69 characters at most: longer lines are paragraphs a converter
    # unwrapped, whose breaks tell nothing.
    return width if width <= _LONGEST_WRAP else 0


def _marked(line: str, following: str) -> bool:
    """Whether the break between two text lines is marked as part of the text: a heading
    with its colon, a bullet, table rows, "Name, Title" or "Label: value" lines."""
    if line.rstrip().endswith(":") or _BULLET.match(following):
        return True
    if _table_row(line) and _table_row(following):
        return True
    if _NAME_TITLE.match(line) and _NAME_TITLE.match(following):
        return True
    return bool(_LABELLED.match(line) and _LABELLED.match(following))


def _short(line: str, following: str, width: int) -> bool:
    """Whether ``line`` stops while the first word of ``following`` would have fitted."""
    first_word = following.split()[0]
    if not width or first_word[0].islower() or line.rstrip().endswith(","):
        return False  # a sentence going on
    # The slack allows for what mirrors took out of a line after it was wrapped: quotes,
    # the paragraph mark, a name redacted to a shorter mask.
    return len(line.rstrip()) + 1 + len(first_word) + _SLACK <= width


def _table_row(line: str) -> bool:
    return bool(_COLUMN_GAP.search(line.strip()))


def join_lines(lines: Sequence[str], width: int) -> str:
    """The paragraph text of ``lines``: single spaces within a line and across wrapped
    lines, a newline where the line break is part of the text.

    A short line alone (or two) is more likely a mirror's edit of the prose than a list:
    short lines count as list lines only in a run of several, or under a heading.
    """
    rows = [line for line in lines if line.strip() and not _DASHES.match(line)]
    pairs = list(pairwise(rows))
    marked = [_marked(line, following) for line, following in pairs]
    short = [_short(line, following, width) for line, following in pairs]
    kept = list(marked)
    in_item = False
    for i, (line, following) in enumerate(pairs):
        # The text after a bulleted item (its sentence ended) is no more of the item.
        in_item = bool(_BULLET.match(line)) or in_item
        if in_item and _ITEM_END.search(line) and following.lstrip()[:1].isupper():
            kept[i] = True
            in_item = False
    k = 0
    while k < len(pairs):
        if not short[k]:
            k += 1
            continue
        end = k
        while end < len(pairs) and (short[end] or rows[end].rstrip().endswith(":")):
            end += 1
        run = range(k, end)
        under_heading = any(rows[i].rstrip().endswith(":") for i in range(max(k - 1, 0), end))
        if sum(short[i] for i in run) >= _LIST_RUN or under_heading:
            for i in run:
                kept[i] = True
        k = end
    text = " ".join(rows[0].split()) if rows else ""
    for i, (_, following) in enumerate(pairs):
        text += ("\n" if kept[i] else " ") + " ".join(following.split())
    return text
