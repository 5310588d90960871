"""Runner facts shared by the tests: a runner with nothing wrong, as the harness has it."""
from __future__ import annotations

HEALTHY = {"red_flag": "none", "onset": "not_sure", "warm_up": "yes", "load_change": "no_change",
           "sleep_hours": "7_to_9", "fuel": "good", "hydration": "good", "form": "no",
           "iron_signs": "no", "leg_day": "no", "rest_days": "two_plus"}

# The signs that, on an otherwise healthy runner, make each cause the top one.
CAUSE_FACTS = {
    "circulation": {"warm_up": "no", "onset": "from_start"},
    "overtraining": {"load_change": "big_increase"},
    "sleep": {"sleep_hours": "under_6"},
    "nutrition": {"fuel": "poor"},
    "dehydration": {"hydration": "poor"},
    "running_form": {"form": "yes"},
    "iron_deficiency": {"iron_signs": "yes"},
    "weight_training": {"leg_day": "yes"},
    "insufficient_rest": {"rest_days": "none"},
}
