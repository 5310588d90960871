"""POST /api/chat: the website widget's channel (Rasa REST channel shape)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI, HTTPException

from api.conversation import clean_text, converse
from api.deps import AssistantDep, DatabaseDep, KnowledgeDep, SettingsDep
from api.routes import require_json
from api.schemas import NOT_JSON, TOO_LARGE, UNAVAILABLE, UNREADABLE, BotMessage, ChatRequest
from api.settings import Settings

router = APIRouter(tags=["chat"])


def document_limits(app: FastAPI, settings: Settings) -> None:
    """Makes /openapi.json give this service's MAX_MESSAGE_CHARS as `message`'s maxLength."""
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = generate()  # FastAPI keeps it in app.openapi_schema
            message = schema["components"]["schemas"]["ChatRequest"]["properties"]["message"]
            message["maxLength"] = settings.max_message_chars
        return app.openapi_schema

    app.openapi = openapi


@router.post("/api/chat", response_model=list[BotMessage], response_model_exclude_none=True,
             dependencies=[Depends(require_json)],
             responses={**UNREADABLE, **TOO_LARGE, **NOT_JSON, **UNAVAILABLE})
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
