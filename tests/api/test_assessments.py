"""GET /api/conversations/{sender}/assessment and POST /api/assessments."""
from __future__ import annotations


def test_unknown_sender_is_404(http):
    response = http.get("/api/conversations/nobody-ever/assessment")
    assert response.status_code == 404
    assert "nobody-ever" in response.json()["detail"]


def test_invalid_sender_in_path_is_422(http):
    assert http.get("/api/conversations/bad%20id/assessment").status_code == 422


def test_assessment_of_findings_ranks_causes(http):
    response = http.post("/api/assessments", json={"findings": {"sleep_hours": "under_6",
                                                                "warm_up": "no"}})
    assert response.status_code == 200
    body = response.json()
    assert body["urgency"] == "self_care"
    assert [c["id"] for c in body["causes"]] == ["sleep", "circulation"]
    assert all(0 < c["score"] <= 1 and c["because"] and c["sources"] for c in body["causes"])


def test_red_flag_findings_give_urgency_without_causes(http):
    body = http.post("/api/assessments",
                     json={"findings": {"red_flag": "dark_urine", "sleep_hours": "under_6"}}).json()
    assert body == {"urgency": "emergency", "causes": []}


def test_unknown_finding_or_value_is_422_naming_it(http):
    response = http.post("/api/assessments", json={"findings": {"mood": "bad"}})
    assert response.status_code == 422
    assert "mood" in str(response.json()["detail"])
    response = http.post("/api/assessments", json={"findings": {"sleep_hours": "lots"}})
    assert response.status_code == 422
    assert "lots" in str(response.json()["detail"])


def test_malformed_assessment_body_is_422(http):
    assert http.post("/api/assessments", json={"findings": "sleep"}).status_code == 422
    assert http.post("/api/assessments", json={}).status_code == 422


def test_messages_of_a_conversation_show_button_titles_not_payloads(http):
    sender = "history-test-1"
    http.post("/api/chat", json={"sender": sender, "message": "my legs are heavy"})
    http.post("/api/chat", json={"sender": sender, "message": '/inform{"red_flag": "none"}'})
    response = http.get(f"/api/conversations/{sender}/messages")
    assert response.status_code == 200
    messages = response.json()
    assert messages[0]["sender"] == "bot" and "not a doctor" in messages[0]["text"]
    users = [m["text"] for m in messages if m["sender"] == "user"]
    assert users == ["my legs are heavy", "None of these"]
    assert messages[-1]["buttons"], "the pending question keeps its buttons"


def test_messages_of_an_unknown_conversation_is_404(http):
    assert http.get("/api/conversations/nobody-here/messages").status_code == 404
