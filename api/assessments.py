"""Stores each conversation's assessment, recomputed from its state by the triage engine."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assistant import ConversationState
from api.models import AssessmentRecord, utcnow
from bot.triage import Knowledge, assess


def save(session: Session, sender: str, state: ConversationState, knowledge: Knowledge) -> None:
    """Creates or updates the assessment row of `sender`."""
    result = assess(state.findings, knowledge)
    record = session.get(AssessmentRecord, sender)
    if record is None:
        record = AssessmentRecord(sender=sender, created_at=utcnow())
        session.add(record)
    record.status = state.status
    record.urgency = result.urgency
    record.findings = dict(state.findings)
    record.causes = [c.as_dict() for c in result.causes]
    record.questions_asked = state.questions_asked
    record.updated_at = utcnow()


def load(session: Session, sender: str) -> AssessmentRecord | None:
    return session.execute(
        select(AssessmentRecord).where(AssessmentRecord.sender == sender)
    ).scalar_one_or_none()
