"""The project's error types, one hierarchy, each with the input it is about and a way out.

    KGError
     +-- InputError            bad input from a user's file; the batch goes on
     |    +-- FormatError      no reader recognizes the file or record
     |    +-- RecordError      one record cannot be parsed into a cable
     +-- QueryError            a SPARQL or saved query is malformed or misused
     |    +-- UnknownQuery     no saved query of that name
     |    +-- ParameterError   a saved query's parameter is missing or unknown
     +-- StoreError            the store cannot be opened, read or written
     |    +-- ReadOnlyError    a write was attempted on a read-only endpoint or store
     |    +-- StoreWriteError  the disk or the server will not take writes (full, failing):
     |                         the batch stops, what was committed stays
     |    +-- StoreChangedError a writer beside a read-only reader moved files under a query:
     |                         asking again answers
     +-- ConfigError           a setting is invalid

The web app maps these to HTTP statuses in ``api/app.py``; the CLI to exit codes in
``kg/cli.py``.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of every error the project raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(KGError):
    """Bad input in a user's file."""

    exit_code = 2


class FormatError(InputError):
    """No reader recognizes a file or record."""

    def __init__(self, source: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {message}", hint=hint)
        self.source = source


class RecordError(InputError):
    """One record cannot be parsed into a cable."""

    def __init__(
        self,
        source: str,
        position: int,
        message: str,
        *,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        at = f", line {line}" if line is not None else ""
        super().__init__(f"{source}, record {position}{at}: {message}", hint=hint)
        self.source = source
        self.position = position
        self.line = line
        self.reason = message


class QueryError(KGError):
    """A query is malformed or misused."""

    exit_code = 2


class UnknownQuery(QueryError):  # noqa: N818 (reads as the situation, like KeyError's kin)
    """No saved query has that name."""


class ParameterError(QueryError):
    """A saved query's parameter is missing, unknown or of the wrong type."""


class StoreError(KGError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class StoreWriteError(StoreError):
    """The store cannot take writes at all (a full disk, an I/O failure): not the fault of
    one record, so an ingest stops here instead of rejecting every record after it."""


class StoreChangedError(StoreError):
    """A read-only handle found files a writer beside it had compacted away; the view is
    reopened, so the same question asked again is answered."""


class ReadOnlyError(StoreError):
    """A write was attempted where writes are off."""


class ConfigError(KGError):
    """A setting is invalid."""

    exit_code = 2
