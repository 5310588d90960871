"""A conversation's messages, for a widget that reloads and shows the history."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path

from api.deps import AssistantDep
from api.schemas import SENDER_PATTERN, HistoryMessage

router = APIRouter(tags=["conversations"])


@router.get("/api/conversations/{sender}/messages", response_model=list[HistoryMessage],
            response_model_exclude_none=True,
            responses={404: {"description": "No conversation with this sender"}})
async def conversation_messages(assistant: AssistantDep,
                                sender: str = Path(..., max_length=128, regex=SENDER_PATTERN)
                                ) -> list[dict]:
    """Every message since the conversation (re)started, oldest first."""
    messages = await assistant.history(sender)
    if messages is None:
        raise HTTPException(404, detail=f"no conversation '{sender}'")
    return messages
