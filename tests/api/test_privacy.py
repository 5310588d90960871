"""Deleting conversations: DELETE /api/conversations/{sender}, /api/admin/*, RETENTION_DAYS."""
from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from api import privacy
from api.assistant import Assistant
from api.db import Database
from api.tracker_store import CachingSQLTrackerStore
from tests.utils.chat import Runner, inform
from tests.utils.service import Service

ADMIN_TOKEN = "test-admin-token"
AUTH = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
DAY_S = 24 * 3600
DOMAIN = Domain.from_dict({"slots": {"sleep_hours": {"type": "text", "mappings": []}}})


def database_file(service: Service) -> str:
    return service.env["DATABASE_URL"].removeprefix("sqlite:///")


def stored_rows(service: Service, sender: str) -> tuple[int, int, int]:
    """How many events, assessment rows and issued-conversation rows the service's database
    holds for `sender`."""
    with sqlite3.connect(database_file(service), timeout=30) as db:
        return tuple(db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?",
                                (sender,)).fetchone()[0]
                     for table, column in (("events", "sender_id"), ("assessments", "sender"),
                                           ("conversations", "sender")))


def age(service: Service, sender: str, days: int) -> None:
    """Moves every event of the conversation `days` days into the past."""
    with sqlite3.connect(database_file(service), timeout=30) as db:
        db.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?",
                   (days * DAY_S, sender))


def assessed_conversation(base_url: str) -> Runner:
    """A conversation that has answered the red-flag screen and the sleep question."""
    runner = Runner(base_url)
    runner.say("my legs are heavy")
    runner.say(inform("red_flag", "none"))
    runner.say(inform("sleep_hours", "under_6"))
    assert runner.assessment()["findings"]["sleep_hours"] == "under_6"
    return runner


def user_texts(runner: Runner) -> list[str]:
    response = runner.messages(limit=500)
    assert response.status_code == 200, response.text
    return [m["text"] for m in response.json() if m["sender"] == "user"]


@pytest.fixture(scope="module")
def admin_service(tmp_path_factory):
    """A service with the admin endpoints on and a retention of one day."""
    directory = tmp_path_factory.mktemp("privacy")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  ADMIN_TOKEN=ADMIN_TOKEN, RETENTION_DAYS="1").start()
    yield svc
    svc.stop()


@pytest.fixture
def admin_http(admin_service):
    with httpx.Client(base_url=admin_service.url, timeout=30) as client:
        yield client


# DELETE /api/conversations/{sender}

def test_deleting_a_conversation_removes_it_and_its_token_stops_working(service):
    victim = assessed_conversation(service.url)
    bystander = assessed_conversation(service.url)
    bystander_messages = bystander.messages().json()
    assert all(count > 0 for count in stored_rows(service, victim.sender))

    response = victim.delete()
    assert response.status_code == 204
    assert response.content == b""

    assert victim.messages().status_code == 401
    assert victim.assessment() is None
    assert victim.post("my legs are heavy").status_code == 401, "no conversation is started"
    assert stored_rows(service, victim.sender) == (0, 0, 0)
    assert bystander.messages().json() == bystander_messages
    assert bystander.assessment()["findings"]["sleep_hours"] == "under_6"
    assert victim.delete().status_code == 401


def test_deleting_an_unknown_or_invalid_sender(http):
    response = http.delete("/api/conversations/nobody-ever-deleted")
    assert response.status_code == 401
    assert "nobody-ever-deleted" not in response.text
    assert http.delete("/api/conversations/bad%20id").status_code == 422
    assert http.delete(f"/api/conversations/{'a' * 129}").status_code == 422


def test_a_deletion_during_a_turn_never_leaves_half_a_conversation(service):
    """Whichever comes first, the conversation is wholly gone: no assessment, no message
    and no token written back by the turn."""
    for _ in range(4):
        runner = assessed_conversation(service.url)
        with ThreadPoolExecutor(2) as pool:
            turn = pool.submit(runner.post, "I never warm up")
            deletion = pool.submit(runner.delete)
            assert turn.result().status_code in (200, 401)  # 401: the deletion came first
            assert deletion.result().status_code == 204
        assert runner.messages().status_code == 401
        assert stored_rows(service, runner.sender) == (0, 0, 0)


def test_a_deleted_conversation_leaves_no_text_in_the_sqlite_files(service):
    """The write-ahead log is checkpointed after a deletion and deleted rows are zeroed
    (secure_delete), so the runner's words are gone from the disk, not only the tables."""
    runner = Runner(service.url)
    marker = f"privacy-marker-{uuid.uuid4().hex}"
    runner.say(f"my legs are heavy {marker}")
    files = [Path(database_file(service)), Path(database_file(service) + "-wal")]
    assert any(marker.encode() in path.read_bytes() for path in files if path.exists())
    assert runner.delete().status_code == 204
    for path in files:
        if path.exists():
            assert marker.encode() not in path.read_bytes(), path


# The tracker cache, on this replica and another

def test_a_deleted_conversation_is_never_served_from_a_cache(tmp_path):
    url = f"sqlite:///{tmp_path}/heavylegs.db"
    database = Database(url)
    database.migrate()
    mine = CachingSQLTrackerStore(domain=DOMAIN, host=url)
    theirs = CachingSQLTrackerStore(domain=DOMAIN, host=url)  # another replica
    assistant = Assistant(SimpleNamespace(tracker_store=mine))

    def conversation(sleep: str) -> DialogueStateTracker:
        return DialogueStateTracker.from_events("x", [
            ActionExecuted("action_session_start"), SessionStarted(),
            ActionExecuted("action_listen"), UserUttered("hi"), SlotSet("sleep_hours", sleep)],
            slots=DOMAIN.slots)

    def last_id() -> int:
        with sqlite3.connect(f"{tmp_path}/heavylegs.db") as db:
            return db.execute("SELECT max(id) FROM events WHERE sender_id = 'x'").fetchone()[0]

    asyncio.run(mine.save(conversation("under_6")))
    ended_at = last_id()
    cached_here = asyncio.run(mine.retrieve("x"))
    cached_there = asyncio.run(theirs.retrieve("x"))
    assert asyncio.run(theirs.retrieve("x")) is cached_there, "the cache is in use"

    assert asyncio.run(privacy.delete_conversation(assistant, database, "x")) is True
    assert asyncio.run(mine.retrieve("x")) is None
    assert asyncio.run(privacy.delete_conversation(assistant, database, "x")) is False

    asyncio.run(mine.save(conversation("over_9")))  # started afresh, as long as before
    assert last_id() == ended_at, "SQLite gave the deleted events' ids out again"
    fresh = asyncio.run(theirs.retrieve("x"))
    assert fresh is not cached_there and fresh.get_slot("sleep_hours") == "over_9"
    assert asyncio.run(mine.retrieve("x")) is not cached_here


# /api/admin/*

def test_admin_endpoints_are_off_without_a_token(http):
    for method, path in (("GET", "/api/admin/conversations"), ("POST", "/api/admin/purge"),
                         ("DELETE", "/api/admin/conversations/someone")):
        response = http.request(method, path, headers=AUTH)
        assert response.status_code == 404, path
        assert "ADMIN_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {ADMIN_TOKEN}"},
                                     {"Authorization": ADMIN_TOKEN}])
def test_admin_endpoints_need_the_token(admin_http, headers):
    for method, path in (("GET", "/api/admin/conversations"), ("POST", "/api/admin/purge"),
                         ("DELETE", "/api/admin/conversations/someone")):
        response = admin_http.request(method, path, headers=headers)
        assert response.status_code == 401, (path, headers)
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert response.json()["detail"]


def test_admin_lists_conversations_newest_first_and_deletes_one(admin_service, admin_http):
    older = assessed_conversation(admin_service.url)
    newer = Runner(admin_service.url)
    newer.say("my legs are heavy")

    response = admin_http.get("/api/admin/conversations", headers=AUTH, params={"limit": 1000})
    assert response.status_code == 200
    listed = {c["sender"]: c for c in response.json()}
    order = [c["sender"] for c in response.json()]
    assert order.index(newer.sender) < order.index(older.sender)
    assessment = older.assessment()
    entry = listed[older.sender]
    assert entry["events"] == stored_rows(admin_service, older.sender)[0]
    assert entry["first_activity"] < entry["last_activity"]
    assert entry["status"] == assessment["status"] == "in_progress"
    assert entry["top_cause"] == assessment["causes"][0]["id"]

    first = admin_http.get("/api/admin/conversations", headers=AUTH, params={"limit": 1}).json()
    second = admin_http.get("/api/admin/conversations", headers=AUTH,
                            params={"limit": 1, "offset": 1}).json()
    assert [c["sender"] for c in first + second] == order[:2]
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        assert admin_http.get("/api/admin/conversations", headers=AUTH,
                              params=bad).status_code == 422, bad

    response = admin_http.delete(f"/api/admin/conversations/{older.sender}", headers=AUTH)
    assert response.status_code == 204
    assert stored_rows(admin_service, older.sender) == (0, 0, 0)
    assert older.assessment() is None
    listed = admin_http.get("/api/admin/conversations", headers=AUTH, params={"limit": 1000}).json()
    assert older.sender not in {c["sender"] for c in listed}
    assert newer.sender in {c["sender"] for c in listed}
    assert admin_http.delete(f"/api/admin/conversations/{older.sender}",
                             headers=AUTH).status_code == 404


# RETENTION_DAYS

def test_purge_deletes_conversations_silent_for_longer_than_the_retention(admin_service,
                                                                          admin_http):
    old = assessed_conversation(admin_service.url)
    recent = assessed_conversation(admin_service.url)
    age(admin_service, old.sender, days=3)

    response = admin_http.post("/api/admin/purge", headers=AUTH)
    assert response.status_code == 200
    assert response.json() == {"deleted": 1, "retention_days": 1}
    assert stored_rows(admin_service, old.sender) == (0, 0, 0)
    assert old.messages().status_code == 401
    assert all(count > 0 for count in stored_rows(admin_service, recent.sender))
    assert recent.assessment()["findings"]["sleep_hours"] == "under_6"
    assert admin_http.post("/api/admin/purge", headers=AUTH).json()["deleted"] == 0


def test_a_service_started_with_a_retention_purges_at_start_up(admin_service, admin_http,
                                                                tmp_path):
    """A second replica on the same database purges as it starts; the first replica,
    which had the old conversation in its cache, then starts it afresh."""
    recent = assessed_conversation(admin_service.url)
    old = assessed_conversation(admin_service.url)
    age(admin_service, old.sender, days=3)

    replica = Service(admin_service.env["DATABASE_URL"], tmp_path / "replica.log",
                      RETENTION_DAYS="1", ADMIN_TOKEN="").start()
    try:
        deadline = time.monotonic() + 60
        while stored_rows(admin_service, old.sender) != (0, 0, 0) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert stored_rows(admin_service, old.sender) == (0, 0, 0), replica.log_tail()
        assert "retention: deleted" in replica.log_path.read_text()
    finally:
        replica.stop()
    assert all(count > 0 for count in stored_rows(admin_service, recent.sender))

    assert old.messages().status_code == 401, "the first replica's cache does not revive it"
    assert old.post("hello again").status_code == 401


def test_purge_forgets_old_platform_updates_and_conversations_never_written_to(admin_service,
                                                                              admin_http):
    unused = Runner(admin_service.url)  # issued, never a message
    fresh = Runner(admin_service.url)
    with sqlite3.connect(database_file(admin_service), timeout=30) as db:
        db.execute("UPDATE conversations SET created_at = datetime('now', '-3 days') "
                   "WHERE sender = ?", (unused.sender,))
        db.execute("INSERT INTO delivered_updates (channel, update_id, created_at) VALUES "
                   "('telegram', 'old-update', datetime('now', '-3 days')), "
                   "('telegram', 'new-update', datetime('now'))")
    assert admin_http.post("/api/admin/purge", headers=AUTH).json()["deleted"] >= 1
    assert stored_rows(admin_service, unused.sender) == (0, 0, 0)
    assert unused.messages().status_code == 401
    assert fresh.messages().status_code == 200
    with sqlite3.connect(database_file(admin_service), timeout=30) as db:
        kept = {row[0] for row in db.execute("SELECT update_id FROM delivered_updates")}
    assert "old-update" not in kept and "new-update" in kept
