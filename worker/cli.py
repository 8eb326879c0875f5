"""The ``worker`` command: run the streaming worker, or the same pipeline over files.

- ``worker run``: the Faust worker (start-up checks, topics created when missing; SIGTERM drains
  and exits).
- ``worker clean [FILE ...|-]``: RawArticle JSON Lines in, Article / SpamEvent / DeadLetter JSON
  Lines out, through the very handler the agent uses (worker.handling.handle).
- ``worker produce FILE``: send a JSON Lines file of RawArticles to the raw topic.
- ``worker tail TOPIC``: print a topic's messages (demos, DLQ inspection), or follow it with -f.

What goes wrong in a newcomer's first hour (a missing file, no broker, a port in use, a topic with
too small a message limit) ends in one line on stderr that says what to do, and a non-zero exit
status (1; 2 for a bad command line or configuration), never in a traceback. The configuration's
documentation in ``--help`` is generated from worker.streaming.config.VARIABLES.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import shutil
import signal
import sys
import textwrap
import time
from typing import BinaryIO, Iterator

from worker import __version__
from worker.contracts.messages import dumps
from worker.handling import SourceRef, handle
from worker.streaming.config import ConfigError, Settings, environment_help

EXIT_FAILURE = 1
EXIT_USAGE = 2
# How often a waiting `tail` looks at the clock, its stop flag and the topic's end.
TAIL_POLL_MS = 500
# Without -f, how long `tail` waits for records it knows of (the end offset is beyond its position)
# that do not come, e.g. the markers that close transactions, before it stops anyway.
TAIL_STALL_SECONDS = 3.0
TAIL_DEFAULT_MAX = 100


class CommandError(Exception):
    """A failure the user can fix; its message is the one line shown."""


def _input_lines(paths: list[str]) -> Iterator[tuple[str, int, bytes]]:
    """(file name, line number, line bytes) of every non-blank line of the inputs."""
    for path in paths or ["-"]:
        stream: BinaryIO
        try:
            with (contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")) as stream:
                for number, line in enumerate(stream, start=1):
                    line = line.rstrip(b"\r\n")
                    if line.strip():
                        yield (path, number, line)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


def _check_readable(paths: list[str]) -> None:
    """Fail before any output or connection when an input file cannot be opened."""
    for path in paths:
        if path == "-":
            continue
        if os.path.isdir(path):
            raise CommandError(f"cannot read {path}: it is a directory (give the JSON Lines files in it)")
        try:
            with open(path, "rb"):
                pass
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror or error}") from None


@contextlib.contextmanager
def _output(path: str | None, default: BinaryIO | None):
    if path is None:
        yield default
    elif path == "-":
        yield sys.stdout.buffer
    else:
        try:
            stream = open(path, "wb")
        except OSError as error:
            raise CommandError(f"cannot write {path}: {error.strerror or error}") from None
        with stream:
            yield stream


def command_clean(args: argparse.Namespace, settings: Settings) -> int:
    _check_readable(args.files)
    handler_settings = settings.handler
    lines = _input_lines(args.files)
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        lines = tqdm(lines, unit=" pages", file=sys.stderr)
    counts = {"articles": 0, "spam": 0, "dead_letters": 0}
    with _output(args.articles_out, sys.stdout.buffer) as articles, _output(args.spam_out, None) as spam, _output(
        args.dlq_out, None
    ) as dlq:
        for path, number, line in lines:
            outcome = handle(line, None, settings=handler_settings, source=SourceRef(topic=f"file:{path}", offset=number))
            for _, message in outcome.articles:
                articles.write(dumps(message) + b"\n")
            for _, message in outcome.spam_events:
                if spam is not None:
                    spam.write(dumps(message) + b"\n")
            for _, message in outcome.dead_letters:
                if dlq is not None:
                    dlq.write(dumps(message) + b"\n")
                else:
                    print(f"{path}:{number}: dead letter ({message['error']['kind']}): {message['error']['message']}", file=sys.stderr)
            counts["articles"] += len(outcome.articles)
            counts["spam"] += len(outcome.spam_events)
            counts["dead_letters"] += len(outcome.dead_letters)
    if not args.quiet:
        print(f"articles: {counts['articles']}, spam events: {counts['spam']}, dead letters: {counts['dead_letters']}", file=sys.stderr)
    return 0


async def _connect(settings: Settings, *, create_topics: bool) -> None:
    """Wait for the broker (bounded), create the worker's topics when asked, check the raw topic."""
    from aiokafka.errors import KafkaError

    from worker.streaming import preflight
    from worker.streaming.kafka import ensure_topics

    await preflight.wait_for_broker(settings)
    if create_topics:
        try:
            await ensure_topics(settings)
        except KafkaError as error:
            raise CommandError(f"could not create the worker's topics on {settings.bootstrap_servers}: {error}") from None
    try:
        await preflight.check_raw_topic_limit(settings)
    except KafkaError as error:  # e.g. no permission to describe configs: the check is advice only
        logging.getLogger(__name__).warning("could not check the message limit of topic %s: %s", settings.topic_raw, error)


async def _produce(path: str, settings: Settings) -> int:
    import orjson
    from aiokafka import AIOKafkaProducer
    from aiokafka.errors import KafkaError

    from worker.streaming.kafka import client_options, topic_message_limit

    await _connect(settings, create_topics=True)
    producer = AIOKafkaProducer(**client_options(settings), acks="all", max_request_size=topic_message_limit(settings))
    await producer.start()
    deliveries: list[tuple[int, asyncio.Future]] = []
    failures: list[str] = []
    try:
        for _, number, line in _input_lines([path]):
            key = None
            with contextlib.suppress(orjson.JSONDecodeError, TypeError, AttributeError):
                document = orjson.loads(line)
                key = (document.get("id") or document.get("url") or "").encode("utf-8") or None
            try:
                deliveries.append((number, await producer.send(settings.topic_raw, value=line, key=key)))
            except KafkaError as error:  # refused before sending, e.g. larger than max_request_size
                failures.append(f"{path}:{number}: not sent ({len(line)} bytes): {error}")
        await producer.flush()
        for number, delivery in deliveries:
            try:
                await delivery
            except KafkaError as error:
                failures.append(f"{path}:{number}: refused by the broker: {error}")
    finally:
        await producer.stop()
    for failure in failures:
        print(failure, file=sys.stderr)
    delivered = len(deliveries) - sum(1 for failure in failures if "refused by the broker" in failure)
    print(f"sent {delivered} messages to {settings.topic_raw}" + (f"; {len(failures)} failed" if failures else ""), file=sys.stderr)
    return EXIT_FAILURE if failures else 0


def command_produce(args: argparse.Namespace, settings: Settings) -> int:
    _check_readable([args.file])
    return asyncio.run(_produce(args.file, settings))


def _write_out(data: bytes) -> bool:
    """Write to stdout; False once the reader has gone (``worker tail clean | head``)."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return False
    return True


async def _tail(topic: str, args: argparse.Namespace, settings: Settings) -> int:
    from aiokafka import AIOKafkaConsumer, TopicPartition

    from worker.streaming import preflight
    from worker.streaming.kafka import client_options

    max_messages = args.max if args.max is not None else (None if args.follow else TAIL_DEFAULT_MAX)
    await preflight.wait_for_broker(settings)
    consumer = AIOKafkaConsumer(
        **client_options(settings),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        # Outputs written in transactions show once committed, never when aborted.
        isolation_level="read_committed",
    )
    await consumer.start()
    stop_requested = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(stop_signal, stop_requested.set)
    shown = 0
    try:
        existing = await preflight.topic_partitions(settings)
        if not existing.get(topic):
            known = sorted(name for name in existing if not name.startswith("__"))
            raise CommandError(f"topic {topic} does not exist on {settings.bootstrap_servers} (topics there: {', '.join(known) or 'none'})")
        partitions = existing[topic]
        assigned = [TopicPartition(topic, partition) for partition in sorted(partitions)]
        consumer.assign(assigned)
        await consumer.seek_to_beginning(*assigned)
        end_at_start = await consumer.end_offsets(assigned)

        async def remaining(ends: dict) -> int:
            return sum([max(0, ends[tp] - await consumer.position(tp)) for tp in assigned])

        last_progress = time.monotonic()
        outcome = ""
        while not outcome:
            if stop_requested.is_set():
                outcome = "stopped (interrupted)"
                break
            limit = None if max_messages is None else max_messages - shown
            if limit == 0:
                more = await remaining(await consumer.end_offsets(assigned))
                outcome = f"stopped at --max {max_messages}" + (
                    f"; {more} more in the topic (raise --max, or follow it with -f)" if more else "; that is all the topic holds"
                )
                break
            batches = await consumer.getmany(timeout_ms=TAIL_POLL_MS, max_records=limit)
            records = [record for batch in batches.values() for record in batch]
            if records:
                if not _write_out(b"".join((record.value or b"") + b"\n" for record in records)):
                    return 0
                shown += len(records)
                last_progress = time.monotonic()
                continue
            quiet_for = time.monotonic() - last_progress
            if args.follow:
                if args.idle and quiet_for >= args.idle:
                    outcome = f"stopped: no new message for {args.idle:g} s (--idle)"
                continue
            if await remaining(end_at_start) == 0:
                if quiet_for >= (args.idle or 0):
                    outcome = "reached the end of the topic (-f follows it)"
            elif quiet_for >= max(args.idle or 0, TAIL_STALL_SECONDS):
                outcome = "stopped: the rest of the topic is transaction markers or uncommitted messages"
    finally:
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(stop_signal)
        await consumer.stop()
    print(f"{shown} message{'s' if shown != 1 else ''} from {topic}; {outcome}", file=sys.stderr)
    return 0


def command_tail(args: argparse.Namespace, settings: Settings) -> int:
    topics = {"raw": settings.topic_raw, "clean": settings.topic_clean, "spam": settings.topic_spam, "dlq": settings.topic_dlq}
    return asyncio.run(_tail(topics.get(args.topic, args.topic), args, settings))


def command_run(args: argparse.Namespace, settings: Settings) -> int:
    from faust.worker import Worker

    from worker.streaming import preflight
    from worker.streaming.app import create_app

    preflight.check_port_free(settings.web_host, settings.web_port)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(_connect(settings, create_topics=True))
    if settings.processing_guarantee == "exactly_once":
        from worker.streaming import transactional

        loop.run_until_complete(transactional.serve(settings))
        return 0
    # The pipeline runs in the app's process pool; each child loads the models as it starts.
    app = create_app(settings)
    # Everything allocated so far lives as long as the process: keep the garbage collector from
    # rescanning it on every collection (about 8% of pipeline time on the speed benchmark).
    gc.collect()
    gc.freeze()
    worker = Worker(app, loglevel=settings.log_level, loop=loop)
    worker.execute_from_commandline()  # returns by SystemExit after a clean shutdown
    return 0


SEE_CONFIGURATION = "Configuration is by environment variables: `worker --help` lists them all."


def _wrapped(text: str) -> str:
    """A description paragraph for the raw formatter (which keeps the settings' layout)."""
    return textwrap.fill(text, width=min(shutil.get_terminal_size((100, 24)).columns, 100) - 2)


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="worker",
        description="newsworker: clean, segment and spam-check news pages, from Kafka or from files.",
        epilog=environment_help(),
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"newsworker {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser(
        "run",
        help="run the streaming worker",
        description=_wrapped(
            "Run the streaming worker: check the web port and wait for the broker (bounded), create "
            "missing topics, check the raw topic's message limit, then consume the raw topic and publish "
            "articles, spam events and dead letters; serve /healthz and /metrics on the web port; drain and "
            "exit 0 on SIGTERM or Ctrl-C. It takes no options: everything is set by the environment "
            "variables below."
        ),
        epilog=environment_help(),
        formatter_class=formatter,
    )

    clean = commands.add_parser(
        "clean",
        help="run the pipeline over JSON Lines of RawArticles",
        description="Run the pipeline over JSON Lines of RawArticles, without Kafka. " + SEE_CONFIGURATION,
    )
    clean.add_argument("files", nargs="*", help="input files ('-' or none: stdin)")
    clean.add_argument("--articles-out", metavar="P", help="where Articles go (default: stdout)")
    clean.add_argument("--spam-out", metavar="P", help="where SpamEvents go (default: dropped)")
    clean.add_argument("--dlq-out", metavar="P", help="where DeadLetters go (default: a line on stderr each)")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")

    produce = commands.add_parser(
        "produce",
        help="send a JSON Lines file of RawArticles to the raw topic",
        description="Send each line of a JSON Lines file to the raw topic (key: the line's id or url), "
        "creating the worker's topics when missing. " + SEE_CONFIGURATION,
    )
    produce.add_argument("file", help="JSON Lines file ('-': stdin)")
    produce.add_argument("-v", "--verbose", action="store_true", help="show the Kafka client's log")

    tail = commands.add_parser(
        "tail",
        help="print the messages of a topic as JSON Lines, from the beginning",
        description="Print a topic's messages as JSON Lines on stdout, from the beginning, and a summary "
        "on stderr. Without -f it stops at the end of the topic (or at --max); with -f it waits for "
        "new messages until Ctrl-C. " + SEE_CONFIGURATION,
    )
    tail.add_argument("topic", help="clean, spam, dlq, raw (the configured topics), or any topic name")
    tail.add_argument("-f", "--follow", action="store_true", help="keep printing new messages until Ctrl-C (or --max, --idle)")
    tail.add_argument(
        "--max", type=int, default=None, metavar="N", help=f"stop after N messages (default {TAIL_DEFAULT_MAX}; with -f: no limit)"
    )
    tail.add_argument(
        "--idle",
        type=float,
        default=0.0,
        metavar="S",
        help="wait up to S seconds for new messages after the last one before stopping (default 0: stop at "
        "the end of the topic; with -f: never)",
    )
    tail.add_argument("-v", "--verbose", action="store_true", help="show the Kafka client's log")
    return parser


def _configure_logging(args: argparse.Namespace, settings: Settings) -> None:
    if args.command == "run" or getattr(args, "verbose", False):
        logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        return
    # The client commands print their results; the Kafka client's chatter only with --verbose.
    logging.basicConfig(level=logging.WARNING, format="worker: %(message)s")
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


def _user_error(error: Exception) -> str | None:
    """The one line to show for an error the user can act on, None for a bug (traceback).

    Kafka's and the checks' error classes are looked up only if loaded: `worker clean` never
    imports the Kafka client.
    """
    if isinstance(error, CommandError):
        return str(error)
    preflight = sys.modules.get("worker.streaming.preflight")
    if preflight is not None and isinstance(error, preflight.PreflightError):
        return str(error)
    kafka_errors = sys.modules.get("aiokafka.errors")
    if kafka_errors is not None and isinstance(error, kafka_errors.KafkaError):
        return f"Kafka: {error}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "max", None) is not None and args.max < 1:
        print("worker tail: error: --max must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    _configure_logging(args, settings)
    handlers = {"run": command_run, "clean": command_clean, "produce": command_produce, "tail": command_tail}
    try:
        return handlers[args.command](args, settings)
    except KeyboardInterrupt:
        print(f"worker {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        message = _user_error(error)
        if message is None:
            raise
        print(f"worker {args.command}: error: {message}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
