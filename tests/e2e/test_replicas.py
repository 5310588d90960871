"""Two replicas sharing PostgreSQL and Redis carry one conversation between them.

They run when PostgreSQL and Redis answer on 127.0.0.1 (.ci/run starts both); on a
developer machine without them they are skipped, in CI they must run.
"""
from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import sqlalchemy as sa

from tests.utils.chat import Runner, inform
from tests.utils.facts import HEALTHY
from tests.utils.service import Service

pytestmark = pytest.mark.e2e

ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def _reachable() -> str | None:
    try:
        sa.create_engine(ADMIN_URL).connect().close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        return f"PostgreSQL not reachable: {exc}"
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis not reachable: {exc}"
    return None


@pytest.fixture(scope="module")
def postgres_url():
    problem = _reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem}: .ci/run should have started it")
        pytest.skip(problem)
    name = f"heavylegs_test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def replicas(postgres_url, tmp_path_factory):
    """Two service processes started at the same moment on the same database."""
    directory = tmp_path_factory.mktemp("replicas")
    pair = [Service(postgres_url, directory / f"replica{i}.log", REDIS_URL=REDIS_URL)
            for i in (1, 2)]
    with ThreadPoolExecutor(2) as pool:  # both migrate at once: the advisory lock serialises
        list(pool.map(lambda s: s.start(), pair))
    yield pair
    for service in pair:
        service.stop()


def test_a_conversation_alternating_between_replicas_concludes_right(replicas):
    first, second = replicas
    sender = f"replicas-{uuid.uuid4().hex[:8]}"
    runners = [Runner(first.url, sender), Runner(second.url, sender)]
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
    sender = f"race-{uuid.uuid4().hex[:8]}"
    Runner(first.url, sender).say("my legs feel heavy")
    messages = ["what is carnosine?", "are you a bot?", "why do you ask?", "thanks!"]
    targets = [first.url, second.url, first.url, second.url]

    def send(pair):
        url, text = pair
        return httpx.post(url + "/api/chat", json={"sender": sender, "message": text},
                          timeout=60).status_code

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
        runner = Runner(service.url, f"outage-{uuid.uuid4().hex[:8]}")
        runner.say("my legs feel heavy")
        runner.say(inform("red_flag", "none"))
        before = runner.assessment()
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            connection.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name})
        down = httpx.post(service.url + "/api/chat", timeout=60,
                          json={"sender": runner.sender, "message": "about 5 hours"})
        assert down.status_code == 503, down.text
        assert down.headers["retry-after"] and "database" in down.json()["detail"]
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        after = None
        for _ in range(3):  # the pool may hand out one more dead connection first
            after = httpx.post(service.url + "/api/chat", timeout=60,
                               json={"sender": runner.sender, "message": "about 5 hours"})
            if after.status_code == 200:
                break
        assert after.status_code == 200, after.text
        result = runner.assessment()
        assert result["findings"]["red_flag"] == before["findings"]["red_flag"] == "none"
        assert result["findings"]["sleep_hours"] == "under_6"
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
        service.stop()
