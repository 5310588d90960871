"""POST /webhook: the Rasa action-server protocol, on only for an agent that calls its
actions over HTTP (ACTION_ENDPOINT_URL), and then only with ACTION_ENDPOINT_SECRET."""
from __future__ import annotations

import httpx
import pytest

from tests.utils.chat import Runner, inform
from tests.utils.facts import HEALTHY
from tests.utils.service import Service

SECRET = "webhook-test-secret-0123456789"


def action_call(action: str, slots: dict | None = None, text: str = "hi") -> dict:
    return {
        "next_action": action,
        "sender_id": "webhook-test",
        "version": "3.6.2",
        "domain": {"forms": {}},
        "tracker": {
            "sender_id": "webhook-test",
            "slots": slots or {},
            "latest_message": {"text": text, "intent": {"name": "greet"}, "entities": []},
            "events": [], "paused": False, "followup_action": None, "active_loop": {},
            "latest_action_name": "action_listen",
        },
    }


@pytest.fixture(scope="module")
def hooked(tmp_path_factory):
    """A service whose agent runs its actions through its own /webhook."""
    directory = tmp_path_factory.mktemp("webhook")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  ACTION_ENDPOINT_SECRET=SECRET)
    svc.env["ACTION_ENDPOINT_URL"] = f"{svc.url}/webhook"
    yield svc.start()
    svc.stop()


@pytest.fixture
def hook(hooked):
    with httpx.Client(base_url=hooked.url, timeout=30,
                      headers={"Authorization": f"Bearer {SECRET}"}) as client:
        yield client


def test_off_by_default(http):
    response = http.post("/webhook", json=action_call("action_ask_sleep_hours"))
    assert response.status_code == 404


def test_a_secret_is_required_to_turn_it_on(tmp_path):
    svc = Service(f"sqlite:///{tmp_path}/hook.db", tmp_path / "hook.log",
                  ACTION_ENDPOINT_URL="http://127.0.0.1:9/webhook")
    svc.env.pop("ACTION_ENDPOINT_SECRET", None)
    with pytest.raises(RuntimeError):
        svc.start()
    assert "ACTION_ENDPOINT_SECRET must be too" in svc.log_path.read_text()


def test_without_the_secret_every_call_is_401(hooked):
    call = action_call("action_ask_sleep_hours")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": SECRET},
                    {"Authorization": f"Basic {SECRET}"}):
        response = httpx.post(f"{hooked.url}/webhook", json=call, headers=headers, timeout=30)
        assert response.status_code == 401, headers
        assert set(response.json()) == {"action_name", "error"}, "what Rasa reads"


def test_callers_are_rate_limited_like_the_api(hooked):
    """60 a minute per client by default (RATE_LIMIT); the agent itself, on 127.0.0.1, is exempt."""
    caller = {"X-Forwarded-For": "203.0.113.9"}  # uvicorn trusts 127.0.0.1 to say who called
    with httpx.Client(base_url=hooked.url, timeout=30, headers=caller) as client:
        statuses = [client.post("/webhook", json={}).status_code for _ in range(61)]
    assert statuses[:60] == [401] * 60 and statuses[60] == 429


def test_the_agent_runs_its_actions_through_the_webhook_with_the_secret(hooked):
    runner = Runner(hooked.url)
    runner.say("my legs feel heavy")
    assert runner.asked() == "red_flag"
    runner.say(inform("red_flag", "none"))
    result = runner.answer_until_done({**HEALTHY, "leg_day": "yes"})
    assert result["causes"][0]["id"] == "weight_training"
    assert '"POST /webhook HTTP/1.1" 200' in hooked.log_path.read_text()


def test_an_action_runs_and_returns_its_messages(hook):
    response = hook.post("/webhook", json=action_call("action_ask_sleep_hours"))
    assert response.status_code == 200
    body = response.json()
    assert body["events"] == []
    [message] = body["responses"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/inform{"sleep_hours": "under_6"}' in payloads


def test_a_message_over_max_message_chars_is_400(hook):
    response = hook.post("/webhook", json=action_call("action_ask_sleep_hours", text="a" * 2001))
    assert response.status_code == 400
    assert "longer than 2000" in response.json()["error"]
    response = hook.post("/webhook", json=action_call("action_ask_sleep_hours", text="\ufdfa" * 112))
    assert response.status_code == 400, "counted after normalisation, as the chat counts"


def test_an_unknown_action_is_404_with_action_name(hook):
    response = hook.post("/webhook", json=action_call("action_does_not_exist"))
    assert response.status_code == 404
    assert response.json()["action_name"] == "action_does_not_exist"


def test_a_malformed_call_is_400_with_action_name(hook):
    for data in (b"nope", "café".encode("latin-1"), b"[" * 20000 + b"]" * 20000):
        response = hook.post("/webhook", content=data, headers={"content-type": "application/json"})
        assert response.status_code == 400
        assert set(response.json()) == {"action_name", "error"}
        assert response.json()["error"].startswith("body must be a Rasa action call")


def test_the_assessment_action_concludes_from_slots(hook):
    response = hook.post("/webhook", json=action_call(
        "action_give_assessment", {"red_flag": "none", "sleep_hours": "under_6"}))
    assert response.status_code == 200
    body = response.json()
    assert any(e.get("name") == "assessment_status" and e.get("value") == "complete"
               for e in body["events"])
    custom = [r["custom"] for r in body["responses"] if r.get("custom")]
    assert custom[0]["causes"][0]["id"] == "sleep"
