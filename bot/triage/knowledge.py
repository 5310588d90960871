"""Loads `data/knowledge/` into typed, validated objects.

Everything the assistant says about a cause, a finding or a red flag comes from these
files; the contract's ids are checked here so a typo fails at load time, not mid-chat.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.contract import CAUSES, FINDINGS, NOT_SURE, RED_FLAG, URGENCIES

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "knowledge"


class KnowledgeError(ValueError):
    """The knowledge files are missing something the contract requires."""


@dataclass(frozen=True)
class Evidence:
    finding: str
    value: str
    weight: float
    because: str


@dataclass(frozen=True)
class Cause:
    id: str
    title: str
    summary: str
    explanation: str
    fixes: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A word runners ask about ("what does overstriding mean?")."""

    id: str
    aliases: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Option:
    value: str
    title: str
    heard: str  # the value said back to the runner: "you sleep 7-9 hours"


@dataclass(frozen=True)
class Finding:
    id: str
    question: str
    help: str
    options: tuple[Option, ...]
    again: str = ""  # the question in other words, after an answer that could not be read
    topic: str = ""  # what it is about, in a few words: "your sleep"

    def title_of(self, value: str) -> str:
        return next((o.title for o in self.options if o.value == value), value)

    def heard(self, value: str) -> str:
        return next((o.heard for o in self.options if o.value == value), value)


@dataclass(frozen=True)
class RedFlag:
    id: str
    urgency: str
    title: str
    why: str
    advice: str


@dataclass(frozen=True)
class Knowledge:
    causes: tuple[Cause, ...]
    findings: dict[str, Finding]
    red_flags: dict[str, RedFlag]
    urgency_headlines: dict[str, str]
    iron_signs_advice: str
    answers: dict[str, object]
    glossary: tuple[Term, ...] = ()

    def cause(self, cause_id: str) -> Cause:
        return next(c for c in self.causes if c.id == cause_id)

    def answer(self, key: str) -> str:
        return str(self.answers[key])

    def cause_aliases(self) -> dict[str, tuple[str, ...]]:
        return {c.id: (c.title, *c.aliases) for c in self.causes}

    def term_aliases(self) -> dict[str, tuple[str, ...]]:
        return {t.id: t.aliases for t in self.glossary}

    def term(self, term_id: str) -> Term:
        return next(t for t in self.glossary if t.id == term_id)


def _read(directory: Path, name: str) -> dict:
    path = directory / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"missing knowledge file {path}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path} must hold a mapping")
    return data


def _causes(raw: dict) -> tuple[Cause, ...]:
    causes = []
    for c in raw["causes"]:
        evidence = tuple(Evidence(e["finding"], e["value"], float(e["weight"]), e["because"])
                         for e in c["evidence"])
        for e in evidence:
            if e.value not in FINDINGS.get(e.finding, ()):
                raise KnowledgeError(f"cause {c['id']}: unknown evidence {e.finding}={e.value}")
            if not 0 < e.weight <= 1:
                raise KnowledgeError(f"cause {c['id']}: weight {e.weight} not in (0, 1]")
        causes.append(Cause(c["id"], c["title"], c["summary"], c["explanation"],
                            tuple(c["fixes"]), tuple(c["sources"]), evidence,
                            tuple(c.get("aliases", ()))))
    ids = [c.id for c in causes]
    if sorted(ids) != sorted(CAUSES):
        raise KnowledgeError(f"causes.yml must hold exactly the contract causes, has {ids}")
    return tuple(causes)


def _findings(raw: dict) -> dict[str, Finding]:
    findings = {}
    for f in raw["findings"]:
        options = tuple(Option(o["value"], o["title"], o["heard"]) for o in f["options"])
        expected = set(FINDINGS.get(f["id"], ())) | {NOT_SURE}
        if {o.value for o in options} != expected:
            raise KnowledgeError(f"finding {f['id']}: options must be exactly {sorted(expected)}")
        findings[f["id"]] = Finding(f["id"], f["question"], f["help"], options, f["again"],
                                    f["topic"])
    if set(findings) != set(FINDINGS):
        raise KnowledgeError(f"findings.yml must hold exactly the contract findings, has {sorted(findings)}")
    return findings


def _red_flags(raw: dict) -> dict[str, RedFlag]:
    flags = {r["id"]: RedFlag(r["id"], r["urgency"], r["title"], r["why"], r["advice"])
             for r in raw["red_flags"]}
    if set(flags) != set(FINDINGS[RED_FLAG]) - {"none"}:
        raise KnowledgeError(f"red_flags.yml must hold every contract red flag, has {sorted(flags)}")
    return flags


def load_knowledge(directory: Path | str | None = None) -> Knowledge:
    """Reads and checks the knowledge files (default: `KNOWLEDGE_DIR` or `data/knowledge`)."""
    directory = Path(directory or os.environ.get("KNOWLEDGE_DIR") or DEFAULT_DIR)
    red = _read(directory, "red_flags.yml")
    headlines = {u["id"]: u["headline"] for u in red["urgencies"]}
    if set(headlines) != set(URGENCIES):
        raise KnowledgeError(f"red_flags.yml must give a headline for each of {URGENCIES}")
    return Knowledge(
        causes=_causes(_read(directory, "causes.yml")),
        findings=_findings(_read(directory, "findings.yml")),
        red_flags=_red_flags(red),
        urgency_headlines=headlines,
        iron_signs_advice=red["iron_signs_advice"],
        answers=_read(directory, "answers.yml"),
        glossary=tuple(Term(t["id"], tuple(t["aliases"]), t["text"])
                       for t in _read(directory, "glossary.yml")["terms"]),
    )


@lru_cache(maxsize=1)
def default_knowledge() -> Knowledge:
    """The knowledge of the default directory, read once per process."""
    return load_knowledge()
