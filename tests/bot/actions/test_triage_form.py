"""ValidateTriageForm on tracker fixtures: exact events and messages."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.triage_form import ValidateTriageForm
from bot.triage import default_knowledge
from tests.bot.actions.trackers import DOMAIN, slot_events, tracker


def run(t) -> tuple[dict, list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateTriageForm().run(dispatcher, t, DOMAIN))
    return slot_events(events), dispatcher.messages


def test_a_typed_number_fills_the_question_and_asks_the_next():
    slots, messages = run(tracker("asked_sleep"))
    assert slots["sleep_hours"] == "under_6"
    assert slots["requested_slot"] not in (None, "sleep_hours", "red_flag")
    assert messages == []


def test_no_to_the_red_flag_screen_means_none():
    slots, _ = run(tracker("asked_red_flag"))
    assert slots["red_flag"] == "none"
    assert slots["requested_slot"] == "sleep_hours"


def test_a_red_flag_candidate_ends_the_form():
    slots, _ = run(tracker("asked_sleep", text="my calf is swollen",
                           candidates={"red_flag": "one_leg_swollen"}))
    assert slots["red_flag"] == "one_leg_swollen"
    assert slots["requested_slot"] is None


def test_an_unreadable_answer_is_asked_again_with_an_apology():
    slots, messages = run(tracker("asked_sleep", text="purple elephants"))
    assert slots["sleep_hours"] is None
    assert slots["requested_slot"] == "sleep_hours"
    assert "didn't catch" in messages[0]["text"]


def test_a_second_unreadable_answer_records_not_sure_and_moves_on():
    apology = default_knowledge().answer("didnt_understand_answer")
    slots, messages = run(tracker("asked_sleep", text="purple elephants", bot_said_before=apology))
    assert slots["sleep_hours"] == "not_sure"
    assert slots["requested_slot"] != "sleep_hours"
    assert "not sure" in messages[0]["text"]


@pytest.mark.parametrize("intent", ["ask_why", "ask_carnosine", "bot_challenge"])
def test_side_questions_are_not_read_as_answers(intent):
    slots, messages = run(tracker("asked_sleep", text="why do you ask about 5 hours?",
                                  intent=intent))
    assert "sleep_hours" not in slots
    assert messages == []


def test_a_value_outside_the_contract_is_rejected():
    slots, _ = run(tracker("asked_sleep", text='/inform{"sleep_hours": "lots"}',
                           candidates={"sleep_hours": "lots"}))
    assert slots["sleep_hours"] is None


def test_a_value_outside_the_contract_keeps_an_earlier_answer():
    t = tracker("asked_sleep", text='/inform{"red_flag": {"x": 1}}',
                candidates={"red_flag": {"x": 1}})
    t.events.insert(0, {"event": "slot", "name": "red_flag", "value": "none"})
    slots, _ = run(t)
    assert slots["red_flag"] == "none", "the earlier answer (events before this message) stands"


def test_a_button_answer_is_kept_as_is():
    slots, _ = run(tracker("asked_sleep", text='/inform{"sleep_hours": "over_9"}',
                           candidates={"sleep_hours": "over_9"}))
    assert slots["sleep_hours"] == "over_9"


def test_a_correction_is_acknowledged():
    t = tracker("asked_sleep", text="actually I sleep about 8 hours",
                candidates={"sleep_hours": "7_to_9"})
    t.events.insert(0, {"event": "slot", "name": "sleep_hours", "value": "under_6"})
    slots, messages = run(t)
    assert slots["sleep_hours"] == "7_to_9"
    assert messages[0]["text"] == "Got it, I've updated that to: 7-9 hours."
