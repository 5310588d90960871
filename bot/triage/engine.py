"""The triage engine: findings in, urgency and ranked causes out.

Each cause lists evidence (finding=value, weight) in `data/knowledge/causes.yml`. A cause's
score combines its matching evidence as a noisy-OR, 1 - prod(1 - weight), so it stays in
[0, 1], grows with every extra sign and never depends on the order of the answers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bot.triage.contract import NOT_SURE, RED_FLAG, RED_FLAG_URGENCY, URGENCIES
from bot.triage.knowledge import Cause, Knowledge


@dataclass(frozen=True)
class RankedCause:
    id: str
    title: str
    score: float
    because: tuple[str, ...]
    fixes: tuple[str, ...]
    sources: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "score": self.score,
                "because": list(self.because), "fixes": list(self.fixes),
                "sources": list(self.sources)}


@dataclass(frozen=True)
class Assessment:
    urgency: str
    causes: tuple[RankedCause, ...] = field(default_factory=tuple)
    red_flag: str | None = None

    def as_dict(self) -> dict:
        return {"urgency": self.urgency, "causes": [c.as_dict() for c in self.causes]}


def urgency_of(findings: dict[str, str]) -> str:
    """The contract's urgency: a red flag decides; a safety check left unsure, or signs of
    low iron, mean a doctor first."""
    red_flag = findings.get(RED_FLAG)
    if red_flag in RED_FLAG_URGENCY:
        return RED_FLAG_URGENCY[red_flag]
    if red_flag == NOT_SURE:  # a danger sign not ruled out: never self-care alone
        return "see_doctor"
    if findings.get("iron_signs") == "yes":
        return "see_doctor"
    return "self_care"


def score_cause(cause: Cause, findings: dict[str, str]) -> RankedCause:
    """One cause's score and the reasons behind it."""
    remaining = 1.0
    because = []
    for evidence in cause.evidence:
        if findings.get(evidence.finding) == evidence.value:
            remaining *= 1.0 - evidence.weight
            because.append(evidence.because)
    return RankedCause(cause.id, cause.title, round(1.0 - remaining, 3), tuple(because),
                       cause.fixes, cause.sources)


def rank_causes(findings: dict[str, str], knowledge: Knowledge) -> tuple[RankedCause, ...]:
    """Every cause with a score above zero, best first; ties keep the knowledge order."""
    scored = [score_cause(c, findings) for c in knowledge.causes]
    ranked = sorted((c for c in scored if c.score > 0), key=lambda c: -c.score)
    return tuple(ranked)


def assess(findings: dict[str, str], knowledge: Knowledge) -> Assessment:
    """Urgency and ranked causes for the findings known so far.

    A red flag ends self-help: its assessment carries the urgency and no causes.
    """
    urgency = urgency_of(findings)
    assert urgency in URGENCIES
    red_flag = findings.get(RED_FLAG)
    if red_flag in RED_FLAG_URGENCY:
        return Assessment(urgency=urgency, red_flag=red_flag)
    return Assessment(urgency=urgency, causes=rank_causes(findings, knowledge))
