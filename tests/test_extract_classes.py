"""Rule classes met on cables from other posts and decades: one small cable each."""

from __future__ import annotations

from datetime import datetime

from kg.extract import extract
from kg.extract.names import normal_case
from kg.model import Cable, Extraction, Paragraph, Provenance


def _cable(
    *texts: str,
    origin: str = "Embassy Ankara",
    created: datetime | None = datetime(1975, 6, 10),
    signature: str | None = None,
    subject: str | None = None,
    tags: tuple[str, ...] = (),
) -> Cable:
    paragraphs = tuple(Paragraph(index=i, text=text, number=i + 1) for i, text in enumerate(texts))
    return Cable(
        reference_id="75TEST1",
        provenance=Provenance("test", 1, "archive", "0" * 64),
        raw="\n".join(texts),
        created=created,
        origin=origin,
        subject=subject,
        tags=tags,
        paragraphs=paragraphs,
        signature=signature,
        body="\n\n".join(texts),
    )


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
