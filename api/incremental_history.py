"""Per-turn history work that grows with the conversation, made incremental.

Rasa 3.6 rebuilds two things from the first event on every policy call, several times a
turn: `DialogueStateTracker.applied_events()` (the events minus reverted ones and
collapsed form loops) and `Domain.states_for_tracker_history()` (replaying those events
into a fresh tracker to get one dialogue state per action). py-spy showed the pair taking
a quarter of the CPU at turn 100, against 4% at turn 8.

Both are left folds over a list that, between two calls on one tracker, only grows at the
end. This module keeps each fold's state on the tracker and continues it from where it
stopped, falling back to Rasa's own code whenever the shortcut might not give the same
answer:

- `applied_events`: the fold depends on the set of form (loop) names seen anywhere in the
  events; a new loop name, or events that are no longer an extension of the ones folded
  (another tracker object, a `max_event_history` deque dropping old events), recompute.
- states: continued only when the new applied events extend the folded ones (same
  objects, same order). A revert or a form loop collapsing earlier turns breaks that and
  recomputes, exactly as before.

Results are returned as copies, because Rasa's featurizers edit the states in place.
tests/api/test_incremental_history.py compares both against Rasa's originals on every
prefix of real conversations.
"""
from __future__ import annotations

import operator
from typing import Any

from rasa.shared.core import constants
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_ORIGINAL_APPLIED = DialogueStateTracker.applied_events
_ORIGINAL_STATES = Domain.states_for_tracker_history
_CACHE = "_heavylegs_history"


def _extends(events: Any, first: Any, count: int, last: Any) -> bool:
    """Whether `events` still starts with the `count` events folded before."""
    return count > 0 and len(events) >= count and events[0] is first and events[count - 1] is last


class _AppliedFold:
    """The state of `applied_events`' fold after the first `count` events."""

    def __init__(self) -> None:
        self.count = 0
        self.first: Any = None
        self.last: Any = None
        self.loop_names: set[str] = set()
        self.applied: list = []

    def feed(self, tracker: DialogueStateTracker, events: list) -> None:
        """Rasa's `applied_events` loop body, for events after those already folded."""
        applied = self.applied
        for event in events:
            if isinstance(event, (Restarted, SessionStarted)):
                applied.clear()
            elif isinstance(event, ActionReverted):
                tracker._undo_till_previous(ActionExecuted, applied)
            elif isinstance(event, UserUtteranceReverted):
                tracker._undo_till_previous(UserUttered, applied)
                tracker._undo_till_previous(ActionExecuted, applied)
            elif (isinstance(event, ActionExecuted) and event.action_name in self.loop_names
                  and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)):
                tracker._undo_till_previous_loop_execution(event.action_name, applied)
            else:
                applied.append(event)


def _history(tracker: DialogueStateTracker) -> dict:
    cache = tracker.__dict__.get(_CACHE)
    if cache is None:
        cache = tracker.__dict__[_CACHE] = {}
    return cache


def applied_events(self: DialogueStateTracker) -> list:
    """`DialogueStateTracker.applied_events`, continued from the last call on this tracker."""
    events = self.events
    fold: _AppliedFold | None = _history(self).get("applied")
    if fold is None or not _extends(events, fold.first, fold.count, fold.last):
        fold = _AppliedFold()
        new = list(events)
    else:
        new = [events[i] for i in range(fold.count, len(events))]
    new_loops = {e.name for e in new if isinstance(e, ActiveLoop) and e.name}
    if not new_loops <= fold.loop_names:  # the fold depends on every loop name: start over
        fold = _AppliedFold()
        new = list(events)
        new_loops = {e.name for e in new if isinstance(e, ActiveLoop) and e.name}
    fold.loop_names |= new_loops
    fold.feed(self, new)
    if events:
        fold.count, fold.first, fold.last = len(events), events[0], events[-1]
        _history(self)["applied"] = fold
    return list(fold.applied)


class _StatesFold:
    """The state of `states_for_tracker_history`' fold over a prefix of applied events."""

    def __init__(self, tracker: DialogueStateTracker, domain: Domain) -> None:
        self.domain = domain
        self.applied: list = []
        self.replay = tracker.init_copy()
        self.states: list = []
        self.last_ml_action_sub_state: Any = None
        self.turn_was_hidden = False


def _step(domain: Domain, fold: _StatesFold, tr: DialogueStateTracker, hide_rule_turn: bool,
          omit_unset_slots: bool, ignore_rule_only_turns: bool, rule_only_data: Any) -> None:
    """Rasa's `states_for_tracker_history` loop body for one prior tracker."""
    if ignore_rule_only_turns:
        if not fold.turn_was_hidden:
            fold.last_ml_action_sub_state = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
            fold.turn_was_hidden = hide_rule_turn
        if fold.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if fold.states:
            domain._substitute_rule_only_user_input(state, fold.states[-1])
        if fold.last_ml_action_sub_state:
            state[constants.PREVIOUS_ACTION] = fold.last_ml_action_sub_state
    fold.states.append(domain._clean_state(state))


def _frozen(rule_only_data: dict | None) -> tuple:
    return tuple(sorted((key, tuple(value)) for key, value in (rule_only_data or {}).items()))


def _copy(state: dict) -> dict:
    return {key: dict(value) if isinstance(value, dict) else value for key, value in state.items()}


def states_for_tracker_history(self: Domain, tracker: DialogueStateTracker,
                               omit_unset_slots: bool = False, ignore_rule_only_turns: bool = False,
                               rule_only_data: dict | None = None) -> list:
    """`Domain.states_for_tracker_history`, continued from the last call on this tracker."""
    if type(tracker) is not DialogueStateTracker:  # training's cached trackers: Rasa's own
        return _ORIGINAL_STATES(self, tracker, omit_unset_slots, ignore_rule_only_turns,
                                rule_only_data)
    applied = tracker.applied_events()
    key = ("states", omit_unset_slots, ignore_rule_only_turns, _frozen(rule_only_data))
    history = _history(tracker)
    fold: _StatesFold | None = history.get(key)
    done = len(fold.applied) if fold else 0
    if fold is None or fold.domain is not self or len(applied) < done \
            or not all(map(operator.is_, fold.applied, applied)):
        fold, done = _StatesFold(tracker, self), 0
    args = (omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    for event in applied[done:]:
        if isinstance(event, ActionExecuted):
            _step(self, fold, fold.replay, event.hide_rule_turn, *args)
        fold.replay.update(event)
    fold.applied = applied
    history[key] = fold
    # The state of the tracker as it is now, on a copy of the fold's bookkeeping.
    final = _StatesFold.__new__(_StatesFold)
    final.states = fold.states[-1:]
    final.last_ml_action_sub_state = fold.last_ml_action_sub_state
    final.turn_was_hidden = fold.turn_was_hidden
    _step(self, final, fold.replay, False, *args)
    # Copies, the last one too: it may share its user sub-state with the fold's last state.
    return [_copy(state) for state in fold.states + final.states[1 if fold.states else 0:]]


def apply() -> None:
    """Installs both (idempotent)."""
    DialogueStateTracker.applied_events = applied_events
    Domain.states_for_tracker_history = states_for_tracker_history


def restore() -> None:
    """Puts Rasa's originals back (tests compare the two)."""
    DialogueStateTracker.applied_events = _ORIGINAL_APPLIED
    Domain.states_for_tracker_history = _ORIGINAL_STATES
