"""PostgreSQL and Redis for the replica tests: reachable on 127.0.0.1 (.ci/run starts
both); skipped on a developer machine without them, a failure in CI."""
from __future__ import annotations

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from tests.utils.service import Service

ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def _reachable() -> str | None:
    try:
        sa.create_engine(ADMIN_URL).connect().close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        return f"PostgreSQL not reachable: {exc}"
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis not reachable: {exc}"
    return None


@pytest.fixture(scope="module")
def postgres_url():
    problem = _reachable()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"{problem}: .ci/run should have started it")
        pytest.skip(problem)
    name = f"heavylegs_test_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def replicas(postgres_url, tmp_path_factory):
    """Two service processes started at the same moment on the same database."""
    directory = tmp_path_factory.mktemp("replicas")
    pair = [Service(postgres_url, directory / f"replica{i}.log", REDIS_URL=REDIS_URL)
            for i in (1, 2)]
    with ThreadPoolExecutor(2) as pool:  # both migrate at once: the advisory lock serialises
        list(pool.map(lambda s: s.start(), pair))
    yield pair
    for service in pair:
        service.stop()
