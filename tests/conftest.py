"""Fixtures: the real service, really started, on a fresh SQLite database."""
from __future__ import annotations

import pytest

from tests.utils.service import Service


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    """One running service for the session (loading the model takes a few seconds)."""
    directory = tmp_path_factory.mktemp("service")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log").start()
    yield svc
    svc.stop()


@pytest.fixture
def http(service):
    import httpx

    with httpx.Client(base_url=service.url, timeout=30) as client:
        yield client
