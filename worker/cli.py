"""The ``worker`` command: run the streaming worker, or the same pipeline over files.

- ``worker run``: the Faust worker (topics created when missing; SIGTERM drains and exits).
- ``worker clean [FILE ...|-]``: RawArticle JSON Lines in, Article / SpamEvent / DeadLetter JSON
  Lines out, through the very handler the agent uses (worker.handling.handle).
- ``worker produce FILE``: send a JSON Lines file of RawArticles to the raw topic.
- ``worker tail TOPIC``: print a topic's messages (demos, DLQ inspection).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import sys
from typing import BinaryIO, Iterator

from worker import __version__
from worker.contracts.messages import dumps
from worker.handling import HandlerSettings, SourceRef, handle
from worker.streaming.config import ConfigError, Settings


def _input_lines(paths: list[str]) -> Iterator[tuple[str, int, bytes]]:
    """(file name, line number, line bytes) of every non-blank line of the inputs."""
    for path in paths or ["-"]:
        stream: BinaryIO
        with (contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")) as stream:
            for number, line in enumerate(stream, start=1):
                line = line.rstrip(b"\r\n")
                if line.strip():
                    yield (path, number, line)


@contextlib.contextmanager
def _output(path: str | None, default: BinaryIO | None):
    if path is None:
        yield default
    elif path == "-":
        yield sys.stdout.buffer
    else:
        with open(path, "wb") as stream:
            yield stream


def command_clean(args: argparse.Namespace, settings: Settings) -> int:
    handler_settings = HandlerSettings(
        max_message_bytes=settings.max_message_bytes,
        dlq_max_payload_bytes=settings.dlq_max_payload_bytes,
        pipeline=settings.pipeline,
    )
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


async def _produce(path: str, settings: Settings) -> int:
    import orjson
    from aiokafka import AIOKafkaProducer

    from worker.streaming.kafka import client_options, ensure_topics, topic_message_limit

    await ensure_topics(settings)
    producer = AIOKafkaProducer(**client_options(settings), acks="all", max_request_size=topic_message_limit(settings))
    await producer.start()
    sent = 0
    try:
        for _, _, line in _input_lines([path]):
            key = None
            with contextlib.suppress(orjson.JSONDecodeError, TypeError, AttributeError):
                document = orjson.loads(line)
                key = (document.get("id") or document.get("url") or "").encode("utf-8") or None
            await producer.send(settings.topic_raw, value=line, key=key)
            sent += 1
        await producer.flush()
    finally:
        await producer.stop()
    print(f"sent {sent} messages to {settings.topic_raw}", file=sys.stderr)
    return 0


def command_produce(args: argparse.Namespace, settings: Settings) -> int:
    return asyncio.run(_produce(args.file, settings))


async def _tail(topic: str, max_messages: int, idle_seconds: float, settings: Settings) -> int:
    from aiokafka import AIOKafkaConsumer

    from worker.streaming.kafka import client_options

    options = client_options(settings)
    consumer = AIOKafkaConsumer(topic, **options, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None)
    await consumer.start()
    shown = 0
    try:
        while shown < max_messages:
            batches = await consumer.getmany(timeout_ms=int(idle_seconds * 1000), max_records=max_messages - shown)
            if not batches:
                break  # nothing new for idle_seconds
            for records in batches.values():
                for record in records:
                    sys.stdout.buffer.write((record.value or b"") + b"\n")
                    shown += 1
            sys.stdout.flush()
    finally:
        await consumer.stop()
    print(f"{shown} messages from {topic}", file=sys.stderr)
    return 0


def command_tail(args: argparse.Namespace, settings: Settings) -> int:
    topics = {"raw": settings.topic_raw, "clean": settings.topic_clean, "spam": settings.topic_spam, "dlq": settings.topic_dlq}
    return asyncio.run(_tail(topics.get(args.topic, args.topic), args.max, args.idle, settings))


def command_run(args: argparse.Namespace, settings: Settings) -> int:
    from faust.worker import Worker

    from worker.pipeline.enrich import language
    from worker.streaming.app import create_app
    from worker.streaming.kafka import ensure_topics

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(ensure_topics(settings))
    language.preload()  # load the language model now, not on the first message
    app = create_app(settings)
    # Everything allocated so far lives as long as the process: keep the garbage collector from
    # rescanning it on every collection (about 8% of pipeline time on the speed benchmark).
    gc.collect()
    gc.freeze()
    worker = Worker(app, loglevel=settings.log_level, loop=loop)
    worker.execute_from_commandline()  # returns by SystemExit after a clean shutdown
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="worker", description="newsworker: clean, segment and spam-check news pages.")
    parser.add_argument("--version", action="version", version=f"newsworker {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("run", help="run the streaming worker (configuration from environment variables)")

    clean = commands.add_parser("clean", help="run the pipeline over JSON Lines of RawArticles")
    clean.add_argument("files", nargs="*", help="input files ('-' or none: stdin)")
    clean.add_argument("--articles-out", metavar="P", help="where Articles go (default: stdout)")
    clean.add_argument("--spam-out", metavar="P", help="where SpamEvents go (default: dropped)")
    clean.add_argument("--dlq-out", metavar="P", help="where DeadLetters go (default: a line on stderr each)")
    clean.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")

    produce = commands.add_parser("produce", help="send a JSON Lines file of RawArticles to the raw topic")
    produce.add_argument("file")

    tail = commands.add_parser("tail", help="print the messages of a topic as JSON Lines, from the beginning")
    tail.add_argument("topic", help="clean, spam, dlq, raw, or a topic name")
    tail.add_argument("--max", type=int, default=100, help="stop after this many messages (default 100)")
    tail.add_argument("--idle", type=float, default=5.0, help="stop after this many seconds without a message")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers = {"run": command_run, "clean": command_clean, "produce": command_produce, "tail": command_tail}
    return handlers[args.command](args, settings)


if __name__ == "__main__":
    sys.exit(main())
