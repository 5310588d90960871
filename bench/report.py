"""The comparison table (service vs baseline, with the issue's targets) and
docs/performance.md."""
from __future__ import annotations

import os
import platform
import re
import statistics
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"

HEADER = """# Performance

`make bench` measures the service against a baseline, one after the other on the same
machine, and rewrites the "Latest run" section below. The baseline is the default bot of
`rasa init --no-prompt` (DIET + TED, in-memory tracker store) made with the project's own
virtualenv and served by `rasa run` with only the REST channel; the service is
`uvicorn api.main:create_app --factory` with the model of `make train` on a fresh SQLite
database.

```sh
make bench                  # about 6 minutes: 30 s per load level (+3 the first time)
BENCH_SECONDS=5 make bench  # smoke run, about 3.5 minutes (figures not comparable)
.venv/bin/python -m bench.report  # rewrites "Latest run" from results/bench/latest.json
```

For each of the two, in this order (baseline first, never both at once):

- training from scratch: `rasa train` with an empty cache (`RASA_CACHE_DIRECTORY`), timed;
- cold start: from launching the server process to the first message answered with 200;
- closed-loop load at 1, 10 and 20 concurrent conversations, `BENCH_SECONDS` each
  (default 30), after a short unmeasured warm-up: each worker plays one conversation
  after another with a fresh sender, sending the next turn as soon as the previous one is
  answered. Service: a runner's triage through `POST /api/chat` (varied openings, every
  question answered by pressing one of its `/inform{...}` buttons or typing a phrase,
  about half each) until the conclusion (`custom.type == "assessment"`). Baseline: the
  `rasa init` stories through `POST /webhooks/rest/webhook` (greet, a mood, yes/no,
  sometimes "are you a bot?", goodbye; 4-5 turns). Latency is per turn (one HTTP request);
  an error is any non-200 answer, timeout (30 s) or connection error;
- server CPU per message: the server's user + system CPU time (process and children,
  from /proc) during a load level divided by the turns answered; less sensitive than
  latency to whatever else runs on the machine;
- resident memory after the load: VmRSS of the server process and its children;
- service only: one 100-turn conversation (the triage, then side questions and
  corrections such as "what is carnosine?", "tell me more", "actually I sleep about 8
  hours"), the mean latency of its first ten turns against its last ten.

The load generator (asyncio + httpx, one process, no threads) runs on the same machine
and takes part of its CPU. Server logs and the raw figures (`latest.json`) are kept in
`results/bench/`.

## Targets

| what | target |
|---|---|
| throughput at 20 concurrent conversations | >= 4x the baseline's, with p95 <= 150 ms |
| one conversation (concurrency 1), p50 per turn | <= 20 ms |
| 100-turn conversation, mean of the last ten turns | <= 1.5x the first ten |
| cold start | <= 20 s |
| resident memory after the load | <= 700 MB |
| training from scratch | <= 60 s |
"""


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "memory_bytes": memory,
            "python": platform.python_version(), "rasa": version("rasa"),
            "date": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
            "loadavg_start": Path("/proc/loadavg").read_text().split()[:3]}


def _num(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:,.{digits}f}"


def _ratio(service, baseline) -> float | None:
    if service is None or baseline in (None, 0):
        return None
    return service / baseline


def rows(results: dict) -> list[tuple[str, str, str, str, str, str]]:
    """(metric, service, baseline, ratio, target, pass/fail)."""
    service, baseline = results["service"], results["baseline"]
    out = []

    def verdict(ok: bool | None) -> str:
        return "-" if ok is None else ("PASS" if ok else "FAIL")

    def add(label, s, b, digits=1, target="", ok=None):
        r = _ratio(s, b)
        out.append((label, _num(s, digits), _num(b, digits),
                    "-" if r is None else f"{r:.2f}x", target, verdict(ok)))

    def load(system: dict, level: int, key: str):
        return (system.get("loads", {}).get(str(level)) or {}).get(key)

    levels = results["levels"]
    for level in levels:
        s, b = load(service, level, "throughput"), load(baseline, level, "throughput")
        target, ok = "", None
        if level == 20:
            r = _ratio(s, b)
            target, ok = ">= 4x baseline", (None if r is None else r >= 4)
        add(f"throughput @{level} (messages/s)", s, b, 1, target, ok)
    for level in levels:
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            s, b = load(service, level, key), load(baseline, level, key)
            target, ok = "", None
            if level == 1 and key == "p50_ms":
                target, ok = "<= 20 ms", (None if s is None else s <= 20)
            if level == 20 and key == "p95_ms":
                target, ok = "<= 150 ms", (None if s is None else s <= 150)
            add(f"{key[:3]} @{level} (ms)", s, b, 1, target, ok)
    for level in levels:
        add(f"server CPU per message @{level} (ms)", load(service, level,
            "server_cpu_ms_per_message"), load(baseline, level, "server_cpu_ms_per_message"))
    errors = {name: sum(v.get("errors", 0) for v in system.get("loads", {}).values())
              for name, system in (("service", service), ("baseline", baseline))}
    add("errors (all levels)", errors["service"], errors["baseline"])
    s, b = service.get("cold_start_s"), baseline.get("cold_start_s")
    add("cold start (s)", s, b, 1, "<= 20 s", None if s is None else s <= 20)
    s = service.get("rss_bytes") and service["rss_bytes"] / 1e6
    b = baseline.get("rss_bytes") and baseline["rss_bytes"] / 1e6
    add("RSS after load (MB)", s, b, 0, "<= 700 MB", None if s is None else s <= 700)
    s, b = service.get("training_s"), baseline.get("training_s")
    add("training from scratch (s)", s, b, 1, "<= 60 s", None if s is None else s <= 60)
    long = service.get("long") or {}
    if long:
        out.append((f"{long['turns']}-turn conversation: first ten / last ten (ms)",
                    f"{_num(long['first_ten_ms'])} / {_num(long['last_ten_ms'])}", "-",
                    f"{long['ratio']:.2f}x (last/first)", "<= 1.5x",
                    verdict(long["ratio"] <= 1.5)))
    return out


def table(results: dict) -> str:
    lines = ["| metric | service | baseline | service / baseline | target | result |",
             "|---|--:|--:|--:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    return "\n".join(lines)


def details(results: dict) -> str:
    lines = []
    for name in ("service", "baseline"):
        system = results[name]
        parts = []
        for level, s in system.get("loads", {}).items():
            parts.append(f"@{level}: {s['turns']} turns in {s['seconds']:.1f} s, "
                         f"{s['conversations']} conversations ({s['concluded']} finished), "
                         f"server {s.get('server_cpu_share', 0):.2f} cores, load generator "
                         f"{s.get('loadgen_cpu_share', 0):.2f} cores")
        if parts:
            lines.append(f"- {name}: " + "; ".join(parts) + ".")
        for level, s in system.get("loads", {}).items():
            for sample in s.get("error_samples", []):
                lines.append(f"  - {name} @{level} error: `{sample}`")
    long = results["service"].get("long")
    if long:
        latencies = long.get("latencies_ms") or []
        medians = ""
        if len(latencies) >= 20:
            medians = (f", medians of the first ten {_num(statistics.median(latencies[:10]))} ms "
                       f"and of the last ten {_num(statistics.median(latencies[-10:]))} ms")
        lines.append(f"- service {long['turns']}-turn conversation: p50 {_num(long['p50_ms'])} ms"
                     f"{medians}, {long['errors']} errors, conclusion at turn "
                     f"{long.get('concluded_at') or '-'}.")
    return "\n".join(lines)


def markdown(results: dict) -> str:
    m = results["machine"]
    memory = f"{m['memory_bytes'] / 2**30:.1f} GiB" if m.get("memory_bytes") else "unknown"
    seconds = results["seconds"]
    note = "" if seconds >= 30 else (
        f"\n**Smoke run** (`BENCH_SECONDS={seconds:g}`): too short to compare with a 30 s run.\n")
    return f"""## Latest run

{m['date']}, {seconds:g} s per load level, {m['nproc']} CPUs ({m['cpu']}), {memory} memory,
Python {m['python']}, rasa {m['rasa']}; load average at the start
{' '.join(m['loadavg_start'])}, at the end {' '.join(m.get('loadavg_end', ['-']))};
`make bench` took {results.get('wall_s', 0) / 60:.1f} minutes.
{note}
{table(results)}

{details(results)}
"""


def write(results: dict, path: Path = DOC) -> None:
    """Replaces the "Latest run" section of docs/performance.md (creating the file with
    its header if needed) and keeps everything else."""
    section = markdown(results)
    text = path.read_text() if path.exists() else HEADER
    match = re.search(r"^## Latest run\b.*?(?=^## |\Z)", text, flags=re.S | re.M)
    if match:
        text = text[:match.start()] + section + ("\n" if match.end() < len(text) else "") \
            + text[match.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


if __name__ == "__main__":
    import json

    write(json.loads((ROOT / "results" / "bench" / "latest.json").read_text()))
    print(f"wrote {DOC.relative_to(ROOT)}")
