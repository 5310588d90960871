"""The container and deployment files: Dockerfile, docker-compose.yml and deploy/.

No Docker engine runs on the test machines, so nothing is built or started in a container.
Each file is checked by a tool that really reads it instead:

- docker-compose.yml by Compose itself, `config` of every implementation installed: Docker's
  compose plugin (`docker compose`) and Debian's docker-compose 1.29.2, which validates
  against the Compose Specification schema;
- deploy/nginx.conf by nginx, run on a copy whose upstream is two local stand-ins for the
  replicas;
- deploy/kubernetes.yaml against the Kubernetes API schemas (kubernetes-validate, strict);
- the Dockerfile by parsing it; its HEALTHCHECK and CMD are run, with stand-ins.

A missing tool fails the test with the command that installs it.
"""
from __future__ import annotations

import contextlib
import functools
import ipaddress
import json
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml

from tests.utils.service import free_port

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE_FILE = ROOT / "docker-compose.yml"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
KUBERNETES = ROOT / "deploy" / "kubernetes.yaml"
SERVICES = {"app", "postgres", "redis", "nginx"}

INSTALL_COMPOSE = ("no Compose implementation found: install Debian's with "
                   "`apt-get install -y --no-install-recommends docker-compose`, or Docker's compose "
                   "plugin (`docker compose`)")
INSTALL_NGINX = ("nginx not found: install it with `apt-get install -y --no-install-recommends nginx` "
                 "(the test runs it on a copy of deploy/nginx.conf; no service is started)")
INSTALL_TEST_EXTRAS = ("kubernetes-validate is missing: install the test extras, "
                       "`.venv/bin/pip install -c constraints.txt -e '.[test]'`")


# --- Dockerfile -----------------------------------------------------------------------------

def dockerfile_stages(text: str) -> list[list[tuple[str, str]]]:
    """The Dockerfile's instructions, (INSTRUCTION, arguments), one list per stage.

    Continuation lines are joined and comments dropped, as Docker does."""
    instructions, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1].strip() + " "
            continue
        name, _, arguments = (current + stripped).partition(" ")
        instructions.append((name.upper(), arguments.strip()))
        current = ""
    assert not current, "the Dockerfile ends inside a continued line"
    stages: list[list[tuple[str, str]]] = []
    for instruction in instructions:
        if instruction[0] == "FROM":
            stages.append([])
        assert stages, f"{instruction[0]} before the first FROM"
        stages[-1].append(instruction)
    return stages


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for name, arguments in stage:
        if name == "ENV":
            for pair in shlex.split(arguments):
                key, _, value = pair.partition("=")
                env[key] = value
    return env


def exec_form(arguments: str) -> list[str]:
    value = json.loads(arguments)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), arguments
    return value


@pytest.fixture(scope="module")
def stages() -> list[list[tuple[str, str]]]:
    return dockerfile_stages(DOCKERFILE.read_text())


def test_every_stage_is_based_on_python_310_slim(stages):
    for stage in stages:
        image = stage[0][1].split()[0]
        assert image == "python:3.10-slim", stage[0]


def test_the_final_stage_runs_as_a_non_root_user(stages):
    final = stages[-1]
    users = [arguments for name, arguments in final if name == "USER"]
    assert users, "the final stage sets no USER: the service would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0"), users[-1]
    # Numeric, so Kubernetes' runAsNonRoot can check it; the same uid as the manifest's.
    assert user.isdigit(), f"USER {users[-1]}: use the numeric uid"
    pod = kubernetes_deployment()["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsUser"] == int(user)


def test_the_data_directory_belongs_to_that_user(stages):
    final = stages[-1]
    uid = [arguments for name, arguments in final if name == "USER"][-1].split(":")[0]
    env = env_of(final)
    assert env["DATABASE_URL"] == "sqlite:////data/heavylegs.db"
    setup = " ".join(arguments for name, arguments in final if name == "RUN")
    assert re.search(rf"--uid {uid}\b", setup), setup
    assert re.search(r"install -d -o heavylegs -g heavylegs .*/data\b", setup), setup


def test_the_image_installs_the_runtime_packages_pinned_without_the_test_extras(stages):
    runs = " ".join(arguments for stage in stages for name, arguments in stage if name == "RUN")
    assert "pip install --no-cache-dir -c constraints.txt ." in runs
    assert "[test]" not in runs
    copied = " ".join(arguments for stage in stages for name, arguments in stage if name == "COPY")
    assert "tests" not in copied.split()


def test_the_model_is_trained_at_build_time_like_make_train(stages):
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    make_train = re.search(r"\$\(BIN\)/rasa train (.*)", makefile).group(1).split()
    trains = [(index, arguments) for index, stage in enumerate(stages)
              for name, arguments in stage if name == "RUN" and "rasa train" in arguments]
    assert trains, "no RUN rasa train in the Dockerfile"
    index, command = trains[0]
    assert shlex.split(command.split("rasa train", 1)[1]) == make_train
    assert env_of(stages[index]).get("RASA_TELEMETRY_ENABLED") == "false"
    final = stages[-1]
    copies = [arguments for name, arguments in final if name == "COPY" and "--from=" in arguments]
    assert any(arguments.split()[-2].endswith("/models") for arguments in copies), copies
    assert env_of(final)["MODEL_DIR"] == "/app/models"


def test_the_final_stage_exposes_8000_and_listens_on_all_addresses(stages):
    final = stages[-1]
    assert ("EXPOSE", "8000") in final
    env = env_of(final)
    assert env["HOST"] == "0.0.0.0" and env["PORT"] == "8000"
    assert "FORWARDED_ALLOW_IPS" in env


def test_the_cmd_starts_uvicorn_behind_a_proxy_with_the_forwarded_ips_from_the_environment(
        stages, tmp_path):
    """Runs the CMD with a stand-in uvicorn that prints its arguments: the shell's quoting
    must pass FORWARDED_ALLOW_IPS=* through as it is, not expanded to file names."""
    final = stages[-1]
    cmd = exec_form([arguments for name, arguments in final if name == "CMD"][-1])
    assert cmd[:2] == ["/bin/sh", "-c"] and cmd[2].startswith("exec uvicorn "), cmd
    stand_in = tmp_path / "uvicorn"
    stand_in.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "a-file-a-glob-would-find").touch()
    env = {**env_of(final), "FORWARDED_ALLOW_IPS": "*", "PATH": f"{tmp_path}:/usr/bin:/bin"}
    result = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "api.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000",
        "--proxy-headers", "--forwarded-allow-ips", "*"]


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        self.send_response(self.server.status if self.path == "/health" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    server.paths, server.status = [], 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_healthcheck_asks_health_and_fails_unless_it_answers_200(stages, health_server):
    final = stages[-1]
    healthchecks = [arguments for name, arguments in final if name == "HEALTHCHECK"]
    assert healthchecks, "no HEALTHCHECK in the final stage"
    options, _, command = healthchecks[-1].partition("CMD ")
    assert "--start-period=" in options, "the model takes a while to load: give a start period"
    cmd = exec_form(command)
    assert cmd[0] == "python" and "/health" in cmd[-1], cmd
    cmd[0] = sys.executable  # the image's python, here the project's
    port = str(health_server.server_address[1])

    no_proxy = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}

    def run(port: str) -> int:
        return subprocess.run(cmd, env={**no_proxy, "PORT": port}, capture_output=True,
                              timeout=30).returncode

    assert run(port) == 0 and health_server.paths == ["/health"]
    health_server.status = 503  # still loading the model
    assert run(port) != 0
    assert run(str(free_port())) != 0  # nothing listening


# --- .dockerignore --------------------------------------------------------------------------

def ignored(path: str, patterns: list[str]) -> bool:
    """Docker's rule: the last pattern matching the path or one of its parents decides."""
    def regex(pattern: str) -> re.Pattern:
        out = ""
        for part in re.split(r"(\*\*/?|\*|\?|\[[^\]]*\])", pattern.strip("/")):
            wildcard = {"**/": "(.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part)
            out += wildcard or (part if part.startswith("[") else re.escape(part))
        return re.compile(out + "$")

    parts = path.split("/")
    prefixes = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    decision = False
    for pattern in patterns:
        exclude = not pattern.startswith("!")
        if any(regex(pattern.lstrip("!")).match(prefix) for prefix in prefixes):
            decision = exclude
    return decision


def test_dockerignore_keeps_local_files_out_and_what_the_image_copies_in(stages):
    patterns = [line.strip() for line in DOCKERIGNORE.read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    for path in (".venv/bin/python", "models/heavylegs.tar.gz", "results/bench/x.json",
                 "var/heavylegs.db", ".git/HEAD", "tests/test_deploy.py", "docs/deploy.md",
                 "bench/run.py", "api/__pycache__/main.cpython-310.pyc", "bot/nlu/stale.pyc", ".env",
                 ".rasa/cache"):
        assert ignored(path, patterns), f"{path} would be sent to the Docker build"
    sources = [arguments.split()[:-1] for stage in stages for name, arguments in stage
               if name == "COPY" and "--from=" not in arguments]
    for source in (s for group in sources for s in group):
        assert (ROOT / source).exists(), f"COPY {source}: no such file"
        assert not ignored(source, patterns), f"COPY {source}: excluded by .dockerignore"
    for path in ("api/main.py", "api/static/widget.js", "api/migrations/env.py",
                 "data/knowledge/causes.yml", "bot/listening/turn.py"):
        assert not ignored(path, patterns), f"{path} is needed in the image"


# --- docker-compose.yml ---------------------------------------------------------------------

def compose_implementations() -> list[list[str]]:
    found = []
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True,
                                 timeout=60).returncode == 0:
        found.append([docker, "compose"])
    if shutil.which("docker-compose"):
        found.append([shutil.which("docker-compose")])
    return found


def compose_config(compose: list[str], path: Path) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run([*compose, "-f", str(path), "config"], cwd=path.parent, env=env,
                          capture_output=True, text=True, timeout=120)


@functools.cache
def compose_configs() -> dict[str, dict]:
    """docker-compose.yml as each installed Compose implementation reads it."""
    implementations = compose_implementations()
    if not implementations:
        pytest.fail(INSTALL_COMPOSE, pytrace=False)
    configs = {}
    for compose in implementations:
        result = compose_config(compose, COMPOSE_FILE)
        assert result.returncode == 0, f"{' '.join(compose)} config rejects it:\n{result.stderr}"
        configs[" ".join(compose)] = yaml.safe_load(result.stdout)
    return configs


def test_compose_rejects_a_broken_copy(tmp_path):
    """The validators really validate: a misspelt key and a non-number are refused."""
    implementations = compose_implementations()
    if not implementations:
        pytest.fail(INSTALL_COMPOSE, pytrace=False)
    text = COMPOSE_FILE.read_text()
    for broken in (text.replace("    healthcheck:", "    healthchek:", 1),
                   text.replace("replicas: 2", "replicas: two", 1)):
        assert broken != text
        (tmp_path / "docker-compose.yml").write_text(broken)
        for compose in implementations:
            result = compose_config(compose, tmp_path / "docker-compose.yml")
            assert result.returncode != 0, f"{' '.join(compose)} accepted:\n{broken}"


def volume_mounts(service: dict) -> list[dict]:
    """Short ("src:dst:ro") and long volume syntax alike, as {type, source, target, read_only}."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            source, target, *mode = volume.split(":")
            kind = "bind" if source.startswith(("/", ".")) else "volume"
            volume = {"type": kind, "source": source, "target": target,
                      "read_only": mode == ["ro"]}
        mounts.append(volume)
    return mounts


def test_compose_runs_two_replicas_of_the_service_on_postgres_and_redis():
    for implementation, config in compose_configs().items():
        services = config["services"]
        assert set(services) == SERVICES, implementation
        app = services["app"]
        assert app["deploy"]["replicas"] == 2, implementation
        assert app["build"]["context"] == str(ROOT), implementation
        assert "ports" not in app, "only nginx publishes a port: replicas cannot share one"
        env = app["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert services["postgres"]["image"] == "postgres:15"
        assert services["redis"]["image"].split(":")[0] == "redis"
        assert services["redis"]["image"].split(":")[1].startswith("7")


def test_compose_trusts_x_forwarded_for_from_nginx_alone():
    """FORWARDED_ALLOW_IPS is nginx's fixed address on the stack's fixed subnet, outside the
    range the other containers get theirs from: no other peer can claim a client address."""
    for implementation, config in compose_configs().items():
        services = config["services"]
        trusted = services["app"]["environment"]["FORWARDED_ALLOW_IPS"]
        assert trusted != "*" and "," not in trusted, f"{implementation}: {trusted}"
        nginx_address = ipaddress.ip_address(services["nginx"]["networks"]["default"]["ipv4_address"])
        assert ipaddress.ip_address(trusted) == nginx_address, implementation
        (pool,) = config["networks"]["default"]["ipam"]["config"]
        subnet, others = ipaddress.ip_network(pool["subnet"]), ipaddress.ip_network(pool["ip_range"])
        assert nginx_address in subnet and others.subnet_of(subnet), implementation
        assert nginx_address not in others, "a replica could be given nginx's address"
        assert not subnet.is_global, "a private network"
        for name in SERVICES - {"nginx"}:  # all on the one default network
            assert set(services[name].get("networks", {"default": None})) == {"default"}, name


def test_compose_checks_the_health_of_every_service_and_starts_them_in_order():
    for implementation, config in compose_configs().items():
        services = config["services"]
        for name in SERVICES:
            check = services[name].get("healthcheck")
            assert check and not check.get("disable") and check["test"][0] in ("CMD", "CMD-SHELL"), (
                f"{implementation}: {name} has no health check")
        assert "/health" in " ".join(services["app"]["healthcheck"]["test"])
        assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
        expected = {"app": {"postgres", "redis"}, "nginx": {"app"}}
        for name, needs in expected.items():
            depends_on = services[name]["depends_on"]
            assert set(depends_on) == needs, implementation
            assert all(d["condition"] == "service_healthy" for d in depends_on.values()), implementation


def test_compose_keeps_postgres_data_on_a_named_volume():
    for implementation, config in compose_configs().items():
        mounts = volume_mounts(config["services"]["postgres"])
        data = [m for m in mounts if m["target"] == "/var/lib/postgresql/data"]
        assert data and data[0]["type"] == "volume", f"{implementation}: {mounts}"
        assert data[0]["source"] in config["volumes"], implementation


def test_compose_publishes_nginx_on_8000_with_the_config_read_only():
    for implementation, config in compose_configs().items():
        nginx = config["services"]["nginx"]
        assert nginx["image"] == "nginx:stable"
        ports = [(int(p["published"]), int(p["target"])) for p in nginx["ports"]]
        assert ports == [(8000, 80)], implementation
        mounts = volume_mounts(nginx)
        assert {"type": "bind", "source": str(NGINX_CONF), "target": "/etc/nginx/nginx.conf",
                "read_only": True} in [{k: m.get(k) for k in ("type", "source", "target", "read_only")}
                                       for m in mounts], f"{implementation}: {mounts}"


# --- deploy/nginx.conf ----------------------------------------------------------------------

def test_nginx_sends_requests_to_app_8000():
    text = NGINX_CONF.read_text()
    upstreams = dict(re.findall(r"upstream\s+(\w+)\s*\{([^}]*)\}", text))
    assert len(upstreams) == 1, upstreams
    (name, body), = upstreams.items()
    assert re.findall(r"^\s*server\s+(\S+?)[\s;]", body, re.M) == ["app:8000"]
    assert re.search(rf"proxy_pass\s+http://{name}\s*;", text)


class _Replica(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        self.server.seen.append({k.lower(): v for k, v in self.headers.items()})
        body = self.server.name.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def replicas() -> Iterator[list[ThreadingHTTPServer]]:
    servers = []
    for name in ("replica-1", "replica-2"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Replica)
        server.name, server.seen, server.paths = name, [], []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def running_nginx(tmp_path: Path, replicas: list[ThreadingHTTPServer]) -> Iterator[str]:
    """nginx on a copy of deploy/nginx.conf: the two stand-ins in place of `app`'s addresses
    (what Docker's DNS would give), a free local port in place of 80, temp files under tmp;
    its standard output (the access log) goes to tmp/access.log."""
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if not binary:
        pytest.fail(INSTALL_NGINX, pytrace=False)
    port = free_port()
    text = NGINX_CONF.read_text()
    stand_ins = " ".join(f"server 127.0.0.1:{s.server_address[1]};" for s in replicas)
    text = re.sub(r"server app:8000[^;]*;", stand_ins, text)
    text = text.replace("listen 80;", f"listen 127.0.0.1:{port};")
    temp = "".join(f"    {kind}_temp_path {tmp_path}/{kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    text = text.replace("http {\n", "http {\n" + temp, 1)
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    command = [binary, "-p", str(tmp_path), "-c", str(conf), "-e", "stderr",
               "-g", f"daemon off; pid {tmp_path}/nginx.pid;"]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    access_log = (tmp_path / "access.log").open("wb")
    process = subprocess.Popen(command, stdout=access_log, stderr=subprocess.PIPE)
    access_log.close()  # nginx has its own copy
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(f"{url}/nginx-health", timeout=2, trust_env=False)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_nginx_spreads_requests_over_the_replicas_with_the_real_client_address(tmp_path, replicas):
    with running_nginx(tmp_path, replicas) as url, \
            httpx.Client(base_url=url, timeout=10, trust_env=False) as client:
        health = client.get("/nginx-health")
        answers = [client.get("/health", headers={"X-Forwarded-For": "203.0.113.9"}).text
                   for _ in range(4)]
    assert health.status_code == 200 and health.text == "ok\n"
    assert sorted(set(answers)) == ["replica-1", "replica-2"], answers
    for server in replicas:
        for headers in server.seen:
            # nginx overwrites what the client claimed: the service trusts this header.
            assert headers["x-forwarded-for"] == "127.0.0.1", headers
            assert headers["x-forwarded-proto"] == "http", headers
            assert headers["host"] == url.removeprefix("http://"), headers


WEBHOOK_SPELLINGS = ["/webhook", "/webhook?x=1", "//webhook", "/./webhook", "/%77ebhook",
                     "/%2Fwebhook", "/api/../webhook", "/webhook/", "/webhook/x"]


def test_nginx_never_passes_the_action_server_webhook_on(tmp_path, replicas):
    """/webhook is the Rasa action-server protocol, for the service's own agent: from
    outside, every spelling of it is nginx's 404 and never reaches a replica."""
    with running_nginx(tmp_path, replicas) as url, \
            httpx.Client(base_url=url, timeout=10, trust_env=False) as client:
        for path in WEBHOOK_SPELLINGS:
            for method in ("GET", "POST"):
                request = client.build_request(method, url, content=b"{}" if method == "POST" else None)
                request.url = request.url.copy_with(raw_path=path.encode())  # sent as written
                assert client.send(request).status_code == 404, f"{method} {path}"
        assert client.get("/api/chat").text in ("replica-1", "replica-2"), "the rest still goes on"
    assert all("webhook" not in path for server in replicas for path in server.paths), \
        [server.paths for server in replicas]


def test_nginx_logs_no_conversation_id_nor_query_string(tmp_path, replicas):
    with running_nginx(tmp_path, replicas) as url, \
            httpx.Client(base_url=url, timeout=10, trust_env=False) as client:
        for path in ("/api/conversations/conv-0123456789/messages?offset=2&limit=5",
                     "/api/conversations/conv-0123456789/assessment",
                     "/api/conversations/conv-0123456789",
                     "/api/admin/conversations/conv-0123456789",
                     "/api/admin/conversations?limit=5&offset=conv-0123456789",
                     "/api/conversations/conv-0123456789/x/conv-0123456789"):
            client.get(path)
        client.post("/api/conversations/conv-0123456789")
    log = (tmp_path / "access.log").read_text()  # nginx flushed it when it quit
    assert "conv-0123456789" not in log and "limit=" not in log, log
    for line in ('"GET /api/conversations/{sender}/messages HTTP/1.1" 200',
                 '"GET /api/conversations/{sender}/assessment HTTP/1.1" 200',
                 '"GET /api/conversations/{sender} HTTP/1.1" 200',
                 '"GET /api/admin/conversations/{sender} HTTP/1.1" 200',
                 '"GET /api/admin/conversations HTTP/1.1" 200',
                 '"GET /api/conversations/{sender}/... HTTP/1.1" 200',
                 '"POST /api/conversations/{sender} HTTP/1.1" 200'):
        assert line in log, f"{line} not in:\n{log}"
    assert [p for s in replicas for p in s.paths if "?" in p], "the replicas still get the query"


# --- deploy/kubernetes.yaml -----------------------------------------------------------------

def kubernetes_resources() -> list[dict]:
    return [doc for doc in yaml.safe_load_all(KUBERNETES.read_text()) if doc]


def kubernetes_deployment() -> dict:
    deployments = [r for r in kubernetes_resources() if r["kind"] == "Deployment"]
    assert len(deployments) == 1, "deploy/kubernetes.yaml needs exactly one Deployment"
    return deployments[0]


def test_kubernetes_manifest_is_valid_against_the_api_schemas():
    try:
        import kubernetes_validate
        from kubernetes_validate.utils import latest_version
    except ImportError:
        pytest.fail(INSTALL_TEST_EXTRAS, pytrace=False)
    resources = kubernetes_resources()
    assert {"ConfigMap", "Deployment", "Service", "Ingress"} <= {r["kind"] for r in resources}
    for resource in resources:
        kubernetes_validate.validate(resource, f"{latest_version()}.0", strict=True)


def test_kubernetes_runs_several_replicas_probed_on_health():
    deployment = kubernetes_deployment()
    assert deployment["spec"]["replicas"] > 1
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": 8000}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == "/health", probe
        assert ports.get(check["port"], check["port"]) == 8000, probe
    assert pod["securityContext"]["runAsNonRoot"] is True


def test_kubernetes_wires_config_service_and_ingress_to_the_pods():
    resources = kubernetes_resources()
    by_kind = {r["kind"]: r for r in resources}
    deployment = kubernetes_deployment()
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    sources = container["envFrom"]
    config_maps = [s["configMapRef"]["name"] for s in sources if "configMapRef" in s]
    assert config_maps == [by_kind["ConfigMap"]["metadata"]["name"]]
    assert by_kind["ConfigMap"]["data"]["REDIS_URL"].startswith("redis://")
    assert [s["secretRef"]["name"] for s in sources if "secretRef" in s] == ["heavylegs-secrets"]
    service = by_kind["Service"]
    assert service["spec"]["selector"].items() <= labels.items()
    port_names = {p["name"] for p in container["ports"]}
    assert all(p["targetPort"] in port_names for p in service["spec"]["ports"])
    (rule,) = by_kind["Ingress"]["spec"]["rules"]
    backends = [path["backend"]["service"] for path in rule["http"]["paths"]]
    assert backends and all(b["name"] == service["metadata"]["name"] for b in backends)
    service_ports = {p["name"] for p in service["spec"]["ports"]}
    assert all(b["port"]["name"] in service_ports for b in backends)


def test_kubernetes_trusts_x_forwarded_for_from_the_pod_network_only():
    (config_map,) = [r for r in kubernetes_resources() if r["kind"] == "ConfigMap"]
    trusted = config_map["data"]["FORWARDED_ALLOW_IPS"]
    assert "*" not in trusted, "any peer could choose the address it is limited as"
    networks = [ipaddress.ip_network(part.strip()) for part in trusted.split(",")]
    assert networks and all(network.is_private for network in networks), trusted
    text = KUBERNETES.read_text()
    comment = text[:text.index("FORWARDED_ALLOW_IPS: ")].rsplit("data:", 1)[1]
    assert "ADJUST IT" in comment and "pod network" in comment, "say to adjust it, and to what"
    docs = (ROOT / "docs" / "deploy.md").read_text()
    assert trusted in docs and "FORWARDED_ALLOW_IPS" in docs


def ingress_routes(path: str) -> bool:
    """Whether the Ingress sends `path` to the service (Kubernetes' Exact and Prefix rules:
    a prefix matches whole path segments)."""
    (ingress,) = [r for r in kubernetes_resources() if r["kind"] == "Ingress"]
    for rule in ingress["spec"]["rules"]:
        for entry in rule["http"]["paths"]:
            route, kind = entry["path"], entry["pathType"]
            if kind == "Exact" and path == route:
                return True
            if kind == "Prefix" and (route == "/" or path == route.rstrip("/")
                                     or path.startswith(route.rstrip("/") + "/")):
                return True
    return False


def test_the_ingress_routes_every_public_path_of_the_service_and_never_the_webhook():
    """The service's routes, read from the app itself: a new public route that the Ingress
    does not route fails here."""
    from api.main import create_app
    from api.routes import webhook
    from api.settings import Settings

    app = create_app(Settings(database_url="sqlite://"))
    paths = {route.path for route in [*app.routes, *webhook.router.routes] if hasattr(route, "path")}
    assert "/webhook" in paths and "/api/chat" in paths, paths
    for path in sorted(paths - {"/webhook"}):
        assert ingress_routes(path.replace("{sender}", "abc")), f"{path} is not routed"
    for path in ("/webhook", "/webhook/", "/webhooks", "/actions"):
        assert not ingress_routes(path), f"the Ingress routes {path}"
