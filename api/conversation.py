"""One turn of a conversation, whatever the channel: the runner's text in, the bot's
replies out, and the conversation's assessment stored in step."""
from __future__ import annotations

import unicodedata

from api import assessments, ownership
from api.assistant import Assistant
from api.db import Database
from bot.triage import Knowledge

# Deeper than this, a payload (`/inform{...}`) is read as text: Rasa parses a payload's JSON
# without a guard, and ~1000 nested brackets exhaust Python's recursion limit (a 500).
MAX_PAYLOAD_NESTING = 32


def _nesting(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest


class ConversationGone(Exception):
    """A web conversation deleted while its message waited for the lock."""


class TurnLimitReached(Exception):
    """The conversation has had its MAX_TURNS messages: the runner starts a new one."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"this conversation has reached its limit of {limit} messages: "
                         "please start a new conversation")
        self.limit = limit


def too_long(text: str, limit: int) -> bool:
    """True if `text` is over `limit` characters as the assistant reads it (NFKC-normalised).

    Normalisation can multiply a text: one U+FDFA becomes 18 characters, so the cap on what
    the service reads is checked after it.
    """
    return len(text) > limit or len(unicodedata.normalize("NFKC", text)) > limit


def clean_text(text: str) -> str:
    """Drops control characters (keeping line breaks and tabs) before the NLU sees them, and
    the leading `/` of a payload nested too deeply to be one of ours."""
    text = "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")).strip()
    if text.startswith("/") and _nesting(text) > MAX_PAYLOAD_NESTING:
        text = text.lstrip("/").strip()
    return text


async def converse(assistant: Assistant, database: Database, knowledge: Knowledge,
                   sender: str, text: str, channel: str = ownership.WEB,
                   max_turns: int | None = None) -> list[dict]:
    """Hands `text` to the assistant as `sender` and stores the updated assessment.

    Under the conversation's lock, all of it: the turn cap's check, the turn, its count and
    the assessment. A deletion (api.privacy) waits for the whole turn, and never leaves an
    assessment behind a conversation it has just deleted; a web message that waited for
    a deletion raises ConversationGone. Raises TurnLimitReached past `max_turns` without
    reading the message.
    """
    async with assistant.locks.hold(sender):
        with database.session() as session:
            count = ownership.turns(session, sender)
        if count is None and channel == ownership.WEB:
            raise ConversationGone(sender)
        if max_turns is not None and (count or 0) >= max_turns:
            raise TurnLimitReached(max_turns)
        replies, state = await assistant.turn(sender, text)
        with database.session() as session:
            ownership.count_turn(session, sender, channel)
            if state is not None:
                assessments.save(session, sender, state, knowledge)
    return replies
