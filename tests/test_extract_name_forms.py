"""Name forms of the genre: one person however the telegram's layout or the writer's habit
splits the name (``kg.extract.name_forms`` and the name rules).

Each row is a small cable written in the genre's style (invented names and text), the
names of people it must give, and names it must not give.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kg.extract import extract
from kg.extract.name_forms import read_name_forms
from kg.extract.names import surname_first
from kg.model import Cable, ClassifiedBy
from tests.handmade import hand_cable


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    people: frozenset[str]
    not_people: frozenset[str] = frozenset()


def case(id: str, text: str, people: set[str], not_people: set[str] | None = None) -> Case:
    return Case(id, text, frozenset(people), frozenset(not_people or ()))


CASES = (
    # -- a hard-wrapped line that ends on a name particle -----------------------------------
    case(
        "particle-break-bin",
        "The Ambassador called on the ruler's sons, including Sheikh Khalid bin\n"
        "Rashid, Chairman of the Executive Council, on May 3.",
        {"Khalid bin Rashid"},
        {"Khalid"},
    ),
    case(
        "particle-break-del",
        "Party stalwarts, including former PM Tomas Del\nCarvajal, have stated their "
        "interest in the nomination.",
        {"Tomas Del Carvajal"},
        {"Tomas Del"},
    ),
    case(
        "particle-break-opens-line",
        "Ambassador Hale met Sheikh Faisal\nbin Hamad, the Minister of State, on June 2.",
        {"Faisal bin Hamad"},
        {"Faisal"},
    ),
    # -- a title and a given name at a line's end -------------------------------------------
    case(
        "given-break",
        "On March 12 Charge met Foreign Minister Peter\nVaskel, who said the vote would "
        "take place in April.",
        {"Peter Vaskel"},
        {"Peter"},
    ),
    case(
        "given-break-list-line-kept",
        "Participants:\nAmbassador Anne\nDeputy Minister Roland Tesk\n",
        {"Roland Tesk"},
        {"Anne Deputy"},
    ),
    # -- a nickname in quotes between the given name and the surname -----------------------
    case(
        "nickname-parenthesized",
        'Commander General Thomas R. ("Buck") Hallam met with President Tarvo on May 4. '
        "General Hallam said the exercise would go ahead.",
        {"Thomas R. Hallam"},
        {"Thomas", "Buck"},
    ),
    case(
        "nickname-quoted",
        'Former minister Jorge "Pepo" Ardiles told PolOff the party would split.',
        {"Jorge Ardiles"},
        {"Jorge", "Pepo"},
    ),
    case(
        "quoted-word-no-nickname",
        'While "Kaldo" Reform stalled, the Minister said nothing.',
        set(),
        {"While Reform", "Reform"},
    ),
)


def _people(cable: Cable) -> set[str]:
    extraction = extract(cable)
    named = {m.entity for m in extraction.mentions}
    return {e.name for e in extraction.entities if e.kind == "person" and e.key in named}


@pytest.mark.parametrize("row", CASES, ids=[row.id for row in CASES])
def test_name_forms_of_the_genre(row: Case) -> None:
    # names compare without case, as the gold sets score them
    people = {name.lower() for name in _people(hand_cable(row.text))}
    assert {name.lower() for name in row.people} <= people, sorted(people)
    assert not ({name.lower() for name in row.not_people} & people), sorted(people)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Sheikh Khalid bin\nRashid,", "Sheikh Khalid bin Rashid,"),
        ("Sheikh Faisal\nbin Hamad", "Sheikh Faisal bin Hamad"),
        ("Minister Peter\nVaskel said", "Minister Peter Vaskel said"),
        ('General Thomas R. ("Buck") Hallam met', 'General Thomas R. Hallam ("Buck") met'),
        ("the talks went on until\nFriday", "the talks went on until\nFriday"),
        ("Mr. Peter\nSmith\n", "Mr. Peter\nSmith\n"),
    ],
)
def test_name_forms_keep_the_text_length(text: str, read: str) -> None:
    assert read_name_forms(text) == read
    assert len(read_name_forms(text)) == len(text)


def test_nickname_meets_once() -> None:
    """One person with a nickname is one participant: no pair of him with himself."""
    cable = hand_cable(
        'On May 4, General Thomas R. ("Buck") Hallam met with President Aldo Tarvo. '
        "Hallam and Tarvo discussed the exercise."
    )
    extraction = extract(cable)
    people = {e.key: e.name for e in extraction.entities if e.kind == "person"}
    met = [
        sorted(people[p] for p in meeting.participants if p in people)
        for meeting in extraction.meetings
    ]
    assert ["Aldo Tarvo", "Thomas R. Hallam"] in met, met


# -- a later reference by the last words of a longer name (``coref.name-tail``) ------------
TAILS = (
    case(
        "tail-two-surnames",
        "FM Felipe Ortiz Varela met the Ambassador on May 2. FM Ortiz Varela said the "
        "talks were private.",
        {"Felipe Ortiz Varela"},
        {"Ortiz Varela"},
    ),
    case(
        "tail-of-two-names-kept-apart",
        "FM Felipe Ortiz Varela met the Ambassador on May 2 with Senator Beatriz Ortiz "
        "Varela. FM Ortiz Varela said the talks were private.",
        {"Felipe Ortiz Varela", "Beatriz Ortiz Varela", "Ortiz Varela"},
    ),
    case(
        "tail-second-given-name",
        "Minister Ahmed Karim Hallaf met PolOff. Karim Hallaf said the vote would wait.",
        {"Ahmed Karim Hallaf"},
        {"Karim Hallaf"},
    ),
    case(
        "tail-father-kept-apart",
        "Sheikh Khalid bin Rashid Al Nuaimi met the Ambassador. Sheikh Rashid Al Nuaimi, "
        "his father, did not attend.",
        {"Khalid bin Rashid Al Nuaimi", "Rashid Al Nuaimi"},
    ),
)


@pytest.mark.parametrize("row", TAILS, ids=[row.id for row in TAILS])
def test_name_tails_join_the_longer_name(row: Case) -> None:
    people = {name.lower() for name in _people(hand_cable(row.text))}
    assert {name.lower() for name in row.people} <= people, sorted(people)
    assert not ({name.lower() for name in row.not_people} & people), sorted(people)


# -- a title the lexicon lacked, run into the name ---------------------------------------
TITLES = (
    case(
        "title-administrator",
        "USAID Administrator Helen Marrow met the Prime Minister on May 2.",
        {"Helen Marrow"},
        {"Administrator Helen Marrow"},
    ),
    case(
        "title-engineer",
        "The center is headed by Engineer Ahmed al-Karbouli, who reports to the Minister.",
        {"Ahmed al-Karbouli"},
        {"Engineer Ahmed al-Karbouli"},
    ),
    case(
        "title-maulavi",
        "Maulavi Ahmad Shirzai told PolOff the council would meet in June.",
        {"Ahmad Shirzai"},
        {"Maulavi Ahmad Shirzai"},
    ),
    case(
        "title-vadm",
        "VADM William Harlan called on the Crown Prince on March 4.",
        {"William Harlan"},
        {"VADM William Harlan"},
    ),
    case(
        "title-member-of-parliament",
        "He wants the minister replaced by Member of Parliament Orhan Dzhafarli.",
        {"Orhan Dzhafarli"},
        {"Member of Parliament Orhan Dzhafarli", "Parliament Orhan Dzhafarli"},
    ),
    case(
        "title-equivalent",
        "Ambassador met FM-equivalent Musa Tarhouni on May 4.",
        {"Musa Tarhouni"},
        {"FM-equivalent Musa Tarhouni"},
    ),
)


@pytest.mark.parametrize("row", TITLES, ids=[row.id for row in TITLES])
def test_titles_run_into_names(row: Case) -> None:
    people = {name.lower() for name in _people(hand_cable(row.text))}
    assert {name.lower() for name in row.people} <= people, sorted(people)
    assert not ({name.lower() for name in row.not_people} & people), sorted(people)


@pytest.mark.parametrize(
    ("raw", "person", "name"),
    [
        ("POL MINCOUNS ANNA VOSS, REASONS 1.4 (B) AND (D).", "Mincouns Anna Voss", "Anna Voss"),
        ("USEU POL M-C Carl Brandt for reasons 1.4 (b)", "M-C Carl Brandt", "Carl Brandt"),
        ("Ambassador Tom Reyes, reasons 1.4 (b)", "Tom Reyes", "Tom Reyes"),
    ],
)
def test_classified_by_officer_without_title(raw: str, person: str, name: str) -> None:
    cable = hand_cable(
        "The Minister met PolOff on May 4.",
        classified_by=ClassifiedBy(raw=raw, person=person, people=(person,)),
    )
    people = {n.lower() for n in _people(cable)}
    assert name.lower() in people, sorted(people)
    assert person.lower() == name.lower() or person.lower() not in people, sorted(people)


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("Name: LI, Wen-hsin\nDate of birth: 1961", "Li Wen-hsin"),
        ("Name: PAK, Sung-chol\nNationality: DPRK", "Pak Sung-chol"),
        ("Name: HARLAN, Roderick James\nNationality: US", "Roderick James Harlan"),
    ],
)
def test_form_name_keeps_a_chinese_or_korean_surname_first(form: str, name: str) -> None:
    people = {n.lower() for n in _people(hand_cable("The applicant's data follow.", form))}
    assert name.lower() in people, sorted(people)


@pytest.mark.parametrize(
    ("words", "first"),
    [
        (("Yu", "Myung-hwan"), True),
        (("Hwa", "Erh-cheng"), True),
        (("Ali", "Abdul-rahman"), False),
        (("Jean-Pierre", "Lacroix"), False),
        (("Kim", "Jong", "Il"), False),
    ],
)
def test_surname_first(words: tuple[str, ...], first: bool) -> None:
    assert surname_first(words) is first
