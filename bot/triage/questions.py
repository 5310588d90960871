"""Which question to ask next, and when to stop asking.

The red-flag screen comes first. After it, the next question is the one most likely to
change the ranking: follow-ups of a cause that already stands out, then findings that
would confirm a cause only hinted at, then the rest in the configured order. Asking stops
when enough causes stand out clearly, or one does and the question budget is spent; with
no clear cause it goes on until every finding that could still matter is known.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.contract import CAUSES, FINDINGS, RED_FLAG, is_red_flag
from bot.triage.engine import rank_causes
from bot.triage.knowledge import DEFAULT_DIR, Knowledge, KnowledgeError

# Asked only when it could sharpen a cause already hinted at.
SHARPENING_ONLY = frozenset({"onset"})


@dataclass(frozen=True)
class QuestionPolicy:
    order: tuple[str, ...]
    clear_score: float
    enough_clear_causes: int
    budget: int
    follow_ups: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> QuestionPolicy:
        raw = yaml.safe_load((path or DEFAULT_DIR / "questions.yml").read_text(encoding="utf-8"))
        order = tuple(raw["order"])
        if set(order) != set(FINDINGS) - {RED_FLAG} or len(order) != len(FINDINGS) - 1:
            raise KnowledgeError("questions.yml: order must list every finding but red_flag once")
        follow_ups = {c: tuple(f) for c, f in (raw.get("follow_ups") or {}).items()}
        unknown = set(follow_ups) - set(CAUSES) | {f for fs in follow_ups.values() for f in fs
                                                   if f not in order}
        if unknown:
            raise KnowledgeError(f"questions.yml: unknown follow-ups {sorted(unknown)}")
        return cls(order, float(raw["clear_score"]), int(raw["enough_clear_causes"]),
                   int(raw["budget"]), follow_ups)

    def remaining(self, findings: dict[str, str], knowledge: Knowledge) -> list[str]:
        """The findings still worth asking, best first; empty when it is time to conclude."""
        if RED_FLAG not in findings:
            return [RED_FLAG] + self._ranked(findings, knowledge)
        if is_red_flag(findings[RED_FLAG]):
            return []
        ranked = rank_causes(findings, knowledge)
        clear = [c for c in ranked if c.score >= self.clear_score]
        if len(clear) >= self.enough_clear_causes or (clear and len(findings) >= self.budget):
            return []
        return self._ranked(findings, knowledge)

    def _ranked(self, findings: dict[str, str], knowledge: Knowledge) -> list[str]:
        ranked = rank_causes(findings, knowledge)
        clear = [c.id for c in ranked if c.score >= self.clear_score]
        hinted = {c.id for c in ranked if c.score < self.clear_score}
        follow = [f for cause in clear for f in self.follow_ups.get(cause, ())]
        confirming = {e.finding for c in knowledge.causes if c.id in hinted for e in c.evidence}

        def priority(finding: str) -> tuple[int, int]:
            if finding in follow:
                return 0, follow.index(finding)
            if finding in confirming:
                return 1, self.order.index(finding)
            return 2, self.order.index(finding)

        unknown = [f for f in self.order if f not in findings
                   and (f not in SHARPENING_ONLY or f in confirming)]
        return sorted(unknown, key=priority)


@lru_cache(maxsize=1)
def default_policy() -> QuestionPolicy:
    return QuestionPolicy.load()
