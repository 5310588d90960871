"""Plays runner cases offline, without Rasa: the free-text reader, the question policy and
the triage engine, as the service chains them. Fast enough to iterate on understanding.

    .venv/bin/python -m tests.eval.simulate tests/eval/dev [--verbose]

It mirrors ../shared/eval/converse.py in text mode (same answer picking), but skips intent
classification, so the service can only do worse; `make eval` measures the real thing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from pathlib import Path

from bot.triage import assess, default_knowledge, default_policy
from bot.understanding import extract_findings, parse_answer
from tests.utils.facts import HEALTHY


def typed_answer(vignette: dict, finding: str, value: str, phrases: dict) -> str:
    own = vignette.get("phrases", {}).get(finding)
    if own:
        return own
    bank = phrases.get(finding, {}).get(value) or phrases.get("_not_sure", ["not sure"])
    digest = int(hashlib.sha256((vignette["id"] + finding).encode()).hexdigest(), 16)
    return bank[digest % len(bank)]


def play(vignette: dict, phrases: dict) -> dict:
    knowledge, policy = default_knowledge(), default_policy()
    facts = dict(HEALTHY, **vignette.get("facts", {}))
    known = extract_findings(vignette["opening"])
    asked, misread = [], []
    for _ in range(25):
        remaining = policy.remaining(known, knowledge)
        if not remaining:
            break
        finding = remaining[0]
        asked.append(finding)
        text = typed_answer(vignette, finding, facts[finding], phrases)
        found = extract_findings(text)
        value = parse_answer(finding, text) or "not_sure"
        known.update({f: v for f, v in found.items() if f != finding})
        known[finding] = value
        if value != facts[finding]:
            misread.append((finding, text, value, facts[finding]))
    result = assess(known, knowledge)
    return {"asked": asked, "known": known, "result": result, "misread": misread}


def score(vignette: dict, played: dict) -> dict:
    expect, result = vignette["expect"], played["result"]
    ranked = [c.id for c in result.causes]
    return {
        "urgency": result.urgency == expect["urgency"],
        "top1": (bool(ranked) and ranked[0] in expect["top"]) if expect["top"] else None,
        "top3": all(c in ranked[:3] for c in expect["top3"]) if expect["top3"] else None,
        "reasked": [f for f in played["asked"] if f in vignette.get("volunteered", [])],
        "opening_misread": {f: v for f, v in extract_findings(vignette["opening"]).items()
                            if dict(HEALTHY, **vignette.get("facts", {}))[f] != v},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="holds vignettes.json and phrases.json")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    vignettes = json.loads((args.folder / "vignettes.json").read_text())
    phrases = json.loads((args.folder / "phrases.json").read_text())
    rows = []
    for vignette in vignettes:
        played = play(vignette, phrases)
        s = score(vignette, played)
        rows.append((vignette, played, s))
        bad = (not s["urgency"] or s["top1"] is False or s["top3"] is False or s["reasked"]
               or s["opening_misread"])
        if bad or args.verbose:
            print(f"{vignette['id']:32} urgency={s['urgency']!s:5} top1={s['top1']!s:5} "
                  f"top3={s['top3']!s:5} got={[c.id for c in played['result'].causes][:3]} "
                  f"urgency_got={played['result'].urgency}")
            for finding, text, got, want in played["misread"]:
                print(f"    misread {finding}: {text!r} -> {got} (want {want})")
            if s["opening_misread"]:
                print(f"    opening {vignette['opening']!r} -> {s['opening_misread']}")

    def rate(key):
        vals = [s[key] for _, _, s in rows if s[key] is not None]
        return sum(vals) / len(vals)

    questions = statistics.median(len(p["asked"]) for _, p, _ in rows)
    print(f"offline: cases={len(rows)} urgency={rate('urgency'):.0%} top1={rate('top1'):.0%} "
          f"top3={rate('top3'):.0%} median_questions={questions} "
          f"reasked={sum(len(s['reasked']) for _, _, s in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
