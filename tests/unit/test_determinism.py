"""The same input gives the same outputs in every process, whatever Python's hash seed.

Event ids are derived from the findings, so a finding whose kind or span depended on set or dict
iteration order would give a different id in each worker process, breaking de-duplication.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[2]
SEED = (REPO / "tests" / "fixtures" / "ecns-counterfeits.txt").read_text("utf-8")
PROSE = [
    "Travel tips for a long weekend in the mountains, with trains, hotels and a few hiking routes.",
    "The regional railway runs a morning train every hour, and the trip from the city takes about two hours.",
    "Most hotels in the valley ask guests to book at least a week ahead during the summer holidays.",
    "The easiest hike starts at the station and follows the river to a small lake above the village.",
    "Walkers should carry water and a warm layer, because the weather on the ridge can change quickly.",
]
# A keyword list in which two keywords are equally common: the tie must be broken the same way
# in every process.
TIED_KEYWORDS = "\n".join(
    PROSE[:3]
    + [" | ".join(f"unlock iphone {n} price" if n % 2 else f"iphone unlock {n} cheap" for n in range(8))]
    + PROSE[3:]
)
SCRIPT = """
import sys, orjson
from worker.handling import handle
from datetime import datetime, timezone
now = datetime(2026, 1, 1, tzinfo=timezone.utc)
for line in sys.stdin.buffer:
    outcome = handle(line.rstrip(b"\\n"), clock=lambda: now)
    sys.stdout.buffer.write(orjson.dumps([outcome.articles, outcome.spam_events]) + b"\\n")
"""


def run_with_hash_seed(seed: str, lines: bytes) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=lines, env=env, cwd=REPO, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_outputs_do_not_depend_on_the_hash_seed():
    lines = b"".join(orjson.dumps({"id": name, "content": content}) + b"\n" for name, content in (("seed", SEED), ("tied", TIED_KEYWORDS)))
    first = run_with_hash_seed("1", lines)
    assert first.count(b"\n") == 2 and b"spam-" in first
    for seed in ("2", "3", "4"):
        assert run_with_hash_seed(seed, lines) == first
