"""The vocabulary of `shared/spec/contract.md`: finding ids and values, causes, urgencies."""
from __future__ import annotations

NOT_SURE = "not_sure"
RED_FLAG = "red_flag"
NO_RED_FLAG = "none"

# Finding id -> its values, in the contract's order (`not_sure` is valid for all of them).
FINDINGS: dict[str, tuple[str, ...]] = {
    "red_flag": ("none", "chest_pain_breathless", "fainting_palpitations", "one_leg_swollen",
                 "dark_urine", "rest_pain_cold_foot", "numb_tight_during_runs", "bone_pain"),
    "onset": ("from_start", "during_long_runs", "after_runs"),
    "warm_up": ("yes", "sometimes", "no"),
    "load_change": ("big_increase", "some_increase", "no_change"),
    "sleep_hours": ("under_6", "6_to_7", "7_to_9", "over_9"),
    "fuel": ("good", "sometimes", "poor"),
    "hydration": ("good", "sometimes", "poor"),
    "form": ("yes", "no"),
    "iron_signs": ("yes", "no"),
    "leg_day": ("yes", "no"),
    "rest_days": ("none", "one", "two_plus"),
}

CAUSES: tuple[str, ...] = ("circulation", "overtraining", "sleep", "nutrition", "dehydration",
                           "running_form", "iron_deficiency", "weight_training", "insufficient_rest")

# Most urgent first.
URGENCIES: tuple[str, ...] = ("emergency", "urgent", "see_doctor", "self_care")

RED_FLAG_URGENCY: dict[str, str] = {
    "chest_pain_breathless": "emergency",
    "fainting_palpitations": "emergency",
    "dark_urine": "emergency",
    "one_leg_swollen": "urgent",
    "rest_pain_cold_foot": "urgent",
    "numb_tight_during_runs": "see_doctor",
    "bone_pain": "see_doctor",
}


def is_valid(finding: str, value: object) -> bool:
    """Whether `value` is a contract value of `finding` (`not_sure` included)."""
    return finding in FINDINGS and (value == NOT_SURE or value in FINDINGS[finding])


def invalid_findings(findings: dict[str, object]) -> list[str]:
    """Human-readable problems with a findings mapping, empty when it is valid."""
    problems = []
    for finding, value in findings.items():
        if finding not in FINDINGS:
            problems.append(f"unknown finding '{finding}'")
        elif not is_valid(finding, value):
            allowed = ", ".join((*FINDINGS[finding], NOT_SURE))
            problems.append(f"unknown value '{value}' for finding '{finding}' (allowed: {allowed})")
    return problems


def is_red_flag(value: object) -> bool:
    """A danger sign was reported (not `none`, not `not_sure`)."""
    return value in RED_FLAG_URGENCY
