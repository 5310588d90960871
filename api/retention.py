"""RETENTION_DAYS: deletes silent conversations at start-up, then every hour."""
from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from api import privacy

logger = logging.getLogger(__name__)

PURGE_EVERY_S = 3600
RETRY_AFTER_S = 300  # after a failed purge (the database was down, say)


async def keep_purging(app: FastAPI, loading: asyncio.Task) -> None:
    """The lifespan's background task: never raises; cancelled at shutdown.

    It waits for the assistant to load, whose locks and tracker cache a deletion needs.
    """
    days = app.state.settings.retention_days
    if days <= 0:
        return
    await asyncio.shield(loading)
    assistant = app.state.assistant
    if assistant is None:
        logger.error("retention: the assistant did not load, so no conversation is purged")
        return
    while True:
        try:
            deleted = await privacy.purge(assistant, app.state.database, days)
        except Exception:
            logger.exception("retention: the purge failed; trying again in %d s", RETRY_AFTER_S)
            await asyncio.sleep(RETRY_AFTER_S)
            continue
        logger.info("retention: deleted %d conversation(s) silent for over %d day(s)",
                    deleted, days)
        await asyncio.sleep(PURGE_EVERY_S)
