"""Explanations on request, on tracker fixtures."""
from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher

from bot.actions.explain import (
    ActionExplainQuestion,
    ActionExplainTerm,
    ActionHowToFix,
    ActionTellMore,
)
from bot.triage import default_knowledge
from tests.bot.actions.trackers import DOMAIN, tracker


def say(action, t) -> dict:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, t, DOMAIN))
    [message] = dispatcher.messages
    return message


def test_why_do_you_ask_explains_the_requested_finding():
    message = say(ActionExplainQuestion(), tracker("asked_sleep"))
    assert message["text"] == default_knowledge().findings["sleep_hours"].help


def test_a_known_term_is_explained():
    message = say(ActionExplainTerm(), tracker("asked_sleep", text="what does overstriding mean?"))
    assert message["text"] == default_knowledge().term("overstriding").text


def test_an_unknown_term_falls_back_to_the_question_in_progress():
    message = say(ActionExplainTerm(), tracker("asked_sleep", text="what does that mean?"))
    assert message["text"] == default_knowledge().findings["sleep_hours"].help


def test_tell_me_more_without_a_name_explains_the_top_cause_and_why_it_fits():
    t = tracker("asked_sleep", text="tell me more", slots={"sleep_hours": "under_6"})
    message = say(ActionTellMore(), t)
    cause = default_knowledge().cause("sleep")
    assert message["text"].startswith(f"{cause.title}: {cause.explanation}")
    assert "Why it fits you" in message["text"]


def test_tell_me_more_about_a_named_cause():
    t = tracker("asked_sleep", text="tell me more about the iron thing",
                slots={"sleep_hours": "under_6"})
    assert say(ActionTellMore(), t)["text"].startswith(default_knowledge().cause("iron_deficiency").title)


def test_a_button_entity_picks_the_cause():
    t = tracker("asked_sleep", text='/ask_fix{"cause": "dehydration"}')
    t.latest_message["entities"] = [{"entity": "cause", "value": "dehydration"}]
    message = say(ActionHowToFix(), t)
    for fix in default_knowledge().cause("dehydration").fixes:
        assert fix in message["text"]


def test_no_cause_yet_says_what_it_needs():
    t = tracker("asked_sleep", text="how do I fix it?")
    assert say(ActionHowToFix(), t)["text"] == default_knowledge().answer("more_needs_answers")
