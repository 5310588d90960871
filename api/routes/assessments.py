"""Assessments: of a conversation, or of findings on their own."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path

from api import assessments
from api.deps import DatabaseDep, KnowledgeDep
from api.routes import require_json
from api.schemas import (
    NOT_FOUND,
    NOT_JSON,
    SENDER_PATTERN,
    TOO_LARGE,
    UNAVAILABLE,
    UNREADABLE,
    AssessmentRequest,
    ConversationAssessment,
    TriageResult,
)
from bot.triage import assess

router = APIRouter(tags=["assessments"])


@router.get("/api/conversations/{sender}/assessment", response_model=ConversationAssessment,
            responses={**NOT_FOUND, **UNAVAILABLE})
def conversation_assessment(database: DatabaseDep,
                            sender: str = Path(..., max_length=128, regex=SENDER_PATTERN)) -> dict:
    """Findings so far, urgency, ranked causes and whether the conclusion was given."""
    with database.session() as session:
        record = assessments.load(session, sender)
        if record is None:
            raise HTTPException(404, detail=f"no conversation '{sender}'")
        return {"sender": record.sender, "status": record.status, "urgency": record.urgency,
                "findings": record.findings, "causes": record.causes,
                "questions_asked": record.questions_asked}


@router.post("/api/assessments", response_model=TriageResult, dependencies=[Depends(require_json)],
             responses={**UNREADABLE, **TOO_LARGE, **NOT_JSON})
def assess_findings(body: AssessmentRequest, knowledge: KnowledgeDep) -> dict:
    """The triage engine on its own: findings in, urgency and ranked causes out."""
    return assess(body.findings, knowledge).as_dict()
