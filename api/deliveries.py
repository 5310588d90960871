"""Once-only delivery of platform updates, shared by every replica through the database."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from api.db import Database
from api.models import DeliveredUpdate


def first_delivery(database: Database, channel: str, update_id: str) -> bool:
    """True the first time `update_id` of `channel` is seen, False for a redelivery."""
    try:
        with database.session() as session:
            session.add(DeliveredUpdate(channel=channel, update_id=str(update_id)[:128]))
    except IntegrityError:
        return False
    return True
