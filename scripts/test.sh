#!/usr/bin/env bash
# Set up the project's virtualenv and run the test suite against a real Kafka broker:
#
#   scripts/test.sh                  all tests (unit + integration)
#   scripts/test.sh tests/unit -q    any pytest arguments
#
# Steps: create .venv with Python 3.11+ if it is missing; install the package with its test and
# bench extras, building its Rust extension with cargo (again only when pyproject.toml or native/
# changed); start the local broker with scripts/kafka.sh unless one already runs; export KAFKA_BOOTSTRAP_SERVERS; run pytest; stop the
# broker again if this script started it, whatever happens.
#
# Environment (all optional):
#   KAFKA_BOOTSTRAP_SERVERS   use this broker instead of starting the local one
#   NEWSWORKER_VENV           virtualenv to use (default <repo>/.venv)
#   PYTHON                    interpreter to create it with (default: newest python3.1x >= 3.11)
#   NEWSWORKER_FORCE_INSTALL  1: reinstall even if pyproject.toml did not change
#   NEWSWORKER_INSTALL_ONLY   1: stop after the install (used by .ci/run)
#   plus the KAFKA_* variables of scripts/kafka.sh (port, state dir, version...)
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
VENV="${NEWSWORKER_VENV:-$REPO_ROOT/.venv}"
KAFKA_SH="$REPO_ROOT/scripts/kafka.sh"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

say() { echo "test.sh: $*" >&2; }

die() {
    say "ERROR: $*"
    exit 1
}

is_python_311_plus() {
    [[ -n "$1" ]] && command -v "$1" >/dev/null 2>&1 &&
        "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        if is_python_311_plus "$candidate"; then
            command -v "$candidate"
            return
        fi
    done
    die "no Python 3.11+ found (set PYTHON=/path/to/python3.11; Debian: apt-get install python3 python3-venv)"
}

ensure_venv() {
    if [[ -x "$VENV/bin/python" ]] && is_python_311_plus "$VENV/bin/python"; then
        return
    fi
    local python
    python="$(find_python)"
    say "creating $VENV with $("$python" --version 2>&1)"
    rm -rf "$VENV"
    "$python" -m venv "$VENV" ||
        die "could not create a virtualenv with $python (Debian: apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
}

# Install (editable) only when pyproject.toml or the interpreter changed since the last install.
ensure_installed() {
    local stamp="$VENV/.newsworker-install-stamp" wanted
    # pyproject.toml and the Rust sources of the compiled extension (an edit there must rebuild it)
    wanted="$( (cat pyproject.toml native/Cargo.toml native/Cargo.lock; find native/src -type f -name '*.rs' -print0 | sort -z | xargs -0 cat; "$VENV/bin/python" --version) | sha256sum | cut -d' ' -f1)"
    if [[ "${NEWSWORKER_FORCE_INSTALL:-0}" != 1 && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        say "package already installed in $VENV (pyproject.toml unchanged)"
        return
    fi
    say "installing newsworker with its test and bench extras into $VENV"
    local started=$SECONDS
    "$VENV/bin/python" -m pip install --quiet -e '.[test,bench]' || die "pip install failed (see above)"
    echo "$wanted" >"$stamp"
    say "installed in $((SECONDS - started)) s"
}

STARTED_BROKER=0
stop_broker() {
    if [[ "$STARTED_BROKER" == 1 ]]; then
        STARTED_BROKER=0
        bash "$KAFKA_SH" stop || say "WARNING: could not stop the broker; run scripts/kafka.sh stop"
    fi
}
trap stop_broker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_venv
ensure_installed
if [[ "${NEWSWORKER_INSTALL_ONLY:-0}" == 1 ]]; then
    exit 0
fi

if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    say "using the broker at KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS"
elif bash "$KAFKA_SH" status >/dev/null 2>&1; then
    KAFKA_BOOTSTRAP_SERVERS="$(bash "$KAFKA_SH" bootstrap)"
    say "using the local broker already running at $KAFKA_BOOTSTRAP_SERVERS (left running)"
else
    STARTED_BROKER=1
    KAFKA_BOOTSTRAP_SERVERS="$(bash "$KAFKA_SH" start)" || die "the Kafka broker did not start (see above)"
fi
export KAFKA_BOOTSTRAP_SERVERS

say "running pytest $*"
set +e
"$VENV/bin/python" -m pytest "$@"
status=$?
set -e
exit "$status"
