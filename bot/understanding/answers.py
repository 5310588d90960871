"""Reading a reply as the answer to the question about one finding.

What a message states outright (see `extract`) comes first; then what only makes sense
as an answer to this question (see `readers`): bare numbers, "the chest one", "a little";
then "not sure", "it varies", "sometimes", "yes" and "no".
"""
from __future__ import annotations

import json
import re

from bot.understanding.extract import extract_normalized
from bot.understanding.negation import SOMETIMES
from bot.understanding.normalize import normalize
from bot.understanding.readers import SPECIFIC, sleep_number
from bot.understanding.rules import alt, compile_pattern
from bot.understanding.vocab import FINDINGS, NOT_SURE, is_value

_NOT_SURE = compile_pattern(alt(
    "not sure", "unsure", "no idea", r"(?:do not|did not) (?:really |actually |honestly |even )?"
    r"know", "not know", "no clue", "not a clue", "clueless", r"(?:hard|difficult|tough|tricky) to "
    r"(?:say|tell)", r"(?:can not|could not) (?:really )?(?:say|tell|remember|recall)",
    r"(?:can not|could not|hard to|difficult to) (?:really )?pin (?:it |that )?down",
    r"(?:do not|never) (?:really )?(?:track|measure|count|remember|pay attention|keep track"
    r"|check|monitor|log)", r"(?:never|have not) (?:really )?(?:thought|checked|measured"
    r"|tracked|counted|paid attention|considered)", "not certain", "who knows", "beats me",
    "good question", "unknown", "search me", "no way to tell", "not a scooby",
    r"(?:never|not|have not|had not) (?:ever |really )?(?:had|got|gotten) (?:it|that|them|my \w+)"
    r" (?:checked|looked at|analy[sz]ed|assessed|filmed|watched|tested|measured)",
    r"(?:never|not) (?:ever |really )?(?:filmed|recorded|videoed|watched|seen) (?:myself|me)",
    r"how (?:would|do|should|could|can|am) i (?:supposed to )?(?:know|tell)",
    r"no way (?:of|to) know\w*"))
_HEDGE = compile_pattern(r"maybe|possibly|perhaps|might|could be")
_SOMETIMES = compile_pattern(alt(
    # "a bit" on its own; "I walk a bit, jog slowly, then go faster" is a warm-up
    SOMETIMES.pattern, r"^(?:(?:yes|yeah|yep|just|only|,) )*(?:a bit|a little)(?: [.!,])*$",
    "partly", "somewhat", "50 50", "more or less",
    "on occasion", "so so", "could be better", "could do better", "room for improvement",
    "in between", "middling", "not as much as", "50 / 50",
    r"(?:races?|race days?|sessions?|workouts?|long runs|hard runs|speed work) only",
    r"only (?:before|for|on|when|if|in|after)",
    # "I try to drink enough" hedges the habit; "trying to lose weight" is a reason
    r"(?:try|tries|trying) to\b(?! (?:lose|drop|shed|beat|get faster|improve|run|train|build"
    r"|be)\b)",
    r"i try(?! to)",
    r"(?:when|if) i am not", "unless", r"(?:some|a few) (?:times|days|weeks)",
    # yes for some runs, no for the rest: "on race days yes, otherwise not really"
    r", (?:but )?(?:otherwise|other (?:runs|times|days)|the rest(?: of the time)?|normal (?:runs"
    r"|days)|easy (?:runs|days)|usual runs|regular runs|everyday runs|short runs|training runs"
    r"|most (?:runs|days)|training)(?: [a-z]+){0,2}? (?:no|nope|nah|not|never|rarely|hardly)",
    r"(?:no|not|never|nah|rarely) (?:on|for|during|before) (?:easy|normal|regular|other"
    r"|everyday|short|most|usual|training)",
    r"(?:yes|yeah|yep|yup|always) (?:on|for|before|in|when) [a-z0-9 ]{2,30}? , (?:but )?(?:no"
    r"|not|never|nah|rarely)(?: really)? (?:on|for|during|before|when|otherwise|other|the rest"
    r"|easy|normal|usual|most)"))
_UNDECIDED = compile_pattern(
    r"varies|vary|depends|depending|it changes|all over the place|random|randomly"
    r"|no (?:real |clear |obvious |particular |consistent )?(?:pattern|rhyme or reason)"
    r"|no (?:set|fixed|real|regular|particular|consistent) (?:plan|schedule|routine)"
    r"|unpredictabl\w*|(?:different|changes) every (?:time|week|run|day)")
_NO = compile_pattern(alt(
    "no", "nope", "nah", "naw", "nay", "never", "negative", "none", "nothing", "not really",
    "not at all", "not much", "not enough", "nowhere near", "not lately", "not recently", "not often",
    "hardly ever", "almost never", "hardly", "barely", "rarely", "seldom",
    r"(?:do|have|did|am|does) not", r"^not", r"(?:absolutely|definitely|certainly|of course) not",
    "no way", r"do not think so",
    r"not that i (?:know|am aware|have noticed|can think)", "nothing like that",
    r"i (?:often |always |usually )?(?:forget|forgot)", "na", r"(?:guess|think|suppose|afraid"
    r"|probably) not", r"(?:i )?(?:always |usually )?skip(?:s|ped)? (?:it|them|that)",
    r"can not be (?:bothered|arsed|asked)", "cba", r"(?:do not|never|rarely) bother",
    "no time", "what warm ups?"))
_YES = compile_pattern(alt(
    "yes", "yeah", "yep", "yup", "ya", "yea", "yeh", "yah", "aye", "sure", "definitely",
    "absolutely", "of course", "certainly", "correct", "true", "totally", "for sure", "always",
    "every time", "all the time", "usually", "mostly", "most of the time", "generally",
    "normally", "typically", r"i (?:do|have|did)", "indeed", "affirmative", "uh huh", "mhm",
    r"i think so", "guess so", "probably", "big time", "very much", "loads", "a lot", "plenty",
    "lots", "100 percent", "regularly", "religiously", "i would say so", "you bet",
    "more often than not", "pretty much", "i guess", "i suppose", "reckon so", "yes please",
    "yh", "ye", "yas", "yass", "yessir", "ok yes"))
_LEADING_YES = re.compile(r"(?:yes|yeah|yep|yup|ya|yea|yeh|yh|aye|sure|definitely|absolutely"
                          r"|of course|certainly|totally|for sure)\b(?! not)")

# (value for yes, for "sometimes", for no) per finding; None: that reply says nothing.
_POLAR: dict[str, tuple[str | None, str | None, str | None]] = {
    "warm_up": ("yes", "sometimes", "no"),
    "fuel": ("good", "sometimes", "poor"),
    "hydration": ("good", "sometimes", "poor"),
    "form": ("yes", "yes", "no"),
    "iron_signs": ("yes", "yes", "no"),
    "leg_day": ("yes", None, "no"),
    "load_change": ("some_increase", "some_increase", "no_change"),
    "red_flag": (None, None, "none"),
    "rest_days": (None, None, "none"),
}


# A habit judged rather than answered ("honestly poor", "pretty decent", "average"): (value
# for good, for middling, for bad) per finding. For form and iron the question asks after a
# problem, so a good judgement is a no.
_JUDGED: dict[str, tuple[str | None, str | None, str | None]] = {
    "fuel": ("good", "sometimes", "poor"),
    "hydration": ("good", "sometimes", "poor"),
    "warm_up": ("yes", "sometimes", "no"),
    "form": ("no", None, "yes"),
    "iron_signs": ("no", None, None),
}
# Judgements with a "not" in them, read before "not" is taken for a no.
_NOT_BAD = compile_pattern(r"not (?:too |that |so |all that )?bad")
_NOT_GOOD = compile_pattern(
    r"not (?:very |that |so |too |all that )?(?:good|great|ideal|brilliant|amazing)")
_GOOD = compile_pattern(alt(
    "good", "great", "fine", "decent", "excellent", "solid", "spot on", "on point",
    "grand", "brilliant", "perfect", "top notch", "healthy", "well", "sorted", "no problems?",
    "all good", "alright", "ok", "okay"))
_MIDDLING = compile_pattern(alt(
    "average", "mediocre", "patchy", "hit and miss", "hit or miss", "inconsistent", "mixed",
    "up and down", "not bad not great", "could be worse", "fair", "meh", "middling"))
_BAD = compile_pattern(alt(
    "poor", "poorly", "bad", "badly", "terrible", "awful", "rubbish", "crap", "crappy", "shit",
    "shocking", "dreadful", "horrible", "lacking", "weak", "pathetic", "abysmal", "useless",
    "atrocious", "non existent", "nonexistent", "a disaster", "a mess", "the worst", "lousy"))


def _judged(finding: str, text: str, negated: bool = False) -> str | None:
    """A judgement of the habit asked about, mapped onto the finding's values; `negated`:
    only "not bad" and "not great", which a plain reading would take for a no."""
    good, middling, bad = _JUDGED.get(finding, (None, None, None))
    if good is None:
        return None
    judgements = ((_NOT_BAD, good), (_NOT_GOOD, bad)) if negated else (
        (_MIDDLING, middling), (_BAD, bad), (_GOOD, good))
    for pattern, value in judgements:
        if value is not None and pattern.search(text):
            return value
    return None


def _first(pattern: re.Pattern[str], text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else len(text) + 1


def _polar(finding: str, text: str) -> str | None:
    """Yes / sometimes / no replies mapped onto the finding's values."""
    yes, some, no = _POLAR.get(finding, (None, None, None))
    if _UNDECIDED.search(text):
        return NOT_SURE if some is None else some
    if some is not None and _SOMETIMES.search(text):
        return some
    no_at, yes_at = _first(_NO, text), _first(_YES, text)
    if _LEADING_YES.match(text) and no_at > 0:
        return yes  # "yes, I don't skip it": the leading word answers
    if no_at <= len(text):
        return no  # "usually not": a denial anywhere outweighs a softener
    return yes if yes_at <= len(text) else None


def _payload_value(finding: str, text: str) -> str | None:
    """A button payload typed or passed as text: '/inform{"sleep_hours": "under_6"}'."""
    m = re.match(r"^/\w+(\{.*\})\s*$", text, re.S)
    try:
        value = json.loads(m.group(1)).get(finding) if m else None
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and is_value(finding, value) else None


def parse_answer(finding: str, text: str) -> str | None:
    """The value of `finding` in `text`, read as an answer to the question about that finding.
    None when the text does not answer it."""
    try:
        if finding not in FINDINGS or not isinstance(text, str):
            return None
        literal = text.strip().lower()
        if literal == NOT_SURE or literal in FINDINGS[finding]:
            return literal
        if literal.startswith("/"):
            return _payload_value(finding, text.strip())
        norm = normalize(text)
        if not norm.strip(" .,;:!?-"):
            return None
        if finding == "sleep_hours" and sleep_number(norm):
            return sleep_number(norm)  # a number answers it, whatever else is said
        found = extract_normalized(norm).get(finding)
        if found:
            return found
        specific = SPECIFIC.get(finding)
        value = specific(norm) if specific else None
        if value is None and _NOT_SURE.search(norm):
            return NOT_SURE
        value = value if value is not None else _judged(finding, norm, negated=True)
        value = value if value is not None else _polar(finding, norm)
        value = value if value is not None else _judged(finding, norm)
        if value is None and _HEDGE.search(norm):
            return NOT_SURE
        return value
    except Exception:  # a reply we cannot read is not an answer, never a crash
        return None
