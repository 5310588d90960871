"""Two replicas sharing PostgreSQL and Redis carry one conversation between them.

They run when PostgreSQL and Redis answer on 127.0.0.1 (.ci/run starts both); on a
developer machine without them they are skipped, in CI they must run (tests/e2e/conftest.py).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import redis
import sqlalchemy as sa

from api.lock_store import LEASE_S
from tests.e2e.conftest import ADMIN_URL, REDIS_URL
from tests.utils.chat import Runner, inform
from tests.utils.facts import CAUSE_FACTS, HEALTHY
from tests.utils.service import Service

pytestmark = pytest.mark.e2e

def test_a_conversation_alternating_between_replicas_concludes_right(replicas):
    first, second = replicas
    on_first = Runner(first.url)  # issued by one replica, its token good on both
    runners = [on_first, on_first.elsewhere(second.url)]
    runners[0].say("my legs feel heavy on every run")
    facts = {**HEALTHY, "rest_days": "none"}
    for turn in range(1, 20):
        runner = runners[turn % 2]
        result = runner.assessment()
        if result and result["status"] == "complete":
            break
        asked = runners[(turn - 1) % 2].asked()
        assert asked, "every turn ends in a question or the conclusion"
        runner.say(inform(asked, facts[asked]))
    result = runners[0].assessment()
    assert result["status"] == "complete"
    assert result["causes"][0]["id"] == "insufficient_rest"
    assert runners[1].assessment() == result, "both replicas see the same conversation"


def test_concurrent_messages_to_both_replicas_are_all_processed_in_turn(replicas,
                                                                         postgres_url):
    first, second = replicas
    on_first = Runner(first.url)
    on_second = on_first.elsewhere(second.url)
    sender = on_first.sender
    on_first.say("my legs feel heavy")
    messages = ["what is carnosine?", "are you a bot?", "why do you ask?", "thanks!"]
    targets = [on_first, on_second, on_first, on_second]

    def send(pair):
        runner, text = pair
        return runner.post(text).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(send, zip(targets, messages, strict=True))) == [200] * 4
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        texts = [row[0] for row in connection.execute(sa.text(
            "SELECT data::json->>'text' FROM events WHERE sender_id = :s AND type_name = 'user' "
            "ORDER BY id"), {"s": sender})]
        ids = [row[0] for row in connection.execute(sa.text(
            "SELECT id FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})]
    engine.dispose()
    assert texts[0] == "my legs feel heavy"
    assert sorted(texts[1:]) == sorted(messages), "every message stored exactly once"
    assert len(ids) == len(set(ids))


def test_a_database_outage_is_503_and_the_conversation_resumes_after_it(postgres_url,
                                                                       tmp_path):
    service = Service(postgres_url, tmp_path / "outage.log").start()
    name = postgres_url.rsplit("/", 1)[1]
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        runner = Runner(service.url)
        runner.say("my legs feel heavy")
        runner.say(inform("red_flag", "none"))
        before = runner.assessment()
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name})
        down = runner.post("about 5 hours")
        assert down.status_code == 503, down.text
        assert down.headers["retry-after"] and "database" in down.json()["detail"]
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        # The first request after the outage succeeds: pre-ping replaces dead connections.
        after = runner.post("about 5 hours")
        assert after.status_code == 200, after.text
        result = runner.assessment()
        assert result["findings"]["red_flag"] == before["findings"]["red_flag"] == "none"
        assert result["findings"]["sleep_hours"] == "under_6"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
        service.stop()


def _stored_user_texts(postgres_url: str, sender: str) -> list[str]:
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        texts = [row[0] for row in connection.execute(sa.text(
            "SELECT data::json->>'text' FROM events WHERE sender_id = :s AND type_name = 'user' "
            "ORDER BY id"), {"s": sender})]
    engine.dispose()
    return texts


def _resume(runner: Runner) -> None:
    """Reads where the conversation stands from the replica's stored history, as a widget
    that reloads does."""
    history = runner.messages(limit=500)
    assert history.status_code == 200, history.text
    runner.last = [m for m in history.json() if m["sender"] == "bot"]


def test_a_replica_killed_mid_turn_and_restarted_loses_nothing(replicas, postgres_url):
    first, second = replicas
    facts = {**HEALTHY, **CAUSE_FACTS["dehydration"]}
    on_first = Runner(first.url)
    sender = on_first.sender
    on_first.say("my legs feel heavy on every run")
    on_first.say(inform(on_first.asked(), facts[on_first.asked()]))
    question = on_first.asked()

    # kill -9 the first replica while it is (very likely) inside a turn of this conversation
    with ThreadPoolExecutor(1) as pool:
        in_flight = pool.submit(on_first.post, inform(question, facts[question]))
        first.process.kill()
        first.process.wait()
        try:
            in_flight.result()
        except httpx.HTTPError:
            pass  # the replica died before answering: the turn is either stored whole or not

    on_second = on_first.elsewhere(second.url)
    _resume(on_second)
    result = on_second.answer_until_done(facts)
    assert result["causes"][0]["id"] == "dehydration"

    first.start()  # the same replica, restarted, carries on too
    restarted = on_first.elsewhere(first.url)
    assert restarted.assessment() == result
    restarted.say("how do I fix it?")
    assert "drink" in restarted.texts.lower() or "fluid" in restarted.texts.lower()
    texts = _stored_user_texts(postgres_url, sender)
    answers = [t for t in texts if t.startswith("/inform")]
    assert len(answers) == len(set(answers)), f"a turn was stored twice: {texts}"
    assert texts[-1] == "how do I fix it?"


def test_a_lock_left_by_a_dead_replica_expires_and_the_turn_goes_through(replicas):
    _, second = replicas
    runner = Runner(second.url)
    key = f"heavylegs:conversation:{runner.sender}"
    store = redis.Redis.from_url(REDIS_URL)
    # What a replica killed inside a turn leaves behind: its lock, with the lease's expiry.
    store.set(key, "token-of-a-dead-replica", px=LEASE_S * 1000)
    runner.http.timeout = httpx.Timeout(LEASE_S * 4)
    response = runner.post("my legs feel heavy")
    assert response.status_code == 200, response.text
    assert store.get(key) is None, "the turn released its own lock"
    store.close()


def test_a_conversation_locked_too_long_is_503_and_answers_once_free(postgres_url, tmp_path):
    service = Service(postgres_url, tmp_path / "busy.log", REDIS_URL=REDIS_URL,
                      LOCK_WAIT_SECONDS="1").start()
    runner = Runner(service.url)
    key = f"heavylegs:conversation:{runner.sender}"
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.set(key, "a-turn-that-hangs-elsewhere", ex=60)
        busy = runner.post("my legs feel heavy")
        assert busy.status_code == 503, busy.text
        assert busy.headers["retry-after"] and "busy" in busy.json()["detail"]
        store.delete(key)
        free = runner.post("my legs feel heavy")
        assert free.status_code == 200, free.text
        assert runner.assessment()["status"] == "in_progress"
    finally:
        store.delete(key)
        store.close()
        service.stop()
