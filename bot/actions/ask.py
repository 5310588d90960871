"""`action_ask_<finding>`: one question per finding, worded in data/knowledge/findings.yml,
as the turn chose to word it (first time, in other words, or checking a guess)."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import question
from bot.listening import Dialogue
from bot.triage import default_knowledge


class AskFinding(Action, ABC):
    """Asks about `finding`, with a quick-reply button for each of its values. Abstract:
    each subclass names its finding, so the action server registers it by name."""

    @property
    @abstractmethod
    def finding(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.finding}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dialogue = Dialogue.from_dict(tracker.get_slot("listening"))
        phrasing, guess = ((dialogue.phrasing, dialogue.guess) if dialogue.asked == self.finding
                           else ("ask", None))
        dispatcher.utter_message(**question(self.finding, default_knowledge(), phrasing, guess))
        return []


class AskRedFlag(AskFinding):
    finding = "red_flag"


class AskOnset(AskFinding):
    finding = "onset"


class AskWarmUp(AskFinding):
    finding = "warm_up"


class AskLoadChange(AskFinding):
    finding = "load_change"


class AskSleepHours(AskFinding):
    finding = "sleep_hours"


class AskFuel(AskFinding):
    finding = "fuel"


class AskHydration(AskFinding):
    finding = "hydration"


class AskForm(AskFinding):
    finding = "form"


class AskIronSigns(AskFinding):
    finding = "iron_signs"


class AskLegDay(AskFinding):
    finding = "leg_day"


class AskRestDays(AskFinding):
    finding = "rest_days"


ASK_ACTIONS = [AskRedFlag, AskOnset, AskWarmUp, AskLoadChange, AskSleepHours, AskFuel,
               AskHydration, AskForm, AskIronSigns, AskLegDay, AskRestDays]
