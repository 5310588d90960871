"""One turn of a conversation, whatever the channel: the runner's text in, the bot's
replies out, and the conversation's assessment stored in step."""
from __future__ import annotations

import unicodedata

from api import assessments
from api.assistant import Assistant
from api.db import Database
from bot.triage import Knowledge


def clean_text(text: str) -> str:
    """Drops control characters (keeping line breaks and tabs) before the NLU sees them."""
    return "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")).strip()


async def converse(assistant: Assistant, database: Database, knowledge: Knowledge,
                   sender: str, text: str) -> list[dict]:
    """Hands `text` to the assistant as `sender` and stores the updated assessment."""
    replies = await assistant.handle(sender, text)
    state = await assistant.state(sender)
    if state is not None:
        with database.session() as session:
            assessments.save(session, sender, state, knowledge)
    return replies
