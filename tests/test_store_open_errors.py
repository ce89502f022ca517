"""A store that will not open says why: another writer, a full disk, a read-only folder."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import kg.store.oxigraph
from kg.errors import StoreError
from kg.store import Store


def test_a_store_held_by_a_writer_says_so(tmp_path: Path) -> None:
    first = Store(tmp_path / "s")
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "s")
    assert "another process is writing to it" in str(caught.value)
    del first


def test_a_read_only_handle_opens_beside_the_writer(tmp_path: Path) -> None:
    writer = Store(tmp_path / "s")
    reader = Store(tmp_path / "s", read_only=True)
    assert reader.read_only
    del reader, writer


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the folder cannot be written"),
        (errno.EACCES, "the folder cannot be written"),
        (errno.EIO, "check the folder"),
    ],
)
def test_other_failures_are_named_for_what_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    class Failing:
        def __init__(self, path: str) -> None:
            raise OSError(code, "simulated")

    monkeypatch.setattr(kg.store.oxigraph.ox, "Store", Failing)
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "s")
    assert words in str(caught.value)
    assert "another process" not in str(caught.value)
