"""Small talk and side questions: greeting, thanks, goodbye, "are you a bot?",
"why do you ask?", carnosine, the session's opening notice and the fallback."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, FollowupAction, SessionStarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import RESTART_BUTTON
from bot.actions.tracker_findings import latest_text, said_last_turn
from bot.triage import default_knowledge
from bot.understanding import extract_findings, mentions_running_trouble


class Say(Action, ABC):
    """Says one text of data/knowledge/answers.yml: the one keyed `answer`."""

    answer: str = ""

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=default_knowledge().answer(self.answer))
        return []


class ActionGreet(Say):
    answer = "greet"

    def name(self) -> str:
        return "action_greet"


class ActionThanks(Say):
    answer = "thanks"

    def name(self) -> str:
        return "action_thanks"


class ActionGoodbye(Say):
    answer = "goodbye"

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
        return []


class ActionExplainQuestion(Action):
    """Answers "why do you ask?" about the question in progress."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        knowledge = default_knowledge()
        requested = tracker.get_slot("requested_slot")
        finding = knowledge.findings.get(requested) if tracker.active_loop_name else None
        dispatcher.utter_message(text=finding.help if finding else knowledge.answer("why_general"))
        return []


class ActionSessionStart(Action):
    """Opens every conversation with the one-line "not medical advice" notice."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=default_knowledge().answer("disclaimer"))
        return [SessionStarted(), ActionExecuted("action_listen")]


class ActionFallback(Action):
    """A message the assistant did not understand outside the triage.

    If it still sounds like a runner describing their legs, the triage starts anyway;
    otherwise the assistant says what it can do, and after repeated misses offers to
    start over, so the conversation never loops on the same apology.
    """

    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = latest_text(tracker)
        if extract_findings(text) or mentions_running_trouble(text):
            return [FollowupAction("triage_form")]
        knowledge = default_knowledge()
        if said_last_turn(tracker, knowledge.answer("fallback")):
            dispatcher.utter_message(text=knowledge.answer("fallback_final"),
                                     buttons=[RESTART_BUTTON])
        else:
            dispatcher.utter_message(text=knowledge.answer("fallback"))
        return []
