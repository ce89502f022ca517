"""Fixtures shared by the whole suite: where the bundled cables are, and stores built of them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "seed" / "000_4c5649af93180561.txt"
SAMPLE = DATA / "sample"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The archive page the project started from: four Moscow cables of 2007-02-13."""
    return SEED


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """30 real cables in four formats (WikiLeaks HTML, raw telegrams, JSON lines)."""
    return SAMPLE


@pytest.fixture(scope="session")
def manifest() -> list[dict[str, str]]:
    """``data/sample/manifest.csv``: reference ID, created, classification, origin per cable."""
    with (SAMPLE / "manifest.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def seed_store() -> Store:
    """The four seed cables ingested into an in-memory store, without identity links.

    Shared by the whole run: a test that writes to a store builds its own.
    """
    store = Store()
    report = ingest([str(SEED)], store)
    assert report.ingested == 4
    return store
