"""The FastAPI app factory: `uvicorn api.main:create_app --factory`."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import LockError, RedisError
from sqlalchemy.exc import DBAPIError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import logs, rasa_patches, retention
from api.actions_endpoint import InProcessActionEndpoint
from api.assistant import Assistant
from api.channels import slack, telegram
from api.db import Database
from api.lock_store import conversation_locks
from api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from api.rate_limit import RateLimiter, RateLimitMiddleware
from api.routes import admin, assessments, chat, conversations, health, http_error, webhook, widget
from api.settings import Settings, get_settings
from bot.triage import load_knowledge

logger = logging.getLogger("api")


async def _load_assistant(app: FastAPI) -> None:
    """Loads the model in the background: /health says 503 until it is ready."""
    settings: Settings = app.state.settings
    endpoint = (EndpointConfig(url=settings.action_endpoint_url,
                               headers={"Authorization": f"Bearer {settings.action_endpoint_secret}"})
                if settings.action_endpoint_url else InProcessActionEndpoint(app.state.executor))
    try:
        app.state.assistant = await run_in_threadpool(
            Assistant.load, settings.model_dir, settings.database_url, endpoint,
            conversation_locks(settings.redis_url, settings.lock_wait_seconds),
            settings.tracker_cache_size)
        logger.info("assistant ready on http://%s:%s", settings.host, settings.port)
    except Exception as exc:  # reported by /health and every chat request
        logger.exception("the assistant failed to load")
        app.state.load_error = str(exc)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    rasa_patches.apply()
    database = Database(settings.database_url)
    if settings.migrate_on_start:
        await run_in_threadpool(database.migrate)
    app.state.database = database
    app.state.knowledge = load_knowledge()
    app.state.executor = webhook.build_executor()
    loading = asyncio.create_task(_load_assistant(app))
    purging = asyncio.create_task(retention.keep_purging(app, loading))  # RETENTION_DAYS
    try:
        yield
    finally:
        purging.cancel()
        loading.cancel()
        database.dispose()


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Type and stack only: an exception's text can quote what the runner wrote.
    logs.log_failure(logger, "unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error; the conversation so far is kept"},
                        status_code=500)


def _retry_later(what: str, detail: str) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    """An exception handler answering 503 with Retry-After: nothing is lost, try again."""
    async def handler(request: Request, exc: Exception) -> JSONResponse:
        logger.warning("%s on %s %s: %s", what, request.method, request.url.path,
                       type(exc).__name__)
        return JSONResponse({"detail": detail}, status_code=503, headers={"Retry-After": "5"})
    return handler


_database_unavailable = _retry_later(
    "database unavailable",
    "the database is unavailable; the conversation so far is kept, try again shortly")
# A conversation's lock was not free within LOCK_WAIT_SECONDS (a stuck turn elsewhere).
_conversation_busy = _retry_later(
    "conversation lock not acquired",
    "this conversation is busy with another message; try again shortly")
# Redis (REDIS_URL) holds the conversation locks: without it no turn may run safely.
_redis_unavailable = _retry_later(
    "Redis unavailable",
    "the service's lock store is unavailable; the conversation so far is kept, try again shortly")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logs.configure(settings.log_level)
    app = FastAPI(title="heavylegs",
                  description="A conversational assistant for runners whose legs feel heavy.",
                  version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.assistant = None
    app.state.load_error = None
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_exception_handler(DBAPIError, _database_unavailable)
    app.add_exception_handler(LockError, _conversation_busy)
    app.add_exception_handler(RedisError, _redis_unavailable)
    app.add_exception_handler(StarletteHTTPException, http_error)  # says why a body is unreadable
    # Per client on /api/*; inside CORS and the security headers, so its 429s carry them.
    rate_limiter = RateLimiter.from_settings(settings)  # an invalid RATE_LIMIT stops start-up
    if rate_limiter:
        app.add_middleware(RateLimitMiddleware, limiter=rate_limiter)
    # Browser apps on other sites that call /api/* with a conversation's token (CORS_ORIGINS;
    # empty: none). The widget needs none: it calls from its frame, on this origin. The token
    # travels in a header, never a cookie, so no credentials here.
    app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origin_list,
                       allow_methods=["GET", "POST", "DELETE"],
                       allow_headers=["Content-Type", "Authorization"],
                       expose_headers=["Retry-After", "X-Total-Count"])
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: on every answer, 413 included
    for module in (chat, assessments, conversations, admin, health, widget, telegram, slack):
        app.include_router(module.router)
    if settings.action_endpoint_url:  # the action server is off unless the agent uses it
        app.include_router(webhook.router)
    chat.document_limits(app, settings)
    return app
