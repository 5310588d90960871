"""Rasa's SQL tracker store with two savings per turn, both safe across replicas.

1. A validated tracker cache. Rasa loads every event of a conversation and replays them
   into a tracker on every turn, so a turn costs more the longer the conversation. This
   store keeps the last tracker it loaded or saved per conversation and reuses it only if
   the database still ends at the same event and the tracker holds exactly the events
   stored. One indexed query per turn (the id and timestamp of the newest event) decides;
   another replica's writes (or a deleted conversation) change it and force a reload. The
   timestamp matters because SQLite gives the ids of deleted rows out again: a conversation
   deleted and started afresh can end at the very id the deleted one ended at. The cache
   is only a shortcut: nothing conversation-specific is kept that the database does not
   have, and `forget` drops a deleted conversation from it at once.
2. The request that saved a tracker can read it back without a reload (`saved_tracker`),
   for the assessment stored after each turn. It lives in a context variable, so it
   belongs to the one request (asyncio task) that saved it.
"""
from __future__ import annotations

from collections import OrderedDict
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from api.db import engine_options

LastEvent = tuple[int, float | None]  # id and timestamp of a conversation's newest event
_saved: ContextVar[DialogueStateTracker | None] = ContextVar("saved_tracker", default=None)


class CachingSQLTrackerStore(SQLTrackerStore):
    """An SQLTrackerStore with a validated tracker cache (see the module docstring)."""

    def __init__(self, *args: Any, cache_size: int = 256, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        options = engine_options(url.render_as_string(hide_password=False))
        if options:  # Rasa's engine lacks the pool or the pre-ping (see engine_options)
            self.engine.dispose()
            self.engine = sa.create_engine(url, **create_engine_kwargs(url), **options)
            self.sessionmaker.configure(bind=self.engine)
        self.cache_size = cache_size
        # sender -> ((id, timestamp) of the last stored event, number of events, tracker)
        self._cache: OrderedDict[str, tuple[LastEvent, int, DialogueStateTracker]] = OrderedDict()

    def _last_event(self, sender_id: str) -> LastEvent | None:
        with self.session_scope() as session:
            newest = session.query(sa.func.max(self.SQLEvent.id)).filter(
                self.SQLEvent.sender_id == sender_id).scalar_subquery()
            row = session.query(self.SQLEvent.id, self.SQLEvent.timestamp).filter(
                self.SQLEvent.id == newest).first()
            return (row[0], row[1]) if row else None

    def _remember(self, sender_id: str, last: LastEvent | None,
                  tracker: DialogueStateTracker) -> None:
        if last is None:
            self._cache.pop(sender_id, None)
            return
        self._cache[sender_id] = (last, len(tracker.events), tracker)
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        """Drops the conversation from the cache (it was deleted)."""
        self._cache.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        last = self._last_event(sender_id)
        cached = self._cache.get(sender_id)
        if cached and last is not None and cached[0] == last \
                and cached[1] == len(cached[2].events):
            self._cache.move_to_end(sender_id)
            return cached[2]
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(sender_id, last, tracker)
        else:
            self._cache.pop(sender_id, None)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        _saved.set(tracker)
        # Only a tracker equal to what `retrieve` would load may be reused, and Rasa's
        # retrieve starts at the latest `session_started`: a tracker that also holds events
        # before it (the turn that started a session, e.g. `/session_start` mid-conversation)
        # would make the next save count the stored events wrongly and store some again.
        events = tracker.events
        sessions = sum(isinstance(event, SessionStarted) for event in events)
        if events and isinstance(events[0], SessionStarted) and sessions == 1:
            self._remember(tracker.sender_id, self._last_event(tracker.sender_id), tracker)
        else:
            self._cache.pop(tracker.sender_id, None)


def saved_tracker(sender: str) -> DialogueStateTracker | None:
    """The tracker of `sender` that this request saved last, if any."""
    tracker = _saved.get()
    return tracker if tracker is not None and tracker.sender_id == sender else None
