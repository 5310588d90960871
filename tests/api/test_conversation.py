"""What a turn does to the text before the assistant reads it."""
from __future__ import annotations

import uuid

from api.conversation import clean_text


def test_control_characters_go_and_deep_payloads_are_text():
    assert clean_text("  my\x00 legs\x07\n") == "my legs"
    assert clean_text("/inform" + "[" * 40 + "]" * 40).startswith("inform")


def test_an_unknown_intents_payload_fills_no_finding(http):
    sender = f"conv-{uuid.uuid4().hex[:10]}"
    http.post("/api/chat", json={"sender": sender, "message": "my legs feel heavy"})
    reply = http.post("/api/chat", json={"sender": sender,
                                         "message": '/launch_rockets{"sleep_hours": "under_6"}'})
    assert reply.status_code == 200 and reply.json()
    findings = http.get(f"/api/conversations/{sender}/assessment").json()["findings"]
    assert "sleep_hours" not in findings
