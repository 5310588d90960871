"""GET /api/conversations/{sender}/assessment and POST /api/assessments."""
from __future__ import annotations

from tests.utils.chat import Runner, bearer


def test_an_unknown_sender_is_401_like_a_wrong_token(http):
    response = http.get("/api/conversations/nobody-ever/assessment", headers=bearer("x" * 43))
    assert response.status_code == 401
    assert "nobody-ever" not in response.text


def test_a_conversation_without_a_message_yet_is_in_progress_with_nothing_found(service):
    assessment = Runner(service.url).assessment()
    assert assessment["status"] == "in_progress" and assessment["findings"] == {}


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
    for not_an_object in ("", [], [["sleep_hours", "under_6"]]):
        assert http.post("/api/assessments", json={"findings": not_an_object}).status_code == 422


def test_messages_of_a_conversation_show_button_titles_not_payloads(service):
    runner = Runner(service.url)
    runner.say("my legs are heavy")
    runner.say('/inform{"red_flag": "none"}')
    response = runner.messages()
    assert response.status_code == 200
    messages = response.json()
    assert messages[0]["sender"] == "bot" and "not a doctor" in messages[0]["text"]
    users = [m["text"] for m in messages if m["sender"] == "user"]
    assert users == ["my legs are heavy", "None of these"]
    assert messages[-1]["buttons"], "the pending question keeps its buttons"


def test_messages_come_a_page_at_a_time_with_the_total_in_a_header(service):
    runner = Runner(service.url)
    runner.say("my legs are heavy")
    runner.say('/inform{"red_flag": "none"}')
    everything = runner.messages(limit=500)
    total = int(everything.headers["x-total-count"])
    assert total == len(everything.json()) >= 4
    pages = [runner.messages(offset=offset, limit=2) for offset in range(0, total, 2)]
    assert all(int(page.headers["x-total-count"]) == total for page in pages)
    assert [m for page in pages for m in page.json()] == everything.json()
    assert runner.messages(offset=total).json() == []
    assert runner.messages(limit=501).status_code == 422
    assert runner.messages(limit=0).status_code == 422


def test_messages_of_an_unknown_conversation_is_401(http):
    assert http.get("/api/conversations/nobody-here/messages").status_code == 401
