"""`action_ask_<finding>`: one question per finding, worded in data/knowledge/findings.yml."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import question
from bot.triage import default_knowledge
from bot.triage.contract import FINDINGS


class AskFinding(Action, ABC):
    """Asks about `finding`, with a quick-reply button for each of its values."""

    finding: str = ""

    @abstractmethod
    def name(self) -> str: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(**question(self.finding, default_knowledge()))
        return []


# One concrete action class per finding, so the action server can register each by name.
def _ask_action(finding: str) -> type[AskFinding]:
    def name(self: AskFinding) -> str:
        return f"action_ask_{finding}"

    return type(f"Ask_{finding}", (AskFinding,),
                {"finding": finding, "name": name, "__module__": __name__})


ASK_ACTIONS = [_ask_action(finding) for finding in FINDINGS]
