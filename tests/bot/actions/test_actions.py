"""The other actions on tracker fixtures: questions, conclusion, side questions."""
from __future__ import annotations

import asyncio
import json

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.ask import ASK_ACTIONS
from bot.actions.assessment import ActionGiveAssessment
from bot.actions.conversation import ActionCarnosine, ActionFallback
from bot.triage.contract import FINDINGS
from tests.bot.actions.trackers import DOMAIN, slot_events, tracker


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, DOMAIN))
    return events, dispatcher.messages


@pytest.mark.parametrize("action_class", ASK_ACTIONS)
def test_each_question_has_one_button_per_contract_value(action_class):
    action = action_class()
    finding = action.name().removeprefix("action_ask_")
    _, [message] = run(action, tracker("asked_sleep"))
    values = [json.loads(b["payload"].removeprefix("/inform"))[finding]
              for b in message["buttons"]]
    assert values == [*FINDINGS[finding], "not_sure"]
    assert message["text"].endswith("?")


def test_the_conclusion_ranks_causes_with_why_fixes_and_sources():
    events, messages = run(ActionGiveAssessment(), tracker(
        "asked_sleep", slots={"sleep_hours": "under_6", "warm_up": "no"}))
    assert slot_events(events) == {"assessment_status": "complete"}
    text = "\n".join(m.get("text") or "" for m in messages)
    assert text.index("Why it fits") < text.index("What to do") < text.index("Sources")
    assert "https://www.nhlbi.nih.gov/health/sleep-deprivation" in text
    custom = next(m["custom"] for m in messages if m.get("custom"))
    assert [c["id"] for c in custom["causes"]] == ["sleep", "circulation"]
    payloads = [b["payload"] for b in messages[-1]["buttons"]]
    assert payloads == ['/ask_more{"cause": "sleep"}', '/ask_more{"cause": "circulation"}',
                        "/restart"]


def test_a_red_flag_conclusion_gives_advice_and_no_causes():
    _, messages = run(ActionGiveAssessment(), tracker(
        "asked_sleep", slots={"red_flag": "chest_pain_breathless", "sleep_hours": "under_6"}))
    custom = next(m["custom"] for m in messages if m.get("custom"))
    assert custom["urgency"] == "emergency" and custom["causes"] == []
    assert "emergency" in messages[0]["text"].lower()


def test_carnosine_answer_cites_its_sources():
    _, [message] = run(ActionCarnosine(), tracker("asked_sleep"))
    assert "https://" in message["text"] and "beta-alanine" in message["text"]


def test_fallback_starts_the_triage_when_the_runner_talks_about_their_legs():
    events, messages = run(ActionFallback(), tracker("asked_sleep", text="legz realy heavy wen i run"))
    assert events == [{"event": "followup", "name": "triage_form", "timestamp": None}]
    assert messages == []


def test_fallback_explains_itself_then_offers_to_start_over():
    question = "what's the capital of peru"
    _, [first] = run(ActionFallback(), tracker("asked_sleep", text=question))
    assert "heavy" in first["text"] and not first.get("buttons")
    _, [second] = run(ActionFallback(), tracker("asked_sleep", text=question,
                                                bot_said_before=first["text"]))
    assert second["text"] != first["text"]
    assert second["buttons"][0]["payload"] == "/restart"


def test_an_unsure_reading_offers_the_two_likeliest_as_buttons():
    t = tracker("asked_sleep", text="hmm right so", intent="nlu_fallback")
    t.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.7}, {"name": "thank", "confidence": 0.25},
        {"name": "greet", "confidence": 0.2}, {"name": "goodbye", "confidence": 0.05}]
    _, [message] = run(ActionFallback(), t)
    assert [b["payload"] for b in message["buttons"]] == ["/thank", "/greet"]


def test_a_greeting_that_describes_the_problem_starts_the_triage():
    from bot.actions.conversation import ActionGreet

    t = tracker("asked_sleep", text="hi, my legs feel heavy on every run", intent="greet")
    t.active_loop = {}
    events, messages = run(ActionGreet(), t)
    assert events == [{"event": "followup", "name": "triage_form", "timestamp": None}]
    assert messages[0]["text"].startswith("Hi")


def test_a_greeting_after_the_conclusion_does_not_restart_the_questions():
    from bot.actions.conversation import ActionGreet

    t = tracker("asked_sleep", text="hi, my legs feel heavy", intent="greet",
                slots={"assessment_status": "complete"})
    t.active_loop = {}
    events, _ = run(ActionGreet(), t)
    assert events == []
