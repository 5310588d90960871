"""Conversations: issuing one (its sender id and bearer token), its messages (for a widget
that reloads and shows the history, a page at a time) and deleting it at the runner's
request. Every route but the first needs the conversation's token."""
from __future__ import annotations

import json

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api import ownership, privacy
from api.auth import UNAUTHORISED, OwnedSender, refused
from api.deps import AssistantDep, DatabaseDep
from api.routes import require_json
from api.schemas import NOT_JSON, TOO_LARGE, UNAVAILABLE, UNREADABLE, HistoryMessage

router = APIRouter(tags=["conversations"])

MAX_PAGE = 500


class NewConversation(BaseModel):
    """The (empty) body of `POST /api/conversations`."""

    class Config:
        extra = "forbid"


class IssuedConversation(BaseModel):
    sender: str = Field(..., description="The conversation's id: `sender` in /api/chat")
    token: str = Field(..., description="Its bearer token, shown once: send it as "
                                        "`Authorization: Bearer <token>` on every call")


def _issue(database) -> tuple[str, str]:
    with database.session() as session:
        return ownership.issue(session)


@router.post("/api/conversations", status_code=201, response_model=IssuedConversation,
             dependencies=[Depends(require_json)],
             responses={**UNREADABLE, **TOO_LARGE, **NOT_JSON, **UNAVAILABLE})
async def start_conversation(request: Request, database: DatabaseDep,
                             body: NewConversation | None = Body(None)) -> dict:
    """Starts a conversation: its id and the token every other call about it needs. The
    body is `{}`, or none at all."""
    raw = (await request.body()).strip()
    # FastAPI takes `null`, `""` and `[]` for "no body"; read as sent, none is an object.
    if raw and not isinstance(json.loads(raw), dict):
        raise HTTPException(422, detail=[{"loc": ["body"], "type": "type_error.dict",
                                          "msg": "the body must be a JSON object ({})"}])
    sender, token = await run_in_threadpool(_issue, database)
    return {"sender": sender, "token": token}


@router.get("/api/conversations/{sender}/messages", response_model=list[HistoryMessage],
            response_model_exclude_none=True,
            responses={**UNAUTHORISED, **UNAVAILABLE,
                       200: {"headers": {"X-Total-Count": {
                           "schema": {"type": "integer"},
                           "description": "How many messages there are in all"}}}})
async def conversation_messages(
        sender: OwnedSender, assistant: AssistantDep, response: Response,
        offset: int = Query(0, ge=0, le=2**31 - 1, description="Messages to skip, oldest first"),
        limit: int = Query(100, ge=1, le=MAX_PAGE, description="Most messages to return"),
) -> list[dict]:
    """The conversation's messages since it (re)started, oldest first, a page at a time."""
    messages = await assistant.history(sender) or []
    response.headers["X-Total-Count"] = str(len(messages))
    return messages[offset:offset + limit]


@router.delete("/api/conversations/{sender}", status_code=204, response_class=Response,
               responses={**UNAUTHORISED, **UNAVAILABLE})
async def delete_conversation(sender: OwnedSender, assistant: AssistantDep,
                              database: DatabaseDep) -> Response:
    """Deletes the conversation (messages, assessment, token); its token stops working."""
    if not await privacy.delete_conversation(assistant, database, sender):
        raise refused()  # deleted by another request meanwhile
    return Response(status_code=204)
