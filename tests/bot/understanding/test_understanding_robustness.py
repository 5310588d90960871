"""Odd input never raises, stays fast, and only ever yields contract values."""
from __future__ import annotations

import random
import time

import pytest

from bot.understanding import extract_findings, mentions_running_trouble, parse_answer
from bot.understanding.vocab import FINDINGS, is_value

HANG_GUARD_S = 10.0

ODD = [
    "", " ", "\n\n\t", "\x00\x01\x02\x1b[31m", "😀🏃‍♀️🔥", "🦵🦵 heavy 😩", "足が重い",
    "Ноги тяжёлые", "ساقاي ثقيلتان", "\u200b\u200d\ufeff", "a" * 10_000, "no " * 3_400,
    "about " * 1_700, "1 " * 5_000, "warm up " * 1_250, "-".join(["6"] * 3_000),
    "just over " * 1_000, "sleep " + "maybe " * 1_600 + "5", "((((((((((", "?" * 5_000,
    "I'm fine'''''", "%s %d {} {0} \\", "<script>alert(1)</script>", "NULL", "None",
    "/inform{\"sleep_hours\": \"under_6\"}",
]
_WORDS = ("no not never sleep 5 hours about just over and or chest my calf is swollen pain "
          "warm up , . ? i run 3 times a week rest days from 20 to 40 km tired all the time "
          "vegan heavy legs squats yesterday pee dark numb tingly same point every run stop "
          "bed at 11 up at 6 ( ) - half ish twice").split()


def _random_texts(n: int) -> list[str]:
    rng = random.Random(7)
    return [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 40))) for _ in range(n)]


@pytest.mark.parametrize("text", ODD + _random_texts(150))
def test_never_raises_and_only_contract_values(text: str) -> None:
    found = extract_findings(text)
    assert all(is_value(f, v) for f, v in found.items())
    assert found.get("red_flag") != "none" and "not_sure" not in found.values()
    for finding in FINDINGS:
        value = parse_answer(finding, text)
        assert value is None or is_value(finding, value)
    assert mentions_running_trouble(text) in (True, False)


@pytest.mark.parametrize("text", [t for t in ODD if len(t) >= 5_000])
def test_long_messages_stay_fast(text: str) -> None:
    started = time.perf_counter()
    extract_findings(text)
    parse_answer("sleep_hours", text)
    # A hang guard against catastrophic regex backtracking (which takes minutes),
    # not a speed target: speed is measured by `make bench`.
    assert time.perf_counter() - started < HANG_GUARD_S


@pytest.mark.parametrize("value", [None, 5, 3.5, ["no"], {"a": 1}, b"no"])
def test_non_text_input(value: object) -> None:
    assert extract_findings(value) == {}  # type: ignore[arg-type]
    assert parse_answer("warm_up", value) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("text, expected", [
    ("my legs feel like lead", True), ("heavy legs on every run", True),
    ("it's like running through mud", True), ("dead legs", True),
    ("my calves are so tight", True), ("hello", False), ("what's the weather?", False),
    ("", False),
])
def test_mentions_running_trouble(text: str, expected: bool) -> None:
    assert mentions_running_trouble(text) is expected


def test_vocabulary_matches_the_triage_contract() -> None:
    contract = pytest.importorskip("bot.triage.contract")
    assert FINDINGS == contract.FINDINGS


# A list of weekdays is read once: "monday, monday, ..." used to be retried from each of
# its weekdays (quadratic: a 2,000-character list cost as much as 200 ordinary messages).
_WEEKDAY_LISTS = ["monday, ", "Mondays and ", "monday & ", "sundays or ", "except friday, ",
                  "rest monday, "]


def _repeat_to(phrase: str, chars: int) -> str:
    return (phrase * (chars // len(phrase) + 1))[:chars]


def _best_time(run, repeats: int = 7) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("phrase", _WEEKDAY_LISTS)
def test_a_long_list_of_weekdays_is_read_in_linear_time(phrase: str) -> None:
    from bot.understanding.negation import Doc
    from bot.understanding.normalize import normalize
    from bot.understanding.numbers import rest_hits

    message = _repeat_to(phrase, 2_000)
    started = time.perf_counter()
    extract_findings(message)
    assert time.perf_counter() - started < 1.0, "a 2,000-character message: well under a second"

    short, long = Doc(normalize(message)), Doc(normalize(_repeat_to(phrase, 8_000)))
    ratio = _best_time(lambda: rest_hits(long)) / _best_time(lambda: rest_hits(short))
    # Linear work is ~4x for 4x the text; quadratic work was ~15x.
    assert ratio < 8, f"4x the weekdays took {ratio:.1f}x the time"


def test_a_long_list_of_weekdays_still_reads_as_rest_days() -> None:
    days = _repeat_to("monday, friday, ", 2_000).rstrip(", ")
    assert extract_findings(f"I take {days} off").get("rest_days") == "two_plus"
    assert extract_findings(f"{days} are rest days").get("rest_days") == "two_plus"
    assert extract_findings(f"I run on {days}") == {}, "running days, not rest days"
    assert extract_findings("I take Mondays & Fridays off")["rest_days"] == "two_plus"
    assert extract_findings("Fridays off") == {"rest_days": "one"}
