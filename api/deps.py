"""Typed dependencies, so route handlers read like a list of what they need."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.assistant import Assistant
from api.db import Database
from api.settings import Settings
from bot.triage import Knowledge


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_database(request: Request) -> Database:
    return request.app.state.database


def get_knowledge(request: Request) -> Knowledge:
    return request.app.state.knowledge


def get_assistant(request: Request) -> Assistant:
    assistant = request.app.state.assistant
    if assistant is None:
        error = request.app.state.load_error
        detail = f"the assistant failed to load: {error}" if error else "the assistant is starting"
        raise HTTPException(status_code=503, detail=detail, headers={"Retry-After": "5"})
    return assistant


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
