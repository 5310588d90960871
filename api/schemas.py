"""Request and response bodies of the HTTP API (see shared/spec/contract.md)."""
from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    constr,
    root_validator,
    validator,
)
from pydantic.fields import SHAPE_DICT, SHAPE_LIST, ModelField
from pydantic.utils import lenient_issubclass

from bot.triage.contract import FINDINGS, NOT_SURE, invalid_findings

SENDER_PATTERN = r"^[A-Za-z0-9_.:@\-]+$"
# Strict: pydantic 1 would otherwise take 5 or false for a string ("5", "False").
Sender = constr(strict=True, min_length=1, max_length=128, regex=SENDER_PATTERN)
# A message must have one character that is neither white space nor a control character
# (what `message_has_text` and the chat route's `clean_text` check); documented as a pattern.
READABLE_PATTERN = r"[^\s\x00-\x1f\x7f-\x9f]"


class ChatRequest(BaseModel):
    sender: Sender = Field(..., description="The conversation's id, as `POST /api/conversations` "
                                            "issued it (with the token this call needs).",
                           example="web-3f0c8a1e9b2d4c6f8a0b1c2d3e4f5a6b")
    message: StrictStr = Field(..., description="The runner's text, or a button payload such as "
                         '/inform{"sleep_hours": "under_6"}.', example="my legs feel like lead")

    @validator("message")
    def message_has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must not be empty")
        return value

    class Config:
        extra = "forbid"

        @staticmethod
        def schema_extra(schema: dict[str, Any], model: type) -> None:
            # The longest message is a setting: api.routes.chat.document_limits adds maxLength.
            schema["properties"]["message"].update(minLength=1, pattern=READABLE_PATTERN)


class Button(BaseModel):
    title: str
    payload: str


class BotMessage(BaseModel):
    recipient_id: str | None = None
    text: str | None = None
    buttons: list[Button] | None = None
    image: str | None = None
    custom: dict[str, Any] | None = None


class HistoryMessage(BaseModel):
    sender: str = Field(..., description="user or bot")
    text: str | None = None
    buttons: list[Button] | None = None
    custom: dict[str, Any] | None = None
    timestamp: float


class Cause(BaseModel):
    id: str
    title: str
    score: float = Field(..., ge=0, le=1)
    because: list[str]
    fixes: list[str]
    sources: list[str]


class TriageResult(BaseModel):
    urgency: str
    causes: list[Cause]


class ConversationAssessment(TriageResult):
    sender: str
    status: str = Field(..., description="in_progress, or complete once the conclusion was given")
    findings: dict[str, str]
    questions_asked: int


class AssessmentRequest(BaseModel):
    findings: dict[str, StrictStr] = Field(..., example={"sleep_hours": "under_6", "warm_up": "yes"})

    @validator("findings", pre=True)
    def an_object(cls, value: Any) -> Any:
        # pydantic 1 reads dict(value): "" and [] would pass as {}.
        if not isinstance(value, dict):
            raise TypeError("findings must be an object")
        return value

    @validator("findings")
    def contract_findings(cls, value: dict[str, str]) -> dict[str, str]:
        problems = invalid_findings(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    class Config:
        extra = "forbid"

        @staticmethod
        def schema_extra(schema: dict[str, Any], model: type) -> None:
            # What `contract_findings` accepts: the contract's findings, each with its values.
            schema["properties"]["findings"].update(
                properties={finding: {"type": "string", "enum": [*values, NOT_SURE]}
                            for finding, values in FINDINGS.items()},
                additionalProperties=False)


class Health(BaseModel):
    status: str
    model: str | None = None


class Problem(BaseModel):
    detail: Any


# Answers every route may give besides its own, for its `responses=` (the OpenAPI description).
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again",
                               "schema": {"type": "integer"}}}
NOT_FOUND = {404: {"model": Problem, "description": "No conversation with this sender"}}
UNREADABLE = {400: {"model": Problem, "description": "The body could not be read: not UTF-8 JSON"}}
TOO_LARGE = {413: {"model": Problem, "description": "The body is larger than MAX_BODY_BYTES"}}
NOT_JSON = {415: {"model": Problem, "description": "The body is not declared as JSON"}}
UNAVAILABLE = {503: {"model": Problem, "headers": RETRY_AFTER,
                     "description": "The assistant is still loading, or the database is unreachable"}}


def document_nulls(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """`schema_extra` for models whose optional fields take null: pydantic 1 documents them
    as their type alone, OpenAPI 3.1 wants `null` among the types."""
    for field in model.__fields__.values():
        documented = schema["properties"].get(field.alias)
        if not field.allow_none or documented is None:
            continue
        if isinstance(documented.get("type"), str):
            documented["type"] = [documented["type"], "null"]
        elif "anyOf" in documented:
            documented["anyOf"].append({"type": "null"})
        elif "$ref" in documented:
            documented["anyOf"] = [{"$ref": documented.pop("$ref")}, {"type": "null"}]


def _is_model(field: ModelField) -> bool:
    return lenient_issubclass(field.type_, BaseModel)


class ProtocolModel(BaseModel):
    """A part of the Rasa action-server protocol as rasa_sdk and the actions read it: fields
    of its own are passed on untouched, the fields read must have their JSON types (strictly,
    no coercion), and only those read with a fallback may be null."""

    @validator("*", pre=True)
    def json_types(cls, value: Any, field: ModelField) -> Any:
        # pydantic 1 would take [["a", 1]] for an object and "abc" for a list of letters.
        if value is None:
            return value
        if field.shape == SHAPE_LIST:
            if not isinstance(value, list):
                raise TypeError("must be an array")
            if _is_model(field) and not all(isinstance(item, dict) for item in value):
                raise TypeError("must be an array of objects")
        elif field.shape == SHAPE_DICT:
            if not isinstance(value, dict):
                raise TypeError("must be an object")
            if _is_model(field) and not all(isinstance(item, dict) for item in value.values()):
                raise TypeError("must be an object of objects")
        elif _is_model(field) and not isinstance(value, dict):
            raise TypeError("must be an object")
        return value

    class Config:
        extra = "allow"  # Rasa adds fields of its own
        schema_extra = staticmethod(document_nulls)


Number = StrictInt | StrictFloat
Names = StrictStr | list[StrictStr]


class Intent(ProtocolModel):
    name: StrictStr | None = None
    confidence: Number | None = None


class Entity(ProtocolModel):
    entity: StrictStr
    value: StrictStr | Number | StrictBool | None = None  # this assistant's entities are plain
    role: StrictStr | None = None
    group: StrictStr | None = None


class ParseData(ProtocolModel):
    """The runner's latest message as the NLU read it."""

    text: StrictStr | None = None
    intent: Intent = Field(default_factory=Intent)
    entities: list[Entity] = Field(default_factory=list)
    intent_ranking: list[Intent] = Field(default_factory=list)


class Event(ProtocolModel):
    event: StrictStr
    name: StrictStr | None = None

    @root_validator(pre=True)
    def complete(cls, values: dict[str, Any]) -> dict[str, Any]:
        kind = values.get("event")
        if kind in ("slot", "action") and not isinstance(values.get("name"), str):
            raise ValueError(f"a '{kind}' event needs a name")
        if kind == "slot" and "value" not in values:
            raise ValueError("a 'slot' event needs a value")
        return values


class ActionTracker(ProtocolModel):
    """The conversation state in a Rasa action call (what rasa_sdk's `Tracker` reads)."""

    sender_id: StrictStr
    slots: dict[str, Any] = Field(default_factory=dict)
    latest_message: ParseData | None = None
    events: list[Event] = Field(default_factory=list)
    paused: StrictBool = False
    followup_action: StrictStr | None = None
    active_loop: dict[str, Any] = Field(default_factory=dict)
    latest_action_name: StrictStr | None = None


class Condition(ProtocolModel):
    active_loop: StrictStr | None = None
    requested_slot: StrictStr | None = None


class SlotMapping(ProtocolModel):
    type: StrictStr | None = None
    intent: Names | None = None
    not_intent: Names | None = None
    entity: StrictStr | None = None
    role: StrictStr | None = None
    group: StrictStr | None = None
    conditions: list[Condition] = Field(default_factory=list)


class DomainSlot(ProtocolModel):
    mappings: list[SlotMapping] = Field(default_factory=list)


class DomainForm(ProtocolModel):
    required_slots: list[StrictStr] = Field(default_factory=list)
    ignored_intents: Names | None = None


class Domain(ProtocolModel):
    forms: dict[str, DomainForm] = Field(default_factory=dict)
    slots: dict[str, DomainSlot] = Field(default_factory=dict)


class ActionCall(ProtocolModel):
    """A Rasa action-server request: run `next_action` on `tracker`."""

    next_action: StrictStr  # api.routes.webhook documents the actions there are
    sender_id: StrictStr | None = None
    tracker: ActionTracker
    domain: Domain = Field(default_factory=Domain)
    version: StrictStr | None = None
