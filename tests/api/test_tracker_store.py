"""The validated tracker cache: reused only while the database agrees with it."""
from __future__ import annotations

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from api.tracker_store import CachingSQLTrackerStore, saved_tracker

DOMAIN = Domain.from_dict({"slots": {"sleep_hours": {"type": "text", "mappings": []}}})


@pytest.fixture
def stores(tmp_path):
    url = f"sqlite:///{tmp_path}/trackers.db"
    first = CachingSQLTrackerStore(domain=DOMAIN, host=url)
    second = CachingSQLTrackerStore(domain=DOMAIN, host=url)  # another replica
    return first, second


def conversation(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [
        ActionExecuted("action_session_start"), SessionStarted(),
        ActionExecuted("action_listen"), UserUttered("hi")], slots=DOMAIN.slots)


def test_a_saved_and_reloaded_tracker_is_reused_and_the_request_sees_it(stores):
    store, _ = stores
    tracker = conversation("a")

    async def turn():
        await store.save(tracker)
        return saved_tracker("a"), saved_tracker("b")

    assert asyncio.run(turn()) == (tracker, None)
    assert saved_tracker("a") is None, "another request (context) does not see it"
    loaded = asyncio.run(store.retrieve("a"))
    assert asyncio.run(store.retrieve("a")) is loaded, "unchanged: served from the cache"


def test_another_replicas_write_invalidates_the_cache(stores):
    mine, theirs = stores
    asyncio.run(mine.save(conversation("b")))
    cached = asyncio.run(mine.retrieve("b"))
    assert asyncio.run(mine.retrieve("b")) is cached
    other = asyncio.run(theirs.retrieve("b"))
    other.update(SlotSet("sleep_hours", "under_6"))
    asyncio.run(theirs.save(other))
    fresh = asyncio.run(mine.retrieve("b"))
    assert fresh is not cached
    assert fresh.get_slot("sleep_hours") == "under_6"


def test_a_tracker_changed_but_not_saved_is_reloaded(stores):
    store, _ = stores
    asyncio.run(store.save(conversation("c")))
    tracker = asyncio.run(store.retrieve("c"))
    tracker.update(SlotSet("sleep_hours", "over_9"))  # a turn that failed before saving
    again = asyncio.run(store.retrieve("c"))
    assert again is not tracker and again.get_slot("sleep_hours") is None


def test_saving_a_cached_tracker_stores_each_event_once(stores):
    store, _ = stores
    asyncio.run(store.save(conversation("d")))
    for value in ("under_6", "6_to_7", "7_to_9"):
        tracker = asyncio.run(store.retrieve("d"))
        tracker.update(SlotSet("sleep_hours", value))
        asyncio.run(store.save(tracker))
    full = asyncio.run(store.retrieve_full_tracker("d"))
    assert [e.value for e in full.events if isinstance(e, SlotSet)] == [
        "under_6", "6_to_7", "7_to_9"]
    assert len(full.events) == 4 + 3


def test_a_new_session_mid_conversation_stores_each_event_once(stores):
    store, _ = stores
    asyncio.run(store.save(conversation("e")))
    tracker = asyncio.run(store.retrieve("e"))
    # `/session_start` sent mid-conversation: a second session inside the cached tracker.
    for event in (ActionExecuted("action_session_start"), SessionStarted(),
                  ActionExecuted("action_listen"), UserUttered("again")):
        tracker.update(event)
    asyncio.run(store.save(tracker))
    for value in ("under_6", "7_to_9"):
        tracker = asyncio.run(store.retrieve("e"))
        tracker.update(SlotSet("sleep_hours", value))
        asyncio.run(store.save(tracker))
    full = asyncio.run(store.retrieve_full_tracker("e"))
    assert len(full.events) == 4 + 4 + 2, [type(e).__name__ for e in full.events]
    latest = asyncio.run(store.retrieve("e"))
    assert sum(isinstance(e, SessionStarted) for e in latest.events) == 1
