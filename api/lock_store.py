"""Conversation locks across replicas: Redis when several replicas share the work.

Rasa's own RedisLockStore issues its tickets with a non-atomic read-modify-write of one
Redis key, so two replicas receiving messages of one conversation at the same moment can
both believe they hold the lock; Rasa's tracker store then drops one turn's events
(tests/e2e/test_replicas.py caught it). The service therefore takes redis-py's lock
(SET NX with a token, released by a script) around each turn, and leaves Rasa its
in-memory lock store, which serialises turns inside one process.

The lock is a short lease renewed while the turn runs: a replica killed mid-turn leaves a
lock that expires within LEASE_S, so the other replicas carry its conversations on after
a few seconds instead of waiting out a long timeout.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from urllib.parse import urlparse

import redis.asyncio as redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)

LEASE_S = 10  # a crashed replica's lock expires after this long
RENEW_EVERY_S = LEASE_S / 3
WAIT_S = 120  # default of LOCK_WAIT_SECONDS: how long a turn waits for its lock


class ConversationLocks:
    """One lock per conversation, shared by every replica through Redis."""

    def __init__(self, redis_url: str, wait_s: float = WAIT_S) -> None:
        scheme = urlparse(redis_url).scheme
        if scheme not in ("redis", "rediss"):
            raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {scheme}://")
        self.redis = redis.Redis.from_url(redis_url)
        self.wait_s = wait_s

    @asynccontextmanager
    async def hold(self, sender: str) -> AsyncIterator[None]:
        lock = self.redis.lock(f"heavylegs:conversation:{sender}", timeout=LEASE_S,
                               blocking_timeout=self.wait_s)
        if not await lock.acquire():
            raise LockError(f"conversation {sender!r} stayed locked for {self.wait_s} s")
        renewing = asyncio.create_task(self._renew(lock, sender))
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing
            try:
                await lock.release()
            except RedisError as exc:  # expired, or Redis unreachable: it expires by itself
                logger.warning("could not release the lock of a conversation: %s", type(exc).__name__)
                logger.debug("could not release the lock of conversation %r", sender)

    @staticmethod
    async def _renew(lock: Lock, sender: str) -> None:
        """Renews the lease until cancelled; a Redis hiccup never fails the turn itself."""
        while True:
            await asyncio.sleep(RENEW_EVERY_S)
            try:
                await lock.reacquire()
            except LockError:
                logger.warning("the lock of a conversation expired during a turn")
                logger.debug("the lock of conversation %r expired during a turn", sender)
                return
            except RedisError as exc:  # try again at the next renewal
                logger.warning("could not renew the lock of a conversation: %s", type(exc).__name__)
                logger.debug("could not renew the lock of conversation %r", sender)


class LocalLocks:
    """One lock per key (a conversation, a chat) in this process.

    For conversations without replicas: Rasa's in-memory lock store serialises the turns
    themselves; this one also covers what surrounds a turn (its assessment) and a
    deletion, which Rasa's lock never sees. A key's lock is dropped when nobody holds or
    waits for it.
    """

    def __init__(self) -> None:
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._holders: dict[Hashable, int] = {}

    @asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]


def conversation_locks(redis_url: str | None,
                       wait_s: float = WAIT_S) -> ConversationLocks | LocalLocks:
    return ConversationLocks(redis_url, wait_s) if redis_url else LocalLocks()
