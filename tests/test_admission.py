"""The queue in front of the workers: wait in turn, refuse only past the bound or the wait.

Every test here is ordered by events, never by how fast the machine is: the only clock
bound is a queue wait that no slot can ever satisfy.
"""

from __future__ import annotations

import asyncio
import threading

import pytest

from api.admission import Admission
from api.errors import BusyError


async def settle() -> None:
    """Let every ready callback and task on the loop run."""
    for _ in range(5):
        await asyncio.sleep(0)


def run(coroutine: object) -> None:
    asyncio.run(coroutine)  # type: ignore[arg-type]


def test_work_past_the_slots_waits_and_is_served_in_arrival_order() -> None:
    async def main() -> None:
        admission = Admission(slots=1, queue=10, wait=60)
        await admission.acquire()
        served: list[int] = []

        async def request(number: int) -> None:
            await admission.acquire()
            served.append(number)

        tasks = [asyncio.create_task(request(n)) for n in range(3)]
        await settle()
        assert served == []
        assert admission.waiting == 3
        for expected in ([0], [0, 1], [0, 1, 2]):
            admission.release()
            await settle()
            assert served == expected
        await asyncio.gather(*tasks)
        assert admission.waiting == 0
        assert admission.free == 0

    run(main())


def test_past_the_queue_bound_a_request_is_refused_at_once() -> None:
    async def main() -> None:
        admission = Admission(slots=1, queue=1, wait=60, what="query")
        await admission.acquire()
        waiter = asyncio.create_task(admission.acquire())
        await settle()
        with pytest.raises(BusyError, match="1 requests are already waiting"):
            await admission.acquire()
        admission.release()
        await waiter  # the one in the queue still gets its turn

    run(main())


def test_a_queue_of_none_refuses_whenever_every_slot_is_taken() -> None:
    async def main() -> None:
        admission = Admission(slots=2, queue=0, wait=60)
        await admission.acquire()
        await admission.acquire()
        with pytest.raises(BusyError, match="all 2 query workers are busy"):
            await admission.acquire()

    run(main())


def test_past_the_wait_a_request_is_refused_and_leaves_the_queue() -> None:
    async def main() -> None:
        admission = Admission(slots=1, queue=5, wait=0.01)
        await admission.acquire()  # never released: no slot can come
        with pytest.raises(BusyError, match=r"no slot came free within 0\.01 s"):
            await admission.acquire()
        assert admission.waiting == 0
        admission.release()
        assert admission.free == 1  # the slot went back to the pool, not to the gone waiter

    run(main())


def test_a_cancelled_waiter_loses_no_slot() -> None:
    async def main() -> None:
        admission = Admission(slots=1, queue=5, wait=60)
        await admission.acquire()
        gone = asyncio.create_task(admission.acquire())
        stays = asyncio.create_task(admission.acquire())
        await settle()
        gone.cancel()
        with pytest.raises(asyncio.CancelledError):
            await gone
        assert admission.waiting == 1
        admission.release()
        await stays
        admission.release()
        assert admission.free == 1

    run(main())


def test_a_slot_handed_to_a_waiter_that_just_gave_up_goes_to_the_next() -> None:
    async def main() -> None:
        admission = Admission(slots=1, queue=5, wait=60)
        await admission.acquire()
        first = asyncio.create_task(admission.acquire())
        second = asyncio.create_task(admission.acquire())
        await settle()
        admission.release()  # handed to `first`, whose grant has not run yet
        first.cancel()
        with pytest.raises(asyncio.CancelledError):
            await first
        await second  # the slot `first` gave up reached `second`
        assert admission.waiting == 0
        assert admission.free == 0

    run(main())


def test_worker_threads_release_slots_to_waiters_on_the_loop() -> None:
    async def main() -> None:
        admission = Admission(slots=2, queue=100, wait=60)
        held = threading.Event()
        results: list[int] = []

        async def request(number: int) -> None:
            await admission.acquire()
            finished = asyncio.Event()
            loop = asyncio.get_running_loop()

            def work() -> None:
                held.wait()
                results.append(number)
                admission.release()
                loop.call_soon_threadsafe(finished.set)

            threading.Thread(target=work, daemon=True).start()
            await finished.wait()

        tasks = [asyncio.create_task(request(n)) for n in range(50)]
        await settle()
        assert admission.waiting == 48
        held.set()
        await asyncio.gather(*tasks)
        assert sorted(results) == list(range(50))
        assert admission.free == 2
        assert admission.waiting == 0

    run(main())
