"""The triage engine: pure Python, driven by `data/knowledge/`, no Rasa or web imports."""
from bot.triage.contract import CAUSES, FINDINGS, NOT_SURE, URGENCIES, invalid_findings
from bot.triage.engine import Assessment, RankedCause, assess
from bot.triage.knowledge import Knowledge, KnowledgeError, default_knowledge, load_knowledge
from bot.triage.questions import QuestionPolicy, default_policy

__all__ = ["CAUSES", "FINDINGS", "NOT_SURE", "URGENCIES", "Assessment", "Knowledge",
           "KnowledgeError", "QuestionPolicy", "RankedCause", "assess", "default_knowledge",
           "default_policy", "invalid_findings", "load_knowledge"]
