"""Damaged input never crashes a reader or the parser: a Cable, or an error with a message."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import FormatError, RecordError
from kg.model import FORMATS, Cable, RawRecord
from kg.parse import parse
from kg.sources import detect, read, write_record
from kg.sources.archive import read_archive
from kg.sources.csvdump import read_csv
from kg.sources.html import read_html
from kg.sources.jsonl import read_jsonl
from kg.sources.telegram import read_telegrams

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SEED = (ROOT / "data" / "seed" / "000_4c5649af93180561.txt").read_text("utf-8")
PAGE = (SAMPLE / "wikileaks_cablegate_html/cable/2008/08/08RIGA472.html").read_text("utf-8")
TELEGRAM = (SAMPLE / "plusd_pdf_text/09PARIS1052.txt").read_bytes().decode("cp1252")
JSONL = (SAMPLE / "mongo_jsonl/baghdad_2004-2005_excerpt.jsonl").read_text("utf-8")


def _csv_text() -> str:
    out = io.StringIO()
    for number, record in enumerate(read_telegrams(TELEGRAM, "t.txt"), 1):
        write_record(out, record, parse(record), record_id=number)
    return out.getvalue()


CSV = _csv_text()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """``text`` cut short, with lines shuffled, dropped or replaced by garbage."""
    lines = text.split("\n")
    kind = draw(st.sampled_from(["truncate", "shuffle", "garbage", "drop", "splice"]))
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "shuffle":
        return "\n".join(draw(st.permutations(lines)))
    if kind == "drop":
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        return "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    junk = draw(st.text(min_size=0, max_size=200))
    at = draw(st.integers(0, len(text)))
    if kind == "garbage":
        return text[:at] + junk + text[at + len(junk) :]
    return text[:at] + junk + text[at:]


def _parse(record: RawRecord) -> Cable | RecordError:
    try:
        return parse(record)
    except RecordError as exc:
        return exc


def _detect(data: bytes, name: str) -> FormatError | None:
    try:
        detect(data, name=name)
    except FormatError as exc:
        return exc
    return None


def _check(items: Iterable[RawRecord | RecordError]) -> None:
    for item in items:
        if isinstance(item, RecordError):
            assert str(item)
            continue
        assert isinstance(item, RawRecord)
        outcome = _parse(item)
        if isinstance(outcome, RecordError):
            assert outcome.message
            assert outcome.source == item.source
        else:
            assert outcome.reference_id
            assert [p.index for p in outcome.paragraphs] == list(range(len(outcome.paragraphs)))


@SETTINGS
@given(damaged(SEED))
def test_archive_reader(text: str) -> None:
    _check(read_archive(text.split("\n"), "page.txt"))


@SETTINGS
@given(damaged(PAGE))
def test_html_reader(text: str) -> None:
    _check([read_html(text, "page.html")])


@SETTINGS
@given(damaged(TELEGRAM))
def test_telegram_reader(text: str) -> None:
    _check(read_telegrams(text, "t.txt"))


@SETTINGS
@given(damaged(JSONL))
def test_jsonl_reader(text: str) -> None:
    _check(read_jsonl(text.split("\n"), "x.jsonl"))


@SETTINGS
@given(damaged(CSV))
def test_csv_reader(text: str) -> None:
    _check(read_csv(io.StringIO(text, newline=""), "cables.csv"))


@SETTINGS
@given(
    st.sampled_from(FORMATS),
    st.text(max_size=400),
    st.dictionaries(
        st.sampled_from(["reference_id", "created", "classification", "origin", "header", "body"]),
        st.text(max_size=80),
    ),
)
def test_parse_any_record(format: str, text: str, fields: dict[str, str]) -> None:
    record = RawRecord("any", 1, format, text, fields=fields)  # type: ignore[arg-type]
    _check([record])


@SETTINGS
@given(st.sampled_from([SEED, PAGE, TELEGRAM, JSONL, CSV]).flatmap(damaged))
def test_read_detects_or_refuses(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        refused = _detect(path.read_bytes(), str(path))
        if refused is not None:
            assert str(path) in str(refused)
            return
        _check(read(path))
