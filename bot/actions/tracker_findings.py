"""Reading findings and answers off a rasa_sdk tracker."""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction

from bot.triage.contract import FINDINGS, is_valid
from bot.understanding import extract_findings, mentions_running_trouble

# Intents that are never an answer to the current question: the assistant answers them
# and asks the question again.
SIDE_QUESTIONS = frozenset({"ask_why", "ask_carnosine", "ask_more", "ask_fix", "ask_meaning",
                            "bot_challenge", "start_over"})


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


def talks_about_legs(tracker: Tracker) -> bool:
    """The latest message describes legs or running, in words (not a button payload)."""
    text = latest_text(tracker)
    return not text.startswith("/") and bool(extract_findings(text) or
                                             mentions_running_trouble(text))


def start_triage_if_about_legs(tracker: Tracker) -> list[EventType]:
    """After answering a side question ("hi, my legs are heavy", "why are my legs heavy?"),
    start the triage when the message also describes the problem and none is under way."""
    if tracker.active_loop_name or tracker.get_slot("assessment_status") == "complete":
        return []
    return [FollowupAction("triage_form")] if talks_about_legs(tracker) else []
