"""Every named extraction rule, one row each at least: a small cable in, what the rule finds out.

A row names a rule, the paragraphs (and header fields) of a cable written for it, and one
thing that rule must find there. What a rule "finds" depends on its family:

- ``person.*``, ``org.*``, ``place.*``, ``coref.*``: the surface of a mention the rule made,
  or the name of an entity it found or merged;
- ``meeting.*``: the participants and parties of a meeting the rule found ("A + B", names
  sorted);
- ``participant.*``: the name of a participant (or party) the rule put in a meeting;
- ``status.*``: "status: A + B" of a meeting whose status the rule set;
- ``paragraph.*`` (rules that attach paragraphs to encounters): the printed paragraph
  numbers of a meeting ("1,2").

A new rule needs a row here: ``test_every_rule_has_a_row`` fails until it has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import pytest

from kg.extract import extract
from kg.extract.catalog import every_rule
from kg.model import Cable, ClassifiedBy, Extraction, Meeting
from tests.handmade import hand_cable

BURNS = ClassifiedBy("Ambassador William J. Burns: 1.4 (b, d).", "William J. Burns", "Ambassador")
MEMMOTT = ClassifiedBy("ECON Larry Memmott: 1.4 (b, d).", "Larry Memmott", "ECON")


@dataclass(frozen=True)
class Row:
    rule: str
    texts: tuple[str, ...]
    finds: str
    fields: dict[str, Any] = field(default_factory=dict)
    routing: str | None = None  # routing lines above E.O., as in a telegram's body

    def cable(self) -> Cable:
        cable = hand_cable(*self.texts, **self.fields)
        if self.routing is None:
            return cable
        return replace(cable, body=f"{self.routing}\n\nE.O. 12958: N/A\n\n{cable.body}")


def _names(extraction: Extraction, meeting: Meeting) -> str:
    sides = (*meeting.participants, *meeting.parties)
    return " + ".join(sorted(extraction.entity(k).name for k in sides))


def found(extraction: Extraction, rule: str) -> set[str]:
    """What ``rule`` found in ``extraction``, as the strings the rows name."""
    family = rule.split(".")[0]
    meetings = extraction.meetings
    if family == "meeting":
        return {_names(extraction, m) for m in meetings if m.rule == rule}
    if family == "participant":
        return {
            extraction.entity(key).name
            for m in meetings
            for key, by in (
                *zip(m.participants, m.participant_rules, strict=True),
                *zip(m.parties, m.party_rules, strict=True),
            )
            if by == rule
        }
    if family == "status":
        return {f"{m.status}: {_names(extraction, m)}" for m in meetings if m.status_rule == rule}
    if family == "paragraph":
        return {",".join(str(p + 1) for p in m.paragraphs) for m in meetings}
    return {m.text for m in extraction.mentions if m.rule == rule} | {
        e.name for e in extraction.entities if rule in e.rules
    }


ROWS = (
    # -- people ---------------------------------------------------------------------------
    Row("person.classified-by", ("Burns spoke.",), "William J. Burns", {"classified_by": BURNS}),
    Row("person.title", ("DFM Titov met Ambassador Burns.",), "Titov"),
    Row("person.lower-title", ("Russian MFA negotiator Popov said so.",), "Popov"),
    Row(
        "person.title-apposition",
        ("Deputy Foreign Minister Vladimir Titov, Chairman of the Commission, spoke.",),
        "Vladimir Titov",
    ),
    Row(
        "person.apposition",
        (
            "Mikhail Margelov, Chairman of the Federation Council's International Affairs "
            "Committee, said he agreed.",
        ),
        "Mikhail Margelov",
    ),
    Row("person.given-name", ("We also saw Nadia Arbatova there.",), "Nadia Arbatova"),
    Row(
        "person.unknown-pair",
        ("The reform was opposed by reformers like Zorab Karroubi in the last election.",),
        "Zorab Karroubi",
    ),
    Row(
        "person.reference",
        ("DFM Titov met Burns. The Deputy Foreign Minister said the talks would go on.",),
        "Deputy Foreign Minister",
    ),
    Row("person.speaker", ("Kosachev said the Duma would act.",), "Kosachev"),
    Row("person.known-name", ("The visit came before the Putin era.",), "Putin"),
    Row("person.form-name", ("Name: WILLIAM, Roderick Anthony",), "WILLIAM, Roderick Anthony"),
    Row(
        "person.caps-listed",
        ("PARTICIPANTS:\nAHMET SAID, DIRECTOR GENERAL\nJOHN SMITH, AMBASSADOR",),
        "AHMET SAID",
    ),
    Row("person.caps-given-name", ("JOHN SMITH ARRIVED IN MOSCOW TODAY.",), "JOHN SMITH"),
    Row(
        "person.caps-chief",
        ("AMBASSADOR CALLED ON FOREIGN MINISTER OHIRA MAY 31.",),
        "AMBASSADOR",
        {"signature": "HODGSON", "origin": "Embassy Tokyo"},
    ),
    Row("person.caps-title", ("FOREIGN MINISTER OHIRA ARRIVED TODAY.",), "OHIRA"),
    Row("person.signature", ("Burns spoke.",), "BURNS", {"signature": "BURNS"}),
    Row("person.signature-tail", ("Titov spoke on May 3. End comment. VAN HORNE \\",), "VAN HORNE"),
    Row("person.tags", ("Mabus visits.",), "OVIP (MABUS, RAY)", {"tags": ("OVIP (MABUS, RAY)",)}),
    Row("person.routing-symbol", ("Text.",), "DESANTIS", routing="DEA FOR OEL/DESANTIS"),
    Row("person.routing-initial", ("Text.",), "S. AGUIRRE", routing="STATE FOR S. AGUIRRE"),
    Row("person.routing-titled", ("Text.",), "LIKENS", routing="STATE FOR NEA/I, DAS LIKENS"),
    Row("person.routing-word", ("Text.",), "ELKIND", routing="DEPT PASS TO DOE FOR ELKIND"),
    Row("person.routing-agency", ("Text.",), "ANN TOBIN", routing="STATE FOR ANN TOBIN OFAC"),
    Row("person.routing-split", ("Text.",), "JUDY GARBER", routing="STATE FOR JUDY GARBER EUR/NCE"),
    Row("person.routing-run-together", ("Text.",), "JWALDEN", routing="NSC FOR JWALDEN"),
    Row("person.routing-name", ("Text.",), "LAVINIA OSKARSON", routing="NSC FOR LAVINIA OSKARSON"),
    Row("person.surname", ("DFM Titov met Burns.", "The talks with Titov ended."), "Titov"),
    # -- organizations --------------------------------------------------------------------
    Row("org.post", ("Embassy Lisbon will follow up.",), "Embassy Lisbon"),
    Row("org.post-bare", ("Students visited the U.S. Embassy on Monday.",), "U.S. Embassy"),
    Row("org.known", ("The MFA said nothing.",), "MFA"),
    Row("org.government", ("Latvia and the GOL agreed.",), "GOL", {"origin": "Embassy Riga"}),
    Row(
        "org.government-two",
        ("The GONL will send two frigates.",),
        "GONL",
        {"origin": "Embassy The Hague"},
    ),
    Row(
        "org.department-caps",
        ("THE DEPARTMENT WILL REPLY TODAY.",),
        "DEPARTMENT",
    ),
    Row("org.department-opens", ("Department requests a reply.",), "Department"),
    Row("org.department", ("We asked the Department for guidance.",), "Department"),
    Row("org.office", ("EUR/RUS asked for a readout.",), "EUR/RUS"),
    Row(
        "org.keyword",
        ("Arbatov directs the Center for International Security in Moscow.",),
        "Center for International Security",
    ),
    Row(
        "org.defined",
        ("The Presidency of Meteorology and Environment (PME) issued a warning.",),
        "Presidency of Meteorology and Environment",
    ),
    Row(
        "org.defined-acronym",
        ("The Office of National Electoral Processes (ONPE) counted.", "ONPE will report."),
        "ONPE",
    ),
    Row("org.routing-state", ("Text.",), "STATE", routing="STATE FOR NEA/I"),
    Row("org.routing-office", ("Text.",), "DOE", routing="DEPT PASS TO DOE"),
    Row("org.routing-agency", ("Text.",), "NMFS", routing="COMMERCE FOR NMFS"),
    Row("org.routing-symbol", ("Text.",), "NEA/I", routing="STATE FOR NEA/I"),
    Row(
        "org.routing-post",
        ("Text.",),
        "AmConsul Adana",
        routing="AMEMBASSY ANKARA PASS TO AMCONSUL ADANA",
    ),
    Row(
        "org.routing-symbol-first",
        ("Text.",),
        "WHA/CEN",
        routing="STATE FOR WHA/CEN JOHN DOYLE",
    ),
    Row("org.acronym", ("SAARC will meet in Dhaka next month.",), "SAARC"),
    # -- places ---------------------------------------------------------------------------
    Row("place.known", ("Lavrov flew to Lisbon.",), "Lisbon"),
    Row("place.feature", ("Troops moved into Makkah Province last week.",), "Makkah Province"),
    # -- coreference ----------------------------------------------------------------------
    Row(
        "coref.full-name",
        ("William Burns met Titov.",),
        "William J. Burns",
        {"classified_by": BURNS},
    ),
    Row(
        "coref.name-variant",
        ("Hussein al-Jaburi spoke. Later Hussein al-Jabouri said more.",),
        "Hussein al-Jabouri",
    ),
    Row(
        "coref.name-tail",
        ("Minister Ahmed Karim Hallaf met PolOff.", "Karim Hallaf said the vote would wait."),
        "Ahmed Karim Hallaf",
    ),
    Row("coref.surname", ("DFM Vladimir Titov met Burns.", "Titov agreed."), "Vladimir Titov"),
    Row(
        "coref.given-name",
        ("General Hekmat Musa Salman spoke.", "Deputy Interior Minister Hekmat agreed."),
        "Hekmat Musa Salman",
    ),
    Row(
        "coref.surname-variant",
        ("Foreign Minister Maris Riekstins met Burns.", "FM Riesktins agreed."),
        "Maris Riekstins",
    ),
    Row(
        "coref.middle-name",
        ("Luiz Inacio Lula da Silva spoke.", "President Lula agreed."),
        "Luiz Inacio Lula da Silva",
    ),
    Row("coref.surname-alone", ("DFM Titov met Burns.",), "Titov"),
    Row(
        "coref.chief",
        ("The Ambassador met DFM Titov.",),
        "William J. Burns",
        {"classified_by": BURNS},
    ),
    Row(
        "coref.title-holder",
        ("DFM Titov met Burns. The Deputy Foreign Minister said the talks would go on.",),
        "Titov",
    ),
    Row(
        "coref.classifier-stem",
        ("Econcouns met Minister Kudrin on June 2.",),
        "Larry Memmott",
        {"classified_by": MEMMOTT},
    ),
    Row("coref.org-name", ("The Duma met.", "The Duma agreed."), "State Duma"),
    Row(
        "coref.short-form",
        (
            "The Arab League Follow-Up Committee met in Cairo.",
            "The Follow-Up Committee agreed.",
        ),
        "Arab League Follow-Up Committee",
    ),
    # -- meetings: the paragraph rules ----------------------------------------------------
    Row(
        "paragraph.closing",
        ("DFM Titov told Ambassador Burns that Russia would wait.", "Comment: Titov smiled."),
        "1",
    ),
    Row(
        "meeting.attendees",
        ("Participants:\nAmbassador William Burns\nDFM Vladimir Titov", "Titov spoke first."),
        "Vladimir Titov + William Burns",
    ),
    Row(
        "paragraph.side",
        ("Titov said he had met Foreign Minister Sergey Lavrov on February 2.",),
        "1",
    ),
    Row(
        "paragraph.side-list",
        (
            "U.S. Participants: Ambassador William Burns",
            "Russian Participants: DFM Vladimir Titov",
            "Titov spoke first.",
        ),
        "1,2,3",
    ),
    Row(
        "paragraph.listed-goes-on",
        ("Participants: Ambassador William Burns, DFM Vladimir Titov", "Titov spoke first."),
        "1,2",
    ),
    Row(
        "meeting.delegation",
        (
            "The U.S. delegation included Ambassador William Burns and Assistant Secretary "
            "Daniel Fried.",
        ),
        "Daniel Fried + William Burns",
    ),
    Row(
        "paragraph.cue",
        ("On February 9, Ambassador Burns met with DFM Titov.",),
        "1",
    ),
    Row(
        "paragraph.separate-turn",
        (
            "Separately, the Ambassador met with DFM Titov and FM Sergey Lavrov.",
            "Titov said Russia would wait.",
        ),
        "1,2",
        {"classified_by": BURNS},
    ),
    Row(
        "paragraph.another-encounter",
        (
            "On June 27, the Ambassador had breakfast with Senator Manlio Beltrones, who "
            "said the reform would pass.",
            "Paredes told Poloff on June 28 that protests would follow.",
        ),
        "2",
        {"origin": "Embassy Mexico", "created": datetime(2007, 7, 29), "signature": "GARZA"},
    ),
    Row(
        "paragraph.another-contact",
        (
            "Deputy Minister Olga Marin told Poloff that the ministry wants a Western buyer.",
            "Opposition leader Dainius Kerr told Poloff that the sale would be delayed.",
        ),
        "2",
    ),
    Row(
        "paragraph.continues",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            "Titov told the Ambassador that Russia would wait.",
        ),
        "1,2",
        {"classified_by": BURNS},
    ),
    Row(
        "meeting.exchange",
        ("Titov told Burns that Russia would wait. Burns replied that we would not.",),
        "Burns + Titov",
    ),
    # -- meetings: what a cue opens -------------------------------------------------------
    Row(
        "paragraph.cue-continues",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            "At the meeting, Titov told Burns that Russia would wait.",
        ),
        "1,2",
    ),
    Row(
        "meeting.recalled",
        (
            "On May 4, Ambassador Burns met with President Dana Ilescu.",
            "Ilescu told Burns that the reform would pass. Then he recalled his meeting with "
            "President Karl Whitby in Vienna.",
        ),
        "Dana Ilescu + Karl Whitby",
        {"classified_by": BURNS},
    ),
    Row(
        "meeting.dated-guests",
        (
            "Special Envoy George Mitchell met President Mahmoud Abbas in Ramallah on "
            "February 9 and Prime Minister Benjamin Netanyahu in Jerusalem on February 10.",
        ),
        "George Mitchell + Mahmoud Abbas",
        {"origin": "Secretary of State", "created": datetime(2010, 2, 14)},
    ),
    Row(
        "meeting.plural",
        ("Separately, the Ambassador met with DFM Titov and FM Sergey Lavrov.",),
        "Sergey Lavrov + William J. Burns",
        {"classified_by": BURNS},
    ),
    Row("meeting.cue", ("On February 9, Ambassador Burns met with DFM Titov.",), "Burns + Titov"),
    Row(
        "meeting.separate-cue",
        (
            "On February 9, Poloff met with DFM Titov. In a separate meeting, Poloff met "
            "with Deputy Minister Sergey Kislyak.",
        ),
        "Embassy Moscow + Sergey Kislyak",
    ),
    # -- meetings: encounters of others ---------------------------------------------------
    Row(
        "meeting.reported-speech",
        (
            "Baloi said President Armando Guebuza had spoken by telephone with Thabo Mbeki "
            "on February 8.",
        ),
        "Armando Guebuza + Thabo Mbeki",
        {"created": datetime(2010, 2, 14)},
    ),
    Row(
        "meeting.earlier-address",
        (
            "AMBASSADOR CALLED ON FOREIGN MINISTER OHIRA MAY 31. OHIRA REPLIED THAT THE PARTY "
            "HAD ORGANIZED IT. HE HAD TOLD PRIME MINISTER TANAKA THAT IT SHOULD WAIT.",
        ),
        "Ohira + Tanaka",
        {"origin": "Embassy Tokyo", "created": datetime(1974, 6, 1), "signature": "HODGSON"},
    ),
    Row(
        "meeting.to-meet",
        (
            "Senator Afonso Dhlakama said the vote was stolen. He plans to meet President "
            "Guebuza after the elections.",
        ),
        "Afonso Dhlakama + Guebuza",
    ),
    Row(
        "meeting.action-request",
        (
            "Embassy Amman is requested to deliver the points in paragraph 3 to Foreign "
            "Minister Salah al-Bashir no later than June 16 and report the response.",
        ),
        "Embassy Amman + Salah al-Bashir",
        {"origin": "Secretary of State", "created": datetime(2008, 6, 10), "signature": "RICE"},
    ),
    # -- participants ---------------------------------------------------------------------
    Row("participant.listed", ("On February 9, Ambassador Burns met with DFM Titov.",), "Titov"),
    Row(
        "participant.officers",
        ("Poloff met with Minister Ali Hussein on June 2.",),
        "Embassy Amman",
        {"origin": "Embassy Amman"},
    ),
    Row(
        "participant.redacted",
        ("Poloff met with XXXXXXXXXXXX on August 28 in Mae Sot.",),
        "redacted source",
        {"origin": "Consulate Chiang Mai"},
    ),
    Row(
        "participant.teller",
        ("Senator Afonso Dhlakama spoke first. He met with President Guebuza on May 2.",),
        "Afonso Dhlakama",
    ),
    Row(
        "participant.visitor",
        (
            "Mr. Secretary, your visit comes at a time of growing trust. Your schedule "
            "includes meetings with President Nguyen Minh Triet and Deputy Prime Minister "
            "Pham Gia Khiem.",
        ),
        "Ray Mabus",
        {"origin": "Embassy Hanoi", "tags": ("PREL", "OVIP (MABUS, RAY)")},
    ),
    Row(
        "participant.interactions",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            "Titov said FM Sergey Lavrov told Burns that Russia would wait.",
        ),
        "Sergey Lavrov",
    ),
    Row(
        "participant.companions",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            "Titov was accompanied by MFA Director Oleg Ivanov.",
        ),
        "Oleg Ivanov",
    ),
    Row(
        "meeting.quoted",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            'Titov sighed. "First the elections, then his meeting with President Ivan Kolev, '
            'and now this."',
        ),
        "Ivan Kolev",
    ),
    Row(
        "status.others",
        (
            "On February 9, Ambassador Burns met with DFM Titov.",
            "In his February 2 meeting with President Ivan Kolev, FM Petr Orlov raised trade.",
        ),
        "reported: Ivan Kolev + Petr Orlov",
        {"signature": "BURNS"},
    ),
    Row(
        "coref.chief-title",
        ("Charge told FM Titov that Washington would wait.",),
        "William J. Burns",
        {"classified_by": BURNS},
    ),
    Row(
        "participant.post-chief",
        ("On February 9, ConGen met with Governor Ivan Petrov.",),
        "Dale",
        {"origin": "Consulate Vladivostok", "signature": "DALE"},
    ),
    Row(
        "participant.delegation",
        (
            "The U.S. delegation included Ambassador William Burns and Assistant Secretary "
            "Daniel Fried.",
            "On February 9, Fried met with DFM Vladimir Titov.",
        ),
        "William Burns",
    ),
    Row(
        "participant.attendees",
        ("Participants:\nAmbassador William Burns\nDFM Vladimir Titov", "Titov spoke first."),
        "Vladimir Titov",
    ),
    Row(
        "participant.reported-speech",
        (
            "Baloi said President Armando Guebuza had spoken by telephone with Thabo Mbeki "
            "on February 8.",
        ),
        "Thabo Mbeki",
        {"created": datetime(2010, 2, 14)},
    ),
    Row(
        "participant.earlier-address",
        (
            "AMBASSADOR CALLED ON FOREIGN MINISTER OHIRA MAY 31. OHIRA REPLIED THAT THE PARTY "
            "HAD ORGANIZED IT. HE HAD TOLD PRIME MINISTER TANAKA THAT IT SHOULD WAIT.",
        ),
        "Tanaka",
        {"origin": "Embassy Tokyo", "created": datetime(1974, 6, 1), "signature": "HODGSON"},
    ),
    Row(
        "participant.to-meet",
        ("Titov is to meet FM Sergey Lavrov on March 3.",),
        "Sergey Lavrov",
    ),
    Row(
        "participant.post",
        (
            "Embassy Amman is requested to deliver the points in paragraph 3 to Foreign "
            "Minister Salah al-Bashir no later than June 16 and report the response.",
        ),
        "Embassy Amman",
        {"origin": "Secretary of State", "created": datetime(2008, 6, 10), "signature": "RICE"},
    ),
    Row(
        "participant.addressee",
        (
            "Embassy Amman is requested to deliver the points in paragraph 3 to Foreign "
            "Minister Salah al-Bashir no later than June 16 and report the response.",
        ),
        "Salah al-Bashir",
        {"origin": "Secretary of State", "created": datetime(2008, 6, 10), "signature": "RICE"},
    ),
    # -- status ---------------------------------------------------------------------------
    Row(
        "status.addressed",
        (
            "Mr. Secretary, your visit comes at a time of growing trust. Your schedule "
            "includes meetings with President Nguyen Minh Triet and Deputy Prime Minister "
            "Pham Gia Khiem.",
        ),
        "planned: Nguyen Minh Triet + Ray Mabus",
        {"origin": "Embassy Hanoi", "tags": ("PREL", "OVIP (MABUS, RAY)")},
    ),
    Row(
        "status.planned",
        ("Ambassador Burns will meet with DFM Titov on March 3.",),
        "planned: Burns + Titov",
    ),
    Row(
        "status.held",
        ("On February 9, Ambassador Burns met with DFM Titov.",),
        "held: Burns + Titov",
    ),
    Row(
        "status.reported",
        (
            "Baloi said President Armando Guebuza had spoken by telephone with Thabo Mbeki "
            "on February 8.",
        ),
        "reported: Armando Guebuza + Thabo Mbeki",
        {"created": datetime(2010, 2, 14)},
    ),
)


@pytest.mark.parametrize("row", ROWS, ids=[row.rule for row in ROWS])
def test_rule_finds_its_row(row: Row) -> None:
    extraction = extract(row.cable())
    assert row.finds in found(extraction, row.rule)


def test_every_rule_has_a_row() -> None:
    rules = list(every_rule())
    assert len(rules) == len(set(rules)), "a rule name is used twice"
    assert set(rules) - {row.rule for row in ROWS} == set()
    assert {row.rule for row in ROWS} - set(rules) == set(), "a row names no rule"
