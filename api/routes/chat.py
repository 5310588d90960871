"""POST /api/chat: the website widget's channel (Rasa REST channel shape)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from starlette.concurrency import run_in_threadpool

from api.auth import UNAUTHORISED, BearerCredentials, refused, require_owner, token_of
from api.conversation import ConversationGone, TurnLimitReached, clean_text, converse, too_long
from api.deps import AssistantDep, DatabaseDep, KnowledgeDep, SettingsDep
from api.routes import require_json
from api.schemas import (
    NOT_JSON,
    TOO_LARGE,
    UNAVAILABLE,
    UNREADABLE,
    BotMessage,
    ChatRequest,
    Problem,
)
from api.settings import Settings

router = APIRouter(tags=["chat"])

TURN_LIMIT = {409: {"model": Problem, "description": "The conversation has reached MAX_TURNS "
                                                     "messages: start a new one"}}


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


def _invalid_message(why: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["body", "message"], "type": "value_error",
                                       "msg": why}])


@router.post("/api/chat", response_model=list[BotMessage], response_model_exclude_none=True,
             dependencies=[Depends(require_json)],
             responses={**UNREADABLE, **UNAUTHORISED, **TURN_LIMIT, **TOO_LARGE, **NOT_JSON,
                        **UNAVAILABLE})
async def chat(body: ChatRequest, credentials: BearerCredentials, assistant: AssistantDep,
               database: DatabaseDep, knowledge: KnowledgeDep, settings: SettingsDep
               ) -> list[dict]:
    """Sends one message of the conversation `sender` (issued by `POST /api/conversations`,
    with its token) and returns the bot's replies."""
    await run_in_threadpool(require_owner, database, body.sender, token_of(credentials))
    if too_long(body.message, settings.max_message_chars):
        raise _invalid_message(f"message is longer than {settings.max_message_chars} characters")
    text = clean_text(body.message)
    if not text:
        raise _invalid_message("message has no readable text")
    try:
        return await converse(assistant, database, knowledge, body.sender, text,
                              max_turns=settings.max_turns)
    except TurnLimitReached as exc:
        raise HTTPException(409, detail=str(exc)) from None
    except ConversationGone:
        raise refused() from None
