"""Issue 12 through the HTTP API: runners understood in their own words, and danger signs
in any words never ending in self-care. Against the really trained model and service."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.utils.chat import Runner, inform

pytestmark = pytest.mark.e2e
README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_second_fact_in_an_answer_is_recorded_and_never_asked(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy on every run")
    runner.say("no, none of those")
    asked = runner.asked()
    runner.say(inform(asked, "not_sure"))
    while runner.asked() != "form":
        runner.say(inform(runner.asked(), "not_sure"))
        assert runner.assessment()["status"] == "in_progress"
    runner.say("no my form's fine. also nights are a solid 8")
    findings = runner.assessment()["findings"]
    assert findings["form"] == "no" and findings["sleep_hours"] == "7_to_9"
    assert "sleep" in runner.texts and runner.asked() not in ("form", "sleep_hours")


def test_a_topic_named_answer_binds_to_its_topic_not_to_the_question(service):
    runner = Runner(service.url)
    runner.say("legs heavy lately")
    runner.say(inform("red_flag", "none"))
    asked = runner.asked()
    other = "hydration" if asked != "hydration" else "iron_signs"
    text = {"hydration": "fluids: yeah I drink heaps, always got me bottle on me",
            "iron_signs": "bloods-wise no, I eat red meat and feel fine"}[other]
    runner.say(text)
    findings = runner.assessment()["findings"]
    assert findings[other] == {"hydration": "good", "iron_signs": "no"}[other]
    assert asked not in findings, "the question asked was not answered by it"
    assert runner.asked() == asked, "so it is asked again"
    assert "didn't catch" not in runner.texts


def test_a_message_the_nlu_takes_for_a_start_over_never_loses_the_conversation(service):
    # "rest front" reads to the intent classifier like "restart"; without saying so
    # ("again", "over", "new"...), a runner is never started over.
    runner = Runner(service.url)
    runner.say("fasted runs are my thing but my legs are dead after 10k")
    runner.say(inform("red_flag", "none"))
    asked = runner.asked()
    runner.say("on the rest front, two")
    result = runner.assessment()
    assert result is not None and result["findings"]["red_flag"] == "none"
    assert result["findings"]["rest_days"] == "two_plus"
    assert "start over" not in runner.texts.lower()
    if asked != "rest_days":
        assert runner.asked() == asked, "the question asked comes back"


@pytest.mark.parametrize("words", ["let's start over", "can we start again from scratch"])
def test_a_runner_who_says_start_over_is_started_over(service, words):
    runner = Runner(service.url)
    runner.say("fasted runs are my thing but my legs are dead after 10k")
    runner.say(inform("red_flag", "none"))
    assert runner.assessment()["findings"]
    runner.say(words)
    assert "start over" in runner.texts.lower()
    assert runner.assessment() is None or runner.assessment()["findings"] == {}


def test_palpitations_and_a_blackout_in_non_native_english_end_in_emergency_advice(service):
    runner = Runner(service.url)
    runner.say("my heart start to beat very fast and irregular, like a bird in the chest ... "
               "everything go black for some seconds")
    result = runner.assessment()
    if result["status"] != "complete":  # asked to confirm first, then told
        runner.say("Yes, my heart beat very fast and not regular, and I almost fall down")
        result = runner.assessment()
    assert result["status"] == "complete" and result["urgency"] == "emergency"
    assert result["causes"] == []
    assert "emergency" in runner.texts.lower()


def test_the_same_sign_given_only_at_the_safety_check_is_caught(service):
    runner = Runner(service.url)
    runner.say("my legs are heavy when I run")
    runner.say("Yes, my heart beat very fast and not regular, and I almost fall down")
    result = runner.assessment()
    assert result["status"] == "complete" and result["urgency"] == "emergency"
    assert "didn't catch" not in runner.texts


def test_a_minimised_one_sided_swollen_calf_ends_in_urgent_advice(service):
    runner = Runner(service.url)
    runner.say("legs a bit heavy, it's probably nothing, my left calf is just a bit swollen")
    result = runner.assessment()
    assert result["status"] == "complete" and result["urgency"] == "urgent"


def test_an_unclear_safety_check_is_asked_again_then_never_self_care(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    runner.say("hmm, sort of, maybe")
    assert runner.asked() == "red_flag", "asked again in simpler words"
    runner.say("I don't know really")
    result = runner.answer_until_done({}, by="button")
    assert result["findings"]["red_flag"] == "not_sure"
    assert result["urgency"] == "see_doctor"


def test_go_back_changes_the_last_answer(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    runner.say(inform("red_flag", "none"))
    first = runner.asked()
    runner.say(inform(first, "not_sure"))
    runner.say("go back")
    assert runner.asked() == first and first not in runner.assessment()["findings"]


def readme_conversation() -> list[tuple[str, str]]:
    """(who, text) lines of the README's example conversation."""
    text = README.read_text()
    block = text[text.index("## A conversation"):]
    block = block[block.index("```") + 3:]
    block = block[:block.index("```")]
    lines = []
    for line in block.splitlines():
        match = re.match(r"^(runner|bot)>\s+(.*)$", line)
        if match:
            lines.append((match.group(1), match.group(2)))
        elif lines and line.startswith(" " * 8):
            lines[-1] = (lines[-1][0], lines[-1][1] + " " + line.strip())
    return lines


def test_the_readme_example_conversation_happens_as_written(service):
    """Each runner line of the README is sent; the first words of each bot line must
    start one of the replies, and the conclusion must rank what the README shows."""
    runner = Runner(service.url)
    lines = readme_conversation()
    assert sum(who == "runner" for who, _ in lines) >= 5
    expected_replies: list[str] = []
    for who, text in lines + [("runner", "")]:
        if who == "bot":
            expected_replies.append(text)
            continue
        if expected_replies:
            said = [m.get("text") or "" for m in runner.last]
            for expected in expected_replies:
                start = re.split(r"\s*(?:\[|\.\.\.)", expected)[0][:40].strip()
                assert any(s.startswith(start) for s in said), (start, said)
        expected_replies = []
        if text:
            runner.say(text)
    result = runner.assessment()
    assert result["status"] == "complete"
    assert [c["id"] for c in result["causes"][:3]] == ["sleep", "circulation", "insufficient_rest"]
