"""Custom actions in process (the default) and over HTTP through /webhook."""
from __future__ import annotations

import asyncio
import json

import pytest
from rasa.utils.endpoints import ClientResponseError

from api.actions_endpoint import InProcessActionEndpoint
from api.routes.webhook import build_executor
from tests.api.test_webhook import action_call
from tests.utils.chat import Runner, inform
from tests.utils.facts import HEALTHY
from tests.utils.service import Service


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


@pytest.mark.e2e
def test_the_agent_can_run_its_actions_through_the_webhook(tmp_path):
    svc = Service(f"sqlite:///{tmp_path}/hook.db", tmp_path / "hook.log")
    svc.env["ACTION_ENDPOINT_URL"] = f"{svc.url}/webhook"
    svc.start()
    try:
        runner = Runner(svc.url)
        runner.say("my legs feel heavy")
        assert runner.asked() == "red_flag"
        runner.say(inform("red_flag", "none"))
        result = runner.answer_until_done({**HEALTHY, "leg_day": "yes"})
        assert result["causes"][0]["id"] == "weight_training"
        assert "POST /webhook" in svc.log_path.read_text()
    finally:
        svc.stop()
