"""Custom actions in process (the default) and over HTTP through /webhook."""
from __future__ import annotations

import asyncio
import json

import pytest
from rasa.utils.endpoints import ClientResponseError

from api.actions_endpoint import InProcessActionEndpoint
from api.routes.webhook import build_executor
from tests.api.test_webhook import action_call


def test_in_process_endpoint_runs_an_action_like_the_webhook():
    endpoint = InProcessActionEndpoint(build_executor())
    result = asyncio.run(endpoint.request(json=action_call("action_ask_fuel")))
    assert result["responses"][0]["buttons"][0]["payload"] == '/inform{"fuel": "good"}'


def test_in_process_endpoint_raises_unknown_actions_as_http_would():
    endpoint = InProcessActionEndpoint(build_executor())
    with pytest.raises(ClientResponseError) as error:
        asyncio.run(endpoint.request(json=action_call("action_nope")))
    assert error.value.status == 404
    assert json.loads(error.value.text)["action_name"] == "action_nope"
