"""Learned readers: one classifier per finding over word and character n-grams, trained
from the annotated runner sentences of data/understanding/<finding>.yml.

A reader answers, for one clause, which value of each finding it states, with a
confidence. The sentences of every other file (other findings, `other.yml`, the bare
`replies.yml`) teach each classifier what is *not* about its finding, so adding a
phrasing means adding an example, not a rule. Character n-grams carry typos ("hydratoin")
and word n-grams carry negation ("never skip my warm-up"); clauses come from
bot.listening.clauses. `make train` writes models/readers.joblib; a model whose data has
changed since is retrained on load, so a stale file never answers.
"""
from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.contract import FINDINGS, NOT_SURE, is_valid

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "understanding"
MODEL_FILE = "readers.joblib"
NOTHING = "-"  # the class "says nothing about this finding"
SEED = 42


@dataclass(frozen=True)
class Example:
    text: str
    finding: str | None  # None: about no finding (other.yml, replies.yml)
    value: str | None


def data_files(directory: Path = DATA_DIR) -> list[Path]:
    """The single-finding files and the finding-free ones (mixed_*.yml are for testing)."""
    return sorted(p for p in directory.glob("*.yml")
                  if not p.name.startswith("mixed_") and p.name != "topics.yml")


def load_examples(directory: Path = DATA_DIR) -> list[Example]:
    """Every annotated sentence; raises ValueError naming a file with an unknown value."""
    examples = []
    for path in data_files(directory):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        finding = raw.get("finding")
        finding = finding if finding in FINDINGS else None
        for item in raw.get("examples") or []:
            value = item.get("value") if finding else None
            if finding and not is_valid(finding, value):
                raise ValueError(f"{path}: {value!r} is not a value of {finding}")
            examples.append(Example(str(item["text"]), finding, value))
    return examples


def data_hash(directory: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for path in data_files(directory):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Readers:
    """The trained classifiers; call with a clause: {finding: (value, confidence)}."""

    def __init__(self, vectorizer, classifiers: dict, trained_on: str) -> None:
        self.vectorizer = vectorizer
        self.classifiers = classifiers
        self.trained_on = trained_on

    def __call__(self, clause: str) -> dict[str, tuple[str, float]]:
        return self.many([clause])[0]

    def many(self, clauses: list[str]) -> list[dict[str, tuple[str, float]]]:
        """Each clause's readings; one pass per classifier for all of them (a message's
        clauses are read together: most of the cost is per call, not per clause)."""
        from bot.understanding import normalize

        features = self.vectorizer.transform([normalize(c) for c in clauses])
        out: list[dict[str, tuple[str, float]]] = [{} for _ in clauses]
        for finding, classifier in self.classifiers.items():
            probabilities = classifier.predict_proba(features)
            for row, readings in zip(probabilities, out, strict=True):
                best = int(row.argmax())
                value = classifier.classes_[best]
                if value != NOTHING:
                    readings[finding] = (str(value), float(row[best]))
        return out


class LearnedOnly:
    """The readers without the rule readers beside them, for comparing the two."""

    replaces_rules = True

    def __init__(self, readers: Readers) -> None:
        self.readers = readers

    def __call__(self, clause: str) -> dict[str, tuple[str, float]]:
        return self.readers(clause)

    def many(self, clauses: list[str]) -> list[dict[str, tuple[str, float]]]:
        return self.readers.many(clauses)


def train(directory: Path = DATA_DIR) -> Readers:
    """Fits one vectoriser and one logistic regression per finding (a few seconds)."""
    from scipy.sparse import hstack  # noqa: F401  (sklearn's FeatureUnion uses it)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    from bot.understanding import normalize

    examples = load_examples(directory)
    texts = [normalize(e.text) for e in examples]
    vectorizer = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2,
                                  sublinear_tf=True)),
    ])
    features = vectorizer.fit_transform(texts)
    classifiers = {}
    for finding in FINDINGS:
        labels = [e.value if e.finding == finding else NOTHING for e in examples]
        if len(set(labels)) < 2:
            continue
        classifier = LogisticRegression(C=8.0, max_iter=2000, random_state=SEED)
        classifier.fit(features, labels)
        classifiers[finding] = classifier
    return Readers(vectorizer, classifiers, data_hash(directory))


def save(readers: Readers, path: Path) -> None:
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(readers, path)


def load(path: Path, directory: Path = DATA_DIR) -> Readers:
    """The readers at `path`, retrained from `directory` when missing or out of date."""
    import joblib

    if path.exists():
        readers = joblib.load(path)
        if getattr(readers, "trained_on", None) == data_hash(directory):
            return readers
        logger.warning("%s was trained on other data: retraining the readers", path)
    else:
        logger.warning("no %s: training the readers (run `make train`)", path)
    return train(directory)


@lru_cache(maxsize=1)
def default_learned() -> Readers | None:
    """The readers of MODEL_DIR (default models/); None when LEARNED_READERS=off."""
    if os.environ.get("LEARNED_READERS", "on").lower() in ("off", "0", "false", "no"):
        return None
    model_dir = Path(os.environ.get("MODEL_DIR") or DATA_DIR.parents[1] / "models")
    return load(model_dir / MODEL_FILE)


def main() -> None:
    """`python -m bot.listening.learned [MODEL_DIR]`: trains and saves the readers."""
    import sys
    import time

    from bot.listening import learned  # not __main__: the pickle must name the real module

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "models") / MODEL_FILE
    started = time.perf_counter()
    readers = learned.train()
    learned.save(readers, out)
    print(f"trained {len(readers.classifiers)} readers on {len(load_examples())} sentences "
          f"in {time.perf_counter() - started:.1f} s -> {out}")


if __name__ == "__main__":
    main()

__all__ = ["NOT_SURE", "Readers", "default_learned", "load", "train"]
