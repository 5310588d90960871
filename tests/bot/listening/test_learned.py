"""The learned readers: trained from data/understanding, stale files retrained."""
from __future__ import annotations

import pytest

from bot.listening import learned
from bot.triage.contract import FINDINGS


def test_every_example_has_a_contract_value_and_every_finding_has_examples():
    examples = learned.load_examples()
    by_finding = {f: {e.value for e in examples if e.finding == f} for f in FINDINGS}
    for finding, values in by_finding.items():
        assert set(FINDINGS[finding]) <= values, f"{finding} lacks examples of some values"
    assert sum(e.finding is None for e in examples) > 500, "sentences about nothing"


def test_an_unknown_value_in_the_data_is_refused(tmp_path):
    (tmp_path / "sleep_hours.yml").write_text(
        'finding: sleep_hours\nexamples:\n  - {text: "loads", value: lots}\n')
    with pytest.raises(ValueError, match="lots"):
        learned.load_examples(tmp_path)


def test_a_model_trained_on_other_data_is_retrained(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "leg_day.yml").write_text(
        'finding: leg_day\nexamples:\n  - {text: "squats yesterday", value: "yes"}\n'
        '  - {text: "no gym this week", value: "no"}\n')
    (data / "other.yml").write_text('finding: none\nexamples:\n  - {text: "hello there"}\n'
                                    '  - {text: "my legs are heavy"}\n')
    model = tmp_path / "readers.joblib"
    learned.save(learned.train(data), model)
    assert learned.load(model, data).trained_on == learned.data_hash(data)
    (data / "other.yml").write_text('finding: none\nexamples:\n  - {text: "hi"}\n'
                                    '  - {text: "legs like lead"}\n')
    fresh = learned.load(model, data)
    assert fresh.trained_on == learned.data_hash(data) != learned.load.__name__


def test_the_readers_read_a_typo_and_a_negation():
    readers = learned.default_learned()
    assert readers("i barely drink any water tbh")["hydration"][0] == "poor"
    assert readers("I never skip my warm-up")["warm_up"][0] == "yes"
