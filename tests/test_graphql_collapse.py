"""Identical GraphQL operations in flight at once share one execution (api.gql.collapse),
over a store served read-only only, and never across views of the store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from api.gql.collapse import Collapse, operation_key
from kg.store import Store


def test_requests_for_one_operation_in_flight_share_its_execution() -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        collapse = Collapse()
        release = asyncio.Event()
        ran: list[str] = []

        async def work() -> str:
            ran.append("ran")
            await release.wait()
            return "answer"

        first = asyncio.create_task(collapse.run("same", work))
        await asyncio.sleep(0)  # the first is in flight
        others = [asyncio.create_task(collapse.run("same", work)) for _ in range(9)]
        other_key = asyncio.create_task(collapse.run("other", work))
        await asyncio.sleep(0)
        assert collapse.in_flight == 2
        release.set()
        answers = await asyncio.gather(first, *others, other_key)
        assert collapse.in_flight == 0
        return ran, answers

    ran, answers = asyncio.run(scenario())
    assert ran == ["ran", "ran"]  # once for "same", once for "other"
    assert answers == ["answer"] * 11


def test_an_error_reaches_every_request_that_shared_it_and_is_not_kept() -> None:
    async def scenario() -> list[BaseException | str]:
        collapse = Collapse()
        release = asyncio.Event()

        async def failing() -> str:
            await release.wait()
            raise ValueError("no")

        async def succeeding() -> str:
            return "answer"

        tasks = [asyncio.create_task(collapse.run("k", failing)) for _ in range(3)]
        await asyncio.sleep(0)
        release.set()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        return [*outcomes, await collapse.run("k", succeeding)]  # a new execution

    *errors, after = asyncio.run(scenario())
    assert all(isinstance(error, ValueError) for error in errors)
    assert after == "answer"


def test_nothing_is_shared_without_a_key() -> None:
    async def scenario() -> int:
        collapse = Collapse()
        ran: list[int] = []

        async def work() -> int:
            ran.append(1)
            await asyncio.sleep(0)
            return len(ran)

        await asyncio.gather(*(collapse.run(None, work) for _ in range(5)))
        return len(ran)

    assert asyncio.run(scenario()) == 5


def test_only_a_read_only_store_shares_and_each_view_apart(tmp_path: Path) -> None:
    assert operation_key(Store(), "{ a }", None, None, False, "json") is None  # takes writes
    Store(tmp_path / "store")  # created, for a reader beside it
    store = Store(tmp_path / "store", read_only=True)
    key = operation_key(store, "{ a }", None, {"x": 1}, False, "json")
    assert key is not None
    assert key == operation_key(store, "{ a }", None, {"x": 1}, False, "json")
    assert key != operation_key(store, "{ a }", None, {"x": 2}, False, "json")
    assert key != operation_key(store, "{ a }", None, {"x": 1}, True, "json")
    # The key holds its view itself, not its id: a view let go after a refresh could leave
    # its address to a later one while a flight over it is still keyed by it.
    assert any(part is store.oxigraph for part in key)
    store.oxigraph = Store(tmp_path / "store", read_only=True).oxigraph  # as refresh() does
    assert key != operation_key(store, "{ a }", None, {"x": 1}, False, "json")


@pytest.mark.parametrize("variables", [{"x": float("nan")}, {"x": object()}])
def test_variables_that_are_not_json_are_never_shared(tmp_path: Path, variables: object) -> None:
    Store(tmp_path / "store")
    store = Store(tmp_path / "store", read_only=True)
    if isinstance(variables["x"], float):  # type: ignore[index]
        assert operation_key(store, "{ a }", variables) is not None  # NaN is spelled NaN
    else:
        assert operation_key(store, "{ a }", variables) is None
