"""Splitting a message where a runner joins two thoughts."""
from __future__ import annotations

from bot.listening.clauses import clauses


def test_the_joins_people_use_split_clauses():
    assert clauses("no my form's fine. also nights are a solid 8") == [
        "no my form's fine", "also nights are a solid 8"]
    assert clauses("no change - oh and rest days wise, three rest days") == [
        "no change", "oh and rest days wise, three rest days"]
    assert clauses("7 to 8 hours, plus as for mileage, yeah massively") == [
        "7 to 8 hours", "as for mileage, yeah massively"]


def test_a_plain_sentence_stays_whole():
    assert clauses("I run every day") == ["I run every day"]
    assert clauses("  ") == []
