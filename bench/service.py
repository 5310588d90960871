"""The service: heavylegs' FastAPI app with its Rasa agent in-process, served by uvicorn
with the model of `make train` on a fresh SQLite database."""
from __future__ import annotations

import sys
from pathlib import Path

from bench.servers import Server, free_port, run_timed

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def train(env: dict, out: Path, cache: Path, logs: Path) -> float:
    """The project's `rasa train` from scratch (empty cache) into `out`; seconds."""
    return run_timed([str(BIN / "rasa"), "train", "--config", "bot/config.yml",
                      "--domain", "bot/domain.yml", "--data", "data/nlu", "data/rules",
                      "data/stories", "--out", str(out)],
                     cwd=ROOT, env={**env, "RASA_CACHE_DIRECTORY": str(cache)},
                     log=logs / "service-train.log")


def server(env: dict, work: Path, logs: Path) -> Server:
    port = free_port()
    database = work / "bench.db"
    database.unlink(missing_ok=True)
    env = {**env, "PORT": str(port), "DATABASE_URL": f"sqlite:///{database}",
           "MODEL_DIR": str(ROOT / "models")}
    return Server("service", [str(BIN / "uvicorn"), "api.main:create_app", "--factory",
                              "--host", "127.0.0.1", "--port", str(port)],
                  cwd=ROOT, env=env, port=port, chat_path="/api/chat",
                  log=logs / "service-server.log")
