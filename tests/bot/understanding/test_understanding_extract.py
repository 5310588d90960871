"""extract_findings: facts volunteered in free text, read without knowing the question."""
from __future__ import annotations

import pytest

from bot.understanding import extract_findings

# (message, finding, value): the message states that finding with that value.
STATED = [
    # red_flag
    ("my chest gets tight and I can't catch my breath", "red_flag", "chest_pain_breathless"),
    ("I get this crushing feeling in my chest when I run uphill", "red_flag",
     "chest_pain_breathless"),
    ("I've been having chest tightness on runs", "red_flag", "chest_pain_breathless"),
    ("pain in my chest when I push the pace", "red_flag", "chest_pain_breathless"),
    ("I'm breathless all the time, even at rest", "red_flag", "chest_pain_breathless"),
    ("I feel like I can't breathe properly even sitting on the sofa", "red_flag",
     "chest_pain_breathless"),
    ("I nearly passed out and my heart was racing", "red_flag", "fainting_palpitations"),
    ("I blacked out for a second at the end of my last run", "red_flag",
     "fainting_palpitations"),
    ("I get dizzy spells and my heart pounds", "red_flag", "fainting_palpitations"),
    ("my heart goes crazy and feels like it's skipping beats", "red_flag",
     "fainting_palpitations"),
    ("I've been getting palpitations", "red_flag", "fainting_palpitations"),
    ("I feel light-headed and faint after runs", "red_flag", "fainting_palpitations"),
    ("Heavy legs, and my right calf is swollen and red.", "red_flag", "one_leg_swollen"),
    ("my left calf is swollen and warm, only that leg", "red_flag", "one_leg_swollen"),
    ("one of my legs is way bigger than the other and sore", "red_flag", "one_leg_swollen"),
    ("the back of my left leg is red, warm and tender", "red_flag", "one_leg_swollen"),
    ("swelling in my right calf since the flight", "red_flag", "one_leg_swollen"),
    ("could it be a DVT?", "red_flag", "one_leg_swollen"),
    ("my pee was really dark after the race and my legs are agony", "red_flag", "dark_urine"),
    ("my wee was brown after the ultra", "red_flag", "dark_urine"),
    ("peed what looked like coca-cola after a hard session", "red_flag", "dark_urine"),
    ("my urine is tea coloured and my muscles are killing me", "red_flag", "dark_urine"),
    ("dark pee and really sore muscles", "red_flag", "dark_urine"),
    ("my foot feels cold and it hurts even when I'm sitting", "red_flag",
     "rest_pain_cold_foot"),
    ("my toes go white and cold", "red_flag", "rest_pain_cold_foot"),
    ("my leg hurts even when I'm just sitting at my desk", "red_flag", "rest_pain_cold_foot"),
    ("my calf aches at rest", "red_flag", "rest_pain_cold_foot"),
    ("my calf is a wee bit swollen", "red_flag", "one_leg_swollen"),
    ("one calf looks bigger and it's tender", "red_flag", "one_leg_swollen"),
    ("my legs hurt even lying in bed", "red_flag", "rest_pain_cold_foot"),
    ("I get shooting pains in my shins at the same point each run that stop when I walk",
     "red_flag", "numb_tight_during_runs"),
    ("my calves ache on every run until I stop", "red_flag", "numb_tight_during_runs"),
    ("chest feels heavy when I run", "red_flag", "chest_pain_breathless"),
    ("I'm getting palps", "red_flag", "fainting_palpitations"),
    ("my shins go tight and numb at the same point every run", "red_flag",
     "numb_tight_during_runs"),
    ("my shins get tight and numb about 20 minutes into every run and it goes away when I "
     "stop", "red_flag", "numb_tight_during_runs"),
    ("my calves burn and go weak at the same spot each time, easing once I stop", "red_flag",
     "numb_tight_during_runs"),
    ("my feet go numb during runs", "red_flag", "numb_tight_during_runs"),
    ("there's one spot on my shin bone that really hurts when I press it", "red_flag",
     "bone_pain"),
    ("there's a really tender spot on my shin, it hurts to hop", "red_flag", "bone_pain"),
    ("pain in my foot bone that gets worse every run", "red_flag", "bone_pain"),
    ("I think I might have a stress fracture", "red_flag", "bone_pain"),
    # onset
    ("My legs feel heavy and tingly at the start of every run, then it wears off.", "onset",
     "from_start"),
    ("right from the first few steps", "onset", "from_start"),
    ("they're heavy as soon as I start", "onset", "from_start"),
    ("It's worst in the first 10 minutes and then eases", "onset", "from_start"),
    ("the first couple of km are awful", "onset", "from_start"),
    ("they feel dead until I've warmed up", "onset", "from_start"),
    ("heavy for the first mile", "onset", "from_start"),
    ("the start of my runs feel heavy", "onset", "from_start"),
    ("it builds up on the longer runs", "onset", "during_long_runs"),
    ("they get heavy after about 10k", "onset", "during_long_runs"),
    ("they only get heavy towards the end of my long run", "onset", "during_long_runs"),
    ("around the 15k mark my legs turn to lead", "onset", "during_long_runs"),
    ("after about an hour of running my legs give up", "onset", "during_long_runs"),
    ("late in long runs my legs are like lead", "onset", "during_long_runs"),
    ("mostly afterwards, the day after", "onset", "after_runs"),
    ("the heaviness kicks in the day after a run", "onset", "after_runs"),
    ("I feel fine running but heavy in the evening", "onset", "after_runs"),
    ("my legs are heavy after my runs", "onset", "after_runs"),
    # warm_up
    ("yes, I always do a few minutes of easy jogging first", "warm_up", "yes"),
    ("dynamic stretches and a slow start", "warm_up", "yes"),
    ("wait, I do warm up", "warm_up", "yes"),
    ("I always start with a slow jog", "warm_up", "yes"),
    ("I do a 5 minute walk then ease into it", "warm_up", "yes"),
    ("scratch that, I warm up every time", "warm_up", "yes"),
    ("I never warm up", "warm_up", "no"),
    ("I don't warm up", "warm_up", "no"),
    ("I skip warm-ups", "warm_up", "no"),
    ("I don't bother warming up", "warm_up", "no"),
    ("honestly I just head out the door and go", "warm_up", "no"),
    ("I start straight at pace", "warm_up", "no"),
    ("I never do a warmup", "warm_up", "no"),
    ("warmups? never", "warm_up", "no"),
    ("I warm up only when I remember", "warm_up", "sometimes"),
    ("I don't always warm up", "warm_up", "sometimes"),
    ("I warm up, but not always", "warm_up", "sometimes"),
    ("I sometimes do a warm-up", "warm_up", "sometimes"),
    # load_change
    ("yes, I doubled my weekly mileage this month", "load_change", "big_increase"),
    ("a lot, I'm training for my first marathon now", "load_change", "big_increase"),
    ("Training for my first half marathon and my legs are so heavy", "load_change",
     "big_increase"),
    ("I've just started running", "load_change", "big_increase"),
    ("I just started running every day", "load_change", "big_increase"),
    ("I went from 20 to 40 km a week", "load_change", "big_increase"),
    ("I've gone from running twice a week to five times", "load_change", "big_increase"),
    ("ramped up a lot recently", "load_change", "big_increase"),
    ("I'm doing 50% more mileage than last month", "load_change", "big_increase"),
    ("I've been doing a lot more hill work", "load_change", "big_increase"),
    ("a little, maybe 10 percent more", "load_change", "some_increase"),
    ("added one extra run", "load_change", "some_increase"),
    ("added a tempo run on Thursdays", "load_change", "some_increase"),
    ("I've bumped my mileage up a little", "load_change", "some_increase"),
    ("I've been running more than usual", "load_change", "some_increase"),
    ("I went from 30 to 33 km per week", "load_change", "some_increase"),
    ("nothing has changed in my training", "load_change", "no_change"),
    ("my training hasn't changed", "load_change", "no_change"),
    ("I haven't increased my mileage", "load_change", "no_change"),
    ("same mileage as always", "load_change", "no_change"),
    # sleep_hours
    ("I only sleep 5 hours", "sleep_hours", "under_6"),
    ("I'm shattered tbh, slep maybe 4 hrs", "sleep_hours", "under_6"),
    ("I only manage 4-5 hours a night", "sleep_hours", "under_6"),
    ("I don't get more than 5 hours of sleep", "sleep_hours", "under_6"),
    ("sleep is terrible at the moment, baby keeps us up", "sleep_hours", "under_6"),
    ("I'm a night owl, usually get around 5 hours", "sleep_hours", "under_6"),
    ("I work nights so my sleep is all over the place, maybe 5 hours a day", "sleep_hours",
     "under_6"),
    ("I barely sleep", "sleep_hours", "under_6"),
    ("I get about six and a half hours of sleep", "sleep_hours", "6_to_7"),
    ("I sleep 6-7 hours a night", "sleep_hours", "6_to_7"),
    ("averaging 6 hrs sleep", "sleep_hours", "6_to_7"),
    ("actually I sleep about 8 hours", "sleep_hours", "7_to_9"),
    ("I get a solid 8 hours", "sleep_hours", "7_to_9"),
    ("sleep around 7 and a half hours", "sleep_hours", "7_to_9"),
    ("I'm sleeping ok (7-8 hours)", "sleep_hours", "7_to_9"),
    ("I go to bed at 11 and get up at 6", "sleep_hours", "7_to_9"),
    ("I sleep from 11 to 6", "sleep_hours", "7_to_9"),
    ("in bed by 10:30 and up at 6:30", "sleep_hours", "7_to_9"),
    ("sleeping between 12 and 5", "sleep_hours", "under_6"),
    ("I sleep well", "sleep_hours", "7_to_9"),
    ("I sleep 10 hours and still feel tired", "sleep_hours", "over_9"),
    ("sleeping 9+ hours", "sleep_hours", "over_9"),
    # fuel
    ("I usually run on an empty stomach", "fuel", "poor"),
    ("I'm on a low-carb diet", "fuel", "poor"),
    ("I'm doing keto", "fuel", "poor"),
    ("I run fasted in the morning", "fuel", "poor"),
    ("I skip breakfast", "fuel", "poor"),
    ("I never eat before running", "fuel", "poor"),
    ("I barely eat", "fuel", "poor"),
    ("I usually run first thing without eating", "fuel", "poor"),
    ("I have porridge or toast before", "fuel", "good"),
    ("I eat properly, lots of pasta and rice", "fuel", "good"),
    ("I have a bagel and banana before long runs", "fuel", "good"),
    ("I don't skip breakfast", "fuel", "good"),
    ("I don't run on an empty stomach, I always have porridge", "fuel", "good"),
    ("I sometimes skip breakfast", "fuel", "sometimes"),
    ("I eat well but now and then I run fasted", "fuel", "sometimes"),
    # hydration
    ("hardly any water honestly", "hydration", "poor"),
    ("I mostly drink coffee", "hydration", "poor"),
    ("I forget to drink water", "hydration", "poor"),
    ("I'm always dehydrated", "hydration", "poor"),
    ("i dont drink much water", "hydration", "poor"),
    ("I don't drink enough", "hydration", "poor"),
    ("I live on coffee", "hydration", "poor"),
    ("I drink plenty", "hydration", "good"),
    ("I carry a bottle and drink all day", "hydration", "good"),
    ("I always drink a lot of water", "hydration", "good"),
    ("I drink 3 litres a day", "hydration", "good"),
    ("I'm not dehydrated, I drink 2 litres a day", "hydration", "good"),
    ("sometimes I forget to drink", "hydration", "sometimes"),
    ("I drink when I'm thirsty", "hydration", "sometimes"),
    # form
    ("yeah, I think I overstride", "form", "yes"),
    ("my arms swing a lot", "form", "yes"),
    ("I heel strike with long strides", "form", "yes"),
    ("I push off with my quads", "form", "yes"),
    ("I run from my hips", "form", "yes"),
    ("my technique is rubbish", "form", "yes"),
    ("my form is not good", "form", "yes"),
    ("no, my form is fine", "form", "no"),
    ("a coach checked it, it's good", "form", "no"),
    ("I had a gait analysis and it was fine", "form", "no"),
    ("I don't overstride", "form", "no"),
    # iron_signs
    ("I'm always exhausted and my legs are heavy when I run. I'm vegetarian.", "iron_signs",
     "yes"),
    ("yes, I'm tired all the time and a bit pale", "iron_signs", "yes"),
    ("I get out of breath on stairs", "iron_signs", "yes"),
    ("I have very heavy periods", "iron_signs", "yes"),
    ("I'm anaemic", "iron_signs", "yes"),
    ("I'm anemic", "iron_signs", "yes"),
    ("my ferritin was low", "iron_signs", "yes"),
    ("I'm vegan and knackered", "iron_signs", "yes"),
    ("plant-based and exhausted", "iron_signs", "yes"),
    ("My legs feel heavy and I have no energy. I don't eat meat.", "iron_signs", "yes"),
    ("constant fatigue, even on rest days", "iron_signs", "yes"),
    ("no, I feel fine otherwise", "iron_signs", "no"),
    ("I'm not anaemic", "iron_signs", "no"),
    ("I don't get out of breath on stairs", "iron_signs", "no"),
    ("I'm vegetarian but I feel fine otherwise", "iron_signs", "no"),
    ("my blood tests came back normal", "iron_signs", "no"),
    # leg_day
    ("yes, heavy squats yesterday", "leg_day", "yes"),
    ("I did leg day two days ago", "leg_day", "yes"),
    ("Did squats yesterday and today's run felt like running through mud.", "leg_day", "yes"),
    ("did heavy deadlifts this morning", "leg_day", "yes"),
    ("I lifted heavy at the gym this morning", "leg_day", "yes"),
    ("I did lunges and leg press 2 days ago", "leg_day", "yes"),
    ("no, no weights", "leg_day", "no"),
    ("I don't lift weights", "leg_day", "no"),
    ("I did squats last week", "leg_day", "no"),
    ("haven't done weights in months", "leg_day", "no"),
    ("I haven't done leg day in ages", "leg_day", "no"),
    ("I did deadlifts 5 days ago", "leg_day", "no"),
    # rest_days
    ("I run every day", "rest_days", "none"),
    ("no rest days", "rest_days", "none"),
    ("I never take rest days", "rest_days", "none"),
    ("I don't take rest days", "rest_days", "none"),
    ("I run 7 days a week", "rest_days", "none"),
    ("I never take a day off", "rest_days", "none"),
    ("I train every day", "rest_days", "none"),
    ("one rest day a week", "rest_days", "one"),
    ("I rest on Sundays", "rest_days", "one"),
    ("I run 6 days a week", "rest_days", "one"),
    ("I train six days a week", "rest_days", "one"),
    ("two or three rest days", "rest_days", "two_plus"),
    ("I run three times a week", "rest_days", "two_plus"),
    ("I only run twice a week", "rest_days", "two_plus"),
    ("I take Mondays and Fridays off", "rest_days", "two_plus"),
    ("I rest every other day", "rest_days", "two_plus"),
    ("I do 5 runs a week", "rest_days", "two_plus"),
    ("I have 3 rest days", "rest_days", "two_plus"),
    ("I run 10 km 3 times a week", "rest_days", "two_plus"),
    ("i run 5 days out of 7", "rest_days", "two_plus"),
    ("ive got 2 rest days a week", "rest_days", "two_plus"),
    # sloppy typing
    ("legs r so heavy lately, only sleepin like 5hrs cos of work", "sleep_hours", "under_6"),
    ("been upping my milage alot for a marathon, legs feel dead", "load_change",
     "big_increase"),
    ("i havent been eating much since i started a diet", "fuel", "poor"),
    ("i dont really warm up i just start running fast", "warm_up", "no"),
    ("im always tired and pale, periods are heavy too", "iron_signs", "yes"),
    ("there's a spot on my tibia thats really sore to touch", "red_flag", "bone_pain"),
    ("pee has been dark brown since the marathon", "red_flag", "dark_urine"),
    ("sleep around 8hrs, eat well, drink plenty but still heavy legs", "hydration", "good"),
]


@pytest.mark.parametrize("text, finding, value", STATED)
def test_stated_finding_is_read(text: str, finding: str, value: str) -> None:
    assert extract_findings(text).get(finding) == value


# (message, finding): the message must NOT set that finding (to any value).
NOT_STATED = [
    ("no chest pain", "red_flag"),
    ("no palpitations or chest pain", "red_flag"),
    ("I haven't fainted or had palpitations", "red_flag"),
    ("I don't have any chest pain, dizziness or swelling, just heavy legs", "red_flag"),
    ("my chest is fine, no dizziness, nothing like that", "red_flag"),
    ("Training for my half marathon, legs heavy, even though I'm not out of breath at all",
     "red_flag"),
    ("My legs feel heavy and tingly at the start of every run, then it wears off.",
     "red_flag"),
    ("I just collapse on the sofa after runs", "red_flag"),
    ("my feet get cold in winter", "red_flag"),
    ("my calves are tight", "red_flag"),
    ("my legs feel like bricks", "red_flag"),
    ("I'm out of breath on hills when running", "red_flag"),
    ("my pee is dark yellow after runs", "red_flag"),
    ("I get cramp in my calves sometimes", "red_flag"),
    ("My legs feel heavy and my calves are sore after hill repeats", "red_flag"),
    ("heavy legs and tight hamstrings every run", "red_flag"),
    ("my legs feel weak at the end of every run", "red_flag"),
    ("I get pins and needles in my feet when I sit cross-legged", "red_flag"),
    ("my legs ache when I sit at my desk all day", "red_flag"),
    ("heart rate monitor says 160 on easy runs", "red_flag"),
    ("I passed out on the sofa after my long run", "red_flag"),
    ("my calf is a wee bit sore", "red_flag"),
    ("I need a wee before runs and drink coffee", "red_flag"),
    ("I pee after my tea", "red_flag"),
    ("legs feel swollen and heavy", "red_flag"),
    ("shin splints", "red_flag"),
    ("legs are sore the day after and ache until I stop moving", "red_flag"),
    ("my calves get tight every run", "red_flag"),
    ("my legs ache every run", "red_flag"),
    ("my knee hurts when I squat", "leg_day"),
    ("should I warm up?", "warm_up"),
    ("I used to warm up", "warm_up"),
    ("not sure what counts as a warm up", "warm_up"),
    ("they feel dead until I've warmed up", "warm_up"),
    ("I started running 5 years ago", "load_change"),
    ("I'm vegan", "iron_signs"),
    ("my legs are tired all the time", "iron_signs"),
    ("I run 10 km in about 1 hour", "sleep_hours"),
    ("I ran for 2 hours at night", "sleep_hours"),
    ("I'm 35 and run 10k", "sleep_hours"),
    ("i take electrolytes on long runs", "onset"),
    ("I run in the evenings", "onset"),
]


@pytest.mark.parametrize("text, finding", NOT_STATED)
def test_not_stated_finding_is_left_out(text: str, finding: str) -> None:
    assert finding not in extract_findings(text)


@pytest.mark.parametrize("text", [
    "no", "yes", "yep", "nope", "nah", "5 hours", "sometimes", "not sure", "no idea",
    "don't know", "6", "about 8", "kind of", "when I remember", "most days", "hello",
    "my legs feel heavy", "what causes heavy legs?", "thanks!", "ok", "idk", "none",
    "none of those", "nothing like that", "is it my shoes?", "",
])
def test_context_answers_alone_say_nothing(text: str) -> None:
    assert extract_findings(text) == {}


def test_button_payloads_are_not_free_text() -> None:
    assert extract_findings('/inform{"red_flag": "none"}') == {}


def test_no_skipped_breakfast_is_never_poor_fuel() -> None:
    assert extract_findings("I don't skip breakfast").get("fuel") in (None, "good")


@pytest.mark.parametrize("text", ["none", "no red flags", "no chest pain, no fainting",
                                  "nothing like that", "not sure", "no idea"])
def test_never_none_red_flag_nor_not_sure(text: str) -> None:
    found = extract_findings(text)
    assert found.get("red_flag") != "none"
    assert "not_sure" not in found.values()


def test_a_long_opening_yields_several_findings() -> None:
    found = extract_findings(
        "my legs feel like lead, I only sleep 5 hours and I never warm up")
    assert found == {"sleep_hours": "under_6", "warm_up": "no"}


def test_a_real_opening_with_denials() -> None:
    found = extract_findings(
        "Hi, I'm 42 and have been running for about 3 years. Over the last month my legs "
        "have felt really heavy on every run. I'm sleeping ok (7-8 hours), eating normally, "
        "and I haven't changed my training much. No chest pain or anything like that.")
    assert found == {"sleep_hours": "7_to_9", "fuel": "good", "load_change": "no_change"}


def test_the_most_urgent_red_flag_wins() -> None:
    found = extract_findings("my calf is swollen and I have chest pain")
    assert found["red_flag"] == "chest_pain_breathless"


def test_a_red_flag_beside_a_denied_one() -> None:
    found = extract_findings("no chest pain but my left calf is swollen")
    assert found["red_flag"] == "one_leg_swollen"


def test_the_worst_fuel_habit_wins() -> None:
    assert extract_findings("I eat pasta but run fasted")["fuel"] == "poor"


def test_any_iron_sign_wins_over_a_denial() -> None:
    assert extract_findings("I'm not tired but I look pale")["iron_signs"] == "yes"


def test_later_statement_corrects_earlier() -> None:
    found = extract_findings("I don't warm up. Actually wait, I do warm up")
    assert found["warm_up"] == "yes"
