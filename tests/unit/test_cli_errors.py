"""The first-hour mistakes end in one actionable line and a non-zero exit, never a traceback.

None of these needs a broker: missing files are caught before any connection, the web port is
checked before the broker, and an unreachable broker is a closed port on this machine.
"""

from __future__ import annotations

import socket

import pytest

from worker.cli import main


@pytest.fixture
def no_broker(monkeypatch) -> str:
    """A bootstrap address where nothing listens, and a short wait for it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", address)
    monkeypatch.setenv("WORKER_BROKER_WAIT_SECONDS", "1")
    return address


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert "Traceback" not in captured.err
    assert len(lines) == 1, captured.err
    return lines[0]


@pytest.mark.parametrize("command", ["produce", "clean"])
def test_a_missing_input_file_is_one_line_naming_it(command, tmp_path, capsys, no_broker):
    missing = tmp_path / "pages.jsonl"
    assert main([command, str(missing)]) == 1
    line = one_error_line(capsys)
    assert line.startswith(f"worker {command}: error: cannot read {missing}")
    assert "No such file or directory" in line
    assert capsys.readouterr().out == ""


def test_a_directory_given_as_input_says_so(tmp_path, capsys, no_broker):
    assert main(["produce", str(tmp_path)]) == 1
    assert "is a directory" in one_error_line(capsys)


def test_clean_checks_every_file_before_writing_anything(tmp_path, capsysbinary):
    good = tmp_path / "good.jsonl"
    good.write_bytes(b'{"content": "A plain sentence that makes an article of its own."}\n')
    assert main(["clean", str(good), str(tmp_path / "missing.jsonl")]) == 1
    captured = capsysbinary.readouterr()
    assert captured.out == b""  # nothing from good.jsonl either
    assert b"missing.jsonl" in captured.err


def test_an_unwritable_output_is_one_line(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"content": "x"}\n')
    target = tmp_path / "no-such-dir" / "out.jsonl"
    assert main(["clean", str(source), "--articles-out", str(target)]) == 1
    assert f"cannot write {target}" in one_error_line(capsys)


def test_an_unreachable_broker_is_retried_then_named(tmp_path, capsys, caplog, no_broker):
    source = tmp_path / "in.jsonl"
    source.write_text('{"content": "x"}\n')
    assert main(["produce", str(source)]) == 1
    error = one_error_line(capsys)
    assert error.startswith("worker produce: error: cannot reach the Kafka broker: ")
    assert f"{no_broker} (connection refused)" in error
    assert "KAFKA_BOOTSTRAP_SERVERS" in error
    # One warning announces the retries, not one per attempt, and the client says nothing itself.
    warnings = [record.getMessage() for record in caplog.records if record.levelname != "DEBUG"]
    assert len(warnings) == 1 and "retrying for up to 1 s" in warnings[0], warnings


def test_tail_with_an_unreachable_broker_is_one_error(capsys, no_broker):
    assert main(["tail", "clean"]) == 1
    assert f"{no_broker} (connection refused)" in capsys.readouterr().err


def test_run_checks_the_web_port_before_anything_else(capsys, monkeypatch, no_broker):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        monkeypatch.setenv("WORKER_WEB_HOST", "127.0.0.1")
        monkeypatch.setenv("WORKER_WEB_PORT", str(port))
        assert main(["run"]) == 1
    line = one_error_line(capsys)
    assert f"port 127.0.0.1:{port} is already in use (WORKER_WEB_PORT={port})" in line
    assert "broker" not in line


def test_a_bad_setting_exits_2_naming_the_variable(capsys, monkeypatch):
    monkeypatch.setenv("WORKER_WEB_PORT", "http")
    assert main(["tail", "clean"]) == 2
    assert "WORKER_WEB_PORT" in one_error_line(capsys)


def test_tail_refuses_a_max_below_one(capsys):
    assert main(["tail", "clean", "--max", "0"]) == 2
    assert "--max" in one_error_line(capsys)


def test_tail_help_documents_follow_max_and_idle(capsys):
    with pytest.raises(SystemExit):
        main(["tail", "--help"])
    text = capsys.readouterr().out
    for option in ("-f, --follow", "--max N", "--idle S", "-v, --verbose"):
        assert option in text
