"""Which known thing a message mentions: a cause ("tell me more about the iron one") or a
term ("what does overstriding mean?"). The names come from data/knowledge, not from here."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.understanding.normalize import normalize


def find_mention(text: str, aliases: Mapping[str, Sequence[str]]) -> str | None:
    """The id whose alias appears first in `text` (longest alias wins at one place)."""
    normal = f" {normalize(text)} "
    best: tuple[int, int, str] | None = None
    for key, words in aliases.items():
        for word in words:
            alias = normalize(word)
            match = re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", normal)
            if match:
                candidate = (match.start(), -len(alias), key)
                best = min(best, candidate) if best else candidate
    return best[2] if best else None
