"""Rule classes met on cables from other posts and decades: one small cable each."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from kg.extract import extract
from kg.extract.names import normal_case
from kg.model import Cable, Extraction, RawRecord
from kg.parse import parse
from kg.sources import read
from tests.handmade import hand_cable


def _cable(*texts: str, **fields: Any) -> Cable:
    """A 1975 Ankara cable unless ``fields`` say otherwise."""
    defaults: dict[str, Any] = {
        "reference_id": "75TEST1",
        "origin": "Embassy Ankara",
        "created": datetime(1975, 6, 10),
    }
    return hand_cable(*texts, **{**defaults, **fields})


def _people(extraction: Extraction) -> set[str]:
    return {e.name for e in extraction.of_kind("person")}


def test_capitals_verbs_end_a_name() -> None:
    x = extract(
        _cable(
            "AMBASSADOR SAID PRIME MINISTER DEMIREL WILL MEET SECRETARY ON MONDAY. FOREIGN "
            "MINISTER CAGLAYANGIL WOULD WELCOME VISIT. UNDER SECRETARY MACOMBER APPEARED "
            "PLEASED. GENERAL SAID TAHERI ATTENDED."
        )
    )
    assert _people(x) == {"Demirel", "Caglayangil", "Macomber", "Said Taheri"}


def test_mac_takes_an_inner_capital_only_for_known_stems() -> None:
    assert normal_case("MACARTHUR") == "MacArthur"
    assert normal_case("MCCAIN") == "McCain"
    assert [normal_case(w) for w in ("MACOMBER", "MACRON", "MACHADO")] == [
        "Macomber",
        "Macron",
        "Machado",
    ]


def test_a_participants_list_is_one_meeting_and_no_name_spans_a_line() -> None:
    x = extract(
        _cable(
            "Participants:\nU.S.:\nAmbassador Ronald P. Spogli\nDCM Elizabeth Dibble\nItaly:\n"
            "Minister of Defense Gen. Claudio Graziano\nIgnazio La Russa, Minister of Defense",
            "La Russa said Italy would ease caveats.",
            origin="Embassy Rome",
            created=datetime(2008, 6, 10),
        )
    )
    people = {e.name: e for e in x.of_kind("person")}
    assert set(people) == {
        "Ronald P. Spogli",
        "Elizabeth Dibble",
        "Claudio Graziano",
        "Ignazio La Russa",
    }
    assert [r.title for r in people["Elizabeth Dibble"].roles] == ["Deputy Chief of Mission"]
    assert [r.title for r in people["Claudio Graziano"].roles] == ["Minister of Defense"]
    meeting = x.meetings[0]
    assert {x.entity(k).name for k in meeting.participants} == set(people)


def test_after_a_redaction_or_a_locative_a_capitalized_pair_is_no_person() -> None:
    x = extract(
        _cable(
            "Poloff met with XXXXXXXXXXXX on August 28 in Mae Sot. XXXXXXXXXXXX works at the "
            "Mae Tao Clinic, which treats migrants from Burma, and said arrests rose.",
            origin="Consulate Chiang Mai",
            created=datetime(2008, 9, 2),
        )
    )
    assert _people(x) == set()
    assert "Mae Tao Clinic" in {e.name for e in x.of_kind("organization")}
    union = extract(_cable("XXXXXXXXXXXX Karen National Union officials told Poloff."))
    assert [e.name for e in union.of_kind("organization")] == ["Karen National Union"]


def test_a_particle_belongs_to_the_surname() -> None:
    x = extract(
        _cable(
            "Defense Minister Ignazio La Russa met the Ambassador. La Russa said Italy would "
            "ease caveats. Russa is a town.",
            "Ambassador Van Voorst spoke with Jorge del Castillo. Del Castillo agreed.",
            origin="Embassy Rome",
            created=datetime(2008, 6, 10),
        )
    )
    people = {e.name: e.aliases for e in x.of_kind("person")}
    assert people == {
        "Ignazio La Russa": ("La Russa",),
        "Jorge del Castillo": ("Del Castillo",),
        "Van Voorst": (),
    }


def _roles(extraction: Extraction) -> dict[str, list[tuple[str, str | None]]]:
    return {e.name: [(r.title, r.country) for r in e.roles] for e in extraction.of_kind("person")}


def test_a_role_stops_at_a_name_a_verb_and_a_coordinated_title() -> None:
    x = extract(
        _cable(
            "Deputy Foreign Minister Titov met Frank Wisner, Special Envoy Wisner made the case "
            "for Russian support of the Ahtisaari plan.",
            "On June 5, Spain Ambassador Jorge Dezcallar Deputy Chief of Mission Hugo Llorens "
            "and Poloff met the King of Spain and Foreign Minister Miguel Angel Moratinos.",
            "Ignazio La Russa, Defense Minister said Italy would ease caveats in Herat.",
            "India National Security Advisor M.K. Narayanan called.",
            origin="Embassy Madrid",
            created=datetime(2008, 6, 10),
        )
    )
    roles = _roles(x)
    assert roles["Frank Wisner"] == [("Special Envoy", None)]
    assert roles["Jorge Dezcallar"] == [("Ambassador", "SP")]
    assert roles["Hugo Llorens"] == [("Deputy Chief of Mission", None)]
    assert roles["Miguel Angel Moratinos"] == [("Foreign Minister", None)]
    assert roles["Ignazio La Russa"] == [("Defense Minister", None)]
    assert roles["M.K. Narayanan"] == [("National Security Advisor", "IN")]


def _met(extraction: Extraction) -> list[tuple[set[str], date | None]]:
    return [
        (
            {extraction.entity(k).name for k in m.participants if k.startswith("person:")},
            m.date,
        )
        for m in extraction.meetings
    ]


def test_discussed_with_heard_from_and_a_possessive_call() -> None:
    x = extract(
        _cable(
            "The Ambassador discussed Kosovo with King Abdullah on May 20.",
            "Econoff heard from Colonel Somchai Pong on August 30 about the border.",
            "During the Ambassador's May 27 call on Prime Minister Samak Sundaravej, they "
            "reviewed trade.",
            origin="Embassy Bangkok",
            created=datetime(2008, 9, 10),
            signature="JOHN",
        )
    )
    assert _met(x) == [
        ({"John", "Abdullah"}, date(2008, 5, 20)),
        ({"Somchai Pong"}, date(2008, 8, 30)),
        ({"John", "Samak Sundaravej"}, date(2008, 5, 27)),
    ]


def test_the_signer_of_a_department_cable_is_the_secretary() -> None:
    x = extract(
        _cable("Posts may draw on the points below.", origin="Secretary of State", signature="RICE")
    )
    assert _roles(x) == {"Rice": [("Secretary of State", None)]}


def test_meeting_topics_are_what_was_discussed() -> None:
    x = extract(
        _cable(
            "DFM Titov met Special Envoy Wisner on February 8 and discussed Kosovo. Titov, "
            "recalling his years in New York and trips to Bangladesh and Pakistan, said "
            "Russia wanted a deal on Serbia.",
            subject="KOSOVO: TITOV ON THE WAY FORWARD",
            tags=("PREL", "KV"),
            origin="Embassy Moscow",
            created=datetime(2007, 2, 13),
        )
    )
    (meeting,) = x.meetings
    topics = [x.entity(k).name for k in meeting.topics]
    assert "Kosovo" in topics
    assert "Serbia" in topics
    assert not {"New York", "Bangladesh", "Pakistan"} & set(topics)
    assert len([t for t in topics if t.lower() == "kosovo"]) == 1


def test_posts_in_the_text_are_posts_and_the_officers_are_the_post() -> None:
    x = extract(
        _cable(
            "USUN and Embassy Amman should inform their contacts (REF: USEU 3226).",
            "Poloff met with Minister Ali Hussein on June 2.",
            origin="Embassy Amman",
            created=datetime(2008, 6, 10),
        )
    )
    posts = {e.name: e.key for e in x.of_kind("organization") if e.subtype == "post"}
    assert set(posts) == {"USUN New York", "Embassy Amman"}
    assert [(m.participants, m.parties) for m in x.meetings] == [
        (("person:ali-hussein",), (posts["Embassy Amman"],))
    ]
    consulate = extract(
        _cable(
            "Poloff met with Minister Ali Hussein on June 2.",
            origin="Consulate Chiang Mai",
            created=datetime(2008, 6, 10),
        )
    )
    (post,) = [e for e in consulate.entities if e.kind == "organization"]
    assert (post.name, post.subtype) == ("Consulate Chiang Mai", "post")


def test_an_action_request_is_a_planned_encounter_of_the_post() -> None:
    x = extract(
        _cable(
            "Embassy Amman is requested to deliver the points in paragraph 3 to Foreign "
            "Minister Salah al-Bashir no later than June 16 and report the response.",
            origin="Secretary of State",
            created=datetime(2008, 6, 10),
            signature="RICE",
        )
    )
    (meeting,) = x.meetings
    assert [x.entity(k).name for k in meeting.participants] == ["Salah al-Bashir"]
    assert [x.entity(k).name for k in meeting.parties] == ["Embassy Amman"]
    assert (meeting.status, meeting.date) == ("planned", date(2008, 6, 16))


def test_a_redacted_contact_is_a_stand_in_not_a_person() -> None:
    x = extract(
        _cable(
            "Poloff met with XXXXXXXXXXXX on August 28 in Mae Sot.",
            origin="Consulate Chiang Mai",
            created=datetime(2008, 9, 2),
        )
    )
    (meeting,) = x.meetings
    kinds = {x.entity(k).subtype for k in meeting.parties}
    assert kinds == {"post", "redacted"}
    assert meeting.participants == ()
    assert not x.of_kind("person")
    assert not [m for m in x.mentions if m.entity == "org:redacted-source"]


TELEGRAM_1975 = """
P 101200Z JUN 75
FM AMEMBASSY ANKARA
TO SECSTATE WASHDC PRIORITY 4496
C O N F I D E N T I A L ANKARA 4321

E.O. 11652: GDS
TAGS: PFOR TU US
SUBJECT: DEMIREL ON DEFENSE COOPERATION TALKS

1. PRIME MINISTER DEMIREL TOLD AMBASSADOR MACOMBER JUNE 9 THAT
TURKEY WOULD WELCOME RESUMPTION OF TALKS. FOREIGN MINISTER
CAGLAYANGIL APPEARED TO AGREE. AMBASSADOR SAID HE WOULD REPORT
TO WASHINGTON.

2. DEMIREL WILL MEET SECRETARY KISSINGER IN BRUSSELS.
MACOMBER
"""


def test_a_telegram_in_capitals(tmp_path: Path) -> None:
    path = tmp_path / "75ANKARA4321.txt"
    path.write_text(TELEGRAM_1975)
    (record,) = [r for r in read(path) if isinstance(r, RawRecord)]
    x = extract(parse(record))
    assert _people(x) == {"Demirel", "Macomber", "Caglayangil", "Kissinger"}
    held, planned = _met(x)
    assert held == ({"Demirel", "Macomber"}, date(1975, 6, 9))
    assert planned[0] == {"Demirel", "Kissinger"}


def test_a_participants_list_in_capitals() -> None:
    x = extract(
        _cable(
            "PARTICIPANTS:\nU.S.:\nAMBASSADOR MACOMBER\nPOLCOUNS DILLON\nTURKEY:\n"
            "FOREIGN MINISTER CAGLAYANGIL\nAHMET SAID, DIRECTOR GENERAL",
            "CAGLAYANGIL OPENED BY SAYING TURKEY WANTED AGREEMENT. MACOMBER REPLIED THAT "
            "WASHINGTON AGREED.",
            signature="MACOMBER",
        )
    )
    names = {"Macomber", "Dillon", "Caglayangil", "Ahmet Said"}
    assert _people(x) == names
    assert [p for p, _ in _met(x)] == [names]


def _places(extraction: Extraction) -> set[str]:
    return {e.name for e in extraction.of_kind("place")}


def _organizations(extraction: Extraction) -> set[str]:
    return {e.name for e in extraction.of_kind("organization")}


def test_a_geographic_head_noun_makes_a_place() -> None:
    x = extract(
        _cable(
            "General Thanh will ask about ship visits to Cam Ranh Bay and the Paracel Islands, "
            "near the South China Sea. Father Ly remains in prison in Ha Nam Province.",
            "THE MINISTER WANTED TO DISCUSS KOREAN PENINSULA AND TRADE.",
            "He heads the Tonle Sap Lake Affairs office and the Lords Of The Mountains club.",
            origin="Embassy Hanoi",
        )
    )
    assert {
        "Cam Ranh Bay",
        "Paracel Islands",
        "South China Sea",
        "Ha Nam Province",
        "Korean Peninsula",
    } <= _places(x)
    assert not {
        "China Sea",
        "Discuss Korean Peninsula",
        "Persian Gulf",
        "Lords Of The Mountains",
    } & (_places(x))


def test_organization_names_after_of_and_before_a_title() -> None:
    x = extract(
        _cable(
            "He said that Morgan Tsvangirai of the Movement for Democratic Change had asked "
            "for support. Baloi, joined by Ministry of Foreign Affairs and Cooperation Director "
            "Maria dos Santos, disagreed. Faculty of King Abdulaziz University signed it.",
            "THE JAPAN SOCIALIST PARTY OBJECTED. A BOMB HIT A TEHRAN DEPARTMENT STORE.",
            origin="Embassy Maputo",
        )
    )
    names = _organizations(x)
    assert {
        "Movement for Democratic Change",
        "Ministry of Foreign Affairs and Cooperation",
        "King Abdulaziz University",
        "Japan Socialist Party",
    } <= names
    assert not [n for n in names if "Tsvangirai" in n or "Director" in n or "Tehran" in n]
    assert "Morgan Tsvangirai" in _people(x)


def test_the_department_named_bare() -> None:
    x = extract(
        _cable(
            "Department thanks posts for their assistance. Posts should report by cable.",
            "AMBASSADOR CONVEYED DEPARTMENT'S CONCERN.",
            origin="Secretary of State",
        )
    )
    assert "Department of State" in _organizations(x)
    assert "Posts" not in _people(x)


def test_capitals_the_ambassador_is_the_signer_and_those_also_present_take_part() -> None:
    x = extract(
        _cable(
            "AMBASSADOR, ACCOMPANIED BY POLCOUNS SHERMAN, CALLED ON FOREIGN MINISTER OHIRA MAY "
            "31. VICE MINISTER TOGO FUMIHIKO AND DIRECTOR GENERAL TAKASHIMA ALSO PRESENT.",
            origin="Embassy Tokyo",
            created=datetime(1974, 6, 1),
            signature="HODGSON",
        )
    )
    assert "Togo Fumihiko" in _people(x)
    first = _met(x)[0]
    assert first == (
        {"Hodgson", "Sherman", "Ohira", "Togo Fumihiko", "Takashima"},
        date(1974, 5, 31),
    )


def test_a_scenesetter_plans_one_meeting_per_host_for_the_visitor() -> None:
    x = extract(
        _cable(
            "Mr. Secretary, your visit comes at a time of growing trust. Your schedule "
            "includes meetings with President Nguyen Minh Triet and Deputy Prime Minister "
            "Pham Gia Khiem.",
            "In June, Deputy Minister Nguyen Chi Vinh told the Ambassador that the ministry "
            "wants more cooperation.",
            origin="Embassy Hanoi",
            created=datetime(2009, 9, 21),
            signature="MICHALAK",
            tags=("PREL", "OVIP (MABUS, RAY)"),
        )
    )
    assert [(m.status, people) for m, (people, _) in zip(x.meetings, _met(x), strict=True)] == [
        ("planned", {"Ray Mabus", "Nguyen Minh Triet"}),
        ("planned", {"Ray Mabus", "Pham Gia Khiem"}),
        ("held", {"Nguyen Chi Vinh", "Michalak"}),
    ]


def test_another_day_or_separately_opens_another_encounter() -> None:
    x = extract(
        _cable(
            "On June 27, the Ambassador had breakfast with Senator Manlio Beltrones, who "
            "said the reform would pass.",
            "Paredes told Poloff on June 28 that protests would follow.",
            "Separately, Dhlakama told Poloff that the opposition was sold out.",
            origin="Embassy Mexico",
            created=datetime(2007, 7, 29),
            signature="GARZA",
        )
    )
    met = _met(x)
    assert met[0] == ({"Garza", "Manlio Beltrones"}, date(2007, 6, 27))
    assert ({"Paredes"}, date(2007, 6, 28)) in met
    assert ({"Dhlakama"}, None) in met


def test_capitals_another_countrys_ambassador_is_not_the_chief() -> None:
    x = extract(_cable("THE JAPANESE AMBASSADOR ARRIVED IN SEOUL.", signature="HODGSON"))
    assert not [m for m in x.mentions if m.field == "paragraph" and m.entity.startswith("person:")]


def test_a_romance_head_word_opens_an_organization_name() -> None:
    x = extract(
        _cable(
            "Treasury acted against Banco Delta Asia. The Partido Revolucionario Institucional "
            "and the Frente Amplio objected, as did the European Union.",
            origin="Embassy Mexico",
        )
    )
    assert {"Banco Delta Asia", "Partido Revolucionario Institucional", "Frente Amplio"} <= (
        _organizations(x)
    )
    assert "Asia" not in _places(x)


def test_guests_on_their_own_days_and_encounters_told_without_that() -> None:
    x = extract(
        _cable(
            "Special Envoy George Mitchell met President Mahmoud Abbas in Ramallah on "
            "February 9 and Prime Minister Benjamin Netanyahu in Jerusalem on February 10.",
            "Baloi said President Armando Guebuza had spoken by telephone with Thabo Mbeki on "
            "February 8.",
            "Senator Afonso Dhlakama said the vote was stolen. He plans to meet Guebuza "
            "after the elections.",
            origin="Secretary of State",
            created=datetime(2010, 2, 14),
        )
    )
    met = _met(x)
    assert ({"George Mitchell", "Mahmoud Abbas"}, date(2010, 2, 9)) in met
    assert ({"George Mitchell", "Benjamin Netanyahu"}, date(2010, 2, 10)) in met
    assert ({"Armando Guebuza", "Thabo Mbeki"}, date(2010, 2, 8)) in met
    assert ({"Afonso Dhlakama", "Armando Guebuza"}, None) in met
    assert not [people for people, _ in met if {"Mahmoud Abbas", "Benjamin Netanyahu"} <= people]


def test_a_family_name_alone_is_the_one_named_last() -> None:
    x = extract(
        _cable(
            "Wu said he had met Vice Foreign Minister Kim Kye-gwan on July 20. Kim told him "
            "that Chairman Kim Jong-il would not return to the talks.",
            "Kim added that the funds mattered most.",
            origin="Embassy Beijing",
            created=datetime(2006, 8, 3),
        )
    )
    assert {"Kim Kye-gwan", "Kim Jong-il"} <= _people(x)
    assert "Kim" not in _people(x)


def test_an_earlier_exchange_is_reported_not_joined() -> None:
    x = extract(
        _cable(
            "AMBASSADOR CALLED ON FOREIGN MINISTER OHIRA MAY 31. OHIRA REPLIED THAT THE PARTY "
            "HAD ORGANIZED IT. HE HAD TOLD PRIME MINISTER TANAKA THAT IT SHOULD WAIT.",
            origin="Embassy Tokyo",
            created=datetime(1974, 6, 1),
            signature="HODGSON",
        )
    )
    assert _met(x) == [
        ({"Hodgson", "Ohira"}, date(1974, 5, 31)),
        ({"Ohira", "Tanaka"}, None),
    ]
    told = extract(
        _cable(
            "Wu said he had met Vice Foreign Minister Kim Kye-gwan in Pyongyang on May 20.",
            origin="Embassy Beijing",
            created=datetime(2006, 6, 1),
        )
    )
    assert _met(told) == [({"Wu", "Kim Kye-gwan"}, date(2006, 5, 20))]


def test_a_parliament_named_by_one_word() -> None:
    x = extract(
        _cable(
            "Beltrones leads the PRI bloc in the Senate. The Sejm and the Rada voted.",
            origin="Embassy Mexico",
        )
    )
    assert {"Senate", "Sejm", "Rada"} <= _organizations(x)


def test_encounters_to_come_by_will_discuss_and_will_call_on() -> None:
    x = extract(
        _cable(
            "Secretary Clinton will discuss these issues with Secretary General Amr Moussa "
            "when they meet in Doha on February 15.",
            "We ended by calling on Russia to respect the borders.",
            origin="Secretary of State",
            created=datetime(2010, 2, 14),
            signature="CLINTON",
        )
    )
    assert [(m.status, people) for m, (people, _) in zip(x.meetings, _met(x), strict=True)] == [
        ("planned", {"Clinton", "Amr Moussa"})
    ]


def test_an_account_of_raising_an_issue_with_a_titled_holder() -> None:
    x = extract(
        _cable(
            "Prince Khalid al-Faisal, Governor of Makkah Province, opened the forum.",
            "Dahlan said JCCI chairman Saleh Kamel had raised the elections with the Governor "
            "in September.",
            origin="Consulate Jeddah",
            created=datetime(2008, 10, 16),
        )
    )
    assert ({"Saleh Kamel", "Khalid al-Faisal"}, None) in _met(x)
