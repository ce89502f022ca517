"""Finding files, telling formats from content, splitting records, writing the CSV layout."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from kg.errors import FormatError, RecordError
from kg.model import Cable, RawRecord
from kg.parse import parse
from kg.sources import detect, expand, read, write_record, write_row
from kg.sources.csvdump import COLUMNS
from kg.sources.jsonl import read_jsonl

HTML = "wikileaks_cablegate_html/cable"


def records(path: Path | str) -> list[RawRecord | RecordError]:
    return list(read(path))


# -- detection -------------------------------------------------------------------------


def test_detects_every_sample_format(sample_dir: Path, seed_path: Path) -> None:
    assert detect(seed_path.read_bytes()) == "archive"
    assert detect((sample_dir / HTML / "2008/08/08RIGA472.html").read_bytes()) == "html"
    assert detect((sample_dir / "plusd_pdf_text/07KINGSTON382.txt").read_bytes()) == "telegram"
    jsonl = sample_dir / "mongo_jsonl/baghdad_2004-2005_excerpt.jsonl"
    assert detect(jsonl.read_bytes()) == "jsonl"


def test_detection_reads_content_not_the_extension(tmp_path: Path, sample_dir: Path) -> None:
    disguised = tmp_path / "cable.txt"
    shutil.copy(sample_dir / HTML / "2008/08/08RIGA472.html", disguised)
    assert [r.format for r in records(disguised) if isinstance(r, RawRecord)] == ["html"]
    telegram = tmp_path / "telegram.html"
    shutil.copy(sample_dir / "plusd_pdf_text/09PARIS1052.txt", telegram)
    assert [r.format for r in records(telegram) if isinstance(r, RawRecord)] == ["telegram"]


def test_a_truncated_first_json_line_is_still_json_lines() -> None:
    assert detect('{"_id": "", "origin": "Embassy Baghdad", "body": "S E C R E T') == "jsonl"


def test_undetectable_content_raises_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="not a cable format") as caught:
        detect("set,format,local_path\nsample,html,x.html\n", name="manifest.csv")
    assert caught.value.hint is not None
    assert "manifest.csv" in str(caught.value)
    odd = tmp_path / "notes.txt"
    odd.write_text("shopping list: eggs, milk\n")
    with pytest.raises(FormatError, match=r"notes\.txt"):
        list(read(odd))


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "x.dat"
    path.write_text("UNCLAS KINGSTON 000382\n\nE.O. 12958: N/A\n")
    assert [r.format for r in records(path) if isinstance(r, RawRecord)] == ["telegram"]
    assert [r.format for r in read(path, format="telegram") if isinstance(r, RawRecord)] == [
        "telegram"
    ]


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot open"):
        list(read(tmp_path / "nope.txt"))


# -- expand ----------------------------------------------------------------------------


def test_expand_folder_takes_cable_files_only(sample_dir: Path) -> None:
    found = list(expand([str(sample_dir)]))
    assert len(found) == 27  # 24 pages, 2 telegrams, 1 JSON-lines file; no manifest.csv
    assert all(isinstance(p, Path) and p.name != "manifest.csv" for p in found)


def test_expand_skips_hidden_files_and_takes_globs(tmp_path: Path, sample_dir: Path) -> None:
    shutil.copy(sample_dir / "plusd_pdf_text/07KINGSTON382.txt", tmp_path / "a.txt")
    (tmp_path / ".cache").mkdir()
    shutil.copy(sample_dir / "plusd_pdf_text/09PARIS1052.txt", tmp_path / ".cache/b.txt")
    shutil.copy(sample_dir / "plusd_pdf_text/09PARIS1052.txt", tmp_path / ".c.txt")
    assert list(expand([str(tmp_path)])) == [tmp_path / "a.txt"]
    assert list(expand([str(tmp_path / "*.txt")])) == [tmp_path / "a.txt"]
    assert list(expand(["-"])) == ["-"]
    # A file named outright is passed on even when it is no cable, for read() to report.
    assert list(expand([str(tmp_path / "missing.txt")])) == [tmp_path / "missing.txt"]


def test_read_standard_input(monkeypatch: pytest.MonkeyPatch, sample_dir: Path) -> None:
    data = (sample_dir / "plusd_pdf_text/07KINGSTON382.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    (record,) = records("-")
    assert isinstance(record, RawRecord)
    assert record.source == "<stdin>"
    assert parse(record).reference_id == "07KINGSTON382"


# -- archive, HTML, telegram -----------------------------------------------------------


def test_archive_records_carry_the_release_table(seed_path: Path) -> None:
    first = records(seed_path)[0]
    assert isinstance(first, RawRecord)
    assert first.fields["reference_id"] == "07MOSCOW629"
    assert first.fields["created"] == "2007-02-13 14:45"
    assert first.fields["classification"] == "CONFIDENTIAL"
    assert first.fields["origin"] == "Embassy Moscow"
    assert first.fields["header"].startswith("VZCZCXYZ0000")
    assert first.fields["body"].startswith("C O N F I D E N T I A L MOSCOW 000629")
    assert first.text.splitlines()[-1] == "Wikileaks"


def test_archive_classification_with_spaces(tmp_path: Path, seed_path: Path) -> None:
    text = seed_path.read_text("utf-8").replace(
        "07MOSCOW629 2007-02-13 14:45 2011-08-30 01:44 CONFIDENTIAL Embassy Moscow",
        "07MOSCOW629 2007-02-13 14:45 2011-08-30 01:44 UNCLASSIFIED//FOR OFFICIAL USE ONLY "
        "Secretary of State",
    )
    path = tmp_path / "page.txt"
    path.write_text(text)
    first = records(path)[0]
    assert isinstance(first, RawRecord)
    assert first.fields["classification"] == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    assert first.fields["origin"] == "Secretary of State"


def test_archive_bad_table_row_is_a_record_error_and_reading_goes_on(
    tmp_path: Path, seed_path: Path
) -> None:
    text = seed_path.read_text("utf-8").replace(
        "07MOSCOW628 2007-02-13 14:39 2011-08-30 01:44 CONFIDENTIAL Embassy Moscow", "garbled"
    )
    path = tmp_path / "page.txt"
    path.write_text(text)
    out = records(path)
    assert [type(r).__name__ for r in out] == ["RawRecord", "RecordError", "RawRecord", "RawRecord"]
    error = out[1]
    assert isinstance(error, RecordError)
    assert error.position == 2
    assert error.line is not None
    assert "page.txt" in str(error)
    assert "release table row" in str(error)


def test_archive_without_titles_and_with_the_table_on_one_line(
    tmp_path: Path, seed_path: Path
) -> None:
    lines = [
        line
        for line in seed_path.read_text("utf-8").splitlines()
        if not line.startswith(("07MOSCOW62", "Wikileaks")) or " 2007-02-13 " in line
    ]
    text = "\n".join(lines).replace("Origin\n07MOSCOW628 2007", "Origin 07MOSCOW628 2007")
    path = tmp_path / "page.txt"
    path.write_text(text)
    out = [r for r in records(path) if isinstance(r, RawRecord)]
    assert [parse(r).reference_id for r in out] == [
        "07MOSCOW629",
        "07MOSCOW628",
        "07MOSCOW627",
        "07MOSCOW626",
    ]
    assert len(parse(out[1]).paragraphs) == 16


def test_html_trusts_link_text_over_title_attributes(sample_dir: Path) -> None:
    # The RIGA page's classification link says title='unclassified'; its text is right.
    (record,) = records(sample_dir / HTML / "2008/08/08RIGA472.html")
    assert isinstance(record, RawRecord)
    assert record.fields["classification"] == "CONFIDENTIAL"
    assert record.fields["header"].startswith("VZCZCXRO8474\nOO RUEHFL")
    assert "<a" not in record.fields["body"]
    assert "TAGS: PREL MOPS ENRG NATO EUN RS GG LG" in record.fields["body"]


def test_html_page_without_cable_is_a_record_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body><h3>Browse latest releases</h3></body></html>")
    (error,) = records(path)
    assert isinstance(error, RecordError)
    assert "no <table class='cable'>" in str(error)


def test_telegram_file_is_one_record(sample_dir: Path) -> None:
    (record,) = records(sample_dir / "plusd_pdf_text/07KINGSTON382.txt")
    assert isinstance(record, RawRecord)
    assert record.format == "telegram"
    assert record.fields == {}
    assert "\r" not in record.text


# -- JSON lines ------------------------------------------------------------------------


def test_jsonl_invalid_lines_become_record_errors(tmp_path: Path, sample_dir: Path) -> None:
    lines = (sample_dir / "mongo_jsonl/baghdad_2004-2005_excerpt.jsonl").read_text().splitlines()
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [lines[0], '{"origin": "Embassy X", "body": "unterminated', "", "[1, 2]", lines[1]]
        )
        + "\n"
    )
    out = records(path)
    assert [type(r).__name__ for r in out] == [
        "RawRecord",
        "RecordError",
        "RecordError",
        "RawRecord",
    ]
    bad = out[1]
    assert isinstance(bad, RecordError)
    assert bad.line == 2
    assert "invalid JSON" in str(bad)
    assert bad.hint is not None
    assert isinstance(out[2], RecordError)
    assert out[2].line == 4
    good = out[3]
    assert isinstance(good, RawRecord)
    assert good.line == 5
    assert good.fields["references"] == "05BAGHDAD2746|05BAGHDAD2860"
    assert "reference_id" not in good.fields


# -- cables.csv ------------------------------------------------------------------------

ROW = (
    '"1","12/28/1966 18:48","66MOSCOW1","Embassy Moscow","UNCLASSIFIED",'
    '"72MOSCOW1603|72TEHRAN1091","R 281848Z DEC 66\nFM AMEMBASSY MOSCOW\nTO SECSTATE WASHDC 1",'
    '"UNCLASSIFIED MOSCOW 0001\n\nSUBJECT: A \\"QUOTED\\" WORD\n\n1. THE TEXT.\n\nKOHLER"\n'
)


def test_csv_reads_backslash_escapes_and_multiline_fields(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text(ROW + ROW.replace('"1",', '"2",', 1))
    out = records(path)
    assert [r.position for r in out] == [1, 2]
    assert [r.line for r in out] == [1, ROW.count("\n") + 1]
    first = out[0]
    assert isinstance(first, RawRecord)
    assert first.format == "csv"
    assert first.fields["reference_id"] == "66MOSCOW1"
    assert first.fields["created"] == "12/28/1966 18:48"
    assert first.fields["references"] == "72MOSCOW1603|72TEHRAN1091"
    assert first.fields["body"].splitlines()[2] == 'SUBJECT: A "QUOTED" WORD'
    cable = parse(first)
    assert cable.subject == 'A "QUOTED" WORD'
    assert cable.signature == "KOHLER"


def test_csv_row_with_wrong_column_count(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text('"1","2","3"\n' + ROW)
    out = list(read(path, format="csv"))
    assert isinstance(out[0], RecordError)
    assert "expected 8 columns, found 3" in str(out[0])
    assert isinstance(out[1], RawRecord)


def test_write_row_layout() -> None:
    out = io.StringIO()
    write_row(
        out,
        record_id=7,
        created=None,
        reference_id="07MOSCOW628",
        origin="Embassy Moscow",
        classification="CONFIDENTIAL",
        references=["07STATE15283"],
        header="",
        body='say "no"\nBURNS',
    )
    assert out.getvalue() == (
        '"7","","07MOSCOW628","Embassy Moscow","CONFIDENTIAL","07STATE15283","",'
        '"say \\"no\\"\nBURNS"\n'
    )
    assert len(COLUMNS) == 8


def _comparable(cable: Cable) -> tuple[object, ...]:
    """Every field a cable should keep whichever container it came in."""
    return (
        cable.reference_id,
        cable.created,
        cable.classification,
        cable.origin,
        cable.tags,
        cable.routing.to if cable.routing else None,
        cable.routing.info if cable.routing else None,
        cable.routing.sent if cable.routing else None,
        cable.banner,
        cable.executive_order,
        cable.declassify_on,
        cable.references,
        cable.reference_text,
        cable.classified_by,
        cable.paragraphs,
        cable.signature,
        cable.body,
        cable.partial,
    )


def test_csv_round_trip_of_every_sample_cable(
    tmp_path: Path, sample_dir: Path, seed_path: Path
) -> None:
    originals: list[tuple[RawRecord, Cable]] = []
    for path in [seed_path, *expand([str(sample_dir)])]:
        for record in read(path):
            assert isinstance(record, RawRecord)
            originals.append((record, parse(record)))
    dump = tmp_path / "cables.csv"
    with dump.open("w", encoding="utf-8", newline="") as out:
        for number, (record, cable) in enumerate(originals, 1):
            write_record(out, record, cable, record_id=number)
    back = list(read(dump))
    assert len(back) == len(originals) == 34
    for (_, original), record in zip(originals, back, strict=True):
        assert isinstance(record, RawRecord)
        again = parse(record)
        assert again.provenance.format == "csv"
        if original.subject:  # pages can take a lost subject from their title line
            assert again.subject == original.subject
        assert _comparable(again) == _comparable(original), original.reference_id


def test_jsonl_round_trips_through_the_export_layout(tmp_path: Path, sample_dir: Path) -> None:
    (record,) = [
        r for r in read(sample_dir / HTML / "2009/11/09CAIRO2205.html") if isinstance(r, RawRecord)
    ]
    cable = parse(record)
    # The export collapsed newlines to double spaces.
    collapsed = "  ".join(line.strip() for line in record.fields["body"].splitlines())
    path = tmp_path / "one.jsonl"
    row = {
        "_id": "|".join(r.cable_id or "" for r in cable.references),
        "origin": cable.origin,
        "date_time": "11/25/2009 14:02",
        "classification": cable.classification,
        "body": collapsed,
    }
    path.write_text(json.dumps(row) + "\n")
    (back,) = records(path)
    assert isinstance(back, RawRecord)
    again = parse(back)
    assert again.reference_id == "09CAIRO2205"
    assert again.subject == cable.subject
    assert again.tags == cable.tags
    assert [p.number for p in again.paragraphs] == [p.number for p in cable.paragraphs]
    assert [p.text for p in again.paragraphs] == [p.text for p in cable.paragraphs]


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("[1, 2]", "found: a JSON array, not an object"),
        ("null", "found: a JSON null, not an object"),
        ('{"origin": "Embassy X", "date_time": "1/2/2009 10:00"}', "found: origin, date_time"),
        ('{"origin": "Embassy X", "body": 3}', "found: origin, body (a number, not a string)"),
        ("{}", "found: no keys"),
    ],
)
def test_jsonl_object_without_a_body_names_the_keys(line: str, found: str) -> None:
    (error,) = read_jsonl([line], "x.jsonl")
    assert isinstance(error, RecordError)
    assert error.hint is not None
    assert error.hint.startswith("expected keys: origin, date_time, classification, body, _id; ")
    assert error.hint.endswith(found)
