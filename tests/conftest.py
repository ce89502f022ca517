"""Fixtures shared by the whole suite: where the bundled cables are, and stores built of them."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.link import relink
from kg.store import Store
from tests.builders import cable_store, fixture_store

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts a real HTTP server counts as slow: ``make test-quick`` leaves it."""
    for item in items:
        if item.get_closest_marker("server") is not None:
            item.add_marker(pytest.mark.slow)


def _seed() -> Store:
    store = Store()
    report = ingest([str(SEED)], store)
    assert report.ingested == 4
    return store


#: The stores a module may ask for with ``pytestmark = pytest.mark.store(kind)``.
STORES: dict[str, Callable[[], Store]] = {
    "seed": _seed,  # the four seed cables, ingested, no identity links
    "sample": cable_store,  # two hand-written cables (tests/builders.py), for HTTP
    "graphql": fixture_store,  # the GraphQL fixture, tests/data/graphql_fixture.trig
}


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest) -> Store:
    """The store the module names with ``pytest.mark.store(kind)``, built once per module
    and shared by its tests: a test that writes makes a store of its own."""
    marker = request.node.get_closest_marker("store")
    if marker is None:
        raise pytest.UsageError(f"{request.node.name}: say which store: pytest.mark.store(kind)")
    return STORES[marker.args[0]]()


@pytest.fixture(scope="session")
def seed_store() -> Store:
    """The four seed cables ingested into an in-memory store, without identity links.

    Shared by the whole run: a test that writes to a store builds its own.
    """
    return _seed()


@pytest.fixture(scope="session")
def linked_seed_store() -> Store:
    """The four seed cables ingested and linked (``kg link``); shared, never written to."""
    store = _seed()
    relink(store)
    return store
