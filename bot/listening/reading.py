"""Reading one message for every finding, clause by clause.

Each clause is bound to a finding in this order:
1. the topic it names ("sleep-wise 8 hours", "fluids: yeah"), whatever was asked;
2. the findings it states outright ("I never warm up", "did squats yesterday"), read by
   the rule readers of `bot.understanding` and, where those find nothing, by the learned
   readers (`bot.listening.learned`) when they are confident;
3. otherwise, as a reply to the question asked ("yes", "about 8", "not really").
Danger signs are looked for in the whole message too, so a sign split over two clauses is
not lost; a danger sign always outranks "none".
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.listening.clauses import clauses
from bot.listening.topics import mentioned_topics, named_topic, only_names, topic_alone
from bot.triage.contract import NO_RED_FLAG, NOT_SURE, RED_FLAG, is_red_flag, is_valid
from bot.understanding import extract_findings, parse_answer
from bot.understanding.vocab import RED_FLAG_PRIORITY

# A learned reader: clause -> {finding: (value, confidence)}.
LearnedReader = Callable[[str], dict[str, tuple[str, float]]]

GO_BACK = re.compile(r"^\W*(?:(?:wait|oops|sorry|no)\W+)*(?:go back|back|undo|change (?:my|that|the)"
                     r"(?: last)? answer|(?:i )?(?:pressed|clicked|hit|tapped) the wrong (?:button|one)"
                     r"|wrong (?:button|answer|one)|let me change (?:that|it|my answer))\W*$", re.I)
AFFIRMATIVE = re.compile(r"^\W*(?:yes|yeah|yep|yup|ya|yea|yeh|aye|sure|i do|i have|correct|right"
                         r"|exactly|that's right|that is right|true|definitely|unfortunately"
                         r"|sadly|si|ja|oui)\b", re.I)
# The reply words a clause may open with before it goes on to other facts.
LEADING_REPLY = re.compile(r"^\W*(?:(?:yes|yeah|yep|yup|nope|nah|no|not really|not at all|none"
                           r"|none of (?:that|those|them|these)|never|sure|definitely)\b[\s,.!]*)+",
                           re.I)
INFORM = re.compile(r"^/inform(\{.*\})\s*$", re.S)
# Any other command or button payload ("/launch_rockets{...}", "/inform 5"): no words of
# the runner's to read, whatever findings its text names.
COMMAND = re.compile(r"^/[a-z_]\w*\b", re.I)
# Findings a number answers: a number beside their topic word binds to them.
COUNTED = frozenset({"sleep_hours", "rest_days"})
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                    r"|zero|none)\b", re.I)
# Clauses read one by one, at most: a real message has a handful; a hostile one of
# MAX_MESSAGE_CHARS made of "no. yes. " would otherwise cost a quarter of a second. Danger
# signs are looked for in the whole text as well, so none is lost past the cap.
MAX_CLAUSES = 40
CONFIDENT = 0.7  # a learned reading taken as stated
# Findings that need more: onset, whose readers guess from any description of the
# heaviness ("legs like wood" is no word on when it starts; half their unsure readings of
# blind openings were wrong, against one in ten for the other findings), and danger signs,
# which end the questions at once (a less sure one is asked about: POSSIBLE_SIGN).
SURE_OF = {"onset": 0.8, RED_FLAG: 0.8}
TENTATIVE = 0.5  # a learned reading this likely is checked with the runner, not recorded
OVERRULE = 0.8  # a learned reading preferred to a rule's that it contradicts
POSSIBLE_SIGN = 0.35  # a learned danger sign this likely is asked about, never ignored


@dataclass
class Reading:
    facts: dict[str, str] = field(default_factory=dict)
    answered: bool = False  # the question asked got an answer
    go_back: bool = False  # the runner wants to change their previous answer
    affirmative: bool = False  # the message opens with a yes
    possible_sign: str | None = None  # a danger sign too uncertain to record: ask about it
    tentative: dict[str, str] = field(default_factory=dict)  # too uncertain: check first


def _more_urgent(a: str | None, b: str) -> str:
    """Of two red_flag values, the one to keep: a sign over none or not sure, the most
    urgent sign over a lesser one."""
    if a is None:
        return b
    rank = {v: i for i, v in enumerate(RED_FLAG_PRIORITY)}
    return min((a, b), key=lambda v: rank.get(v, len(rank) + (v == NO_RED_FLAG)))


def _add(reading: Reading, finding: str, value: str) -> None:
    if finding == RED_FLAG:
        value = _more_urgent(reading.facts.get(RED_FLAG), value)
    reading.facts[finding] = value


def _payload(text: str) -> dict[str, str] | None:
    match = INFORM.match(text.strip())
    if not match:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {f: v for f, v in data.items() if isinstance(v, str) and is_valid(f, v)}


def _stated(clause: str, learned: LearnedReader | None,
            unsure: list[tuple[str, str, float]] | None = None
            ) -> tuple[dict[str, str], str | None]:
    """Findings a clause states outright, and a possible danger sign not yet certain; the
    readings too uncertain to record go into `unsure` as (finding, value, confidence).

    "No danger sign" is not taken from a clause as a statement: it is only ever the answer
    to the safety check (a "nope, none of those" about iron is no word on danger signs)."""
    # A reader that `replaces_rules` (the "learned only" arm of tests/eval) reads alone.
    found = {} if getattr(learned, "replaces_rules", False) else extract_findings(clause)
    possible = None
    if learned is not None:
        for finding, (value, confidence) in learned(clause).items():
            if value == NOT_SURE or (finding, value) == (RED_FLAG, NO_RED_FLAG):
                continue
            if finding == RED_FLAG:
                # Two readers naming different signs ("calf looks bigger, sore to touch":
                # swollen leg or bone pain?) keep the more urgent; a sign is never dropped.
                if confidence >= SURE_OF[RED_FLAG]:
                    found[RED_FLAG] = _more_urgent(found.get(RED_FLAG), value)
                elif confidence >= POSSIBLE_SIGN and not is_red_flag(found.get(RED_FLAG)):
                    possible = value
                continue
            if finding in found:
                # The rules and a sure learned reader disagree ("no, my last leg session
                # was over a weke ago": the typo hides the "week ago" from the rule).
                if found[finding] != value and confidence >= OVERRULE:
                    found[finding] = value
                continue
            if confidence >= SURE_OF.get(finding, CONFIDENT):
                found[finding] = value
            elif confidence >= TENTATIVE and unsure is not None:
                unsure.append((finding, value, confidence))
    return found, possible


def _answer(finding: str, text: str, learned: LearnedReader | None) -> str | None:
    """`text` read as an answer about `finding`; a sure learned reader overrules the rules'
    answer it contradicts ("No, warm up I do not do" is no yes, whatever the keyword)."""
    value = parse_answer(finding, text)
    if learned is None or value in (None, NOT_SURE) or finding == RED_FLAG:
        return value
    reading = learned(text).get(finding)
    if reading and reading[0] not in (value, NOT_SURE) and reading[1] >= OVERRULE:
        return reading[0]
    return value


class _Batched:
    """A learned reader whose readings of a message's pieces were made in one pass."""

    def __init__(self, learned, texts: list[str]) -> None:
        self.replaces_rules = getattr(learned, "replaces_rules", False)
        self.learned = learned
        self.known = dict(zip(texts, learned.many(texts), strict=True))

    def __call__(self, clause: str) -> dict[str, tuple[str, float]]:
        if clause not in self.known:
            self.known[clause] = self.learned(clause)
        return self.known[clause]


def _batched(learned: LearnedReader | None, pieces: list[str], text: str):
    if learned is None or not hasattr(learned, "many"):
        return learned
    rests = [t.rest for t in map(named_topic, pieces) if t is not None]
    return _Batched(learned, list(dict.fromkeys([*pieces, *rests, text])))


def read(text: str, asked: str | None, learned: LearnedReader | None = None) -> Reading:
    """What `text` says, with `asked` the finding of the question just asked (or None)."""
    reading = Reading()
    payload = _payload(text)
    if payload is not None:
        for finding, value in payload.items():
            _add(reading, finding, value)
        reading.answered = asked in reading.facts
        return reading
    if COMMAND.match(text.strip()):
        return reading
    if GO_BACK.match(text):
        reading.go_back = True
        return reading
    reading.affirmative = bool(AFFIRMATIVE.match(text))
    pieces = clauses(text)[:MAX_CLAUSES]
    learned = _batched(learned, pieces, text)
    named: set[str] = set()  # findings answered under their named topic: those stand
    unsure: list[tuple[str, str, float]] = []  # uncertain learned readings, clause by clause
    pending_topic = None
    for index, clause in enumerate(pieces):
        alone = topic_alone(clause)
        if alone is not None and index + 1 < len(pieces):
            pending_topic = alone  # "warm up? nah": the answer comes next
            continue
        topic = named_topic(clause)
        finding, body = (topic.finding, topic.rest) if topic else (pending_topic, clause)
        pending_topic = None
        if finding is not None:
            if not body.strip(" ?.!,:-") or only_names(body, finding):
                pending_topic = finding  # "warm-up wise, warm up? nah I just go"
                continue
            value = _answer(finding, body, learned)
            if value is not None:
                # What follows a named topic is about it ("hydration: sometimes, depends
                # how busy work is" says nothing of food); only a danger sign is taken too.
                stated, possible = _stated(body, learned)
                reading.possible_sign = reading.possible_sign or possible
                if stated.get(RED_FLAG) and finding != RED_FLAG:
                    _add(reading, RED_FLAG, stated[RED_FLAG])
                _add(reading, finding, value)
                named.add(finding)
                continue
            # No answer about the topic ("tired, I sleep 5 hours"): read as any clause.
        stated, possible = _stated(clause, learned, unsure)
        reading.possible_sign = reading.possible_sign or possible
        for other, value in stated.items():
            # "as for eating, nothing before, and lunch is a sandwich": the lunch is no
            # word against what the runner said under the topic they named.
            if other not in named or other == RED_FLAG:
                _add(reading, other, value)
        if stated:
            # "not really, only tired after runs": the facts, and the reply word that opens
            # the message answers the question asked (not one after a topic: "more running
            # lately? no, same as always").
            reply = LEADING_REPLY.match(clause) if index == 0 else None
            if reply and asked is not None and asked not in reading.facts:
                value = _answer(asked, reply.group(0), learned)
                if value is not None:
                    _add(reading, asked, value)
            continue
        # Nothing stated outright: a topic it mentions ("nights are a solid 8"), else an
        # answer to the question asked ("about 8", "not really").
        for topic_finding in mentioned_topics(clause):
            if topic_finding not in COUNTED or not NUMBER.search(clause):
                continue  # a bare "yes" near "training" says nothing; "nights are 8" does
            value = parse_answer(topic_finding, clause)
            if value is not None and value != NOT_SURE:
                _add(reading, topic_finding, value)
                break
        else:
            # After a named topic, what states nothing goes on about it ("hydration: not
            # much. maybe a glass? i don't carry any on runs"): no answer to the question.
            if asked is not None and asked not in reading.facts and named <= {asked}:
                value = _answer(asked, clause, learned)
                if value is not None:
                    _add(reading, asked, value)
    whole, possible = _stated(text, learned)
    if whole.get(RED_FLAG):
        _add(reading, RED_FLAG, whole[RED_FLAG])
    reading.possible_sign = reading.possible_sign or possible
    if reading.facts.get(RED_FLAG) not in (None, NO_RED_FLAG, NOT_SURE):
        reading.possible_sign = None
    _weigh(reading, unsure)
    reading.answered = asked in reading.facts
    return reading


def _weigh(reading: Reading, unsure: list[tuple[str, str, float]]) -> None:
    """Uncertain readings of clauses that agree add up ("the stairs make me puff now", "my
    mum says I look grey": each unsure, low iron together): recorded when their combined
    confidence is sure enough; the rest become guesses to check, the likeliest per finding."""
    doubt: dict[tuple[str, str], float] = {}
    for finding, value, confidence in unsure:
        doubt[finding, value] = doubt.get((finding, value), 1.0) * (1 - confidence)
    for (finding, value), left in sorted(doubt.items(), key=lambda item: item[1]):
        if finding in reading.facts or finding in reading.tentative:
            continue
        sure = SURE_OF.get(finding, CONFIDENT)
        if 1 - left >= sure and sum(f == finding for f, _ in doubt) == 1:
            reading.facts[finding] = value
        else:
            reading.tentative[finding] = value
