"""Normalisation: one canonical lowercase form for spelling, slang, units and numbers."""
from __future__ import annotations

import pytest

from bot.understanding.normalize import normalize


@pytest.mark.parametrize("raw, expected", [
    ("I don't warm up", "i do not warm up"),
    ("I dont warm up", "i do not warm up"),
    ("I can't catch my breath", "i can not catch my breath"),
    ("I cannot", "i can not"),
    ("I won't", "i will not"),
    ("I\u2019m tired", "i am tired"),
    ("Im tired", "i am tired"),
    ("I've been", "i have been"),
    ("it's fine", "it is fine"),
    ("five and a half", "5.5"),
    ("5 and a half", "5.5"),
    ("six and half hours", "6.5 hours"),
    ("six-ish", "6 ish"),
    ("sixish", "6 ish"),
    ("5ish", "5 ish"),
    ("twenty-five percent", "25 percent"),
    ("twice a week", "2 times a week"),
    ("a couple of rest days", "2 rest days"),
    ("six point five", "6.5"),
    ("6-7h", "6 to 7 hours"),
    ("7h30", "7.5 hours"),
    ("5hrs", "5 hours"),
    ("eight hrs", "8 hours"),
    ("10k", "10 km"),
    ("3x/wk", "3 times per week"),
    ("<6 hours", "under 6 hours"),
    ("9+", "9 plus"),
    ("10%", "10 percent"),
    ("warm-up", "warm up"),
    ("warmup", "warm up"),
    ("low-carb", "low carb"),
    ("Nooo", "no"),
    ("yesss", "yes"),
    ("sleeeep", "sleep"),
    ("slep", "sleep"),
    ("excercise", "exercise"),
    ("palpatations", "palpitations"),
    ("anaemic", "anemic"),
    ("brekkie", "breakfast"),
    ("idk", "i do not know"),
    ("dunno", "do not know"),
    ("tierd", "tired"),
    ("vegitarian", "vegetarian"),
    ("dehydratd", "dehydrated"),
    ("café", "cafe"),
    ("a half marathon", "a half marathon"),
    ("I slipped", "i slipped"),
    ("sleepy", "sleepy"),
])
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x07", "😀😀", None, 42, b"bytes"])
def test_normalize_empty_or_odd_input(raw: object) -> None:
    assert normalize(raw).strip() == ""


def test_punctuation_becomes_its_own_token() -> None:
    assert normalize("no, I just go!") == "no , i just go !"


def test_decimal_points_survive_sentence_splitting() -> None:
    assert normalize("About 5.5 hours. Not more.") == "about 5.5 hours . not more ."


def test_other_scripts_are_kept_not_crashed_on() -> None:
    assert "ноги" in normalize("Ноги тяжёлые")
