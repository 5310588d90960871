"""Readers for replies that only make sense as the answer to one question: "five", "the
chest one", "six on, one off", "only coffee". Each takes normalised text and returns a
value of its finding, or None when the reply says nothing it can read."""
from __future__ import annotations

import re
from collections.abc import Callable

from bot.understanding.body import RECENT, STALE
from bot.understanding.history import is_resolved_history
from bot.understanding.negation import Doc
from bot.understanding.numbers import QUANTITY, bedtimes, quantity
from bot.understanding.rules import compile_pattern
from bot.understanding.vocab import RED_FLAG_PRIORITY, rest_bucket, sleep_bucket

Reader = Callable[[str], "str | None"]


def words(*pairs: tuple[str, str]) -> Reader:
    """A reader that returns the value of the first (pattern, value) pair found."""
    compiled = [(compile_pattern(p), v) for p, v in pairs]

    def read(text: str) -> str | None:
        return next((v for p, v in compiled if p.search(text)), None)
    return read


_OTHER_UNIT = re.compile(r" (?:km|miles|minutes|times|percent|litres|days|weeks|years|kg|am|pm"
                         r"|glass\w*|cups?)\b")


def sleep_number(text: str) -> str | None:
    """The first number that can be hours of sleep ("7 or 8", "barely 5")."""
    if bedtimes(text):
        return None  # "bed at 11, up at 7": the clock times are read in `numbers`
    for m in QUANTITY.finditer(text):
        hours = quantity(m)
        if 2 <= hours <= 16 and not _OTHER_UNIT.match(text, m.end()):
            return sleep_bucket(hours)
    return None


_sleep_words = words(
    (r"not (?:nearly |quite |really |near |even close to )?(?:enough|much|a lot|many|great|well)"
     r"|nowhere near (?:enough)?|very little|(?:barely|hardly) any|badly|terrible|terribly"
     r"|awful|rubbish|crap|shocking|poorly|(?:a )?few|(?:too )?little|short|not a lot",
     "under_6"),
    (r"plenty|enough|loads|a lot|lots|well|good|fine|decent|normal|solid|a full night", "7_to_9"))
# "varies loads" says how much it changes, not how much sleep there is.
_VARIES = compile_pattern(r"(?:varies|vary|varying|changes) (?:a lot|loads|lots|massively"
                          r"|wildly|a bit|quite a bit|so much|heaps)?")


def _sleep(text: str) -> str | None:
    return sleep_number(text) or _sleep_words(_VARIES.sub(" ", text))


_RUNNING_DAYS = re.compile(r"\b(?:run|running|train|training|jog|jogging)\b")
_REST_WORD = re.compile(r"rest|off|recover|break")
_PER_WEEK = re.compile(r" (?:[a-z]+ ){0,2}(?:days?|times) (?:a|per|each) week")
_ON_OFF = re.compile(r"\b(\d+) (?:days? )?on (?:, )?(?:and )?(\d+) (?:days? )?off\b")
_NEVER_REST = compile_pattern(r"(?:never|not|do not|hardly ever) (?:ever )?(?:take|have|get|do"
                              r"|bother with) (?:1|any|them|a day off|days off|rest days?)")
_rest_words = words(
    (r"none|zero|every (?:single )?day|daily|7 days|no days?|not (?:any|one)|streak", "none"),
    (r"once|a day|1 day|just the 1", "one"),
    (r"weekends?|several|few|twice|every other day|alternate|2 or more", "two_plus"))


def _rest(text: str) -> str | None:
    """Rest days from weekday names, a count, or words like "weekends" and "none"."""
    if _NEVER_REST.search(text):
        return "none"
    on_off = _ON_OFF.search(text)
    if on_off:  # "6 on, 1 off": a cycle, scaled onto a week
        run, off = int(on_off.group(1)), int(on_off.group(2))
        return rest_bucket(7 * off / (run + off)) if run + off else None
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


_GLASSES = re.compile(r"\b(a|an|\d+(?:\.\d+)?)(?: (?:or|to) (\d+))? (?:small )?(?:glass(?:es)?"
                      r"|cups?|mugs?)\b")


def _hydration(text: str) -> str | None:
    """ "About 2 litres a day": 1.5 litres or more is enough, under 1 is too little; a glass
    is a quarter litre."""
    text = re.sub(r"\bhalf a litre", "0.5 litres", text)
    text = re.sub(r"\b(?:a|1) litre\b", "1 litres", text)
    for m in QUANTITY.finditer(text):
        if text.startswith(" litre", m.end()):
            litres = quantity(m)
            return "good" if litres >= 1.5 else "poor" if litres < 1 else "sometimes"
    m = _GLASSES.search(text)
    if m and not re.search(r"\b(?:coffee|tea|beer|wine|coke)", text[m.end():m.end() + 12]):
        count = 1.0 if m.group(1) in ("a", "an") else float(m.group(1))
        count = (count + float(m.group(2))) / 2 if m.group(2) else count
        return "good" if count >= 6 else "poor" if count < 4 else "sometimes"
    return _drink_words(text)


_drink_words = words(
    (r"(?:only|just|mostly|nothing but) (?:have |drink |had )?(?:a |an )?(?:coffee|tea|coke"
     r"|energy drinks?|fizzy|soda|pop|diet coke)", "poor"))

_onset = words(
    (r"evening|next (?:day|morning)|day after|tomorrow|afterwards?|post run|(?:when|once|after)"
     r" i (?:have )?(?:stop(?:ped)?|finish(?:ed)?|am done|get home|cool down)"
     r"|after (?:the |my |a |i )?(?:runs?|running|finish|stop)|rest of the day"
     r"|following day|later that day|recovery|at night", "after_runs"),
    (r"long|longer|later|late|end|half ?way|after a while|further|distance|middle|into (?:the |"
     r"my )?runs?|\d+ (?:km|miles|minutes) in|after (?:\d+|a few|several|a couple)|an hour"
     r"|\d+ hours?|(?:mile|km|kilometer) (?:[3-9]|\d\d)|(?:past|beyond|over|around|about) \d+"
     r" ?(?:km|miles|minutes)", "during_long_runs"),
    (r"start|beginning|begining|first|straight away|right away|immediately|off the bat"
     r"|whole (?:run|time|way)|all the time|throughout|the entire run|always|every step"
     r"|from the off|get go|early|set off|step out|out the door", "from_start"),
    (r"after", "after_runs"))

_load = words(
    (r"not (?:much|a lot|massively|loads|hugely|really much)", "some_increase"),
    (r"a lot|lots|loads|massively|big time|quite a bit|quite a lot|heaps|much more|way more"
     r"|significantly|hugely|tons|a ton|huge|massive|big|drastically|dramatically|considerably"
     r"|substantially|very much|doubled|a great deal", "big_increase"),
    (r"a little|a bit|slightly|a tad|somewhat|little bit|a touch|marginally|kind of|sort of"
     r"|a few|some|gradually|small|minor|slight|moderately|a fair bit|bit more", "some_increase"),
    (r"same|nothing (?:has )?changed|no change|not changed|unchanged|steady|consistent"
     r"|as usual|as always|as normal|less|reduced|cut back|fewer|decreased|dropped|taper\w*",
     "no_change"))

# Red flags named in short, as the reply to the red-flag question: "the chest one".
_FINE_AFTER = re.compile(r" (?:is|are|feels?|seems?|looks?|was|has been) (?:all )?(?:fine|ok"
                         r"|okay|good|normal|great|alright|healthy)\b")
_FLAG_WORDS = [(value, compile_pattern(pattern), compile_pattern(unless) if unless else None)
               for value, pattern, unless in [
    ("chest_pain_breathless", r"chest|(?:breathing|breath) (?:one|thing|stuff)", None),
    ("fainting_palpitations", r"faint(?:ing|ed|ness)?(?! (?:ache|pain|smell))|palpitation\w*"
     r"|heart (?:one|thing|stuff|racing|flutter\w*)|racing heart|passing out|blacking out", None),
    ("dark_urine", r"(?:dark|brown\w*|black|red|cola|tea) (?:colou?red )?(?:pee|urine|wee|one)"
     r"|(?:urine|pee|wee) (?:one|thing)", None),
    ("one_leg_swollen", r"swollen|swelling|swelled|puffy|(?:1|single) (?:leg|calf) (?:one|thing)"
     r"|dvt|clot", r"both|legs|calves|ankles|feet"),
    ("rest_pain_cold_foot", r"cold (?:foot|feet|toes?)|(?:foot|feet|toes?) (?:one|thing)"
     r"|rest pain|pain at rest|cold one", r"winter|weather|outside|snow|frost\w*|socks"),
    ("numb_tight_during_runs", r"numb\w*|tingl\w*|pins and needles|compartment"
     r"|(?:tight|tightness) (?:one|thing)",
     r"cold|freezing|chilly|icy|frost\w*|weather|winter|snow|cross legged|sitting|asleep|desk"
     r"|sleep|bed"),
    ("bone_pain", r"bones?|fracture|stress reaction", None),
]]
_red_flag_none = words(
    (r"none|nothing|neither|all (?:good|clear|fine)|i am (?:fine|good|ok|okay|healthy|well)"
     r"|i feel (?:fine|good|ok|okay)|no (?:red flags|symptoms|danger signs|warning signs)"
     r"|thankfully not|luckily not|fortunately not", "none"))


def _red_flag(text: str) -> str | None:
    """The most urgent red flag named in short and not denied, else "none" words."""
    doc, found = Doc(text), []
    for value, pattern, unless in _FLAG_WORDS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if (doc.is_negated(start, strict=True) or doc.is_denied_after(end, strict=True)
                    or _FINE_AFTER.match(text, end) or is_resolved_history(doc, start, end)
                    or (unless and unless.search(doc.clause_text(start, end)))):
                continue
            found.append(value)
            break
    if found:
        return min(found, key=RED_FLAG_PRIORITY.index)
    return _red_flag_none(text)


_LEADS_YES = re.compile(r"(?:yes|yeah|yep|yup|ya|yea|definitely|kind of|sort of|a bit|a little"
                        r"|sometimes|often|quite)\b")
_iron_words = words(
    (r"vegan|vegetarian|plant based|do not eat (?:red )?meat|(?:no|little|not much)"
     r" (?:red )?meat|pescatarian|(?:the )?(?:diet|iron) (?:thing|one|part|bit)"
     r"|stairs (?:wipe|wipes|kill|kills|knock|knocks|destroy|destroys|wreck|wrecks|finish"
     r"|finishes|leave|leaves) me", "yes"),
    (r"eat (?:meat|red meat|steak)|(?:meat|steak) eater", "no"))
_feel_fine = words(
    (r"(?:feel|feeling|i am|otherwise) (?:totally |really |pretty |perfectly )?(?:good|fine|great"
     r"|ok|okay|normal|well|energetic|alright)|(?:good|normal|plenty of|lots of|loads of|full"
     r" of|high) energy|energy (?:is |levels? (?:are |is )?)?(?:fine|good|ok|okay|normal|great)"
     r"|fine (?:day to day|in (?:general|daily life))", "no"))


def _iron(text: str) -> str | None:
    """Diet and stairs as iron signs; "I feel fine" as a no, unless the reply leads with yes."""
    return _iron_words(text) or (None if _LEADS_YES.match(text) else _feel_fine(text))


_form = words((r"(?:is|looks|seems|it is|pretty|all|feels) (?:fine|good|ok|okay|decent|normal"
               r"|alright)|^(?:fine|good|ok|okay|alright)$|(?:nobody|no 1|no one) (?:has |have )?"
               r"(?:ever )?(?:said|mentioned|told|commented|pointed|complained|noticed)", "no"))

_fuel = words(
    (r"(?:just|only|nothing but) (?:a |an |my )?(?:black |strong |cup of |morning |quick )?"
     r"(?:coffee|espresso|tea|water)|coffee (?:and that is it|only|is all)", "poor"))

_leg_day = words((STALE.pattern, "no"), (RECENT, "yes"))

SPECIFIC: dict[str, Reader] = {
    "sleep_hours": _sleep, "rest_days": _rest, "onset": _onset, "load_change": _load,
    "red_flag": _red_flag, "iron_signs": _iron, "leg_day": _leg_day, "hydration": _hydration,
    "form": _form, "fuel": _fuel,
}
