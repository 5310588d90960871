"""Free-text understanding for the heavy-legs assistant: pure Python, no Rasa import.

`extract_findings` reads the facts a runner volunteers in any message; `parse_answer`
reads a reply as the answer to the question about one finding. Both return only the
contract's values (shared/spec/contract.md) and never raise.
"""
from __future__ import annotations

from bot.understanding.answers import parse_answer
from bot.understanding.extract import extract_findings
from bot.understanding.normalize import normalize
from bot.understanding.topic import mentions_running_trouble

__all__ = ["extract_findings", "mentions_running_trouble", "normalize", "parse_answer"]
