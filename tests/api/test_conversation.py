"""What a turn does to the text before the assistant reads it."""
from __future__ import annotations

from api.conversation import clean_text, too_long
from tests.utils.chat import Runner


def test_control_characters_go_and_deep_payloads_are_text():
    assert clean_text("  my\x00 legs\x07\n") == "my legs"
    assert clean_text("/inform" + "[" * 40 + "]" * 40).startswith("inform")


def test_the_length_cap_counts_characters_after_normalisation():
    assert not too_long("a" * 10, 10)
    assert too_long("a" * 11, 10)
    assert too_long("\ufdfa", 17), "one character, 18 once NFKC-normalised"
    assert not too_long("\ufdfa", 18)


def test_an_unknown_intents_payload_fills_no_finding(service):
    runner = Runner(service.url)
    runner.say("my legs feel heavy")
    reply = runner.post('/launch_rockets{"sleep_hours": "under_6"}')
    assert reply.status_code == 200 and reply.json()
    assert "sleep_hours" not in runner.assessment()["findings"]
