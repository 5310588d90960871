"""Per-client rate limiting of /api/* (api/rate_limit.py), against really started services.

The service runs under uvicorn as in production: a request from 127.0.0.1 (a trusted
proxy, FORWARDED_ALLOW_IPS' default) with X-Forwarded-For counts for the forwarded address,
so the tests act as many clients. The addresses are documentation ones (RFC 5737/3849):
nothing is ever sent to them.
"""
from __future__ import annotations

import ipaddress
import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from api.rate_limit import NON_IP, RateLimiter, parse_exempt, parse_rate_limit
from api.settings import Settings
from tests.utils.service import Service, free_port

LIMIT = 5
EXEMPT = "198.51.100.250"
API = "/api/admin/conversations"  # a cheap /api/* request: 404 (ADMIN_TOKEN unset), but served
REDIS_URL = os.environ.get("TEST_REDIS_RATE_LIMIT_URL", "redis://127.0.0.1:6379/7")


def start(tmp_path_factory, name: str, **env: str) -> Service:
    directory = tmp_path_factory.mktemp(name)
    return Service(f"sqlite:///{directory}/heavylegs.db", directory / "service.log", **env).start()


def as_client(address: str | None, **headers: str) -> dict[str, str]:
    return {**headers, **({"X-Forwarded-For": address} if address else {})}


def spend(url: str, address: str | None, times: int, path: str = API) -> list[int]:
    with httpx.Client(base_url=url, timeout=30) as http:
        return [http.get(path, headers=as_client(address)).status_code for _ in range(times)]


def assert_rate_limited(response: httpx.Response) -> int:
    assert response.status_code == 429, response.text
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 61, "whole seconds, at most the 1-minute window (+1 for rounding)"
    assert response.headers["content-type"] == "application/json"
    assert f"try again in {retry_after} second" in response.json()["detail"]
    return retry_after


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """5 requests a minute; only EXEMPT is exempt (so 127.0.0.1, the tests themselves, is not)."""
    svc = start(tmp_path_factory, "limited", RATE_LIMIT=f"{LIMIT}/minute", RATE_LIMIT_EXEMPT=EXEMPT,
                CORS_ORIGINS="https://blog.example")
    yield svc
    svc.stop()


# ---- one service with RATE_LIMIT=5/minute ----

def test_the_sixth_request_of_a_client_is_429_with_retry_after_and_a_json_reason(limited):
    statuses = spend(limited.url, "203.0.113.1", LIMIT)
    assert 429 not in statuses and statuses == [404] * LIMIT
    with httpx.Client(base_url=limited.url, timeout=30) as http:
        response = http.get(API, headers=as_client("203.0.113.1"))
        assert_rate_limited(response)
        assert response.headers["x-content-type-options"] == "nosniff", "security headers too"
        post = http.post("/api/chat", json={"sender": "limited", "message": "hi"},
                         headers=as_client("203.0.113.1"))
    assert_rate_limited(post)  # every /api/* path counts for the client, not per path


def test_another_client_is_still_served(limited):
    assert spend(limited.url, "203.0.113.2", LIMIT + 1)[-1] == 429
    assert spend(limited.url, "203.0.113.3", LIMIT) == [404] * LIMIT
    assert spend(limited.url, "203.0.113.2", 1) == [429], "and the first is still limited"


def test_ipv6_clients_are_counted_per_64_network(limited):
    assert 429 not in spend(limited.url, "2001:db8:0:1::1", LIMIT)
    assert spend(limited.url, "2001:db8:0:1::2", 1) == [429], "same /64: same client"
    assert spend(limited.url, "2001:db8:0:2::1", 1) == [404], "another /64: another client"


def test_the_machine_itself_is_limited_when_not_in_the_exempt_list(limited):
    assert spend(limited.url, None, LIMIT + 1)[-1] == 429


def test_health_the_widget_and_the_platforms_webhooks_are_never_limited(limited):
    client = "203.0.113.4"
    assert spend(limited.url, client, LIMIT + 1)[-1] == 429
    assert spend(limited.url, client, LIMIT + 2, "/health") == [200] * (LIMIT + 2)
    assert spend(limited.url, client, LIMIT + 2, "/widget.js") == [200] * (LIMIT + 2)
    assert spend(limited.url, client, 1, "/") == [200]
    with httpx.Client(base_url=limited.url, timeout=30) as http:
        for path in ("/channels/telegram/webhook", "/channels/slack/events"):
            for _ in range(LIMIT + 1):
                status = http.post(path, json={}, headers=as_client(client)).status_code
                assert status != 429, path


def test_a_429_carries_the_cors_and_security_headers(limited):
    origin = {"Origin": "https://blog.example"}
    with httpx.Client(base_url=limited.url, timeout=30) as http:
        for _ in range(LIMIT):
            http.get(API, headers=as_client("203.0.113.5", **origin))
        response = http.get(API, headers=as_client("203.0.113.5", **origin))
    assert_rate_limited(response)
    assert response.headers["access-control-allow-origin"] == "https://blog.example", \
        "the widget on another site can read the 429"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_cors_preflights_do_not_count(limited):
    preflight = {"Origin": "https://blog.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    with httpx.Client(base_url=limited.url, timeout=30) as http:
        for _ in range(LIMIT + 2):
            assert http.options("/api/chat", headers=as_client("203.0.113.6", **preflight)) \
                .status_code == 200
    assert spend(limited.url, "203.0.113.6", LIMIT) == [404] * LIMIT


def test_clients_that_are_not_ip_addresses_share_one_limit(limited):
    """A trusted proxy may forward an address that is not one ("unknown", an obfuscated
    RFC 7239 identifier): uvicorn puts it in the scope as it is. Such clients are one
    client, limited like any other, never let through unlimited."""
    assert spend(limited.url, "unknown", LIMIT) == [404] * LIMIT
    with httpx.Client(base_url=limited.url, timeout=30) as http:
        assert_rate_limited(http.get(API, headers=as_client("unknown")))
        for other in ("_hidden", "garbage", "203.0.113.10:abc"):
            assert_rate_limited(http.get(API, headers=as_client(other)))
    assert spend(limited.url, "203.0.113.11", 1) == [404], "IP clients keep their own limit"


def test_an_exempt_address_is_never_limited(limited):
    assert spend(limited.url, EXEMPT, 3 * LIMIT) == [404] * (3 * LIMIT)


# ---- the defaults, on the session's shared service ----

def test_by_default_others_get_60_a_minute_and_the_machine_itself_is_exempt(service):
    statuses = spend(service.url, "203.0.113.60", 61)
    assert statuses[:60] == [404] * 60 and statuses[60] == 429
    assert 429 not in spend(service.url, None, 70), "127.0.0.1 (tests, tools, the harness)"
    assert 429 not in spend(service.url, "::1", 70)


# ---- other settings ----

def test_an_empty_rate_limit_turns_it_off(tmp_path_factory):
    svc = start(tmp_path_factory, "unlimited", RATE_LIMIT="", RATE_LIMIT_EXEMPT="")
    try:
        assert spend(svc.url, "203.0.113.7", 70) == [404] * 70, "more than the default 60/minute"
    finally:
        svc.stop()


@pytest.mark.parametrize("variable, value, message", [
    ("RATE_LIMIT", "60 per fortnight", "RATE_LIMIT='60 per fortnight' is not a valid rate limit"),
    ("RATE_LIMIT_EXEMPT", "127.0.0.1,localhost", "RATE_LIMIT_EXEMPT: 'localhost' is not an IP address"),
])
def test_an_invalid_setting_stops_start_up_with_a_message_naming_it(tmp_path, variable, value, message):
    svc = Service(f"sqlite:///{tmp_path}/heavylegs.db", tmp_path / "service.log", **{variable: value})
    try:
        with pytest.raises(RuntimeError, match="exited early"):
            svc.start()
    finally:
        svc.stop()
    log = svc.log_path.read_text(errors="replace")
    assert message in log, log[-2000:]


@pytest.mark.parametrize("value", ["lots", "60/minute;", "0/minute", "5/fortnight", "-1/second"])
def test_invalid_rate_limits_are_refused_naming_rate_limit(value):
    with pytest.raises(ValueError, match="^RATE_LIMIT="):
        parse_rate_limit(value)


def test_valid_rate_limits_and_exempt_lists_parse():
    assert [str(item) for item in parse_rate_limit("60/minute;600/hour")] == \
        ["60 per 1 minute", "600 per 1 hour"]
    assert parse_rate_limit("  ") == []
    assert parse_exempt(["127.0.0.1", "::1", "10.0.0.0/8"])[2] == ipaddress.ip_network("10.0.0.0/8")
    with pytest.raises(ValueError, match="RATE_LIMIT_EXEMPT"):
        parse_exempt(["localhost"])


def test_client_keys():
    limiter = RateLimiter.from_settings(Settings(rate_limit="5/minute", rate_limit_exempt="10.0.0.0/8,::1"))

    def key(host):
        return limiter.client_key({"client": (host, 1234) if host else None})

    assert key("203.0.113.9") == "203.0.113.9"
    assert key("::ffff:203.0.113.9") == "203.0.113.9", "IPv4 seen through an IPv6 socket"
    assert key("2001:db8:0:1::7") == "2001:db8:0:1::/64"
    assert key("10.1.2.3") is None and key("::1") is None, "exempt"
    for host in (None, "", "testclient", "unknown", "_hidden", "203.0.113.9:abc", "localhost"):
        assert key(host) == NON_IP, f"{host!r}: not an IP address, so the one shared client"
    assert limiter.client_key({}) == NON_IP, "no client in the scope at all"
    assert RateLimiter.from_settings(Settings(rate_limit="")) is None


# ---- Redis ----

def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not here"
        problem = f"Redis not reachable at {REDIS_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{problem}: .ci/run should have started it")
        pytest.skip(problem)
    return client


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """Two service processes sharing the counters through Redis."""
    redis = redis_client()
    for key in redis.scan_iter("LIMITER/heavylegs/*"):
        redis.delete(key)
    directory = tmp_path_factory.mktemp("rate-limit-replicas")
    pair = [Service(f"sqlite:///{directory}/replica{i}.db", directory / f"replica{i}.log",
                    REDIS_URL=REDIS_URL, RATE_LIMIT=f"{LIMIT}/minute", RATE_LIMIT_EXEMPT="")
            for i in (1, 2)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda s: s.start(), pair))
    yield pair
    for svc in pair:
        svc.stop()
    redis.close()


def test_with_redis_two_replicas_enforce_one_limit(replicas):
    first, second = replicas
    client = f"192.0.2.{uuid.uuid4().int % 250 + 1}"
    assert spend(first.url, client, 3) == [404] * 3
    assert spend(second.url, client, 2) == [404] * 2
    with httpx.Client(timeout=30) as http:
        for svc in (first, second):
            assert_rate_limited(http.get(svc.url + API, headers=as_client(client)))
    keys = [key.decode() for key in redis_client().scan_iter(f"LIMITER/heavylegs/{client}/*")]
    assert keys == [f"LIMITER/heavylegs/{client}/{LIMIT}/1/minute"], "the counter lives in Redis"
    other = "192.0.2.251" if client != "192.0.2.251" else "192.0.2.252"
    assert spend(second.url, other, 1) == [404]


def test_with_redis_unreachable_requests_are_served_and_a_warning_logged(tmp_path_factory):
    svc = start(tmp_path_factory, "redis-down", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
                RATE_LIMIT=f"{LIMIT}/minute", RATE_LIMIT_EXEMPT="")
    try:
        assert spend(svc.url, "203.0.113.8", LIMIT + 3) == [404] * (LIMIT + 3)
    finally:
        svc.stop()
    log = svc.log_path.read_text(errors="replace")
    assert log.count("rate limiting is not enforced") == 1, "once a minute, not per request"
