"""A message in clauses: the pieces a runner joins with ". also", ", and", " - oh and",
"btw", "plus", "but", line breaks or sentence ends. Each clause is read on its own, so a
"no" in one never answers the fact stated in another."""
from __future__ import annotations

import re

JOINS = re.compile(
    r"(?:[.!?;]+\s+|\n+|\s+[-–—]+\s+|,\s*(?:and\s+also|and|plus|but|also|btw|oh and|though)\s+"
    r"|\s+(?:btw|also|plus|oh and|and also)\s+(?=\S)|\.{2,}\s*|\s+but\s+)", re.I)


def clauses(text: str) -> list[str]:
    """The clauses of `text`, in order, without the joining words ("8" is one)."""
    pieces = [p.strip(" ,.;:!-–—") for p in JOINS.split(text)]
    return [p for p in pieces if any(ch.isalnum() for ch in p)]
