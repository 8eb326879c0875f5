"""Configuration from the environment: defaults, validation, and the README table agreeing with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from worker.streaming.config import VARIABLES, ConfigError, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults():
    settings = Settings.from_env({})
    assert settings.bootstrap_servers == "localhost:9092"
    assert (settings.topic_raw, settings.topic_clean, settings.topic_spam, settings.topic_dlq) == (
        "articles.raw",
        "articles.clean",
        "articles.spam",
        "articles.dlq",
    )
    assert settings.pipeline.default_timezone is None
    assert settings.security_protocol == "PLAINTEXT"


def test_values_are_read_and_typed():
    settings = Settings.from_env(
        {
            "WORKER_TOPIC_PARTITIONS": "12",
            "WORKER_DEFAULT_TIMEZONE": "Asia/Shanghai",
            "WORKER_SPAM_REMOVE_THRESHOLD": "0.7",
            "KAFKA_SECURITY_PROTOCOL": "sasl_ssl",
            "KAFKA_SASL_MECHANISM": "scram-sha-512",
        }
    )
    assert settings.topic_partitions == 12
    assert settings.pipeline.default_timezone == "Asia/Shanghai"
    assert settings.pipeline.spam_remove_threshold == 0.7
    assert (settings.security_protocol, settings.sasl_mechanism) == ("SASL_SSL", "SCRAM-SHA-512")


@pytest.mark.parametrize(
    "name, value",
    [
        ("WORKER_TOPIC_PARTITIONS", "many"),
        ("WORKER_TOPIC_PARTITIONS", "0"),
        ("WORKER_SPAM_FLAG_THRESHOLD", "1.5"),
        ("WORKER_DEFAULT_TIMEZONE", "Mars/Base"),
        ("KAFKA_SECURITY_PROTOCOL", "TLS"),
        ("WORKER_WEB_PORT", "70000"),
    ],
)
def test_bad_values_are_refused_with_the_variable_named(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_every_variable_is_documented_in_the_readme():
    readme = README.read_text("utf-8")
    missing = [v.name for v in VARIABLES if f"`{v.name}`" not in readme]
    assert not missing, f"not in the README's configuration table: {missing}"
