"""Context around a match: negation, hedges, questions, the past, "only sometimes"."""
from __future__ import annotations

import pytest

from bot.understanding.negation import Doc
from bot.understanding.normalize import normalize


def _doc_at(text: str, phrase: str) -> tuple[Doc, int, int]:
    doc = Doc(normalize(text))
    start = doc.text.index(phrase)
    return doc, start, start + len(phrase)


@pytest.mark.parametrize("text, phrase, negated", [
    ("I don't warm up", "warm up", True),
    ("I never warm up", "warm up", True),
    ("I warm up", "warm up", False),
    ("no chest pain", "chest pain", True),
    ("I haven't had any chest pain", "chest pain", True),
    ("no chest pain and my calf is swollen", "calf", False),
    ("no chest pain, but my calf is swollen", "calf", False),
    ("I don't have chest pain, dizziness or swelling", "dizziness", True),
    ("I don't have chest pain, dizziness or swelling", "swelling", True),
    ("no dizziness, swollen calf though", "swollen", False),
    ("I'm not just tired, I'm exhausted", "tired", False),
    ("I'm not sleeping well and my calf is swollen", "calf", False),
])
def test_is_negated(text: str, phrase: str, negated: bool) -> None:
    doc, start, _ = _doc_at(text, phrase)
    assert doc.is_negated(start, strict=True) is negated


def test_broad_negators_undo_habits_only() -> None:
    doc, start, _ = _doc_at("I skip the warm up", "warm up")
    assert doc.is_negated(start) and not doc.is_negated(start, strict=True)


@pytest.mark.parametrize("text, phrase, expected", [
    ("I sometimes warm up", "warm up", True),
    ("I warm up now and then", "warm up", True),
    ("I warm up, but not always", "warm up", True),
    ("I don't always warm up", "warm up", True),
    ("I warm up when I remember", "warm up", True),
    ("I warm up, but sometimes my legs still feel heavy for ages", "warm up", False),
    ("I always warm up", "warm up", False),
])
def test_is_sometimes(text: str, phrase: str, expected: bool) -> None:
    doc, start, end = _doc_at(text, phrase)
    assert doc.is_sometimes(start, end) is expected


@pytest.mark.parametrize("text, phrase, expected", [
    ("should I warm up?", "warm up", True),
    ("do I need to warm up before running?", "warm up", True),
    ("I warm up, is that enough?", "warm up", False),
    ("I warm up", "warm up", False),
])
def test_is_question(text: str, phrase: str, expected: bool) -> None:
    doc, start, end = _doc_at(text, phrase)
    assert doc.is_question(start, end) is expected


def test_is_unsure_and_is_past() -> None:
    doc, start, end = _doc_at("not sure what counts as a warm up", "warm up")
    assert doc.is_unsure(start)
    doc, start, end = _doc_at("I used to warm up", "warm up")
    assert doc.is_past(start, end)


def test_denied_after_a_question_mark() -> None:
    doc, _, end = _doc_at("warm up? never", "warm up")
    assert doc.is_denied_after(end)
    doc, _, end = _doc_at("chest pain, no dizziness", "chest pain")
    assert not doc.is_denied_after(end)
