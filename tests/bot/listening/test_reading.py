"""A message read for every finding: the examples of issue 12 among them."""
from __future__ import annotations

import pytest

from bot.listening import default_learned, read


@pytest.fixture(scope="module")
def learned():
    return default_learned()


@pytest.mark.parametrize("text, asked, facts", [
    # a topic-named answer binds to its topic, not to the question asked
    ("fluids: yeah I drink heaps, always got me bottle on me", "iron_signs", {"hydration": "good"}),
    ("bloods-wise no, I eat red meat and feel fine", "hydration", {"iron_signs": "no"}),
    # a second fact in an answer is taken too
    ("no my form's fine. also nights are a solid 8", "form", {"form": "no", "sleep_hours": "7_to_9"}),
    ("5 and a half hours", "sleep_hours", {"sleep_hours": "under_6"}),
    ("I run every day", "rest_days", {"rest_days": "none"}),
    ("nope", "red_flag", {"red_flag": "none"}),
    ("sorry, I meant I sleep 8 hours", "leg_day", {"sleep_hours": "7_to_9"}),
    ("nope, none of those", "iron_signs", {"iron_signs": "no"}),
    ("no, my last leg session was over a weke ago", "leg_day", {"leg_day": "no"}),
    # what is said under a named topic stands against a later aside on the same finding
    ("as for eating, I don't eat anything before, just a black coffee, and lunch is usually "
     "a meal deal sandwich", "red_flag", {"fuel": "poor"}),
    # a typo is read as the word meant; an English word is no typo of a topic word
    ("loads, like trhee litres a day", "hydration", {"hydration": "good"}),
    ("eight-ish", "sleep_hours", {"sleep_hours": "7_to_9"}),
    # a one-character answer is an answer
    ("8", "sleep_hours", {"sleep_hours": "7_to_9"}),
    # a topic named with a negation is a no about it, never a sign of it
    ("two - oh and anaemia-wise no, not at all", "rest_days",
     {"rest_days": "two_plus", "iron_signs": "no"}),
    ("not for weeks, and the pale/tired stuff: none of that", "leg_day",
     {"leg_day": "no", "iron_signs": "no"}),
    # what follows a named topic speaks of that topic only
    ("no, none. btw hydration: sometimes, depends how busy work is", "red_flag",
     {"red_flag": "none", "hydration": "sometimes"}),
    # an amount answers the question asked, not the training question
    ("a bit", "hydration", {"hydration": "sometimes"}),
    ("yes, I walk a bit, jog slowly, then go faster", "warm_up", {"warm_up": "yes"}),
    ("some weeks yes, some weeks I forget to eat before", "fuel", {"fuel": "sometimes"}),
    # a topic word on its own is the topic of the clause after it
    ("warm up? nah", "sleep_hours", {"warm_up": "no"}),
    # a topic the rules did not know, and a sure learned reader against a keyword
    ("pre-run routine: yes, I walk a bit, jog slowly, then go faster", "iron_signs",
     {"warm_up": "yes"}),
    ("regarding warm-up, No, warm up I do not do", "red_flag", {"warm_up": "no"}),
    # a bare number answers the question asked, and only that
    ("one", "red_flag", {}),
    ("2", "rest_days", {"rest_days": "two_plus"}),
    # the topic named twice, the answer after it
    ("oh and warm-up wise, warm up? nah I just start running at my normal pace", "red_flag",
     {"warm_up": "no"}),
    # a number with its topic words is an answer, not a topic waiting for one
    ("2 rest days plus an easy day", "rest_days", {"rest_days": "two_plus"}),
    # what goes on after a named topic is about it, not an answer to the question asked
    ("on the hydration front, not much, maybe a glass in the morning? i dont carry any on runs",
     "rest_days", {"hydration": "poor"}),
    # a typo mends to the word a slipped key or a swap makes, not to one far on the keyboard
    ("on the rest front, every oter day", "load_change", {"rest_days": "two_plus"}),
    # the reply word opening a message answers the question, beside the facts after it
    ("not really, only tired after runs", "iron_signs", {"iron_signs": "no", "onset": "after_runs"}),
    # ... but not one after a topic the runner asked themselves
    ("more running lately? no, no change at all", "fuel", {"load_change": "no_change"}),
])
def test_facts_are_read_where_the_runner_puts_them(learned, text, asked, facts):
    assert read(text, asked, learned).facts == facts


@pytest.mark.parametrize("text, sign", [
    ("my heart start to beat very fast and irregular, like a bird in the chest ... everything "
     "go black for some seconds", "fainting_palpitations"),
    ("Yes, my heart beat very fast and not regular, and I almost fall down", "fainting_palpitations"),
    ("it's probably nothing, my calf is just a bit swollen", "one_leg_swollen"),
    ("legs heavy and my pee looks like coke after the marathon", "dark_urine"),
    ("my shin hurts at one spot when I press it, prob nothing", "bone_pain"),
    ("my foot goes cold and white and hurts even sitting on the sofa", "rest_pain_cold_foot"),
    ("chest feels tight and I can't breathe properly on hills", "chest_pain_breathless"),
])
def test_danger_signs_in_any_words_and_minimised_are_caught(learned, text, sign):
    assert read(text, "red_flag", learned).facts["red_flag"] == sign
    assert read(text, None, learned).facts["red_flag"] == sign


def test_a_danger_sign_outranks_a_no_in_the_same_message(learned):
    assert read("no, nothing like that. well my left calf is swollen", "red_flag",
                learned).facts["red_flag"] == "one_leg_swollen"


def test_readers_naming_different_signs_keep_the_more_urgent():
    text = "my shin hurts at one spot when I press it"
    assert read(text, "red_flag").facts["red_flag"] == "bone_pain"  # the rules' reading

    def swollen(confidence):
        return lambda clause: {"red_flag": ("one_leg_swollen", confidence)}

    # A sure learned reader naming a more urgent sign wins; a lesser one never lowers it.
    assert read(text, "red_flag", swollen(0.9)).facts["red_flag"] == "one_leg_swollen"
    assert read("my calf is swollen", "red_flag",
                lambda clause: {"red_flag": ("bone_pain", 0.9)}).facts["red_flag"] == "one_leg_swollen"
    # An unsure one beside a sign the rules read is no question to ask.
    assert read(text, "red_flag", swollen(0.5)).possible_sign is None
    # Beside nothing the rules read, it is asked about.
    assert read("legs feel odd", "warm_up", swollen(0.5)).possible_sign == "one_leg_swollen"


def test_go_back_and_payloads(learned):
    assert read("go back", "sleep_hours", learned).go_back
    assert read("oops wrong button", "sleep_hours", learned).go_back
    payload = read('/inform{"sleep_hours": "over_9"}', "sleep_hours", learned)
    assert payload.facts == {"sleep_hours": "over_9"} and payload.answered
    assert read('/inform{"sleep_hours": "lots"}', "sleep_hours", learned).facts == {}
    # another command or payload is no words of the runner's, whatever its text names
    assert read('/launch_rockets{"sleep_hours": "under_6"}', "sleep_hours", learned).facts == {}
    assert read("/inform 5", "sleep_hours", learned).facts == {}


def test_rules_alone_still_read_the_plain_cases():
    assert read("about 8 hours", "sleep_hours").facts == {"sleep_hours": "7_to_9"}


def test_a_message_of_many_clauses_is_read_up_to_the_cap_and_danger_signs_anywhere(
        learned, monkeypatch):
    from bot.listening import reading

    calls = []
    real = reading.named_topic
    monkeypatch.setattr(reading, "named_topic", lambda clause: calls.append(clause) or real(clause))
    text = "no. yes. " * 120 + "my calf is swollen"  # 241 clauses
    result = read(text, "leg_day", learned)
    assert len(calls) <= 2 * reading.MAX_CLAUSES, "each clause read twice at most, up to the cap"
    assert result.facts["red_flag"] == "one_leg_swollen", "the whole text is read for signs"


def test_uncertain_readings_that_agree_add_up_and_lone_ones_are_only_guesses():
    unsure = {"the stairs make me puff": {"iron_signs": ("yes", 0.6)},
              "mum says I look grey": {"iron_signs": ("yes", 0.7)},
              "I go straight out": {"warm_up": ("no", 0.6)}}
    reader = lambda clause: unsure.get(clause, {})  # noqa: E731
    both = read("the stairs make me puff. mum says I look grey", None, reader)
    assert both.facts == {"iron_signs": "yes"} and not both.tentative
    lone = read("the stairs make me puff. I go straight out", None, reader)
    assert lone.facts == {} and lone.tentative == {"iron_signs": "yes", "warm_up": "no"}
