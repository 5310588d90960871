"""What runners write stays out of the logs unless debug logging is asked for."""
from __future__ import annotations

import uuid

from tests.utils.chat import Runner
from tests.utils.service import Service


def _say_something_unique(url: str) -> str:
    text = f"my legs feel like lead since the {uuid.uuid4().hex[:10]} race"
    runner = Runner(url)
    runner.say(text)
    runner.say("I sleep about 5 hours")
    return text


def test_info_logs_hold_no_message_text(service):
    text = _say_something_unique(service.url)
    log = service.log_path.read_text(errors="replace")
    assert '"POST /api/chat HTTP/1.1" 200' in log, "the log is the service's and is written"
    assert text not in log
    assert "5 hours" not in log
    assert "[debug" not in log, "Rasa's structlog diagnostics are filtered at info"


def test_debug_logs_hold_the_text(tmp_path):
    service = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                      LOG_LEVEL="debug").start()
    try:
        text = _say_something_unique(service.url)
    finally:
        service.stop()
    assert text in service.log_path.read_text(errors="replace")


def test_an_unknown_log_level_is_refused_with_a_clear_message(tmp_path):
    service = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log",
                      LOG_LEVEL="chatty")
    try:
        service.start()
        raise AssertionError("the service started with LOG_LEVEL=chatty")
    except RuntimeError:
        pass
    finally:
        service.stop()
    assert "LOG_LEVEL" in service.log_path.read_text(errors="replace")
