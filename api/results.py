"""Writing query answers over HTTP: SELECT solutions, ASK booleans, CONSTRUCT/DESCRIBE triples.

Booleans and triples go through pyoxigraph's own serializers. SELECT solutions are
written one solution at a time by the project's one results writer (``kg.results``, also
behind ``kg query``), because pyoxigraph's results serializer consumes the whole iterator
in one call: writing them ourselves is what lets the deadline and the row cap be checked
between solutions (``capped``); tests read the output back with pyoxigraph's parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any, cast

import pyoxigraph as ox

from api.negotiation import OX_RDF_FORMATS, OX_RESULTS_FORMATS, Format
from api.runner import Deadline, Output
from kg import results
from kg.errors import StoreError


def capped(items: Iterable[Any], deadline: Deadline, limit: int | None) -> Iterator[Any]:
    """``items`` up to ``limit``, checking the deadline before each one.

    Oxigraph evaluates lazily, so a store failure can surface here, mid-answer: it is
    raised as the project's StoreError, not as a bare OSError.
    """
    iterator = iter(items)
    count = 0
    while limit is None or count < limit:
        deadline.check()
        try:
            item = next(iterator)
        except StopIteration:
            return
        except OSError as error:
            raise StoreError(f"the store failed while answering: {error}") from error
        yield item
        count += 1


def write_boolean(answer: ox.QueryBoolean, fmt: Format, out: Output) -> None:
    out.write(answer.serialize(format=OX_RESULTS_FORMATS[fmt.name]) or b"")


def write_triples(
    triples: Iterable[ox.Triple] | Iterable[ox.Quad],
    fmt: Format,
    out: Output,
    *,
    prefixes: dict[str, str] | None = None,
) -> None:
    # pyoxigraph only calls write() and flush(), which is all Output promises.
    output = cast(IO[bytes], out)
    ox.serialize(triples, output, OX_RDF_FORMATS[fmt.name], prefixes=prefixes or None)


def write_solutions(solutions: Any, fmt: Format, out: Output, rows: Iterable[Any]) -> None:
    """Write SELECT ``rows`` (taken from ``solutions``, which names the variables) with the
    project's one results writer (``kg.results``)."""
    names = [variable.value for variable in solutions.variables]
    results.write_solutions(names, rows, fmt.name, out)
