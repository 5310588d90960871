"""Small talk and side questions: greeting, thanks, goodbye, "are you a bot?",
"why do you ask?", carnosine, the session's opening notice and the fallback."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, FollowupAction, SessionStarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import RESTART_BUTTON
from bot.actions.tracker_findings import (
    said_before,
    said_last_turn,
    start_triage_if_about_legs,
    talks_about_legs,
)
from bot.triage import default_knowledge


class Say(Action, ABC):
    """Says one text of data/knowledge/answers.yml: the one keyed `answer`."""

    answer: str = ""
    # Whether a message of this kind that also describes the problem starts the triage.
    opens_triage: bool = True

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=default_knowledge().answer(self.answer))
        return start_triage_if_about_legs(tracker) if self.opens_triage else []


class ActionGreet(Say):
    """Greets once; a later greeting ("hmm", "hi?") gets help instead of a loop."""

    answer = "greet"

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if said_before(tracker, default_knowledge().answer("greet")):
            return await ActionFallback().run(dispatcher, tracker, domain)
        return await super().run(dispatcher, tracker, domain)


class ActionThanks(Say):
    answer, opens_triage = "thanks", False

    def name(self) -> str:
        return "action_thanks"


class ActionGoodbye(Say):
    answer, opens_triage = "goodbye", False

    def name(self) -> str:
        return "action_goodbye"


class ActionBotChallenge(Say):
    answer = "bot_challenge"

    def name(self) -> str:
        return "action_bot_challenge"


class ActionCarnosine(Action):
    """The honest answer about carnosine and the carnosine gel, with its sources."""

    def name(self) -> str:
        return "action_carnosine"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        knowledge = default_knowledge()
        sources = "\n".join(knowledge.answers["carnosine_sources"])
        dispatcher.utter_message(text=f"{knowledge.answer('carnosine')}\nSources:\n{sources}")
        return start_triage_if_about_legs(tracker)


class ActionSessionStart(Action):
    """Opens every conversation with the one-line "not medical advice" notice."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=default_knowledge().answer("disclaimer"))
        return [SessionStarted(), ActionExecuted("action_listen")]


class ActionFallback(Action):
    """A message the assistant is unsure about, outside the triage.

    If it still sounds like a runner describing their legs, the triage starts anyway.
    Otherwise the assistant offers the two likeliest readings as buttons (a two-stage
    fallback), and after a second miss in a row says plainly what it can do and offers
    to start over, so the conversation never loops on the same apology.
    """

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if talks_about_legs(tracker):
            return [FollowupAction("triage_form")]
        knowledge = default_knowledge()
        readings = likeliest_readings(tracker, knowledge.answers["intent_readings"])
        if said_last_turn(tracker, knowledge.answer("two_stage_fallback")) or \
                said_last_turn(tracker, knowledge.answer("fallback")):
            dispatcher.utter_message(text=knowledge.answer("fallback_final"),
                                     buttons=[RESTART_BUTTON])
        elif readings:
            dispatcher.utter_message(text=knowledge.answer("two_stage_fallback"), buttons=[
                {"title": title, "payload": f"/{intent}"} for intent, title in readings])
        else:
            dispatcher.utter_message(text=knowledge.answer("fallback"))
        return []


def likeliest_readings(tracker: Tracker, readings: dict[str, str], count: int = 2,
                       floor: float = 0.1) -> list[tuple[str, str]]:
    """The `count` likeliest intents that have a reading, above a small confidence floor."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    likely = [(r["name"], readings[r["name"]]) for r in ranking
              if r.get("name") in readings and (r.get("confidence") or 0) >= floor]
    return likely[:count]
