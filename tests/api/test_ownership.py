"""Conversations are issued by the service, and only their token opens them (real HTTP)."""
from __future__ import annotations

import hashlib
import re
import sqlite3

import httpx
import pytest

from tests.conftest import CHANNEL_MAX_TURNS
from tests.utils.chat import Runner, bearer, inform, start_conversation

ROUTES = (("GET", "/api/conversations/{}/assessment"), ("GET", "/api/conversations/{}/messages"),
          ("DELETE", "/api/conversations/{}"))


def database_file(service) -> str:
    return service.env["DATABASE_URL"].removeprefix("sqlite:///")


def refusals(http: httpx.Client, sender: str, headers: dict) -> list[httpx.Response]:
    """The answers of every conversation route to `headers` for `sender`."""
    answers = [http.request(method, path.format(sender), headers=headers) for method, path in ROUTES]
    answers.append(http.post("/api/chat", headers=headers,
                             json={"sender": sender, "message": inform("red_flag", "none")}))
    return answers


def test_the_service_issues_unguessable_ids_and_tokens(http):
    issued = [start_conversation(http) for _ in range(3)]
    for sender, token in issued:
        assert re.fullmatch(r"web-[0-9a-f]{32}", sender), "128 random bits, hex"
        assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token), "256 random bits, base64url"
    assert len({s for s, _ in issued}) == len({t for _, t in issued}) == 3


def test_only_a_hash_of_the_token_is_stored(service, http):
    sender, token = start_conversation(http)
    with sqlite3.connect(database_file(service)) as db:
        rows = db.execute("SELECT * FROM conversations WHERE sender = ?", (sender,)).fetchall()
    assert len(rows) == 1
    assert token not in repr(rows)
    assert hashlib.sha256(token.encode()).hexdigest() in rows[0]


def test_a_missing_or_wrong_token_gets_the_same_401_as_a_missing_conversation(service, http):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    other_sender, other_token = start_conversation(http)
    cases = [{}, {"Authorization": "Bearer"}, bearer("x" * 43), bearer(other_token),
             {"Authorization": runner.token}, {"Authorization": f"Basic {runner.token}"},
             bearer(runner.token + "x")]
    for headers in cases:
        for answer in refusals(http, runner.sender, headers):
            assert answer.status_code == 401, (headers, answer.request.url)
            assert answer.headers["www-authenticate"] == "Bearer"
    missing = refusals(http, "web-" + "0" * 32, bearer(runner.token))
    present = refusals(http, runner.sender, bearer(other_token))
    assert [(a.status_code, a.json()) for a in missing] == [(a.status_code, a.json()) for a in present]
    assert runner.assessment()["findings"] == {}, "nothing was answered for the runner"
    assert [m["text"] for m in runner.messages().json() if m["sender"] == "user"] == \
        ["my legs feel heavy"]


def test_a_message_for_a_sender_never_issued_starts_nothing(service, http):
    made_up = "runner-42"
    response = http.post("/api/chat", json={"sender": made_up, "message": "my legs are heavy"})
    assert response.status_code == 401
    with sqlite3.connect(database_file(service)) as db:
        stored = db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (made_up,)).fetchone()
    assert stored == (0,)


def test_starting_a_conversation_takes_an_empty_json_body_or_none(http):
    assert http.post("/api/conversations", json={}).status_code == 201
    assert http.post("/api/conversations").status_code == 201, "no body at all"
    assert http.post("/api/conversations", json={"sender": "mine"}).status_code == 422
    response = http.post("/api/conversations", content=b"{}", headers={"content-type": "text/plain"})
    assert response.status_code == 415


def test_past_max_turns_a_web_conversation_gets_409_and_keeps_what_it_had(channels_service):
    runner = Runner(channels_service.url)  # this service caps conversations at 30 turns
    runner.say("my legs are heavy")
    for _ in range(CHANNEL_MAX_TURNS - 1):
        assert runner.post("thanks").status_code == 200
    before, history = runner.assessment(), runner.messages(limit=500).json()
    response = runner.post(inform("red_flag", "bone_pain"))
    assert response.status_code == 409
    assert f"limit of {CHANNEL_MAX_TURNS} messages" in response.json()["detail"]
    assert "new conversation" in response.json()["detail"]
    assert runner.assessment() == before and runner.messages(limit=500).json() == history
    assert runner.delete().status_code == 204, "the runner can still delete it"


@pytest.mark.parametrize("path", ["/api/conversations/{}/messages", "/api/conversations/{}"])
def test_a_deleted_conversations_token_opens_nothing_any_more(service, path):
    runner = Runner(service.url)
    runner.say("my legs are heavy")
    assert runner.delete().status_code == 204
    method = "DELETE" if path.endswith("{}") else "GET"
    assert runner.http.request(method, path.format(runner.sender)).status_code == 401
