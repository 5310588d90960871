"""A soak: many runners at once through both replicas on PostgreSQL and Redis.

SOAK_CONVERSATIONS runners (default 200) talk at the same time for SOAK_SECONDS (default
180), each turn of a conversation going to the other replica, each finished conversation
followed by a new one. Zero errors, and the replicas' memory stays flat once their tracker
caches are full. The figures are written to results/soak.json.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
import pytest

from bench.flows import RunnerFlow
from bench.load import open_conversation, send
from tests.utils.service import ROOT, Service

pytestmark = pytest.mark.e2e

SECONDS = float(os.environ.get("SOAK_SECONDS", "180"))
CONVERSATIONS = int(os.environ.get("SOAK_CONVERSATIONS", "200"))
SAMPLE_EVERY_S = 5.0
# Memory may still grow a little after the caches fill (allocator, connection pools).
MAX_GROWTH_MB = 40.0


@dataclass
class Soak:
    turns: int = 0
    conversations: int = 0
    concluded: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    rss_mb: list[list[float]] = field(default_factory=list)  # [seconds, replica 1, replica 2]


def _rss_mb(service: Service) -> float:
    for line in Path(f"/proc/{service.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for pid {service.process.pid}")


async def _runner(index: int, urls: list[str], deadline: float, soak: Soak) -> None:
    rng = random.Random(index)
    # Idle connections are dropped before uvicorn's 5 s keep-alive timeout closes them: a
    # request sent on a connection the server is closing at that moment fails (ReadError).
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=2.0)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        while time.monotonic() < deadline:
            flow = RunnerFlow(rng)
            turn = index
            try:  # issued by one replica, answered by both
                sender, token = await open_conversation(client, urls[turn % 2] + "/api/chat", "")
            except httpx.HTTPError as exc:
                soak.errors += 1
                soak.error_samples.append(f"starting a conversation: {exc}")
                await asyncio.sleep(1)
                continue
            soak.conversations += 1
            message = flow.first()
            while message is not None:
                latency, replies, error = await send(client, urls[turn % 2] + "/api/chat",
                                                     sender, message, token)
                turn += 1
                if error:
                    soak.errors += 1
                    if len(soak.error_samples) < 5:
                        soak.error_samples.append(error)
                    break
                soak.turns += 1
                soak.latencies_ms.append(latency)
                message = flow.next(replies)
            soak.concluded += flow.concluded


async def _sample_memory(replicas: list[Service], started: float, deadline: float,
                         soak: Soak) -> None:
    while time.monotonic() < deadline:
        soak.rss_mb.append([round(time.monotonic() - started, 1),
                            *(round(_rss_mb(s), 1) for s in replicas)])
        await asyncio.sleep(SAMPLE_EVERY_S)


async def _soak(replicas: list[Service]) -> Soak:
    soak = Soak()
    started = time.monotonic()
    deadline = started + SECONDS
    urls = [s.url for s in replicas]
    await asyncio.gather(_sample_memory(replicas, started, deadline, soak),
                         *(_runner(i, urls, deadline, soak) for i in range(CONVERSATIONS)))
    soak.rss_mb.append([round(time.monotonic() - started, 1), *(round(_rss_mb(s), 1) for s in replicas)])
    return soak


def _summary(soak: Soak) -> dict:
    latencies = sorted(soak.latencies_ms)
    third = next(sample for sample in soak.rss_mb if sample[0] >= SECONDS / 3)
    return {
        "seconds": SECONDS, "concurrent_conversations": CONVERSATIONS, "turns": soak.turns,
        "messages_per_second": round(soak.turns / SECONDS, 1),
        "conversations": soak.conversations, "concluded": soak.concluded, "errors": soak.errors,
        "error_samples": soak.error_samples,
        "p50_ms": round(latencies[len(latencies) // 2], 1) if latencies else None,
        "p95_ms": round(latencies[int(len(latencies) * 0.95)], 1) if latencies else None,
        "rss_mb_at_a_third": third[1:], "rss_mb_at_the_end": soak.rss_mb[-1][1:],
        "rss_mb_samples": soak.rss_mb,
    }


def test_200_runners_at_once_through_both_replicas(replicas):
    soak = asyncio.run(_soak(replicas))
    summary = _summary(soak)
    out = ROOT / "results" / "soak.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2))
    print(json.dumps({k: v for k, v in summary.items() if k != "rss_mb_samples"}))

    assert soak.errors == 0, soak.error_samples
    assert soak.turns >= CONVERSATIONS * 3, "every runner got several turns answered"
    assert soak.concluded >= CONVERSATIONS, "conversations ran to their conclusion"
    for third, end in zip(summary["rss_mb_at_a_third"], summary["rss_mb_at_the_end"], strict=True):
        assert end - third <= MAX_GROWTH_MB, f"memory grew {third} -> {end} MB: {asdict(soak)['rss_mb']}"
