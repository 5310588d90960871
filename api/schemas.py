"""Request and response bodies of the HTTP API (see shared/spec/contract.md)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, constr, validator

from bot.triage.contract import invalid_findings

SENDER_PATTERN = r"^[A-Za-z0-9_.:@\-]+$"
Sender = constr(min_length=1, max_length=128, regex=SENDER_PATTERN)


class ChatRequest(BaseModel):
    sender: Sender = Field(..., description="Conversation id; a new one starts a conversation.",
                           example="runner-42")
    message: str = Field(..., description="The runner's text, or a button payload such as "
                         '/inform{"sleep_hours": "under_6"}.', example="my legs feel like lead")

    @validator("message")
    def message_has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must not be empty")
        return value

    class Config:
        extra = "forbid"


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    recipient_id: str | None = None
    text: str | None = None
    buttons: list[Button] | None = None
    image: str | None = None
    custom: dict[str, Any] | None = None


class HistoryMessage(BaseModel):
    sender: str = Field(..., description="user or bot")
    text: str | None = None
    buttons: list[Button] | None = None
    custom: dict[str, Any] | None = None
    timestamp: float


class Cause(BaseModel):
    id: str
    title: str
    score: float = Field(..., ge=0, le=1)
    because: list[str]
    fixes: list[str]
    sources: list[str]


class TriageResult(BaseModel):
    urgency: str
    causes: list[Cause]


class ConversationAssessment(TriageResult):
    sender: str
    status: str = Field(..., description="in_progress, or complete once the conclusion was given")
    findings: dict[str, str]
    questions_asked: int


class AssessmentRequest(BaseModel):
    findings: dict[str, str] = Field(..., example={"sleep_hours": "under_6", "warm_up": "yes"})

    @validator("findings")
    def contract_findings(cls, value: dict[str, str]) -> dict[str, str]:
        problems = invalid_findings(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    class Config:
        extra = "forbid"


class Health(BaseModel):
    status: str
    model: str | None = None


class Problem(BaseModel):
    detail: Any
