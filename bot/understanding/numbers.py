"""Quantities in normalised text: hours of sleep, run or rest days a week, how much
the training went up. Each reader returns hits as (start, end, finding, value)."""
from __future__ import annotations

import re

from bot.understanding.negation import Doc
from bot.understanding.vocab import rest_bucket, sleep_bucket

Hit = tuple[int, int, str, str]

_HEDGES = ("about|around|roughly|approximately|approx|maybe|like|only|just|barely|hardly"
           "|nearly|almost|a good|a solid|at least|at most|under|less than|fewer than|over"
           "|more than|above|below|between|probably|usually|typically|normally|max|maximum"
           "|tops|on average|average|generally|mostly|often|possibly|perhaps|say|not even"
           "|not quite")
_N = r"\d+(?:\.\d+)?"
QUANTITY = re.compile(
    rf"(?<![\w.])((?:(?:{_HEDGES}) ){{0,3}})({_N})(?: ish)?(?: hours)?(?: (?:or|to|and|/) "
    rf"(?:maybe |about |around |so |possibly )?({_N}))?(?: ish)?(?: hours)?"
    r"( (?:plus|or so|or more|or less|max|tops|at most|at best|at the most|at a push))?"
    r"(?![\w.])")
_MORE = re.compile(r"\b(?:at least|over|more than|above)\b")
_LESS = re.compile(r"\b(?:barely|hardly|at most|under|less than|fewer than|below|max|maximum"
                   r"|tops|not even|not quite|nearly|almost)\b")


def quantity(m: re.Match[str]) -> float:
    """The number a QUANTITY match stands for: ranges averaged, "over 9" a bit above 9."""
    low = float(m.group(2))
    high = float(m.group(3)) if m.group(3) else None
    if high is not None and low < high <= low + 4:
        return (low + high) / 2
    hedges, tail = m.group(1) or "", m.group(4) or ""
    if _MORE.search(hedges) or re.search(r"plus|or more", tail):
        return low + 0.25
    if _LESS.search(hedges) or re.search(r"or less|max|tops|most|best|push", tail):
        return low - 0.25
    return low


_SLEEP_WORD = re.compile(r"\b(?:sleep|sleeps|sleeping|slept|asleep|bed|kip|shut eye|sleeper)\b")
_SLEEP_TALK = re.compile(r"\b(?:sleep|sleeping|slept)\b")
_ACTIVITY = re.compile(r"\b(?:run|runs|running|ran|train|training|work|working|sit|sitting"
                       r"|walk|walking|drive|driving|gym|bike|cycle|cycling|commute)\b|[.!?;]")


def _sleep_talk_before(text: str) -> bool:
    """Sleep was the last thing talked about: "my sleep is all over the place, maybe 5 hours"."""
    ends = [m.end() for m in _SLEEP_TALK.finditer(text)]
    return bool(ends) and not _ACTIVITY.search(text, ends[-1])


# "I get 5 hours", "I'm running on 4 hours", "I function on 5 hours"
_GET = re.compile(r"\b(?:get|getting|got|manage|managing|averaging|average|function|functioning"
                  r"|survive|surviving|cope|coping|exist|existing|(?:running|living|going) on)\b")
_PER_NIGHT = re.compile(r"^(?:of sleep|sleep|a night|per night|each night|every night"
                        r"|most nights|nightly|a nite|on a good night|on weeknights)\b")


def _clock(name: str) -> str:
    """A clock time: "11", "11pm", "11 : 30", "5.45am", "midnight"."""
    return (rf"(?P<{name}>\d{{1,2}}|midnight)(?: ?[:.] ?(?P<{name}_min>\d\d))?"
            r"(?: ?(?:am|pm)\b| (?:o clock|ish)\b)?")


_WAKE = r"(?:up|wake|woke|waking|awake|alarm|rise|get up|out of bed)"
_AT = r"(?:at |around |about |by |like )"
_BEDTIMES = (
    # "bed at 11, up at 6", "asleep by 1am, alarm at 6am", "lights out at 10, up at 6:30"
    rf"\b(?:bed|bedtime|sleep|asleep|lights out|crash|crashing)(?: [a-z]+){{0,3}}? {_AT}*"
    rf"{_clock('bed')}"
    rf"(?: [a-z,]+){{0,6}}? {_WAKE}(?: [a-z]+){{0,2}}? {_AT}*{_clock('wake')}",
    # "sleeping from 11 to 6"
    rf"\b(?:sleep|sleeping|bed|asleep)\w* (?:from|between) (?:about |around )?{_clock('bed')}"
    rf" (?:to|till|until|and) (?:about |around )?{_clock('wake')}",
    # "up gaming till 2 then up at 7", "up revising till 3am and then 8am lectures"
    rf"\b(?:up|awake)(?: [a-z]+){{0,3}}? (?:till|until|til|to|past) {_AT}?{_clock('bed')}"
    rf"(?: [a-z,]+){{0,6}}? (?:{_WAKE}|then)(?: [a-z]+){{0,2}}? {_AT}*{_clock('wake')}",
)
BEDTIMES = tuple(re.compile(p) for p in _BEDTIMES)


def bedtimes(text: str) -> list[re.Match[str]]:
    """The bedtime-to-waking spans of `text`, each with `bed` and `wake` clock groups."""
    return [m for pattern in BEDTIMES for m in pattern.finditer(text)]


def _clock_hours(m: re.Match[str]) -> float:
    """Hours between the bedtime and the waking time of a bedtime match (12-hour clock)."""
    bed = 12 if m["bed"] == "midnight" else int(m["bed"])
    wake = 12 if m["wake"] == "midnight" else int(m["wake"])
    return (wake + int(m["wake_min"] or 0) / 60 - bed - int(m["bed_min"] or 0) / 60) % 12


def sleep_hits(doc: Doc) -> list[Hit]:
    """ "I only sleep 5 hours", "6-7 hours a night", "bed at 11, up at 6"."""
    hits: list[Hit] = []
    text = doc.text
    clocks = [(m.start(), m.end(), _clock_hours(m)) for m in bedtimes(text)]
    for start, end, hours in clocks:
        if 2 <= hours <= 12:
            hits.append((start, end, "sleep_hours", sleep_bucket(hours)))
    for m in QUANTITY.finditer(text):
        if any(start <= m.start() < end for start, end, _ in clocks):
            continue
        left, right = doc.clause(m.start(), m.end())
        reach = 6
        if text[max(0, left - 2):left] == "( " or _sleep_talk_before(text[max(0, left - 60):left]):
            left, reach = max(0, left - 60), 12  # "sleeping ok (7-8 hours)", "sleep is bad, 5 hours"
        before = text[left:m.start()].split()[-reach:]
        after = text[m.end():right].strip()
        has_hours = "hours" in m.group(0) or after.startswith("hours")
        after = re.sub(r"^hours ", "", after)
        near_sleep = bool(_SLEEP_WORD.search(" ".join(before + after.split()[:5])))
        direct = bool(_SLEEP_WORD.search(" ".join(before[-2:])))
        if has_hours and not re.match(r"(?:of )?(?:running|training|exercise|work|driving)"
                                      r"|(?:a|per|each|every) (?:week|month)", after):
            near_sleep = near_sleep or bool(_GET.search(" ".join(before[-3:])))
        if not ((has_hours and (near_sleep or _PER_NIGHT.match(after))) or direct):
            continue
        if before[-1:] in (["at"], ["by"]) or re.match(r"(?:am|pm|o clock)\b", after):
            continue  # "bed at 10", "asleep by 1am": a clock time, not hours
        value = quantity(m)
        if not 2 <= value <= 16 or doc.is_past(m.start(), m.end()):
            continue
        if doc.is_negated(m.start(), strict=True):
            if not _MORE.search(m.group(1) or ""):
                continue
            value -= 0.5  # "never more than 6 hours"
        hits.append((m.start(), m.end(), "sleep_hours", sleep_bucket(value)))
    return hits


_RUN_VERB = r"(?:run|runs|running|ran|train|trains|training|jog|jogs|jogging|go out|get out|exercise)"
_WEEK = r"(?:(?:a|per|each|every|in a|in the) week|out of 7)"
_RUN_DAYS = re.compile(
    rf"\b{_RUN_VERB}(?: [a-z0-9]+){{0,3}}? (?:(?:{_HEDGES}) ){{0,2}}(once|{_N})(?: (?:or|to) ({_N}))?"
    rf"(?: (?:times|days|sessions|runs|x|days running|(?:morning|evening|night|afternoon"
    rf"|lunchtime)s?))? {_WEEK}\b"
    rf"|\b({_N})(?: (?:or|to) ({_N}))? (?:runs|sessions|running days|days of running"
    rf"|days running|days a week running) {_WEEK}\b")
_REST_COUNT = re.compile(
    rf"\b({_N})(?: (?:or|to) ({_N}))? (?:full )?(?:rest|recovery|off|easy) days?\b"
    rf"|\b({_N})(?: (?:or|to) ({_N}))? days? (?:off|of rest|of recovery|rest)\b"
    r"|\brest days?(?: [a-z]+){0,2}? (?:none|0)\b")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
# Weekdays a runner rests on: "rest on Sundays", "Mondays and Fridays off". A list of
# weekdays is read once, left to right (see `_rest_weekday_lists`): a regex for "a list,
# then 'off'" would retry from every weekday of a long list that is not followed by it,
# quadratic in the list's length ("monday, monday, monday, ..." x 2,000).
_REST_BEFORE_DAYS = re.compile(  # "rest on Sundays", "days off are monday & friday"
    rf"\b(?:rest|off|rest days?|days? off|break)(?: [a-z]+){{0,3}}? ({_WEEKDAY}(?:"
    rf"(?: ,| and| or| &)+ {_WEEKDAY})*)")
_DAY_START = re.compile(rf"\b{_WEEKDAY}")
_DAY = re.compile(_WEEKDAY)
_NEXT_DAY = re.compile(rf"(?: ,| and| or)+ (?={_WEEKDAY})")  # ", and " before the next weekday
_DAYS_OFF = re.compile(r" (?:off|are rest days|is (?:my )?rest day)")  # after the list
# "I run every day except Fridays", "no rest days except Sunday": anchored at its first
# word, and its list has no backtracking to do (a weekday or a separator always ends at a
# word boundary), so linear as it is.
_EXCEPT_WEEKDAYS = re.compile(rf"\b(?:except|apart from|other than)(?: for)?(?: on)? ({_WEEKDAY}"
                              rf"(?:(?: ,| and| or)+ {_WEEKDAY})*)\b")
# "added a run", "from 3 runs a week to 6": not the number of runs a week now.
_ADDED = re.compile(r"\b(?:added|adding|extra|another|more|add|from)\b")
_TO_NEW = re.compile(r" (?:to|up to|now) (\d)\b(?! (?:km|k|miles|hours|minutes|mins))")
_ON_OFF = re.compile(r"\b(\d) (?:days? )?on (?:, )?(?:and )?(\d) (?:days? )?off\b")


def _avg(a: str | None, b: str | None) -> float:
    low = 1.0 if a == "once" else float(a or 0)
    return (low + float(b)) / 2 if b and float(b) > low else low


def rest_hits(doc: Doc) -> list[Hit]:
    """Rest days from "2 rest days", "I run 3 times a week", "Sundays off"."""
    hits: list[Hit] = []
    text = doc.text
    for m in _RUN_DAYS.finditer(text):
        now = _TO_NEW.match(text, m.end())
        if now:  # "from 2 runs a week to 6": the runs a week now
            days = float(now.group(1))
        elif _ADDED.search(" ".join(doc.before(m.start()).split()[-2:]
                                    + m.group(0).split()[:3])):
            continue
        else:
            days = _avg(m.group(1), m.group(2)) if m.group(1) else _avg(m.group(3), m.group(4))
        if 0 < days <= 7 and not doc.is_negated(m.start(), strict=True):
            hits.append((m.start(), m.end(), "rest_days", rest_bucket(7 - days)))
    for m in _REST_COUNT.finditer(text):
        if m.group(1) or m.group(3):
            rest = _avg(m.group(1), m.group(2)) if m.group(1) else _avg(m.group(3), m.group(4))
        else:
            rest = 0
        if rest <= 7 and not doc.is_negated(m.start(), strict=True):
            hits.append((m.start(), m.end(), "rest_days", rest_bucket(rest)))
    for m in _ON_OFF.finditer(text):  # "6 on, 1 off": a cycle, scaled onto a week
        run, off = int(m.group(1)), int(m.group(2))
        if run + off and not doc.is_negated(m.start(), strict=True):
            hits.append((m.start(), m.end(), "rest_days", rest_bucket(7 * off / (run + off))))
    weekdays = [(start, end, days, False) for start, end, days in _rest_weekday_lists(text)]
    weekdays += [(m.start(), m.end(), m.group(1), True) for m in _EXCEPT_WEEKDAYS.finditer(text)]
    for start, end, listed, excepted in weekdays:
        days = _DAY.findall(listed)
        if days and (excepted or not doc.is_negated(start, strict=True)):
            hits.append((start, end, "rest_days", "one" if len(days) == 1 else "two_plus"))
    return hits


def _rest_weekday_lists(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the weekdays) of each "rest on Sundays" or "Mondays and Fridays off".

    What `finditer` of `_REST_BEFORE_DAYS` or "a list of weekdays followed by _DAYS_OFF"
    would find (leftmost first, never overlapping), in linear time: each weekday's list
    is followed to its end once, whichever weekday of it a search starts from.
    """
    list_end: dict[int, int] = {}  # a weekday's start -> the end of the list it begins

    def end_of_list(start: int) -> int:
        walked, pos = [], start
        while pos not in list_end:
            walked.append(pos)
            end = _DAY.match(text, pos).end()
            after = _NEXT_DAY.match(text, end)
            if after is None:
                list_end[pos] = end
                break
            pos = after.end()
        for day in walked:
            list_end[day] = list_end[pos]
        return list_end[pos]

    def days_off_from(pos: int) -> tuple[int, int, str] | None:
        """The first "Mondays and Fridays off" starting at pos or later."""
        for day in starts:
            if day.start() < pos:
                continue
            end = end_of_list(day.start())
            off = _DAYS_OFF.match(text, end)
            if off:
                return day.start(), off.end(), text[day.start():end]
        return None

    starts = _DAY_START.finditer(text)
    found: list[tuple[int, int, str]] = []
    pos = 0
    before = _REST_BEFORE_DAYS.search(text)
    after = days_off_from(0)
    while before or after:
        if before and (after is None or before.start() < after[0]):
            found.append((before.start(), before.end(), before.group(1)))
        else:
            found.append(after)
        pos = found[-1][1]
        if before and before.start() < pos:
            before = _REST_BEFORE_DAYS.search(text, pos)
        if after and after[0] < pos:
            after = days_off_from(pos)
    return found


_FROM_TO = re.compile(
    rf"\bfrom (?:[a-z]+ ){{0,2}}?({_N}) ?(km|miles|runs|days|times|sessions)?"
    rf"(?: (?:a|per) week| weekly)? (?:to|up to) (?:[a-z]+ )?({_N}) ?"
    r"(km|miles|runs|days|times|sessions)?")
_PERCENT = re.compile(rf"\b({_N}) percent (?:more|increase|up|extra|higher|further)"
                      rf"|\b(?:by|up) (?:about |around |roughly )?({_N}) percent")
_LOAD_WORD = re.compile(r"\b(?:mileage|distance|volume|runs|running|training|km|miles|load)\b")


def load_hits(doc: Doc) -> list[Hit]:
    """How much training went up: "from 20 to 40 km a week", "10 percent more"."""
    hits: list[Hit] = []
    for m in _FROM_TO.finditer(doc.text):
        unit = m.group(2) or m.group(4)
        if not unit and not _LOAD_WORD.search(doc.before(m.start())):
            continue
        old, new = float(m.group(1)), float(m.group(3))
        if old <= 0 or unit == "hours":
            continue
        ratio = new / old
        value = "big_increase" if ratio >= 1.3 else "some_increase" if ratio > 1 else "no_change"
        hits.append((m.start(), m.end(), "load_change", value))
    for m in _PERCENT.finditer(doc.text):
        pct = float(m.group(1) or m.group(2))
        if not doc.is_negated(m.start()):
            hits.append((m.start(), m.end(), "load_change",
                         "big_increase" if pct >= 30 else "some_increase"))
    return hits
