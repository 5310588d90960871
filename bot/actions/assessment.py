"""`action_give_assessment`: the conclusion of the triage."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import assessment_messages
from bot.actions.tracker_findings import findings_of
from bot.triage import assess, default_knowledge

COMPLETE = "complete"


class ActionGiveAssessment(Action):
    """Says the ranked causes (or the red-flag advice) and marks the assessment complete."""

    def name(self) -> str:
        return "action_give_assessment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        knowledge = default_knowledge()
        findings = findings_of(tracker)
        for message in assessment_messages(assess(findings, knowledge), knowledge, findings):
            dispatcher.utter_message(**message)
        return [SlotSet("assessment_status", COMPLETE)]
