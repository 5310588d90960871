"""Schemathesis fuzzes every operation of the running service's OpenAPI description.

The service is the real one (uvicorn in a subprocess, the trained model, SQLite), its
description is what `GET /openapi.json` serves, and every generated request really goes
over HTTP. For each operation Schemathesis runs its three phases: the documented examples,
the coverage phase (boundary values, missing and mistyped fields, methods the path does not
allow) and the fuzzing phase (random valid and invalid data, a bounded number of examples).
Every response must pass all of Schemathesis' checks: no 5xx, only documented status codes,
content types and headers, bodies matching their documented schema, invalid data refused
with a 4xx and valid data accepted.

Generation is derandomised with a fixed seed, so a run in CI makes the same number of
requests per operation as a run on a laptop (the mix of status codes can differ by a few:
Schemathesis feeds values from responses, such as timestamps, back into generation). The
service runs with an ADMIN_TOKEN and its action server on (ACTION_ENDPOINT_SECRET); both,
and the token of one issued conversation, are given to Schemathesis, so the admin, webhook
and conversation operations are fuzzed past their 401s too.
`test_every_operation_was_fuzzed` (after the fuzzing, in file order) prints how many
requests each operation got and fails if any got fewer than `MIN_REQUESTS`, so the
fuzzing can never silently test nothing.
"""
from __future__ import annotations

from collections import Counter

import httpx
import pytest
import schemathesis

from tests.utils.service import Service

SEED = 20240611
MAX_EXAMPLES = 200  # fuzzing-phase examples per operation
# Requests each operation must have had, all phases together: an operation with parameters
# or a body gets hundreds; one without (GET /health) has few distinct requests to make.
MIN_REQUESTS_WITH_INPUT = 100
MIN_REQUESTS_WITHOUT_INPUT = 5

ADMIN_TOKEN = "fuzz-admin-token"  # so the admin operations are fuzzed past their 401/404
ACTION_ENDPOINT_SECRET = "fuzz-action-endpoint-secret"

REQUESTS: Counter[str] = Counter()  # operation label -> requests made
STATUSES: dict[str, Counter[int]] = {}  # operation label -> status codes seen


def fuzz_config(conversation_token: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none",
                       "mode": "all"},
        "request-timeout": 30,
        "auth": {"openapi": {"AdminToken": {"bearer": ADMIN_TOKEN},
                             "ActionEndpointSecret": {"bearer": ACTION_ENDPOINT_SECRET},
                             "ConversationToken": {"bearer": conversation_token}}},
    })


@pytest.fixture(scope="module")
def fuzzed_service(tmp_path_factory):
    """A service of its own: the thousands of conversations the fuzzer starts stay out of the
    session's database."""
    directory = tmp_path_factory.mktemp("fuzz")
    svc = Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log",
                  ADMIN_TOKEN=ADMIN_TOKEN, ACTION_ENDPOINT_SECRET=ACTION_ENDPOINT_SECRET)
    svc.env["ACTION_ENDPOINT_URL"] = f"{svc.url}/webhook"
    yield svc.start()
    svc.stop()


@pytest.fixture(scope="module")
def api_schema(fuzzed_service):
    service = fuzzed_service
    issued = httpx.post(f"{service.url}/api/conversations", json={}, timeout=30).json()
    schema = schemathesis.openapi.from_url(f"{service.url}/openapi.json",
                                           config=fuzz_config(issued["token"]), timeout=30)
    schema.config.update(base_url=service.url)

    @schema.hook
    def after_call(context, case, response):  # every request sent, the checks' own included
        REQUESTS[case.operation.label] += 1
        STATUSES.setdefault(case.operation.label, Counter())[response.status_code] += 1

    return schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_api(case):
    """One generated request: it must get an answer that passes every check."""
    case.call_and_validate(timeout=30)


def takes_input(operation: dict) -> bool:
    return bool(operation.get("parameters") or operation.get("requestBody"))


def test_every_operation_was_fuzzed(fuzzed_service, capsys):
    """Runs after test_api (file order): every documented operation really got requests."""
    paths = httpx.get(f"{fuzzed_service.url}/openapi.json", timeout=30).json()["paths"]
    floors = {f"{method.upper()} {path}": MIN_REQUESTS_WITH_INPUT if takes_input(operation)
              else MIN_REQUESTS_WITHOUT_INPUT
              for path, methods in paths.items() for method, operation in methods.items()}
    operations = sorted(floors)
    width = max(len(label) for label in operations)
    lines = [f"schemathesis {schemathesis.__version__}, seed {SEED}: requests per operation"]
    for label in operations:
        statuses = ", ".join(f"{code}: {count}" for code, count in sorted(STATUSES.get(label, {}).items()))
        lines.append(f"  {label:<{width}}  {REQUESTS[label]:>4}  ({statuses})")
    lines.append(f"  {'total':<{width}}  {sum(REQUESTS.values()):>4}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    starved = [f"{label} ({REQUESTS[label]} < {floors[label]})" for label in operations
               if REQUESTS[label] < floors[label]]
    assert not starved, f"too few requests for {starved}:\n" + "\n".join(lines)
