"""Rasa 3.6 fixes the service applies at start-up, each measured.

`RemoteAction._validate_action_result` calls `jsonschema.validate`, which checks the
*schema* itself against the JSON Schema meta-schema before every validation of every
custom action's response: py-spy showed it taking about 40% of the service's CPU. The
replacement validates against the same schema with a validator built once, so every
response is still checked and errors read the same.

`api.incremental_history` makes the per-turn history work of the policies incremental
(see its docstring).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from api import incremental_history


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _response_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure "
                          "your response from the Action endpoint is valid. For more "
                          f"information about the format visit {DOCS_BASE_URL}/custom-actions")
        raise error


def apply() -> None:
    """Installs the patches (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
    incremental_history.apply()
