#!/usr/bin/env bash
# Run a real single-node Apache Kafka broker (KRaft, no ZooKeeper) on loopback, without Docker.
#
#   scripts/kafka.sh start       start it (no-op if already running), wait until it answers,
#                                print its bootstrap address on stdout
#   scripts/kafka.sh stop        stop it (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT seconds)
#   scripts/kafka.sh status      say whether it runs; exit 0 if it does, 3 if not
#   scripts/kafka.sh bootstrap   print its bootstrap address (127.0.0.1:PORT)
#   scripts/kafka.sh reset       stop it and delete its data (topics, offsets, logs)
#
# Why this way: the integration tests and CI need a real broker, and CI machines have Java and
# Maven but no Docker engine. So the broker's jars are resolved from Maven Central with Maven
# (scripts/kafka/pom.xml) once, cached outside the repo, and the broker runs as a plain JVM.
#
# Environment (all optional):
#   KAFKA_VERSION          Kafka release to run (default 4.1.1; must be 4.x)
#   KAFKA_PORT             client (PLAINTEXT) port (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default KAFKA_PORT + 1)
#   KAFKA_STATE_DIR        data, logs, config and pid file (default <repo>/.kafka)
#   NEWSWORKER_CACHE       where resolved jars are cached (default ~/.cache/newsworker)
#   KAFKA_HEAP_OPTS        JVM heap flags (default -Xms128m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 120)
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL (default 30)
#   JAVA_HOME              Java 17+ to use (default: java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
TEMPLATES="$SCRIPT_DIR/kafka"

KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
PORT="${KAFKA_PORT:-9092}"
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "kafka.sh: ERROR: KAFKA_PORT=$PORT is not a TCP port" >&2; exit 1; }
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
STATE_DIR="${KAFKA_STATE_DIR:-$REPO_ROOT/.kafka}"
CACHE_DIR="${NEWSWORKER_CACHE:-${HOME:-/tmp}/.cache/newsworker}"
LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
CONFIG="$STATE_DIR/server.properties"
CONSOLE_LOG="$LOG_DIR/console.log"
BOOTSTRAP="127.0.0.1:$PORT"

say() { echo "kafka.sh: $*" >&2; }

die() {
    say "ERROR: $*"
    exit 1
}

show_log_tail() {
    local file
    for file in "$CONSOLE_LOG" "$LOG_DIR/server.log"; do
        if [[ -s "$file" ]]; then
            say "last lines of $file:"
            tail -n 30 "$file" | sed 's/^/    /' >&2
        fi
    done
}

java_bin() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        die "java not found: install a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
    fi
}

check_java_version() {
    local java version major
    java="$(java_bin)"
    version="$("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p')"
    version="${version%%$'\n'*}"
    major="${version%%.*}"
    [[ "$major" =~ ^[0-9]+$ ]] || die "cannot read the version of $java (got '${version}')"
    ((major >= 17)) || die "Kafka $KAFKA_VERSION needs Java 17+, $java is $version"
}

check_port_number() {
    local name="$1" value="$2"
    if ! [[ "$value" =~ ^[0-9]+$ ]] || ((value < 1 || value > 65535)); then
        die "$name=$value is not a TCP port"
    fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Resolve the broker's jars with Maven into the cache, once per Kafka version. The jars land in a
# temporary directory first so that an interrupted resolution never leaves a half-filled cache.
ensure_libs() {
    if [[ -f "$LIBS/.complete" ]]; then
        return
    fi
    command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (Debian: apt-get install maven) to resolve the Kafka jars"
    say "resolving Kafka $KAFKA_VERSION jars from Maven Central into $LIBS (once per version)"
    local staging started
    mkdir -p "$CACHE_DIR"
    staging="$(mktemp -d "$CACHE_DIR/.kafka-$KAFKA_VERSION.XXXXXX")"
    started=$SECONDS
    if ! mvn -B -q -f "$TEMPLATES/pom.xml" \
        -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$staging/libs" \
        >"$staging/mvn.log" 2>&1; then
        tail -n 40 "$staging/mvn.log" | sed 's/^/    /' >&2
        rm -rf "$staging"
        die "Maven could not resolve org.apache.kafka:kafka_2.13:$KAFKA_VERSION (see above)"
    fi
    ls "$staging/libs"/kafka_2.13-*.jar >/dev/null 2>&1 || {
        rm -rf "$staging"
        die "Maven finished but no kafka_2.13 jar was copied"
    }
    touch "$staging/libs/.complete"
    rm -rf "$LIBS"
    mkdir -p "$(dirname "$LIBS")"
    mv "$staging/libs" "$LIBS"
    rm -rf "$staging"
    say "resolved $(find "$LIBS" -name '*.jar' | wc -l) jars in $((SECONDS - started)) s"
}

kafka_java() {
    # shellcheck disable=SC2086  # HEAP_OPTS holds several flags on purpose
    "$(java_bin)" $HEAP_OPTS \
        -Dlog4j2.configurationFile="$TEMPLATES/log4j2.xml" \
        -Dkafka.logs.dir="$LOG_DIR" \
        -cp "$LIBS/*" "$@"
}

# The pid of our broker if it runs, else nothing. A pid file whose process is gone, or is now some
# other program (pids are reused), counts as not running.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 0
    local pid command_line
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
    command_line="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    if [[ "$command_line" == *" kafka.Kafka "* ]]; then
        echo "$pid"
    fi
}

write_config() {
    local config
    config="$(<"$TEMPLATES/server.properties.template")"
    config="${config//@PORT@/"$PORT"}"
    config="${config//@CONTROLLER_PORT@/"$CONTROLLER_PORT"}"
    config="${config//@DATA_DIR@/"$DATA_DIR"}"
    printf '%s\n' "$config" >"$CONFIG"
}

# Format the KRaft storage on first start. The config names the controller through
# controller.quorum.bootstrap.servers, so the format needs --standalone.
format_storage() {
    if [[ -f "$DATA_DIR/meta.properties" ]]; then
        return
    fi
    local cluster_id
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$CONSOLE_LOG")" ||
        { show_log_tail; die "could not generate a cluster id"; }
    mkdir -p "$DATA_DIR"
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" --standalone \
        >>"$CONSOLE_LOG" 2>&1 || { show_log_tail; die "could not format the storage in $DATA_DIR"; }
}

# True once the broker serves metadata to a real client (not just an open port).
broker_answers() {
    timeout 30 "$(java_bin)" -Xmx128m \
        -Dlog4j2.configurationFile="$TEMPLATES/log4j2.xml" -Dkafka.logs.dir="$LOG_DIR/tools" \
        -cp "$LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list \
        >/dev/null 2>>"$LOG_DIR/tools.log"
}

cmd_start() {
    check_port_number KAFKA_PORT "$PORT"
    check_port_number KAFKA_CONTROLLER_PORT "$CONTROLLER_PORT"
    [[ "$PORT" != "$CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        say "already running (pid $pid) at $BOOTSTRAP"
        echo "$BOOTSTRAP"
        return
    fi
    rm -f "$PID_FILE"
    local port
    for port in "$PORT" "$CONTROLLER_PORT"; do
        port_open "$port" && die "port $port on 127.0.0.1 is taken by another program; choose free ports with KAFKA_PORT (and KAFKA_CONTROLLER_PORT)"
    done
    check_java_version
    ensure_libs
    mkdir -p "$DATA_DIR" "$LOG_DIR"
    # Fresh logs for this run, so that a failure shows this run's lines, not the last run's.
    : >"$CONSOLE_LOG"
    [[ -f "$LOG_DIR/server.log" ]] && mv -f "$LOG_DIR/server.log" "$LOG_DIR/server.log.previous"
    write_config
    format_storage

    local started=$SECONDS
    say "starting Kafka $KAFKA_VERSION on $BOOTSTRAP (controller 127.0.0.1:$CONTROLLER_PORT, state in $STATE_DIR)"
    # setsid: the broker must not die with the shell that started it, nor get its Ctrl-C.
    # 9>&-: it must not inherit the lock, or the next stop would wait for it forever.
    # shellcheck disable=SC2086  # HEAP_OPTS holds several flags on purpose
    setsid nohup bash -c 'exec "$@"' kafka "$(java_bin)" $HEAP_OPTS -XX:+UseG1GC \
        -Dlog4j2.configurationFile="$TEMPLATES/log4j2.xml" -Dkafka.logs.dir="$LOG_DIR" \
        -cp "$LIBS/*" kafka.Kafka "$CONFIG" \
        </dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"

    while ! port_open "$PORT" || ! broker_answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            show_log_tail
            die "the broker exited during start-up (see the log above)"
        fi
        if ((SECONDS - started > START_TIMEOUT)); then
            show_log_tail
            cmd_stop || true
            die "the broker did not answer on $BOOTSTRAP within ${START_TIMEOUT} s"
        fi
        sleep 1
    done
    say "ready at $BOOTSTRAP (pid $pid) after $((SECONDS - started)) s"
    echo "$BOOTSTRAP"
}

cmd_stop() {
    local pid
    pid="$(running_pid)"
    if [[ -z "$pid" ]]; then
        rm -f "$PID_FILE"
        say "not running"
        return
    fi
    say "stopping the broker (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= STOP_TIMEOUT * 5)); then
            say "still running after ${STOP_TIMEOUT} s: sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    rm -f "$PID_FILE"
    say "stopped"
}

cmd_status() {
    local pid
    pid="$(running_pid)"
    if [[ -n "$pid" ]]; then
        echo "running (pid $pid) at $BOOTSTRAP, Kafka $KAFKA_VERSION, state in $STATE_DIR"
    else
        echo "not running"
        return 3
    fi
}

cmd_reset() {
    cmd_stop
    rm -rf "$DATA_DIR" "$LOG_DIR" "$CONFIG"
    say "deleted the broker's data and logs in $STATE_DIR"
}

# Serialise start/stop/reset so two callers (say, two terminals) cannot start two brokers.
with_lock() {
    mkdir -p "$STATE_DIR"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$STATE_DIR/.lock"
        flock -w 300 9 || die "another kafka.sh holds $STATE_DIR/.lock"
    fi
    "$@"
}

case "${1:-}" in
start) with_lock cmd_start ;;
stop) with_lock cmd_stop ;;
reset) with_lock cmd_reset ;;
status) cmd_status ;;
bootstrap) echo "$BOOTSTRAP" ;;
*)
    echo "usage: $0 start|stop|status|bootstrap|reset" >&2
    exit 2
    ;;
esac
