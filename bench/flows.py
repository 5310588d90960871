"""Conversation flows the load generator plays: runners for the service, the `rasa init`
bot's moods for the baseline.

A flow is a small state machine: `first()` gives the opening message, `next(replies)`
the next message given the bot's replies (Rasa REST channel shape), or None when the
conversation is over. Each flow owns a `random.Random` so a run is reproducible.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

INFORM = re.compile(r"^/inform(\{.*\})\s*$", re.S)

OPENINGS = [
    "my legs feel heavy on every run",
    "my legs feel like lead when I run",
    "why are my legs so heavy when I go running?",
    "heavy legs on all my runs lately",
    "my legs feel heavy from the first steps of every run",
    "running feels awful, my legs are so heavy",
    "my legs get heavy on my long runs",
    "my legs feel heavy on every run and I only sleep about 5 hours",
    "legs feel dead and heavy whenever I jog",
    "hi, my legs have felt heavy on runs for two weeks",
]

# Typed answers per finding and value (the values of data/knowledge/findings.yml).
# Typed answers per finding and value: the project's own dev bank (tests/eval/dev), so the
# benchmark's runners talk like the evaluated ones without a third copy of such a bank.
PHRASES: dict[str, dict[str, list[str]]] = {
    finding: values for finding, values in json.loads(
        (Path(__file__).resolve().parents[1] / "tests" / "eval" / "dev" / "phrases.json")
        .read_text()).items() if isinstance(values, dict)}


SIDE_TURNS = [
    "what is carnosine?",
    "tell me more",
    "actually I sleep about 8 hours",
    "why do you ask?",
    "what can I do about it?",
    "thanks",
    "actually I do warm up before my runs",
    "what does iron have to do with it?",
    "tell me more about the first one",
    "are you a bot?",
]

MAX_TURNS = 30


def inform_question(replies: list[dict]) -> tuple[str | None, list[str]]:
    """The finding the latest question asks about and the values its buttons offer."""
    for message in reversed(replies):
        finding, values = None, []
        for button in message.get("buttons") or []:
            match = INFORM.match(str(button.get("payload", "")))
            if not match:
                continue
            try:
                entities = json.loads(match.group(1))
            except ValueError:
                continue
            if isinstance(entities, dict) and len(entities) == 1:
                key, value = next(iter(entities.items()))
                if finding in (None, key):
                    finding = key
                    values.append(str(value))
        if finding:
            return finding, values
    return None, []


def concluded(replies: list[dict]) -> bool:
    return any((m.get("custom") or {}).get("type") == "assessment" for m in replies)


class RunnerFlow:
    """A runner talking to the service: opening, then each question answered by pressing
    a quick-reply button or typing (about half each), until the conclusion or a reply
    without a question."""

    def __init__(self, rng: random.Random, button_share: float = 0.5) -> None:
        self.rng = rng
        self.button_share = button_share
        self.turns = 0
        self.concluded = False

    def first(self) -> str:
        self.turns = 1
        return self.rng.choice(OPENINGS)

    def answer(self, replies: list[dict]) -> str | None:
        """A plausible answer to the question in `replies`, or None if none is asked."""
        finding, values = inform_question(replies)
        if finding is None:
            return None
        if finding == "red_flag":  # a healthy runner: the screen is passed
            value = "none" if self.rng.random() < 0.9 or "not_sure" not in values else "not_sure"
        else:
            common = [v for v in values if v != "not_sure"] or values
            value = self.rng.choice(values if self.rng.random() < 0.1 else common)
        if self.rng.random() < self.button_share or finding not in PHRASES:
            return "/inform" + json.dumps({finding: value})
        bank = PHRASES[finding].get(value) or PHRASES[finding].get("not_sure") or ["not sure"]
        return self.rng.choice(bank)

    def next(self, replies: list[dict]) -> str | None:
        if concluded(replies):
            self.concluded = True
            return None
        if self.turns >= MAX_TURNS:
            return None
        message = self.answer(replies)
        if message is not None:
            self.turns += 1
        return message


class LongConversationFlow(RunnerFlow):
    """One runner, many turns: the triage, then side questions and corrections, answering
    any question the assistant asks again on the way. Never ends by itself."""

    def __init__(self, rng: random.Random, button_share: float = 0.5) -> None:
        super().__init__(rng, button_share)
        self.side = 0
        self.concluded_turn: int | None = None

    def next(self, replies: list[dict]) -> str:
        if concluded(replies) and not self.concluded:
            self.concluded, self.concluded_turn = True, self.turns
        self.turns += 1
        message = self.answer(replies)
        if message is not None:
            return message
        if not self.concluded:  # no question and no conclusion yet: nudge it along
            return "my legs feel heavy on every run"
        message = SIDE_TURNS[self.side % len(SIDE_TURNS)]
        self.side += 1
        return message


GREET = ["hello", "hi", "hey there", "good morning", "hey", "good evening"]
MOOD_GREAT = ["I am feeling very good", "great", "amazing", "I am great", "wonderful",
              "perfect"]
MOOD_UNHAPPY = ["I am sad", "not good", "very sad", "I am feeling very bad", "sad",
                "extremely sad", "so sad"]
AFFIRM = ["yes", "indeed", "of course", "that sounds good", "correct"]
DENY = ["no", "never", "I don't think so", "not really", "no way"]
BOT_CHALLENGE = ["are you a bot?", "am I talking to a bot?", "are you a human?",
                 "am I talking to a human?"]
GOODBYE = ["bye", "goodbye", "see you later", "have a nice day", "bye bye", "good night"]


class BaselineFlow:
    """The `rasa init` bot's stories: greet, a mood (great, or unhappy then yes/no to
    "did that help?"), sometimes "are you a bot?", goodbye: 4 to 6 turns."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pick = rng.choice
        if rng.random() < 0.5:
            middle = [pick(MOOD_GREAT), pick(AFFIRM)]
        else:
            middle = [pick(MOOD_UNHAPPY), pick(AFFIRM if rng.random() < 0.5 else DENY)]
        if rng.random() < 0.5:
            middle.insert(rng.randrange(len(middle) + 1), pick(BOT_CHALLENGE))
        self.script = [pick(GREET), *middle, pick(GOODBYE)]
        self.turns = 0
        self.concluded = False

    def first(self) -> str:
        self.turns = 1
        return self.script[0]

    def next(self, replies: list[dict]) -> str | None:
        if self.turns >= len(self.script):
            self.concluded = True
            return None
        self.turns += 1
        return self.script[self.turns - 1]
