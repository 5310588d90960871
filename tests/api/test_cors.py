"""Cross-origin access to /api/* only for CORS_ORIGINS, over real HTTP.

The widget talks to the API from its own frame, on the service's origin, so it needs no
CORS; CORS_ORIGINS is for other browser apps that call the API with a conversation token.
"""
from __future__ import annotations

import httpx
import pytest

from tests.utils.chat import start_conversation
from tests.utils.service import Service

ELSEWHERE = "https://elsewhere.example"
BLOG = "https://blog.example"
PREFLIGHT = {"Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization, content-type"}


def start(tmp_path_factory, name: str, **env: str) -> Service:
    directory = tmp_path_factory.mktemp(name)
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log", **env)
    if "CORS_ORIGINS" not in env:
        svc.env.pop("CORS_ORIGINS", None)  # the default, whatever the shell says
    return svc.start()


@pytest.fixture(scope="module")
def default_service(tmp_path_factory):
    svc = start(tmp_path_factory, "cors-default")
    yield svc
    svc.stop()


@pytest.fixture(scope="module")
def blog_service(tmp_path_factory):
    svc = start(tmp_path_factory, "cors-blog", CORS_ORIGINS=BLOG)
    yield svc
    svc.stop()


def preflight(url: str, origin: str) -> httpx.Response:
    return httpx.options(url + "/api/chat", headers={"Origin": origin, **PREFLIGHT}, timeout=30)


def chat(url: str, origin: str) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=30) as http:
        sender, token = start_conversation(http)
        return http.post("/api/chat", json={"sender": sender, "message": "hi"},
                         headers={"Origin": origin, "Authorization": f"Bearer {token}"})


def test_by_default_no_other_origin_may_call_the_api(default_service):
    answer = preflight(default_service.url, ELSEWHERE)
    assert answer.status_code == 400
    assert "access-control-allow-origin" not in answer.headers
    response = chat(default_service.url, ELSEWHERE)
    assert response.status_code == 200, "served, but the browser keeps the answer from the page"
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in chat(default_service.url, default_service.url).headers


def test_a_listed_origin_may_call_the_api_and_another_may_not(blog_service):
    answer = preflight(blog_service.url, BLOG)
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == BLOG
    assert "POST" in answer.headers["access-control-allow-methods"]
    assert "authorization" in answer.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in answer.headers, "the widget sends no cookies"
    response = chat(blog_service.url, BLOG)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == BLOG
    assert "Origin" in response.headers["vary"]
    assert "x-total-count" in response.headers["access-control-expose-headers"].lower()

    assert preflight(blog_service.url, ELSEWHERE).status_code == 400
    assert "access-control-allow-origin" not in preflight(blog_service.url, ELSEWHERE).headers
    assert "access-control-allow-origin" not in chat(blog_service.url, ELSEWHERE).headers
