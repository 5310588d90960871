"""Regression tests for volunteered facts told in gym talk, slang and idiom: lower-body
strength work in its many phrasings, food words that are not food ("legs are toast"),
and everyday ways of saying no rest days, a jump in mileage, thirst, short sleep,
fatigue at rest and a flying start."""
from __future__ import annotations

import time

import pytest

from bot.understanding import extract_findings, mentions_running_trouble, normalize, parse_answer

HANG_GUARD_S = 10.0

# -- leg day ---------------------------------------------------------------------------

LEG_DAY_YES = [
    # soreness put down to the gym
    "quads and hamstrings feel tight and achy after lifting",
    "my thighs are stiff and sore from the weights session",
    "glutes are absolutely killing me after the gym",
    "my bum and hamstrings are in bits after crossfit",
    "heavy legs after the gym yesterday",
    "after the gym this morning my quads are screaming",
    "tight sore quads after weights",
    "DOMS in my glutes from lifting",
    "the gym has wrecked my legs",
    # a session named for the legs
    "did a leg workout",
    "had a legs session at the gym",
    "glutes and hamstrings day this morning",
    "lower-body day yesterday",
    "strength session focused on legs on Monday",
    "gym session for my legs two days ago",
    "weights for my lower body earlier today",
    # training the legs, gym slang
    "hit legs at the gym last night",
    "did legs yesterday",
    "trained legs this morning",
    "did back and legs yesterday",
    # named exercises, weighted or not
    "walking lunges with dumbbells",
    "bulgarian split squats",
    "heavy sled pushes at crossfit",
    "an hour on the bike at spin then some squats",
    # lifting with the legs included
    "I lift heavy, legs included, yesterday",
    "I lifted on Tuesday, including legs",
    "weights two days ago, legs too",
    "I do weights, lower body as well, this week",
]


@pytest.mark.parametrize("text", LEG_DAY_YES)
def test_lower_body_strength_work_is_leg_day(text: str) -> None:
    assert extract_findings(text).get("leg_day") == "yes"
    assert parse_answer("leg_day", text) == "yes"


@pytest.mark.parametrize("text, value", [
    ("no gym for me this week", "no"),
    ("I haven't lifted for months", "no"),
    ("haven't touched weights in ages", "no"),
    ("I don't go to the gym", "no"),
    ("I did legs a few weeks ago", "no"),
    ("last leg workout was 2 weeks ago", "no"),
    ("did a legs session but that was last week", "no"),
])
def test_no_or_stale_strength_work_is_not_leg_day(text: str, value: str) -> None:
    assert extract_findings(text).get("leg_day") == value


@pytest.mark.parametrize("text", [
    "I lift twice a week",
    "I go to the gym on weekdays",
    "I need more leg strength",
    "I train my legs for hills by running them",
    "did legs feel heavy on your run?",
    "my legs day to day are fine",
    "I don't get sore legs after weights",
    "legs are sore after my long run",
    "thighs are tight after the hills",
    "should I do a legs workout before my race?",
    "I go to the gym, legs too tired to run after",
])
def test_habits_questions_and_other_soreness_say_nothing_of_leg_day(text: str) -> None:
    assert "leg_day" not in extract_findings(text)


def test_doms_from_lifting_says_nothing_of_onset() -> None:
    found = extract_findings("doms in my quads from the gym")
    assert found.get("leg_day") == "yes"
    assert "onset" not in found
    assert extract_findings("DOMS after my long runs").get("onset") == "after_runs"


def test_session_is_not_snapped_onto_sessions() -> None:
    assert normalize("a strength session") == "a strength session"
    assert normalize("two sessions") == "2 sessions"


# -- food words that are not fuel ------------------------------------------------------

NOT_FUEL = [
    "lifted yesterday and my legs are toast",
    "I'm toast",
    "honestly I'm totally toast",
    "my legs feel like toast after that",
    "legs were completely toast by mile ten",
    "I'm toasted",
    "my legs are like jelly",
    "jelly legs on the hills",
    "my legs turned to spaghetti",
    "legs feel like wet noodles",
    "noodle legs today",
    "my quads are mush",
    "I'm cooked",
    "legs are fried",
    "10k is a piece of cake usually",
    "easy as pie normally",
    "this route is my bread and butter",
    "bread and butter run this morning",
    "no more pie in the sky goals",
    "I was a couch potato till last year",
    "my legs feel as flat as a pancake",
    "this heaviness is driving me bananas",
    "sorry for the waffle",
]


@pytest.mark.parametrize("text", NOT_FUEL)
def test_food_slang_and_idioms_say_nothing_of_fuel(text: str) -> None:
    assert "fuel" not in extract_findings(text)


@pytest.mark.parametrize("text", [
    "I have toast before runs",
    "toast with honey before my long run",
    "beans on toast",
    "my breakfast is toast and a banana",
    "I eat noodles the night before",
    "bread and butter for breakfast",
    "pancakes on a Sunday before my long run",
])
def test_real_food_is_still_fuel(text: str) -> None:
    assert extract_findings(text).get("fuel") == "good"


@pytest.mark.parametrize("text, value", [
    ("I'm toast but I had porridge", "good"),
    ("legs are toast and I skipped breakfast", "poor"),
])
def test_slang_beside_real_food_keeps_the_food(text: str, value: str) -> None:
    assert extract_findings(text).get("fuel") == value


def test_slang_for_tired_legs_is_running_trouble() -> None:
    assert mentions_running_trouble("gym yesterday, legs are toast")
    assert mentions_running_trouble("my quads are cooked")
    assert not mentions_running_trouble("I cooked dinner")


# -- other everyday phrasings ----------------------------------------------------------

@pytest.mark.parametrize("text, finding, value", [
    # no rest days
    ("haven't taken a day off in weeks", "rest_days", "none"),
    ("not had a rest day for a month", "rest_days", "none"),
    ("can't even remember the last time I took a day off", "rest_days", "none"),
    ("it's been ages since my last rest day", "rest_days", "none"),
    ("I haven't rested in weeks", "rest_days", "none"),
    # training load
    ("my weekly mileage has rocketed", "load_change", "big_increase"),
    ("the mileage shot up this month", "load_change", "big_increase"),
    ("distance has gone through the roof", "load_change", "big_increase"),
    ("huge jump in my mileage lately", "load_change", "big_increase"),
    ("my mileage went up a lot", "load_change", "big_increase"),
    ("my mileage has gone up", "load_change", "some_increase"),
    ("training volume has crept up", "load_change", "some_increase"),
    ("slight increase in my mileage", "load_change", "some_increase"),
    ("my mileage hasn't really gone up", "load_change", "no_change"),
    # fatigue at rest, as the package reads it: tired all day or even at rest
    ("wiped out all day, even at work", "iron_signs", "yes"),
    ("knackered even sat at my desk", "iron_signs", "yes"),
    ("exhausted even on the sofa", "iron_signs", "yes"),
    # short sleep
    ("running on about 4 hours of sleep", "sleep_hours", "under_6"),
    ("I'm surviving on 5 hours", "sleep_hours", "under_6"),
    ("I function on 4 hours", "sleep_hours", "under_6"),
    # thirst
    ("I'm constantly parched on my runs", "hydration", "poor"),
    ("always so thirsty during runs", "hydration", "poor"),
    ("parched by halfway", "hydration", "poor"),
    ("my mouth gets really dry on runs", "hydration", "poor"),
    ("I only drink when I'm parched", "hydration", "sometimes"),
    # a flying start
    ("I set off way too fast and never ease in", "warm_up", "no"),
    ("I always start too quick", "warm_up", "no"),
    ("I tend to go off like a rocket", "warm_up", "no"),
    ("I start off without easing into it", "warm_up", "no"),
    ("I ease in gently for a few minutes", "warm_up", "yes"),
])
def test_everyday_phrasings(text: str, finding: str, value: str) -> None:
    assert extract_findings(text).get(finding) == value


@pytest.mark.parametrize("text, finding", [
    ("I've been running 5 hours a week", "sleep_hours"),
    ("I'm never thirsty", "hydration"),
    ("thirsty after runs", "onset"),
    ("parched by halfway", "onset"),
    ("the grass is parched", "hydration"),
    ("my legs are tired even at my desk", "iron_signs"),
    ("I have rested for weeks", "rest_days"),
    ("I'm going fast downhill", "warm_up"),
    ("I go hard on intervals", "warm_up"),
])
def test_everyday_phrasings_leave_out(text: str, finding: str) -> None:
    assert finding not in extract_findings(text)


@pytest.mark.parametrize("text", [
    "legs are so really very " * 700, "after the gym my legs " * 600,
    "gym heavy , legs included " * 500, "mileage has has has " * 700,
    "always so really thirsty " * 500, "start off too fast " * 600, "ease in " * 1400,
    "i am totally " * 900, "did back and " * 900,
])
def test_new_patterns_stay_fast_on_long_input(text: str) -> None:
    started = time.perf_counter()
    extract_findings(text[:10_000])
    parse_answer("leg_day", text[:10_000])
    # A hang guard against catastrophic regex backtracking (which takes minutes),
    # not a speed target: speed is measured by `make bench`.
    assert time.perf_counter() - started < HANG_GUARD_S
