"""docker-compose.yml is valid Compose and agrees with the worker's configuration.

No Docker engine runs where the tests run, so the file is checked statically: against the Compose
Specification's JSON schema (shipped inside the check-jsonschema package, read as a data file), and
against ``worker.streaming.config`` for variable names, topics, bootstrap address and web port.
"""

from __future__ import annotations

import copy
import importlib.metadata
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from worker.streaming.config import DEFAULTS, VARIABLES, Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
DOCKERFILE = REPO_ROOT / "Dockerfile"
KAFKA_SERVICE = "kafka"
TOPIC_INIT_SERVICE = "kafka-init"
WORKER_SERVICE = "worker"
TOPIC_VARIABLES = ("WORKER_TOPIC_RAW", "WORKER_TOPIC_CLEAN", "WORKER_TOPIC_SPAM", "WORKER_TOPIC_DLQ")


def _compose_schema() -> dict:
    distribution = importlib.metadata.distribution("check-jsonschema")
    for file in distribution.files or ():
        if file.name == "compose-spec.json":
            return json.loads(Path(distribution.locate_file(file)).read_text("utf-8"))
    raise AssertionError("check-jsonschema no longer ships compose-spec.json")


@pytest.fixture(scope="module")
def compose_validator() -> jsonschema.protocols.Validator:
    schema = _compose_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text("utf-8"))


def _environment(service: dict) -> dict[str, str]:
    """A service's environment as a mapping, whether written as a mapping or as KEY=VALUE items."""
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
    return {name: "" if value is None else str(value) for name, value in environment.items()}


def _listeners(value: str) -> dict[str, tuple[str, int]]:
    """``NAME://host:port,...`` as {NAME: (host, port)}; an empty host means all interfaces."""
    listeners = {}
    for entry in value.split(","):
        name, address = entry.strip().split("://", 1)
        host, port = address.rsplit(":", 1)
        listeners[name] = (host, int(port))
    return listeners


def _errors(validator, document) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def test_compose_file_is_valid_against_the_compose_specification(compose_validator, compose):
    assert _errors(compose_validator, compose) == []


def test_the_compose_schema_rejects_a_broken_file(compose_validator, compose):
    # Proves the validation above is live: the same file with a malformed service must fail.
    broken = copy.deepcopy(compose)
    broken["services"][WORKER_SERVICE]["depends_on"] = {KAFKA_SERVICE: {"condition": "service_sleepy"}}
    broken["services"][WORKER_SERVICE]["no_such_key"] = True
    assert len(_errors(compose_validator, broken)) >= 2


def test_every_worker_variable_is_one_the_worker_reads(compose):
    known = {variable.name for variable in VARIABLES}
    environment = _environment(compose["services"][WORKER_SERVICE])
    assert environment, "the worker service sets no environment"
    assert sorted(set(environment) - known) == []


def test_worker_environment_is_a_valid_configuration(compose):
    settings = Settings.from_env(_environment(compose["services"][WORKER_SERVICE]))
    assert settings.topic_partitions >= 1


def test_worker_bootstraps_from_the_internal_listener_of_the_kafka_service(compose):
    kafka = compose["services"][KAFKA_SERVICE]
    kafka_env = _environment(kafka)
    advertised = _listeners(kafka_env["KAFKA_ADVERTISED_LISTENERS"])
    bound = _listeners(kafka_env["KAFKA_LISTENERS"])
    internal_names = {KAFKA_SERVICE, kafka.get("hostname", KAFKA_SERVICE)}
    internal = {(host, port) for name, (host, port) in advertised.items() if host in internal_names}
    assert internal, f"no listener of {KAFKA_SERVICE} is advertised under its service name: {advertised}"

    for service in (WORKER_SERVICE, TOPIC_INIT_SERVICE):
        bootstrap = _environment(compose["services"][service])["KAFKA_BOOTSTRAP_SERVERS"]
        for server in bootstrap.split(","):
            host, port = server.strip().rsplit(":", 1)
            assert (host, int(port)) in internal, f"{service}: {server} is not an internal listener of {KAFKA_SERVICE}"
            listener = next(name for name, address in advertised.items() if address == (host, int(port)))
            assert bound[listener][1] == int(port), f"{listener} is advertised on {port} but bound on {bound[listener][1]}"
    assert kafka_env["KAFKA_INTER_BROKER_LISTENER_NAME"] in advertised


def test_the_host_reaches_kafka_on_localhost_9092(compose):
    kafka = compose["services"][KAFKA_SERVICE]
    advertised = _listeners(_environment(kafka)["KAFKA_ADVERTISED_LISTENERS"])
    assert ("localhost", 9092) in advertised.values()
    assert "9092:9092" in [str(port) for port in kafka.get("ports", [])]


def test_topic_job_creates_exactly_the_worker_topics(compose):
    init = compose["services"][TOPIC_INIT_SERVICE]
    init_env = _environment(init)
    worker_settings = Settings.from_env(_environment(compose["services"][WORKER_SERVICE]))
    worker_topics = [
        worker_settings.topic_raw,
        worker_settings.topic_clean,
        worker_settings.topic_spam,
        worker_settings.topic_dlq,
    ]
    assert [init_env[name] for name in TOPIC_VARIABLES] == worker_topics
    assert worker_topics == [DEFAULTS[name] for name in TOPIC_VARIABLES]
    assert int(init_env["WORKER_TOPIC_PARTITIONS"]) == worker_settings.topic_partitions

    script = "\n".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    assert "/opt/kafka/bin/kafka-topics.sh" in script and "--create" in script
    # "$$" is Compose's escape for a "$" that the container's shell expands.
    created = set(re.findall(r"\$\$\{?(WORKER_TOPIC_[A-Z]+)", script))
    assert created.issuperset(TOPIC_VARIABLES), f"the job does not create {set(TOPIC_VARIABLES) - created}"


def test_worker_waits_for_a_healthy_broker_and_its_topics(compose):
    depends_on = compose["services"][WORKER_SERVICE]["depends_on"]
    assert depends_on[KAFKA_SERVICE]["condition"] == "service_healthy"
    assert depends_on[TOPIC_INIT_SERVICE]["condition"] == "service_completed_successfully"
    assert compose["services"][KAFKA_SERVICE]["healthcheck"]["test"]
    assert compose["services"][TOPIC_INIT_SERVICE]["depends_on"][KAFKA_SERVICE]["condition"] == "service_healthy"


def test_published_web_port_is_the_worker_web_port(compose):
    worker = compose["services"][WORKER_SERVICE]
    web_port = Settings.from_env(_environment(worker)).web_port
    container_ports = []
    for port in worker["ports"]:
        if isinstance(port, dict):
            container_ports.append(int(port["target"]))
        else:
            container_ports.append(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    assert web_port in container_ports


def test_image_exposes_the_default_web_port_and_ships_the_schemas():
    dockerfile = DOCKERFILE.read_text("utf-8")
    assert re.search(rf"^EXPOSE\s+{DEFAULTS['WORKER_WEB_PORT']}\b", dockerfile, re.MULTILINE)
    # worker/contracts/schemas is a symlink into schemas/: without that directory the wheel has no schemas.
    assert re.search(r"^COPY\s+schemas/?\s", dockerfile, re.MULTILINE)
    assert re.search(r'^ENTRYPOINT\s+\["worker"\]', dockerfile, re.MULTILINE)


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in DOCKERFILE.read_text("utf-8").splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "") for line in text.splitlines() if line.strip()]


def test_both_stages_start_from_the_base_image_argument_defaulting_to_python_slim():
    instructions = _dockerfile_instructions()
    assert instructions[0] == ("ARG", "BASE_IMAGE=python:3.11-slim")
    stages = [arguments for instruction, arguments in instructions if instruction == "FROM"]
    assert len(stages) == 2, stages
    assert all(stage.split()[0] == "${BASE_IMAGE}" for stage in stages)


def test_the_runtime_stage_runs_as_a_numeric_non_root_user_with_a_healthcheck():
    instructions = _dockerfile_instructions()
    runtime = instructions[max(i for i, (instruction, _) in enumerate(instructions) if instruction == "FROM") :]
    users = [arguments for instruction, arguments in runtime if instruction == "USER"]
    assert users and users[-1].split(":")[0].isdigit() and int(users[-1].split(":")[0]) != 0
    [healthcheck] = [arguments for instruction, arguments in runtime if instruction == "HEALTHCHECK"]
    assert "/healthz" in healthcheck and "WORKER_WEB_PORT" in healthcheck
    # Only the virtualenv comes from the build stage: no sources, no build tools.
    copies = [arguments for instruction, arguments in runtime if instruction == "COPY"]
    assert copies == ["--from=build /opt/newsworker /opt/newsworker"]


def test_the_build_context_holds_everything_the_dockerfile_copies():
    ignore = [line.strip() for line in (REPO_ROOT / ".dockerignore").read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")]
    assert ignore[0] == "*", "the .dockerignore is an allow-list"
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    for instruction, arguments in _dockerfile_instructions():
        if instruction == "COPY" and not arguments.startswith("--from"):
            *sources, _ = arguments.split()
            for source in sources:
                assert source.rstrip("/") in allowed, f"COPY {source}: not in the build context (.dockerignore)"
                assert (REPO_ROOT / source).exists()
