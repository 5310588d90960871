"""Whole conversations through POST /api/chat against the really trained model."""
from __future__ import annotations

import pytest

from bot.triage.contract import CAUSES, RED_FLAG_URGENCY
from tests.utils.chat import Runner, inform
from tests.utils.facts import CAUSE_FACTS, HEALTHY

pytestmark = pytest.mark.e2e


def test_the_first_reply_says_it_is_not_medical_advice_and_screens_red_flags(service):
    runner = Runner(service.url)
    runner.say("my legs feel like lead on every run")
    assert "not a doctor" in runner.last[0]["text"].lower()
    assert runner.asked() == "red_flag"
    payloads = [b["payload"] for b in runner.last[-1]["buttons"]]
    assert payloads[0] == '/inform{"red_flag": "none"}'
    assert len(payloads) == 9  # none, seven signs, not sure


@pytest.mark.parametrize("cause", CAUSES)
def test_each_cause_is_concluded_from_button_answers(service, cause):
    runner = Runner(service.url)
    runner.say("my legs feel heavy when I run")
    result = runner.answer_until_done({**HEALTHY, **CAUSE_FACTS[cause]})
    assert result["status"] == "complete"
    assert result["causes"][0]["id"] == cause
    top = result["causes"][0]
    assert top["because"] and top["fixes"] and top["sources"]
    expected = "see_doctor" if cause == "iron_deficiency" else "self_care"
    assert result["urgency"] == expected
    assert top["title"] in runner.texts, "the conclusion names the top cause"
    assert any(b["payload"] == "/restart" for m in runner.last for b in m.get("buttons", []))


@pytest.mark.parametrize("flag,urgency", sorted(RED_FLAG_URGENCY.items()))
def test_each_red_flag_answered_gets_its_urgency_and_ends_the_questions(service, flag, urgency):
    runner = Runner(service.url)
    runner.say("heavy legs on my runs")
    assert runner.asked() == "red_flag"
    runner.say(inform("red_flag", flag))
    result = runner.assessment()
    assert result["status"] == "complete"
    assert result["urgency"] == urgency
    assert result["causes"] == []
    assert runner.asked() is None, "no more self-help questions after a danger sign"


@pytest.mark.parametrize("opening,flag,urgency", [
    ("Heavy legs, and my right calf is swollen and red.", "one_leg_swollen", "urgent"),
    ("My legs are heavy and I get chest pain when I run", "chest_pain_breathless", "emergency"),
])
def test_a_volunteered_red_flag_is_escalated_at_once(service, opening, flag, urgency):
    runner = Runner(service.url)
    runner.say(opening)
    result = runner.assessment()
    assert result["findings"]["red_flag"] == flag
    assert result["urgency"] == urgency and result["status"] == "complete"
    assert runner.asked() is None


def test_a_red_flag_mentioned_mid_conversation_stops_the_questions(service):
    runner = Runner(service.url)
    runner.say("legs heavy every run")
    runner.say('/inform{"red_flag": "none"}')
    assert runner.asked() is not None
    runner.say("oh and I nearly passed out yesterday, my heart was racing")
    result = runner.assessment()
    assert result["urgency"] == "emergency" and result["status"] == "complete"


def test_free_text_answers_work_like_buttons(service):
    runner = Runner(service.url)
    runner.say("my legs feel like lead on every run lately")
    typed = {"red_flag": "no, none of those", "sleep_hours": "barely 5, sometimes less"}
    for _ in range(15):
        result = runner.assessment()
        if result["status"] == "complete":
            break
        finding = runner.asked()
        runner.say(typed.get(finding, "not sure"))
    assert result["status"] == "complete"
    assert result["findings"]["sleep_hours"] == "under_6"
    assert result["causes"][0]["id"] == "sleep"


def test_volunteered_facts_are_not_asked_again(service):
    runner = Runner(service.url)
    runner.say("Did squats yesterday and today's run felt like running through mud.")
    asked = []
    result = None
    for _ in range(15):
        result = runner.assessment()
        if result["status"] == "complete":
            break
        asked.append(runner.asked())
        runner.say(inform(asked[-1], HEALTHY.get(asked[-1], "not_sure")))
    assert "leg_day" not in asked
    assert result["findings"]["leg_day"] == "yes"
    assert result["causes"][0]["id"] == "weight_training"


def test_why_do_you_ask_explains_the_question_and_asks_it_again(service):
    runner = Runner(service.url)
    runner.say("my legs are so heavy when running")
    runner.say('/inform{"red_flag": "none"}')
    question = runner.asked()
    runner.say("why do you ask?")
    assert runner.asked() == question
    assert len(runner.last) >= 2, "an explanation, then the question again"


@pytest.mark.parametrize("message,expect", [
    ("are you a bot?", "automated"),
    ("what is carnosine? does the gel work?", "beta-alanine"),
    ("hello", "heavy"),
])
def test_side_questions_are_answered(service, message, expect):
    runner = Runner(service.url)
    runner.say(message)
    assert expect in runner.texts.lower()


def test_carnosine_in_the_middle_resumes_the_form(service):
    runner = Runner(service.url)
    runner.say("legs heavy on every run")
    runner.say('/inform{"red_flag": "none"}')
    question = runner.asked()
    runner.say("should I use a carnosine gel?")
    assert "2023" in runner.texts
    assert runner.asked() == question


def test_gibberish_gets_a_helpful_fallback_not_a_loop(service):
    runner = Runner(service.url)
    runner.say("qwxz zzkj blorp")
    first = runner.texts
    assert first
    runner.say("qwxz zzkj blorp")
    assert runner.texts != first, "the second miss explains what the assistant can do"


def test_an_unreadable_answer_is_asked_again_then_left_as_not_sure(service):
    runner = Runner(service.url)
    runner.say("legs heavy on every run")
    runner.say('/inform{"red_flag": "none"}')
    question = runner.asked()
    runner.say("purple elephants")
    assert runner.asked() == question
    runner.say("purple elephants")
    assert runner.assessment()["findings"][question] == "not_sure"
    assert runner.asked() != question


def test_start_over_resets_the_conversation(service):
    runner = Runner(service.url)
    runner.say("legs heavy")
    runner.say('/inform{"red_flag": "bone_pain"}')
    assert runner.assessment()["status"] == "complete"
    runner.say("/restart")
    result = runner.assessment()
    assert result["status"] == "in_progress" and result["findings"] == {}
    runner.say("my legs feel heavy")
    assert runner.asked() == "red_flag"


def test_a_correction_after_the_conclusion_changes_it(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    runner.answer_until_done({**HEALTHY, "sleep_hours": "under_6"})
    assert runner.assessment()["causes"][0]["id"] == "sleep"
    runner.say("actually I sleep about 8 hours")
    result = runner.assessment()
    assert result["findings"]["sleep_hours"] == "7_to_9"
    assert all(c["id"] != "sleep" for c in result["causes"])
