"""Database access: one engine and session factory per app, built from settings."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK_KEY = 0x6865_6176  # any constant shared by every replica ("heav")


@event.listens_for(Engine, "connect")
def _sqlite_wal(dbapi_connection: object, _record: object) -> None:
    """The embedded SQLite default in write-ahead-log mode with normal syncing.

    Each turn commits twice (Rasa's events, the assessment); with SQLite's default journal
    every commit waited for a full sync and readers waited for writers. WAL lets reads run
    beside a write and syncs at checkpoints: a crash of the service loses nothing, a power
    cut at worst the last turns. Applies to every SQLite engine of the process, Rasa's
    tracker store included; other databases are untouched.

    `secure_delete` overwrites deleted rows with zeros, so a deleted conversation's text
    does not stay readable in the file's free pages.
    """
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()


def _sqlite_file(url: str) -> str | None:
    """The path of the SQLite file `url` names, if it names one."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return parsed.database
    return None


def prepare_sqlite_path(url: str) -> None:
    """Creates the directory of a SQLite file, so the embedded default works anywhere."""
    path = _sqlite_file(url)
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def engine_options(url: str) -> dict:
    """create_engine options for both engines of the service (its own, Rasa's).

    SQLite files get a connection pool: SQLAlchemy 1.4 gives them a NullPool, and every
    session opened, set up (the WAL pragmas above) and closed a connection, about 15% of
    the service's CPU per turn. Server databases get pre-ping, so connections a database
    restart or outage has closed are replaced instead of failing one request each.
    """
    if _sqlite_file(url):
        return {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10,
                "connect_args": {"check_same_thread": False}}
    if url.startswith("sqlite"):
        return {}
    return {"pool_pre_ping": True}


class Database:
    """The service's own tables; Rasa's tracker store keeps its own engine on the same URL."""

    def __init__(self, url: str) -> None:
        prepare_sqlite_path(url)
        self.url = url
        self.engine: Engine = create_engine(url, future=True, **engine_options(url))
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed once at the end, rolled back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def migrate(self) -> None:
        """Brings the schema to the newest Alembic revision.

        On PostgreSQL a transaction-scoped advisory lock makes replicas that start at the
        same moment migrate one after the other (the second finds nothing left to do).
        """
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()
