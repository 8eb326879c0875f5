#!/usr/bin/env bash
# Build the container image and run it for real against a local Kafka broker, with podman:
#
#   scripts/container-check.sh
#
# Checks, each printed as "ok: ..." (the first failure stops the script with exit status 1):
#   1. the image builds from the Dockerfile (base: NEWSWORKER_BASE_IMAGE, else the local Debian
#      base of scripts/container-base.sh, since no registry can be reached here);
#   2. `run -i IMAGE clean` cleans examples/raw_articles.jsonl on stdin, without a network;
#   3. the worker container (`worker run`, the default command) runs as a non-root user;
#   4. its /healthz answers with partitions assigned, and the image's own HEALTHCHECK passes;
#   5. the examples, sent with the image's `worker produce`, come out on the output topics (read
#      with the image's `worker tail`): the same articles, spam events and dead letters as `clean`;
#   6. SIGTERM makes it exit with status 0 within the drain time;
# and prints the image's size and the time of each step.
#
# The broker: KAFKA_BOOTSTRAP_SERVERS when set, else the local one of scripts/kafka.sh (left
# running if it already was, else started and stopped again). Topics and consumer group are new
# for each run, so old messages never count.
#
# Environment (all optional):
#   NEWSWORKER_BASE_IMAGE      base image (default: made by scripts/container-base.sh)
#   NEWSWORKER_IMAGE           tag of the image built (default localhost/newsworker:latest)
#   NEWSWORKER_DRAIN_SECONDS   longest SIGTERM-to-exit time accepted (default 10: `docker stop`'s grace)
#   plus the KAFKA_* variables of scripts/kafka.sh and those of scripts/podman.sh
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
PODMAN="$REPO_ROOT/scripts/podman.sh"
KAFKA_SH="$REPO_ROOT/scripts/kafka.sh"
IMAGE="${NEWSWORKER_IMAGE:-localhost/newsworker:latest}"
DRAIN_SECONDS="${NEWSWORKER_DRAIN_SECONDS:-10}"
EXAMPLES="$REPO_ROOT/examples/raw_articles.jsonl"
READY_TIMEOUT=120
OUTPUT_TIMEOUT=120
STARTED=$SECONDS

say() { echo "container-check.sh: $*" >&2; }

fail() {
    say "FAILED: $*"
    exit 1
}

ok() { echo "ok: $* ($((SECONDS - STARTED)) s)"; }

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/newsworker-container-check.XXXXXX")"
SUFFIX="check-$(date +%s)-$$"
CONTAINER="newsworker-$SUFFIX"
STARTED_BROKER=0

cleanup() {
    local status=$?
    if "$PODMAN" container exists "$CONTAINER" 2>/dev/null; then
        if ((status != 0)); then
            say "last lines of the worker container's log:"
            "$PODMAN" logs --tail 40 "$CONTAINER" 2>&1 | sed 's/^/    /' >&2 || true
        fi
        "$PODMAN" rm --force --time 0 "$CONTAINER" >/dev/null 2>&1 || true
    fi
    if [[ "$STARTED_BROKER" == 1 ]]; then
        "$KAFKA_SH" stop || say "WARNING: could not stop the broker; run scripts/kafka.sh stop"
    fi
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- 1. build ---------------------------------------------------------------------------------
base="${NEWSWORKER_BASE_IMAGE:-}"
if [[ -z "$base" ]]; then
    base="$("$REPO_ROOT/scripts/container-base.sh")" || fail "no base image (see above)"
fi
say "building $IMAGE from $base"
previous_id="$("$PODMAN" image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)"
build_started=$SECONDS
# --format docker: the OCI format has no HEALTHCHECK, and podman would drop it with a warning.
if ! "$PODMAN" build --network=host --format docker --build-arg BASE_IMAGE="$base" -t "$IMAGE" . \
    >"$WORK_DIR/build.log" 2>&1; then
    tail -n 40 "$WORK_DIR/build.log" | sed 's/^/    /' >&2
    fail "the image did not build (see above)"
fi
image_id="$("$PODMAN" image inspect --format '{{.Id}}' "$IMAGE")"
if [[ -n "$previous_id" && "$previous_id" != "$image_id" ]]; then
    # The image this one replaces; its layers that the new one shares stay.
    "$PODMAN" rmi "$previous_id" >/dev/null 2>&1 || true
fi
ok "built $IMAGE in $((SECONDS - build_started)) s"

# --- 2. clean on stdin, no network ------------------------------------------------------------
"$PODMAN" run --rm -i --network=none --no-healthcheck "$IMAGE" clean <"$EXAMPLES" \
    >"$WORK_DIR/clean.jsonl" 2>"$WORK_DIR/clean.err" ||
    { cat "$WORK_DIR/clean.err" >&2; fail "run -i IMAGE clean failed"; }
summary="$(grep -E '^articles: [0-9]+, spam events: [0-9]+, dead letters: [0-9]+$' "$WORK_DIR/clean.err")" ||
    { cat "$WORK_DIR/clean.err" >&2; fail "clean printed no summary"; }
read -r want_articles want_spam want_dlq <<<"$(sed -E 's/[^0-9]+/ /g' <<<"$summary")"
[[ "$(wc -l <"$WORK_DIR/clean.jsonl")" == "$want_articles" && "$want_articles" -gt 0 ]] ||
    fail "clean wrote $(wc -l <"$WORK_DIR/clean.jsonl") lines but reported $want_articles articles"
ok "run -i $IMAGE clean: $summary"

# --- the broker -------------------------------------------------------------------------------
if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
    bootstrap="$KAFKA_BOOTSTRAP_SERVERS"
elif "$KAFKA_SH" status >/dev/null 2>&1; then
    bootstrap="$("$KAFKA_SH" bootstrap)"
else
    STARTED_BROKER=1
    bootstrap="$("$KAFKA_SH" start)" || fail "the Kafka broker did not start"
fi
web_port="$(free_port)"
cat >"$WORK_DIR/worker.env" <<ENV
KAFKA_BOOTSTRAP_SERVERS=$bootstrap
WORKER_TOPIC_RAW=articles.raw.$SUFFIX
WORKER_TOPIC_CLEAN=articles.clean.$SUFFIX
WORKER_TOPIC_SPAM=articles.spam.$SUFFIX
WORKER_TOPIC_DLQ=articles.dlq.$SUFFIX
WORKER_GROUP_ID=newsworker-$SUFFIX
WORKER_WEB_PORT=$web_port
WORKER_WEB_HOST=127.0.0.1
ENV
# For the client commands: the same settings, one container each.
client() { "$PODMAN" run --rm -i --network=host --no-healthcheck --env-file "$WORK_DIR/worker.env" "$IMAGE" "$@"; }

# --- 3. the worker, non-root ------------------------------------------------------------------
# Without systemd podman cannot schedule the health check (it says so on stderr, kept in
# run.err); `podman healthcheck run` below runs it on demand.
"$PODMAN" run -d --name "$CONTAINER" --network=host --env-file "$WORK_DIR/worker.env" "$IMAGE" \
    >/dev/null 2>"$WORK_DIR/run.err" || { cat "$WORK_DIR/run.err" >&2; fail "the worker container did not start"; }
worker_uid="$("$PODMAN" exec "$CONTAINER" awk '/^Uid:/ { print $2 }' /proc/1/status)"
[[ "$worker_uid" =~ ^[0-9]+$ && "$worker_uid" != 0 ]] || fail "the worker runs as uid '$worker_uid', not as a non-root user"
ok "the worker process runs as uid $worker_uid ($("$PODMAN" exec "$CONTAINER" id -un))"

# --- 4. /healthz and HEALTHCHECK --------------------------------------------------------------
healthz() {
    python3 - "$web_port" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=3) as response:
    body = json.loads(response.read())
print(json.dumps(body))
sys.exit(0 if response.status == 200 and body.get("assignment") else 1)
PY
}
deadline=$((SECONDS + READY_TIMEOUT))
until health="$(healthz 2>/dev/null)"; do
    [[ "$("$PODMAN" inspect --format '{{.State.Running}}' "$CONTAINER")" == true ]] ||
        fail "the worker container exited during start-up"
    ((SECONDS < deadline)) || fail "/healthz did not report assigned partitions within $READY_TIMEOUT s"
    sleep 1
done
ok "/healthz answers: $health"
[[ "$("$PODMAN" image inspect --format '{{if .Config.Healthcheck}}yes{{end}}' "$IMAGE")" == yes ]] ||
    fail "the image has no HEALTHCHECK (built in OCI format?)"
"$PODMAN" healthcheck run "$CONTAINER" >/dev/null || fail "the image's HEALTHCHECK command failed"
ok "the image's HEALTHCHECK passes"

# --- 5. the examples through Kafka ------------------------------------------------------------
client produce - <"$EXAMPLES" 2>"$WORK_DIR/produce.err" ||
    { cat "$WORK_DIR/produce.err" >&2; fail "worker produce (in the image) failed"; }
# Each role: wait (-f) for as many messages as `clean` gave; then read it again to the end, so that
# any extra message (a duplicate) shows too.
read_topic() {
    local role="$1" want="$2"
    if ((want > 0)); then
        timeout "$OUTPUT_TIMEOUT" "$PODMAN" run --rm --network=host --no-healthcheck --env-file "$WORK_DIR/worker.env" \
            "$IMAGE" tail "$role" -f --max "$want" --idle "$OUTPUT_TIMEOUT" >/dev/null 2>>"$WORK_DIR/tail.err" || true
    fi
    client tail "$role" --max 1000 2>>"$WORK_DIR/tail.err"
}
read_topic clean "$want_articles" >"$WORK_DIR/topic-clean.jsonl"
read_topic spam "$want_spam" >"$WORK_DIR/topic-spam.jsonl"
read_topic dlq "$want_dlq" >"$WORK_DIR/topic-dlq.jsonl"
python3 - "$WORK_DIR" "$want_articles" "$want_spam" "$want_dlq" <<'PY' || fail "the output topics do not hold what clean gave (see above)"
import json, sys
from pathlib import Path
work, want = Path(sys.argv[1]), dict(zip(("clean", "spam", "dlq"), map(int, sys.argv[2:5])))
def lines(name):
    return [json.loads(line) for line in (work / name).read_text("utf-8").splitlines() if line.strip()]
got = {role: lines(f"topic-{role}.jsonl") for role in want}
problems = [f"{role}: {len(got[role])} messages, expected {want[role]}" for role in want if len(got[role]) != want[role]]
ids_clean = sorted(article["article_id"] for article in lines("clean.jsonl"))
ids_topic = sorted(article["article_id"] for article in got["clean"])
if ids_clean != ids_topic:
    problems.append(f"article ids differ: clean {ids_clean}, topic {ids_topic}")
if any(article.get("paragraphs") in (None, []) for article in got["clean"]):
    problems.append("an article on the topic has no paragraphs")
for problem in problems:
    print("    " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
ok "the examples came out on the output topics: $want_articles articles, $want_spam spam events, $want_dlq dead letters"

# --- 6. SIGTERM -------------------------------------------------------------------------------
"$PODMAN" kill --signal TERM "$CONTAINER" >/dev/null
stop_started=$SECONDS
timeout "$DRAIN_SECONDS" "$PODMAN" wait "$CONTAINER" >/dev/null ||
    fail "the worker did not exit within $DRAIN_SECONDS s of SIGTERM"
exit_code="$("$PODMAN" inspect --format '{{.State.ExitCode}}' "$CONTAINER")"
[[ "$exit_code" == 0 ]] || fail "the worker exited with status $exit_code after SIGTERM"
ok "SIGTERM: exit status 0 after $((SECONDS - stop_started)) s (limit $DRAIN_SECONDS s)"

size_bytes="$("$PODMAN" image inspect --format '{{.Size}}' "$IMAGE")"
base_bytes="$("$PODMAN" image inspect --format '{{.Size}}' "$base" 2>/dev/null || echo 0)"
echo "image $IMAGE: $((size_bytes / 1000000)) MB (base $base: $((base_bytes / 1000000)) MB)"
echo "container check passed in $((SECONDS - STARTED)) s"
