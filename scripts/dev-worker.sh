#!/usr/bin/env bash
# Quick start: set up the virtualenv, start a local Kafka broker, and run the streaming worker.
#
#   scripts/dev-worker.sh
#
# Then, in another shell, feed it pages:  .venv/bin/worker produce examples/raw_articles.jsonl
# Ctrl-C (or SIGTERM) stops the worker cleanly, then the broker this script started.
# Worker settings come from the environment (see the README's configuration table).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
VENV="${NEWSWORKER_VENV:-$REPO_ROOT/.venv}"

NEWSWORKER_INSTALL_ONLY=1 scripts/test.sh

STARTED_BROKER=0
if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    if ! scripts/kafka.sh status >/dev/null 2>&1; then
        STARTED_BROKER=1
    fi
    KAFKA_BOOTSTRAP_SERVERS="$(scripts/kafka.sh start)"
    export KAFKA_BOOTSTRAP_SERVERS
fi
stop_broker() {
    if [[ "$STARTED_BROKER" == 1 ]]; then
        scripts/kafka.sh stop || true
    fi
}
trap stop_broker EXIT

echo "dev-worker.sh: worker on $KAFKA_BOOTSTRAP_SERVERS; health http://127.0.0.1:${WORKER_WEB_PORT:-6066}/healthz" >&2
"$VENV/bin/worker" run &
WORKER_PID=$!
trap 'kill -TERM "$WORKER_PID" 2>/dev/null || true' INT TERM
status=0
wait "$WORKER_PID" || status=$?
# A signal ends the first wait early (status > 128): wait for the worker to finish draining, and
# exit with its status (0 after a clean drain; 1 when, say, its start-up checks failed).
if ((status > 128)) && kill -0 "$WORKER_PID" 2>/dev/null; then
    status=0
    wait "$WORKER_PID" || status=$?
fi
exit "$status"
