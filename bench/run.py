"""`make bench`: the service against the `rasa init` baseline, on this machine.

    .venv/bin/python -m bench.run

Environment: BENCH_SECONDS (seconds per load level, default 30; 5 for a smoke run),
BENCH_LEVELS (default "1,10,20"), BENCH_LONG_TURNS (default 100), BENCH_SEED (default 1),
BENCH_KEEP=1 keeps the temporary directory (trained models, database).
Writes docs/performance.md ("Latest run") and results/bench/latest.json.
"""
from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import baseline, report, service
from bench.flows import BaselineFlow, LongConversationFlow, RunnerFlow
from bench.load import closed_loop, long_conversation
from bench.servers import Server, stop_all

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results" / "bench"
WARM_UP_S = 3.0


def say(message: str) -> None:
    print(message, flush=True)


def settings() -> dict:
    return {
        "seconds": float(os.environ.get("BENCH_SECONDS", "30")),
        "levels": [int(x) for x in os.environ.get("BENCH_LEVELS", "1,10,20").split(",") if x],
        "long_turns": int(os.environ.get("BENCH_LONG_TURNS", "100")),
        "seed": int(os.environ.get("BENCH_SEED", "1")),
        "keep": os.environ.get("BENCH_KEEP", "") not in ("", "0", "false"),
    }


def base_env() -> dict:
    env = dict(os.environ)
    env.update({"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
                "PYTHONWARNINGS": "ignore", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"})
    return env


def load_levels(name: str, server: Server, make_flow, cfg: dict, out: dict) -> None:
    say(f"==> {name}: warm-up ({WARM_UP_S:g} s, not measured)")
    asyncio.run(closed_loop(server.chat_url, make_flow, 1, WARM_UP_S, seed=999,
                            prefix=f"{name}-warmup"))
    out["loads"] = {}
    for level in cfg["levels"]:
        say(f"==> {name}: load {level} concurrent ({cfg['seconds']:g} s)")
        server_cpu, own_cpu = server.cpu_seconds(), time.process_time()
        result = asyncio.run(closed_loop(server.chat_url, make_flow, level, cfg["seconds"],
                                         seed=cfg["seed"] + level, prefix=name))
        s = result.summary()
        server_cpu, own_cpu = server.cpu_seconds() - server_cpu, time.process_time() - own_cpu
        s["server_cpu_ms_per_message"] = server_cpu * 1000 / s["turns"] if s["turns"] else None
        s["server_cpu_share"] = server_cpu / s["seconds"]  # 1.0 = one core busy
        s["loadgen_cpu_share"] = own_cpu / s["seconds"]
        out["loads"][str(level)] = s
        say(f"    {s['throughput']:.1f} messages/s, p50 {s['p50_ms'] or 0:.1f} ms, "
            f"p95 {s['p95_ms'] or 0:.1f} ms, p99 {s['p99_ms'] or 0:.1f} ms, "
            f"{s['errors']} errors, {s['conversations']} conversations; server CPU "
            f"{s['server_cpu_ms_per_message'] or 0:.1f} ms/message "
            f"({s['server_cpu_share']:.2f} cores), load generator {s['loadgen_cpu_share']:.2f} cores")
    out["rss_bytes"] = server.rss_bytes()
    say(f"    RSS after the load: {out['rss_bytes'] / 1e6:.0f} MB")


def bench_baseline(cfg: dict, env: dict, work: Path, logs: Path) -> dict:
    out: dict = {}
    say("==> baseline: rasa init --no-prompt (only if results/bench/baseline is missing; "
        "it trains too, about 2 minutes)")
    created = baseline.ensure_project(env, logs, work)
    say("    created" if created else "    reused results/bench/baseline")
    say("==> baseline: training from scratch (rasa train, empty cache)")
    models = work / "baseline-models"
    out["training_s"] = baseline.train(env, models, work / "baseline-cache", logs)
    say(f"    {out['training_s']:.1f} s")
    server = baseline.server(env, models, logs)
    try:
        say("==> baseline: cold start (rasa run, REST channel)")
        out["cold_start_s"] = server.start("hello")
        say(f"    {out['cold_start_s']:.1f} s")
        load_levels("baseline", server, BaselineFlow, cfg, out)
    finally:
        server.stop()
    return out


def bench_service(cfg: dict, env: dict, work: Path, logs: Path) -> dict:
    out: dict = {}
    say("==> service: training from scratch (rasa train, empty cache)")
    out["training_s"] = service.train(env, work / "service-models", work / "service-cache",
                                      logs)
    say(f"    {out['training_s']:.1f} s")
    server = service.server(env, work, logs)
    try:
        say("==> service: cold start (uvicorn, model of make train, fresh SQLite)")
        out["cold_start_s"] = server.start("my legs feel heavy on every run")
        say(f"    {out['cold_start_s']:.1f} s")
        load_levels("service", server, RunnerFlow, cfg, out)
        turns = cfg["long_turns"]
        if turns >= 20:
            say(f"==> service: one {turns}-turn conversation")
            flow = LongConversationFlow(random.Random(cfg["seed"]))
            latencies, errors = asyncio.run(long_conversation(
                server.chat_url, flow, turns, sender=f"bench-long-{int(time.time())}"))
            first, last = statistics.fmean(latencies[:10]), statistics.fmean(latencies[-10:])
            out["long"] = {"turns": turns, "first_ten_ms": first, "last_ten_ms": last,
                           "ratio": last / first, "errors": errors,
                           "p50_ms": statistics.median(latencies),
                           "concluded_at": flow.concluded_turn, "latencies_ms": latencies}
            say(f"    first ten {first:.1f} ms, last ten {last:.1f} ms "
                f"({last / first:.2f}x), {errors} errors")
    finally:
        server.stop()
    return out


def _terminate(signum, frame):  # SIGTERM/SIGHUP: unwind through the finally blocks
    raise SystemExit(128 + signum)


def main() -> int:
    cfg = settings()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)
    started = time.perf_counter()
    RESULTS.mkdir(parents=True, exist_ok=True)
    logs = RESULTS / "logs"
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="heavylegs-bench-"))
    env = base_env()
    results: dict = {"machine": report.machine(), "seconds": cfg["seconds"],
                     "levels": cfg["levels"]}
    say(f"==> bench: {cfg['seconds']:g} s per load level, levels {cfg['levels']}, "
        f"logs in {logs.relative_to(ROOT)}")
    try:
        results["baseline"] = bench_baseline(cfg, env, work, logs)
        results["service"] = bench_service(cfg, env, work, logs)
    except KeyboardInterrupt:
        say("\ninterrupted: servers stopped")
        return 130
    finally:
        stop_all()
        if cfg["keep"]:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["loadavg_end"] = Path("/proc/loadavg").read_text().split()[:3]
    results["wall_s"] = time.perf_counter() - started
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    report.write(results)
    say("")
    say(report.table(results))
    say("")
    say(f"wrote {report.DOC.relative_to(ROOT)} and {(RESULTS / 'latest.json').relative_to(ROOT)}"
        f" in {results['wall_s'] / 60:.1f} minutes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
