"""Conversation skills: corrections, several facts at once, side questions mid-form,
explanations after the conclusion, the two-stage fallback."""
from __future__ import annotations

import pytest

from tests.utils.chat import Runner, inform
from tests.utils.facts import HEALTHY

pytestmark = pytest.mark.e2e


def test_several_facts_in_one_message_fill_several_findings(service):
    runner = Runner(service.url)
    runner.say("my legs are heavy, I don't warm up, and I only sleep 5 hours")
    findings = runner.assessment()["findings"]
    assert findings["warm_up"] == "no" and findings["sleep_hours"] == "under_6"


def test_a_correction_mid_form_changes_the_finding(service):
    runner = Runner(service.url)
    runner.say("legs heavy, I only sleep 5 hours")
    runner.say(inform("red_flag", "none"))
    runner.say("actually I sleep about 8 hours")
    assert runner.assessment()["findings"]["sleep_hours"] == "7_to_9"
    result = runner.answer_until_done(HEALTHY)
    assert all(c["id"] != "sleep" for c in result["causes"])


def test_what_does_a_word_mean_is_answered_and_the_question_resumes(service):
    runner = Runner(service.url)
    runner.say("heavy legs every run")
    runner.say(inform("red_flag", "none"))
    question = runner.asked()
    runner.say("what does overstriding mean?")
    assert "foot" in runner.texts.lower()
    assert runner.asked() == question


def test_tell_me_more_and_how_to_fix_after_the_conclusion(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    runner.answer_until_done({**HEALTHY, "hydration": "poor"})
    more = [b for m in runner.last for b in m.get("buttons", []) if b["payload"].startswith("/ask_more")]
    assert more and "dehydration" in more[0]["payload"]
    runner.say("tell me more")
    assert "Why it fits you" in runner.texts
    runner.say("how do I fix it?")
    assert "What to do about" in runner.texts and "https://" in runner.texts
    runner.say("tell me more about sleep")
    assert runner.texts.startswith("Lack of sleep")


def test_repeated_unclear_messages_get_different_help_never_a_loop(service):
    runner = Runner(service.url)
    replies = []
    for _ in range(3):
        runner.say("hmm")
        replies.append(runner.texts)
    assert len(set(replies)) == 3, replies
    assert any(b["payload"] == "/restart" for m in runner.last for b in m.get("buttons", []))


def test_an_unclear_message_offers_its_two_likeliest_readings(service):
    runner = Runner(service.url)
    runner.say("asdf qwerty")
    buttons = [b for m in runner.last for b in m.get("buttons", [])]
    assert len(buttons) == 2 and all(b["payload"].startswith("/") for b in buttons)


@pytest.mark.parametrize("opening", [
    "hi there, why do my legs feel so heavy when I run?",
    "my legs feel like concrete when I start running, what's going on?",
    "hello! my legs have been dead on every jog this week",
    "how do I fix heavy legs on my runs?",
])
def test_an_opening_that_also_describes_the_problem_starts_the_triage(service, opening):
    runner = Runner(service.url)
    runner.say(opening)
    assert runner.asked() == "red_flag", runner.last
