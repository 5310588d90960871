"""Reading a reply as the answer to the question about one finding.

What a message states outright (see `extract`) comes first; then what only makes sense
as an answer: bare numbers, "a little", "not sure", "sometimes", "yes" and "no".
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable

from bot.understanding.body import RECENT, STALE
from bot.understanding.extract import extract_normalized
from bot.understanding.negation import SOMETIMES
from bot.understanding.normalize import normalize
from bot.understanding.numbers import BEDTIME, QUANTITY, quantity
from bot.understanding.rules import alt, compile_pattern
from bot.understanding.vocab import FINDINGS, NOT_SURE, is_value, rest_bucket, sleep_bucket

_NOT_SURE = compile_pattern(alt(
    "not sure", "unsure", "no idea", r"(?:do not|did not) (?:really |actually |honestly |even )?"
    r"know", "not know", "no clue", "not a clue", "clueless", r"(?:hard|difficult|tough) to "
    r"(?:say|tell)", r"(?:can not|could not) (?:really )?(?:say|tell|remember|recall)",
    r"(?:do not|never) (?:really )?(?:track|measure|count|remember|pay attention|keep track"
    r"|check|monitor|log)", r"(?:never|have not) (?:really )?(?:thought|checked|measured"
    r"|tracked|counted|paid attention|considered)", "not certain", "who knows", "beats me",
    "good question", "unknown", "search me", "no way to tell", "not a scooby"))
_HEDGE = compile_pattern(r"maybe|possibly|perhaps|might|could be")
_SOMETIMES = compile_pattern(alt(
    SOMETIMES.pattern, "a bit", "a little", "partly", "somewhat", "50 50", "more or less",
    "on occasion", "so so", "could be better", "could do better", "room for improvement",
    "in between", "middling", "not as much as",
    r"only (?:before|for|on|when|if|in|after)", "try to", "i try", "trying to",
    r"(?:when|if) i am not", "unless", r"(?:some|a few) (?:times|days|weeks)"))
_UNDECIDED = compile_pattern(r"varies|vary|depends|depending|it changes|all over the place")
_NO = compile_pattern(alt(
    "no", "nope", "nah", "naw", "nay", "never", "negative", "none", "nothing", "not really",
    "not at all", "not much", "not enough", "not lately", "not recently", "not often",
    "hardly ever", "almost never", "hardly", "barely", "rarely", "seldom",
    r"(?:do|have|did|am|does) not", r"^not", r"(?:absolutely|definitely|certainly|of course) not",
    "no way", r"do not think so",
    r"not that i (?:know|am aware|have noticed|can think)", "nothing like that",
    r"i (?:often |always |usually )?(?:forget|forgot)"))
_YES = compile_pattern(alt(
    "yes", "yeah", "yep", "yup", "ya", "yea", "yeh", "yah", "aye", "sure", "definitely",
    "absolutely", "of course", "certainly", "correct", "true", "totally", "for sure", "always",
    "every time", "all the time", "usually", "mostly", "most of the time", "generally",
    "normally", "typically", r"i (?:do|have|did)", "indeed", "affirmative", "uh huh", "mhm",
    r"i think so", "guess so", "probably", "big time", "very much", "loads", "a lot", "plenty",
    "lots", "100 percent", "regularly", "religiously", "i would say so", "you bet"))
_LEADING_YES = re.compile(r"(?:yes|yeah|yep|yup|ya|yea|yeh|aye|sure|definitely|absolutely"
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


def _first(pattern: re.Pattern[str], text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else len(text) + 1


def _words(*pairs: tuple[str, str]) -> Callable[[str], str | None]:
    """A reader that returns the value of the first (pattern, value) pair found."""
    compiled = [(compile_pattern(p), v) for p, v in pairs]

    def read(text: str) -> str | None:
        return next((v for p, v in compiled if p.search(text)), None)
    return read


_OTHER_UNIT = re.compile(r" (?:km|miles|minutes|times|percent|litres|days|weeks|years|kg|am|pm)\b")


def _sleep_number(text: str) -> str | None:
    """The first number that can be hours of sleep ("7 or 8", "barely 5")."""
    if BEDTIME.search(text):
        return None  # "bed at 11, up at 7": the clock times are read in `numbers`
    for m in QUANTITY.finditer(text):
        hours = quantity(m)
        if 2 <= hours <= 16 and not _OTHER_UNIT.match(text, m.end()):
            return sleep_bucket(hours)
    return None


_sleep_words = _words(
    (r"not (?:enough|much|a lot|many|great|well)|very little|(?:barely|hardly) any|badly"
     r"|terrible|terribly|awful|rubbish|crap|poorly|(?:a )?few|(?:too )?little|short",
     "under_6"),
    (r"plenty|enough|loads|a lot|lots|well|good|fine|decent|normal|solid|a full night", "7_to_9"))


def _sleep(text: str) -> str | None:
    return _sleep_number(text) or _sleep_words(text)


_RUNNING_DAYS = re.compile(r"\b(?:run|running|train|training|jog|jogging)\b")
_REST_WORD = re.compile(r"rest|off|recover|break")
_PER_WEEK = re.compile(r" (?:[a-z]+ ){0,2}(?:days?|times) (?:a|per|each) week")
_rest_words = _words(
    (r"none|zero|every (?:single )?day|daily|7 days|no days?|not (?:any|one)", "none"),
    (r"once|a day|1 day|just the 1", "one"),
    (r"weekends?|several|few|twice|every other day|alternate|2 or more", "two_plus"))


def _rest(text: str) -> str | None:
    """Rest days from weekday names, a count, or words like "weekends" and "none"."""
    weekdays = re.findall(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?", text)
    if weekdays:
        return "one" if len(weekdays) == 1 else "two_plus"
    for m in QUANTITY.finditer(text):
        days = quantity(m)
        per_week = _PER_WEEK.match(text, m.end())
        running = bool(_RUNNING_DAYS.search(text[:m.start()])) and not _REST_WORD.search(text)
        if running or (per_week and days >= 5 and not _REST_WORD.search(per_week.group())):
            days = 7 - days  # "I run 6 days (a week)": days of running, not of rest
        if 0 <= days <= 7:
            return rest_bucket(days)
    return _rest_words(text)


def _hydration(text: str) -> str | None:
    """ "About 2 litres a day": 1.5 litres or more is enough, under 1 is too little."""
    for m in QUANTITY.finditer(text):
        if text.startswith(" litre", m.end()):
            litres = quantity(m)
            return "good" if litres >= 1.5 else "poor" if litres < 1 else "sometimes"
    return None


_onset = _words(
    (r"evening|next (?:day|morning)|day after|tomorrow|afterwards?|post run|when i stop"
     r"|once i stop|after (?:the |my |a |i )?(?:runs?|running|finish|stop)|rest of the day"
     r"|following day|later that day|recovery|at night", "after_runs"),
    (r"long|longer|later|late|end|half ?way|after a while|further|distance|middle|into (?:the |"
     r"my )?runs?|\d+ (?:km|miles|minutes) in|after (?:\d+|a few|several|a couple)|an hour"
     r"|\d+ hours?", "during_long_runs"),
    (r"start|beginning|begining|first|straight away|right away|immediately|off the bat"
     r"|whole (?:run|time|way)|all the time|throughout|the entire run|always|every step"
     r"|from the off|get go|early", "from_start"),
    (r"after", "after_runs"))

_load = _words(
    (r"not (?:much|a lot|massively|loads|hugely|really much)", "some_increase"),
    (r"a lot|lots|loads|massively|big time|quite a bit|quite a lot|heaps|much more|way more"
     r"|significantly|hugely|tons|a ton|huge|massive|big|drastically|dramatically|considerably"
     r"|substantially|very much|doubled|a great deal", "big_increase"),
    (r"a little|a bit|slightly|a tad|somewhat|little bit|a touch|marginally|kind of|sort of"
     r"|a few|some|gradually|small|minor|slight|moderately|a fair bit|bit more", "some_increase"),
    (r"same|nothing (?:has )?changed|no change|not changed|unchanged|steady|consistent"
     r"|as usual|as always|as normal|less|reduced|cut back|fewer|decreased|dropped|taper\w*",
     "no_change"))

_red_flag = _words(
    (r"none|nothing|neither|all (?:good|clear|fine)|i am (?:fine|good|ok|okay|healthy|well)"
     r"|i feel (?:fine|good|ok|okay)|no (?:red flags|symptoms|danger signs|warning signs)"
     r"|thankfully not|luckily not|fortunately not", "none"))

_iron = _words((r"vegan|vegetarian|plant based|do not eat (?:red )?meat|(?:no|little|not much)"
                r" (?:red )?meat|pescatarian|(?:the )?(?:diet|iron) (?:thing|one|part|bit)", "yes"),
               (r"eat (?:meat|red meat|steak)|(?:meat|steak) eater", "no"))

_form = _words((r"(?:is|looks|seems|it is|pretty|all|feels) (?:fine|good|ok|okay|decent|normal"
                r"|alright)|^(?:fine|good|ok|okay|alright)$", "no"))

_leg_day = _words((STALE.pattern, "no"), (RECENT, "yes"))

_SPECIFIC: dict[str, Callable[[str], str | None]] = {
    "sleep_hours": _sleep, "rest_days": _rest, "onset": _onset, "load_change": _load,
    "red_flag": _red_flag, "iron_signs": _iron, "leg_day": _leg_day, "hydration": _hydration,
    "form": _form,
}


def _polar(finding: str, text: str) -> str | None:
    """Yes / sometimes / no replies mapped onto the finding's values."""
    yes, some, no = _POLAR.get(finding, (None, None, None))
    if _UNDECIDED.search(text) and some is None:
        return NOT_SURE
    if _SOMETIMES.search(text):
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
        if finding == "sleep_hours" and _sleep_number(norm):
            return _sleep_number(norm)  # a number answers it, whatever else is said
        found = extract_normalized(norm).get(finding)
        if found:
            return found
        specific = _SPECIFIC.get(finding)
        value = specific(norm) if specific else None
        if value is None and _NOT_SURE.search(norm):
            return NOT_SURE
        value = value if value is not None else _polar(finding, norm)
        if value is None and _HEDGE.search(norm):
            return NOT_SURE
        return value
    except Exception:  # a reply we cannot read is not an answer, never a crash
        return None
