"""Conversation locks across replicas: Redis when several replicas share the work.

Rasa's own RedisLockStore issues its tickets with a non-atomic read-modify-write of one
Redis key, so two replicas receiving messages of one conversation at the same moment can
both believe they hold the lock; Rasa's tracker store then drops one turn's events
(tests/e2e/test_replicas.py caught it). The service therefore takes redis-py's lock
(SET NX with a token, released by a script) around each turn, and leaves Rasa its
in-memory lock store, which serialises turns inside one process.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlparse

import redis.asyncio as redis

LOCK_TIMEOUT_S = 120  # a turn never takes this long; a crashed replica's lock expires


class ConversationLocks:
    """One lock per conversation, shared by every replica through Redis."""

    def __init__(self, redis_url: str) -> None:
        scheme = urlparse(redis_url).scheme
        if scheme not in ("redis", "rediss"):
            raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {scheme}://")
        self.redis = redis.Redis.from_url(redis_url)

    @asynccontextmanager
    async def hold(self, sender: str) -> AsyncIterator[None]:
        async with self.redis.lock(f"heavylegs:conversation:{sender}", timeout=LOCK_TIMEOUT_S,
                                   blocking_timeout=LOCK_TIMEOUT_S):
            yield


class LocalLocks:
    """No cross-replica lock: one process, where Rasa's in-memory lock store serialises."""

    @asynccontextmanager
    async def hold(self, sender: str) -> AsyncIterator[None]:
        yield


def conversation_locks(redis_url: str | None) -> ConversationLocks | LocalLocks:
    return ConversationLocks(redis_url) if redis_url else LocalLocks()
