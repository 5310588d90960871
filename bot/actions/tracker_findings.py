"""Reading findings and answers off a rasa_sdk tracker."""
from __future__ import annotations

from rasa_sdk import Tracker

from bot.triage.contract import FINDINGS, is_valid

# Intents that are never an answer to the current question: the assistant answers them
# and asks the question again.
SIDE_QUESTIONS = frozenset({"ask_why", "ask_carnosine", "bot_challenge", "restart"})


def findings_of(tracker: Tracker) -> dict[str, str]:
    """The findings known so far: every finding slot holding a contract value."""
    return {f: tracker.get_slot(f) for f in FINDINGS if is_valid(f, tracker.get_slot(f))}


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""
