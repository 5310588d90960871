"""Reading findings and answers off a rasa_sdk tracker."""
from __future__ import annotations

from rasa_sdk import Tracker

from bot.triage.contract import FINDINGS, is_valid

# Intents that are never an answer to the current question: the assistant answers them
# and asks the question again.
SIDE_QUESTIONS = frozenset({"ask_why", "ask_carnosine", "ask_more", "ask_fix", "ask_meaning",
                            "bot_challenge", "restart"})


def findings_of(tracker: Tracker) -> dict[str, str]:
    """The findings known so far: every finding slot holding a contract value."""
    return {f: tracker.get_slot(f) for f in FINDINGS if is_valid(f, tracker.get_slot(f))}


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def said_last_turn(tracker: Tracker, text: str) -> bool:
    """Whether the bot said `text` in its reply to the previous user message.

    Lets an action notice a second miss in a row without keeping a counter slot.
    """
    events = tracker.events
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return False
    previous_turn = events[users[-2] + 1:users[-1]]
    return any(e.get("event") == "bot" and e.get("text") == text for e in previous_turn)


def said_before(tracker: Tracker, text: str) -> bool:
    """Whether the bot said `text` at any point of the conversation so far."""
    return any(e.get("event") == "bot" and e.get("text") == text for e in tracker.events)
