"""A small chaos run (``python -m bench.chaos``) in both delivery modes, as a user would run it.

It starts its own broker with scripts/kafka.sh (so it needs the same Java/Maven set-up as the other
integration tests), two workers, kills one worker with SIGKILL while it processes, and counts the
outputs. The full run (50,000 inputs, three worker kills, a broker kill) is in docs/operations.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.integration


def chaos(*args: str) -> tuple[int, str]:
    command = [sys.executable, "-m", "bench.chaos", "--messages", "1500", "--worker-kills", "1", "--broker-kills", "0", *args]
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    return finished.returncode, finished.stdout + finished.stderr


def figure(name: str, output: str) -> int:
    return int(re.search(rf"^{name}:\s+(\d+)", output, re.M).group(1))


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_a_killed_worker_loses_nothing_and_exactly_once_repeats_nothing(kafka_bootstrap, guarantee):
    status, output = chaos("--guarantee", guarantee)
    assert figure("inputs", output) == 1500, output
    assert figure("lost", output) == 0, output
    if guarantee == "exactly_once":
        assert figure("repeated", output) == 0, output
    assert "did not process again" not in output, output
    assert status == 0, output
