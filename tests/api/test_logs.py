"""What runners write stays out of the logs unless debug logging is asked for."""
from __future__ import annotations

import logging
import sqlite3
import time
import uuid

import httpx
import pytest

from tests.utils.chat import Runner
from tests.utils.service import Service


def _say_something_unique(url: str) -> str:
    text = f"my legs feel like lead since the {uuid.uuid4().hex[:10]} race"
    runner = Runner(url)
    runner.say(text)
    runner.say("I sleep about 5 hours")
    return text


def test_info_logs_hold_no_message_text(service):
    text = _say_something_unique(service.url)
    log = service.log_path.read_text(errors="replace")
    assert '"POST /api/chat HTTP/1.1" 200' in log, "the log is the service's and is written"
    assert text not in log
    assert "5 hours" not in log
    assert "[debug" not in log, "Rasa's structlog diagnostics are filtered at info"


def test_debug_logs_hold_the_text(tmp_path):
    service = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                      LOG_LEVEL="debug").start()
    try:
        text = _say_something_unique(service.url)
    finally:
        service.stop()
    assert text in service.log_path.read_text(errors="replace")


def test_an_unknown_log_level_is_refused_with_a_clear_message(tmp_path):
    service = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                      LOG_LEVEL="chatty")
    try:
        service.start()
        raise AssertionError("the service started with LOG_LEVEL=chatty")
    except RuntimeError:
        pass
    finally:
        service.stop()
    assert "LOG_LEVEL" in service.log_path.read_text(errors="replace")


# ---- a turn that fails: neither what the runner wrote nor who wrote it at info

REFUSED = "zebracorn"  # a turn whose text holds it cannot be stored: the turn raises


@pytest.fixture(scope="module")
def failing_turns(tmp_path_factory):
    """The service with Telegram on (through a local fake), on a database that refuses to
    store any event holding REFUSED: SQLAlchemy's error then carries the statement's
    parameters, the runner's text among them."""
    from tests.conftest import CHANNEL_SECRETS
    from tests.utils.fake_platform import FakePlatform, telegram_answer

    fake = FakePlatform(telegram_answer).start()
    directory = tmp_path_factory.mktemp("failing-turns")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  TELEGRAM_API_BASE_URL=fake.url, **CHANNEL_SECRETS).start()
    with sqlite3.connect(directory / "heavylegs.db") as db:  # the tables exist once it is up
        db.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.data LIKE "
                   f"'%{REFUSED}%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
    svc.fake = fake
    svc.secret = CHANNEL_SECRETS["TELEGRAM_SECRET_TOKEN"]
    yield svc
    svc.stop()
    fake.stop()


def _wait_for(condition, what: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    raise AssertionError(f"waited {timeout}s for {what}")


def test_a_telegram_turn_that_raises_logs_neither_the_text_nor_the_chat(failing_turns):
    from api.channels.telegram import SORRY

    chat_id = 7_000_000 + uuid.uuid4().int % 1_000_000
    text = f"my legs feel like lead {REFUSED} {uuid.uuid4().hex[:10]}"
    update = {"update_id": uuid.uuid4().int % 10**9, "message": {
        "message_id": 1, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private", "first_name": "Ada"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Ada"}}}
    response = httpx.post(failing_turns.url + "/channels/telegram/webhook", json=update,
                          headers={"X-Telegram-Bot-Api-Secret-Token": failing_turns.secret})
    assert response.status_code == 200, response.text
    _wait_for(lambda: [c for c in failing_turns.fake.called("sendMessage")
                       if c.body.get("chat_id") in (chat_id, str(chat_id))
                       and c.body.get("text") == SORRY], "the apology")
    log = _wait_for(lambda: (lambda log: log if "IntegrityError" in log else None)(
        failing_turns.log_path.read_text(errors="replace")), "the failure's log line")
    assert REFUSED not in log and text not in log, "not the runner's words"
    assert str(chat_id) not in log, "nor the chat"
    assert "ERROR api.channels.telegram: telegram: a conversation turn failed " \
           "(sqlalchemy.exc.IntegrityError" in log, "the failure itself is logged"
    assert "Traceback (most recent call last)" in log, "with where it happened"


def test_a_web_turn_that_raises_logs_no_text(failing_turns):
    text = f"my legs feel heavy {REFUSED} {uuid.uuid4().hex[:10]}"
    response = Runner(failing_turns.url).post(text)
    assert response.status_code in (500, 503), response.text
    time.sleep(0.5)
    assert text not in failing_turns.log_path.read_text(errors="replace")


# ---- uvicorn's access lines: no conversation ids, no query strings

def test_access_lines_show_no_conversation_id_nor_query_string(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    sender = runner.sender
    other = f"made-up-{uuid.uuid4().hex[:12]}"  # a sender the service never issued
    with httpx.Client(base_url=service.url, timeout=30, headers=runner.http.headers) as http:
        http.get(f"/api/conversations/{sender}/messages", params={"offset": 0, "limit": 5})
        http.get(f"/api/conversations/{sender}/assessment?secret=query-{other}")
        http.get(f"/api/conversations/{other}/messages")
        http.get(f"/api/admin/conversations/{other}")
        http.get("/api/admin/conversations", params={"limit": 3, "offset": other})
        http.delete(f"/api/conversations/{sender}")
    log = _wait_for(lambda: (lambda log: log if 'DELETE /api/conversations/{sender} HTTP' in log
                             else None)(service.log_path.read_text(errors="replace")),
                    "the DELETE's access line")
    assert sender not in log and other not in log, "neither id, nor the query strings"
    for line in ('"GET /api/conversations/{sender}/messages HTTP/1.1"',
                 '"GET /api/conversations/{sender}/assessment HTTP/1.1"',
                 '"GET /api/admin/conversations/{sender} HTTP/1.1"',
                 '"GET /api/admin/conversations HTTP/1.1"',
                 '"POST /api/chat HTTP/1.1" 200', '"POST /api/conversations HTTP/1.1" 201'):
        assert line in log, line


@pytest.mark.parametrize("path, logged", [
    ("/api/conversations/abc123/messages?offset=5", "/api/conversations/{sender}/messages"),
    ("/api/conversations/abc123/assessment", "/api/conversations/{sender}/assessment"),
    ("/api/conversations/abc123", "/api/conversations/{sender}"),
    ("/api/conversations/abc/def/messages", "/api/conversations/{sender}/messages"),
    ("/api/conversations/abc/Secret-99", "/api/conversations/{sender}/..."),
    ("/api/admin/conversations/abc123", "/api/admin/conversations/{sender}"),
    ("/api/admin/conversations?limit=5&offset=10", "/api/admin/conversations"),
    ("/api/conversations", "/api/conversations"),
    ("/health?probe=1", "/health"),
    ("/prefix/api/conversations/abc123/messages", "/prefix/api/conversations/{sender}/messages"),
])
def test_paths_are_logged_without_ids_or_query(path, logged):
    from api.logs import RedactPaths, redact_path

    assert redact_path(path) == logged
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d', ("127.0.0.1:5", "GET", path, "1.1", 200),
                               None)
    assert RedactPaths().filter(record) is True
    assert record.getMessage() == f'127.0.0.1:5 - "GET {logged} HTTP/1.1" 200'


def test_a_failure_is_logged_with_its_type_and_frames_not_its_message(caplog):
    from api.logs import log_failure

    logger = logging.getLogger("api.test_logs")
    said = f"what the runner wrote {uuid.uuid4().hex[:8]}"
    with caplog.at_level(logging.INFO, logger="api.test_logs"):
        try:
            try:
                raise KeyError(said)
            except KeyError as exc:
                raise RuntimeError(f"it quotes: {said}") from exc
        except RuntimeError:
            log_failure(logger, "a turn failed", private="conversation abc123")
    [record] = caplog.records
    assert record.levelno == logging.ERROR
    assert "a turn failed (RuntimeError; its message is logged at debug only)" in caplog.text
    assert "KeyError" in caplog.text and "raise RuntimeError" in caplog.text, "the chain, its frames"
    assert said not in caplog.text and "abc123" not in caplog.text

    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="api.test_logs"):
        try:
            raise KeyError(said)
        except KeyError:
            log_failure(logger, "a turn failed", private="conversation abc123")
    [debug] = [r for r in caplog.records if r.levelno == logging.DEBUG]
    assert "conversation abc123" in debug.getMessage() and said in caplog.text, "all of it at debug"
