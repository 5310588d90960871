"""The agent's work on an event loop of its own, in a thread of its own.

Reading a message (Rasa's NLU, the form's validation, the triage engine) is CPU-bound
Python: run on the server's event loop, one hostile 60 KB message held up every other
request, `/health` included, for most of a second. Here the agent's coroutines run on a
second loop in a worker thread; the server's loop only awaits their results, so it keeps
answering while a turn computes (Python switches threads every few milliseconds).
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class TurnWorker:
    """One daemon thread running an asyncio loop; `run` hands it a coroutine."""

    def __init__(self, name: str = "heavylegs-turns") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """The coroutine's result, computed on the worker's loop."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        return await asyncio.wrap_future(future)

    def stop(self) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
