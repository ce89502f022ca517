"""Mutated real files through every reader, the parser and the extraction: no crash, and
every record accounted for (a record, or an error value naming the file and the record).

The mutations are hypothesis's: bytes cut, doubled, swapped for others, spliced in from
another file, at places it chooses and shrinks when something breaks.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import FormatError, KGError, RecordError
from kg.extract import extract
from kg.model import RawRecord
from kg.parse import parse
from kg.sources import read

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = {
    "archive": DATA / "seed" / "000_4c5649af93180561.txt",
    "html": next((DATA / "sample" / "wikileaks_cablegate_html").rglob("*.html")),
    "telegram": next((DATA / "sample" / "plusd_pdf_text").glob("*.txt")),
    "jsonl": next((DATA / "sample" / "mongo_jsonl").glob("*.jsonl")),
}
SPLICE = b'"\\<>&#x000A;\r\n\x00\xff\xfe SUBJECT: TAGS: REF: CLASSIFIED BY: \xc2\xb6 , "" '

mutation = st.tuples(
    st.floats(min_value=0, max_value=1),
    st.sampled_from(["cut", "double", "insert", "replace"]),
    st.integers(min_value=1, max_value=400),
    st.binary(max_size=40) | st.sampled_from([SPLICE, b"\n\n\n", b'"', b"<pre>", b"</pre>"]),
)


def mutate(data: bytes, edits: list[tuple[float, str, int, bytes]]) -> bytes:
    for where, how, size, piece in edits:
        at = int(where * len(data))
        if how == "cut":
            data = data[:at] + data[at + size :]
        elif how == "double":
            data = data[:at] + data[at : at + size] * 2 + data[at + size :]
        elif how == "insert":
            data = data[:at] + piece + data[at:]
        else:
            data = data[:at] + piece + data[at + len(piece) :]
    return data


def run_everything(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutated{suffix}"
        path.write_bytes(data)
        try:
            records = list(read(path))
        except FormatError:
            return  # a file in no format we know: refused whole, with its name
        for item in records:
            assert isinstance(item, RawRecord | RecordError)
            assert str(path) in str(item.source if isinstance(item, RawRecord) else item)
            if isinstance(item, RecordError):
                continue
            assert item.position >= 1
            try:
                cable = parse(item)
            except KGError:  # RecordError and kin: a reason, not a crash
                continue
            extract(cable)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(kind=st.sampled_from(sorted(SAMPLES)), edits=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_files_never_crash_a_stage(
    kind: str, edits: list[tuple[float, str, int, bytes]]
) -> None:
    sample = SAMPLES[kind]
    run_everything(mutate(sample.read_bytes(), edits), sample.suffix)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl"]))
def test_any_bytes_are_read_or_refused(data: bytes, suffix: str) -> None:
    run_everything(data, suffix)
