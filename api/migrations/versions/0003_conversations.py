"""Conversations issued by the service: the hash of each one's bearer token, its channel
and its number of turns.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("sender", sa.String(128), primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("turns", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # Retention purges delivered updates by age.
    op.create_index("ix_delivered_updates_created_at", "delivered_updates", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_delivered_updates_created_at", table_name="delivered_updates")
    op.drop_table("conversations")
