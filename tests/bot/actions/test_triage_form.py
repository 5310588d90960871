"""ValidateTriageForm on tracker fixtures: exact events and messages. The turn logic itself
is tested in tests/bot/listening; these check the action's use of slots and events."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.triage_form import ValidateTriageForm
from tests.bot.actions.trackers import DOMAIN, slot_events, tracker


def run(t) -> tuple[dict, list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateTriageForm().run(dispatcher, t, DOMAIN))
    return slot_events(events), dispatcher.messages, events


def test_a_typed_number_fills_the_question_and_asks_the_next():
    slots, messages, _ = run(tracker("asked_sleep"))
    assert slots["sleep_hours"] == "under_6"
    assert slots["requested_slot"] not in (None, "sleep_hours", "red_flag")
    assert messages == []
    assert slots["listening"]["read"] == 1 and slots["listening"]["asked"] == slots["requested_slot"]


def test_no_to_the_red_flag_screen_means_none():
    slots, _, _ = run(tracker("asked_red_flag"))
    assert slots["red_flag"] == "none"
    assert slots["requested_slot"] == "sleep_hours"


def test_a_red_flag_in_words_ends_the_form():
    slots, _, _ = run(tracker("asked_sleep", text="about 7 hours but my calf is swollen"))
    assert slots["red_flag"] == "one_leg_swollen"
    assert slots["requested_slot"] is None


def test_an_unreadable_answer_is_asked_again_in_other_words_with_an_apology():
    slots, messages, _ = run(tracker("asked_sleep", text="purple elephants"))
    assert "sleep_hours" not in slots
    assert slots["requested_slot"] == "sleep_hours"
    assert slots["listening"]["phrasing"] == "again" and slots["listening"]["misses"] == 1
    assert "didn't catch" in messages[0]["text"]


def test_a_second_unreadable_answer_records_not_sure_and_moves_on():
    listening = {"asked": "sleep_hours", "phrasing": "again", "misses": 1, "read": 0}
    slots, messages, _ = run(tracker("asked_sleep", text="purple elephants",
                                     slots={"listening": listening}))
    assert slots["sleep_hours"] == "not_sure"
    assert slots["requested_slot"] != "sleep_hours"
    assert "not sure" in messages[0]["text"]


@pytest.mark.parametrize("intent", ["ask_why", "ask_carnosine", "bot_challenge"])
def test_side_questions_are_left_to_the_rules_first(intent):
    slots, messages, events = run(tracker("asked_sleep", text="why do you ask about 5 hours?",
                                          intent=intent))
    assert events == [] and messages == [], "the form steps aside: the rules answer"


def test_a_message_already_read_is_not_read_again_when_the_form_resumes():
    t = tracker("asked_sleep", text="about 5 hours",
                slots={"listening": {"asked": "sleep_hours", "read": 1}})
    slots, messages, _ = run(t)
    assert slots == {"requested_slot": "sleep_hours"} and messages == []


def test_a_value_outside_the_contract_is_not_recorded():
    slots, _, _ = run(tracker("asked_sleep", text='/inform{"sleep_hours": "lots"}'))
    assert "sleep_hours" not in slots
    assert slots["requested_slot"] == "sleep_hours"


def test_a_value_outside_the_contract_keeps_an_earlier_answer():
    slots, _, _ = run(tracker("asked_sleep", text='/inform{"red_flag": {"x": 1}}'))
    assert "red_flag" not in slots, "red_flag=none (set before) stands"


def test_a_button_answer_is_kept_as_is():
    slots, _, _ = run(tracker("asked_sleep", text='/inform{"sleep_hours": "over_9"}'))
    assert slots["sleep_hours"] == "over_9"


def test_a_correction_is_acknowledged():
    t = tracker("asked_sleep", text="actually I sleep about 8 hours",
                slots={"sleep_hours": "under_6", "requested_slot": "leg_day"})
    slots, messages, _ = run(t)
    assert slots["sleep_hours"] == "7_to_9"
    assert messages[0]["text"] == "Got it, I've changed that: you sleep 7-9 hours."


def test_a_start_over_that_answers_the_question_is_the_answer():
    listening = {"asked": "onset", "read": 0}
    slots, _, _ = run(tracker("asked_sleep", text="right from the start", intent="start_over",
                              slots={"listening": listening, "requested_slot": "onset"}))
    assert slots["onset"] == "from_start"
    slots, _, events = run(tracker("asked_sleep", text="start over please", intent="start_over",
                                   slots={"listening": listening, "requested_slot": "onset"}))
    assert events == [], "a real start over is left to the rules"


def test_a_second_side_question_in_a_row_is_read_as_a_reply():
    # "don't know what good form looks like" read as "what do you mean?" every time: the
    # rules explained and the form asked again, for ever (found on final7 through HTTP).
    t = tracker("asked_sleep", text="don't know, never counted", intent="ask_meaning",
                bot_said_before="Getting enough sleep matters because...")
    t.events[0]["parse_data"] = {"intent": {"name": "ask_meaning"}}
    slots, _, events = run(t)
    assert events, "not left to the rules a second time"
    assert slots["sleep_hours"] == "not_sure" and slots["requested_slot"] != "sleep_hours"
