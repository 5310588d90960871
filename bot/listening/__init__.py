"""Listening: every message read for every finding, and one triage turn in one place.

Pure Python, no Rasa import. `take_turn` is the turn (bot/listening/turn.py); `read` reads
one message (reading.py); the learned readers come from `make train` (learned.py).
"""
from __future__ import annotations

from bot.listening.learned import default_learned
from bot.listening.reading import Reading, read
from bot.listening.turn import Dialogue, Turn, take_turn
from bot.understanding import spelling


def prepare() -> None:
    """Loads what reading needs (the learned readers, the word lists of the spelling
    fixes), so that the first runner does not wait for it."""
    default_learned()
    spelling.known_words()
    spelling.english()


__all__ = ["Dialogue", "Reading", "Turn", "default_learned", "prepare", "read", "take_turn"]
