"""The topic a runner names before a fact: "sleep-wise 8 hours", "fluids: yeah",
"re weights - no", "as for days off, two", "my diet? pretty good".

A clause names a topic when it opens with a topic word of data/understanding/topics.yml
together with a mark that makes it a topic (a lead-in such as "as for", "re", "about",
"on the ... front", or a "-wise", ":", "?", "-" or "," right after it). Then its answer
belongs to that topic's finding, whichever question was asked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.triage.contract import FINDINGS
from bot.understanding.spelling import is_english

TOPICS_FILE = Path(__file__).resolve().parents[2] / "data" / "understanding" / "topics.yml"
FILLERS = re.compile(r"^(?:(?:oh|and|also|plus|btw|but|so|ok|okay|well|um|hmm|then|ah|oh yeah)"
                     r"[\s,.!-]*)+")
LEAD_INS = re.compile(r"^(?:as for|as far as|as regards|re|regarding|about|concerning|in terms of"
                      r"|when it comes to|with regards? to|on the|for|with)\b[\s:]*")
OWNERS = re.compile(r"^(?:my|the|your|our|of)\s+")
# What may follow a topic word to mark it as the topic: "-wise", " front", ":" ...
MARK = re.compile(r"^(?:[- ]?wise\b|\s*(?:front|side|stuff|thing|things|question|part|bit)\b)?"
                  r"(?:\s*(?:is concerned|goes))?\s*(?P<sep>[:?,\-–—=]+|\.\.\.)?\s*")
WORD = re.compile(r"[a-z']+|[^\sa-z']")


@dataclass(frozen=True)
class Topic:
    finding: str
    rest: str  # the clause after the topic and its mark: the answer itself


@lru_cache(maxsize=1)
def lexicon(path: Path = TOPICS_FILE) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(topic words, finding), longest first, so "rest days" wins over "rest"."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    unknown = set(raw) - set(FINDINGS)
    if unknown:
        raise ValueError(f"{path}: unknown findings {sorted(unknown)}")
    entries = {(tuple(phrase.lower().replace("-", " ").replace("/", " ").split()), finding)
               for finding, phrases in raw.items() for phrase in phrases}
    return tuple(sorted(entries, key=lambda e: (-len(e[0]), e[0])))


def _close(word: str, target: str) -> bool:
    """Equal, or one edit apart for words of five letters or more that are no words
    themselves (typos)."""
    if word == target:
        return True
    if min(len(word), len(target)) < 5 or abs(len(word) - len(target)) > 1 or is_english(word):
        return False  # a real word is no typo of another: "eight" is not "night"
    if len(word) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and word[diffs[0]] == target[diffs[1]]
                                   and word[diffs[1]] == target[diffs[0]])
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _strip_plural(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


# A mark ending a topic named in a few words ("regarding my running technique:", "kms per
# week:", "on the tiredness/iron thing,"): the topic words come just before it.
HEAD_MARK = re.compile(r"(?:[- ]wise\b|\s(?:front|side|stuff|thing|things|question|etc)\b)?"
                       r"\s*(?:[:?=]+|\s[-–—]+\s|\.\.\.)|[- ]wise\b|\s(?:front|side|stuff|thing"
                       r"|things)\b\s*,?")
HEAD_WORDS = 6  # at most this many words before the mark
NEAR_END = 3  # the topic words end among the last words before the mark


def named_topic(clause: str) -> Topic | None:
    """The topic `clause` opens with, and what it says about it; None if it names none."""
    text = clause.lower().strip()
    text = FILLERS.sub("", text)
    lead = LEAD_INS.match(text)
    text = text[lead.end():] if lead else text
    text = OWNERS.sub("", text)
    words = text.replace("-", " ").replace("/", " ").split()
    led = None  # a topic right after a lead-in, with no mark of its own
    for phrase, finding in lexicon():
        n = len(phrase)
        if len(words) < n:
            continue
        said = [re.sub(r"[^a-z']", "", w) for w in words[:n]]
        if not all(_close(_strip_plural(a), _strip_plural(b)) for a, b in zip(said, phrase, strict=True)):
            continue
        # Where the topic words end in the original text (hyphens were read as spaces).
        end = _end_of_words(text, n)
        mark = MARK.match(text[end:])
        if mark and (mark.group("sep") or "wise" in mark.group(0) or mark.group(0).strip()):
            return Topic(finding, text[end + mark.end():].strip())
        if lead and led is None:
            led = Topic(finding, text[end + (mark.end() if mark else 0):].strip())
    # "regarding my running technique, nope": the topic is the last words before the mark.
    return _topic_before_mark(text, lead is not None) or led


def _topic_before_mark(text: str, lead: bool) -> Topic | None:
    """A topic named in a few words ended by a mark ("my running technique: fine"); the
    longest topic phrase there, the last one if several ("running technique" is form)."""
    mark = HEAD_MARK.search(text)
    if mark is None and lead:  # "regarding my running technique, nope"
        mark = re.search(r",", text)
    if mark is None:
        return None
    head = OWNERS.sub("", text[:mark.start()].strip())
    words = [_strip_plural(re.sub(r"[^a-z']", "", w))
             for w in head.replace("-", " ").replace("/", " ").split()]
    if not words or len(words) > HEAD_WORDS:
        return None
    best = None  # (length, end, finding)
    for phrase, finding in lexicon():
        target = [_strip_plural(w) for w in phrase]
        n = len(target)
        for start in range(len(words) - n + 1):
            if len(words) - (start + n) >= NEAR_END:
                continue
            if all(_close(a, b) for a, b in zip(words[start:start + n], target, strict=True)):
                best = max(best or (0, -1, ""), (n, start + n, finding))
    if best is None:
        return None
    return Topic(best[2], text[mark.end():].strip(" ,"))


def _end_of_words(text: str, count: int) -> int:
    """The index just after the first `count` words of `text` (hyphens and slashes split
    words)."""
    seen, i = 0, 0
    for m in re.finditer(r"[^\s\-/]+", text):
        seen += 1
        i = m.end()
        if seen == count:
            # a word's trailing punctuation is the mark, not the word
            word = m.group(0)
            stripped = word.rstrip(":?,.!=")
            return m.start() + len(stripped)
    return i


def only_names(text: str, finding: str) -> bool:
    """Whether `text` is nothing but a topic word of `finding` ("warm-up wise, warm up?")."""
    return topic_alone(text) == finding


def topic_alone(text: str) -> str | None:
    """The finding whose topic word is all of `text` ("warm up" of "warm up? nah")."""
    words = tuple(re.sub(r"[^a-z0-9' ]", " ", text.lower().replace("-", " ")).split())
    words = tuple(FILLERS.sub("", " ".join(words)).split())
    return next((named for phrase, named in lexicon() if phrase == words), None)


def mentioned_topics(clause: str) -> list[str]:
    """Findings whose topic words appear anywhere in `clause` ("nights are a solid 8"),
    without a topic mark; for a clause nothing else could read."""
    words = [_strip_plural(re.sub(r"[^a-z']", "", w))
             for w in clause.lower().replace("-", " ").split()]
    found = []
    for phrase, finding in lexicon():
        target = [_strip_plural(w) for w in phrase]
        n = len(target)
        if any(words[i:i + n] == target for i in range(len(words) - n + 1)) and finding not in found:
            found.append(finding)
    return found
