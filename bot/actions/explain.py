"""Explanations on request: "why do you ask?", "what does overstriding mean?",
"tell me more about <cause>" and "how do I fix it?"."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.render import fix_button, more_button
from bot.actions.tracker_findings import findings_of, latest_text, start_triage_if_about_legs
from bot.triage import assess, default_knowledge
from bot.triage.engine import RankedCause
from bot.triage.knowledge import Cause, Knowledge
from bot.understanding.mentions import find_mention


def _explain_current_question(tracker: Tracker, knowledge: Knowledge) -> str:
    requested = tracker.get_slot("requested_slot")
    finding = knowledge.findings.get(requested) if tracker.active_loop_name else None
    return finding.help if finding else knowledge.answer("why_general")


def cause_asked_about(tracker: Tracker, knowledge: Knowledge) -> str | None:
    """The cause the runner means: a button's entity, a cause named in the text, or else
    the top cause of their answers so far."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "cause" and entity.get("value") in knowledge.cause_aliases():
            return entity["value"]
    named = find_mention(latest_text(tracker), knowledge.cause_aliases())
    if named:
        return named
    causes = assess(findings_of(tracker), knowledge).causes
    return causes[0].id if causes else None


class ActionExplainQuestion(Action):
    """Answers "why do you ask?" about the question in progress."""

    def name(self) -> str:
        return "action_explain_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=_explain_current_question(tracker, default_knowledge()))
        return start_triage_if_about_legs(tracker)


class ActionExplainTerm(Action):
    """Explains a word from the glossary, or else the question in progress."""

    def name(self) -> str:
        return "action_explain_term"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        knowledge = default_knowledge()
        term = find_mention(latest_text(tracker), knowledge.term_aliases())
        text = knowledge.term(term).text if term else _explain_current_question(tracker, knowledge)
        dispatcher.utter_message(text=text)
        return start_triage_if_about_legs(tracker)


class CauseAction(Action, ABC):
    """Says something about the cause the runner asks about (see `cause_asked_about`)."""

    @abstractmethod
    def message(self, cause: Cause, ranked: dict[str, RankedCause], in_triage: bool) -> dict:
        """The message (text and buttons) about `cause`; `ranked` holds this runner's causes."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        knowledge = default_knowledge()
        cause_id = cause_asked_about(tracker, knowledge)
        if cause_id is None:
            dispatcher.utter_message(text=knowledge.answer("more_needs_answers"))
            return start_triage_if_about_legs(tracker)
        ranked = {c.id: c for c in assess(findings_of(tracker), knowledge).causes}
        message = self.message(knowledge.cause(cause_id), ranked, bool(tracker.active_loop_name))
        dispatcher.utter_message(**message)
        return []


class ActionTellMore(CauseAction):
    """The longer explanation of one cause, and why it fits this runner."""

    def name(self) -> str:
        return "action_tell_more"

    def message(self, cause: Cause, ranked: dict[str, RankedCause], in_triage: bool) -> dict:
        text = f"{cause.title}: {cause.explanation}"
        if cause.id in ranked:
            text += "\nWhy it fits you: " + "; ".join(
                b[0].lower() + b[1:] for b in ranked[cause.id].because) + "."
        return {"text": text, "buttons": [] if in_triage else [fix_button(cause)]}


class ActionHowToFix(CauseAction):
    """The fixes of one cause, with its sources."""

    def name(self) -> str:
        return "action_how_to_fix"

    def message(self, cause: Cause, ranked: dict[str, RankedCause], in_triage: bool) -> dict:
        fixes = "\n".join(f"- {fix}" for fix in cause.fixes)
        sources = "\n".join(cause.sources)
        others = [c for c in ranked if c != cause.id]
        buttons = [] if in_triage or not others else [more_button(default_knowledge().cause(others[0]))]
        return {"text": f"What to do about {cause.title.lower()}:\n{fixes}\nSources:\n{sources}",
                "buttons": buttons}
