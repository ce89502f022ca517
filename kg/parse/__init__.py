"""Parse raw records into Cables: header fields, routing, paragraphs, dirt repaired.

``parse`` is pure: it takes a RawRecord and returns a Cable or raises RecordError.
"""

from kg.parse.cable import parse
from kg.parse.refids import canonical_reference_id, cite, make_reference_id

__all__ = ["canonical_reference_id", "cite", "make_reference_id", "parse"]
