"""The service's own tables (Rasa's tracker store owns `events`)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class AssessmentRecord(Base):
    """The assessment of one conversation, kept in step with its tracker after every turn."""

    __tablename__ = "assessments"

    sender = Column(String(128), primary_key=True)
    status = Column(String(16), nullable=False)
    urgency = Column(String(16), nullable=False)
    findings = Column(JSON, nullable=False)
    causes = Column(JSON, nullable=False)
    questions_asked = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
