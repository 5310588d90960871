"""A conversation: its messages (for a widget that reloads and shows the history), and
deleting it at the runner's request."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Response

from api import privacy
from api.deps import AssistantDep, DatabaseDep
from api.schemas import NOT_FOUND, SENDER_PATTERN, UNAVAILABLE, HistoryMessage, Problem

router = APIRouter(tags=["conversations"])


@router.get("/api/conversations/{sender}/messages", response_model=list[HistoryMessage],
            response_model_exclude_none=True, responses={**NOT_FOUND, **UNAVAILABLE})
async def conversation_messages(assistant: AssistantDep,
                                sender: str = Path(..., max_length=128, regex=SENDER_PATTERN)
                                ) -> list[dict]:
    """Every message since the conversation (re)started, oldest first."""
    messages = await assistant.history(sender)
    if messages is None:
        raise HTTPException(404, detail=f"no conversation '{sender}'")
    return messages


@router.delete("/api/conversations/{sender}", status_code=204, response_class=Response,
               responses={404: {"model": Problem, "description": "No conversation with this sender"}})
async def delete_conversation(assistant: AssistantDep, database: DatabaseDep,
                              sender: str = Path(..., max_length=128, regex=SENDER_PATTERN)
                              ) -> Response:
    """Deletes the conversation's messages and assessment; a later message with the same
    sender starts a new conversation."""
    if not await privacy.delete_conversation(assistant, database, sender):
        raise HTTPException(404, detail=f"no conversation '{sender}'")
    return Response(status_code=204)
