"""The triage engine: per cause, per red flag, ranking and urgency."""
from __future__ import annotations

import pytest

from bot.triage import CAUSES, assess, default_knowledge
from bot.triage.contract import FINDINGS, RED_FLAG_URGENCY
from tests.utils.facts import CAUSE_FACTS, HEALTHY


@pytest.fixture(scope="module")
def knowledge():
    return default_knowledge()


def test_every_cause_has_a_key_finding():
    assert set(CAUSE_FACTS) == set(CAUSES)


@pytest.mark.parametrize("cause", CAUSES)
def test_each_cause_tops_the_ranking_on_its_own_signs(cause, knowledge):
    result = assess({**HEALTHY, **CAUSE_FACTS[cause]}, knowledge)
    assert result.causes, "a runner with a clear sign gets at least one cause"
    top = result.causes[0]
    assert top.id == cause
    assert top.score >= 0.8
    assert top.because, "every ranked cause says why it fits"
    assert top.fixes and top.sources
    assert all(src.startswith("https://") for src in top.sources)


def test_a_healthy_runner_gets_no_cause_and_self_care(knowledge):
    result = assess(HEALTHY, knowledge)
    assert result.causes == ()
    assert result.urgency == "self_care"


@pytest.mark.parametrize("flag,urgency", sorted(RED_FLAG_URGENCY.items()))
def test_each_red_flag_sets_its_urgency_and_stops_self_help(flag, urgency, knowledge):
    result = assess({**HEALTHY, "sleep_hours": "under_6", "red_flag": flag}, knowledge)
    assert result.urgency == urgency
    assert result.red_flag == flag
    assert result.causes == (), "no self-help ranking once a danger sign is reported"


def test_iron_signs_raise_urgency_to_see_doctor(knowledge):
    assert assess({"iron_signs": "yes"}, knowledge).urgency == "see_doctor"
    assert assess({"iron_signs": "no"}, knowledge).urgency == "self_care"


def test_red_flag_not_sure_is_no_red_flag_but_never_self_care(knowledge):
    """Issue 12: a danger sign not ruled out sends the runner to a doctor first; the
    causes are still ranked, as a second step."""
    result = assess({"red_flag": "not_sure", "sleep_hours": "under_6"}, knowledge)
    assert result.urgency == "see_doctor" and result.red_flag is None
    assert result.causes[0].id == "sleep"


def test_two_causes_rank_by_strength_and_both_are_listed(knowledge):
    result = assess({**HEALTHY, "sleep_hours": "under_6", "warm_up": "no"}, knowledge)
    assert [c.id for c in result.causes[:2]] == ["sleep", "circulation"]


def test_more_evidence_raises_a_score_but_never_above_one(knowledge):
    one = assess({"warm_up": "no"}, knowledge).causes[0]
    two = assess({"warm_up": "no", "onset": "from_start"}, knowledge).causes[0]
    assert one.id == two.id == "circulation"
    assert one.score < two.score <= 1.0
    assert len(two.because) == 2


def test_scores_are_in_unit_interval_for_every_single_answer(knowledge):
    for finding, values in FINDINGS.items():
        for value in (*values, "not_sure"):
            for cause in assess({finding: value}, knowledge).causes:
                assert 0 < cause.score <= 1


def test_same_findings_same_result_in_any_order(knowledge):
    findings = {"sleep_hours": "6_to_7", "fuel": "sometimes", "rest_days": "one"}
    reordered = dict(reversed(list(findings.items())))
    assert assess(findings, knowledge) == assess(reordered, knowledge)


def test_not_sure_answers_add_no_evidence(knowledge):
    assert assess({f: "not_sure" for f in FINDINGS}, knowledge).causes == ()
