"""A killed export never leaves a file that looks complete, and a rerun writes the same
file as an export never interrupted.

``kg export -o FILE`` writes ``FILE.partial`` and renames it to ``FILE`` once whole. The
export runs in a subprocess and is killed with SIGKILL (no clean-up of any kind) once
``FILE.partial`` holds data: "midway" is decided by the file, not by the clock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from kg import cli

ROOT = Path(__file__).resolve().parent.parent
CABLES = 60  # about 10 MB of N-Quads: the export is well under way when it is killed


def export_command(store: Path, target: Path) -> list[str]:
    return [
        sys.executable, "-m", "kg.cli", "--store", str(store),
        "export", "--format", "nquads", "-o", str(target),
    ]  # fmt: skip


@pytest.mark.slow
def test_sigkill_mid_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "cables.csv", CABLES)
    store = tmp_path / "store"
    assert cli.main(["--store", str(store), "ingest", str(corpus)]) == 0
    reference = tmp_path / "reference.nq"
    assert (
        cli.main(["--store", str(store), "export", "--format", "nquads", "-o", str(reference)]) == 0
    )
    capsys.readouterr()

    target = tmp_path / "out" / "cables.nq"
    target.parent.mkdir()
    partial = target.with_name(target.name + ".partial")
    process = subprocess.Popen(
        export_command(store, target),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = 0
    while process.poll() is None:  # watch the file, not the clock
        seen = partial.stat().st_size if partial.exists() else 0
        if seen > 0:
            process.send_signal(signal.SIGKILL)
            break
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the export ended before it could be killed"
    assert 0 < seen < reference.stat().st_size

    # Nothing at the target: what was written lies aside, named for what it is.
    assert not target.exists()
    assert [p.name for p in target.parent.iterdir()] == [partial.name]

    # The rerun writes over what the killed export left, and the same file as before.
    rerun = subprocess.run(
        export_command(store, target),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    assert (rerun.returncode, rerun.stderr) == (0, b"")
    assert target.read_bytes() == reference.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == [target.name]
