"""A local stand-in for a messaging platform's HTTP API (Telegram Bot API, Slack Web API).

It records every call (method name from the last path segment, parsed JSON or form body)
and answers what the real API would for the calls the service makes. The service under
test reaches it through TELEGRAM_API_BASE_URL / SLACK_API_BASE_URL.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Call:
    path: str
    method: str
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def _telegram_result(method: str, body: dict) -> Any:
    if method.startswith("send") or method.startswith("edit"):
        chat_id = body.get("chat_id", 1)
        return {"message_id": int(time.time() * 1000) % 10**9, "date": int(time.time()),
                "chat": {"id": int(chat_id) if str(chat_id).lstrip("-").isdigit() else 1,
                         "type": "private"},
                "text": body.get("text", "")}
    if method == "getMe":
        return {"id": 42, "is_bot": True, "first_name": "heavylegs", "username": "heavylegs_bot"}
    return True


def telegram_answer(method: str, body: dict) -> dict:
    return {"ok": True, "result": _telegram_result(method, body)}


def slack_answer(method: str, body: dict) -> dict:
    if method == "auth.test":
        return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"}
    if method == "chat.postMessage":
        return {"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}",
                "message": {"text": body.get("text", "")}}
    return {"ok": True}


class FakePlatform:
    """Serves on 127.0.0.1 in a background thread; `calls` lists what it received."""

    def __init__(self, answer=telegram_answer) -> None:
        self.answer = answer
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = _parse(raw, self.headers.get("Content-Type", ""))
                method = self.path.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
                with fake._lock:
                    fake.calls.append(Call(self.path, method, body, dict(self.headers)))
                payload = json.dumps(fake.answer(method, body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakePlatform:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()

    def called(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """Waits until `method` was called at least `count` times; returns those calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            calls = self.called(method)
            if len(calls) >= count:
                return calls
            time.sleep(0.05)
        raise TimeoutError(f"{method} called {len(self.called(method))} times, wanted {count}")


def _parse(raw: bytes, content_type: str) -> dict[str, Any]:
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type:
        return json.loads(text or "{}")
    fields = dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
    for key, value in fields.items():  # nested fields arrive as JSON strings
        if value[:1] in "[{":
            try:
                fields[key] = json.loads(value)
            except ValueError:
                pass
    return fields
