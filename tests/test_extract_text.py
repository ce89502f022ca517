"""Tokens, sentences, name look-up, overlaps (fast forms against plain ones), one cable's scope."""

from __future__ import annotations

import gc
import random
import re
from collections import defaultdict

import pytest

from kg.extract.coref import remove_overlaps
from kg.extract.finds import Find
from kg.extract.text import (
    _DOTTED,
    _TOKEN,
    Token,
    _tokenize,
    is_caps,
    lookup,
    one_cable,
    sentences,
    tokenize,
)
from kg.model import EntityKind


def _plain_tokens(text: str) -> list[Token]:
    """The tokenizer written as a loop: a word takes the full stop after it when it is an
    initial or an abbreviation, and the full stop is not a token of its own."""
    found: list[Token] = []
    skip = -1
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if start < skip:
            continue
        word = match[0]
        first = word[0]
        if (
            end < len(text)
            and text[end] == "."
            and first.isalpha()
            and (len(word) == 1 or word.lower() in _DOTTED)
        ):
            word, end = word + ".", end + 1
            skip = end
        found.append(Token(word, start, end, first.isalpha(), first.isupper()))
    return found


_PIECES = [
    "a", "Z", "J", ".", "Mr", "mr", "Gen", "U", ".S", "..", "'s", "’s", "é", "’", "-", "5",
    "/", "G8", " ", "\n", "Ü", "²", "x", "Aug", "No", "St", "A/S", "O'Brien", "_", "4/12",
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Amb. William J. Burns met Gen. Petraeus at 9 a.m. in the U.S.",
        "EUR/SCE and A/S Fried; O'Brien's plan; Kosovo's status; G-20 and G8.",
        "x.. J.S. Mr.. MR. no. No.5 José. ². é.",
        "",
    ],
)
def test_tokens_as_written(text: str) -> None:
    assert tokenize(text) == _plain_tokens(text)


def test_tokens_of_odd_text() -> None:
    rng = random.Random(20070213)
    for _ in range(2000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 25)))
        assert tokenize(text) == _plain_tokens(text), text


def test_sentences_keep_abbreviations() -> None:
    text = "Gen. Petraeus met Amb. Crocker on Aug. 9. They talked. A.B. Smith left."
    assert [text[s:e].strip() for s, e in sentences(text)] == [
        "Gen. Petraeus met Amb. Crocker on Aug. 9.",
        "They talked.",
        "A.B. Smith left.",
    ]


@pytest.mark.parametrize(
    "text",
    ["THE MINISTER SAID", "THE MINISTER SAID a", "Mixed Case Text", "ÉÉÉ ÜBER ALLES GOOD", "AB"],
)
def test_caps_counts_ascii_letters(text: str) -> None:
    upper = len(re.findall(r"[A-Z]", text))
    lower = len(re.findall(r"[a-z]", text))
    assert is_caps(text) == (upper >= 8 and lower <= upper * 0.05)


def test_lookup_takes_the_longest_name_left_to_right() -> None:
    table = {"United States": "US", "United": "X", "New York": "NY", "York": "Y"}
    text = "The United States and New York, not New-York or United  States, nor New\nYork."
    found = [(text[s:e], key) for s, e, key in lookup(text, tokenize(text), table, longest=3)]
    assert found == [
        ("United States", "United States"),
        ("New York", "New York"),
        ("United  States", "United States"),
        ("York", "York"),
    ]  # "New-York" is one word: no name in it; a line break (a list line) ends a name
    folded = {key.upper(): value for key, value in table.items()}
    caps = text.upper()
    keys = [key for _, _, key in lookup(caps, tokenize(caps), folded, longest=3, fold=True)]
    assert keys == ["UNITED STATES", "NEW YORK", "UNITED STATES", "YORK"]


def _plain_overlaps(finds: list[Find]) -> list[Find]:
    """remove_overlaps written with a scan over every kept span."""
    priority = {"organization": 3, "person": 2, "place": 1, "topic": 0}
    ordered = sorted(
        finds, key=lambda f: (-(f.end - f.start), -priority[f.kind], f.code is None, f.start)
    )
    kept: list[Find] = []
    spans: dict[tuple[int | None, str], list[tuple[int, int]]] = defaultdict(list)
    people: set[tuple[int | None, str, int, int]] = set()
    for find in ordered:
        where = (find.paragraph, find.field)
        twice = find.kind == "person" and find.span in people
        if not twice and any(s < find.end and find.start < e for s, e in spans[where]):
            continue
        spans[where].append((find.start, find.end))
        if find.kind == "person":
            people.add(find.span)
        kept.append(find)
    kept.sort(key=lambda f: (f.field != "paragraph", f.paragraph or 0, f.start))
    return kept


def test_overlaps_settled_as_by_a_full_scan() -> None:
    rng = random.Random(7)
    kinds: list[EntityKind] = ["person", "organization", "place"]
    for _ in range(300):
        finds = []
        for n in range(rng.randint(1, 30)):
            start = rng.randint(0, 60)
            end = start + rng.randint(0, 12)
            kind = rng.choice(kinds)
            finds.append(
                Find(kind, "x", start, end, rng.choice([0, 1]), "paragraph", f"name {n % 5}")
            )
        assert remove_overlaps(finds) == _plain_overlaps(finds)


def test_one_cable_holds_the_collector_and_lets_the_memos_go() -> None:
    assert gc.isenabled()
    with one_cable():
        assert not gc.isenabled()
        tokenize("Ambassador Wisner met Kostunica.")
        assert _tokenize.cache_info().currsize > 0
    assert gc.isenabled()
    assert _tokenize.cache_info().currsize == 0


def test_one_cable_gives_the_collector_back_on_an_error_and_keeps_a_disabled_one() -> None:
    with pytest.raises(ValueError, match="a rule failed"), one_cable():
        raise ValueError("a rule failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with one_cable():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_one_cable_gives_the_collector_back_when_interrupted_as_it_pauses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A signal (Ctrl-C) is raised right after a builtin returns: here, gc.disable.
    def disable_then_interrupt() -> None:
        monkeypatch.undo()
        gc.disable()
        raise KeyboardInterrupt

    monkeypatch.setattr("kg.extract.text.gc.disable", disable_then_interrupt)
    try:
        with pytest.raises(KeyboardInterrupt), one_cable():
            pass
        assert gc.isenabled()
    finally:
        gc.enable()
