"""The README's commands work as written on a fresh clone: the scripts it names are executable.

A script committed without its executable bit answers "Permission denied" to a reader who types
`scripts/test.sh`; CI would not notice if it called the script through `bash`. So: every script
the README or CI runs by path must be executable with a shebang, and `.ci/run` must run the
README's test command exactly as the README writes it.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
README = REPO_ROOT / "README.md"
CI_RUN = REPO_ROOT / ".ci" / "run"


def _shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL)


def _scripts_run_by_path(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w/.-])((?:scripts|\.ci)/[\w./-]+)", text))


def test_the_readme_runs_the_worker_and_the_tests_with_these_commands():
    commands = {line.split("#")[0].strip() for block in _shell_blocks(README.read_text("utf-8")) for line in block.splitlines()}
    assert {"scripts/dev-worker.sh", "scripts/test.sh"} <= commands


@pytest.mark.parametrize(
    "script",
    sorted(
        _scripts_run_by_path("\n".join(_shell_blocks(README.read_text("utf-8"))))
        | _scripts_run_by_path(CI_RUN.read_text("utf-8"))
        | {".ci/run"}
    ),
)
def test_every_script_run_by_path_is_executable_with_a_shebang(script):
    path = REPO_ROOT / script
    assert path.is_file(), f"{script} is named but does not exist"
    assert os.access(path, os.X_OK), f"{script} is not executable: git update-index --chmod=+x {script}"
    assert path.read_text("utf-8").startswith("#!/usr/bin/env bash\n")


def test_git_records_the_executable_bits():
    # What a fresh clone gets is the mode in git's index, not the one in this working tree.
    listed = subprocess.run(["git", "ls-files", "-s", "scripts", ".ci"], cwd=REPO_ROOT, capture_output=True, text=True)
    if listed.returncode != 0 or not listed.stdout:
        pytest.skip("not a git checkout")
    modes = {line.split("\t")[1]: line.split()[0] for line in listed.stdout.splitlines()}
    shell_scripts = [name for name in modes if name.endswith(".sh") or name == ".ci/run"]
    assert shell_scripts
    assert {name: modes[name] for name in shell_scripts if modes[name] != "100755"} == {}


def test_ci_runs_the_readme_test_command_as_written():
    ci = CI_RUN.read_text("utf-8")
    code = "\n".join(line for line in ci.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"^scripts/test\.sh\b", code, re.MULTILINE), "CI must run scripts/test.sh itself"
    assert not re.search(r"\bbash\s+scripts/", code), "CI runs a script through bash: a missing executable bit would go unnoticed"
    assert re.search(r"^scripts/container-check\.sh\b", code, re.MULTILINE)
