"""POST /webhook: the Rasa action-server protocol, served by rasa_sdk's ActionExecutor.

Mounted only when ACTION_ENDPOINT_URL is set (an agent that calls its actions over HTTP);
then every call must carry `Authorization: Bearer <ACTION_ENDPOINT_SECRET>`, the runner's
message in it is held to MAX_MESSAGE_CHARS, and callers are rate limited with /api/*. It
is for the agent alone: the deployment files never route it from outside.
"""
from __future__ import annotations

import copy
import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ValidationError
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from api.conversation import too_long
from api.schemas import TOO_LARGE, ActionCall, document_nulls
from api.settings import Settings

router = APIRouter(tags=["actions"])
logger = logging.getLogger(__name__)
secret_bearer = HTTPBearer(auto_error=False, scheme_name="ActionEndpointSecret",
                           description="The ACTION_ENDPOINT_SECRET the service was started with.")


class ActionResult(BaseModel):
    events: list[dict[str, Any]]
    responses: list[dict[str, Any]]


class ActionError(BaseModel):
    action_name: str | None
    error: str

    class Config:
        schema_extra = staticmethod(document_nulls)  # action_name is null for a body without one


def build_executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    return executor


def _inline(schema: dict) -> dict:
    """`schema` with its `#/definitions/...` references replaced by what they name."""
    schema = copy.deepcopy(schema)  # pydantic caches the one it returns
    definitions = schema.pop("definitions", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    return resolve(schema)


def _action_call_schema() -> dict:
    """The request body's JSON schema, naming the actions this server runs."""
    schema = _inline(ActionCall.schema())
    schema["properties"]["next_action"]["examples"] = sorted(build_executor().actions)
    return schema


def _with_named_forms(action_call: dict) -> dict:
    """`action_call` with an (empty) form for every form a slot mapping's condition names:
    rasa_sdk looks those up in the domain's forms without a fallback."""
    domain = action_call.get("domain")
    if domain:
        forms = domain.setdefault("forms", {})
        for slot in domain.get("slots", {}).values():
            for mapping in slot.get("mappings", []):
                for condition in mapping.get("conditions", []):
                    if condition.get("active_loop"):
                        forms.setdefault(condition["active_loop"], {})
    return action_call


def _authorised(credentials: HTTPAuthorizationCredentials | None, settings: Settings) -> bool:
    given = credentials.credentials if credentials is not None else ""
    return hmac.compare_digest(given.encode(), (settings.action_endpoint_secret or "").encode()) \
        and bool(given)


def _rejection(action_call: Any, error: str, status_code: int = 400) -> JSONResponse:
    name = action_call.get("next_action") if isinstance(action_call, dict) else None
    return JSONResponse({"action_name": name if isinstance(name, str) else None, "error": error},
                        status_code=status_code)


@router.post(
    "/webhook", response_model=ActionResult,
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _action_call_schema()}}}},
    responses={400: {"model": ActionError, "description": "Not a Rasa action call, or the "
                                                           "action rejected it"},
               401: {"model": ActionError, "description": "Missing or wrong "
                                                           "ACTION_ENDPOINT_SECRET bearer token"},
               404: {"model": ActionError, "description": "No action with this name"},
               **TOO_LARGE})
async def webhook(request: Request,
                  credentials: HTTPAuthorizationCredentials | None = Security(secret_bearer)
                  ) -> JSONResponse:
    """Runs one custom action for Rasa. Errors carry `action_name`, which Rasa reads."""
    settings: Settings = request.app.state.settings
    if not _authorised(credentials, settings):
        return JSONResponse({"action_name": None, "error": "missing or wrong bearer token "
                             "(ACTION_ENDPOINT_SECRET)"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    try:
        action_call = json.loads(await request.body())
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested beyond the stack
        return _rejection(None, "body must be a Rasa action call (JSON)")
    try:
        call = ActionCall.parse_obj(action_call)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, error['loc']))}: {error['msg']}"
                             for error in exc.errors())
        return _rejection(action_call, f"body must be a Rasa action call: {problems}")
    message = call.tracker.latest_message
    if message is not None and message.text and too_long(message.text, settings.max_message_chars):
        return _rejection(action_call, f"the latest message is longer than "
                                       f"{settings.max_message_chars} characters")
    executor: ActionExecutor = request.app.state.executor
    try:
        result = await executor.run(_with_named_forms(call.dict(exclude_unset=True)))
    except ActionExecutionRejection as exc:
        return JSONResponse({"action_name": exc.action_name, "error": exc.message},
                            status_code=400)
    except ActionNotFoundException as exc:
        return JSONResponse({"action_name": exc.action_name, "error": exc.message},
                            status_code=404)
    return JSONResponse(result or {"events": [], "responses": []})
