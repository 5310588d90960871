"""Closed-loop load: N workers, each plays one conversation after another (a fresh
sender each), sending the next turn as soon as the previous one is answered.

asyncio + httpx, no threads: the generator shares the 2 cores with the server.
"""
from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

TIMEOUT_S = 30.0
_senders = itertools.count()


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass
class LoadResult:
    concurrency: int
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    conversations: int = 0
    concluded: int = 0

    @property
    def turns(self) -> int:
        return len(self.latencies_ms)

    def summary(self) -> dict:
        return {
            "concurrency": self.concurrency,
            "seconds": round(self.seconds, 2),
            "turns": self.turns,
            "throughput": self.turns / self.seconds if self.seconds else 0.0,
            "p50_ms": percentile(self.latencies_ms, 50),
            "p95_ms": percentile(self.latencies_ms, 95),
            "p99_ms": percentile(self.latencies_ms, 99),
            "mean_ms": statistics.fmean(self.latencies_ms) if self.latencies_ms else None,
            "errors": self.errors,
            "error_samples": self.error_samples[:5],
            "conversations": self.conversations,
            "concluded": self.concluded,
        }


def new_client(concurrency: int = 1) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency + 4,
                          max_keepalive_connections=concurrency + 4)
    return httpx.AsyncClient(timeout=TIMEOUT_S, limits=limits)


def issues_conversations(chat_url: str) -> bool:
    """The service issues its conversations (POST /api/conversations); Rasa's REST channel
    (the baseline) takes any sender."""
    return chat_url.endswith("/api/chat")


async def open_conversation(client: httpx.AsyncClient, chat_url: str,
                            made_up: str) -> tuple[str, str | None]:
    """(sender, token) of a new conversation: issued by the service, or `made_up`."""
    if not issues_conversations(chat_url):
        return made_up, None
    response = await client.post(chat_url.removesuffix("/chat") + "/conversations", json={})
    response.raise_for_status()
    body = response.json()
    return body["sender"], body["token"]


async def send(client: httpx.AsyncClient, url: str, sender: str, message: str,
               token: str | None = None) -> tuple[float, list[dict] | None, str | None]:
    """One turn: (latency in ms, replies or None, error or None)."""
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        response = await client.post(url, json={"sender": sender, "message": message},
                                     headers=headers)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            return elapsed, None, f"HTTP {response.status_code}: {response.text[:120]}"
        body = response.json()
        if not isinstance(body, list):
            return elapsed, None, f"not a list of messages: {str(body)[:120]}"
        return elapsed, body, None
    except (httpx.HTTPError, ValueError) as exc:
        return (time.perf_counter() - started) * 1000, None, f"{type(exc).__name__}: {exc}"


async def _worker(url: str, make_flow: Callable[[random.Random], object], rng: random.Random,
                  deadline: float, result: LoadResult, prefix: str) -> None:
    async with new_client() as client:
        while time.perf_counter() < deadline:
            flow = make_flow(rng)
            try:
                sender, token = await open_conversation(
                    client, url, f"{prefix}-{next(_senders)}-{uuid.uuid4().hex[:6]}")
            except httpx.HTTPError as exc:
                result.errors += 1
                if len(result.error_samples) < 5:
                    result.error_samples.append(f"starting a conversation: {exc}")
                continue
            message = flow.first()
            result.conversations += 1
            while message is not None and time.perf_counter() < deadline:
                latency, replies, error = await send(client, url, sender, message, token)
                if error:
                    result.errors += 1
                    if len(result.error_samples) < 5:
                        result.error_samples.append(error)
                    break  # a broken conversation: start a new one
                result.latencies_ms.append(latency)
                message = flow.next(replies)
            if flow.concluded:
                result.concluded += 1


async def closed_loop(url: str, make_flow: Callable[[random.Random], object], concurrency: int,
                      seconds: float, seed: int = 0, prefix: str = "bench") -> LoadResult:
    """`concurrency` conversations at a time for `seconds`; turns in flight at the end
    are finished and counted, and the elapsed time includes them."""
    result = LoadResult(concurrency=concurrency, seconds=0.0)
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(
        _worker(url, make_flow, random.Random(seed * 1000 + i), deadline, result,
                f"{prefix}-c{concurrency}-w{i}")
        for i in range(concurrency)))
    result.seconds = time.perf_counter() - started
    return result


async def long_conversation(url: str, flow, turns: int, sender: str) -> tuple[list[float], int]:
    """One conversation, `turns` turns; returns each turn's latency in ms and the errors."""
    latencies, errors = [], 0
    async with new_client() as client:
        sender, token = await open_conversation(client, url, sender)
        message = flow.first()
        for _ in range(turns):
            latency, replies, error = await send(client, url, sender, message, token)
            latencies.append(latency)
            if error:
                errors += 1
                replies = []
            message = flow.next(replies)
    return latencies, errors
