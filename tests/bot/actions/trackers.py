"""Builds rasa_sdk trackers from the JSON fixtures beside this file."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml
from rasa_sdk import Tracker

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[3] / "bot" / "domain.yml").read_text())


def tracker(name: str, *, text: str | None = None, intent: str | None = None,
            slots: dict | None = None, candidates: dict | None = None,
            bot_said_before: str | None = None) -> Tracker:
    """The fixture `name`, with the latest text or intent replaced, slots added, slot
    candidates appended as the form does before calling its validation action, and
    optionally a previous turn in which the bot said `bot_said_before`."""
    data = copy.deepcopy(json.loads((FIXTURES / f"{name}.json").read_text()))
    if text is not None:
        data["latest_message"]["text"] = text
        data["events"][1]["text"] = text
    if intent is not None:
        data["latest_message"]["intent"]["name"] = intent
    if bot_said_before is not None:
        data["events"][:0] = [{"event": "user", "text": "earlier message"},
                              {"event": "bot", "text": bot_said_before}]
    data["slots"].update(slots or {})
    for key, value in (candidates or {}).items():
        data["slots"][key] = value
        data["events"].append({"event": "slot", "name": key, "value": value})
    return Tracker.from_dict(data)


def slot_events(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}
