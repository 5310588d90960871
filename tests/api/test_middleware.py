"""Request size limits and security headers, over real HTTP."""
from __future__ import annotations

import httpx

from tests.utils.chat import Runner


def test_a_body_over_64_kb_is_413_with_a_json_reason(http):
    response = http.post("/api/chat", content=b"x" * (64 * 1024 + 1),
                         headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_chunked_body_over_the_limit_is_413_without_reading_it_whole(http):
    sent = 0

    def endless_json():  # no Content-Length: httpx sends it chunked
        nonlocal sent
        yield b'{"sender": "chunky", "message": "'
        for _ in range(10_000):  # would be 160 MB if read whole
            sent += 16384
            yield b"x" * 16384

    try:
        response = http.post("/api/chat", content=endless_json(),
                             headers={"content-type": "application/json"})
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        pass  # the server may close the connection while we are still sending
    else:
        assert response.status_code == 413
        assert "larger than" in response.json()["detail"]
    assert sent < 10_000 * 16384, "the server stopped the upload long before its end"


def test_a_small_body_still_works(service):
    response = Runner(service.url).post("hi")
    assert response.status_code == 200


def test_security_headers_on_every_response(http):
    for path in ("/health", "/api/conversations/nobody/assessment", "/docs"):
        headers = http.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path


def _headers_through_the_middleware(route_headers: dict[str, str]) -> httpx.Headers:
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from api.middleware import SecurityHeadersMiddleware

    app = Starlette(routes=[Route("/", lambda request: Response("hi", headers=route_headers))])
    app.add_middleware(SecurityHeadersMiddleware)
    return TestClient(app).get("/").headers


def test_a_response_whose_csp_says_who_may_frame_it_gets_no_x_frame_options():
    framed = _headers_through_the_middleware(
        {"Content-Security-Policy": "default-src 'none'; frame-ancestors http: https:"})
    assert "x-frame-options" not in framed
    assert framed["x-content-type-options"] == "nosniff", "the other headers are still added"
    assert _headers_through_the_middleware(
        {"Content-Security-Policy": "default-src 'none'"})["x-frame-options"] == "DENY"
    assert _headers_through_the_middleware({})["x-frame-options"] == "DENY"


def test_the_widget_frame_may_be_embedded_by_any_site_and_other_pages_by_none(http):
    frame = http.get("/widget/frame")
    assert frame.status_code == 200
    assert "frame-ancestors http: https:" in frame.headers["content-security-policy"]
    assert "x-frame-options" not in frame.headers
    assert http.get("/health").headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in http.get("/").headers["content-security-policy"]


# ---- clients that leave: one INFO line each, no traceback (channels_service reads bodies itself)

def _log_after(service, offset: int, wanted: str, timeout: float = 15.0) -> str:
    """The service's log written after `offset`, once it holds `wanted` (and a moment more:
    anything logged right after it, such as a traceback, is in it too)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = service.log_path.read_text(errors="replace")[offset:]
        if wanted in text:
            time.sleep(0.5)
            return service.log_path.read_text(errors="replace")[offset:]
        time.sleep(0.05)
    raise AssertionError(f"no {wanted!r} in the log after {timeout}s:\n{text[-3000:]}")


def _log_size(service) -> int:
    return len(service.log_path.read_text(errors="replace"))


def _endless_body():
    for _ in range(10_000):
        yield b"x" * 16384


def _assert_quiet(log: str) -> None:
    assert "Traceback" not in log and "ERROR" not in log and "ClientDisconnect" not in log, log


def test_an_oversized_chunked_body_is_one_info_line_without_a_traceback(channels_service):
    from tests.conftest import CHANNEL_SECRETS

    telegram = {"X-Telegram-Bot-Api-Secret-Token": CHANNEL_SECRETS["TELEGRAM_SECRET_TOKEN"]}
    # The channels read their bodies themselves; /api/chat's is read by FastAPI.
    for path, headers in (("/channels/slack/events", {}), ("/channels/telegram/webhook", telegram),
                          ("/api/chat", {})):
        offset = _log_size(channels_service)
        with httpx.Client(base_url=channels_service.url, timeout=30) as http:
            try:
                response = http.post(path, content=_endless_body(),
                                     headers={"content-type": "application/json", **headers})
                assert response.status_code == 413, path
            except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
                pass
        log = _log_after(channels_service, offset, "answered 413")
        _assert_quiet(log)
        lines = [line for line in log.splitlines() if "api.middleware" in line]
        assert len(lines) == 1, log
        assert f"INFO api.middleware: POST {path}: request body over 65536 bytes" in lines[0]


def test_a_client_that_disconnects_mid_body_is_one_info_line_without_a_traceback(channels_service):
    import socket
    import time

    for path in ("/channels/slack/events", "/api/chat"):
        offset = _log_size(channels_service)
        with socket.create_connection(("127.0.0.1", channels_service.port)) as sock:
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                         "\r\nContent-Length: 1000\r\n\r\n".encode() + b'{"sender": "half')
            time.sleep(0.3)  # the body is being read when the client goes
        if path == "/api/chat":  # FastAPI turns it into a 400 nobody reads: nothing to log
            time.sleep(1)
            _assert_quiet(channels_service.log_path.read_text(errors="replace")[offset:])
            continue
        log = _log_after(channels_service, offset, "the client disconnected")
        _assert_quiet(log)
        lines = [line for line in log.splitlines() if "api.middleware" in line]
        assert len(lines) == 1, log
        assert f"INFO api.middleware: POST {path}: the client disconnected before its request " \
               "was read" in lines[0]
