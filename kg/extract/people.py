"""People: the names a cable gives, found through the genre's own cues.

A capitalized run of words is a person when the cable marks it as one: a title before it
("DFM Titov", "Russian MFA negotiator Popov"), an apposition after it ("Mikhail Margelov,
Chairman of ..."), a given name ("Nadia Arbatova"), or a verb of speech ("Kosachev said").
Runs in capitals (older cables) are read through titles and given names only. The header
gives more: the Classified By officer, the signature, person TAGS. Unnamed references
("the Deputy Foreign Minister", "the Ambassador") are reported as references for ``coref``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache

from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, Title, load
from kg.extract.text import ATTENDEES, Segment, Token, segments, sentences, tokenize
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
_SUFFIXES = frozenset({"Jr.", "Sr.", "II", "III", "IV"})
_APPOSITION_LEAD = frozenset({"now", "former", "currently", "the", "a", "an", "also", "newly"})
_Emit = Callable[..., Find | None]
_PERSON_TAG = re.compile(r"^([A-Z]{4})\s*\(\s*([^,()]+?)\s*,\s*([^()]+?)\s*\)$")
_FORMER = frozenset({"former", "ex"})


def find_people(cable: Cable) -> Iterator[Find]:
    """Every person find in the cable, header fields included."""
    gazetteer = load()
    for segment in segments(cable):
        if segment.field == "header":
            continue  # routing instructions: see kg.extract.passing
        if segment.field == "classified_by" and cable.classified_by is not None:
            yield from _classified_by(cable, segment, gazetteer)
            continue
        yield from scan(segment, gazetteer)
        yield from form_names(segment)
    yield from _signature(cable)
    yield from _person_tags(cable)


def scan(segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    """Person finds and unnamed references in one segment."""
    tokens = tokenize(segment.text)
    if segment.caps:
        yield from _scan_caps(segment, tokens, gazetteer)
    else:
        yield from _scan_mixed(segment, tokens, gazetteer)


# --- token classes -----------------------------------------------------------------------


def _not_name_word(token: Token, gazetteer: Gazetteer) -> bool:
    word = token.bare
    lower = word.lower()
    if lower in gazetteer.capwords or word in gazetteer.demonyms or word in gazetteer.places:
        return True
    if word in gazetteer.organizations or lower in gazetteer.officers or word in gazetteer.officers:
        return True
    if (word,) in gazetteer.titles or (token.text,) in gazetteer.titles:
        return True
    if lower.endswith(_GROUP_ENDINGS) and len(lower) > 6:
        return True  # Djiboutians, Maoists, Shiites: groups, not people
    if "-" in word and any(
        part in gazetteer.places or part in gazetteer.demonyms for part in word.split("-")
    ):
        return True  # France-Afrique, US-Russian
    return word.endswith("s") and word[:-1] in gazetteer.demonyms


_GROUP_ENDINGS = ("ans", "ists", "ites", "ards")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|Al|El|ad|as|ash|an|ar|az|bin|ibn|abu|Abu|Bin|Ibn)-[A-Z]")
_GARBLED = re.compile(r"^(?!Mc|Mac|De|Di|La|Le|Van|Von|Du|Da)[A-Z][a-z]{2,}[A-Z]")  # CooQnator
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]{1,2}[A-Z]$")  # GoB, MoH, MoD: acronyms, not names


def _is_name_word(token: Token, gazetteer: Gazetteer, *, allow_upper: bool = False) -> bool:
    key = (token.text, allow_upper)
    known = _NAME_WORDS.get(key)
    if known is None:
        known = _NAME_WORDS[key] = _name_word(token, gazetteer, allow_upper)
    return known


_NAME_WORDS: dict[tuple[str, bool], bool] = {}  # one gazetteer per process: safe to memoize


def _name_word(token: Token, gazetteer: Gazetteer, allow_upper: bool) -> bool:
    if _ARABIC_ARTICLE.match(token.text):
        return True
    if not token.is_word or not token.is_cap or "/" in token.text:
        return False
    if _INNER_CAPITAL.match(token.text) or _GARBLED.match(token.text):
        return False
    if token.is_upper and not allow_upper:
        return False
    if len(token.bare) == 1 and not token.text.endswith("."):
        return False
    return not _not_name_word(token, gazetteer)


def _is_initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _match_title(
    tokens: Sequence[Token], at: int, gazetteer: Gazetteer, *, folded: bool = False
) -> tuple[Title, int] | None:
    """The longest title starting at ``tokens[at]``: (title, number of tokens)."""
    first = tokens[at].text
    if (first.lower() if folded else first) not in _title_starts(gazetteer, folded):
        return None
    table = gazetteer.titles_folded if folded else gazetteer.titles
    for length in range(min(gazetteer.title_max_len, len(tokens) - at), 0, -1):
        words = tuple(t.text for t in tokens[at : at + length])
        if folded:
            words = tuple(w.lower() for w in words)
        title = table.get(words)
        if title is not None:
            return title, length
    return None


@cache
def _title_starts(gazetteer: Gazetteer, folded: bool) -> frozenset[str]:
    keys = gazetteer.titles_folded if folded else gazetteer.titles
    return frozenset(key[0] for key in keys)


# --- mixed-case text ---------------------------------------------------------------------


def _chunks(tokens: Sequence[Token], gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Runs of capitalized words (with particles and inner connectors) as [start, end)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        starts = token.is_word and (
            token.is_cap
            or token.text in gazetteer.particles
            or bool(_ARABIC_ARTICLE.match(token.text))
        )
        if not starts or (not token.is_cap and not (i + 1 < n and tokens[i + 1].is_cap)):
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            capital = nxt.is_cap or bool(_ARABIC_ARTICLE.match(nxt.text))
            if nxt.is_word and capital and _adjacent(tokens[j - 1], nxt):
                j += 1
                continue
            following = tokens[j + 1] if j + 1 < n else None
            joinable = (
                following is not None
                and following.is_word
                and following.is_cap
                and _adjacent(tokens[j - 1], nxt)
            )
            if joinable and nxt.text in gazetteer.particles:
                j += 1
                continue
            if joinable and nxt.text in _CONNECTORS and j - 1 >= i:
                prev = tokens[j - 1]
                if nxt.text == "and" and _is_name_word(prev, gazetteer):
                    break
                if nxt.text != "and" and _is_name_word(prev, gazetteer) and prev.text != "Envoy":
                    break
                j += 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _adjacent(left: Token, right: Token) -> bool:
    """No punctuation between two tokens (only spaces or a line break)."""
    return right.start - left.end <= 3


def _name_run(
    tokens: Sequence[Token], at: int, end: int, gazetteer: Gazetteer, *, allow_upper: bool = False
) -> int:
    """How many tokens from ``at`` (before ``end``) form a personal name."""
    j = at
    while j < end:
        token = tokens[j]
        if (
            _is_initial(token)
            or _is_name_word(token, gazetteer, allow_upper=allow_upper)
            or (token.text in gazetteer.particles and j + 1 < end and tokens[j + 1].is_cap)
        ):
            j += 1
        else:
            break
    while j > at and (tokens[j - 1].text in gazetteer.particles or tokens[j - 1].text == "and"):
        j -= 1
    # a name never ends on an initial alone: "William J." is "William"
    while j > at + 1 and _is_initial(tokens[j - 1]):
        j -= 1
    return j - at


def _clean_name(tokens: Sequence[Token], caps: bool = False) -> str:
    words = [t.text for t in tokens]
    if caps or all(t.is_upper for t in tokens if len(t.bare) > 1):
        words = [normal_case(w) for w in words]
    return " ".join(words)


def normal_case(word: str) -> str:
    if len(word) <= 2 and word.endswith("."):
        return word.upper()
    parts = re.split(r"([-'’])", word.lower())
    out = []
    for part in parts:
        if part in ("al", "el", "bin", "ibn", "de", "del", "van", "von", "da", "di"):
            out.append(part)
        else:
            out.append(part[:1].upper() + part[1:])
    text = "".join(out)
    if text.startswith(("Mc", "Mac")) and len(text) > 4:
        cut = 2 if text.startswith("Mc") else 3
        text = text[:cut] + text[cut].upper() + text[cut + 1 :]
    return text


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
        name = _clean_name(tokens[first : last + 1])
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
    found.extend(_references(segment, tokens, gazetteer, taken))
    found.extend(_speakers(segment, tokens, gazetteer, emit))
    found.sort(key=lambda f: f.start)
    yield from found


def _analyse_chunk(
    segment: Segment, tokens: list[Token], begin: int, end: int, gazetteer: Gazetteer, emit: _Emit
) -> Iterator[Find]:
    text = segment.text
    # 1. titles inside the chunk: "Deputy Foreign Minister Vladimir Titov"
    k = begin
    while k < end:
        match = _match_title(tokens, k, gazetteer)
        if match is None or k + match[1] > end:
            k += 1
            continue
        title, length = match
        after = k + length
        q = after
        if q < end and tokens[q].text in _QUALIFIER_CONNECTORS:
            q += 1
            while q < end and not (
                _is_name_word(tokens[q], gazetteer) and tokens[q].bare not in gazetteer.places
            ):
                q += 1
            if q == after + 1 or tokens[q - 1].text in _CONNECTORS:
                k = after  # "President of Fond Politika": the title governs an organization
                continue
        count = _name_run(tokens, q, end, gazetteer, allow_upper=True)
        continues = (
            q + count + 1 < len(tokens)
            and tokens[q + count].text == "and"
            and tokens[q + count + 1].is_cap
            and q > after
        )
        if count and not continues and _looks_like_surname_run(tokens[q : q + count], gazetteer):
            role, organization, country = _role_from_prefix(
                tokens[begin:k], title, tokens[k:after], gazetteer
            )
            if q > after:
                role += " " + text[tokens[after].start : tokens[q - 1].end]
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
            k = q + count
            continue
        k = after
    # 2. a lower-case title just before the chunk: "negotiator Popov", "director Cecile Vigneau"
    lower_title = _lower_title_before(tokens, begin, gazetteer)
    if lower_title is not None:
        count = _name_run(tokens, begin, end, gazetteer)
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
        count = _name_run(tokens, k, end, gazetteer)
        if not count:
            k += 1
            continue
        run = tokens[k : k + count]
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
    if before.text in (".", "!", "?", ":", ";", '"', "“", "(", "--") or before.is_cap:
        return False
    if text[before.end : tokens[k].start].count("\n") > 1:
        return False
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
    return not _is_initial(last)


def _lower_title_before(
    tokens: Sequence[Token], begin: int, gazetteer: Gazetteer
) -> tuple[Title, int] | None:
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


def _prefix_chunk(tokens: Sequence[Token], at: int, gazetteer: Gazetteer) -> Sequence[Token]:
    """The capitalized words right before a lower-case title: "Russian MFA (negotiator)"."""
    k = at
    while (
        k > 0
        and tokens[k - 1].is_word
        and tokens[k - 1].is_cap
        and _adjacent(tokens[k - 1], tokens[k])
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
    while stop < len(tokens) and tokens[stop].text not in (",", ";", ".", "(", ":"):
        stop += 1
    words = tokens[start:stop]
    if not words or not words[0].is_cap or len(words) > 14:
        return None
    title_at = None
    for m in range(len(words)):
        match = _match_title(words, m, gazetteer)
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


def _references(
    segment: Segment,
    tokens: Sequence[Token],
    gazetteer: Gazetteer,
    taken: list[tuple[int, int]],
) -> Iterator[Find]:
    """ "the Deputy Foreign Minister", "the Ambassador", sentence-initial "Ambassador and ..."."""
    text = segment.text
    starts = {s for s, _ in sentences(text, list(tokens))}
    heads = _title_starts(gazetteer, False)
    for k, token in enumerate(tokens):
        if token.text not in heads and token.text not in ("the", "The"):
            continue
        the = token.text.lower() == "the"
        at = k + 1 if the else k
        if at >= len(tokens) or not tokens[at].is_cap:
            continue
        match = _match_title(tokens, at, gazetteer)
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
        if nxt is not None and _is_name_word(nxt, gazetteer, allow_upper=segment.caps):
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


def _bare_post_role(tokens: Sequence[Token], k: int, gazetteer: Gazetteer) -> bool:
    """ "with Ambassador and DCM": the post's own officer, not "Portuguese Ambassador"."""
    if k == 0:
        return True
    before = tokens[k - 1]
    if before.text.lower() in _NOT_OURS or before.text in gazetteer.demonyms:
        return False
    return not (before.is_cap and before.is_word)


def _speakers(
    segment: Segment, tokens: Sequence[Token], gazetteer: Gazetteer, emit: _Emit
) -> Iterator[Find]:
    """Unknown capitalized words that speak or act: "Kosachev said", "Ahtisaari's plan"."""
    n = len(tokens)
    starts = {s for s, _ in sentences(segment.text, list(tokens))}
    for k, token in enumerate(tokens):
        if not token.is_cap or not _is_name_word(token, gazetteer):
            continue
        if token.text in gazetteer.particles:
            continue
        if k > 0 and tokens[k - 1].is_cap and _adjacent(tokens[k - 1], token):
            continue  # inside a longer run: handled by the chunk rules
        if (
            k + 1 < n
            and tokens[k + 1].is_cap
            and tokens[k + 1].is_word
            and _adjacent(token, tokens[k + 1])
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
        elif nxt == "and" and k + 2 < n and _is_name_word(tokens[k + 2], gazetteer):
            third = tokens[k + 3].text if k + 3 < n else ""
            if third in gazetteer.speech_verbs:
                confidence = 0.85
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


def _scan_caps(segment: Segment, tokens: list[Token], gazetteer: Gazetteer) -> Iterator[Find]:
    """Capitals: a title, then up to three words that are not common words."""
    k = 0
    n = len(tokens)
    while k < n:
        match = _match_title(tokens, k, gazetteer, folded=True)
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
        _clean_name(tokens[at:end], caps=True),
        title=title,
        confidence=0.8,
    )


# --- header fields -----------------------------------------------------------------------


def _classified_by(cable: Cable, segment: Segment, gazetteer: Gazetteer) -> Iterator[Find]:
    info = cable.classified_by
    assert info is not None
    if info.person:
        at = segment.text.find(info.person)
        if at < 0:
            at = segment.text.lower().find(info.person.lower())
        if at >= 0:
            name = info.person
            if all(c.isupper() or not c.isalpha() for c in name):
                name = " ".join(normal_case(w) for w in name.split())
            yield Find(
                "person",
                segment.text[at : at + len(info.person)],
                at,
                at + len(info.person),
                None,
                "classified_by",
                name.rstrip(", "),
                title=_expand_role(info.role, gazetteer),
                confidence=1.0,
            )
            return
    yield from scan(segment, gazetteer)


def _expand_role(role: str | None, gazetteer: Gazetteer) -> str | None:
    """ "DCM" -> "Deputy Chief of Mission", "POLITICAL COUNSELOR" -> "Political Counselor"."""
    if not role:
        return role
    role = re.sub(r"(['’])\s+", r"\1", role)  # "Charge d' Affaires"
    words = tuple(role.split())
    title = gazetteer.titles.get(words) or gazetteer.titles_folded.get(
        tuple(w.lower() for w in words)
    )
    if title is not None:
        return title.expansion
    return " ".join(normal_case(w) for w in words) if role.isupper() else role


def _signature(cable: Cable) -> Iterator[Find]:
    if not cable.signature:
        return
    signature = cable.signature.strip()
    words = [w for w in re.split(r"\s+", signature) if w]
    if not words or len(words) > 4 or not all(re.fullmatch(r"[A-Za-z.'’-]+", w) for w in words):
        return
    name = " ".join(normal_case(w) if w.isupper() else w for w in words)
    yield Find("person", signature, 0, len(signature), None, "signature", name, confidence=0.9)


_FORM_NAME = re.compile(
    r"\bName:\s*([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)*),\s*([A-Z][a-z]+(?: [A-Z][a-z]+\b(?!:))*)"
)


def form_names(segment: Segment) -> Iterator[Find]:
    """ "Name: WILLIAM, Roderick Anthony" in a form: Roderick Anthony William."""
    for match in _FORM_NAME.finditer(segment.text):
        surname = " ".join(normal_case(w) for w in match.group(1).split())
        name = f"{match.group(2)} {surname}"
        yield Find(
            "person",
            segment.text[match.start(1) : match.end(2)],
            match.start(1),
            match.end(2),
            segment.paragraph,
            segment.field,
            name,
            confidence=0.9,
        )


def _person_tags(cable: Cable) -> Iterator[Find]:
    for tag in cable.tags:
        match = _PERSON_TAG.match(tag.strip())
        if not match:
            continue
        surname, given = match.group(2), match.group(3)
        name = " ".join(normal_case(w) for w in f"{given} {surname}".split())
        yield Find(
            "person",
            tag,
            0,
            len(tag),
            None,
            "tags",
            name,
            code=match.group(1),
            scheme="person",
            confidence=1.0,
        )


def surname_mentions(cable: Cable, people: Sequence[Find]) -> Iterator[Find]:
    """Bare surnames of people already found, wherever else the cable writes them."""
    surnames: dict[str, str] = {}
    for find in people:
        words = [w for w in find.name.split() if len(w) > 2 and not w.endswith(".")]
        if find.name and not find.refers and words and find.field != "tags":
            surnames.setdefault(words[-1].lower(), words[-1])
    if not surnames:
        return
    taken = {(f.paragraph, f.field): [] for f in people}  # type: dict[tuple[int | None, str], list[tuple[int, int]]]
    for find in people:
        taken.setdefault((find.paragraph, find.field), []).append((find.start, find.end))
    for segment in segments(cable):
        spans = taken.get((segment.paragraph, segment.field), [])
        for token in tokenize(segment.text):
            if not token.is_word or token.text.lower() not in surnames:
                continue
            if not segment.caps and not token.is_cap:
                continue
            if any(s < token.end and token.start < e for s, e in spans):
                continue
            name = surnames[token.text.lower()]
            yield Find(
                "person",
                token.text,
                token.start,
                token.end,
                segment.paragraph,
                segment.field,
                name,
                confidence=0.7,
            )
