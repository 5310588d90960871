"""A fast subset of the runner cases (tests/eval/dev), played like the evaluation harness:
buttons and typed answers. `make eval` plays them all, and the held-out ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.eval.simulate import typed_answer
from tests.utils.chat import Runner, inform
from tests.utils.facts import HEALTHY

pytestmark = pytest.mark.e2e

DEV = Path(__file__).resolve().parents[1] / "eval" / "dev"
VIGNETTES = json.loads((DEV / "vignettes.json").read_text())
PHRASES = json.loads((DEV / "phrases.json").read_text())
SUBSET = VIGNETTES[::5]  # every fifth case: each category, a dozen conversations


def play(service, vignette: dict, mode: str) -> tuple[dict, list[str]]:
    facts = dict(HEALTHY, **vignette.get("facts", {}))
    runner = Runner(service.url)
    runner.say(vignette["opening"])
    asked = []
    for _ in range(25):
        result = runner.assessment()
        if result["status"] == "complete":
            return result, asked
        finding = runner.asked()
        assert finding, f"no question and no conclusion: {runner.last}"
        asked.append(finding)
        value = facts[finding]
        runner.say(inform(finding, value) if mode == "buttons"
                   else typed_answer(vignette, finding, value, PHRASES))
    raise AssertionError(f"{vignette['id']}: no conclusion after 25 turns")


@pytest.mark.parametrize("mode", ["buttons", "text"])
@pytest.mark.parametrize("vignette", SUBSET, ids=[v["id"] for v in SUBSET])
def test_runner_case(service, vignette, mode):
    result, asked = play(service, vignette, mode)
    expect = vignette["expect"]
    ranked = [c["id"] for c in result["causes"]]
    assert result["urgency"] == expect["urgency"], (ranked, result["findings"])
    if expect["top"]:
        assert ranked and ranked[0] in expect["top"], (ranked, result["findings"])
    assert all(c in ranked[:3] for c in expect["top3"]), (ranked, result["findings"])
    assert not set(asked) & set(vignette.get("volunteered", [])), "a volunteered fact was asked"
