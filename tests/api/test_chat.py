"""POST /api/chat: good and bad input, in conversations the service issued."""
from __future__ import annotations

import pytest

from bot.triage import invalid_findings
from tests.utils.chat import Runner


@pytest.fixture
def runner(service) -> Runner:
    return Runner(service.url)


def test_a_message_gets_replies_in_the_rest_channel_shape(runner):
    response = runner.post("my legs are heavy")
    assert response.status_code == 200
    replies = response.json()
    assert isinstance(replies, list) and replies
    assert all(set(m) <= {"recipient_id", "text", "buttons", "image", "custom"} for m in replies)


def test_malformed_json_is_rejected_with_a_clear_error(runner):
    response = runner.http.post("/api/chat", content=b"{not json",
                                headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "detail" in response.json()


def test_missing_fields_and_wrong_types_are_422(runner):
    http = runner.http
    assert http.post("/api/chat", json={"sender": runner.sender}).status_code == 422
    assert http.post("/api/chat", json={"sender": 5, "message": ["a"]}).status_code == 422
    assert http.post("/api/chat", json=["not", "an", "object"]).status_code == 422


def test_empty_and_blank_messages_are_422_naming_the_field(runner):
    for message in ("", "   ", "\x00\x01"):
        response = runner.post(message)
        assert response.status_code == 422, message
        assert "message" in str(response.json()["detail"])


def test_too_long_message_is_422_and_loses_nothing(runner):
    runner.say("my legs are heavy")
    before = runner.assessment()
    response = runner.post("a" * 5000)
    assert response.status_code == 422
    assert "message" in str(response.json()["detail"])
    assert runner.assessment() == before


def test_the_length_cap_counts_what_normalisation_makes_of_a_message(runner):
    """U+FDFA is one character that NFKC turns into 18: 200 of them are 3,600 to read."""
    runner.say("my legs are heavy")
    response = runner.post("\ufdfa" * 200)
    assert response.status_code == 422
    assert "longer than 2000 characters" in str(response.json()["detail"])
    assert runner.post("\ufdfa" * 100).status_code == 200  # 1,800 after normalising


def test_bad_sender_ids_are_422(runner):
    for bad in ("", "a" * 129, "../etc/passwd", "spaces are bad"):
        response = runner.http.post("/api/chat", json={"sender": bad, "message": "hi"})
        assert response.status_code == 422, bad


def test_hostile_payloads_never_crash_a_conversation(runner):
    runner.say("my legs are heavy")
    for message in ['/inform{"nonsense": "x"}', '/inform{"sleep_hours": "lots"}',
                    "/no_such_intent", '/inform{"broken json', "<script>alert(1)</script>",
                    "\u202eevil rtl\u202c 🏃‍♀️💨", "ñandú 跑步 бег"]:
        response = runner.post(message)
        assert response.status_code == 200, (message, response.text)
    result = runner.assessment()
    assert not invalid_findings(result["findings"]), "only contract values are ever stored"
    assert result["findings"].get("sleep_hours") != "lots"
    assert runner.post("hello").status_code == 200


def test_conversations_do_not_leak_into_each_other(service):
    a, b = Runner(service.url), Runner(service.url)
    a.say("legs heavy")
    a.say('/inform{"red_flag": "bone_pain"}')
    b.say("legs heavy")
    assert a.assessment()["urgency"] == "see_doctor"
    other = b.assessment()
    assert other["urgency"] == "self_care" and other["findings"] == {}
