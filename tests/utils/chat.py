"""A runner talking to the service over HTTP, as the widget does."""
from __future__ import annotations

import json
import re

import httpx

INFORM = re.compile(r"^/inform(\{.*\})$")


def inform(finding: str, value: str) -> str:
    """The quick-reply payload that answers `finding` with `value`."""
    return "/inform" + json.dumps({finding: value})


def start_conversation(http: httpx.Client) -> tuple[str, str]:
    """A new conversation issued by the service: (sender, token)."""
    response = http.post("/api/conversations", json={})
    assert response.status_code == 201, response.text
    body = response.json()
    return body["sender"], body["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Runner:
    """One conversation: issued by the service unless `sender` and `token` name one."""

    def __init__(self, base_url: str, sender: str | None = None, token: str | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        if sender is None:
            sender, token = start_conversation(self.http)
        self.sender, self.token = sender, token
        self.http.headers.update(bearer(token or ""))
        self.last: list[dict] = []

    def elsewhere(self, base_url: str) -> Runner:
        """The same conversation through another service (a replica, a restarted one)."""
        return Runner(base_url, self.sender, self.token)

    def post(self, message: str) -> httpx.Response:
        return self.http.post("/api/chat", json={"sender": self.sender, "message": message})

    def say(self, message: str) -> list[dict]:
        response = self.post(message)
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.last

    def assessment(self) -> dict | None:
        """The assessment, or None once the conversation is gone (401)."""
        response = self.http.get(f"/api/conversations/{self.sender}/assessment")
        if response.status_code == 401:
            return None
        assert response.status_code == 200, response.text
        return response.json()

    def messages(self, **params: int) -> httpx.Response:
        return self.http.get(f"/api/conversations/{self.sender}/messages", params=params)

    def delete(self) -> httpx.Response:
        return self.http.delete(f"/api/conversations/{self.sender}")

    @property
    def texts(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.last)

    def asked(self) -> str | None:
        """The finding the latest question is about, read from its button payloads."""
        for message in reversed(self.last):
            for button in message.get("buttons") or []:
                match = INFORM.match(button.get("payload", ""))
                if match:
                    return next(iter(json.loads(match.group(1))))
        return None

    def answer_until_done(self, answers: dict[str, str], by: str = "button",
                          max_turns: int = 20) -> dict:
        """Answers every question from `answers` (button payloads or text) until complete."""
        for _ in range(max_turns):
            result = self.assessment()
            if result and result["status"] == "complete":
                return result
            finding = self.asked()
            assert finding, f"no question and no conclusion: {self.last}"
            value = answers.get(finding, "not_sure")
            self.say(inform(finding, value) if by == "button" else value)
        raise AssertionError(f"no conclusion after {max_turns} turns: {self.last}")
