"""The conversation's bearer token: the only key to a web conversation through /api/*.

Every refusal is the same 401, whether the conversation is missing, deleted, belongs to a
channel (Telegram, Slack) or the token is wrong: the answer tells a guesser nothing.
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Path, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api import ownership
from api.db import Database
from api.deps import DatabaseDep
from api.schemas import SENDER_PATTERN, Problem

conversation_bearer = HTTPBearer(
    auto_error=False, scheme_name="ConversationToken",
    description="The token `POST /api/conversations` issued with the conversation.")

REFUSED = "missing or wrong bearer token for this conversation"
UNAUTHORISED = {401: {"model": Problem, "description": REFUSED + " (or no such conversation)",
                      "headers": {"WWW-Authenticate": {"schema": {"type": "string"},
                                                       "description": "Bearer"}}}}


def refused() -> HTTPException:
    return HTTPException(401, detail=REFUSED, headers={"WWW-Authenticate": "Bearer"})


def token_of(credentials: HTTPAuthorizationCredentials | None) -> str | None:
    return credentials.credentials if credentials is not None else None


def require_owner(database: Database, sender: str, token: str | None) -> None:
    """Raises the 401 unless `token` opens the web conversation `sender` (blocking)."""
    with database.session() as session:
        if not ownership.opens(session, sender, token):
            raise refused()


def owned_sender(database: DatabaseDep,
                 sender: str = Path(..., max_length=128, regex=SENDER_PATTERN),
                 credentials: HTTPAuthorizationCredentials | None = Security(conversation_bearer),
                 ) -> str:
    """The path's conversation, once its token was shown (FastAPI runs this in a thread)."""
    require_owner(database, sender, token_of(credentials))
    return sender


OwnedSender = Annotated[str, Depends(owned_sender)]
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Security(conversation_bearer)]
