"""Fixtures: the real service, really started, on a fresh SQLite database."""
from __future__ import annotations

import pytest

from tests.utils.service import Service


@pytest.fixture(scope="session")
def service(tmp_path_factory):
    """One running service for the session (loading the model takes a few seconds), with the
    default settings: no CORS_ORIGINS, as the widget on other sites needs none."""
    directory = tmp_path_factory.mktemp("service")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log")
    svc.env.pop("CORS_ORIGINS", None)  # the default, whatever the shell says
    svc.start()
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


CHANNEL_MAX_TURNS = 30
CHANNEL_SECRETS = {
    "TELEGRAM_TOKEN": "123456:TEST-token",
    "TELEGRAM_SECRET_TOKEN": "telegram-test-secret",
    "SLACK_BOT_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-test-signing-secret",
}


@pytest.fixture(scope="session")
def channels_service(tmp_path_factory, fake_telegram, fake_slack):
    """The service with Telegram and Slack switched on, talking to local fakes; a cap of
    CHANNEL_MAX_TURNS turns per conversation, well above a whole conversation's."""
    directory = tmp_path_factory.mktemp("channels")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  TELEGRAM_API_BASE_URL=fake_telegram.url, SLACK_API_BASE_URL=fake_slack.url,
                  MAX_TURNS=str(CHANNEL_MAX_TURNS), **CHANNEL_SECRETS).start()
    yield svc
    svc.stop()
