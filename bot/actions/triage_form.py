"""The triage form: which finding to ask next, and reading free-text answers."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.tracker_findings import (
    SIDE_QUESTIONS,
    findings_of,
    latest_intent,
    latest_text,
    said_last_turn,
)
from bot.triage import default_knowledge, default_policy
from bot.triage.contract import FINDINGS, NOT_SURE, is_valid
from bot.understanding import parse_answer

# Intents that are read as an answer only when the text clearly answers the question.
ANSWER_IF_READABLE = frozenset({"greet", "thank", "goodbye", "out_of_scope"})


class ValidateTriageForm(FormValidationAction):
    """Validation action of `triage_form`, with dynamic required slots."""

    def name(self) -> str:
        return "validate_triage_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher,
        tracker: Tracker, domain: DomainDict,
    ) -> list[str]:
        """Known findings first (so they are validated), then what is still worth asking."""
        known = findings_of(tracker)
        filled = [f for f in FINDINGS if tracker.get_slot(f) is not None]
        return filled + default_policy().remaining(known, default_knowledge())

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> list[EventType]:
        """Reads the latest message as an answer to the question just asked."""
        requested = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        if requested not in FINDINGS or intent in SIDE_QUESTIONS:
            return []
        if requested in tracker.slots_to_validate():
            return []  # a button or a volunteered fact answered it
        value = parse_answer(requested, latest_text(tracker))
        if value is not None:
            return [SlotSet(requested, value)]
        if intent in ANSWER_IF_READABLE:
            return []  # let the rules answer the greeting, thanks or goodbye
        return self._unread_answer(requested, dispatcher, tracker)

    @staticmethod
    def _unread_answer(requested: str, dispatcher: CollectingDispatcher,
                       tracker: Tracker) -> list[EventType]:
        """First miss: apologise and ask again. Second miss in a row: note "not sure", move on."""
        knowledge = default_knowledge()
        apology = knowledge.answer("didnt_understand_answer")
        if said_last_turn(tracker, apology):
            dispatcher.utter_message(text=knowledge.answer("moving_on"))
            return [SlotSet(requested, NOT_SURE)]
        dispatcher.utter_message(text=apology)
        return [SlotSet(requested, None)]


def previous_value(tracker: Tracker, finding: str) -> Any:
    """The value `finding` had before the latest user message."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=0)
    return next((e.get("value") for e in reversed(events[:last_user])
                 if e.get("event") == "slot" and e.get("name") == finding), None)


def _validator(finding: str):
    def validate(self: Any, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                 domain: DomainDict) -> dict[str, Any]:
        # A value outside the contract (a hand-made /inform payload) is dropped: an earlier
        # answer stands, otherwise the question is asked again.
        before = previous_value(tracker, finding)
        if not is_valid(finding, value):
            return {finding: before if is_valid(finding, before) else None}
        if is_valid(finding, before) and before != value:
            title = default_knowledge().findings[finding].title_of(value)
            dispatcher.utter_message(text=default_knowledge().answer("updated").format(
                answer=title.lower()))
        return {finding: value}

    validate.__name__ = f"validate_{finding}"
    validate.__doc__ = f"Keeps `{finding}` to the contract's values."
    return validate


for _finding in FINDINGS:
    setattr(ValidateTriageForm, f"validate_{_finding}", _validator(_finding))
