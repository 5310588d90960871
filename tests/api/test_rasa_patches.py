"""The faster action-response validation still rejects what Rasa rejects."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from api import rasa_patches


@pytest.fixture(scope="module")
def action():
    rasa_patches.apply()
    return RemoteAction("action_x", None)


def test_a_valid_response_passes(action):
    assert action._validate_action_result({"events": [{"event": "slot", "name": "a",
                                                        "value": 1}], "responses": []})


@pytest.mark.parametrize("bad", [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": {"text": "not a list"}},
])
def test_an_invalid_response_is_rejected_with_rasa_message(action, bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result(bad)
