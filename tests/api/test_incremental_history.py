"""The incremental history gives what Rasa's own code gives, on every prefix of real
conversations (played against the service, read back from its database) and on events
that rewrite history: reverts, restarts, a form loop collapsing its turns, a new form."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from api import incremental_history
from tests.utils.chat import Runner
from tests.utils.facts import CAUSE_FACTS, HEALTHY

DOMAIN = Domain.load("bot/domain.yml")
# What the trained RulePolicy passes (its rule-only slots and loops), and nothing.
RULE_ONLY = [None, {"slots": ["assessment_status"], "loops": ["triage_form"]}]
OPTIONS = [(omit, ignore, rule_only) for omit in (False, True) for ignore in (False, True)
           for rule_only in RULE_ONLY]


@pytest.fixture
def patched():
    incremental_history.apply()
    yield
    incremental_history.restore()


@pytest.fixture(scope="module")
def conversations(service):
    """Event lists of real conversations: buttons, typed answers and corrections, side
    questions, a fallback, a restart."""
    senders = []
    runner = Runner(service.url)
    runner.say("my legs feel like lead on every run")
    runner.answer_until_done({**HEALTHY, **CAUSE_FACTS["sleep"]})
    for message in ("tell me more", "how do I fix it?", "what is carnosine?",
                    "actually I sleep about 8 hours", "qwzx vbnm", "thanks", "/restart",
                    "my legs are heavy", "bye"):
        runner.say(message)
    senders.append(runner.sender)
    typed = Runner(service.url)
    typed.say("heavy legs whenever I run")
    for message in ("no, nothing like that", "I never warm up", "why do you ask?",
                    "I doubled my mileage", "about 5 hours a night", "what does that mean?"):
        typed.say(message)
    senders.append(typed.sender)

    engine = sa.create_engine(service.env["DATABASE_URL"])
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sender_id, data FROM events ORDER BY id")).fetchall()
    engine.dispose()
    return [[Event.from_parameters(json.loads(data)) for sender, data in rows if sender == s]
            for s in senders]


def _expected(tracker: DialogueStateTracker, options) -> tuple[list, list]:
    applied = incremental_history._ORIGINAL_APPLIED(tracker)
    incremental_history.restore()
    try:
        states = incremental_history._ORIGINAL_STATES(DOMAIN, tracker, *options)
    finally:
        incremental_history.apply()
    return applied, states


def _replay_and_compare(events: list, options, step: int = 1) -> int:
    """Feeds `events` to one tracker `step` at a time (a turn adds several), comparing both
    answers after each step; returns the number of events fed."""
    tracker = DialogueStateTracker("t", DOMAIN.slots)
    checked = 0
    for index, event in enumerate(events):
        tracker.update(event)
        if (index + 1) % step and index + 1 < len(events):
            continue
        got_states = DOMAIN.states_for_tracker_history(tracker, *options)
        got_applied = tracker.applied_events()
        applied, states = _expected(tracker, options)
        assert [id(e) for e in got_applied] == [id(e) for e in applied]
        assert got_states == states, f"after {len(tracker.events)} events: {event}"
        checked = index + 1
    return checked


@pytest.mark.parametrize("options", OPTIONS)
def test_real_conversations_every_prefix(patched, conversations, options):
    assert all(len(events) > 40 for events in conversations)
    assert any(isinstance(e, ActiveLoop) and e.name == "triage_form" for e in conversations[0])
    assert any(isinstance(e, Restarted) for e in conversations[0])
    for events in conversations:
        assert _replay_and_compare(events, options) == len(events)


REWRITES = [
    [UserUtteranceReverted()],
    [ActionReverted()],
    [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet"}), UserUtteranceReverted()],
    [Restarted(), ActionExecuted("action_listen")],
    [ActiveLoop("another_form"), ActionExecuted("another_form"), ActionExecuted("action_listen"),
     UserUttered("x", {"name": "inform"}), ActionExecuted("another_form")],
    # An action run twice before it is known as a form: once it is, the second run
    # collapses into the first everywhere in the history.
    [ActionExecuted("late_form"), ActionExecuted("late_form"), ActiveLoop("late_form")],
    # A revert followed, within the same step, by a new turn as long as the old one.
    [ActionExecuted("action_listen"), UserUttered("a", {"name": "greet"}), UserUtteranceReverted(),
     UserUttered("b", {"name": "thank"}), ActionExecuted("action_thank")],
]


@pytest.mark.parametrize("tail", REWRITES, ids=["utterance_reverted", "action_reverted",
                                                "turn_reverted", "restarted", "new_form",
                                                "late_form", "reverted_and_replaced"])
@pytest.mark.parametrize("step", [1, 3])
def test_events_that_rewrite_history(patched, conversations, tail, step):
    events = conversations[1][: len(conversations[1]) // 2] + tail
    assert _replay_and_compare(events, OPTIONS[-1], step) == len(events)
    assert _replay_and_compare(events, OPTIONS[0], step) == len(events)


def test_states_handed_out_are_copies(patched, conversations):
    tracker = DialogueStateTracker.from_events("t", conversations[0][:30], slots=DOMAIN.slots)
    first = DOMAIN.states_for_tracker_history(tracker)
    for state in first:  # what Rasa's featurizers do to the states they get
        state.get("user", {}).pop("text", None)
        state.clear()
    assert DOMAIN.states_for_tracker_history(tracker) == _expected(tracker, (False, False, None))[1]


@pytest.mark.parametrize("options", OPTIONS)
def test_featurizers_editing_the_states_do_not_change_later_answers(patched, conversations,
                                                                     options):
    """Rasa's featurizers delete keys of the states in place (e.g. the user's text when an
    intent is there); every state handed out, the last included, must be a copy."""
    tracker = DialogueStateTracker("t", DOMAIN.slots)
    for event in conversations[0]:
        tracker.update(event)
        for state in DOMAIN.states_for_tracker_history(tracker, *options):
            for sub_state in state.values():
                if isinstance(sub_state, dict):
                    sub_state.clear()
    assert DOMAIN.states_for_tracker_history(tracker, *options) == _expected(tracker, options)[1]


def test_a_new_tracker_object_starts_over(patched, conversations):
    events = conversations[0][:40]
    one = DialogueStateTracker.from_events("a", events, slots=DOMAIN.slots)
    DOMAIN.states_for_tracker_history(one)
    other = DialogueStateTracker.from_events("a", events[:20], slots=DOMAIN.slots)
    assert DOMAIN.states_for_tracker_history(other) == _expected(other, (False, False, None))[1]
