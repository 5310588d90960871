"""The conversation lock store: Redis when several replicas share the work, else memory."""
from __future__ import annotations

from urllib.parse import unquote, urlparse

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore


def lock_store_for(redis_url: str | None) -> LockStore:
    """Rasa's RedisLockStore for `redis://[user:password@]host[:port][/db]` (rediss:// for
    TLS), or an InMemoryLockStore when no URL is set (one process)."""
    if not redis_url:
        return InMemoryLockStore()
    url = urlparse(redis_url)
    if url.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {url.scheme}://")
    db = int(url.path.lstrip("/") or 0)
    return RedisLockStore(host=url.hostname or "localhost", port=url.port or 6379, db=db,
                          username=unquote(url.username) if url.username else None,
                          password=unquote(url.password) if url.password else None,
                          use_ssl=url.scheme == "rediss", key_prefix="heavylegs")
