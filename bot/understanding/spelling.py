"""Typos snapped back to the words runners use.

A word the assistant does not know is taken for the known word one slip away from it (a
letter missing or extra, a key beside the right one, or two letters swapped: "smae",
"celar", "ibgger"), the most common such word if there are several. The known words are those of the annotated
runner sentences (data/understanding) and of the rule lexicon, so a phrasing added to the
corpus teaches its spelling too. A real English word is left as it is ("wipe" is not
"wise"); pyspellchecker's English word list, with how often each word is used, decides
what is a word, and one it has seen fewer than RARE times ("noe", "celar") counts as none.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# A wrong letter is a key beside the right one: "oter" is "other" missing a letter, not
# "over" with a t for a v (keys far apart), and "crary" is "carry" swapped, not "crazy".
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEIGHBOURS = {
    ch: {_ROWS[r + dr][c + dc] for dr in (-1, 0, 1) for dc in (-1, 0, 1)
         if (dr or dc) and 0 <= r + dr < 3 and 0 <= c + dc < len(_ROWS[r + dr])}
    for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
_WORDS = re.compile(r"[a-z]+")
# Words under three letters are left alone, and a correction has four letters or more:
# one slip away from a short word lie too many others.
MIN_LENGTH = 3
MIN_CORRECTION_LENGTH = 4
RARE = 100  # an English word used fewer times than this in pyspellchecker's counts


@lru_cache(maxsize=1)
def known_words() -> Counter:
    """Each known word with how often the learned readers' training sentences use it
    (lexicon words count once)."""
    from bot.listening.learned import load_examples  # the corpus, as the readers see it
    from bot.understanding.lexicon import KEYWORDS, NUMBER_WORDS, PROTECTED, TYPOS

    counts = Counter(word for example in load_examples()
                     for word in _WORDS.findall(example.text.lower()))
    for word in (*KEYWORDS, *PROTECTED, *NUMBER_WORDS, *TYPOS.values()):
        if _WORDS.fullmatch(word):
            counts[word] += 1
    return counts


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """English words in use, accents stripped as the assistant reads them ("café" is
    "cafe")."""
    from spellchecker import SpellChecker

    words = SpellChecker(language="en").word_frequency.dictionary
    return frozenset("".join(ch for ch in unicodedata.normalize("NFKD", word)
                             if not unicodedata.combining(ch))
                     for word, uses in words.items() if uses >= RARE or not word.isascii())


def is_english(word: str) -> bool:
    return word in english()


def _one_slip(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    missing = {a + c + b for a, b in splits for c in LETTERS}
    extra = {a + b[1:] for a, b in splits if b}
    wrong = {a + c + b[1:] for a, b in splits if b for c in NEIGHBOURS.get(b[0], ())}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    return missing | extra | wrong | swapped


@lru_cache(maxsize=8192)
def correct(word: str) -> str:
    """`word`, or the known word one slip away that the corpus uses most."""
    known = known_words()
    if len(word) < MIN_LENGTH or word in known or is_english(word) or not _WORDS.fullmatch(word):
        return word
    candidates = [w for w in _one_slip(word) if w in known and len(w) >= MIN_CORRECTION_LENGTH]
    return max(candidates, key=lambda w: (known[w], w)) if candidates else word
