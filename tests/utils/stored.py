"""What a service stored about a conversation, read from its SQLite file.

For conversations of the Telegram and Slack channels, which no /api/* call may reach.
"""
from __future__ import annotations

import json
import sqlite3


def _path(database_url: str) -> str:
    assert database_url.startswith("sqlite:///"), database_url
    return database_url.removeprefix("sqlite:///")


def assessment(database_url: str, sender: str) -> dict | None:
    """The stored assessment row (findings, status, urgency, causes), or None."""
    with sqlite3.connect(_path(database_url), timeout=30) as db:
        row = db.execute("SELECT sender, status, urgency, findings, causes, questions_asked "
                         "FROM assessments WHERE sender = ?", (sender,)).fetchone()
    if row is None:
        return None
    return {"sender": row[0], "status": row[1], "urgency": row[2],
            "findings": json.loads(row[3]), "causes": json.loads(row[4]),
            "questions_asked": row[5]}


def texts(database_url: str, sender: str, who: str = "user") -> list[str]:
    """The texts `who` ("user" or "bot") sent in the conversation, oldest first."""
    with sqlite3.connect(_path(database_url), timeout=30) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = ? "
                          "ORDER BY id", (sender, who)).fetchall()
    return [text for (data,) in rows if (text := json.loads(data).get("text"))]
