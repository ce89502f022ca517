"""Repair the dirt that cable text picks up on its way through mirrors and converters.

Every format ends here before the body is read: line endings, newline entities split
over two lines, paragraph marks lost to encoding (U+FFFD), page-break lines of
multi-page telegrams, words broken across lines, repeated SIPDIS markers.
"""

from __future__ import annotations

import html
import re

from kg.parse.lexicon import words

# A newline entity, possibly split over two lines by a converter (`&#x000A` / `;word`).
_NEWLINE_ENTITY = re.compile(r"&#x0*[aA](?:;|[ \t]*\n[ \t]*;|(?=\s)|$)", re.MULTILINE)
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|amp|quot|lt|gt|apos|nbsp);")
# Paragraph marks: the pilcrow, or what is left of it after a bad decode.
_MARK_BEFORE_LABEL = re.compile(r"(?:¶|\ufffd)[ \t]*(?=[0-9A-Za-z(])")
# "MOSCOW 00000628  002 OF 003" or "KABUL 00003161 001.2 OF 002": a page header that
# a multi-page telegram carries at every page break.
# Older telegrams: "PAGE 02 TEHRAN 05055 221035Z".
_PAGE_BREAK = re.compile(
    r"^[ \t]*[A-Z][A-Z .'-]{1,30}?[ \t]+\d{3,}[ \t]+\d{1,3}(?:\.\d+)?[ \t]+OF[ \t]+\d{1,3}[ \t]*$"
    r"|^[ \t]*PAGE[ \t]+\d{1,3}[ \t]+[A-Z][A-Z .'-]{1,30}?[ \t]+\d{3,}"
    r"(?:[ \t]+\d{2}[ \t]+OF[ \t]+\d{2})?[ \t]+\d{6}Z[ \t]*$"
)
# The same page header in any case and anywhere in a line, where a converter ran it into
# the text ("against central BAKU 00000744 002 of 003 government"): the serial padded
# with zeros, the page "of" the pages. The post is the run of capitals before it (up to
# three words: SAO PAULO), or one word when the text is not in capitals.
_INLINE_PAGE_BREAK = re.compile(
    r"(?:(?<![\w.'-])(?:[A-Z][A-Z.'-]*(?:[ \t]+[A-Z][A-Z.'-]*){0,2}|[A-Za-z][a-z.'-]*)[ \t]+)?"
    r"(?<![\w.])0\d{7}[ \t]+\d{1,3}(?:\.\d{1,2})?[ \t]+(?i:of)[ \t]+\d{1,3}(?![\w.])"
)
_SENTENCE_END = re.compile(r"""[.:;!?"')\]]\s*$""")
_SIPDIS_LINE = re.compile(r"^[ \t]*SIPDIS[ \t]*$")
_SIPDIS_INLINE = re.compile(r"(?<=\S)[ \t]+SIPDIS[ \t]+(?=\S)")
# A tail of one or two letters after a space; not after an apostrophe ("Steinberg's").
_FRAGMENT = re.compile(r"(?:^|[\s(\"])([A-Za-z]{1,2})$")


# A line that opens with a label ("subject:", "classified by", "e.o. 12958") starts a field.
_LABEL_OPENING = re.compile(
    r"(?:tags?|subj(?:ect)?|refs?|references?|decl(?:assify)?|reasons?)\s?:"
    r"|classified\s+by\b|e\.\s?o\.",
    re.IGNORECASE,
)
# One- and two-letter words that may end a line: a tail not among them is a word the
# line break cut in two ("the d" / "oor").
_SHORT_WORDS = words("short_words.txt")
# Frequent words a line may open with: after "Plan B" a line "and ..." is no fragment.
_LINE_OPENERS = words("line_openers.txt")


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark goes."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def decode_entities(text: str) -> str:
    """Resolve HTML entities, including newline entities split across lines."""
    text = _NEWLINE_ENTITY.sub("\n", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def drop_paragraph_marks(text: str) -> str:
    """Remove pilcrows (and U+FFFD standing for them) before paragraph labels.

    A U+FFFD between two letters was an apostrophe or accent that did not survive
    the conversion; an apostrophe reads best there.
    """
    text = _MARK_BEFORE_LABEL.sub("", text)
    text = re.sub(r"(?<=[A-Za-z])\ufffd(?=[A-Za-z])", "'", text)
    return text.replace("¶", "").replace("\ufffd", "")


def _joins_word(line: str, following: str) -> bool:
    """Whether ``line`` ends in a fragment of a word that ``following`` completes."""
    if not line or line[-1].isspace() or not following or not following[0].islower():
        return False
    match = _FRAGMENT.search(line)
    if match is None:
        return False
    fragment = match.group(1)
    if fragment.upper() in _SHORT_WORDS or (len(fragment) == 2 and fragment.isupper()):
        return False  # a word, or an acronym (DC, NY)
    if _LABEL_OPENING.match(following):
        return False  # "tags: ..., gr" / "subject: ...": a header label opens the line
    # "Plan B" / "and": the next line opens with a word of its own.
    head = re.match(r"[a-z]+", following)
    return head is None or head.group(0).upper() not in _LINE_OPENERS


def join_split_words(lines: list[str]) -> list[str]:
    """Join lines where a line break cut a word in two (``S`` / ``erbian``)."""
    out: list[str] = []
    for line in lines:
        if out and _joins_word(out[-1], line):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


def drop_page_breaks(lines: list[str]) -> list[str]:
    """Remove page-header lines, rejoining a sentence the page break interrupted."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _PAGE_BREAK.match(lines[i]) and not _INLINE_PAGE_BREAK.fullmatch(lines[i].strip()):
            out.append(_drop_inline_page_breaks(lines[i]))
            i += 1
            continue
        # Skip the page header and the blank lines around it.
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        while out and not out[-1].strip():
            out.pop()
        following = lines[j] if j < len(lines) else ""
        if out and not _SENTENCE_END.search(out[-1]) and following[:1].islower():
            # Mid-sentence: the text goes on, on the line the page header cut in two.
            glue = "" if _joins_word(out[-1], following) else " "
            out[-1] = out[-1].rstrip() + glue + _drop_inline_page_breaks(following.lstrip())
            i = j + 1
            continue
        if out:
            out.append("")
        i = j
    return out


def _drop_inline_page_breaks(line: str) -> str:
    """A page header inside a line goes, with the spaces around it but one."""
    if not _INLINE_PAGE_BREAK.search(line):
        return line

    def gap(match: re.Match[str]) -> str:
        at_edge = not line[: match.start()].strip() or not line[match.end() :].strip()
        return "" if at_edge else " "

    return re.sub(rf"[ \t]*(?:{_INLINE_PAGE_BREAK.pattern})[ \t]*", gap, line)


def drop_repeated_sipdis(lines: list[str]) -> list[str]:
    """Keep the first stand-alone SIPDIS line; drop repeats and SIPDIS inside prose."""
    out: list[str] = []
    seen = False
    for line in lines:
        if _SIPDIS_LINE.match(line):
            if seen:
                # Drop the blank line that separated the repeat from what came before.
                if out and not out[-1].strip():
                    out.pop()
                continue
            seen = True
        out.append(_SIPDIS_INLINE.sub(" ", line) if "SIPDIS" in line else line)
    return out


def squeeze_blank_lines(lines: list[str]) -> list[str]:
    """Strip trailing spaces, keep at most one blank line in a row, trim both ends."""
    out: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def clean_text(text: str) -> str:
    """The whole repair, in the order the dirt came in."""
    text = normalize_newlines(text)
    text = decode_entities(text)
    text = text.replace("\u00a0", " ").replace("\t", "    ")
    text = drop_paragraph_marks(text)
    lines = text.split("\n")
    lines = drop_page_breaks(lines)
    lines = join_split_words(lines)
    lines = drop_repeated_sipdis(lines)
    return "\n".join(squeeze_blank_lines(lines))


def prose(text: str) -> str:
    """Lines joined into one single-spaced string."""
    return " ".join(text.split())
