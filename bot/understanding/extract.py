"""Findings a runner states in free text, whatever question (if any) was asked."""
from __future__ import annotations

import re
from typing import NamedTuple

from bot.understanding import body, habits, intake, red_flags
from bot.understanding.history import is_resolved_history
from bot.understanding.negation import Doc
from bot.understanding.normalize import normalize
from bot.understanding.numbers import load_hits, rest_hits, sleep_hits
from bot.understanding.rules import IDIOM, Rule, compile_pattern
from bot.understanding.vocab import NOT_SURE, RED_FLAG_PRIORITY, has_sometimes, is_value

RULES: list[Rule] = red_flags.RULES + habits.RULES + intake.RULES + body.RULES
_POLAR = frozenset({"yes", "no", "good", "poor"})
_RANK = {"poor": 0, "sometimes": 1, "good": 2}  # fuel and drink: the worst habit named wins
_LOW_IRON_DIET = compile_pattern(
    r"vegan|vegetarian|plant based|pescatarian|(?:do not|never|rarely) eat (?:red )?meat"
    r"|(?:no|little|not much) (?:red )?meat")
_FATIGUE = compile_pattern(body.FATIGUE)
_LEGS_TIRED = compile_pattern(body.LEGS_TIRED)


class Hit(NamedTuple):
    start: int
    end: int
    finding: str
    value: str


def _resolve(rule: Rule, m: re.Match[str], doc: Doc) -> str | None:
    """The value a rule's match stands for in its context, None when it does not count."""
    start, end = m.span()
    if rule.unless is not None and rule.unless.search(
            doc.sentence(start, end) if rule.wide else doc.clause_text(start, end)):
        return None
    if rule.value == IDIOM:
        return IDIOM  # masks what it holds, whether asked, denied or hedged
    if rule.finding == "red_flag":
        denied = doc.is_negated(start, strict=True) or doc.is_denied_after(end, strict=True)
        return None if denied or is_resolved_history(doc, start, end) else rule.value
    if doc.is_question(start, end) or doc.is_unsure(start) or doc.is_past(start, end):
        return None
    negated = doc.is_negated(start) or doc.is_denied_after(end)
    value = rule.negated if negated else rule.value
    if value is None:
        return None
    if value in _POLAR and has_sometimes(rule.finding) and doc.is_sometimes(start, end):
        return "sometimes"
    if rule.finding == "leg_day" and value == "yes" and body.STALE.search(
            doc.sentence(start, end)):
        return "no"
    return value


def _low_iron_diet(doc: Doc) -> list[Hit]:
    """Vegetarian or vegan counts as little iron in the diet only alongside fatigue."""
    diet = next((m for m in _LOW_IRON_DIET.finditer(doc.text)
                 if not doc.is_negated(m.start(), strict=True)), None)
    if diet is None:
        return []
    for m in _FATIGUE.finditer(doc.text):
        if not doc.is_negated(m.start()) and not _LEGS_TIRED.search(
                doc.clause_text(m.start(), m.end())):
            return [Hit(diet.start(), diet.end(), "iron_signs", "yes")]
    return []


def hits_in(doc: Doc) -> list[Hit]:
    """Every reading of every rule in the text, in context."""
    hits = []
    for r in RULES:
        for m in r.regex.finditer(doc.text):
            value = _resolve(r, m, doc)
            if value is not None:
                hits.append(Hit(m.start(), m.end(), r.finding, value))
    hits += [Hit(s, e, "red_flag", v) for s, e, v in red_flags.numb_tight_hits(doc)
             if not is_resolved_history(doc, s, e)]
    hits += [Hit(*h) for h in sleep_hits(doc) + rest_hits(doc) + load_hits(doc)]
    hits += _low_iron_diet(doc)
    return hits


def _choose(hits: list[Hit]) -> dict[str, str]:
    """One value per finding: a reading inside a longer one of the same finding yields to
    it, and an idiom masks what it holds; then the most urgent red flag, any sign of low
    iron, the worst fuel or drink habit, and otherwise the last thing said (corrections
    come last)."""
    by_finding: dict[str, list[Hit]] = {}
    for h in sorted(hits, key=lambda h: (h.finding, h.start, -h.end)):
        found = by_finding.setdefault(h.finding, [])
        widest = max((o for o in found[-8:]), key=lambda o: o.end, default=None)
        if (widest is not None and widest.end >= h.end and widest[:2] != h[:2]
                and h.finding != "red_flag"):
            continue  # inside a longer reading of the same finding
        found.append(h)
    out: dict[str, str] = {}
    for finding, found in by_finding.items():
        values = [h.value for h in found if h.value != IDIOM]
        if not values:
            continue
        if finding == "red_flag":
            out[finding] = min(values, key=RED_FLAG_PRIORITY.index)
        elif finding == "iron_signs" and "yes" in values:
            out[finding] = "yes"
        elif finding in ("fuel", "hydration"):
            out[finding] = min(values, key=_RANK.__getitem__)
        else:
            out[finding] = values[-1]
    return {f: v for f, v in out.items() if is_value(f, v) and v != NOT_SURE
            and not (f == "red_flag" and v == "none")}


def extract_normalized(text: str) -> dict[str, str]:
    """`extract_findings` on text that is already normalised."""
    return _choose(hits_in(Doc(text))) if text else {}


def extract_findings(text: str) -> dict[str, str]:
    """Facts a runner volunteers in free text, context-free: {finding_id: value}."""
    try:
        if text.lstrip().startswith("/"):
            return {}  # a button payload: its entities are Rasa's to read, not free text
        return extract_normalized(normalize(text))
    except Exception:  # never let an odd message break the conversation
        return {}
