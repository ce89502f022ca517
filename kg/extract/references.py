"""References to people by role alone: "the Deputy Foreign Minister", "the Ambassador".

They name no one; coreference resolves them to the one person the cable gives that title,
or, for the post's own roles ("the Ambassador", "Ambassador and DCM", "Polcouns"), to the
officer the header names.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.names import is_name_word, match_title, title_starts
from kg.extract.text import Segment, Token, indices, sentences


def unnamed_references(
    segment: Segment,
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    taken: list[tuple[int, int]],
) -> Iterator[Find]:
    """ "the Deputy Foreign Minister", "the Ambassador", sentence-initial "Ambassador and ..."."""
    text = segment.text
    starts = {s for s, _ in sentences(text)}
    for k in indices(tokens, _openers(gazetteer)):
        token = tokens[k]
        the = token.text.lower() == "the"
        at = k + 1 if the else k
        if at >= len(tokens) or not tokens[at].is_cap:
            continue
        match = match_title(tokens, at, gazetteer)
        if match is None:
            continue
        title, length = match
        if (
            not the
            and token.start not in starts
            and not (title.expansion in _POST_ROLES and _bare_post_role(tokens, k, gazetteer))
        ):
            continue
        nxt = tokens[at + length] if at + length < len(tokens) else None
        if nxt is not None and is_name_word(nxt, gazetteer, allow_upper=segment.caps):
            continue  # a name follows: handled as a titled person
        if nxt is not None and nxt.text in ("of", "for", "to") and title.expansion != "Ambassador":
            continue  # "the Minister of Defense of X": too vague to resolve
        start, end = tokens[at].start, tokens[at + length - 1].end
        if any(s < end and start < e for s, e in taken):
            continue
        refers = "chief" if title.expansion == "Ambassador" else f"title:{title.expansion}"
        if title.expansion == "Ambassador" and nxt is not None and nxt.text in ("of", "to"):
            continue
        yield Find(
            "person",
            text[start:end],
            start,
            end,
            segment.paragraph,
            segment.field,
            "",
            title=title.expansion,
            refers=refers,
            confidence=0.8,
            rule="person.reference",
        )


_POST_ROLES = frozenset(
    {
        "Ambassador",
        "Deputy Chief of Mission",
        "Charge d'Affaires",
        "Consul General",
        "Principal Officer",
        "Political Counselor",
        "Economic Counselor",
        "Political Officer",
        "Economic Officer",
        "Political-Military Counselor",
        "Acting Deputy Chief of Mission",
    }
)
_NOT_OURS = frozenset(
    [
        "a",
        "an",
        "another",
        "former",
        "new",
        "incoming",
        "outgoing",
        "deputy",
        "vice",
        "assistant",
        "his",
        "her",
        "their",
        "its",
        "whose",
        "each",
        "every",
        "any",
    ]
)


@cache
def _openers(gazetteer: Gazetteer) -> frozenset[str]:
    """The words that can open a reference: the first word of a title, or "the"."""
    return title_starts(gazetteer, False) | {"the", "The"}


def _bare_post_role(tokens: Sequence[Token], k: int, gazetteer: Gazetteer) -> bool:
    """ "with Ambassador and DCM": the post's own officer, not "Portuguese Ambassador"."""
    if k == 0:
        return True
    before = tokens[k - 1]
    if before.text.lower() in _NOT_OURS or before.text in gazetteer.demonyms:
        return False
    return not (before.is_cap and before.is_word)
