"""One triage turn: what is recorded, said back and asked next."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.actions.render import question
from bot.listening import Dialogue, default_learned, take_turn
from bot.triage import default_knowledge, default_policy
from bot.triage.contract import FINDINGS


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


KNOWLEDGE, POLICY = default_knowledge(), default_policy()


def unsure_reader(readings):
    """A learned reader as unsure as given: {text: {finding: (value, confidence)}}."""
    return lambda clause: readings.get(clause, {})


def test_an_uncertain_reading_is_checked_when_its_question_comes_never_recorded():
    learned = unsure_reader({"I live on espresso": {"hydration": ("poor", 0.6)}})
    first = take_turn({}, Dialogue(), "I live on espresso", KNOWLEDGE, POLICY, learned=learned)
    assert "hydration" not in first.findings and first.dialogue.guesses == {"hydration": "poor"}
    # every other question answered but the leg-day one: hydration's comes next
    findings = {f: "not_sure" for f in FINDINGS if f not in ("hydration", "leg_day")}
    at_leg_day = replace(first.dialogue, asked="leg_day")
    asked = take_turn({**findings, "red_flag": "none"}, at_leg_day, "no", KNOWLEDGE, POLICY)
    assert asked.findings["leg_day"] == "no"
    assert asked.next == "hydration" and asked.dialogue.phrasing == "confirm"
    text = question("hydration", KNOWLEDGE, "confirm", asked.dialogue.guess)["text"]
    assert text == "Just to check: you don't drink much?"
    yes = take_turn(asked.findings, asked.dialogue, "yes", KNOWLEDGE, POLICY)
    assert yes.findings["hydration"] == "poor", "a yes to the check is the guess"


def test_a_no_to_the_check_rules_out_the_guess():
    binary = Dialogue(asked="form", phrasing="confirm", guess="yes", guesses={"form": "yes"})
    t = take_turn({"red_flag": "none"}, binary, "nope", KNOWLEDGE, POLICY)
    assert t.findings["form"] == "no" and "form" not in t.dialogue.guesses
    three = Dialogue(asked="fuel", phrasing="confirm", guess="poor", guesses={"fuel": "poor"})
    t = take_turn({"red_flag": "none"}, three, "no", KNOWLEDGE, POLICY)
    assert "fuel" not in t.findings, "a no to 'you run without eating?' is not 'I eat poorly'"
    assert t.next == "fuel" and t.dialogue.phrasing == "ask" and not t.dialogue.guesses


def test_an_uncertain_answer_to_the_question_is_checked_not_met_with_didnt_catch_that():
    learned = unsure_reader({"forget water exists": {"hydration": ("poor", 0.55)}})
    t = take_turn({"red_flag": "none"}, Dialogue(asked="hydration"), "forget water exists",
                  KNOWLEDGE, POLICY, learned=learned)
    assert "hydration" not in t.findings and not t.said
    assert (t.next, t.dialogue.phrasing, t.dialogue.guess) == ("hydration", "confirm", "poor")


def test_the_dialogue_survives_a_round_trip_through_a_slot():
    assert Dialogue.from_dict(Dialogue(guesses={"fuel": "poor"}).as_dict()).guesses == {
        "fuel": "poor"}
    assert Dialogue.from_dict({"guesses": {"fuel": "nonsense", "red_flag": "bone_pain"}}) \
        .guesses == {}, "only valid guesses, and never a danger sign's"
    d = Dialogue(asked="fuel", phrasing="again", misses=1, answered=("red_flag",))
    assert Dialogue.from_dict(d.as_dict()) == d
    assert Dialogue.from_dict(None) == Dialogue()
    assert Dialogue.from_dict({"asked": "nonsense"}).asked is None


@pytest.mark.parametrize("reply", ["our club coach says it looks efficient", "purple elephants",
                                   "no", "yes", "hmm"])
def test_the_same_reply_over_and_over_never_holds_the_conversation(reply):
    # A reply read as an unsure answer once could be checked, missed, asked again and checked
    # again, for ever (found on final6: 25 turns on one question).
    learned = unsure_reader({reply: {"form": ("no", 0.6)}})
    findings, dialogue = {"red_flag": "none"}, Dialogue(asked="form")
    for _ in range(4):
        t = take_turn(findings, dialogue, reply, KNOWLEDGE, POLICY, learned=learned)
        findings, dialogue = t.findings, t.dialogue
        if t.next != "form":
            break
    assert t.next != "form" and "form" in t.findings
