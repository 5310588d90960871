"""Processes the benchmark starts: timed training runs and the two servers.

Every process gets its own session (process group), so Ctrl-C reaches only the benchmark
and `stop_all()` ends exactly what was started here, children included.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

from bench.load import issues_conversations

_started: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _spawn(cmd: list[str], cwd: Path, env: dict, log: Path) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    _started.append(process)
    return process


def _stop(process: subprocess.Popen, grace_s: float = 15) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            pass
    try:  # whatever is left in its group (children), and the process if it hung
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    if process in _started:
        _started.remove(process)


def stop_all() -> None:
    for process in list(_started):
        _stop(process, grace_s=5)


def tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def run_timed(cmd: list[str], cwd: Path, env: dict, log: Path, timeout_s: float = 1800) -> float:
    """Runs `cmd` to the end; returns its wall time in seconds; raises if it failed."""
    started = time.perf_counter()
    process = _spawn(cmd, cwd, env, log)
    try:
        code = process.wait(timeout=timeout_s)
    finally:
        _stop(process)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({code}), see {log}:\n{tail(log)}")
    return elapsed


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _process_tree(pid: int):
    """`pid` and all its descendants, each once."""
    todo, seen = [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        todo += _children(current)


def _proc_file(pid: int, name: str) -> str | None:
    try:
        return Path(f"/proc/{pid}/{name}").read_text()
    except OSError:
        return None


def rss_bytes(pid: int) -> int:
    """VmRSS of `pid` and all its descendants."""
    total = 0
    for current in _process_tree(pid):
        for line in (_proc_file(current, "status") or "").splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` and all its descendants (and their reaped children)."""
    total = 0
    for current in _process_tree(pid):
        stat = _proc_file(current, "stat")
        if stat is not None:
            fields = stat.rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / os.sysconf("SC_CLK_TCK")


class Server:
    """A server process; `start()` returns the cold start: from launching the process to
    the first message answered with 200 on `chat_url`."""

    def __init__(self, name: str, cmd: list[str], cwd: Path, env: dict, port: int,
                 chat_path: str, log: Path) -> None:
        self.name, self.cmd, self.cwd, self.env, self.port = name, cmd, cwd, env, port
        self.chat_url = f"http://127.0.0.1:{port}{chat_path}"
        self.log = log
        self.process: subprocess.Popen | None = None

    def _probe(self, client: httpx.Client, body: dict) -> bool:
        """True once a message is answered (in a conversation the service issued, if it
        issues them)."""
        headers = {}
        if issues_conversations(self.chat_url):
            issued = client.post(self.chat_url.removesuffix("/chat") + "/conversations", json={})
            if issued.status_code != 201:
                return False
            body = {**body, "sender": issued.json()["sender"]}
            headers = {"Authorization": f"Bearer {issued.json()['token']}"}
        return client.post(self.chat_url, json=body, headers=headers).status_code == 200

    def start(self, probe_message: str, timeout_s: float = 300) -> float:
        started = time.perf_counter()
        self.process = _spawn(self.cmd, self.cwd, self.env, self.log)
        deadline = started + timeout_s
        body = {"sender": "bench-cold-start", "message": probe_message}
        with httpx.Client(timeout=30) as client:
            while time.perf_counter() < deadline:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited ({self.process.returncode}) "
                                       f"before answering, see {self.log}:\n{tail(self.log)}")
                try:
                    if self._probe(client, body):
                        return time.perf_counter() - started
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        raise TimeoutError(f"{self.name} did not answer within {timeout_s:.0f} s, "
                           f"see {self.log}:\n{tail(self.log)}")

    def rss_bytes(self) -> int:
        return rss_bytes(self.process.pid) if self.process else 0

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid) if self.process else 0.0

    def stop(self) -> None:
        if self.process:
            _stop(self.process)
