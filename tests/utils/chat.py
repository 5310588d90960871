"""A runner talking to the service over HTTP, as the widget does."""
from __future__ import annotations

import json
import re
import uuid

import httpx

INFORM = re.compile(r"^/inform(\{.*\})$")


def inform(finding: str, value: str) -> str:
    """The quick-reply payload that answers `finding` with `value`."""
    return "/inform" + json.dumps({finding: value})


class Runner:
    def __init__(self, base_url: str, sender: str | None = None) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.last: list[dict] = []

    def say(self, message: str) -> list[dict]:
        response = self.http.post("/api/chat", json={"sender": self.sender, "message": message})
        assert response.status_code == 200, response.text
        self.last = response.json()
        return self.last

    def assessment(self) -> dict | None:
        response = self.http.get(f"/api/conversations/{self.sender}/assessment")
        if response.status_code == 404:
            return None
        assert response.status_code == 200, response.text
        return response.json()

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
