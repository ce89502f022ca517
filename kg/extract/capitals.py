"""Names in text written in capitals (older cables, subject lines).

Capitals hide the cue of a capital letter, so a name is read only after a strong title
("LTG JAFFARQOLI SADRI", "BRIGADIER GENERAL SAID TAHERI"), from a known given name, or on
a list line before a comma and a title ("AHMET SAID, DIRECTOR GENERAL"). It ends at the
first common word: verbs, modals and pronouns end it even when they are given names
("AMBASSADOR SAID", "DEMIREL WILL MEET"), and a line break always does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer
from kg.extract.names import clean_name, match_title
from kg.extract.text import Segment, Token


def _common_verb(token: Token, gazetteer: Gazetteer) -> bool:
    """A verb or function word: it ends a name even when it is also a given name ("SAID")."""
    lower = token.bare.lower()
    return (
        lower in gazetteer.caps_stopwords
        or lower in gazetteer.speech_verbs
        or lower in gazetteer.address_verbs
    )


def _caps_stop(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    lower = word.lower()
    if not token.is_word or len(word) < 2:
        return True
    if _common_verb(token, gazetteer):
        return True
    if lower in gazetteer.first_names:
        return False
    return (
        lower in gazetteer.capwords
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
        listed = (
            _listed_name(tokens, k, gazetteer) if k == 0 or tokens[k - 1].text == "\n" else None
        )
        if listed is not None:
            yield _caps_find(segment, tokens, k, listed[0], listed[1], "person.caps-listed")
            k = listed[0]
            continue
        match = match_title(tokens, k, gazetteer, folded=True)
        if match is not None and match[0].weak:
            match = None
        if match is None:
            first = tokens[k].bare.lower() in gazetteer.first_names and not _common_verb(
                tokens[k], gazetteer
            )
            if (
                first
                and k + 1 < n
                and _joined(segment.text, tokens, k)
                and not _caps_stop(tokens[k + 1], gazetteer)
            ):
                end = k + 1
                while end < n and end - k < 3 and not _caps_stop(tokens[end], gazetteer):
                    if not _joined(segment.text, tokens, end - 1):
                        break
                    end += 1
                yield _caps_find(segment, tokens, k, end, None, "person.caps-given-name")
                k = end
                continue
            k += 1
            continue
        title, length = match
        at = k + length
        end = at
        chief = _chief_reference(segment, tokens, k, at, title.expansion, gazetteer)
        if chief is not None:
            yield chief
            k = at
            continue
        if not _joined(segment.text, tokens, at - 1):
            k = at  # a title at the end of a line does not govern the next line
            continue
        if _place_as_given_name(segment.text, tokens, at, gazetteer):
            end = at + 1  # "VICE MINISTER TOGO FUMIHIKO": after a title, a name
        while end < n and end - at < 3 and not _caps_stop(tokens[end], gazetteer):
            if end > at and not _joined(segment.text, tokens, end - 1):
                break  # a name never runs over a line break
            if tokens[at].bare.lower() not in gazetteer.first_names and (
                _verb_like(tokens[end]) if end > at else _past_tense(tokens[end], gazetteer)
            ):
                break
            end += 1
        if (
            end == at
            and at + 1 < n
            and tokens[at].bare.lower() in gazetteer.first_names
            and _joined(segment.text, tokens, at)
            and not _caps_stop(tokens[at + 1], gazetteer)
            and match_title(tokens, at + 1, gazetteer, folded=True) is None
        ):
            # "GENERAL SAID TAHERI": a given name that is also a verb needs a surname after it
            end = at + 1
            while end < n and end - at < 3 and not _caps_stop(tokens[end], gazetteer):
                if not _joined(segment.text, tokens, end - 1):
                    break
                end += 1
        if end > at:
            yield _caps_find(segment, tokens, at, end, title.expansion, "person.caps-title")
        k = max(end, k + 1)


_NOT_OURS = frozenset({"A", "AN", "FORMER", "NEW", "DEPUTY", "VICE", "HIS", "HER", "THEIR", "ITS"})


def _chief_reference(
    segment: Segment,
    tokens: Sequence[Token],
    k: int,
    at: int,
    expansion: str,
    gazetteer: Gazetteer,
) -> Find | None:
    """ "AMBASSADOR CALLED ON ...", "THE AMBASSADOR SAID": the chief of mission, unnamed.

    Not when a name, "OF" or "TO" follows, nor after a nationality ("JAPANESE AMBASSADOR")
    or another country's word ("FORMER AMBASSADOR").
    """
    if expansion != "Ambassador":
        return None
    nxt = tokens[at] if at < len(tokens) else None
    if nxt is not None and nxt.is_word:
        word = nxt.bare
        if word in ("OF", "TO", "AT", "IN") or not (
            _common_verb(nxt, gazetteer)
            or _past_tense(nxt, gazetteer)
            or _verb_like(nxt)
            or word.lower() in gazetteer.capwords
            or word in ("AND", "S", "WAS", "HAD", "ALSO")
        ):
            return None
    if k > 0:
        before = tokens[k - 1]
        word = before.bare
        if (
            word in _NOT_OURS
            or word.title() in gazetteer.demonyms
            or word.title() in gazetteer.places
        ):
            return None
    start, end = tokens[k].start, tokens[at - 1].end
    return Find(
        "person",
        segment.text[start:end],
        start,
        end,
        segment.paragraph,
        segment.field,
        "",
        title="Ambassador",
        refers="chief",
        confidence=0.8,
        rule="person.caps-chief",
    )


def _place_as_given_name(text: str, tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> bool:
    """A place word right after a title, with a word after it that no list knows."""
    if at + 1 >= len(tokens) or not tokens[at].is_word:
        return False
    first, second = tokens[at], tokens[at + 1]
    return (
        first.bare.title() in gazetteer.places
        and _joined(text, tokens, at)
        and second.is_word
        and not _caps_stop(second, gazetteer)
    )


def _listed_name(tokens: Sequence[Token], k: int, gazetteer: Gazetteer) -> tuple[int, str] | None:
    """A list line "AHMET SAID, DIRECTOR GENERAL": (end of the name, the title after it)."""
    end = k
    while end < len(tokens) and end - k < 4:
        token = tokens[end]
        # the comma and title after it vouch for the name: "SAID" here is a given name
        if _caps_stop(token, gazetteer) and not (
            token.is_word and token.bare.lower() in gazetteer.first_names
        ):
            break
        if match_title(tokens, end, gazetteer, folded=True) is not None:
            return None
        end += 1
    if end - k < 2 or end + 1 >= len(tokens) or tokens[end].text != ",":
        return None
    match = match_title(tokens, end + 1, gazetteer, folded=True)
    if match is None or match[0].weak:
        return None
    return end, match[0].expansion


def _joined(text: str, tokens: Sequence[Token], k: int) -> bool:
    """No line break between ``tokens[k]`` and the next token."""
    return k + 1 < len(tokens) and "\n" not in text[tokens[k].end : tokens[k + 1].start]


def _past_tense(token: Token, gazetteer: Gazetteer) -> bool:
    """ "AMBASSADOR APPEARED": a past tense right after a title is a verb, not a surname."""
    word = token.bare.upper()
    return len(word) >= 7 and word.endswith("ED") and word.lower() not in gazetteer.first_names


def _verb_like(token: Token) -> bool:
    word = token.bare.upper()
    return word.endswith(("ED", "ING")) or (word.endswith("S") and not word.endswith("SS"))


def _caps_find(
    segment: Segment, tokens: Sequence[Token], at: int, end: int, title: str | None, rule: str
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
        rule=rule,
    )


# --- header fields -----------------------------------------------------------------------
