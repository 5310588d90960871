"""What surrounds a match: its clause, and whether that clause negates it, hedges it
("not sure if ..."), asks about it, puts it in the past, or makes it occasional.

All functions take normalised text (see `normalize`) and character offsets into it.
A clause runs between punctuation tokens and linking words such as "but" or "and",
so "no chest pain and my calf is swollen" keeps the "no" away from the calf.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_BOUNDARY = re.compile(
    r"(?:^| )(?:[.,;:!?()\[\]{}\"/\\|…-]|but|although|though|however|whereas|yet|except"
    r"|because|plus|apart from|other than|otherwise)(?= |$)"
    r"|(?<!\bnow)(?<!\bon)(?<!\boff)(?<!\bhit)(?<!\bhere)(?<!\bover) and(?= |$)"
    r"(?! (?:then|again|off|on|miss|there|over)\b)")
_SENTENCE_END = re.compile(r"(?:^| )[.!?;](?= |$)")

# Plain negators; habits also count words that undo an action ("I skip the warm-up").
STRICT_NEGATORS = frozenset("not no never without nor neither none nothing zero".split())
NEGATORS = STRICT_NEGATORS | frozenset(
    "hardly barely rarely seldom lack lacking skip skips skipped skipping forget forgets "
    "forgot forgetting avoid avoids avoiding ditch ditched ditching stopped quit".split())
_NOT_NEGATING = frozenset({"just", "only"})
_WINDOW = 5
MARGIN = 120
_LINKS = frozenset({",", ";", "-", ":", "but", "though", "although", "and"})

_UNSURE = re.compile(
    r"\b(?:not sure|unsure|do not know|not know|no idea|no clue|not certain|not a clue"
    r"|wonder(?:ing)? (?:if|whether)|whether|what counts|hard to say|can not say"
    r"|can not tell|can not remember|do not remember|if that counts)\b")
_QUESTION_START = re.compile(
    r"^(?:do|does|did|should|is|are|am|was|were|can|could|would|will|what|how|why|when"
    r"|which|have|has|might|may|shall|any)\b")
_DENIED_AFTER = re.compile(
    r" [?:] (?:no|nope|nah|never|none|not really|not at all|nothing)(?: [.,;!?]| *$)")
# Habits only: "warm up? what is that", "warm-up? never heard of it".
_SCOFFED_AFTER = re.compile(
    r" [?:] (?:lol |haha |ha )?(?:what is (?:that|it|one|a \w+(?: \w+)?)|what\b|huh\b"
    r"|never heard of|never done|never (?:do|bother)|no chance|you are joking|as if)")
_PAST = re.compile(r"\b(?:used to|in the past|years ago|as a kid|when i was younger)\b")
SOMETIMES = re.compile(
    r"\b(?:sometimes|occasionally|some days|some of the time|not always|not every"
    r"|now and then|now and again|on and off|off and on|here and there|from time to time"
    r"|once in a while|every so often|when i remember|if i remember|when i can"
    r"|(?:when|if) i (?:have |have got |get |got )(?:the |enough )?time|time permitting"
    r"|(?:if|when) time allows|depends|depending|hit (?:or|and) miss"
    r"|most days|half the time|inconsistent(?:ly)?|not consistently|kind of|sort of"
    r"|kinda|sorta|on some runs|some runs|it varies|varies"
    r"|some (?:weeks|mornings|evenings|nights|months))\b")


_LIST_OR = re.compile(r" (?:or|nor) ")


def _has_negator(words: list[str], negators: frozenset[str]) -> bool:
    for i, word in enumerate(words):
        if word in negators:
            following = words[i + 1] if i + 1 < len(words) else ""
            if following not in _NOT_NEGATING:
                return True
    return False


@dataclass
class Doc:
    """Normalised text plus where its clauses and sentences break.

    Context checks look at most MARGIN characters either side of a match, so a long
    message without punctuation costs linear time, not quadratic.
    """

    text: str
    _cuts: list[int] = field(default_factory=list)
    _cut_ends: list[int] = field(default_factory=list)
    _sentences: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        for m in _BOUNDARY.finditer(self.text):
            self._cuts.append(m.start())
            self._cut_ends.append(m.end())
        self._sentences = [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def clause(self, start: int, end: int | None = None) -> tuple[int, int]:
        """Offsets of the clause holding text[start:end], clipped to MARGIN around it."""
        end = start if end is None else end
        i = bisect.bisect_right(self._cut_ends, start) - 1
        left = self._cut_ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self._cuts, end)
        right = self._cuts[j] if j < len(self._cuts) else len(self.text)
        return max(left, start - MARGIN), max(min(right, end + MARGIN), end)

    def clause_text(self, start: int, end: int) -> str:
        left, right = self.clause(start, end)
        return self.text[left:right]

    def before(self, start: int) -> str:
        """The clause's text before `start`."""
        return self.text[self.clause(start)[0]:start]

    @property
    def sentence_ends(self) -> list[int]:
        """Offsets just past each sentence-ending token, in order."""
        return self._sentences

    def sentence(self, start: int, end: int) -> str:
        i = bisect.bisect_right(self._sentences, start) - 1
        left = self._sentences[i] if i >= 0 else 0
        j = bisect.bisect_left(self._sentences, end)
        right = self._sentences[j] if j < len(self._sentences) else len(self.text)
        return self.text[max(left, start - 2 * MARGIN):min(right, end + 2 * MARGIN)]

    def is_negated(self, start: int, strict: bool = False) -> bool:
        """A negator among the few words before `start` in its clause."""
        negators = STRICT_NEGATORS if strict else NEGATORS
        words = self.before(start).split()[-_WINDOW:]
        return _has_negator(words, negators) or self._in_negated_list(start, negators)

    def _in_negated_list(self, start: int, negators: frozenset[str]) -> bool:
        """A later item of a negated list: "no chest pain, dizziness or swelling"."""
        left, right = self.clause(start)
        if len(self.text[left:start].split()) > 4:
            return False
        j = bisect.bisect_right(self._cut_ends, left) - 1
        for _ in range(4):
            if j < 0 or self.text[self._cuts[j]:self._cut_ends[j]].strip() != ",":
                return False
            prev_left = self._cut_ends[j - 1] if j > 0 else 0
            if _has_negator(self.text[prev_left:self._cuts[j]].split()[:6], negators):
                return bool(_LIST_OR.search(self.text[prev_left:right + 40]))
            j -= 1
        return False

    def is_denied_after(self, end: int, strict: bool = False) -> bool:
        """Asked and answered in one go: "warm-up? never", "chest pain: none"; unless
        strict, also scoffed at: "warm up? what's that"."""
        return bool(_DENIED_AFTER.match(self.text, end)) or (
            not strict and bool(_SCOFFED_AFTER.match(self.text, end)))

    def is_unsure(self, start: int) -> bool:
        """The clause hedges before the match: "not sure if I warm up"."""
        return bool(_UNSURE.search(self.before(start)))

    def is_question(self, start: int, end: int) -> bool:
        """The clause asks rather than tells: "should I warm up?"."""
        left, right = self.clause(start, end)
        return (self.text[right:right + 2].strip().startswith("?")
                and bool(_QUESTION_START.match(self.text[left:start].strip())))

    def is_past(self, start: int, end: int) -> bool:
        return bool(_PAST.search(self.clause_text(start, end)))

    def is_sometimes(self, start: int, end: int) -> bool:
        """An "only sometimes" cue in the clause, or just after it ("..., but not always")."""
        left, right = self.clause(start, end)
        if SOMETIMES.search(self.text[left:right]):
            return True
        after = self.text[right:right + MARGIN].split()[:12]
        if not after or after[0] not in _LINKS:
            return False
        i = 0
        while i < len(after) and after[i] in _LINKS:
            i += 1
        words: list[str] = []
        for word in after[i:]:
            if not word[0].isalnum() or _BOUNDARY.fullmatch(" " + word):
                break
            words.append(word)
        return len(words) <= 5 and bool(SOMETIMES.search(" ".join(words)))
