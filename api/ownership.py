"""Who may reach a conversation: server-issued web conversations with bearer tokens, and
the turn count every conversation's cap is checked against.

A web conversation is issued by `issue`: a sender id and a token, each from the
operating system's CSPRNG (`secrets`), 128 and 256 random bits. Only the token's SHA-256
is stored, so a copy of the database opens no conversation. Telegram and Slack
conversations get a row without a token (`count_turn`), so no token ever opens them.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

import sqlalchemy as sa
from sqlalchemy.orm import Session

from api.models import ConversationRecord

ISSUED = ConversationRecord.__table__
WEB = "web"
SENDER_BYTES = 16  # 128 bits
TOKEN_BYTES = 32  # 256 bits
# Compared against when there is no conversation, so a missing one costs the same time.
_NO_HASH = hashlib.sha256(b"no such conversation").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue(session: Session) -> tuple[str, str]:
    """A new web conversation: (sender, token). The token is never stored, only its hash."""
    sender = f"{WEB}-{secrets.token_hex(SENDER_BYTES)}"
    token = secrets.token_urlsafe(TOKEN_BYTES)
    session.add(ConversationRecord(sender=sender, channel=WEB, token_hash=token_hash(token)))
    return sender, token


def opens(session: Session, sender: str, token: str | None) -> bool:
    """True if `token` is the bearer token of the web conversation `sender`.

    Missing conversation, channel conversation and wrong token take the same path, so
    neither the answer nor its timing says which it was.
    """
    stored = session.execute(
        sa.select(ConversationRecord.token_hash)
        .where(ConversationRecord.sender == sender, ConversationRecord.channel == WEB)
    ).scalar_one_or_none()
    given = token_hash(token or "")
    matches = hmac.compare_digest(given, stored or _NO_HASH)
    return bool(token) and stored is not None and matches


def turns(session: Session, sender: str) -> int | None:
    """The turns the conversation has had; None if it has no row (deleted, or a channel
    conversation's first message)."""
    return session.execute(sa.select(ConversationRecord.turns)
                           .where(ConversationRecord.sender == sender)).scalar_one_or_none()


def count_turn(session: Session, sender: str, channel: str) -> None:
    """Adds one turn to the conversation, creating the row of a channel conversation.

    Called under the conversation's lock, so no two turns of one conversation race here.
    """
    record = session.get(ConversationRecord, sender)
    if record is None:
        record = ConversationRecord(sender=sender, channel=channel, turns=0)
        session.add(record)
    record.turns = (record.turns or 0) + 1


def forget(connection: sa.engine.Connection, sender: str) -> int:
    """Deletes the conversation's row (its token stops working); rows deleted."""
    return connection.execute(sa.delete(ISSUED).where(ISSUED.c.sender == sender)).rowcount
