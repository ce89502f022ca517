"""People: the names a cable gives, found through the genre's own cues.

A capitalized run of words is a person when the cable marks it as one: a title before it
("DFM Titov", "Russian MFA negotiator Popov"), an apposition after it ("Mikhail Margelov,
Chairman of ..."), a given name ("Nadia Arbatova"), or a verb of speech ("Kosachev said").
Two or three unknown capitalized words in running prose are a name too ("with Fiona El
Assuity"). Text in capitals is read by ``capitals``, the header fields by ``bylines``,
references by role alone ("the Deputy Foreign Minister") by ``references``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache

from kg.extract.bylines import (
    classified_by_people,
    form_names,
    person_tag_people,
    signature_people,
)
from kg.extract.capitals import scan_caps
from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, Title, load
from kg.extract.names import (
    ARABIC_ARTICLE,
    adjacent,
    clean_name,
    is_initial,
    is_name_word,
    match_title,
    name_run,
)
from kg.extract.references import unnamed_references
from kg.extract.text import (
    ATTENDEES,
    Segment,
    Token,
    capitalized,
    hyphenated,
    indices,
    segments,
    sentences,
    tokenize,
)
from kg.model import Cable

_CONNECTORS = frozenset({"of", "for", "on", "the", "and"})
_QUALIFIER_CONNECTORS = frozenset({"of", "for", "on", "to"})
_AUXILIARIES = frozenset(
    [
        "had",
        "has",
        "was",
        "is",
        "would",
        "will",
        "could",
        "should",
        "did",
        "does",
        "can",
        "might",
        "must",
        "wanted",
        "hopes",
    ]
)
_APPOSITION_LEAD = frozenset({"now", "former", "currently", "the", "a", "an", "also", "newly"})
_Emit = Callable[..., Find | None]
_FORMER = frozenset({"former", "ex"})


def find_people(cable: Cable) -> Iterator[Find]:
    """Every person find in the cable, header fields included."""
    gazetteer = load()
    for segment in segments(cable):
        if segment.field == "header":
            continue  # routing instructions: see kg.extract.passing
        if segment.field == "classified_by":
            officer = list(classified_by_people(cable, segment, gazetteer))
            yield from officer or scan(segment, gazetteer)
            continue
        yield from scan(segment, gazetteer)
        yield from form_names(segment)
    yield from signature_people(cable)
    yield from person_tag_people(cable)


def scan(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    """Person finds and unnamed references in one segment."""
    tokens = tokenize(segment.text)
    if segment.caps:
        yield from scan_caps(segment, tokens, gazetteer)
    else:
        yield from _scan_mixed(segment, tokens, gazetteer)


# --- token classes -----------------------------------------------------------------------


def _chunks(tokens: Sequence[Token], gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Runs of capitalized words (with particles and inner connectors) as [start, end)."""
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    # capitalized words, particles ("del Castillo") and articles ("al-Haidary"): all words
    openers = sorted(
        {
            *capitalized(tokens),
            *(i for i in indices(tokens, gazetteer.particles) if tokens[i].is_word),
            *(i for i in hyphenated(tokens) if ARABIC_ARTICLE.match(tokens[i].text)),
        }
    )
    resume = 0  # the token after the last run
    for i in openers:
        token = tokens[i]
        if i < resume or (not token.is_cap and not (i + 1 < n and tokens[i + 1].is_cap)):
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            capital = nxt.is_cap or ("-" in nxt.text and ARABIC_ARTICLE.match(nxt.text) is not None)
            if nxt.is_word and capital and adjacent(tokens[j - 1], nxt):
                j += 1
                continue
            following = tokens[j + 1] if j + 1 < n else None
            joinable = (
                following is not None
                and following.is_word
                and following.is_cap
                and adjacent(tokens[j - 1], nxt)
            )
            if joinable and nxt.text in gazetteer.particles:
                j += 1
                continue
            if joinable and nxt.text in _CONNECTORS and j - 1 >= i:
                prev = tokens[j - 1]
                if nxt.text == "and" and is_name_word(prev, gazetteer):
                    break
                if nxt.text != "and" and is_name_word(prev, gazetteer) and prev.text != "Envoy":
                    break
                j += 1
                continue
            break
        runs.append((i, j))
        resume = j
    return runs


def _with_suffix(text: str, tokens: Sequence[Token], last: int) -> int:
    """Extend a name over ", Jr." / "Jr." that follows it; returns the new end offset."""
    end = tokens[last].end
    rest = text[end : end + 8]
    match = re.match(r",?\s+(Jr\.|Sr\.|III|II)(?![A-Za-z])", rest)
    return end + match.end() if match else end


def _role_from_prefix(
    prefix: Sequence[Token], title: Title, title_tokens: Sequence[Token], gazetteer: Gazetteer
) -> tuple[str, str | None, str | None]:
    """(role title, organization text, country) from the words before a title."""
    country: str | None = None
    words = list(prefix)
    for cut in range(len(words) - 1, -1, -1):
        if words[cut].text in ("and", "&", ",", "\n"):
            words = words[cut + 1 :]  # "King of Spain and Foreign Minister": two roles
            break
    while words and (
        words[0].text.lower() in gazetteer.capwords
        and words[0].text.lower() not in _FORMER
        and not _org_word(words[0], gazetteer)
        and words[0].text
        not in (
            "Foreign",
            "Deputy",
            "Acting",
            "First",
            "Vice",
            "Senior",
            "Special",
            "Chief",
            "Assistant",
            "Prime",
            "Permanent",
            "Former",
        )
    ):
        words.pop(0)
    if words and words[0].text in gazetteer.demonyms:
        country = gazetteer.demonyms[words.pop(0).text]
    elif words and (place := gazetteer.places.get(words[0].text)) is not None and place.code:
        country = place.code  # "Spain Ambassador", "India National Security Advisor"
        words.pop(0)
    org_end = 0
    for k, token in enumerate(words):
        if _org_word(token, gazetteer):
            org_end = k + 1
    organization = " ".join(t.text for t in words[:org_end]) or None
    modifiers = [t.text for t in words[org_end:]]
    written = " ".join(t.text for t in title_tokens)
    core = title.expansion if written == title.form else written
    role = " ".join([*modifiers, core]).strip()
    if role.split()[0].lower() in _FORMER:
        role = "Former " + " ".join(role.split()[1:])
    if organization and organization in gazetteer.organizations:
        known = gazetteer.organizations[organization]
        country = country or known.country
    return role, organization, country


def _org_word(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    return (
        word in gazetteer.org_keywords
        or word in gazetteer.organizations
        or (token.is_upper and len(word) >= 2 and word.startswith("GO") and len(word) == 3)
    )


def _scan_mixed(segment: Segment, tokens: list[Token], gazetteer: Gazetteer) -> Iterator[Find]:
    text = segment.text
    taken: list[tuple[int, int]] = []

    def emit(first: int, count: int, confidence: float, **role: str | None) -> Find | None:
        last = first + count - 1
        start = tokens[first].start
        end = _with_suffix(text, tokens, last)
        if any(s < end and start < e for s, e in taken):
            return None
        taken.append((start, end))
        name = clean_name(tokens[first : last + 1])
        if end > tokens[last].end:
            name += " " + text[tokens[last].end : end].strip(", ").strip()
        return Find(
            "person",
            text[start:end],
            start,
            end,
            segment.paragraph,
            segment.field,
            name,
            title=role.get("title"),
            organization=role.get("organization"),
            country=role.get("country"),
            confidence=confidence,
        )

    found: list[Find] = []
    for begin, end in _chunks(tokens, gazetteer):
        found.extend(_analyse_chunk(segment, tokens, begin, end, gazetteer, emit))
    found.extend(unnamed_references(segment, tokens, gazetteer, taken))
    found.extend(_speakers(segment, tokens, gazetteer, emit))
    found.sort(key=lambda f: f.start)
    yield from found


def _analyse_chunk(
    segment: Segment, tokens: list[Token], begin: int, end: int, gazetteer: Gazetteer, emit: _Emit
) -> Iterator[Find]:
    text = segment.text
    # 1. titles inside the chunk: "Deputy Foreign Minister Vladimir Titov"
    k = begin
    floor = begin  # a role's prefix starts after the previous name: "... Dezcallar Deputy ..."
    while k < end:
        match = match_title(tokens, k, gazetteer)
        if match is None or k + match[1] > end:
            k += 1
            continue
        title, length = match
        after = k + length
        q = after
        if q < end and tokens[q].text in _QUALIFIER_CONNECTORS:
            q += 1
            coordinated = False
            while q < end and not (
                is_name_word(tokens[q], gazetteer) and tokens[q].bare not in gazetteer.places
            ):
                if tokens[q].text == "and" and match_title(tokens, q + 1, gazetteer):
                    coordinated = True  # "King of Spain and Foreign Minister X": X's title
                    break
                q += 1
            if coordinated or q == after + 1 or tokens[q - 1].text in _CONNECTORS:
                k = after  # "President of Fond Politika": the title governs an organization
                continue
        count = name_run(tokens, q, end, gazetteer, allow_upper=True)
        continues = (
            q + count + 1 < len(tokens)
            and tokens[q + count].text == "and"
            and tokens[q + count + 1].is_cap
            and q > after
        )
        if count and not continues and _looks_like_surname_run(tokens[q : q + count], gazetteer):
            role, organization, country = _role_from_prefix(
                tokens[floor:k], title, tokens[k:after], gazetteer
            )
            tail = q
            while tail > after + 1 and _one_word_title(tokens, tail - 1, gazetteer):
                tail -= 1  # "Chief of Defense Gen. Claudio Graziano": the rank is no qualifier
            if tail > after:
                role += " " + text[tokens[after].start : tokens[tail - 1].end]
            if k == begin and begin > 0 and tokens[begin - 1].text.lower() in _FORMER:
                role = "Former " + role
            find = emit(q, count, 1.0, title=role, organization=organization, country=country)
            if find is not None:
                yield find
                if q + count == end:
                    apposition = _apposition(text, tokens, end, gazetteer)
                    if apposition is not None:
                        yield replace(
                            find,
                            title=apposition[0],
                            organization=apposition[1],
                            country=None,
                            clause_end=apposition[2],
                        )
            k = floor = q + count
            continue
        k = after
    # 2. a lower-case title just before the chunk: "negotiator Popov", "director Cecile Vigneau"
    lower_title = _lower_title_before(tokens, begin, gazetteer)
    if lower_title is not None:
        count = name_run(tokens, begin, end, gazetteer)
        if count:
            title, title_start = lower_title
            role, organization, country = _role_from_prefix(
                _prefix_chunk(tokens, title_start, gazetteer),
                title,
                tokens[title_start:begin],
                gazetteer,
            )
            find = emit(begin, count, 0.9, title=role, organization=organization, country=country)
            if find is not None:
                yield find
    # 3. a name run: given name, apposition, or a run of two or more unknown words
    k = begin
    while k < end:
        count = name_run(tokens, k, end, gazetteer)
        if not count:
            k += 1
            continue
        run = tokens[k : k + count]
        if count >= 5:  # names in a row, as in a signature block: split at each given name
            cut = next(
                (
                    i
                    for i in range(2, count - 1)
                    if run[i].bare.lower() in gazetteer.first_names
                    and run[i - 1].bare.lower() not in gazetteer.first_names
                ),
                None,
            )
            if cut is not None:
                count = cut
                run = run[:cut]
        given = count >= 2 and (
            run[0].bare.lower() in gazetteer.first_names or ATTENDEES.match(text) is not None
        )
        apposition = _apposition(text, tokens, k + count, gazetteer) if k + count == end else None
        if apposition is not None:
            find = emit(k, count, 1.0, title=apposition[0], organization=apposition[1])
            if find is not None:
                yield _replace_clause(find, apposition[2])
        elif given:
            find = emit(k, count, 0.95)
            if find is not None:
                yield find
        elif _unknown_pair(text, tokens, k, count, begin, end, gazetteer):
            find = emit(k, count, 0.75)
            if find is not None:
                yield find
        k += count


_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "into", "outside", "inside"})
_REDACTION = re.compile(r"^X{4,}$")


def _one_word_title(tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> bool:
    match = match_title(tokens, at, gazetteer)
    return match is not None and match[1] == 1


_NOUN_ENDINGS = (
    "tion", "sion", "ment", "ance", "ence", "ness", "ity", "ship", "ism", "ture", "ing",
    "ogy", "ics",
)  # fmt: skip


def _unknown_pair(
    text: str,
    tokens: Sequence[Token],
    k: int,
    count: int,
    begin: int,
    end: int,
    gazetteer: Gazetteer,
) -> bool:
    """ "like Mehdi Karroubi", "with Fiona El Assuity": two or three unknown words mid-sentence.

    Not at the start of a sentence (where any word is capitalized), not the whole of a longer
    capitalized run (a title, an organization), not before an organization word.
    """
    if not 2 <= count <= 3 or k != begin or k + count != end or k == 0:
        return False
    before = tokens[k - 1]
    if before.text in (".", "!", "?", ":", ";", '"', "“", "(", "--", "\n") or before.is_cap:
        return False
    if text[before.end : tokens[k].start].count("\n") > 1:
        return False
    if before.text in _LOCATIVES or _REDACTION.match(before.text):
        return False  # "in Mae Sot", "met XXXXXXXXXXXX on ...": a place, or the redaction's own

    run = tokens[k : k + count]
    if any(t.is_upper or t.bare in gazetteer.places or t.text in gazetteer.demonyms for t in run):
        return False
    joined = " ".join(t.text for t in run)
    if joined in gazetteer.places or joined in gazetteer.demonyms:
        return False
    window = tokens[max(0, k - 8) : k + count + 8]
    if sum(1 for t in window if t.is_word and not t.is_cap) < 5:
        return False  # a list or a table of names of things, not running prose
    if any(t.bare.lower().endswith(_NOUN_ENDINGS) for t in run) or run[-1].bare.endswith("s"):
        return False  # "Enforced Disappearance", "Pishin Scouts": things, not people
    after = tokens[k + count] if k + count < len(tokens) else None
    if after is not None and after.text == ":":
        return False  # a form's label: "Gender:"
    return not (
        after is not None
        and after.text in ("'s", "’s")
        and k + count + 1 < len(tokens)
        and tokens[k + count + 1].is_cap
    )


def _replace_clause(find: Find, clause_end: int) -> Find:
    return replace(find, clause_end=clause_end)


def _looks_like_surname_run(run: Sequence[Token], gazetteer: Gazetteer) -> bool:
    if not run:
        return False
    last = run[-1]
    if last.is_upper and (last.bare in gazetteer.organizations or len(last.bare) <= 3):
        return False
    return not is_initial(last)


def _lower_title_before(
    tokens: Sequence[Token], begin: int, gazetteer: Gazetteer
) -> tuple[Title, int] | None:
    if begin == 0 or tokens[begin - 1].text not in _lower_title_ends(gazetteer):
        return None
    for length in (3, 2, 1):
        start = begin - length
        if start < 0:
            continue
        words = tuple(t.text for t in tokens[start:begin])
        if not all(w.islower() for w in words):
            continue
        title = gazetteer.titles.get(words)
        if title is not None and title.lowercase_ok:
            return title, start
    return None


@cache
def _lower_title_ends(gazetteer: Gazetteer) -> frozenset[str]:
    return frozenset(
        k[-1] for k, t in gazetteer.titles.items() if t.lowercase_ok and k[-1].islower()
    )


def _prefix_chunk(tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> Sequence[Token]:
    """The capitalized words right before a lower-case title: "Russian MFA (negotiator)"."""
    k = at
    while (
        k > 0
        and tokens[k - 1].is_word
        and tokens[k - 1].is_cap
        and adjacent(tokens[k - 1], tokens[k])
    ):
        k -= 1
    return tokens[k:at]


def _apposition(
    text: str, tokens: Sequence[Token], after: int, gazetteer: Gazetteer
) -> tuple[str, str | None, int] | None:
    """ ", Chairman of the Russian Chamber of Commerce and Industry," -> (role, org, end)."""
    if after >= len(tokens) or tokens[after].text != ",":
        return None
    k = after + 1
    while k < len(tokens) and tokens[k].text.lower() in _APPOSITION_LEAD:
        k += 1
    start = k
    # the apposition runs to the next comma, semicolon or sentence end
    stop = k
    while stop < len(tokens) and tokens[stop].text not in (",", ";", ".", "(", ":", "\n"):
        stop += 1
    words = tokens[start:stop]
    if not words or not words[0].is_cap or len(words) > 14:
        return None
    title_at = None
    for m in range(len(words)):
        match = match_title(words, m, gazetteer)
        if match is not None:
            title_at = (m, match)
            break
        if not (
            _org_word(words[m], gazetteer)
            or words[m].text in gazetteer.demonyms
            or words[m].bare.lower() in gazetteer.capwords
            or words[m].is_upper
        ):
            return None
    if title_at is None:
        return None
    m, (title, length) = title_at
    role, organization, _ = _role_from_prefix(words[:m], title, words[m : m + length], gazetteer)
    rest = words[m + length :]
    if rest and is_name_word(rest[0], gazetteer) and not _org_word(rest[0], gazetteer):
        return None  # "Frank Wisner, Special Envoy Wisner made ...": a new clause, no apposition
    rest = rest[: _role_tail(rest, gazetteer)]
    if rest and rest[0].text in ("of", "at", "for") and len(rest) > 1:
        body = rest[1:]
        if body and body[0].text == "the":
            body = body[1:]
        if body:
            organization = text[body[0].start : body[-1].end]
    elif rest:
        role += " " + text[rest[0].start : rest[-1].end]
    end = tokens[stop].start if stop < len(tokens) else len(text)
    return role, organization, end


_TAIL_CONNECTORS = frozenset({"of", "for", "on", "the", "and", "to", "at", "in", "de", "du", "des"})


def _role_tail(words: Sequence[Token], gazetteer: Gazetteer) -> int:
    """How many words after a title still belong to the role: up to a verb, a clause, a title.

    ", Minister of Defense said Italy would ..." keeps "of Defense"; ", Foreign Minister and
    Defense Minister" keeps nothing after "and" that opens another title.
    """
    for i, token in enumerate(words):
        if token.text == "and" and i + 1 < len(words) and match_title(words, i + 1, gazetteer):
            return i
        if token.is_cap or token.text in _TAIL_CONNECTORS:
            continue
        if not token.is_word and token.text not in ("-", "'s", "’s", "/", "&"):
            return i
        if token.is_word:
            return i
    return len(words)


def _speakers(
    segment: Segment, tokens: Sequence[Token], gazetteer: Gazetteer, emit: _Emit
) -> Iterator[Find]:
    """Unknown capitalized words that speak or act: "Kosachev said", "Ahtisaari's plan"."""
    n = len(tokens)
    starts = {s for s, _ in sentences(segment.text)}
    for k in capitalized(tokens):
        token = tokens[k]
        if not is_name_word(token, gazetteer):
            continue
        if token.text in gazetteer.particles:
            continue
        if k > 0 and tokens[k - 1].text in ("the", "The"):
            continue  # "the Kashgai", "the Khans": a people, a family, a thing
        if k > 0 and tokens[k - 1].is_cap and adjacent(tokens[k - 1], token):
            continue  # inside a longer run: handled by the chunk rules
        if (
            k + 1 < n
            and tokens[k + 1].is_cap
            and tokens[k + 1].is_word
            and adjacent(token, tokens[k + 1])
        ):
            continue
        nxt = tokens[k + 1].text if k + 1 < n else ""
        after = tokens[k + 2].text if k + 2 < n else ""
        confidence = 0.0
        if nxt in gazetteer.speech_verbs or (
            nxt.endswith("ly") and after in gazetteer.speech_verbs
        ):
            confidence = 0.85
        elif _possessive_or_auxiliary(nxt, after, token.start in starts, gazetteer):
            confidence = 0.6
        elif nxt == "and" and k + 2 < n and is_name_word(tokens[k + 2], gazetteer):
            third = tokens[k + 3].text if k + 3 < n else ""
            if third in gazetteer.speech_verbs:
                confidence = 0.85
            elif third in _AUXILIARIES and token.start not in starts:
                confidence = 0.6  # "Lula and Kirchner would ..."
        elif k > 0 and tokens[k - 1].text in gazetteer.speech_verbs and nxt in (".", ","):
            confidence = 0.7  # "..., said Titov."
        if confidence:
            find = emit(k, 1, confidence)
            if find is not None:
                yield find


def _possessive_or_auxiliary(nxt: str, after: str, initial: bool, gazetteer: Gazetteer) -> bool:
    """ "Ahtisaari's diplomacy", "Tadic could": not "Mother's Day", not "Delay would"."""
    if nxt in ("'s", "’s"):
        return not (after[:1].isupper() or after in gazetteer.org_keywords)
    return nxt in _AUXILIARIES and not initial


# --- capitals ----------------------------------------------------------------------------


def surname_mentions(cable: Cable, people: Sequence[Find]) -> Iterator[Find]:
    """Bare surnames of people already found, wherever else the cable writes them."""
    gazetteer = load()
    surnames: dict[str, str] = {}
    particled: dict[str, int] = {}  # surname -> how many particles open it ("La Russa": 1)
    for find in people:
        words = [w for w in find.name.split() if len(w) > 2 and not w.endswith(".")]
        if find.name and not find.refers and words and find.field != "tags":
            surnames.setdefault(words[-1].lower(), words[-1])
            parts = find.name.split()
            lead = 0
            while lead + 1 < len(parts) and parts[-2 - lead].lower() in gazetteer.particles:
                lead += 1
            if lead:
                particled.setdefault(words[-1].lower(), lead)
    if not surnames:
        return
    taken = {(f.paragraph, f.field): [] for f in people}  # type: dict[tuple[int | None, str], list[tuple[int, int]]]
    for find in people:
        taken.setdefault((find.paragraph, find.field), []).append((find.start, find.end))
    for segment in segments(cable):
        spans = taken.get((segment.paragraph, segment.field), [])
        tokens = tokenize(segment.text)
        for k in indices(tokens, surnames, case=str.lower):
            token = tokens[k]
            if not token.is_word:
                continue
            if not segment.caps and not token.is_cap:
                continue
            if any(s < token.end and token.start < e for s, e in spans):
                continue
            lead = particled.get(token.text.lower(), 0)
            first = k - lead
            if first < 0 or any(t.text.lower() not in gazetteer.particles for t in tokens[first:k]):
                continue  # "Russa" alone is not Ignazio La Russa
            if not lead and k and tokens[k - 1].text.lower() in gazetteer.particles:
                continue  # "Van Voorst" is not Voorst
            name = (
                segment.text[tokens[first].start : token.end]
                if lead
                else surnames[token.text.lower()]
            )
            if lead and segment.caps:
                name = clean_name(tokens[first : k + 1], caps=True)
            yield Find(
                "person",
                segment.text[tokens[first].start : token.end],
                tokens[first].start,
                token.end,
                segment.paragraph,
                segment.field,
                name,
                confidence=0.7,
            )
