"""Plays runner cases offline, without Rasa or HTTP: the shared harnesses
(../shared/eval/converse.py and chatty.py) talk to `LocalBot`, which runs each turn
through `bot.listening.take_turn` exactly as the form's validation action does. Seconds
per run, so understanding can be iterated on; `make eval` measures the real service.

    .venv/bin/python -m tests.eval.simulate tests/eval/blind/tune [--mode text|buttons|chatty]
        [--seed 1] [--verbose] [--readers rules|learned|both]
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import itertools
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path

from bot.actions.render import assessment_messages, question
from bot.listening import Dialogue, default_learned, take_turn
from bot.listening.learned import LearnedOnly
from bot.triage import default_knowledge, default_policy
from bot.triage.contract import FINDINGS

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
TYPED_ANSWERS = "phrases.json"


def shared(name: str):
    """A module of ../shared/eval (converse, chatty), loaded from its file."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SHARED_EVAL / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def typed_answer(vignette: dict, finding: str, value: str, phrases: dict) -> str:
    """The answer converse.py types (the same pick), without needing ../shared."""
    own = vignette.get("phrases", {}).get(finding)
    if own:
        return own
    bank = phrases.get(finding, {}).get(value) or phrases.get("_not_sure", ["not sure"])
    digest = int(hashlib.sha256((vignette["id"] + finding).encode()).hexdigest(), 16)
    return bank[digest % len(bank)]


class LocalBot:
    """The harnesses' `Bot`, answered in process by the turn function."""

    def __init__(self, learned=None) -> None:
        self.knowledge, self.policy, self.learned = default_knowledge(), default_policy(), learned
        self.conversations: dict[str, dict] = {}
        self.ids = itertools.count()

    def start(self, label: str) -> str:
        sender = f"local-{next(self.ids)}"
        self.conversations[sender] = {"findings": {}, "dialogue": Dialogue(), "turn": None,
                                      "questions": 0}
        return sender

    def say(self, sender: str, message: str) -> list[dict]:
        state = self.conversations[sender]
        turn = take_turn(state["findings"], state["dialogue"], message, self.knowledge,
                         self.policy, learned=self.learned)
        state.update(findings=turn.findings, dialogue=turn.dialogue, turn=turn)
        replies = [{"text": text} for text in turn.said]
        if turn.next is None:
            replies += assessment_messages(turn.assessment, self.knowledge, turn.findings)
        else:
            state["questions"] += 1
            replies.append(question(turn.next, self.knowledge, turn.dialogue.phrasing,
                                    turn.dialogue.guess))
        return replies

    def assessment(self, sender: str) -> dict | None:
        state = self.conversations.get(sender)
        turn = state and state["turn"]
        if turn is None:
            return None
        findings = {f: v for f, v in turn.findings.items() if f in FINDINGS}
        return {"sender": sender, "status": "complete" if turn.concluded else "in_progress",
                "findings": findings, **turn.assessment.as_dict(),
                "questions_asked": state["questions"]}


def run(folder: Path, mode: str, seed: str = "1", verbose: bool = False,
        learned=None) -> str:
    """One harness over the cases of `folder`; its printed lines (the last: the summary)."""
    vignettes = str(folder / "vignettes.json")
    phrases = str(folder / TYPED_ANSWERS)
    out = io.StringIO()
    bot = LocalBot(learned)
    if mode == "chatty":
        chatty = shared("chatty")
        leads = folder / "leads.json"
        chatty.LEAD.update(json.loads(leads.read_text()) if leads.exists() else {})
        chatty.converse.Bot = lambda base_url: bot
        with redirect_stdout(out):
            chatty.main(["--vignettes", vignettes, "--phrases", phrases, "--seed", seed])
    else:
        converse = shared("converse")
        converse.Bot = lambda base_url: bot
        with redirect_stdout(out):
            converse.main(["--vignettes", vignettes, "--phrases", phrases, "--mode", mode]
                          + (["--verbose"] if verbose else []))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="holds vignettes.json, phrases.json, leads.json")
    parser.add_argument("--mode", choices=["text", "buttons", "chatty"], default="text")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--readers", choices=["rules", "learned", "both"], default="both",
                        help="rule readers only, learned readers only, or both (the service's)")
    args = parser.parse_args(argv)
    learned = {"rules": None, "learned": LearnedOnly(default_learned()),
               "both": default_learned()}[args.readers]
    print(run(args.folder, args.mode, args.seed, args.verbose, learned), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
