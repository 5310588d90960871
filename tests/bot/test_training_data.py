"""`rasa data validate` on the project's training data and domain."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_rasa_data_validate_passes():
    rasa = Path(sys.executable).with_name("rasa")
    result = subprocess.run(
        [str(rasa), "data", "validate", "--config", "bot/config.yml", "--domain",
         "bot/domain.yml", "--data", "data/nlu", "data/rules", "data/stories",
         "--fail-on-warnings"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
