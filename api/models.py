"""The service's own tables (Rasa's tracker store owns `events`)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Integer, String, UniqueConstraint
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


class DeliveredUpdate(Base):
    """A platform update (Telegram update_id, Slack event_id) already taken: platforms
    redeliver on timeouts, and the conversation must see each message once."""

    __tablename__ = "delivered_updates"
    __table_args__ = (UniqueConstraint("channel", "update_id", name="uq_delivered_update"),)

    id = Column(Integer, primary_key=True, autoincrement=True)
    channel = Column(String(16), nullable=False)
    update_id = Column(String(128), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)


class ConversationRecord(Base):
    """Who may reach a conversation, and how many turns it has had.

    Web conversations are issued by `POST /api/conversations` with a bearer token, of which
    only a SHA-256 hash is kept (the token carries 256 random bits, so a fast hash is as
    strong as a slow one and costs nothing per request). Telegram and Slack conversations
    have a row without a token: they are reachable only through their channel.
    """

    __tablename__ = "conversations"

    sender = Column(String(128), primary_key=True)
    channel = Column(String(16), nullable=False)
    token_hash = Column(String(64), nullable=True)
    turns = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
