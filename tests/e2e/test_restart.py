"""A restarted service continues every conversation where it was."""
from __future__ import annotations

import pytest

from tests.utils.chat import Runner, inform
from tests.utils.service import Service

pytestmark = pytest.mark.e2e


def test_a_conversation_continues_after_the_service_restarts(tmp_path):
    database = f"sqlite:///{tmp_path}/restart.db"
    first = Service(database, tmp_path / "first.log").start()
    try:
        runner = Runner(first.url)
        runner.say("my legs feel like lead")
        runner.say('/inform{"red_flag": "none"}')
        runner.say('/inform{"sleep_hours": "under_6"}')
        pending = runner.asked()
        assert pending not in (None, "red_flag", "sleep_hours")
    finally:
        first.stop()

    second = Service(database, tmp_path / "second.log", port=first.port).start()
    try:
        again = runner.elsewhere(second.url)
        before = again.assessment()
        assert before["findings"] == {"red_flag": "none", "sleep_hours": "under_6"}
        again.say(inform(pending, "not_sure"))
        assert again.asked() not in ("red_flag", "sleep_hours", pending)
        result = again.answer_until_done({})
        assert result["status"] == "complete"
        assert result["causes"][0]["id"] == "sleep"
    finally:
        second.stop()
