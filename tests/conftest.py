"""Fixtures: the real service, really started, on a fresh SQLite database."""
from __future__ import annotations

import pytest

from tests.utils.service import Service, free_port


@pytest.fixture(scope="session")
def other_site_origin():
    """The origin of a local page on another port that embeds the widget (tests/e2e/test_widget.py
    serves it); the shared service allows it in CORS_ORIGINS, as a site embedding it would be."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture(scope="session")
def service(tmp_path_factory, other_site_origin):
    """One running service for the session (loading the model takes a few seconds)."""
    directory = tmp_path_factory.mktemp("service")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  CORS_ORIGINS=other_site_origin).start()
    yield svc
    svc.stop()


@pytest.fixture
def http(service):
    import httpx

    with httpx.Client(base_url=service.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def fake_telegram():
    from tests.utils.fake_platform import FakePlatform, telegram_answer

    fake = FakePlatform(telegram_answer).start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def fake_slack():
    from tests.utils.fake_platform import FakePlatform, slack_answer

    fake = FakePlatform(slack_answer).start()
    yield fake
    fake.stop()


CHANNEL_SECRETS = {
    "TELEGRAM_TOKEN": "123456:TEST-token",
    "TELEGRAM_SECRET_TOKEN": "telegram-test-secret",
    "SLACK_BOT_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-test-signing-secret",
}


@pytest.fixture(scope="session")
def channels_service(tmp_path_factory, fake_telegram, fake_slack):
    """The service with Telegram and Slack switched on, talking to local fakes."""
    directory = tmp_path_factory.mktemp("channels")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  TELEGRAM_API_BASE_URL=fake_telegram.url, SLACK_API_BASE_URL=fake_slack.url,
                  **CHANNEL_SECRETS).start()
    yield svc
    svc.stop()
