"""People, organizations and places across the genre: classes found by reading what the
rules give on cables of many posts and decades, each fixed by a named rule or a data row.

Each row is a small cable written in the genre's style (invented, not taken from any
annotated cable): the names it must give and the names it must not give, per kind.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kg.extract import extract
from kg.model import Cable, EntityKind, Extraction, Paragraph, Provenance


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    kind: EntityKind
    found: frozenset[str]
    not_found: frozenset[str] = frozenset()
    routing: str | None = None
    rule: str | None = None  # a rule that must have found one of ``found``

    def cable(self) -> Cable:
        paragraphs = (Paragraph(index=0, text=self.text, number=1),)
        body = self.text
        if self.routing is not None and self.routing.startswith("SUBJECT:"):
            body = f"E.O. 12958: N/A\nTAGS: PREL\n{self.routing}\n\n1. {self.text}"
        elif self.routing is not None:
            body = f"{self.routing}\n\nE.O. 12958: N/A\n\n{self.text}"
        return Cable(
            reference_id="08GENRE2",
            provenance=Provenance("test", 1, "archive", "0" * 64),
            raw=body,
            origin="Embassy Lisbon",
            paragraphs=paragraphs,
            body=body,
        )


def case(
    id: str,
    text: str,
    kind: EntityKind,
    found: set[str],
    not_found: set[str] | None = None,
    *,
    routing: str | None = None,
    rule: str | None = None,
) -> Case:
    return Case(id, text, kind, frozenset(found), frozenset(not_found or ()), routing, rule)


PLAIN = "The minister said the review would be ready in May."

CASES = (
    # -- routing lines: an agency's acronym beside an officer's name ends the name -------
    case(
        "routing-acronym-after-name",
        PLAIN,
        "person",
        {"Deena Parker"},
        {"Deena Parker Ofac"},
        routing="TREASURY FOR DEENA PARKER OFAC",
        rule="person.routing-agency",
    ),
    case(
        "routing-acronym-after-name-org",
        PLAIN,
        "organization",
        {"OFAC"},
        routing="TREASURY FOR DEENA PARKER OFAC",
        rule="org.routing-agency",
    ),
    case(
        "routing-acronym-before-name",
        PLAIN,
        "person",
        {"Szubin"},
        {"Ofac Szubin"},
        routing="TREASURY FOR OFAC SZUBIN",
    ),
    case(
        "routing-acronym-after-run-together",
        PLAIN,
        "person",
        {"J. Webb"},
        {"Jwebb Epa"},
        routing="EPA FOR JWEBB EPA",
    ),
    case(
        "routing-acronym-after-full-name",
        PLAIN,
        "person",
        {"George Kerestes"},
        {"George Kerestes Nrc"},
        routing="NRC FOR GEORGE KERESTES NRC",
    ),
    case(
        "routing-acronym-alone",
        PLAIN,
        "organization",
        {"NMFS"},
        routing="COMMERCE FOR NMFS",
        rule="org.routing-agency",
    ),
    case(
        "routing-surname-that-is-an-acronym",
        PLAIN,
        "person",
        {"Michael Smart", "Bruce Ohr"},
        {"Michael"},
        routing="STATE FOR EUR/WE MICHAEL SMART AND BRUCE OHR",
    ),
    case(
        "routing-two-offices-run-on",
        PLAIN,
        "organization",
        {"PTO/OLIA", "Department of the Treasury"},
        routing="USDOC ALSO PASS PTO/OLIA TREASURY FOR OASIA",
    ),
    case(
        "routing-mail-code-before-symbol",
        PLAIN,
        "organization",
        {"ITA/MAC/OLAC"},
        {"4332/ITA/MAC/OLAC"},
        routing="USDOC FOR 4332/ITA/MAC/OLAC",
    ),
    case(
        "routing-agency-in-capitals",
        PLAIN,
        "organization",
        {"Export-Import Bank"},
        routing="STATE PASS EXIMBANK",
    ),
    case(
        "routing-after-the-subject",
        PLAIN,
        "person",
        {"Marta Lindqvist", "Werner"},
        routing="SUBJECT: (U) THE SECRETARY'S MEETING WITH THE SPEAKER\n\n"
        "NSC FOR MARTA LINDQVIST AND WERNER",
    ),
    case(
        "routing-after-the-subject-only-an-addressee",
        PLAIN,
        "person",
        set(),
        {"Law Enforcement Action"},
        routing="SUBJECT: URIBE TIES;\n\nURIBE CALLS FOR LAW ENFORCEMENT ACTION",
    ),
    case(
        "routing-letter-cut-off-is-no-office",
        PLAIN,
        "organization",
        set(),
        {"D"},
        routing="USDOC FOR 4332/ITA/MAC/OLAC D",
    ),
    case(
        "routing-city-is-no-agency",
        PLAIN,
        "organization",
        set(),
        {"DOHA"},
        routing="STATE PASS TO DOHA",
    ),
    # -- cities of the world (world_cities.tsv): places, and no speaker or name pair --------
    case(
        "world-city-places",
        "Traders from Kaduna said the market in Port Harcourt had reopened; Mannheim hosts it.",
        "place",
        {"Kaduna", "Port Harcourt", "Mannheim"},
        rule="place.known",
    ),
    case(
        "world-city-no-speaker",
        "Sirte said nothing for a week, and then the governor spoke to the press.",
        "person",
        set(),
        {"Sirte"},
    ),
    case(
        "world-city-not-over-a-person",
        "The envoy, Ambassador Harold Stolberg, said the talks would resume in Tskhinvali.",
        "person",
        {"Harold Stolberg"},
        {"Tskhinvali"},
    ),
    # -- things and common words taken for people (capwords.txt, name_runs._THING_OPENERS) --
    case(
        "newspaper-with-article",
        "The story ran in La Nacion and in El Tiempo on the same day, as critics noted.",
        "person",
        set(),
        {"La Nacion", "El Tiempo"},
    ),
    case(
        "place-with-opener",
        "Investors in Nuevo Leon and traders near Puerto Iguazu were worried about the rules.",
        "person",
        set(),
        {"Nuevo Leon", "Puerto Iguazu"},
    ),
    case(
        "particle-surname-kept",
        "The minister said that Le Pen would gain from the strike, and few were surprised.",
        "person",
        {"Le Pen"},
    ),
    case(
        "plural-speakers",
        "Interlocutors stressed the cost of the plan. Analysts said the vote was close.",
        "person",
        set(),
        {"Interlocutors", "Analysts"},
    ),
    case(
        "two-word-things",
        "The ministry published a White Paper on Transnational Organized Crime last week.",
        "person",
        set(),
        {"White Paper", "Transnational Organized Crime", "Organized Crime"},
    ),
    case(
        "exercise-names",
        "The navy held Eagle Resolve with its allies, and the Blue Lantern checks went on.",
        "person",
        set(),
        {"Eagle Resolve", "Blue Lantern"},
    ),
    # -- bodies named bare (organizations_genre.tsv): organizations, not speakers ----------
    case(
        "ministry-by-its-palace",
        "Itamaraty said the summit would go ahead, and the minister confirmed it on Monday.",
        "organization",
        {"Brazilian Ministry of External Relations"},
        rule="org.known",
    ),
    case(
        "ministry-by-its-palace-no-person",
        "Itamaraty said the summit would go ahead, and the minister confirmed it on Monday.",
        "person",
        set(),
        {"Itamaraty"},
    ),
    case(
        "company-two-words",
        "A banker at Merrill Lynch told us that Norilsk Nickel would not sell the plant.",
        "organization",
        {"Merrill Lynch", "Norilsk Nickel"},
    ),
    case(
        "newspaper-organization",
        "An editorial in La Nacion argued that the court had gone too far on the matter.",
        "organization",
        {"La Nacion"},
    ),
    # -- subject lines in capitals: a headline word ends a name (caps_stopwords.txt) --------
    case(
        "caps-headline-verb",
        "PRESIDENT SONIA GANDHI OPENS THE SESSION; FIDEL CASTRO DEPARTS HAVANA.",
        "person",
        {"Sonia Gandhi", "Fidel Castro"},
        {"Sonia Gandhi Opens", "Fidel Castro Departs"},
    ),
    case(
        "caps-headline-adjective",
        "FM OPTIMISTIC ON TALKS; MUAMMAR AL-QADHAFI QUIETLY RETURNS TO SIRTE.",
        "person",
        set(),
        {"Optimistic", "Muammar al-Qadhafi Quietly"},
    ),
    # -- boundaries of organization names (org_phrases.py) ---------------------------------
    case(
        "org-office-holder-in-name",
        "Officials of the Office of the High Commissioner for Human Rights visited the camp.",
        "organization",
        {"Office of the High Commissioner for Human Rights"},
        {"Office of the High"},
    ),
    case(
        "org-listed-fields",
        "The Ministry of Justice, Security and Human Rights rejected the request on Monday.",
        "organization",
        {"Ministry of Justice, Security and Human Rights"},
    ),
    case(
        "org-group-possessive",
        "The People's Liberation Army and the Workers' Party held a joint rally.",
        "organization",
        {"People's Liberation Army", "Workers' Party"},
        {"Liberation Army"},
    ),
    case(
        "org-title-then-person",
        "A letter from the Administration of the President George W. Bush was read aloud.",
        "person",
        {"George W. Bush"},
    ),
    # -- name pairs with a common word are things (common_words.txt) -----------------------
    case(
        "pair-with-common-word",
        "He said the Drugs Board and the Fire Marshall had inspected the Polo Sport depot.",
        "person",
        set(),
        {"Drugs Board", "Fire Marshall", "Polo Sport"},
    ),
    case(
        "pair-with-particle-kept",
        "The report said that Osama bin Laden had been seen near the border in March.",
        "person",
        {"Osama bin Laden"},
    ),
    # -- given names of the genre (first_names.txt) --------------------------------------------
    case(
        "given-name-of-the-genre",
        "The meeting was attended by Oliver Letwin and by Hossam Bahgat, who spoke first.",
        "person",
        {"Oliver Letwin", "Hossam Bahgat"},
    ),
    case(
        "second-given-name-after-particle",
        "The talks with Hamad bin Isa Al Khalifa and his aides went on for two hours.",
        "person",
        {"Hamad bin Isa Al Khalifa"},
        {"Hamad bin"},
    ),
    # -- regions the genre names bare (places.tsv) -----------------------------------------
    case(
        "region-places",
        "Farmers in Pernambuco and Gujarat, and traders in Lombardy, felt the drought.",
        "place",
        {"Pernambuco", "Gujarat", "Lombardy"},
    ),
    case(
        "region-no-speaker",
        "Catalonia said it would hold the vote, and Somaliland stressed its own claims.",
        "person",
        set(),
        {"Catalonia", "Somaliland"},
    ),
)


def _names(extraction: Extraction, kind: EntityKind) -> set[str]:
    return {e.name for e in extraction.entities if e.kind == kind}


@pytest.mark.parametrize("row", CASES, ids=[c.id for c in CASES])
def test_genre_entities(row: Case) -> None:
    extraction = extract(row.cable())
    names = _names(extraction, row.kind)
    assert row.found <= names, f"missing {sorted(row.found - names)} in {sorted(names)}"
    assert not (row.not_found & names), f"false {sorted(row.not_found & names)}"
    if row.rule is not None:
        rules = {r for e in extraction.entities if e.name in row.found for r in e.rules}
        assert row.rule in rules, f"{row.rule} not among {sorted(rules)}"
