"""The knowledge files: every cause, finding and red flag of the contract, well-formed."""
from __future__ import annotations

import shutil

import pytest
import yaml

from bot.triage import CAUSES, KnowledgeError, load_knowledge
from bot.triage.contract import FINDINGS, RED_FLAG_URGENCY, URGENCIES
from bot.triage.knowledge import DEFAULT_DIR


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge()


def test_every_contract_cause_is_present_in_order(knowledge):
    assert tuple(c.id for c in knowledge.causes) == CAUSES


@pytest.mark.parametrize("cause_id", CAUSES)
def test_each_cause_is_complete(knowledge, cause_id):
    cause = knowledge.cause(cause_id)
    assert cause.title and cause.summary and len(cause.explanation) > len(cause.summary)
    assert 2 <= len(cause.fixes) <= 6
    assert cause.sources and all(s.startswith("https://") for s in cause.sources)
    assert cause.evidence and all(e.because for e in cause.evidence)


@pytest.mark.parametrize("finding_id", FINDINGS)
def test_each_finding_has_a_question_help_and_a_button_per_value(knowledge, finding_id):
    finding = knowledge.findings[finding_id]
    assert finding.question.strip().endswith("?")
    assert finding.help
    assert [o.value for o in finding.options][:-1] == list(FINDINGS[finding_id])
    assert finding.options[-1].value == "not_sure"
    assert all(0 < len(o.title) <= 30 for o in finding.options)


def test_red_flag_question_lists_none_first(knowledge):
    assert knowledge.findings["red_flag"].options[0].value == "none"


@pytest.mark.parametrize("flag", sorted(RED_FLAG_URGENCY))
def test_each_red_flag_has_the_contract_urgency_and_advice(knowledge, flag):
    red_flag = knowledge.red_flags[flag]
    assert red_flag.urgency == RED_FLAG_URGENCY[flag]
    assert red_flag.title and red_flag.why and red_flag.advice


def test_every_urgency_has_a_headline(knowledge):
    assert set(knowledge.urgency_headlines) == set(URGENCIES)
    assert "emergency" in knowledge.urgency_headlines["emergency"].lower() or \
        "999" in knowledge.urgency_headlines["emergency"]


def test_carnosine_answer_is_honest(knowledge):
    text = knowledge.answer("carnosine").lower()
    assert "beta-alanine" in text and "2023" in text and "no performance benefit" in text
    assert "carnosport" not in text


def test_a_cause_with_a_wrong_id_fails_to_load(tmp_path):
    shutil.copytree(DEFAULT_DIR, tmp_path / "k")
    path = tmp_path / "k" / "causes.yml"
    data = yaml.safe_load(path.read_text())
    data["causes"][0]["id"] = "bad_blood"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match="contract causes"):
        load_knowledge(tmp_path / "k")


def test_evidence_with_an_unknown_value_fails_to_load(tmp_path):
    shutil.copytree(DEFAULT_DIR, tmp_path / "k")
    path = tmp_path / "k" / "causes.yml"
    data = yaml.safe_load(path.read_text())
    data["causes"][2]["evidence"][0]["value"] = "lots"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match="unknown evidence"):
        load_knowledge(tmp_path / "k")


def test_a_finding_missing_a_button_fails_to_load(tmp_path):
    shutil.copytree(DEFAULT_DIR, tmp_path / "k")
    path = tmp_path / "k" / "findings.yml"
    data = yaml.safe_load(path.read_text())
    data["findings"][4]["options"].pop(0)
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(KnowledgeError, match="options must be exactly"):
        load_knowledge(tmp_path / "k")
