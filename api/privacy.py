"""Deleting conversations: at the runner's request, an admin's, or after RETENTION_DAYS.

A conversation is its events in Rasa's tracker store (table `events`), its row in
`assessments` and its row in `conversations` (with the token's hash: the token stops
working). All go in one transaction, under the conversation's lock: Rasa saves the
events a tracker holds beyond the number stored, so a turn that had loaded the tracker
before a deletion would write the whole conversation back. The tracker cache forgets it
too; other replicas' caches see its newest event change (api/tracker_store.py).

On SQLite the deleted text would linger in the write-ahead log until its next checkpoint
(and in free pages but for `secure_delete`, api/db.py): a deletion checkpoints at once.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timezone

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from api import ownership
from api.assistant import Assistant
from api.db import Database
from api.models import AssessmentRecord, DeliveredUpdate
from api.tracker_store import CachingSQLTrackerStore

logger = logging.getLogger(__name__)

EVENTS = sa.table("events", sa.column("id", sa.Integer), sa.column("sender_id", sa.String),
                  sa.column("timestamp", sa.Float))  # Rasa's table: its timestamps are UNIX times
ASSESSMENTS = AssessmentRecord.__table__
DELIVERED = DeliveredUpdate.__table__
DAY_S = 24 * 3600
PURGE_BATCH = 500


async def delete_conversation(assistant: Assistant, database: Database, sender: str,
                              idle_since: float | None = None) -> bool:
    """Deletes the conversation of `sender`; False if there was none.

    With `idle_since` (a UNIX time) only if it has had no event since then, checked under
    the lock: a runner who came back meanwhile keeps the conversation.
    """
    async with assistant.locks.hold(sender):
        deleted = await run_in_threadpool(_delete_rows, database, sender, idle_since)
        store = assistant.agent.tracker_store
        if isinstance(store, CachingSQLTrackerStore):
            store.forget(sender)
    if deleted:
        await run_in_threadpool(checkpoint, database)
    return deleted


def checkpoint(database: Database) -> None:
    """On SQLite, moves the write-ahead log into the database file and empties it, so what
    was just deleted is gone from the disk too. Nothing to do on other databases."""
    if database.engine.dialect.name != "sqlite":
        return
    with database.engine.connect() as connection:
        busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    if busy and busy[0]:
        logger.warning("SQLite checkpoint after a deletion was blocked by a reader; "
                       "the next one completes it")


def _delete_rows(database: Database, sender: str, idle_since: float | None) -> bool:
    with database.engine.begin() as connection:
        if idle_since is not None:
            newest = connection.execute(sa.select(sa.func.max(EVENTS.c.timestamp))
                                        .where(EVENTS.c.sender_id == sender)).scalar()
            if newest is not None and newest >= idle_since:
                return False
        events = connection.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == sender))
        assessment = connection.execute(sa.delete(ASSESSMENTS).where(ASSESSMENTS.c.sender == sender))
        issued = ownership.forget(connection, sender)
        return bool(events.rowcount or assessment.rowcount or issued)


async def purge(assistant: Assistant, database: Database, retention_days: int,
                now: float | None = None) -> int:
    """Deletes the conversations silent for over `retention_days` days (0: none), and the
    platform update ids taken before then; how many conversations.

    Safe when several replicas purge at once: each conversation is checked again under its
    lock, and one that another replica deleted first is not counted twice.
    """
    if retention_days <= 0:
        return 0
    cutoff = (time.time() if now is None else now) - retention_days * DAY_S
    await run_in_threadpool(_purge_deliveries, database, cutoff)
    deleted = 0
    while True:
        senders = await run_in_threadpool(_stale_senders, database, cutoff, PURGE_BATCH)
        gone = 0
        for sender in senders:
            gone += await delete_conversation(assistant, database, sender, idle_since=cutoff)
        deleted += gone
        if len(senders) < PURGE_BATCH or not gone:
            return deleted


def _purge_deliveries(database: Database, cutoff: float) -> None:
    """Forgets the Telegram and Slack update ids taken before `cutoff` (platforms redeliver
    within minutes, so an old id guards nothing)."""
    with database.engine.begin() as connection:
        connection.execute(sa.delete(DELIVERED).where(
            DELIVERED.c.created_at < datetime.fromtimestamp(cutoff, timezone.utc)))


def _stale_senders(database: Database, cutoff: float, limit: int) -> list[str]:
    """Conversations whose newest event is older than `cutoff`, then assessments and issued
    conversations left without events (never written to, or whose events went another
    way) not updated since."""
    with database.engine.connect() as connection:
        senders = list(connection.execute(
            sa.select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
            .having(sa.func.max(EVENTS.c.timestamp) < cutoff).limit(limit)).scalars())
        if len(senders) < limit:
            orphans = sa.select(ASSESSMENTS.c.sender).where(
                ASSESSMENTS.c.updated_at < datetime.fromtimestamp(cutoff, timezone.utc),
                ~sa.exists().where(EVENTS.c.sender_id == ASSESSMENTS.c.sender))
            senders += connection.execute(orphans.limit(limit - len(senders))).scalars()
        if len(senders) < limit:
            issued = ownership.ISSUED
            unused = sa.select(issued.c.sender).where(
                issued.c.created_at < datetime.fromtimestamp(cutoff, timezone.utc),
                ~sa.exists().where(EVENTS.c.sender_id == issued.c.sender),
                issued.c.sender.notin_(senders) if senders else sa.true())
            senders += connection.execute(unused.limit(limit - len(senders))).scalars()
        return senders


def list_conversations(database: Database, limit: int, offset: int) -> list[dict]:
    """The stored conversations, most recently active first, with their assessment's
    status and top cause (absent when there is no assessment or no cause)."""
    newest = sa.func.max(EVENTS.c.timestamp).label("last_activity")
    query = (sa.select(EVENTS.c.sender_id, sa.func.count().label("events"),
                       sa.func.min(EVENTS.c.timestamp).label("first_activity"), newest)
             .group_by(EVENTS.c.sender_id)
             .order_by(newest.desc(), EVENTS.c.sender_id).limit(limit).offset(offset))
    with database.engine.connect() as connection:
        rows = connection.execute(query).all()
        senders = [row.sender_id for row in rows]
        assessed = {row.sender: row for row in connection.execute(
            sa.select(ASSESSMENTS.c.sender, ASSESSMENTS.c.status, ASSESSMENTS.c.causes)
            .where(ASSESSMENTS.c.sender.in_(senders)))} if senders else {}
    conversations = []
    for row in rows:
        assessment = assessed.get(row.sender_id)
        causes = assessment.causes if assessment is not None else None
        conversations.append({
            "sender": row.sender_id, "events": row.events,
            "first_activity": row.first_activity, "last_activity": row.last_activity,
            "status": assessment.status if assessment is not None else None,
            "top_cause": causes[0].get("id") if causes and isinstance(causes[0], dict) else None,
        })
    return conversations
