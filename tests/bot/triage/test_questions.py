"""The question policy: red flags first, never ask what is known, stop when it is clear."""
from __future__ import annotations

import pytest

from bot.triage import default_knowledge, default_policy
from bot.triage.contract import FINDINGS, RED_FLAG_URGENCY


@pytest.fixture(scope="module")
def policy():
    return default_policy()


@pytest.fixture(scope="module")
def knowledge():
    return default_knowledge()


def test_the_red_flag_screen_comes_first(policy, knowledge):
    assert policy.remaining({}, knowledge)[0] == "red_flag"
    assert policy.remaining({"sleep_hours": "under_6"}, knowledge)[0] == "red_flag"


@pytest.mark.parametrize("flag", sorted(RED_FLAG_URGENCY))
def test_a_red_flag_ends_the_questions(policy, knowledge, flag):
    assert policy.remaining({"red_flag": flag}, knowledge) == []


def test_known_findings_are_never_asked(policy, knowledge):
    known = {"red_flag": "none", "sleep_hours": "7_to_9", "warm_up": "not_sure"}
    remaining = policy.remaining(known, knowledge)
    assert not set(remaining) & set(known)
    assert remaining


def test_without_a_clear_cause_it_asks_every_finding_that_could_matter(policy, knowledge):
    asked = {"red_flag": "none"}
    while (nxt := policy.remaining(asked, knowledge)):
        asked[nxt[0]] = "not_sure"
    assert set(asked) == set(FINDINGS) - {"onset"}


def test_two_clear_causes_are_enough(policy, knowledge):
    known = {"red_flag": "none", "sleep_hours": "under_6", "leg_day": "yes"}
    assert policy.remaining(known, knowledge) == []


def test_one_clear_cause_stops_at_the_budget(policy, knowledge):
    known = {"red_flag": "none", "sleep_hours": "under_6"}
    while (nxt := policy.remaining(known, knowledge)):
        known[nxt[0]] = "not_sure"
    assert len(known) == policy.budget


def test_a_clear_cause_brings_its_follow_ups_forward(policy, knowledge):
    known = {"red_flag": "none", "load_change": "big_increase"}
    assert policy.remaining(known, knowledge)[0] == policy.follow_ups["overtraining"][0]


def test_a_hinted_cause_is_confirmed_next(policy, knowledge):
    known = {"red_flag": "none", "onset": "from_start"}
    assert policy.remaining(known, knowledge)[0] == "warm_up"


def test_onset_is_asked_only_when_it_could_sharpen_a_hint(policy, knowledge):
    healthy = {"red_flag": "none", "sleep_hours": "7_to_9", "load_change": "no_change",
               "rest_days": "two_plus", "iron_signs": "no", "fuel": "good",
               "hydration": "good", "warm_up": "yes", "leg_day": "no", "form": "no"}
    assert policy.remaining(healthy, knowledge) == []
    assert policy.remaining({**healthy, "fuel": "sometimes"}, knowledge) == ["onset"]
