"""The baseline: the default bot of `rasa init --no-prompt`, made with the project's own
venv, trained from scratch (timed) and served with the REST channel only."""
from __future__ import annotations

import shutil
import sys
from importlib.metadata import version
from pathlib import Path

from bench.servers import Server, free_port, run_timed

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PROJECT = ROOT / "results" / "bench" / "baseline"
MARKER = ".bench-rasa-version"


def ensure_project(env: dict, logs: Path, work: Path) -> bool:
    """Creates results/bench/baseline with `rasa init` unless it is there for this rasa
    version; returns True if it was created now. `rasa init` trains too: its model and
    cache are not used (training is timed separately, from scratch)."""
    rasa_version = version("rasa")
    marker = PROJECT / MARKER
    if marker.exists() and marker.read_text().strip() == rasa_version \
            and (PROJECT / "config.yml").exists():
        return False
    shutil.rmtree(PROJECT, ignore_errors=True)
    PROJECT.mkdir(parents=True)
    run_timed([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(PROJECT)],
              cwd=PROJECT, env={**env, "RASA_CACHE_DIRECTORY": str(work / "init-cache")},
              log=logs / "baseline-init.log")
    shutil.rmtree(PROJECT / "models", ignore_errors=True)
    marker.write_text(rasa_version + "\n")
    return True


def train(env: dict, out: Path, cache: Path, logs: Path) -> float:
    """`rasa train` of the init bot from scratch (empty cache) into `out`; seconds."""
    return run_timed([str(BIN / "rasa"), "train", "--out", str(out)], cwd=PROJECT,
                     env={**env, "RASA_CACHE_DIRECTORY": str(cache)},
                     log=logs / "baseline-train.log")


def server(env: dict, models: Path, logs: Path) -> Server:
    port = free_port()
    return Server("baseline", [str(BIN / "rasa"), "run", "-m", str(models), "--port", str(port),
                               "--cors", "*"],
                  cwd=PROJECT, env=env, port=port, chat_path="/webhooks/rest/webhook",
                  log=logs / "baseline-server.log")
