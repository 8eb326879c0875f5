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

NEWSWORKER_INSTALL_ONLY=1 bash scripts/test.sh

STARTED_BROKER=0
if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    if ! bash scripts/kafka.sh status >/dev/null 2>&1; then
        STARTED_BROKER=1
    fi
    KAFKA_BOOTSTRAP_SERVERS="$(bash scripts/kafka.sh start)"
    export KAFKA_BOOTSTRAP_SERVERS
fi
stop_broker() {
    if [[ "$STARTED_BROKER" == 1 ]]; then
        bash scripts/kafka.sh stop || true
    fi
}
trap stop_broker EXIT

echo "dev-worker.sh: worker on $KAFKA_BOOTSTRAP_SERVERS; health http://127.0.0.1:${WORKER_WEB_PORT:-6066}/healthz" >&2
"$VENV/bin/worker" run &
WORKER_PID=$!
trap 'kill -TERM "$WORKER_PID" 2>/dev/null || true' INT TERM
wait "$WORKER_PID" || true
wait "$WORKER_PID" 2>/dev/null || true
