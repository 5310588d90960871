"""Which question to ask next, and when to stop asking.

The red-flag screen comes first. Then findings are asked in the configured order, skipping
any already known (volunteered or answered), until enough causes stand out clearly or the
question budget is spent; with no clear cause the assistant keeps asking until every
finding is known, since it would have nothing useful to conclude otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.contract import FINDINGS, RED_FLAG, is_red_flag
from bot.triage.engine import rank_causes
from bot.triage.knowledge import DEFAULT_DIR, Knowledge, KnowledgeError


@dataclass(frozen=True)
class QuestionPolicy:
    order: tuple[str, ...]
    clear_score: float
    enough_clear_causes: int
    budget: int

    @classmethod
    def load(cls, path: Path | None = None) -> QuestionPolicy:
        raw = yaml.safe_load((path or DEFAULT_DIR / "questions.yml").read_text(encoding="utf-8"))
        order = tuple(raw["order"])
        if set(order) != set(FINDINGS) - {RED_FLAG} or len(order) != len(FINDINGS) - 1:
            raise KnowledgeError("questions.yml: order must list every finding but red_flag once")
        return cls(order, float(raw["clear_score"]), int(raw["enough_clear_causes"]),
                   int(raw["budget"]))

    def remaining(self, findings: dict[str, str], knowledge: Knowledge) -> list[str]:
        """The findings still worth asking, in asking order; empty when it is time to conclude."""
        if RED_FLAG not in findings:
            return [RED_FLAG] + [f for f in self.order if f not in findings]
        if is_red_flag(findings[RED_FLAG]):
            return []
        unknown = [f for f in self.order if f not in findings]
        clear = [c for c in rank_causes(findings, knowledge) if c.score >= self.clear_score]
        if len(clear) >= self.enough_clear_causes:
            return []
        if clear and len(findings) >= self.budget:
            return []
        return unknown


@lru_cache(maxsize=1)
def default_policy() -> QuestionPolicy:
    return QuestionPolicy.load()
