"""Run the shared handler in child processes, each input under a time budget.

Why processes: the pipeline is CPU-bound Python. On the event loop it would freeze every partition,
the consumer's heartbeats, ``/healthz`` and ``/metrics`` while one page is processed; in threads it
would hold the GIL and use one core. A pool of child processes uses the cores the worker may use and
leaves the event loop free.

Why our own small pool instead of ``concurrent.futures.ProcessPoolExecutor``: a page that runs past
its budget must be stopped, and an executor cannot kill one of its processes without breaking the
whole pool. Here every child is a :class:`_Child` with its own pipe: the parent sends it one input,
waits for the answer at most ``budget_seconds``, and on time-out kills that child, answers with a
``timeout`` dead letter and starts a replacement. A child that dies (a crash in compiled code, the
kernel's OOM killer) is replaced the same way and its input becomes a ``worker_crashed`` dead letter.

Children are started with ``spawn`` (a fresh interpreter: forking a process that runs an event loop
and client threads is unsafe) and load the pipeline's models before they report ready, so the first
input is not slow. Waiting on a pipe is done in a thread of the pool's own executor, one per child,
so the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

from worker.handling import HandlerSettings, Outcome, SourceRef, dead_letter, handle, utc_now

log = logging.getLogger(__name__)

# How long a new child may take to import the pipeline and load its models before start() gives up.
CHILD_START_SECONDS = 120.0


def _child_main(connection: Connection, settings: HandlerSettings) -> None:
    """A child's loop: load the pipeline, say ready, then answer one input at a time until told to stop."""
    import gc

    from worker import pipeline

    pipeline.preload()
    # The models live as long as the process: keep the collector from rescanning them on every
    # collection (about 8% of pipeline time on the speed benchmark).
    gc.collect()
    gc.freeze()
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:  # the parent went away
            return
        if request is None:
            return
        value, key, source = request
        connection.send(handle(value, key, settings=settings, source=source))


@dataclass(eq=False)  # hashed by identity: the pool keeps its children in a set
class _Child:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    def kill(self, grace_seconds: float = 0.0) -> None:
        """Stop the process (after ``grace_seconds`` to finish on its own) and close the pipe."""
        if grace_seconds:
            self.process.join(timeout=grace_seconds)
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class _Timeout(Exception):
    pass


def _round_trip(child: _Child, request: tuple, budget_seconds: float) -> tuple[Outcome, float]:
    """Send one input to a child and wait for its outcome (in an executor thread)."""
    started = time.perf_counter()
    child.connection.send(request)
    if not child.connection.poll(budget_seconds):
        raise _Timeout(time.perf_counter() - started)
    outcome = child.connection.recv()  # EOFError when the child died
    return outcome, time.perf_counter() - started


class PipelinePool:
    """``await pool.handle(value, key, source)`` gives the same Outcome as ``handling.handle``."""

    def __init__(self, size: int, budget_seconds: float, settings: HandlerSettings):
        if size < 1:
            raise ValueError("a pool needs at least one process")
        self.size = size
        self.budget_seconds = budget_seconds
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Child] = asyncio.Queue()
        self._children: set[_Child] = set()
        self._threads = ThreadPoolExecutor(max_workers=size + 1, thread_name_prefix="pipeline-pool")
        self._closed = False
        self._background: set[asyncio.Task] = set()  # replacements under way (kept: tasks are weakly held)
        self.timeouts = 0
        self.crashes = 0

    def _spawn(self) -> _Child:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_child_main, args=(child_end, self.settings), name="newsworker-pipeline", daemon=True)
        process.start()
        child_end.close()
        if not parent_end.poll(CHILD_START_SECONDS) or parent_end.recv() != "ready":
            process.kill()
            raise RuntimeError(f"a pipeline process did not start within {CHILD_START_SECONDS:.0f} s")
        child = _Child(process, parent_end)
        self._children.add(child)
        return child

    async def start(self) -> None:
        """Start every child (in parallel) and wait until each has loaded the pipeline."""
        loop = asyncio.get_running_loop()
        children = await asyncio.gather(*(loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size)))
        for child in children:
            self._idle.put_nowait(child)

    async def _replace(self, child: _Child) -> None:
        """Kill a child (stuck or dead) and put a fresh one in its place, off the event loop."""
        loop = asyncio.get_running_loop()
        self._children.discard(child)
        await loop.run_in_executor(self._threads, child.kill)
        if self._closed:
            return
        try:
            self._idle.put_nowait(await loop.run_in_executor(self._threads, self._spawn))
        except Exception:  # noqa: BLE001 - keep running with one child less rather than stop
            log.exception("could not replace a pipeline process; %d left", len(self._children))

    def _in_background(self, coroutine) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def handle(self, value: bytes | None, key: bytes | None, source: SourceRef) -> tuple[Outcome, float]:
        """Process one input in a child; returns its outcome and the seconds it took."""
        loop = asyncio.get_running_loop()
        child = await self._idle.get()
        try:
            outcome, seconds = await loop.run_in_executor(
                self._threads, _round_trip, child, (value, key, source), self.budget_seconds
            )
        except _Timeout as stopped:
            self.timeouts += 1
            seconds = stopped.args[0]
            self._in_background(self._replace(child))
            reason = (
                f"processing took longer than the budget of {self.budget_seconds:g} s "
                f"(stopped after {seconds:.1f} s; WORKER_MAX_PROCESSING_SECONDS)"
            )
            return self._dead_letter(value, key, source, "timeout", reason), seconds
        except (EOFError, OSError) as error:
            self.crashes += 1
            await loop.run_in_executor(self._threads, child.process.join, 2.0)
            code = child.process.exitcode
            self._in_background(self._replace(child))
            reason = f"the pipeline process died while processing this input (exit code {code}): {type(error).__name__}"
            return self._dead_letter(value, key, source, "worker_crashed", reason), 0.0
        self._idle.put_nowait(child)
        return outcome, seconds

    def _dead_letter(self, value: bytes | None, key: bytes | None, source: SourceRef, kind: str, reason: str) -> Outcome:
        letter = dead_letter(value, key, kind, reason, source, utc_now(), self.settings.dlq_max_payload_bytes)
        return Outcome(dead_letters=[(key, letter)])

    async def close(self) -> None:
        """Ask every child to stop, then kill what is left."""
        self._closed = True
        loop = asyncio.get_running_loop()
        for child in list(self._children):
            try:
                child.connection.send(None)
            except OSError:
                pass
        await asyncio.gather(*(loop.run_in_executor(self._threads, child.kill, 2.0) for child in list(self._children)))
        self._children.clear()
        self._threads.shutdown(wait=False)
