"""Alembic environment: the URL comes from the caller's config or from DATABASE_URL."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from api.db import prepare_sqlite_path
from api.models import Base
from api.settings import get_settings

url = context.config.get_main_option("sqlalchemy.url") or get_settings().database_url


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = context.config.attributes.get("connection")  # the service's, holding the lock
    if given is not None:
        _run(given)
        return
    prepare_sqlite_path(url)
    engine = create_engine(url, future=True)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
