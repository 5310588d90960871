"""What Telegram and Slack do with a runner's message before and around the assistant:
the "delete my conversation" command (asked to confirm with two buttons), the turn cap,
then the conversation turn itself. The web widget has its own control and routes for both.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from api import privacy
from api.conversation import TurnLimitReached, converse

logger = logging.getLogger(__name__)

CONFIRM = "/delete_confirmed"
CANCEL = "/delete_cancelled"
# Typed on either channel; Telegram's /delete command arrives as "/delete".
ASKS_TO_DELETE = re.compile(
    r"^\s*(?:/delete|/forget|(?:please\s+)?(?:delete|erase|forget)\s+(?:my|this|the)\s+"
    r"(?:conversation|chat|data|messages|history)|forget\s+me)\s*[.!]*\s*$", re.I)

ASK = ("This deletes everything you have told me in this chat: your messages, your answers "
       "and my conclusion. Delete it?")
ASK_BUTTONS = [{"title": "Yes, delete it", "payload": CONFIRM},
               {"title": "No, keep it", "payload": CANCEL}]
DELETED = ("Done: this conversation is deleted, and nothing of it is kept. Send me a message "
           "whenever you want to start again.")
NOTHING_TO_DELETE = "There is nothing stored for this chat."
KEPT = "Nothing was deleted. We can carry on where we were."
AT_LIMIT = ("This conversation has reached its limit of {limit} messages. {how} to clear it "
            "and start a new one.")


async def channel_turn(app_state: Any, sender: str, text: str, channel: str,
                       delete_hint: str) -> list[dict]:
    """The bot's replies to `text` from `sender` on `channel` ("telegram", "slack").

    `delete_hint` says how this channel's runner asks for deletion, for the cap's message
    ("Send /delete", "Type *delete my conversation*").
    """
    if ASKS_TO_DELETE.match(text):
        return [{"text": ASK, "buttons": ASK_BUTTONS}]
    if text == CANCEL:
        return [{"text": KEPT}]
    if text == CONFIRM:
        deleted = await privacy.delete_conversation(app_state.assistant, app_state.database,
                                                    sender)
        logger.info("%s: a conversation was deleted at the runner's request", channel)
        return [{"text": DELETED if deleted else NOTHING_TO_DELETE}]
    settings = app_state.settings
    try:
        return await converse(app_state.assistant, app_state.database, app_state.knowledge,
                              sender, text, channel=channel, max_turns=settings.max_turns)
    except TurnLimitReached as exc:
        return [{"text": AT_LIMIT.format(limit=exc.limit, how=delete_hint)}]
