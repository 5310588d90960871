"""POST /api/chat: the website widget's channel (Rasa REST channel shape)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException

from api.conversation import clean_text, converse
from api.deps import AssistantDep, DatabaseDep, KnowledgeDep, SettingsDep
from api.schemas import BotMessage, ChatRequest

router = APIRouter(tags=["chat"])


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
    return await converse(assistant, database, knowledge, body.sender, text)
