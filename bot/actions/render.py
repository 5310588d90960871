"""Turns knowledge and triage results into chat messages (text, buttons, custom payloads)."""
from __future__ import annotations

import json

from bot.triage.contract import NOT_SURE
from bot.triage.engine import Assessment
from bot.triage.knowledge import Knowledge

RESTART_BUTTON = {"title": "Start over", "payload": "/restart"}
TOP_CAUSES_SHOWN = 3


def more_button(cause) -> dict:
    return {"title": f"More: {cause.title}", "payload": "/ask_more" + json.dumps({"cause": cause.id})}


def fix_button(cause) -> dict:
    return {"title": "How do I fix it?", "payload": "/ask_fix" + json.dumps({"cause": cause.id})}


def question(finding_id: str, knowledge: Knowledge, phrasing: str = "ask",
             guess: str | None = None) -> dict:
    """A question about one finding, with a quick-reply button per contract value.

    `phrasing` (bot.listening.turn): "ask" as first worded, "again" in other words,
    "confirm" or "sign" to check the value `guess` before it is recorded.
    """
    finding = knowledge.findings[finding_id]
    buttons = [
        {"title": option.title, "payload": "/inform" + json.dumps({finding_id: option.value})}
        for option in finding.options
    ]
    text = finding.question
    if phrasing == "again" and finding.again:
        text = finding.again
    elif phrasing in ("confirm", "sign") and guess:
        key = "confirm_sign" if phrasing == "sign" else "confirm"
        text = knowledge.answer(key).format(heard=finding.heard(guess))
    return {"text": text, "buttons": buttons}


def _cause_text(rank: int, cause, knowledge: Knowledge) -> str:
    summary = knowledge.cause(cause.id).summary
    because = "; ".join(b[0].lower() + b[1:] for b in cause.because)
    fixes = "\n".join(f"- {fix}" for fix in cause.fixes)
    sources = "\n".join(cause.sources)
    return (f"{rank}. {cause.title}: {summary}\nWhy it fits: {because}.\n"
            f"What to do:\n{fixes}\nSources:\n{sources}")


def assessment_messages(result: Assessment, knowledge: Knowledge,
                        findings: dict[str, str]) -> list[dict]:
    """The conclusion: red-flag advice, or the ranked causes with why, fixes and sources."""
    headline = knowledge.urgency_headlines[result.urgency]
    payload = {"custom": {"type": "assessment", "urgency": result.urgency,
                          "red_flag": result.red_flag, **result.as_dict()}}
    if result.red_flag:
        flag = knowledge.red_flags[result.red_flag]
        text = f"{headline}\n{flag.title}: {flag.why} {flag.advice}"
        return [{"text": text}, payload,
                {"text": knowledge.answer("start_over_offer"), "buttons": [RESTART_BUTTON]}]
    messages = []
    if result.urgency != "self_care":
        advice = (knowledge.answer("red_flag_unclear_advice")
                  if findings.get("red_flag") == NOT_SURE else knowledge.iron_signs_advice)
        messages.append({"text": f"{headline} {advice}"})
    if result.causes:
        messages.append({"text": knowledge.answer("conclusion_intro")})
        for rank, cause in enumerate(result.causes[:TOP_CAUSES_SHOWN], start=1):
            messages.append({"text": _cause_text(rank, cause, knowledge)})
    else:
        messages.append({"text": knowledge.answer("no_cause")})
    if findings.get("red_flag") == NOT_SURE:
        messages.append({"text": knowledge.answer("red_flag_not_sure")})
    messages.append(payload)
    more = [more_button(knowledge.cause(c.id)) for c in result.causes[:2]]
    messages.append({"text": knowledge.answer("after_conclusion"), "buttons": [*more, RESTART_BUTTON]})
    return messages
