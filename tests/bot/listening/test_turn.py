"""One triage turn: what is recorded, said back and asked next."""
from __future__ import annotations

import pytest

from bot.listening import Dialogue, default_learned, take_turn
from bot.triage import default_knowledge, default_policy


@pytest.fixture(scope="module")
def turn():
    knowledge, policy, learned = default_knowledge(), default_policy(), default_learned()

    def play(findings, dialogue, text, **kw):
        return take_turn(findings, dialogue, text, knowledge, policy, learned=learned, **kw)
    return play


def test_the_opening_is_read_and_the_safety_check_comes_first(turn):
    t = turn({}, Dialogue(), "my legs feel like lead on every run, and I never warm up")
    assert t.findings == {"warm_up": "no"} and t.next == "red_flag"
    assert t.said == ["Got it: you start without a warm-up."]


def test_an_extra_fact_is_taken_and_said_back_and_never_asked(turn):
    t = turn({"red_flag": "none"}, Dialogue(asked="form"),
             "no my form's fine. also nights are a solid 8")
    assert t.findings["form"] == "no" and t.findings["sleep_hours"] == "7_to_9"
    assert t.said == ["Got it: you sleep 7-9 hours."]
    assert t.next not in ("form", "sleep_hours")


def test_facts_without_the_answer_are_taken_and_the_question_asked_in_other_words(turn):
    t = turn({"red_flag": "none"}, Dialogue(asked="leg_day"), "sleep-wise about 8 hours")
    assert t.findings["sleep_hours"] == "7_to_9" and "leg_day" not in t.findings
    assert t.next == "leg_day" and t.dialogue.phrasing == "again"
    assert not any("didn't catch" in s for s in t.said)


def test_nothing_usable_is_the_only_didnt_catch_that_and_the_second_moves_on(turn):
    first = turn({"red_flag": "none"}, Dialogue(asked="leg_day"), "purple elephants")
    assert "didn't catch" in first.said[0] and first.next == "leg_day"
    second = turn(first.findings, first.dialogue, "purple elephants")
    assert second.findings["leg_day"] == "not_sure" and second.next != "leg_day"


def test_an_unclear_safety_answer_is_asked_again_then_the_runner_is_told_to_get_checked(turn):
    first = turn({}, Dialogue(asked="red_flag"), "yes, something like that")
    assert "red_flag" not in first.findings and first.next == "red_flag"
    assert first.dialogue.phrasing == "again"
    second = turn(first.findings, first.dialogue, "hmm maybe, I don't know")
    assert second.findings["red_flag"] == "not_sure"
    assert any("get checked" in s for s in second.said)
    assert second.assessment.urgency == "see_doctor", "never self-care as if it were none"


def test_a_danger_sign_ends_the_questions_at_once(turn):
    t = turn({"red_flag": "none", "sleep_hours": "7_to_9"}, Dialogue(asked="fuel"),
             "fine, but it's probably nothing, my calf is just a bit swollen")
    assert t.findings["red_flag"] == "one_leg_swollen" and t.concluded
    assert t.assessment.urgency == "urgent"


def test_go_back_changes_the_last_answer(turn):
    t = turn({"red_flag": "none", "sleep_hours": "under_6"},
             Dialogue(asked="load_change", answered=("red_flag", "sleep_hours")), "go back")
    assert "sleep_hours" not in t.findings and t.next == "sleep_hours"
    assert t.said == ["Sure, let's redo that one."]


def test_a_correction_is_said_back(turn):
    t = turn({"red_flag": "none", "sleep_hours": "under_6"}, Dialogue(asked="leg_day"),
             "no. actually more like 8 hours of sleep")
    assert t.findings["sleep_hours"] == "7_to_9" and t.findings["leg_day"] == "no"
    assert t.said == ["Got it, I've changed that: you sleep 7-9 hours."]


def test_a_side_question_is_no_answer(turn):
    t = turn({"red_flag": "none"}, Dialogue(asked="sleep_hours"), "why do you ask?",
             side_question=True)
    assert "sleep_hours" not in t.findings and t.next == "sleep_hours"


def test_the_dialogue_survives_a_round_trip_through_a_slot():
    d = Dialogue(asked="fuel", phrasing="again", misses=1, answered=("red_flag",))
    assert Dialogue.from_dict(d.as_dict()) == d
    assert Dialogue.from_dict(None) == Dialogue()
    assert Dialogue.from_dict({"asked": "nonsense"}).asked is None
