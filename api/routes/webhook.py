"""POST /webhook: the Rasa action-server protocol, served by rasa_sdk's ActionExecutor."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

router = APIRouter(tags=["actions"])
logger = logging.getLogger(__name__)


def build_executor() -> ActionExecutor:
    executor = ActionExecutor()
    executor.register_package("bot.actions")
    return executor


@router.post("/webhook")
async def webhook(request: Request) -> JSONResponse:
    """Runs one custom action for Rasa. Errors carry `action_name`, which Rasa reads."""
    try:
        action_call = json.loads(await request.body())
    except ValueError:
        action_call = None
    if not isinstance(action_call, dict) or not isinstance(action_call.get("tracker"), dict):
        return JSONResponse({"action_name": None, "error": "body must be a Rasa action call"},
                            status_code=400)
    executor: ActionExecutor = request.app.state.executor
    try:
        result = await executor.run(action_call)
    except ActionExecutionRejection as exc:
        return JSONResponse({"action_name": exc.action_name, "error": exc.message},
                            status_code=400)
    except ActionNotFoundException as exc:
        return JSONResponse({"action_name": exc.action_name, "error": exc.message},
                            status_code=404)
    return JSONResponse(result or {"events": [], "responses": []})
