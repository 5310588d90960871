"""How well a message is read, sentence by sentence, on the mixed sentences of
data/understanding/mixed_*.yml (several findings each; none of them is trained on):
facts right, wrong and missed, for the rule readers, the learned readers and both.

    .venv/bin/python -m tests.eval.readers [--show wrong|missed]
"""
from __future__ import annotations

import argparse
import sys

import yaml

from bot.listening import read
from bot.listening.learned import DATA_DIR, LearnedOnly, default_learned
from bot.triage.contract import NOT_SURE


def mixed() -> list[tuple[str, dict[str, str]]]:
    out = []
    for path in sorted(DATA_DIR.glob("mixed_*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["examples"]:
            out.append((item["text"], {k: str(v) for k, v in item["findings"].items()}))
    return out


def score(readers, show: str | None = None) -> dict[str, int]:
    counts = {"facts": 0, "right": 0, "wrong": 0, "missed": 0}
    for text, truth in mixed():
        got = read(text, None, readers).facts
        for finding, value in truth.items():
            if value == NOT_SURE:
                continue
            counts["facts"] += 1
            if got.get(finding) == value:
                counts["right"] += 1
            elif finding in got:
                counts["wrong"] += 1
                if show == "wrong":
                    print(f"WRONG {finding}={got[finding]} (true {value}): {text}")
            else:
                counts["missed"] += 1
                if show == "missed":
                    print(f"MISSED {finding}={value}: {text}")
        for finding, value in got.items():
            if finding not in truth and value != NOT_SURE and not (
                    finding == "red_flag" and value == "none"):
                counts["wrong"] += 1
                if show == "wrong":
                    print(f"INVENTED {finding}={value}: {text}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", choices=["wrong", "missed"])
    parser.add_argument("--mode", choices=["rules", "learned", "both"], default=None)
    args = parser.parse_args(argv)
    modes = [args.mode] if args.mode else ["rules", "learned", "both"]
    for mode in modes:
        readers = {"rules": None, "learned": LearnedOnly(default_learned()),
                   "both": default_learned()}[mode]
        c = score(readers, args.show)
        print(f"{mode:6} facts={c['facts']} right={c['right'] / c['facts']:.0%} "
              f"wrong={c['wrong']} missed={c['missed']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
