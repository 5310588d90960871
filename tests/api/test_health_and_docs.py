"""GET /health and the OpenAPI docs."""
from __future__ import annotations


def test_health_is_ok_once_the_model_is_loaded(http):
    response = http.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["model"].endswith(".tar.gz")


def test_openapi_docs_list_every_route(http):
    assert http.get("/docs").status_code == 200
    paths = http.get("/openapi.json").json()["paths"]
    for path in ("/api/chat", "/api/assessments", "/api/conversations",
                 "/api/conversations/{sender}/assessment", "/api/conversations/{sender}/messages",
                 "/health"):
        assert path in paths
    assert "/webhook" not in paths, "off unless ACTION_ENDPOINT_URL is set"
