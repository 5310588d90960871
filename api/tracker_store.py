"""Rasa's SQL tracker store, telling the request that saved a tracker what it saved.

After a turn the service needs the conversation's state (findings, status) to store its
assessment. Reading the tracker back would load and replay every event of the
conversation a second time per turn; instead the store hands the request the tracker it
has just written. The value lives in a context variable, so it belongs to the one request
(asyncio task) that saved it and nothing conversation-specific outlives the request.
"""
from __future__ import annotations

from contextvars import ContextVar

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

_saved: ContextVar[DialogueStateTracker | None] = ContextVar("saved_tracker", default=None)


class RecordingSQLTrackerStore(SQLTrackerStore):
    """An SQLTrackerStore that records, for the current request, the tracker it saved."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        _saved.set(tracker)


def saved_tracker(sender: str) -> DialogueStateTracker | None:
    """The tracker of `sender` that this request saved last, if any."""
    tracker = _saved.get()
    return tracker if tracker is not None and tracker.sender_id == sender else None
