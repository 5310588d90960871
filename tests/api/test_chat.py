"""POST /api/chat: good and bad input."""
from __future__ import annotations

import uuid

from bot.triage import invalid_findings


def sender() -> str:
    return f"api-{uuid.uuid4().hex[:10]}"


def test_a_message_gets_replies_in_the_rest_channel_shape(http):
    response = http.post("/api/chat", json={"sender": sender(), "message": "my legs are heavy"})
    assert response.status_code == 200
    replies = response.json()
    assert isinstance(replies, list) and replies
    assert all(set(m) <= {"recipient_id", "text", "buttons", "image", "custom"} for m in replies)


def test_malformed_json_is_rejected_with_a_clear_error(http):
    response = http.post("/api/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_missing_fields_and_wrong_types_are_422(http):
    assert http.post("/api/chat", json={"sender": "x"}).status_code == 422
    assert http.post("/api/chat", json={"sender": 5, "message": ["a"]}).status_code == 422
    assert http.post("/api/chat", json=["not", "an", "object"]).status_code == 422


def test_empty_and_blank_messages_are_422_naming_the_field(http):
    for message in ("", "   ", "\x00\x01"):
        response = http.post("/api/chat", json={"sender": sender(), "message": message})
        assert response.status_code == 422, message
        assert "message" in str(response.json()["detail"])


def test_too_long_message_is_422_and_loses_nothing(http):
    who = sender()
    http.post("/api/chat", json={"sender": who, "message": "my legs are heavy"})
    before = http.get(f"/api/conversations/{who}/assessment").json()
    response = http.post("/api/chat", json={"sender": who, "message": "a" * 5000})
    assert response.status_code == 422
    assert "message" in str(response.json()["detail"])
    assert http.get(f"/api/conversations/{who}/assessment").json() == before


def test_bad_sender_ids_are_422(http):
    for bad in ("", "a" * 129, "../etc/passwd", "spaces are bad"):
        response = http.post("/api/chat", json={"sender": bad, "message": "hi"})
        assert response.status_code == 422, bad


def test_hostile_payloads_never_crash_a_conversation(http):
    who = sender()
    http.post("/api/chat", json={"sender": who, "message": "my legs are heavy"})
    for message in ['/inform{"nonsense": "x"}', '/inform{"sleep_hours": "lots"}',
                    "/no_such_intent", '/inform{"broken json', "<script>alert(1)</script>",
                    "\u202eevil rtl\u202c 🏃‍♀️💨", "ñandú 跑步 бег"]:
        response = http.post("/api/chat", json={"sender": who, "message": message})
        assert response.status_code == 200, (message, response.text)
    result = http.get(f"/api/conversations/{who}/assessment").json()
    assert not invalid_findings(result["findings"]), "only contract values are ever stored"
    assert result["findings"].get("sleep_hours") != "lots"
    assert http.post("/api/chat", json={"sender": who, "message": "hello"}).status_code == 200


def test_conversations_do_not_leak_into_each_other(http):
    a, b = sender(), sender()
    http.post("/api/chat", json={"sender": a, "message": "legs heavy"})
    http.post("/api/chat", json={"sender": a, "message": '/inform{"red_flag": "bone_pain"}'})
    http.post("/api/chat", json={"sender": b, "message": "legs heavy"})
    assert http.get(f"/api/conversations/{a}/assessment").json()["urgency"] == "see_doctor"
    other = http.get(f"/api/conversations/{b}/assessment").json()
    assert other["urgency"] == "self_care" and other["findings"] == {}
