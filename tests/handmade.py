"""Small cables built by hand in tests: paragraphs from strings, the rest from keywords."""

from __future__ import annotations

from datetime import datetime

from kg.model import Cable, ClassifiedBy, Paragraph, Provenance


def hand_cable(
    *texts: str,
    reference_id: str = "07TEST1",
    origin: str | None = "Embassy Moscow",
    created: datetime | None = datetime(2007, 2, 13, 14, 0),
    classified_by: ClassifiedBy | None = None,
    signature: str | None = None,
    subject: str | None = None,
    tags: tuple[str, ...] = (),
) -> Cable:
    """A cable whose numbered paragraphs are ``texts``, in order."""
    paragraphs = tuple(Paragraph(index=i, text=text, number=i + 1) for i, text in enumerate(texts))
    return Cable(
        reference_id=reference_id,
        provenance=Provenance("test", 1, "archive", "0" * 64),
        raw="\n".join(texts),
        created=created,
        origin=origin,
        subject=subject,
        tags=tags,
        classified_by=classified_by,
        paragraphs=paragraphs,
        signature=signature,
        body="\n\n".join(texts),
    )
