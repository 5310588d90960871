"""The Rasa agent, loaded in-process: turns a user message into the bot's replies."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.lock_store import InMemoryLockStore
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from api.db import prepare_sqlite_path
from api.lock_store import ConversationLocks, LocalLocks
from api.tracker_store import CachingSQLTrackerStore, saved_tracker
from bot import listening
from bot.triage.contract import FINDINGS, is_valid

logger = logging.getLogger(__name__)

COMPLETE = "complete"
IN_PROGRESS = "in_progress"


class ModelNotFound(RuntimeError):
    """No trained model where the settings point."""


@dataclass(frozen=True)
class ConversationState:
    """What the service needs of a tracker: findings, whether it concluded, questions asked."""

    findings: dict[str, str]
    status: str
    questions_asked: int

    @classmethod
    def of(cls, tracker: DialogueStateTracker) -> ConversationState:
        findings = {f: tracker.get_slot(f) for f in FINDINGS if is_valid(f, tracker.get_slot(f))}
        concluded = (tracker.get_slot("assessment_status") == COMPLETE
                     and tracker.active_loop_name is None)
        return cls(findings, COMPLETE if concluded else IN_PROGRESS, questions_asked(tracker))


def questions_asked(tracker: DialogueStateTracker) -> int:
    """How many questions the form asked: each change of `requested_slot` to a finding.

    A question asked again (after "why do you ask?" or an unreadable answer) counts once.
    """
    asked, current = 0, None
    for event in tracker.events_after_latest_restart():
        if isinstance(event, SlotSet) and event.key == REQUESTED_SLOT:
            if event.value is not None and event.value != current:
                asked += 1
            current = event.value
    return asked


def newest_model(model_dir: Path) -> Path:
    models = sorted(Path(model_dir).glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise ModelNotFound(f"no trained model in {model_dir}/: run `make train` first")
    return models[-1]


class Assistant:
    """One Rasa agent with its SQL tracker store; safe to share across requests."""

    def __init__(self, agent: Agent, locks: ConversationLocks | LocalLocks | None = None) -> None:
        self.agent = agent
        self.locks = locks or LocalLocks()

    @classmethod
    def load(cls, model_dir: Path, database_url: str, action_endpoint: EndpointConfig,
             locks: ConversationLocks | LocalLocks | None = None,
             tracker_cache_size: int = 256) -> Assistant:
        """Loads the newest model (blocking: call it off the event loop)."""
        model = newest_model(model_dir)
        prepare_sqlite_path(database_url)
        logger.info("loading Rasa model %s", model)
        tracker_store = CachingSQLTrackerStore(domain=None, host=database_url,
                                               cache_size=tracker_cache_size)
        agent = Agent.load(model, tracker_store=tracker_store, lock_store=InMemoryLockStore(),
                           action_endpoint=action_endpoint)
        # Rasa wraps the store in a FailSafeTrackerStore that, on a database error, quietly
        # goes on in memory: the conversation would fork from what is stored. Without it a
        # database outage surfaces as an error the API answers with 503, and nothing forks.
        agent.tracker_store = tracker_store
        agent.processor.tracker_store = tracker_store
        listening.prepare()
        return cls(agent, locks)

    async def turn(self, sender: str, text: str) -> tuple[list[dict], ConversationState | None]:
        """The bot's replies to one user message (the shape of Rasa's REST channel) and the
        conversation's state after it.

        Call it under `self.locks.hold(sender)`, as api.conversation.converse does: the lock
        covers the turn and its assessment, so a deletion never falls between them. It runs
        on the server's event loop: a message's reading is bounded (MAX_MESSAGE_CHARS after
        normalisation, bot.listening.reading.MAX_CLAUSES), so no message holds it for long.
        """
        channel = CollectingOutputChannel()
        await self.agent.handle_message(UserMessage(text, channel, sender, input_channel="api"))
        # The tracker the turn saved, without a reload (same task: api.tracker_store).
        return channel.messages, await self.state(sender)

    async def state(self, sender: str) -> ConversationState | None:
        """The conversation's state, or None if the sender never wrote."""
        tracker = saved_tracker(sender) or await self.agent.tracker_store.retrieve(sender)
        if tracker is None or not tracker.events:
            return None
        return ConversationState.of(tracker)

    async def history(self, sender: str) -> list[dict] | None:
        """The conversation's messages since its last restart, oldest first; None if unknown.

        A button press is shown as the button's title, as the runner saw it.
        """
        tracker = await self.agent.tracker_store.retrieve_full_tracker(sender)
        if tracker is None or not tracker.events:
            return None
        return transcript(tracker)


def transcript(tracker: DialogueStateTracker) -> list[dict]:
    messages: list[dict] = []
    titles: dict[str, str] = {}
    for event in tracker.events_after_latest_restart():
        if isinstance(event, UserUttered) and event.text:
            text = titles.get(event.text, event.text)
            if not text.startswith("/"):
                messages.append({"sender": "user", "text": text, "timestamp": event.timestamp})
        elif isinstance(event, BotUttered):
            data = event.data or {}
            message = {"sender": "bot", "text": event.text, "buttons": data.get("buttons"),
                       "custom": data.get("custom"), "timestamp": event.timestamp}
            messages.append({k: v for k, v in message.items() if v is not None})
            titles = {b["payload"]: b["title"] for b in data.get("buttons") or []} or titles
    return messages
