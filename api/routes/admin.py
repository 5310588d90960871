"""/api/admin/*: the stored conversations, deleting one, purging old ones.

Off (404) unless ADMIN_TOKEN is set; then every request needs `Authorization: Bearer
<ADMIN_TOKEN>` (401 otherwise).
"""
from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api import privacy
from api.deps import AssistantDep, DatabaseDep, SettingsDep
from api.schemas import SENDER_PATTERN, Problem

bearer = HTTPBearer(auto_error=False, scheme_name="AdminToken",
                    description="The ADMIN_TOKEN the service was started with.")


def require_admin(settings: SettingsDep,
                  credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    if not settings.admin_token:
        raise HTTPException(404, detail="the admin endpoints are off: ADMIN_TOKEN is not set")
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode(), settings.admin_token.encode()):
        raise HTTPException(401, detail="missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(
    prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
    responses={
        401: {"model": Problem, "description": "Missing or wrong bearer token",
              "headers": {"WWW-Authenticate": {"schema": {"type": "string"},
                                               "description": "Bearer"}}},
        404: {"model": Problem, "description": "ADMIN_TOKEN is not set (the endpoints are off)"},
    })


class ConversationSummary(BaseModel):
    sender: str
    events: int = Field(..., description="Events stored (messages, actions, slots)")
    first_activity: float | None = Field(None, description="UNIX time of the first event")
    last_activity: float | None = Field(None, description="UNIX time of the newest event")
    status: str | None = Field(None, description="The assessment's status, if there is one: "
                                                 "in_progress or complete")
    top_cause: str | None = Field(None, description="Id of the assessment's most likely cause")


class PurgeResult(BaseModel):
    deleted: int = Field(..., description="Conversations deleted")
    retention_days: int = Field(..., description="RETENTION_DAYS (0: nothing is ever purged)")


@router.get("/conversations", response_model=list[ConversationSummary],
            response_model_exclude_none=True)
async def list_conversations(database: DatabaseDep, assistant: AssistantDep,
                             limit: int = Query(100, ge=1, le=1000),
                             offset: int = Query(0, ge=0, le=2**31 - 1)) -> list[dict]:
    """The stored conversations, most recently active first."""
    return await run_in_threadpool(privacy.list_conversations, database, limit, offset)


@router.delete("/conversations/{sender}", status_code=204, response_class=Response,
               responses={404: {"model": Problem,
                                "description": "No conversation with this sender, or the "
                                               "admin endpoints are off"}})
async def delete_conversation(assistant: AssistantDep, database: DatabaseDep,
                              sender: str = Path(..., max_length=128, regex=SENDER_PATTERN)
                              ) -> Response:
    """Deletes the conversation's messages and assessment."""
    if not await privacy.delete_conversation(assistant, database, sender):
        raise HTTPException(404, detail=f"no conversation '{sender}'")
    return Response(status_code=204)


@router.post("/purge", response_model=PurgeResult)
async def purge(assistant: AssistantDep, database: DatabaseDep, settings: SettingsDep) -> dict:
    """Deletes now the conversations silent for longer than RETENTION_DAYS days."""
    deleted = await privacy.purge(assistant, database, settings.retention_days)
    return {"deleted": deleted, "retention_days": settings.retention_days}
