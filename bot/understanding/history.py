"""A danger sign told as history: "I had chest pain three years ago, got it checked, all
fine and nothing since". Such a sign no longer needs a doctor today, so it is not a red
flag; anything current, recent or unresolved still is.

A sign counts as resolved history only when ALL of these hold:
  * it is told in the past tense ("had", "was", "fainted"), not "I get" / "I have";
  * a clearly past time ("years ago", "last year", "as a kid") is in its sentence;
  * a resolution follows ("got it checked", "all clear", "nothing since"), in its sentence
    or one of the next two;
  * nothing from the sign up to that resolution says it is current: "still", "again",
    "came back", "now", "lately", "last week", "this morning", "yesterday", ...
Anything less keeps the red flag: a missed danger sign costs far more than a false alarm.
"""
from __future__ import annotations

import bisect
import re

from bot.understanding.negation import Doc
from bot.understanding.rules import compile_pattern

_PAST_TIME = compile_pattern(
    r"(?:\d+|a few|few|a couple of|couple of|several|many|some|a|1) (?:years?|yrs?|months)"
    r" (?:ago|back|before)|years (?:ago|back)|last year|the year before|(?:a )?(?:long )?while"
    r" (?:ago|back)|long time ago|ages ago|as a (?:kid|child|teen|teenager|student)"
    r"|when i was (?:younger|little|a kid|a child|a teen|a teenager|at school|at uni|\d+)"
    r"|back in (?:\d{4}|school|uni|college|the day)|in \d{4}|in my (?:teens|twenties|20s"
    r"|thirties|30s)|at (?:school|uni|university|college)|(?:at (?:the )?age|aged) (?:of )?\d+"
    r"|at \d{1,2}(?= (?:when|while|years old|,|\.))|in (?:primary|secondary|high) school")
_PAST_VERB = re.compile(
    r"\b(?:had|was|were|got|used to|suffered|experienced|went|once|did|felt|noticed"
    r"|developed|ended up|\w+ed)\b")
_PRESENT = re.compile(
    r"\b(?:get|gets|getting|have|has|am|is|are|keep|keeps|feel|feels|feeling|go|goes)\b")
_RESOLVED = compile_pattern(
    r"(?:got|get|had|have had|was|were|been|went) (?:it |that |this |them |myself |me "
    r"|everything |fully |properly |thoroughly |all )*(?:checked|checked out|looked at"
    r"|investigated|tested|examined|scanned|seen to|cleared|sorted|treated|fixed)"
    r"|(?:all|everything|it|tests?|results?|ecg|ekg|echo|stress test|scans?|bloods?)"
    r" (?:was |were |came back |come back |is |looked )?(?:all )?(?:clear|fine|normal|ok|okay"
    r"|good)|given (?:the )?all clear|all (?:clear|fine|good|normal|ok)"
    r"|nothing (?:wrong|found|since|ever since|else since|like that since)|(?:not|never) (?:had"
    r" (?:it|any|one|another|anything)|happened|come back|returned|recurred|been back)"
    r"(?: again| since| after)?|(?:no|zero) (?:problems?|issues?|trouble|recurrence|episodes?"
    r"|symptoms?|pain) (?:ever )?since|not since|never again|went away|cleared up|resolved"
    r"|(?:it was|turned out to be|just) (?:nothing|a (?:virus|cold|chest infection|pulled"
    r" muscle|muscle strain|one off))")
_CURRENT = compile_pattern(
    r"still|again|came back|come back|comes back|coming back|returned|is back|back now"
    r"|recurr\w*|now(?! and)|nowadays|these days|at the moment|currently|lately|recently"
    r"|this (?:week|month|morning|year|time|weekend)|today|tonight|yesterday|last (?:night"
    r"|week|weekend|run|time|session|race|few|couple|month|\d)|on my (?:last|latest|recent)"
    r"|keeps?|kept|every (?:run|time)|sometimes|now and then|occasionally"
    r"|(?:started|starting) (?:again|up again|back|happening)|since (?:last|the last|starting)"
    r"|past (?:few|couple|week|month|\d)|(?:few|couple of|\d+) (?:days|weeks) ago")
# Said not to have been looked into: "never got it checked", "haven't seen anyone".
_UNRESOLVED = compile_pattern(
    r"(?:not|never|no one|nobody|without) (?:[a-z]+ ){0,3}?(?:checked|looked at|seen (?:a|my"
    r"|anyone|anybody|about)|investigated|tested|examined|diagnosed|told (?:a|my|anyone))"
    r"|(?:no|never (?:got|had|did) (?:a |any )?)(?:diagnosis|answers?|explanation|tests?)")
# Said after the resolution, these bring the episode back: "Got it checked. Now it's back."
_RECURRED = compile_pattern(
    r"again|still|(?:is|are|it is|its|it has|has|have|they are) (?:come )?back|came back"
    r"|comes back|coming back|returned|recurr\w*|flar\w* up|(?:same|that|the) (?:pain|thing"
    r"|symptoms?|feeling) (?:now|lately|recently|these days)")
_REACH = 300


def _sentences_from(doc: Doc, start: int, count: int) -> list[tuple[int, int]]:
    """Spans of the sentence holding `start` and of the `count` - 1 after it."""
    ends = doc.sentence_ends
    i = bisect.bisect_right(ends, start)
    left = ends[i - 1] if i > 0 else 0
    spans = []
    for end in ends[i:i + count]:
        spans.append((left, end))
        left = end
    if len(spans) < count and left < len(doc.text):
        spans.append((left, len(doc.text)))
    low, high = start - _REACH, start + 3 * _REACH  # bounded work on run-on messages
    return [(max(a, low), min(b, high)) for a, b in spans if a < high]


def is_resolved_history(doc: Doc, start: int, end: int) -> bool:
    """The red-flag words at text[start:end] tell a past episode that was checked and has
    not come back (see the module docstring)."""
    text = doc.text
    spans = _sentences_from(doc, start, 5)
    first = spans[0]
    if not _PAST_TIME.search(text, first[0], first[1] + 1):
        return False
    clause_left = doc.clause(start, end)[0]
    told = text[clause_left:end]
    before = " ".join(text[clause_left:start].split()[-4:])
    if not _PAST_VERB.search(told) or _PRESENT.search(before):
        return False
    resolved_end = None
    for left, right in spans[:3]:
        found = [m for m in _RESOLVED.finditer(text, max(left, start), right + 1)
                 if not doc.is_negated(m.start(), strict=True)]
        if found:
            resolved_end = right
        elif resolved_end is not None:
            break
    if resolved_end is None:
        return False
    window = text[first[0]:resolved_end]
    if _UNRESOLVED.search(window) or _CURRENT.search(_RESOLVED.sub(" ", window)):
        return False
    later = [right for left, right in spans if left >= resolved_end][:2]
    return not (later and _RECURRED.search(text, resolved_end, later[-1] + 1))
