"""The evaluation harness's published samples (shared/eval/phrases.json and
vignettes/public.json), copied here so the tests run without the shared folder."""
from __future__ import annotations

import pytest

from bot.understanding import extract_findings, parse_answer

PHRASES: dict[str, dict[str, list[str]]] = {
    "red_flag": {
        "none": ["no, none of those", "nope, nothing like that", "no"],
        "chest_pain_breathless": ["yes, my chest gets tight and I can't catch my breath"],
        "fainting_palpitations": ["I nearly passed out and my heart was racing"],
        "one_leg_swollen": ["my left calf is swollen and warm, only that leg"],
        "dark_urine": ["my pee was really dark after the race and my legs are agony"],
        "rest_pain_cold_foot": ["my foot feels cold and it hurts even when I'm sitting"],
        "numb_tight_during_runs": ["my shins go tight and numb at the same point every run"],
        "bone_pain": ["there's one spot on my shin bone that really hurts when I press it"],
        "not_sure": ["not sure"],
    },
    "onset": {
        "from_start": ["right from the first few steps", "as soon as I start"],
        "during_long_runs": ["it builds up on the longer runs", "after about 10k"],
        "after_runs": ["mostly afterwards, the day after", "later in the evening"],
        "not_sure": ["hard to say"],
    },
    "warm_up": {
        "yes": ["yes, I always do a few minutes of easy jogging first",
                "yep, dynamic stretches and a slow start"],
        "sometimes": ["only sometimes", "when I remember"],
        "no": ["no, I just go", "never, I start straight at pace"],
        "not_sure": ["not sure what counts as a warm up"],
    },
    "load_change": {
        "big_increase": ["yes, I doubled my weekly mileage this month",
                         "a lot, I'm training for a marathon now"],
        "some_increase": ["a little, maybe 10 percent more", "added one extra run"],
        "no_change": ["no, same as always", "nothing has changed"],
        "not_sure": ["I don't track it"],
    },
    "sleep_hours": {
        "under_6": ["about 5 hours", "barely 5, sometimes less"],
        "6_to_7": ["around 6 and a half", "six-ish"],
        "7_to_9": ["8 hours most nights", "7 or 8"],
        "over_9": ["I sleep like 10 hours", "more than 9"],
        "not_sure": ["no idea"],
    },
    "fuel": {
        "good": ["yes, I have porridge or toast before", "I eat properly, lots of pasta and rice"],
        "sometimes": ["sometimes", "depends on the day"],
        "poor": ["no, I usually run on an empty stomach", "I'm on a low-carb diet"],
        "not_sure": ["not sure"],
    },
    "hydration": {
        "good": ["yes, I drink plenty", "I carry a bottle and drink all day"],
        "sometimes": ["sort of, not always", "sometimes I forget"],
        "poor": ["hardly any water honestly", "no, mostly coffee"],
        "not_sure": ["never thought about it"],
    },
    "form": {
        "yes": ["yeah, I think I overstride", "my arms swing a lot"],
        "no": ["no, my form is fine", "a coach checked it, it's good"],
        "not_sure": ["no clue"],
    },
    "iron_signs": {
        "yes": ["yes, I'm tired all the time and a bit pale", "I get out of breath on stairs"],
        "no": ["no, I feel fine otherwise", "nope"],
        "not_sure": ["don't know"],
    },
    "leg_day": {
        "yes": ["yes, heavy squats yesterday", "I did leg day two days ago"],
        "no": ["no, no weights", "not recently"],
        "not_sure": ["can't remember"],
    },
    "rest_days": {
        "none": ["I run every day", "no rest days"],
        "one": ["one day a week", "just Sundays"],
        "two_plus": ["two or three rest days", "I run three times a week"],
        "not_sure": ["it varies"],
    },
}
GENERIC_NOT_SURE = ["not sure", "I don't really know", "no idea tbh"]

BANK = [(f, v, p) for f, values in PHRASES.items() for v, ps in values.items() for p in ps]
BANK += [(f, "not_sure", p) for f in PHRASES for p in GENERIC_NOT_SURE]

# Openings of the public vignettes, with the findings they volunteer.
OPENINGS = [
    ("My legs feel like lead on every run lately.", {}),
    ("Training for my first half marathon and my legs are so heavy, even though I'm not out "
     "of breath at all.", {"load_change": "big_increase"}),
    ("My legs feel heavy and tingly at the start of every run, then it wears off.",
     {"onset": "from_start"}),
    ("Did squats yesterday and today's run felt like running through mud.", {"leg_day": "yes"}),
    ("Heavy legs, and my right calf is swollen and red.", {"red_flag": "one_leg_swollen"}),
    ("I'm always exhausted and my legs are heavy when I run. I'm vegetarian.",
     {"iron_signs": "yes"}),
]


@pytest.mark.parametrize("finding, value, phrase", BANK)
def test_phrase_bank_answers(finding: str, value: str, phrase: str) -> None:
    assert parse_answer(finding, phrase) == value


@pytest.mark.parametrize("opening, expected", OPENINGS)
def test_vignette_openings(opening: str, expected: dict[str, str]) -> None:
    assert extract_findings(opening) == expected
