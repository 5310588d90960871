"""The topic a clause names, with its typos, and what it says about it."""
from __future__ import annotations

import pytest

from bot.listening.topics import _close, mentioned_topics, named_topic


@pytest.mark.parametrize("clause, finding, rest", [
    ("sleep-wise 8 hours", "sleep_hours", "8 hours"),
    ("fluids: yeah I drink heaps", "hydration", "yeah i drink heaps"),
    ("re weights - no", "leg_day", "no"),
    ("as for days off, two", "rest_days", "two"),
    ("my diet? pretty good", "fuel", "pretty good"),
    ("oh and traning wise, nope, nothing's changed", "load_change", "nope, nothing's changed"),
    ("bloods-wise no, I eat red meat", "iron_signs", "no, i eat red meat"),
    ("oh and on the sleep front, about 8 hrs", "sleep_hours", "about 8 hrs"),
    ("about how I run, no, my form's been checked", "form", "no, my form's been checked"),
    ("rest days: 2-3 rest days", "rest_days", "2-3 rest days"),
    # a topic named in a few words before its mark: the last topic words there
    ("regarding my running technique, nope, all fine", "form", "nope, all fine"),
    ("kms per week: no change", "load_change", "no change"),
    ("how often I rest: one day", "rest_days", "one day"),
    ("on the tiredness/iron thing, none of that", "iron_signs", "none of that"),
    ("the pale/tired stuff: none of that", "iron_signs", "none of that"),
])
def test_a_named_topic_binds_the_rest_of_the_clause(clause, finding, rest):
    topic = named_topic(clause)
    assert topic is not None and (topic.finding, topic.rest) == (finding, rest)


@pytest.mark.parametrize("clause", ["I drink loads", "no, my form's been checked",
                                    "sleep is fine, 8 hours", "my legs feel heavy"])
def test_a_topic_word_without_a_mark_names_no_topic(clause):
    assert named_topic(clause) is None


def test_one_typo_is_forgiven_in_longer_words_only():
    assert _close("traning", "training") and _close("sleeep", "sleep") and _close("drnik", "drink")
    assert not _close("gum", "gym"), "short words must match exactly"
    assert not _close("eight", "night"), "an English word is no typo of another"


def test_mentioned_topics_finds_topic_words_anywhere():
    assert mentioned_topics("also nights are a solid 8") == ["sleep_hours"]
    assert mentioned_topics("legs like lead") == []
