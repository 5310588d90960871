"""Per-client rate limiting of /api/* (pure ASGI middleware), with the `limits` package.

- The client is the ASGI scope's client address. uvicorn puts X-Forwarded-For's address
  there when the peer is in FORWARDED_ALLOW_IPS (127.0.0.1 by default), so behind a proxy
  each runner is counted, not the proxy. IPv6 clients are counted per /64 network (one
  machine easily has a whole /64). Requests whose client is not an IP address (none at
  all, a Unix socket's peer, or what a trusted proxy put in X-Forwarded-For, e.g.
  "unknown") all count as one client, NON_IP: they are never let through unlimited.
  Nothing is exempt but RATE_LIMIT_EXEMPT's networks.
- Only paths under /api/ and /webhook (the action server, on only with
  ACTION_ENDPOINT_URL) count: /health, the widget's files and the platforms' webhooks
  never do. CORS preflights are answered before they get here, so they do not count.
- Fixed windows starting at a client's first request; every request counts, the rejected
  ones too. Over any limit the answer is 429 with `Retry-After` (whole seconds, >= 1) and
  a JSON `detail`.
- Counters live in this process's memory, or in Redis when REDIS_URL is set, so replicas
  enforce one limit. If Redis fails, requests are served (and a warning logged at most once
  a minute): an unreachable Redis does not take the API down with it.
"""
from __future__ import annotations

import ipaddress
import json
import logging
import math
import threading
import time
from collections.abc import Callable

import anyio.to_thread
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import FixedWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send

logger = logging.getLogger("api.rate_limit")

NAMESPACE = "heavylegs"  # first part of every counter's key (LIMITER/heavylegs/<client>/...)
NON_IP = "non-ip"  # the one client every request without an IP client address counts for
IPV6_PREFIX = 64
REDIS_TIMEOUT_S = 2
WARN_EVERY_S = 60

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_rate_limit(text: str) -> list[RateLimitItem]:
    """RATE_LIMIT's items; empty means off. Raises ValueError naming RATE_LIMIT."""
    text = text.strip()
    if not text:
        return []
    try:
        items = parse_many(text)
    except ValueError:
        items = []
    if not items or any(item.amount < 1 for item in items):
        raise ValueError(
            f"RATE_LIMIT={text!r} is not a valid rate limit: write e.g. '60/minute;600/hour' "
            "(a positive number of requests per second, minute, hour or day; several "
            "separated by ';'), or set it empty to turn rate limiting off")
    return items


def parse_exempt(addresses: list[str]) -> list[Network]:
    """RATE_LIMIT_EXEMPT's addresses (or networks, e.g. 10.0.0.0/8). Raises ValueError."""
    networks = []
    for address in addresses:
        try:
            networks.append(ipaddress.ip_network(address, strict=False))
        except ValueError:
            raise ValueError(f"RATE_LIMIT_EXEMPT: {address!r} is not an IP address or "
                             "network") from None
    return networks


class SweptMemoryStorage(MemoryStorage):
    """limits' memory storage, sweeping expired counters at most once a second.

    limits 2.4's MemoryStorage walks every counter 10 ms after each hit; with many clients
    (a flood from many addresses) that walk alone would keep a core busy. Expired counters
    are dropped anyway when their client comes back, so a slower sweep only bounds memory.
    (It overrides the private, name-mangled scheduler of the pinned limits 2.4.0.)
    """

    SWEEP_EVERY_S = 1.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # limits' mangled name
        if not self.timer.is_alive():
            self.timer = threading.Timer(self.SWEEP_EVERY_S, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()


class RateLimiter:
    """The limits of RATE_LIMIT for each client, except RATE_LIMIT_EXEMPT's."""

    def __init__(self, items: list[RateLimitItem], exempt: list[Network],
                 redis_url: str | None = None) -> None:
        self.items = items
        self.exempt = exempt
        self.shared = bool(redis_url)
        # The strategy holds only a weak reference to its storage: keep it here.
        self.storage: Storage = (
            RedisStorage(redis_url, socket_timeout=REDIS_TIMEOUT_S,
                         socket_connect_timeout=REDIS_TIMEOUT_S)
            if redis_url else SweptMemoryStorage())
        self.strategy = FixedWindowRateLimiter(self.storage)
        self._warned_at = -math.inf

    @classmethod
    def from_settings(cls, settings) -> RateLimiter | None:
        """None when RATE_LIMIT is empty; ValueError (naming the variable) when invalid."""
        items = parse_rate_limit(settings.rate_limit)
        exempt = parse_exempt(settings.rate_limit_exempt_list)
        return cls(items, exempt, settings.redis_url) if items else None

    def client_key(self, scope: Scope) -> str | None:
        """Whom the request counts for: its address (IPv6: its /64), NON_IP for a client
        that is not an IP address; None only for RATE_LIMIT_EXEMPT's addresses."""
        client = scope.get("client")
        host = client[0] if client else None
        try:
            address = ipaddress.ip_address(host) if isinstance(host, str) else None
        except ValueError:
            address = None
        if address is None:
            return NON_IP
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if any(address in network for network in self.exempt):
            return None
        if isinstance(address, ipaddress.IPv6Address):
            return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
        return str(address)

    def hit(self, client: str) -> int | None:
        """Counts a request: None if it may go on, else the seconds until it may be retried."""
        exceeded = [item for item in self.items if not self.strategy.hit(item, NAMESPACE, client)]
        if not exceeded:
            return None
        # The stores give the reset time truncated to a whole second: one more makes sure.
        reset = max(self.strategy.get_window_stats(item, NAMESPACE, client)[0] for item in exceeded)
        return max(1, math.ceil(reset + 1 - time.time()))

    async def ahit(self, client: str) -> int | None:
        """`hit` without blocking the event loop on Redis; serves the request if Redis fails."""
        if not self.shared:
            return self.hit(client)
        try:
            return await anyio.to_thread.run_sync(self.hit, client)
        except Exception as exc:  # noqa: BLE001 - any storage failure: serve, say so
            now = time.monotonic()
            if now - self._warned_at >= WARN_EVERY_S:
                self._warned_at = now
                logger.warning("rate limiting is not enforced: its Redis storage failed (%s: %s)",
                               type(exc).__name__, exc)
            return None


def is_limited_path(scope: Scope) -> bool:
    path: str = scope["path"]
    root = scope.get("root_path") or ""
    if root and path.startswith(root):
        path = path[len(root):]
    return path == "/api" or path.startswith("/api/") or path == "/webhook"


class RateLimitMiddleware:
    """Answers 429 with Retry-After to a client over its limit on /api/*."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter,
                 is_limited: Callable[[Scope], bool] = is_limited_path) -> None:
        self.app = app
        self.limiter = limiter
        self.is_limited = is_limited

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.is_limited(scope):
            client = self.limiter.client_key(scope)
            retry_after = await self.limiter.ahit(client) if client else None
            if retry_after is not None:
                await self._reject(send, retry_after)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _reject(send: Send, retry_after: int) -> None:
        unit = "second" if retry_after == 1 else "seconds"
        body = json.dumps({"detail": f"too many requests from this address; try again in "
                                     f"{retry_after} {unit}"}).encode()
        await send({"type": "http.response.start", "status": 429,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"retry-after", str(retry_after).encode())]})
        await send({"type": "http.response.body", "body": body})
