"""POST /api/chat: the website widget's channel (Rasa REST channel shape)."""
from __future__ import annotations

import unicodedata

from fastapi import APIRouter, HTTPException

from api import assessments
from api.deps import AssistantDep, DatabaseDep, KnowledgeDep, SettingsDep
from api.schemas import BotMessage, ChatRequest

router = APIRouter(tags=["chat"])


def clean_text(text: str) -> str:
    """Drops control characters (keeping line breaks and tabs) before the NLU sees them."""
    return "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")).strip()


@router.post("/api/chat", response_model=list[BotMessage], response_model_exclude_none=True)
async def chat(body: ChatRequest, assistant: AssistantDep, database: DatabaseDep,
               knowledge: KnowledgeDep, settings: SettingsDep) -> list[dict]:
    """Sends one message of the conversation `sender` and returns the bot's replies."""
    if len(body.message) > settings.max_message_chars:
        raise HTTPException(422, detail=[{"loc": ["body", "message"], "type": "value_error",
                                          "msg": f"message is longer than "
                                                 f"{settings.max_message_chars} characters"}])
    text = clean_text(body.message)
    if not text:
        raise HTTPException(422, detail=[{"loc": ["body", "message"], "type": "value_error",
                                          "msg": "message has no readable text"}])
    replies = await assistant.handle(body.sender, text)
    state = await assistant.state(body.sender)
    if state is not None:
        with database.session() as session:
            assessments.save(session, body.sender, state, knowledge)
    return replies
