"""The contract's findings and values, as this package uses them.

`bot.triage.contract` is pure Python too, so the vocabulary has one home.
"""
from __future__ import annotations

from bot.triage.contract import FINDINGS, NOT_SURE

__all__ = ["FINDINGS", "NOT_SURE", "RED_FLAG_PRIORITY", "has_sometimes", "is_value",
           "rest_bucket", "sleep_bucket"]

# Red flags, most urgent first: when a message names several, the first one wins.
RED_FLAG_PRIORITY: tuple[str, ...] = (
    "chest_pain_breathless", "fainting_palpitations", "dark_urine", "one_leg_swollen",
    "rest_pain_cold_foot", "numb_tight_during_runs", "bone_pain",
)


def is_value(finding: str, value: object) -> bool:
    """Whether `value` is a contract value of `finding` (`not_sure` included)."""
    return finding in FINDINGS and (value == NOT_SURE or value in FINDINGS[finding])


def has_sometimes(finding: str) -> bool:
    return "sometimes" in FINDINGS.get(finding, ())


def sleep_bucket(hours: float) -> str:
    """Hours a night onto the contract's buckets: under 6, 6 to <7, 7 to 9, over 9."""
    if hours < 6:
        return "under_6"
    if hours < 7:
        return "6_to_7"
    if hours <= 9:
        return "7_to_9"
    return "over_9"


def rest_bucket(rest_days: float) -> str:
    """Rest days a week onto the contract's buckets."""
    if rest_days < 1:
        return "none"
    if rest_days < 2:
        return "one"
    return "two_plus"
