"""Regression tests, one theme per test, for misreadings found by playing runner cases:
red flags told as checked history, head rushes, hills; one swollen leg in plain words;
fasting and dieting as poor fuel; answers that must not leak a finding they do not state."""
from __future__ import annotations

import time

import pytest

from bot.understanding import extract_findings, normalize, parse_answer
from bot.understanding.normalize import _fix_word

HANG_GUARD_S = 10.0

# -- red flags told as history ---------------------------------------------------------

RESOLVED_HISTORY = [
    "I had chest pain four years ago, had it checked out, all clear and nothing since.",
    "Years back I fainted once, got fully checked and was fine, never happened again.",
    "had palpitations 5 years ago, a cardiologist checked me, all fine, nothing since",
    "When I was a teenager I had palpitations, was investigated, nothing found and nothing "
    "since",
    "I had chest pain 10 years ago, got checked, all clear, never come back",
    "I had chest pain years ago. Got it checked. All clear. Legs heavy now though.",
    "Back in 2015 I blacked out at a race, got looked at, tests were normal, no problems "
    "since. These days my legs are just heavy and I sleep about 6 hours.",
]


@pytest.mark.parametrize("text", RESOLVED_HISTORY)
def test_a_checked_past_episode_is_not_a_red_flag(text: str) -> None:
    assert "red_flag" not in extract_findings(text)


def test_the_rest_of_a_resolved_history_message_is_still_read() -> None:
    found = extract_findings(
        "Six years back I had some chest pain, had it checked with an ECG and all was fine, "
        "nothing since then. These days my legs are heavy on runs and I get about 5 hours' "
        "sleep.")
    assert found == {"sleep_hours": "under_6"}


# Current, recent, recurring or never looked into: still a red flag, every time.
STILL_A_RED_FLAG = [
    ("I had chest pain three years ago and it still happens sometimes",
     "chest_pain_breathless"),
    ("chest pain last week, haven't seen anyone about it", "chest_pain_breathless"),
    ("I had chest pain years ago, got it checked, all fine, but I've had it again on my "
     "last two runs", "chest_pain_breathless"),
    ("I had chest pain a while back, still getting it now and then", "chest_pain_breathless"),
    ("I had chest pain yesterday on my run", "chest_pain_breathless"),
    ("I had chest pain years ago. Got it checked. Now it's back.", "chest_pain_breathless"),
    ("I had chest pain 2 weeks ago, got it checked, all fine", "chest_pain_breathless"),
    ("I had chest pain last month, ECG was normal", "chest_pain_breathless"),
    ("Years ago I had palpitations, got checked, fine. I get them again now",
     "fainting_palpitations"),
    ("I fainted years ago, got checked and all fine, and I fainted again on Sunday",
     "fainting_palpitations"),
    ("I had chest pain years ago, got it checked, all fine. I've had chest pain on my runs "
     "this week", "chest_pain_breathless"),
    ("Had chest pain years back and was told it was fine but I never had tests",
     "chest_pain_breathless"),
    ("I've had chest pain for years, got it checked, all fine", "chest_pain_breathless"),
    ("I get chest pain, had it since years ago, got it checked, all fine",
     "chest_pain_breathless"),
    ("chest pain years ago, checked, fine, but recently it's been happening on hills",
     "chest_pain_breathless"),
    ("had a DVT years ago, got treated, all fine, but my left calf is swollen again",
     "one_leg_swollen"),
    ("I passed out a year ago and nobody checked why", "fainting_palpitations"),
    ("fainted 2 years ago, never got it looked at", "fainting_palpitations"),
    ("I fainted years ago and never found out why", "fainting_palpitations"),
    ("I blacked out at a race a few years ago, was told it was fine, and it happened again "
     "last week", "fainting_palpitations"),
    ("years ago I had dark pee after a marathon, it was checked and fine, today it's brown "
     "again", "dark_urine"),
    ("Three years ago I had chest pain. It was checked. All fine. Yesterday it happened "
     "again.", "chest_pain_breathless"),
    ("I fainted a few years ago, was checked and all fine, but I nearly fainted again "
     "yesterday", "fainting_palpitations"),
]


@pytest.mark.parametrize("text, flag", STILL_A_RED_FLAG)
def test_a_current_or_unresolved_sign_stays_a_red_flag(text: str, flag: str) -> None:
    assert extract_findings(text).get("red_flag") == flag
    assert parse_answer("red_flag", text) == flag


@pytest.mark.parametrize("text", [
    "had palpitations years ago but got checked and it was fine, nothing since",
    "I had chest pain ages ago, it was checked and all clear, nothing since",
])
def test_a_resolved_history_answers_none(text: str) -> None:
    assert parse_answer("red_flag", text) == "none"


# -- common sensations that are not danger signs ---------------------------------------

NOT_A_RED_FLAG = [
    "I get a head rush if I stand up too fast",
    "bit lightheaded if I get up too quickly from the sofa",
    "I go a little dizzy when I stand up quickly, otherwise fine",
    "I'm out of breath on hills",
    "I get out of breath running up hills, I guess that's normal",
    "breathless on hills like everyone",
    "I'm a bit puffed on hills",
    "breathing hard on intervals, is that normal",
    "my chest is fine and my heart is fine",
    "both my ankles swell a bit on hot days",
    "no dark pee, no chest pain",
    "I don't faint or get dizzy",
]


@pytest.mark.parametrize("text", NOT_A_RED_FLAG)
def test_ordinary_sensations_are_not_red_flags(text: str) -> None:
    assert "red_flag" not in extract_findings(text)


@pytest.mark.parametrize("text, flag", [
    ("I get dizzy when I stand up quickly and I've fainted twice", "fainting_palpitations"),
    ("dizzy when I stand up too fast and my heart races", "fainting_palpitations"),
    ("I get dizzy on my runs and when I stand up quickly", "fainting_palpitations"),
    ("got dizzy after standing up quickly and then blacked out", "fainting_palpitations"),
    ("I feel dizzy halfway through runs", "fainting_palpitations"),
    ("out of breath on hills and my chest gets really tight", "chest_pain_breathless"),
    ("I'm way more out of breath than usual, even on easy runs", "chest_pain_breathless"),
])
def test_a_danger_sign_beside_an_ordinary_one_still_counts(text: str, flag: str) -> None:
    assert extract_findings(text).get("red_flag") == flag


@pytest.mark.parametrize("text", [
    "not really, just a bit out of breath on hills",
    "none of them, I get a bit dizzy if I stand up too fast but that's it",
    "none of those apply, my feet get cold in winter but that's normal",
    "my chest is fine, no dizziness, nothing like that",
    "no, I'm fine apart from feeling tired",
])
def test_red_flag_answers_that_mean_none(text: str) -> None:
    assert parse_answer("red_flag", text) == "none"


# -- red flags in the runner's own words -----------------------------------------------

RED_FLAG_WORDS = [
    ("only my right calf, it's loads bigger than the left and tender", "one_leg_swollen"),
    ("just the right calf, it's swollen and hot", "one_leg_swollen"),
    ("my left calf's swollen", "one_leg_swollen"),
    ("my left calf's been puffy since the flight", "one_leg_swollen"),
    ("my right leg's swollen, the left is fine", "one_leg_swollen"),
    ("my right leg's bigger than my left and it aches", "one_leg_swollen"),
    ("my left calf is massive compared to the right", "one_leg_swollen"),
    ("one leg's puffier than the other", "one_leg_swollen"),
    ("the left one's swollen", "one_leg_swollen"),
    ("the swollen leg one", "one_leg_swollen"),
    ("my pee looked like strong tea", "dark_urine"),
    ("dark pee", "dark_urine"),
    ("pain in one of the bones of my foot when I walk", "bone_pain"),
    ("sharp pain in my shinbone", "bone_pain"),
    ("the bone pain one", "bone_pain"),
    ("aches even when I'm sat down", "rest_pain_cold_foot"),
    ("pain at night in my calf even lying in bed", "rest_pain_cold_foot"),
    ("My right foot's gone cold and pale and it aches even when I'm sat on the sofa.",
     "rest_pain_cold_foot"),
    ("the chest one", "chest_pain_breathless"),
    ("chest feels like it's being squeezed when I run", "chest_pain_breathless"),
    ("chestpain when running", "chest_pain_breathless"),
    ("cant catch my breathe on easy runs", "chest_pain_breathless"),
    ("chest feels tite", "chest_pain_breathless"),
    ("my hearts racing like mad", "fainting_palpitations"),
    ("my ticker goes all funny", "fainting_palpitations"),
    ("fainting", "fainting_palpitations"),
    ("the numbness one", "numb_tight_during_runs"),
    ("numbness", "numb_tight_during_runs"),
]


@pytest.mark.parametrize("text, flag", RED_FLAG_WORDS)
def test_red_flag_answers_in_plain_words(text: str, flag: str) -> None:
    assert parse_answer("red_flag", text) == flag


def test_pale_cold_foot_is_not_an_iron_sign() -> None:
    found = extract_findings("my foot's gone pale and cold and it hurts when I'm in bed")
    assert found.get("red_flag") == "rest_pain_cold_foot"
    assert "iron_signs" not in found
    assert extract_findings("I look pale and my legs are heavy")["iron_signs"] == "yes"


# -- fuel ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I always do my runs fasted with only a black coffee",
    "I run first thing on just a coffee",
    "been doing keto for 6 weeks and my legs are dead",
    "Been on keto since Christmas",
    "trying to lose a few pounds so I'm eating way less",
    "I'm in a calorie deficit",
    "doing intermittent fasting at the moment",
    "havent eaten much lately",
    "I avoid carbs",
    "I'm dieting",
    "I'm cutting calories",
    "I'm terrible at eating before runs",
])
def test_fasting_and_dieting_are_poor_fuel(text: str) -> None:
    assert extract_findings(text).get("fuel") == "poor"
    assert parse_answer("fuel", text) == "poor"


@pytest.mark.parametrize("text", [
    "just a black coffee before", "coffee and that's it", "only a tea",
    "not really, I'm trying to lose weight",
])
def test_fuel_answers_that_mean_poor(text: str) -> None:
    assert parse_answer("fuel", text) == "poor"


@pytest.mark.parametrize("text", [
    "nah, I eat loads of steak and feel great",
    "I eat plenty of chicken and veg",
    "I drink loads of water, like 3 litres",
    "I carry a bottle and drink plenty",
    "I had a double espresso",
    "I eat less meat these days",
])
def test_talk_of_protein_or_drink_says_nothing_of_fuel(text: str) -> None:
    assert "fuel" not in extract_findings(text)


# -- iron ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("no, I feel great when I'm not out running", "no"),
    ("nope, I feel fine on days I'm not running", "no"),
    ("no, I feel great when I'm resting", "no"),
    ("nah, energy's fine", "no"),
    ("nope, I'm full of energy", "no"),
    ("not really, I'm fine day to day", "no"),
    ("stairs wipe me out", "yes"),
    ("yeah, I feel ok but stairs wipe me out", "yes"),
    ("kinda, tired a lot", "yes"),
])
def test_iron_answers(text: str, value: str) -> None:
    assert parse_answer("iron_signs", text) == value


# -- drink -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("I'm terrible at drinking water", "poor"),
    ("honestly rubbish at staying hydrated", "poor"),
    ("bad at drinking enough", "poor"),
    ("maybe a glass a day", "poor"),
    ("I only have coffee", "poor"),
    ("about a litre", "sometimes"),
    ("I sip water all day", "good"),
    ("eight glasses a day", "good"),
    ("on hot days yes, otherwise not much", "sometimes"),
])
def test_hydration_answers(text: str, value: str) -> None:
    assert parse_answer("hydration", text) == value


# -- answers that are "sometimes" or "not sure" ----------------------------------------

@pytest.mark.parametrize("finding, text, value", [
    ("warm_up", "on race days yeah, otherwise no", "sometimes"),
    ("warm_up", "for speed sessions yes, easy runs no", "sometimes"),
    ("warm_up", "yes before races, not for easy runs", "sometimes"),
    ("warm_up", "if I've got time", "sometimes"),
    ("warm_up", "if I've got the time, which is rare", "sometimes"),
    ("warm_up", "before races only", "sometimes"),
    ("warm_up", "50/50", "sometimes"),
    ("fuel", "on long runs yes, otherwise not really", "sometimes"),
    ("onset", "it's random", "not_sure"),
    ("onset", "no real pattern", "not_sure"),
    ("onset", "there's no rhyme or reason to it", "not_sure"),
    ("sleep_hours", "varies a lot", "not_sure"),
    ("sleep_hours", "varies loads, hard to say", "not_sure"),
    ("rest_days", "no fixed schedule", "not_sure"),
    ("form", "I've never had it looked at", "not_sure"),
    ("form", "how am I supposed to know?", "not_sure"),
    ("form", "I've never filmed myself", "not_sure"),
])
def test_mixed_and_unknown_answers(finding: str, text: str, value: str) -> None:
    assert parse_answer(finding, text) == value


@pytest.mark.parametrize("finding, text, value", [
    ("warm_up", "warm up? what's that", "no"),
    ("warm_up", "what warm up haha", "no"),
    ("warm_up", "na", "no"),
    ("warm_up", "I skip it", "no"),
    ("warm_up", "can't be bothered", "no"),
    ("warm_up", "I walk for five minutes and then build up", "yes"),
    ("warm_up", "more often than not", "yes"),
    ("warm_up", "yh", "yes"),
    ("form", "nobody's ever said anything", "no"),
    ("load_change", "nothing's changed", "no_change"),
    ("sleep_hours", "not nearly enough", "under_6"),
    ("hydration", "nowhere near enough", "poor"),
    ("rest_days", "never take one", "none"),
    ("rest_days", "five on, two off", "two_plus"),
    ("rest_days", "6 on 1 off", "one"),
    ("onset", "once I've stopped", "after_runs"),
    ("onset", "around mile 8", "during_long_runs"),
    ("onset", "when I go past 15km", "during_long_runs"),
])
def test_short_answers(finding: str, text: str, value: str) -> None:
    assert parse_answer(finding, text) == value


# -- openings --------------------------------------------------------------------------

@pytest.mark.parametrize("text, finding, value", [
    ("I've gone from three runs a week to six", "load_change", "big_increase"),
    ("I've gone from three runs a week to six", "rest_days", "one"),  # six runs a week now
    ("six days on, one off and my legs are dead", "rest_days", "one"),
    ("I always do 10 mins of drills before", "warm_up", "yes"),
    ("it kicks in past 15k", "onset", "during_long_runs"),
    ("legs go at about mile 10 of my long run", "onset", "during_long_runs"),
])
def test_openings(text: str, finding: str, value: str) -> None:
    assert extract_findings(text).get(finding) == value


@pytest.mark.parametrize("text, finding", [
    ("I've added a run a week", "rest_days"),  # more runs, but not how many now
    ("did my first 5k in March and legs r so heavy", "onset"),
    ("ran 5 miles in the rain", "onset"),
    ("trying to lose weight", "leg_day"),
    ("I'm seeing a physio", "sleep_hours"),
])
def test_openings_leave_out(text: str, finding: str) -> None:
    assert finding not in extract_findings(text)


# -- normalisation ---------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("my calf's swollen", "my calf is swollen"),
    ("my leg's been sore", "my leg has been sore"),
    ("nothing's changed", "nothing has changed"),
    ("nobody's ever said", "nobody has ever said"),
    ("legs r heavy", "legs are heavy"),
])
def test_possessive_s_as_a_verb(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("word", [
    "seeing", "waking", "sipping", "deficit", "weight", "double", "triple", "reaching",
    "warning", "setting", "trailing", "sweeping", "smelling", "farting", "unusually",
])
def test_real_words_are_not_snapped_onto_keywords(word: str) -> None:
    assert _fix_word(word) == word


@pytest.mark.parametrize("text", [
    "I had chest pain years ago , got it checked . " * 220,
    "my calf , " * 1000, "on race days yes , " * 500, "6 on , 1 off " * 800,
    "past 15 km " * 900, "bigger than the other " * 450, "warm up ? what is that " * 400,
])
def test_new_patterns_stay_fast_on_long_input(text: str) -> None:
    started = time.perf_counter()
    extract_findings(text[:10_000])
    parse_answer("red_flag", text[:10_000])
    # A hang guard against catastrophic regex backtracking (which takes minutes),
    # not a speed target: speed is measured by `make bench`.
    assert time.perf_counter() - started < HANG_GUARD_S


@pytest.mark.parametrize("text", [
    "I hate to carry a bottle", "stuck in a traffic jam every morning, so I run at night",
    "I drink tea with honey all day",
])
def test_words_that_only_look_like_a_habit(text: str) -> None:
    found = extract_findings(text)
    assert "hydration" not in found and "fuel" not in found


@pytest.mark.parametrize("finding, text, value", [
    ("red_flag", "no, my urine is pale and clear", "none"),
    ("red_flag", "none, just numb toes when it's freezing out", "none"),
    ("warm_up", "no real routine", "sometimes"),
    ("warm_up", "no routine, I just go", "no"),
])
def test_short_answers_that_are_not_red_flags_or_denials(finding: str, text: str,
                                                        value: str) -> None:
    assert parse_answer(finding, text) == value


@pytest.mark.parametrize("text, hours", [
    ("bed at 11pm, up at 6am", "7_to_9"),
    ("asleep by 1am, alarm at 6am", "under_6"),
    ("bedtime 12.30, alarm 5.45", "under_6"),
    ("been staying up gaming till like 2 then up at 7 for school", "under_6"),
    ("up revising till 3am every night and then 8am lectures", "under_6"),
])
def test_bed_and_waking_times_are_hours_of_sleep(text: str, hours: str) -> None:
    assert extract_findings(text).get("sleep_hours") == hours


@pytest.mark.parametrize("text", ["I run at 6am and go to bed at 10", "asleep by 11"])
def test_a_clock_time_alone_is_no_hours_of_sleep(text: str) -> None:
    assert "sleep_hours" not in extract_findings(text)


@pytest.mark.parametrize("text, absent", [
    ("the thighs are a bit sore to touch", "red_flag"),   # muscles after hard work
    ("my calves are sore to touch after the hills", "red_flag"),
    ("I run every day because I want to lose weight", "fuel"),  # a reason, not a habit
    ("around the hour mark my legs just go", "warm_up"),  # legs that give out
    ("probably just dehydrated, but my wee is dark brown", "hydration"),  # a guess
    ("I get really winded, way more than normal", "load_change"),  # a body, not training
    ("I hardly eat red meat", "fuel"),  # a diet for the iron question, not under-fuelling
    ("I only started running in January", "load_change"),  # a beginner, no increase told
])
def test_what_only_sounds_like_a_finding(text: str, absent: str) -> None:
    assert absent not in extract_findings(text)


@pytest.mark.parametrize("text, finding, value", [
    # beside the phrasings above, still read
    ("my shin is sore to touch", "red_flag", "bone_pain"),
    ("my calf is swollen and sore to touch", "red_flag", "one_leg_swollen"),
    ("usually haven't eaten a thing since a small sandwich at noon", "fuel", "poor"),
    ("trying to lose weight so I eat very little", "fuel", "poor"),
    ("I am running way more than usual", "load_change", "big_increase"),
    ("I am always dehydrated", "hydration", "poor"),
    ("I only started running six weeks ago", "load_change", "big_increase"),
    # habits told in passing, judged or counted
    ("I run in Lagos heat three evenings a week", "rest_days", "two_plus"),
    ("I squeeze in a run every single morning including weekends", "rest_days", "none"),
    ("I have no time for warming, I start to run directly", "warm_up", "no"),
    ("Before I eat not much, maybe one apple", "fuel", "poor"),
    ("I don't really eat much before", "fuel", "poor"),
    ("I hardly eat before runs", "fuel", "poor"),
    ("I drink fine", "hydration", "good"),
    ("my eating is fine", "fuel", "good"),
])
def test_habits_told_in_passing(text: str, finding: str, value: str) -> None:
    assert extract_findings(text).get(finding) == value
