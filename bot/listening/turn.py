"""One turn of the triage, in one place: the conversation so far and the new message in;
the findings, what the assistant says back, the next question (or the conclusion) out.

A pure function: the Rasa form's validation action (bot/actions/triage_form.py) calls it
with the state it keeps in the `listening` slot, and tests/eval/simulate.py calls it
without Rasa. The ranking is computed once per turn, here, and handed on.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from bot.listening.reading import LearnedReader, Reading, read
from bot.triage.contract import FINDINGS, NO_RED_FLAG, NOT_SURE, RED_FLAG, is_red_flag, is_valid
from bot.triage.engine import Assessment, assess
from bot.triage.knowledge import Knowledge
from bot.triage.questions import QuestionPolicy

ASK, AGAIN, CONFIRM, SIGN = "ask", "again", "confirm", "sign"
# A bare "no" to "Just to check: you run without eating first?": the guess was wrong.
DENIAL = re.compile(r"^\W*(?:no+|nope|nah|not really|not quite|not true|wrong|incorrect"
                    r"|that'?s (?:not right|wrong)|not at all)\W*$", re.I)
# A bare "yes" to it: the guess was right ("yes" is no answer of its own to a question
# about drinking: "Just to check: you don't drink much?" "yes" means not much).
AGREEMENT = re.compile(r"^\W*(?:yes+|yeah|yep|yup|ya|yea|yeh|aye|sure|correct|right|exactly"
                       r"|true|definitely|indeed|spot on|that'?s (?:right|correct|me|it))\W*$",
                       re.I)


@dataclass(frozen=True)
class Dialogue:
    """What the assistant keeps between turns (besides the findings themselves)."""

    asked: str | None = None  # the finding of the question last asked
    phrasing: str = ASK  # how it was asked: ask, again (in other words), confirm, sign
    guess: str | None = None  # the value a confirm or sign question asks about
    misses: int = 0  # replies in a row that did not answer the question
    answered: tuple[str, ...] = ()  # findings in the order they were answered (go back)
    # Uncertain readings not yet checked, {finding: value}: asked as "Just to check: ...?"
    # when their question comes, never recorded as they are.
    guesses: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {**asdict(self), "answered": list(self.answered), "guesses": dict(self.guesses)}

    @classmethod
    def from_dict(cls, data: object) -> Dialogue:
        if not isinstance(data, dict):
            return cls()
        known = {k: data[k] for k in ("asked", "phrasing", "guess", "misses") if k in data}
        if known.get("asked") not in FINDINGS:
            known.pop("asked", None)
        guesses = data.get("guesses")
        guesses = {f: v for f, v in guesses.items() if f != RED_FLAG and is_valid(f, v)
                   and v != NOT_SURE} if isinstance(guesses, dict) else {}
        return cls(**known, answered=tuple(f for f in data.get("answered") or () if f in FINDINGS),
                   guesses=guesses)


@dataclass
class Turn:
    findings: dict[str, str]
    dialogue: Dialogue
    assessment: Assessment
    said: list[str] = field(default_factory=list)  # texts before the next question
    next: str | None = None  # the finding to ask next; None: conclude

    @property
    def concluded(self) -> bool:
        return self.next is None


def _heard(knowledge: Knowledge, facts: dict[str, str]) -> str:
    texts = [knowledge.findings[f].heard(v) for f, v in facts.items()]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]


def _merge(findings: dict[str, str], facts: dict[str, str]) -> dict[str, str]:
    """The findings with the new facts; a danger sign once given is never lowered."""
    merged = {**findings, **facts}
    if is_red_flag(findings.get(RED_FLAG)) and not is_red_flag(facts.get(RED_FLAG)):
        merged[RED_FLAG] = findings[RED_FLAG]
    return merged


def _confirmed(dialogue: Dialogue, reading: Reading) -> dict[str, str]:
    """A yes to "Just to check: ...?" records the value asked about."""
    if dialogue.phrasing in (CONFIRM, SIGN) and dialogue.guess and not reading.answered \
            and reading.affirmative:
        return {dialogue.asked: dialogue.guess}
    return {}


def _checking(dialogue: Dialogue) -> bool:
    """A finding's guess was asked back ("Just to check: ...?"; not a danger sign's)."""
    return dialogue.phrasing == CONFIRM and bool(dialogue.guess)


def _other_value(finding: str, value: str) -> str | None:
    """The one value left when `value` is ruled out (form, iron, leg day), else None."""
    values = FINDINGS[finding]
    return next(v for v in values if v != value) if len(values) == 2 else None


def take_turn(findings: dict[str, str], dialogue: Dialogue, text: str, knowledge: Knowledge,
              policy: QuestionPolicy, side_question: bool = False,
              learned: LearnedReader | None = None) -> Turn:
    """The turn `text` makes, `findings` and `dialogue` being the conversation so far.

    `side_question`: the message was answered as a side question ("why do you ask?"): its
    facts count, but it is no answer to the question asked.
    """
    findings = {f: v for f, v in findings.items() if is_valid(f, v)}
    asked = None if side_question else dialogue.asked
    reading = read(text, asked, learned)
    said: list[str] = []

    if reading.go_back and not side_question:
        return _go_back(findings, dialogue, knowledge, policy)
    dialogue = replace(dialogue, guesses={**dialogue.guesses, **reading.tentative})
    if not side_question and _checking(dialogue) and AGREEMENT.match(text):
        reading = Reading(facts={asked: dialogue.guess}, answered=True)
    elif not side_question and _checking(dialogue) and DENIAL.match(text):
        # "No" to "Just to check: you run without eating first?": the guess is dropped; a
        # yes/no finding takes the other value, any other is asked as usual.
        other = _other_value(asked, dialogue.guess)
        guesses = {f: v for f, v in dialogue.guesses.items() if f != asked}
        if other is None:
            return _ask(findings, replace(dialogue, guesses=guesses), asked, ASK, knowledge, [])
        reading = Reading(facts={asked: other}, answered=True)
        dialogue = replace(dialogue, guesses=guesses)

    facts = {**reading.facts, **_confirmed(dialogue, reading)}
    answered = asked is not None and asked in facts
    # The safety check: "not sure" or an unreadable yes is asked once more, in simpler words.
    if asked == RED_FLAG and dialogue.phrasing != AGAIN and (
            facts.get(RED_FLAG) == NOT_SURE or (not answered and reading.affirmative)):
        facts.pop(RED_FLAG, None)
        updated = _merge(findings, facts)
        said += _acknowledge(knowledge, findings, facts, asked)
        return _ask(updated, replace(dialogue, misses=dialogue.misses + 1), RED_FLAG, AGAIN,
                    knowledge, said)
    if asked == RED_FLAG and dialogue.phrasing == AGAIN and (
            facts.get(RED_FLAG) == NOT_SURE or (not answered and (reading.affirmative or not facts))):
        facts[RED_FLAG] = NOT_SURE  # still unclear: recorded, and the runner told plainly
        said.append(knowledge.answer("red_flag_unclear"))
        answered = True

    updated = _merge(findings, facts)
    said += _acknowledge(knowledge, findings, facts, asked)
    order = tuple(f for f in dialogue.answered if f not in facts) + tuple(facts)

    if reading.possible_sign and not is_red_flag(updated.get(RED_FLAG)):
        return _ask(updated, replace(dialogue, answered=order), RED_FLAG, SIGN, knowledge,
                    said, guess=reading.possible_sign)

    if asked is not None and not answered:
        if asked in reading.tentative and not _checking(dialogue):
            # An uncertain answer ("I live on espresso, forget water till dinner"): asked
            # back as a yes/no, not "didn't catch that".
            return _ask(updated, replace(dialogue, answered=order, misses=dialogue.misses + 1),
                        asked, CONFIRM, knowledge, said, guess=reading.tentative[asked])
        if not facts:
            if dialogue.misses >= 1:  # a second miss in a row: noted as not sure
                said.append(knowledge.answer("moving_on"))
                updated[asked] = NOT_SURE
                order += (asked,)
            else:
                said.append(knowledge.answer("didnt_understand_answer"))
                return _ask(updated, replace(dialogue, misses=dialogue.misses + 1,
                                             answered=order), asked, AGAIN, knowledge, said)
        elif asked in policy.remaining(updated, knowledge):
            if dialogue.misses >= 1:  # facts again, still no answer: not sure, move on
                updated[asked] = NOT_SURE
                order += (asked,)
            else:  # facts, but not the answer: taken, and the question asked differently
                return _ask(updated, replace(dialogue, misses=dialogue.misses + 1,
                                             answered=order), asked, AGAIN, knowledge, said)

    remaining = policy.remaining(updated, knowledge)
    state = Dialogue(answered=order, guesses=_open(dialogue.guesses, updated))
    if side_question and dialogue.asked in remaining:
        return _ask(updated, replace(dialogue, answered=order), dialogue.asked,
                    dialogue.phrasing, knowledge, said, guess=dialogue.guess)
    if not remaining:
        return Turn(updated, state, assess(updated, knowledge), said, None)
    guess = state.guesses.get(remaining[0])
    return _ask(updated, state, remaining[0], CONFIRM if guess else ASK, knowledge, said,
                guess=guess)


def _open(guesses: dict[str, str], findings: dict[str, str]) -> dict[str, str]:
    """The guesses about findings still unknown."""
    return {f: v for f, v in guesses.items() if f not in findings}


def _acknowledge(knowledge: Knowledge, before: dict[str, str], facts: dict[str, str],
                 asked: str | None) -> list[str]:
    """Says back what the message told beyond the answer asked for, and any change."""
    changed = {f: v for f, v in facts.items() if before.get(f) not in (None, v)
               and v != NOT_SURE}
    extra = {f: v for f, v in facts.items() if f != asked and f not in changed
             and before.get(f) != v and v != NOT_SURE
             and not (f == RED_FLAG and v == NO_RED_FLAG)}
    out = []
    if changed:
        out.append(knowledge.answer("heard_changed").format(facts=_heard(knowledge, changed)))
    if extra:
        out.append(knowledge.answer("heard").format(facts=_heard(knowledge, extra)))
    return out


def _ask(findings: dict[str, str], dialogue: Dialogue, finding: str, phrasing: str,
         knowledge: Knowledge, said: list[str], guess: str | None = None) -> Turn:
    findings = {f: v for f, v in findings.items() if not (f == finding and phrasing != ASK)}
    state = replace(dialogue, asked=finding, phrasing=phrasing, guess=guess,
                    misses=dialogue.misses if phrasing in (AGAIN, CONFIRM) else 0,
                    guesses=_open(dialogue.guesses, findings))
    return Turn(findings, state, assess(findings, knowledge), said, finding)


def _go_back(findings: dict[str, str], dialogue: Dialogue, knowledge: Knowledge,
             policy: QuestionPolicy) -> Turn:
    if not dialogue.answered:
        turn = take_turn(findings, replace(dialogue, misses=0), "", knowledge, policy,
                         side_question=True)
        turn.said.insert(0, knowledge.answer("nothing_to_redo"))
        return turn
    last = dialogue.answered[-1]
    rest = {f: v for f, v in findings.items() if f != last}
    state = replace(dialogue, answered=dialogue.answered[:-1], misses=0)
    return _ask(rest, state, last, AGAIN, knowledge, [knowledge.answer("redo")])
