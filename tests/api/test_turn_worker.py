"""The agent's work runs on the worker thread, so the server's event loop stays free."""
from __future__ import annotations

import asyncio
import threading
import time
from types import SimpleNamespace

from api.assistant import Assistant
from api.turn_worker import TurnWorker


def busy(seconds: float) -> int:
    """CPU-bound Python, like reading a long message."""
    spins, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        spins += 1
    return spins


def test_a_coroutine_runs_on_the_worker_thread_and_gives_its_result():
    worker = TurnWorker()

    async def where() -> int:
        return threading.get_ident()

    try:
        assert asyncio.run(worker.run(where())) != threading.get_ident()
    finally:
        worker.stop()


def test_the_callers_loop_keeps_running_while_the_worker_computes():
    worker = TurnWorker()

    async def heavy() -> int:
        return busy(0.5)

    async def main() -> int:
        ticks = 0
        turn = asyncio.ensure_future(worker.run(heavy()))
        while not turn.done():
            await asyncio.sleep(0.01)
            ticks += 1
        await turn
        return ticks

    try:
        ticks = asyncio.run(main())
    finally:
        worker.stop()
    # On the caller's own loop the busy half second would allow no tick at all.
    assert ticks >= 10, ticks


def test_the_assistant_hands_each_turn_to_its_worker():
    threads: list[int] = []

    async def handle_message(message) -> None:
        threads.append(threading.get_ident())
        await message.output_channel.send_text_message(message.sender_id, "hello")

    async def retrieve(sender: str) -> None:
        threads.append(threading.get_ident())

    agent = SimpleNamespace(handle_message=handle_message,
                            tracker_store=SimpleNamespace(retrieve=retrieve))
    assistant = Assistant(agent)
    try:
        replies, state = asyncio.run(assistant.turn("someone", "hi"))
    finally:
        assistant.close()
    assert replies == [{"recipient_id": "someone", "text": "hello"}] and state is None
    assert len(threads) == 2 and threading.get_ident() not in threads
    assert set(threads) == {assistant.worker._thread.ident}
