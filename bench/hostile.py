"""`make bench-hostile`: how long /health takes while the costliest messages are read.

    .venv/bin/python -m bench.hostile

CONCURRENCY clients (default 8) each send the costliest messages of MAX_MESSAGE_CHARS
(many clauses, long unknown words, number words...) one after another, each in a new
conversation, for HOSTILE_SECONDS (default 20); meanwhile /health is asked every 50 ms.
A liveness probe gives up at 5 s: /health must stay far below. Turns are read on the
event loop, bounded at their source (api/conversation.py, bot/listening/reading.py).
Writes results/bench/hostile.json.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import tempfile
import time
from pathlib import Path

import httpx

from bench.load import open_conversation, percentile
from bench.run import base_env, say
from bench.servers import stop_all
from bench.service import server

ROOT = Path(__file__).resolve().parents[1]
MAX_MESSAGE_CHARS = 2000  # the service's default


def hostile_messages(rng: random.Random) -> list[str]:
    """Messages of MAX_MESSAGE_CHARS that cost the readers most, as measured."""
    def fill(unit: str) -> str:
        return (unit * (MAX_MESSAGE_CHARS // len(unit) + 1))[:MAX_MESSAGE_CHARS]

    words = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(MAX_MESSAGE_CHARS))
    return [
        fill("no. yes. "),                           # the most clauses
        fill("sleep-wise 8, "),                      # a topic named in every clause
        fill("i never warm up and sleep 5 hours, "),  # facts everywhere
        " ".join(words[i:i + 9] for i in range(0, MAX_MESSAGE_CHARS - 9, 10)),  # unknown words
        fill("twenty five and a half "),             # number words
        fill("my calf is swollen but "),             # danger signs everywhere
    ]


async def _hostile(client: httpx.AsyncClient, chat_url: str, messages: list[str],
                   deadline: float, latencies: list[float], errors: list[str]) -> None:
    while time.monotonic() < deadline:
        for message in messages:
            sender, token = await open_conversation(client, chat_url, "")
            started = time.perf_counter()
            response = await client.post(chat_url, json={"sender": sender, "message": message},
                                         headers={"Authorization": f"Bearer {token}"})
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                errors.append(f"{response.status_code}: {response.text[:100]}")


async def _health(client: httpx.AsyncClient, url: str, deadline: float,
                  latencies: list[float]) -> None:
    while time.monotonic() < deadline:
        started = time.perf_counter()
        await client.get(url)
        latencies.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.05)


async def measure(base_url: str, concurrency: int, seconds: float) -> dict:
    messages = hostile_messages(random.Random(1))
    hostile: list[float] = []
    health: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(_health(client, base_url + "/health", deadline, health),
                             *(_hostile(client, base_url + "/api/chat", messages, deadline,
                                        hostile, errors) for _ in range(concurrency)))
    return {"concurrency": concurrency, "seconds": seconds, "hostile_turns": len(hostile),
            "errors": len(errors), "error_samples": errors[:3],
            "hostile_p50_ms": percentile(hostile, 50), "hostile_p95_ms": percentile(hostile, 95),
            "health_p50_ms": percentile(health, 50), "health_p95_ms": percentile(health, 95),
            "health_max_ms": max(health) if health else None}


def main() -> int:
    concurrency = int(os.environ.get("CONCURRENCY", "8"))
    seconds = float(os.environ.get("HOSTILE_SECONDS", "20"))
    with tempfile.TemporaryDirectory(prefix="heavylegs-hostile-") as tmp:
        work = Path(tmp)
        service = server(base_env(), work, work)
        try:
            say("==> starting the service")
            service.start("hello")
            say(f"==> {concurrency} clients sending the costliest messages for {seconds:g} s")
            result = asyncio.run(measure(service.chat_url.removesuffix("/api/chat"),
                                         concurrency, seconds))
        finally:
            service.stop()
            stop_all()
    out = ROOT / "results" / "bench" / "hostile.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    say(json.dumps(result, indent=2))
    return 0 if not result["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
