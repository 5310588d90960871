"""The conversation lock in Redis: a lease renewed during the turn, and a Redis hiccup
while renewing never fails a turn that has already run."""
from __future__ import annotations

import asyncio
import os

import pytest
import redis
from redis.asyncio.lock import Lock
from redis.exceptions import ConnectionError as RedisConnectionError

from api import lock_store

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture
def store():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis not reachable: {exc}: .ci/run should have started it")
        pytest.skip(f"Redis not reachable: {exc}")
    yield client
    client.close()


def _hold(sender: str, seconds: float) -> None:
    async def turn():
        locks = lock_store.ConversationLocks(REDIS_URL)
        async with locks.hold(sender):
            await asyncio.sleep(seconds)
        await locks.redis.close()
    asyncio.run(turn())


def test_the_lease_is_renewed_while_a_turn_runs(store, monkeypatch):
    monkeypatch.setattr(lock_store, "LEASE_S", 1)
    monkeypatch.setattr(lock_store, "RENEW_EVERY_S", 0.2)
    renewals = []
    original = Lock.reacquire

    async def counting(self):
        renewals.append(await self.redis.pttl(self.name))
        return await original(self)

    monkeypatch.setattr(Lock, "reacquire", counting)
    _hold("lease-renewed", 1.5)  # longer than the lease: only renewal keeps it
    assert len(renewals) >= 3 and all(ttl > 0 for ttl in renewals), renewals
    assert store.get("heavylegs:conversation:lease-renewed") is None, "released after the turn"


def test_a_redis_error_while_renewing_does_not_fail_the_turn(store, monkeypatch, caplog):
    monkeypatch.setattr(lock_store, "RENEW_EVERY_S", 0.05)

    async def broken(self):
        raise RedisConnectionError("Redis went away for a moment")

    monkeypatch.setattr(Lock, "reacquire", broken)
    _hold("renew-fails", 0.3)  # raised before the fix, after the turn's work was done
    assert store.get("heavylegs:conversation:renew-fails") is None, "still released"
    assert "could not renew the lock" in caplog.text


def test_without_redis_a_turn_is_503_not_500(tmp_path):
    from tests.utils.chat import Runner
    from tests.utils.service import Service, free_port

    service = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                      REDIS_URL=f"redis://127.0.0.1:{free_port()}/0").start()  # nothing listens
    try:
        runner = Runner(service.url)
        response = runner.post("my legs feel heavy")
    finally:
        service.stop()
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] and "lock store" in response.json()["detail"]
