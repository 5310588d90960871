"""One turn of a conversation, whatever the channel: the runner's text in, the bot's
replies out, and the conversation's assessment stored in step."""
from __future__ import annotations

import unicodedata

from api import assessments
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


def clean_text(text: str) -> str:
    """Drops control characters (keeping line breaks and tabs) before the NLU sees them, and
    the leading `/` of a payload nested too deeply to be one of ours."""
    text = "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")).strip()
    if text.startswith("/") and _nesting(text) > MAX_PAYLOAD_NESTING:
        text = text.lstrip("/").strip()
    return text


async def converse(assistant: Assistant, database: Database, knowledge: Knowledge,
                   sender: str, text: str) -> list[dict]:
    """Hands `text` to the assistant as `sender` and stores the updated assessment.

    Both under the conversation's lock: a deletion (api.privacy) waits for the whole turn,
    and never leaves an assessment behind a conversation it has just deleted.
    """
    async with assistant.locks.hold(sender):
        replies = await assistant.handle(sender, text)
        state = await assistant.state(sender)
        if state is not None:
            with database.session() as session:
                assessments.save(session, sender, state, knowledge)
    return replies
