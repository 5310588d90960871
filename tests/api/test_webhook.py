"""POST /webhook: the Rasa action-server protocol."""
from __future__ import annotations


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


def test_an_action_runs_and_returns_its_messages(http):
    response = http.post("/webhook", json=action_call("action_ask_sleep_hours"))
    assert response.status_code == 200
    body = response.json()
    assert body["events"] == []
    [message] = body["responses"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/inform{"sleep_hours": "under_6"}' in payloads


def test_an_unknown_action_is_404_with_action_name(http):
    response = http.post("/webhook", json=action_call("action_does_not_exist"))
    assert response.status_code == 404
    assert response.json()["action_name"] == "action_does_not_exist"


def test_a_malformed_call_is_400_with_action_name(http):
    response = http.post("/webhook", content=b"nope", headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert set(response.json()) == {"action_name", "error"}


def test_the_assessment_action_concludes_from_slots(http):
    response = http.post("/webhook", json=action_call(
        "action_give_assessment", {"red_flag": "none", "sleep_hours": "under_6"}))
    assert response.status_code == 200
    body = response.json()
    assert {"event": "slot", "name": "assessment_status", "value": "complete",
            "timestamp": None} in body["events"] or any(
        e.get("name") == "assessment_status" and e.get("value") == "complete" for e in body["events"])
    custom = [r["custom"] for r in body["responses"] if r.get("custom")]
    assert custom[0]["causes"][0]["id"] == "sleep"
