"""Typos snapped back to the words runners use; real words left alone."""
from __future__ import annotations

import pytest

from bot.understanding import normalize
from bot.understanding.spelling import correct, known_words


@pytest.mark.parametrize("typed, meant", [
    ("smae", "same"),      # two letters swapped
    ("celar", "clear"),
    ("ibgger", "bigger"),
    ("efore", "before"),   # a letter missing
    ("weke", "week"),      # a letter wrong
    ("nne", "none"),       # a four-letter word with a letter missing
    ("noe", "none"),       # an English word so rare it is surely a slip
    ("onpe", "nope"),
    ("oter", "other"),     # a letter missing, not "over" with a key far from the one meant
    ("crary", "carry"),    # swapped, not "crazy"
])
def test_a_slip_is_taken_for_the_word_meant(typed, meant):
    assert correct(typed) == meant


@pytest.mark.parametrize("word", [
    "wipe", "crap", "piss", "cafe",  # English words, though one slip from a known word
    "zzzz", "qwertyuiop",            # nothing known one slip away
    "gym", "abc",                     # too short to guess at
])
def test_real_words_and_hopeless_ones_are_left_as_they_are(word):
    assert correct(word) == word


def test_the_known_words_come_from_the_corpus_and_the_lexicon():
    words = known_words()
    assert words["sleep"] > 10 and words["hydration"] >= 1


def test_a_message_reads_as_if_spelt_right():
    assert normalize("smae routine for months, no celar pattern") == \
        "same routine for months , no clear pattern"
