"""Rasa's SQL tracker store with two savings per turn, both safe across replicas.

1. A validated tracker cache. Rasa loads every event of a conversation and replays them
   into a tracker on every turn, so a turn costs more the longer the conversation. This
   store keeps the last tracker it loaded or saved per conversation and reuses it only if
   the database still ends at the same event and the tracker holds exactly the events
   stored. One indexed `max(id)` query per turn decides; another replica's writes (or a
   deleted conversation) change it and force a reload. The cache is only a shortcut:
   nothing conversation-specific is kept that the database does not have.
2. The request that saved a tracker can read it back without a reload (`saved_tracker`),
   for the assessment stored after each turn. It lives in a context variable, so it
   belongs to the one request (asyncio task) that saved it.
"""
from __future__ import annotations

from collections import OrderedDict
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from api.db import engine_options

_saved: ContextVar[DialogueStateTracker | None] = ContextVar("saved_tracker", default=None)


class CachingSQLTrackerStore(SQLTrackerStore):
    """An SQLTrackerStore with a validated tracker cache (see the module docstring)."""

    def __init__(self, *args: Any, cache_size: int = 256, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = engine_options(str(self.engine.url))
        if options:  # Rasa's engine for a SQLite file has no pool (see engine_options)
            self.engine.dispose()
            self.engine = sa.create_engine(self.engine.url, **options)
            self.sessionmaker.configure(bind=self.engine)
        self.cache_size = cache_size
        # sender -> (id of the last stored event, number of events, tracker)
        self._cache: OrderedDict[str, tuple[int, int, DialogueStateTracker]] = OrderedDict()

    def _last_event_id(self, sender_id: str) -> int | None:
        with self.session_scope() as session:
            return session.query(sa.func.max(self.SQLEvent.id)).filter(
                self.SQLEvent.sender_id == sender_id).scalar()

    def _remember(self, sender_id: str, last_id: int | None,
                  tracker: DialogueStateTracker) -> None:
        if last_id is None:
            self._cache.pop(sender_id, None)
            return
        self._cache[sender_id] = (last_id, len(tracker.events), tracker)
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        last_id = self._last_event_id(sender_id)
        cached = self._cache.get(sender_id)
        if cached and last_id is not None and cached[0] == last_id \
                and cached[1] == len(cached[2].events):
            self._cache.move_to_end(sender_id)
            return cached[2]
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(sender_id, last_id, tracker)
        else:
            self._cache.pop(sender_id, None)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        _saved.set(tracker)
        # Only a tracker equal to what `retrieve` would load may be reused, and Rasa's
        # retrieve starts at the latest `session_started`: the turn that starts a session
        # also holds the events before it (which the next save would count differently).
        events = tracker.events
        if events and isinstance(events[0], SessionStarted):
            self._remember(tracker.sender_id, self._last_event_id(tracker.sender_id), tracker)
        else:
            self._cache.pop(tracker.sender_id, None)


def saved_tracker(sender: str) -> DialogueStateTracker | None:
    """The tracker of `sender` that this request saved last, if any."""
    tracker = _saved.get()
    return tracker if tracker is not None and tracker.sender_id == sender else None
