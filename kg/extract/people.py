"""People: the names a cable gives, found through the genre's own cues.

A capitalized run of words is a person when the cable marks it as one: a title before it
("DFM Titov", "Russian MFA negotiator Popov"), an apposition after it ("Mikhail Margelov,
Chairman of ..."), a given name ("Nadia Arbatova"), or a verb of speech ("Kosachev said").
Two or three unknown capitalized words in running prose are a name too ("with Fiona El
Assuity"). Text in capitals is read by ``capitals``, the header fields by ``bylines``,
references by role alone ("the Deputy Foreign Minister") by ``references``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache
from importlib import resources

from kg.extract.bylines import (
    classified_by_people,
    form_names,
    person_tag_people,
    signature_people,
)
from kg.extract.capitals import scan_caps
from kg.extract.finds import Find
from kg.extract.gazetteer import Gazetteer, load
from kg.extract.name_runs import RUN_RULES, Writer, given_inside, name_runs, split_listed
from kg.extract.names import (
    ARABIC_ARTICLE,
    adjacent,
    is_initial,
    is_name_word,
    match_title,
    name_run,
)
from kg.extract.references import unnamed_references
from kg.extract.roles import (
    FORMER,
    apposition,
    lower_title_before,
    one_word_title,
    prefix_chunk,
    role_from_prefix,
)
from kg.extract.rules import Rule, names
from kg.extract.text import (
    Segment,
    Token,
    capitalized,
    hyphenated,
    indices,
    list_head,
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


def _scan_mixed(segment: Segment, tokens: list[Token], gazetteer: Gazetteer) -> Iterator[Find]:
    """Person finds in mixed-case text: the chunk rules on every capitalized run, then the
    unnamed references and the speakers; a span found once is not found again."""
    write = Writer(segment, tokens)
    for begin, end in _chunks(tokens, gazetteer):
        for rule in CHUNK_RULES:
            rule.apply(segment, tokens, begin, end, gazetteer, write)
    found = write.found
    found.extend(unnamed_references(segment, tokens, gazetteer, write.taken))
    _speakers(segment, tokens, gazetteer, write)
    _known_names(tokens, write)
    found.sort(key=lambda f: f.start)
    yield from found


# --- the chunk rules: each reads one capitalized run, in this order ----------------------


def _titled(
    segment: Segment, tokens: list[Token], begin: int, end: int, gazetteer: Gazetteer, write: Writer
) -> None:
    """A title inside the run, then a name: "Deputy Foreign Minister Vladimir Titov"; an
    apposition after the name gives a second role ("person.title-apposition")."""
    text = segment.text
    k = begin
    floor = begin  # a role's prefix starts after the previous name: "... Dezcallar Deputy ..."
    while k < end:
        match = match_title(tokens, k, gazetteer)
        if match is None or k + match[1] > end:
            k += 1
            continue
        title, length = match
        after = k + length
        q = _qualified(tokens, after, end, gazetteer)
        if q is None:
            k = after  # "President of Fond Politika": the title governs an organization
            continue
        count = name_run(tokens, q, end, gazetteer, allow_upper=True)
        if q == after + 1 and count >= 3:
            q, count = _name_after_qualifier(tokens, q, count, gazetteer)
        if count >= 4 and list_head(text) is not None:  # "Secretary John Hill Ann Bell,"
            count = split_listed(tokens[q : q + count], count, gazetteer)
        continues = (
            q + count + 1 < len(tokens)
            and tokens[q + count].text == "and"
            and tokens[q + count + 1].is_cap
            and q > after
        )
        if count and not continues and _looks_like_surname_run(tokens[q : q + count], gazetteer):
            role, organization, country = role_from_prefix(
                tokens[floor:k], title, tokens[k:after], gazetteer
            )
            tail = q
            while tail > after + 1 and one_word_title(tokens, tail - 1, gazetteer):
                tail -= 1  # "Chief of Defense Gen. Claudio Graziano": the rank is no qualifier
            if tail > after:
                role += " " + text[tokens[after].start : tokens[tail - 1].end]
            if k == begin and begin > 0 and tokens[begin - 1].text.lower() in FORMER:
                role = "Former " + role
            find = write(
                q,
                count,
                1.0,
                "person.title",
                title=role,
                organization=organization,
                country=country,
            )
            if find is not None and q + count == end:
                also = apposition(text, tokens, end, gazetteer)
                if also is not None:
                    write.also(
                        replace(
                            find,
                            title=also[0],
                            organization=also[1],
                            country=None,
                            clause_end=also[2],
                            rule="person.title-apposition",
                        )
                    )
            k = floor = q + count
            continue
        k = after


def _name_after_qualifier(
    tokens: list[Token], q: int, count: int, gazetteer: Gazetteer
) -> tuple[int, int]:
    """A long title's qualifier runs into the name: "Minister of Textiles Jemal Goklenova",
    "Mayor of Trujillo Cesar Acuna". Unless the run opens with a given name, the name is
    the run's tail from its given name, else its last two words."""
    if tokens[q].bare.lower() in gazetteer.first_names:
        return q, count
    given = given_inside(tokens, q, count, gazetteer)
    if given is not None:
        return given, q + count - given
    two = q + count - 2
    if (
        count == 3
        and is_name_word(tokens[two], gazetteer)
        and tokens[two].text not in gazetteer.particles
    ):
        return two, 2
    return q, count


def _qualified(tokens: list[Token], after: int, end: int, gazetteer: Gazetteer) -> int | None:
    """Where the name starts after a title and its qualifier ("Minister of Defense X"), or
    None when the title governs an organization or a second title follows."""
    q = after
    if not (q < end and tokens[q].text in _QUALIFIER_CONNECTORS):
        return q
    q += 1
    while q < end and not (
        is_name_word(tokens[q], gazetteer) and tokens[q].bare not in gazetteer.places
    ):
        if tokens[q].text == "and" and match_title(tokens, q + 1, gazetteer):
            return None  # "King of Spain and Foreign Minister X": X's title
        q += 1
    if tokens[q - 1].text in _CONNECTORS and q != after + 1:
        return None
    if q == after + 1:  # "President of Fond Politika"; but "Mayor of Trujillo Cesar Acuna"
        count = name_run(tokens, q, end, gazetteer)
        if count < 3 or (count > 3 and given_inside(tokens, q, count, gazetteer) is None):
            return None
    return q


def _lower_titled(
    segment: Segment, tokens: list[Token], begin: int, end: int, gazetteer: Gazetteer, write: Writer
) -> None:
    """A lower-case title just before the run: "negotiator Popov", "director Cecile Vigneau"."""
    lower_title = lower_title_before(tokens, begin, gazetteer)
    if lower_title is None:
        return
    count = name_run(tokens, begin, end, gazetteer)
    if count:
        title, title_start = lower_title
        role, organization, country = role_from_prefix(
            prefix_chunk(tokens, title_start, gazetteer),
            title,
            tokens[title_start:begin],
            gazetteer,
        )
        write(
            begin,
            count,
            0.9,
            "person.lower-title",
            title=role,
            organization=organization,
            country=country,
        )


_ChunkRule = Callable[[Segment, list[Token], int, int, Gazetteer, Writer], None]
# the person rules of a capitalized run, in the order they run (a span found by an earlier
# rule is not found again by a later one)
CHUNK_RULES: tuple[Rule[_ChunkRule], ...] = (
    Rule("person.title", _titled),
    Rule("person.lower-title", _lower_titled),
    Rule("person.name-run", name_runs),
)
# every person rule, in the order they run: the header fields, then each segment's chunks,
# references and speakers, then the bare surnames of people found (``surname_mentions``)
RULE_NAMES = (
    "person.classified-by",
    *names(CHUNK_RULES[:2]),
    "person.title-apposition",
    *names(RUN_RULES),
    "person.reference",
    "person.speaker",
    "person.known-name",
    "person.form-name",
    "person.caps-listed",
    "person.caps-given-name",
    "person.caps-chief",
    "person.caps-title",
    "person.signature",
    "person.signature-tail",
    "person.tags",
    "person.routing-symbol",
    "person.routing-initial",
    "person.routing-agency",
    "person.routing-split",
    "person.routing-run-together",
    "person.routing-titled",
    "person.routing-name",
    "person.routing-word",
    "person.surname",
)


def _looks_like_surname_run(run: Sequence[Token], gazetteer: Gazetteer) -> bool:
    if not run:
        return False
    last = run[-1]
    if last.is_upper and (last.bare in gazetteer.organizations or len(last.bare) <= 3):
        return False
    return not is_initial(last)


def _speakers(
    segment: Segment, tokens: Sequence[Token], gazetteer: Gazetteer, write: Writer
) -> None:
    """Unknown capitalized words that speak or act: "Kosachev said", "Ahtisaari's plan"."""
    n = len(tokens)
    starts = {s for s, _ in sentences(segment.text)}
    for k in capitalized(tokens):
        token = tokens[k]
        if not is_name_word(token, gazetteer):
            continue
        if token.text in gazetteer.particles or token.bare in gazetteer.cities:
            continue  # "Sirte said": a city of the world speaks through its people
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
            write(k, 1, confidence, "person.speaker")


def _known_names(tokens: Sequence[Token], write: Writer) -> None:
    """A public figure's surname alone, with no title or verb to mark it: "the incoming
    Obama administration", "When Stalin created the Republic" (``known_people.txt``)."""
    known = known_people()
    gazetteer = load()
    n = len(tokens)
    for k in capitalized(tokens):
        token = tokens[k]
        if token.text not in known:
            continue
        before = tokens[k - 1] if k > 0 else None
        if before is not None and is_name_word(before, gazetteer) and adjacent(before, token):
            continue  # inside a longer name: "Hosni Mubarak" ("Even Mousavi" is not)
        if k + 1 < n and tokens[k + 1].is_cap and adjacent(token, tokens[k + 1]):
            continue  # "the Mandela Foundation"
        write(k, 1, 0.8, "person.known-name")


@cache
def known_people() -> frozenset[str]:
    """The surnames of ``kg/data/extract/known_people.txt``."""
    text = resources.files("kg.data.extract").joinpath("known_people.txt").read_text("utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def _possessive_or_auxiliary(nxt: str, after: str, initial: bool, gazetteer: Gazetteer) -> bool:
    """ "Ahtisaari's diplomacy", "Tadic could": not "Mother's Day", not "Delay would"."""
    if nxt in ("'s", "’s"):
        return not (after[:1].isupper() or after in gazetteer.org_keywords)
    return nxt in _AUXILIARIES and not initial


# --- capitals ----------------------------------------------------------------------------
