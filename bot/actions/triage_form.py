"""The triage form's validation action: each message becomes one turn of
`bot.listening.take_turn`, the only place where a message becomes findings."""
from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.tracker_findings import SIDE_QUESTIONS, findings_of, latest_intent, latest_text
from bot.listening import Dialogue, default_learned, take_turn
from bot.triage import default_knowledge, default_policy
from bot.triage.contract import FINDINGS

# Intents the rules answer (greeting, thanks...): a message of theirs that tells nothing
# is left to them, the form stepping aside (Rasa rejects a form run that sets no slot).
ANSWERED_BY_RULES = frozenset({"greet", "thank", "goodbye", "out_of_scope"})
# What a runner who wants to start over says, beyond a bare "start" ("right from the start").
STARTING_OVER = re.compile(r"\b(?:over|again|restart|reset|afresh|scratch|new|begin)\b|^/", re.I)
LISTENING = "listening"  # the slot holding the turn's Dialogue between messages
REQUESTED = "requested_slot"


FORM_STEPS = frozenset({"action_listen", "action_extract_slots", "triage_form",
                        "validate_triage_form"})


def user_messages(tracker: Tracker) -> int:
    return sum(1 for event in tracker.events if event.get("event") == "user")


def side_question_before(tracker: Tracker) -> bool:
    """Whether the runner's previous message was a side question too: a second one in a row
    ("don't know what good form looks like", read as "what do you mean?") is read as a
    reply, or the explanation and the question would take turns for ever."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return False
    intent = ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name")
    return intent in SIDE_QUESTIONS and intent != "start_over"


def answered_since_message(tracker: Tracker) -> bool:
    """Whether another action (a rule's answer) ran since the latest user message: then the
    form is resuming after it, not seeing the message first."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") not in FORM_STEPS:
            return True
    return False


class ValidateTriageForm(Action):
    """`validate_triage_form`: reads the latest message once, sets the findings it changes
    and the question to ask next (`requested_slot`; None ends the form and the rules give
    the conclusion).

    Rasa calls it again when the form resumes after a side question ("why do you ask?"):
    a message already read is not read twice; the pending question is asked again.
    """

    def name(self) -> str:
        return "validate_triage_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        state = tracker.get_slot(LISTENING) or {}
        dialogue = Dialogue.from_dict(state)
        requested = tracker.get_slot(REQUESTED)
        if requested in FINDINGS and dialogue.asked != requested:
            dialogue = Dialogue(asked=requested, answered=dialogue.answered,  # the form's word
                                guesses=dialogue.guesses)
        seen = user_messages(tracker)
        findings = findings_of(tracker)
        if state.get("read") == seen:  # resumed after a side question: ask again
            return [SlotSet(REQUESTED, dialogue.asked)] if dialogue.asked else []
        intent = latest_intent(tracker)
        first_call = not answered_since_message(tracker)
        text = latest_text(tracker)
        if intent in SIDE_QUESTIONS and intent != "start_over" and side_question_before(tracker):
            intent = None  # asked twice in a row: a reply, read as any message
        if intent in SIDE_QUESTIONS and first_call and tracker.active_loop_name:
            if intent != "start_over" or STARTING_OVER.search(text):
                return []  # the rules answer it first; the form resumes and reads it then
            # Classified as a start over without saying so ("right from the start", "on the
            # rest front, two"): a message like any other, never a lost conversation.
            intent = None
        turn = take_turn(findings, dialogue, text, default_knowledge(), default_policy(),
                         side_question=intent in SIDE_QUESTIONS, learned=default_learned())
        if intent in ANSWERED_BY_RULES and first_call and tracker.active_loop_name and \
                turn.findings == findings:
            return []  # "hi" or "thanks" mid-triage: the rules answer, the question comes back
        for line in turn.said:
            dispatcher.utter_message(text=line)
        events: list[EventType] = [SlotSet(f, turn.findings.get(f)) for f in FINDINGS
                                   if tracker.get_slot(f) != turn.findings.get(f)]
        events.append(SlotSet(LISTENING, {**turn.dialogue.as_dict(), "read": seen}))
        events.append(SlotSet(REQUESTED, turn.next))
        return events
