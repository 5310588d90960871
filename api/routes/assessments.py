"""Assessments: of a conversation, or of findings on their own."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from api import assessments
from api.auth import UNAUTHORISED, OwnedSender
from api.deps import DatabaseDep, KnowledgeDep
from api.routes import require_json
from api.schemas import (
    NOT_JSON,
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
            responses={**UNAUTHORISED, **UNAVAILABLE})
def conversation_assessment(sender: OwnedSender, database: DatabaseDep) -> dict:
    """Findings so far, urgency, ranked causes and whether the conclusion was given."""
    with database.session() as session:
        record = assessments.load(session, sender)
        if record is None:  # issued, no message yet: nothing assessed
            return {"sender": sender, "status": "in_progress", "urgency": "self_care",
                    "findings": {}, "causes": [], "questions_asked": 0}
        return {"sender": record.sender, "status": record.status, "urgency": record.urgency,
                "findings": record.findings, "causes": record.causes,
                "questions_asked": record.questions_asked}


@router.post("/api/assessments", response_model=TriageResult, dependencies=[Depends(require_json)],
             responses={**UNREADABLE, **TOO_LARGE, **NOT_JSON})
def assess_findings(body: AssessmentRequest, knowledge: KnowledgeDep) -> dict:
    """The triage engine on its own: findings in, urgency and ranked causes out."""
    return assess(body.findings, knowledge).as_dict()
