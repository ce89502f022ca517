"""Names in text written in capitals (older cables, subject lines).

Capitals hide the cue of a capital letter, so a name is read only after a strong title
("LTG JAFFARQOLI SADRI", "BRIGADIER GENERAL SAID TAHERI") or from a known given name, and
it ends at the first common word.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.names import clean_name, match_title
from kg.extract.text import Segment, Token


def _caps_stop(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    lower = word.lower()
    if not token.is_word or len(word) < 2:
        return True
    if lower in gazetteer.first_names:
        return False
    return (
        lower in gazetteer.capwords
        or lower in gazetteer.caps_stopwords
        or lower in gazetteer.speech_verbs
        or lower in gazetteer.address_verbs
        or word.title() in gazetteer.demonyms
        or word.title() in gazetteer.places
        or word in gazetteer.organizations
        or word in gazetteer.officers
        or (lower,) in gazetteer.titles_folded
    )


def scan_caps(segment: Segment, tokens: list[Token], gazetteer: Gazetteer) -> Iterator[Find]:
    """Capitals: a title, then up to three words that are not common words."""
    k = 0
    n = len(tokens)
    while k < n:
        match = match_title(tokens, k, gazetteer, folded=True)
        if match is not None and match[0].weak:
            match = None
        if match is None:
            first = tokens[k].bare.lower() in gazetteer.first_names
            if first and k + 1 < n and not _caps_stop(tokens[k + 1], gazetteer):
                end = k + 1
                while end < n and end - k < 3 and not _caps_stop(tokens[end], gazetteer):
                    end += 1
                yield _caps_find(segment, tokens, k, end, None)
                k = end
                continue
            k += 1
            continue
        title, length = match
        at = k + length
        end = at
        while end < n and end - at < 3 and not _caps_stop(tokens[end], gazetteer):
            if (
                end > at
                and _verb_like(tokens[end])
                and tokens[at].bare.lower() not in gazetteer.first_names
            ):
                break
            end += 1
        if end == at and at < n and tokens[at].bare.lower() in gazetteer.first_names:
            end = at + 1
            while end < n and end - at < 3 and not _caps_stop(tokens[end], gazetteer):
                end += 1
        if end > at:
            yield _caps_find(segment, tokens, at, end, title.expansion)
        k = max(end, k + 1)


def _verb_like(token: Token) -> bool:
    word = token.bare.upper()
    return word.endswith(("ED", "ING")) or (word.endswith("S") and not word.endswith("SS"))


def _caps_find(
    segment: Segment, tokens: Sequence[Token], at: int, end: int, title: str | None
) -> Find:
    start, stop = tokens[at].start, tokens[end - 1].end
    return Find(
        "person",
        segment.text[start:stop],
        start,
        stop,
        segment.paragraph,
        segment.field,
        clean_name(tokens[at:end], caps=True),
        title=title,
        confidence=0.8,
    )


# --- header fields -----------------------------------------------------------------------
