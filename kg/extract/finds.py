"""What an extractor reports before coreference: a span of text and what it looks like.

Extractors are plain callables ``Cable -> Iterable[Find]``. A find is not yet an entity:
``coref`` merges finds into entities ("DFM Titov", "Titov" and "Vladimir Titov" are one
person) and turns each find into a :class:`kg.model.Mention`.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from kg.model import EntityKind, Field


@dataclass(frozen=True, slots=True)
class Find:
    """One span that names (or refers to) an entity."""

    kind: EntityKind
    text: str  # the surface form, as written
    start: int
    end: int
    paragraph: int | None
    field: Field
    name: str  # the name it gives, titles stripped, in normal case
    title: str | None = None  # expanded title: Deputy Foreign Minister
    organization: str | None = None  # organization named with the title
    country: str | None = None  # FIPS code
    code: str | None = None  # acronym, FIPS or TAGS code
    subtype: str | None = None
    scheme: str | None = None  # for topics
    refers: str | None = (
        None  # a reference without a name: "chief", "title:Deputy Foreign Minister"
    )
    clause_end: int | None = None  # end of an apposition that follows the name
    confidence: float = 1.0
    # the name of the rule that made the find ("person.title"); not part of what is found
    rule: str = dataclass_field(default="", compare=False)

    def __hash__(self) -> int:
        # finds key the coreference tables: hashing four fields is enough, and quicker
        return hash((self.start, self.end, self.paragraph, self.name))

    @property
    def span(self) -> tuple[int | None, str, int, int]:
        return (self.paragraph, self.field, self.start, self.end)
