"""The shape of a phrase rule and the shorthand its patterns are written in.

Patterns run on normalised text (see `normalize`): lowercase words separated by single
spaces, punctuation as separate tokens. Shorthand expanded before compiling:

    <G1> ... <G5>  up to n words, none of them a negator, never crossing punctuation
    <MY>           an optional "my " / "the " / "a " ...
    <NUM>          a number such as 5 or 5.5

Every pattern is anchored on word edges, and every repetition in it is bounded or over
disjoint tokens, so matching stays linear on long messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_NEG = r"(?:not|no|never|without|nor|hardly|barely|rarely)"
_WORD = r"[a-z0-9][a-z0-9.]*"
# The value of a rule whose phrase only looks like a reading of its finding ("legs are
# toast" is no breakfast): readings of that finding inside it are dropped, and it says
# nothing itself (see `extract._choose`).
IDIOM = "idiom"

MACROS: dict[str, str] = {
    **{f"<G{n}>": rf"(?:(?!{_NEG} ){_WORD} ){{0,{n}}}" for n in range(1, 6)},
    "<MY>": r"(?:my |the |a |an |his |her |their |this |that )?",
    "<NUM>": r"\d+(?:\.\d+)?",
}


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Expand the shorthand and anchor the pattern on word edges."""
    for name, expansion in MACROS.items():
        pattern = pattern.replace(name, expansion)
    return re.compile(rf"(?<![a-z0-9])(?:{pattern})(?![a-z0-9])")


@dataclass(frozen=True)
class Rule:
    """A phrase that says `value` for `finding`.

    `negated` is the value when a negator comes just before it ("I don't warm up"),
    None to ignore it then. `value` None means the phrase only counts negated
    ("I never take rest days"). `unless` vetoes the match when found in its clause, or
    in its whole sentence when `wide`.
    """

    finding: str
    value: str | None
    regex: re.Pattern[str]
    negated: str | None = None
    unless: re.Pattern[str] | None = None
    wide: bool = False


def rule(finding: str, value: str | None, pattern: str, negated: str | None = None,
         unless: str | None = None, wide: bool = False) -> Rule:
    return Rule(finding, value, compile_pattern(pattern), negated,
                compile_pattern(unless) if unless else None, wide)


def alt(*words: str) -> str:
    """A non-capturing alternation of `words` (each may itself be a pattern)."""
    return "(?:" + "|".join(words) + ")"
