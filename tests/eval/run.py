"""`make eval`: plays the runner cases against a running service and cross-validates the
NLU, then prints one summary table (and writes it to results/eval/summary.json).

    .venv/bin/python -m tests.eval.run [--base-url URL] [--config bot/config.yml]

Without a healthy service at --base-url it starts one (on a fresh SQLite database, with
the model of --config trained into results/ if that is not the project's config).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.utils.service import Service

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "eval"
HARNESS = ROOT.parent / "shared" / "eval" / "converse.py"
SETS = ("dev", "heldout")
MODES = ("buttons", "text")
RED_FLAG_URGENCIES = {"emergency", "urgent"}


def healthy(url: str) -> bool:
    try:
        return httpx.get(url + "/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def train(config: Path, out: Path) -> float:
    """Trains the project's data with `config` into `out`; returns seconds taken."""
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("rasa")), "train", "--config", str(config),
                    "--domain", "bot/domain.yml", "--data", "data/nlu", "data/rules",
                    "data/stories", "--out", str(out), "--fixed-model-name", "heavylegs"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def play(base_url: str, name: str, mode: str, out: Path) -> list[dict]:
    folder = CASES / name
    report = out / f"{name}-{mode}.json"
    subprocess.run([sys.executable, str(HARNESS), "--base-url", base_url, "--mode", mode,
                    "--vignettes", str(folder / "vignettes.json"),
                    "--phrases", str(folder / "phrases.json"), "--json", str(report)],
                   check=False, stdout=(out / f"{name}-{mode}.log").open("w"))
    return json.loads(report.read_text())


def red_flag_case(vignette: dict) -> bool:
    return vignette.get("facts", {}).get("red_flag", "none") not in ("none", "not_sure")


def metrics(rows: list[dict], vignettes: list[dict]) -> dict:
    by_id = {v["id"]: v for v in vignettes}
    done = [r for r in rows if r["assessment"]]

    def share(values: list[bool]) -> float | None:
        return sum(values) / len(values) if values else None

    flagged = [r for r in rows if red_flag_case(by_id[r["id"]])]
    clean = [r for r in rows if not red_flag_case(by_id[r["id"]])]
    alarmed = [r for r in clean if r["assessment"]
               and (r["assessment"]["findings"].get("red_flag") not in (None, "none", "not_sure"))]
    latencies = sorted(x for r in rows for x in r.get("latency_ms", []))
    return {
        "conversations": len(rows),
        "completed": share([r["assessment"] is not None for r in rows]),
        "urgency": share([r["score"]["urgency_ok"] for r in rows]),
        "red_flag_recall": share([r["score"]["urgency_ok"] for r in flagged]),
        "false_alarms": share([r in alarmed for r in clean]),
        "top1": share([r["score"]["top1_ok"] for r in rows if r["score"]["top1_ok"] is not None]),
        "top3": share([r["score"]["top3_ok"] for r in rows if r["score"]["top3_ok"] is not None]),
        "median_questions": statistics.median(len(r["asked"]) for r in done) if done else None,
        "reasked_volunteered": sum(len(r["reasked_volunteered"]) for r in rows),
        "p50_ms": latencies[len(latencies) // 2] if latencies else None,
        "p95_ms": latencies[int(len(latencies) * 0.95)] if latencies else None,
    }


def nlu_cross_validation(config: Path, out: Path, folds: int) -> dict:
    subprocess.run([str(Path(sys.executable).with_name("rasa")), "test", "nlu", "--config",
                    str(config), "--nlu", "data/nlu", "--cross-validation", "--folds", str(folds),
                    "--out", str(out)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    report = json.loads((out / "intent_report.json").read_text())
    return {"intent_f1_weighted": report["weighted avg"]["f1-score"],
            "intent_f1_macro": report["macro avg"]["f1-score"],
            "intent_accuracy": report["accuracy"]}


def fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value <= 1:
        return f"{value:.0%}"
    if isinstance(value, float):
        return f"{value:.0f}"
    return str(value)


def table(results: dict) -> str:
    columns = ["completed", "urgency", "red_flag_recall", "false_alarms", "top1", "top3",
               "median_questions", "reasked_volunteered", "p50_ms", "p95_ms"]
    lines = ["| set | mode | " + " | ".join(columns) + " |",
             "|---|---|" + "---|" * len(columns)]
    for key, m in results["runs"].items():
        name, mode = key.split("/")
        lines.append(f"| {name} | {mode} | " + " | ".join(fmt(m[c]) for c in columns) + " |")
    nlu = results.get("nlu")
    if nlu:
        lines.append(f"\nNLU {results['folds']}-fold cross-validation: intent F1 (weighted) "
                     f"{nlu['intent_f1_weighted']:.3f}, macro {nlu['intent_f1_macro']:.3f}, "
                     f"accuracy {nlu['intent_accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=os.environ.get("EVAL_BASE_URL",
                                                             "http://127.0.0.1:8000"))
    parser.add_argument("--config", type=Path, default=Path("bot/config.yml"))
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "eval")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--no-nlu", action="store_true", help="skip cross-validation")
    args = parser.parse_args(argv)
    if not HARNESS.exists():
        parser.error(f"the evaluation harness is missing: {HARNESS}")
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict = {"config": str(args.config), "runs": {}, "folds": args.folds}
    service, base_url = None, args.base_url
    default_config = args.config.resolve() == (ROOT / "bot" / "config.yml").resolve()
    if not default_config or not healthy(base_url):
        env = {}
        if not default_config:
            model_dir = args.out / "model"
            print(f"==> training {args.config} into {model_dir}", flush=True)
            results["training_s"] = train(args.config, model_dir)
            env["MODEL_DIR"] = str(model_dir)
        tmp = Path(tempfile.mkdtemp(prefix="heavylegs-eval-"))
        print("==> starting a service for the evaluation", flush=True)
        started = time.perf_counter()
        service = Service(f"sqlite:///{tmp}/eval.db", tmp / "service.log", **env).start()
        results["startup_s"] = time.perf_counter() - started
        base_url = service.url
    try:
        for name in args.sets:
            vignettes = json.loads((CASES / name / "vignettes.json").read_text())
            for mode in MODES:
                print(f"==> {name} cases, {mode} mode", flush=True)
                rows = play(base_url, name, mode, args.out)
                results["runs"][f"{name}/{mode}"] = metrics(rows, vignettes)
    finally:
        if service:
            service.stop()
    if not args.no_nlu:
        print(f"==> NLU {args.folds}-fold cross-validation", flush=True)
        results["nlu"] = nlu_cross_validation(args.config, args.out / "nlu", args.folds)
    (args.out / "summary.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
