"""Runs the agent's custom actions in this process instead of over loopback HTTP.

Same protocol, same JSON as POST /webhook (which stays for external callers): the agent
hands the action call to rasa_sdk's ActionExecutor directly, saving the HTTP round trip,
a new client session per call and a JSON encode/decode of the whole tracker each way.
Errors are raised as the HTTP client would raise them, so Rasa handles them unchanged.
"""
from __future__ import annotations

import json
from typing import Any

from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException


class InProcessActionEndpoint(EndpointConfig):
    """An action endpoint whose requests are served by an ActionExecutor in this process."""

    def __init__(self, executor: ActionExecutor) -> None:
        super().__init__(url="in-process://bot.actions")
        self.executor = executor

    async def request(self, method: str = "post", subpath: str | None = None,
                      content_type: str | None = "application/json", compress: bool = False,
                      **kwargs: Any) -> Any:
        try:
            return await self.executor.run(kwargs["json"]) or {"events": [], "responses": []}
        except ActionExecutionRejection as exc:
            raise ClientResponseError(400, "Bad Request", json.dumps(
                {"action_name": exc.action_name, "error": exc.message})) from exc
        except ActionNotFoundException as exc:
            raise ClientResponseError(404, "Not Found", json.dumps(
                {"action_name": exc.action_name, "error": exc.message})) from exc
