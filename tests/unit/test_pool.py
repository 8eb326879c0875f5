"""The pipeline pool: same outcomes as the handler, a budget per input, and stuck or dead children replaced."""

from __future__ import annotations

import asyncio
import os
import signal

import orjson
import pytest

from worker.handling import HandlerSettings, SourceRef, handle
from worker.streaming.pool import PipelinePool


def raw(content: str, content_type: str = "text/plain") -> bytes:
    return orjson.dumps({"id": "p1", "content": content, "content_type": content_type, "url": "https://example.com/a"})


PAGE = raw("A headline about the harbour\n\n" + "The harbour reopened on Monday after the storm, officials said. " * 20)
# Many distinct short lines: enough work that a 50 ms budget cannot cover it on any machine.
SLOW_PAGE = raw("\n".join(f"Line {n} of a long page about item {n * 7919 % 10007} and more words here." for n in range(60_000)))


STORY = (
    "The council met on Tuesday to discuss the new bridge. Residents asked why the work was late. "
    "The engineer said the river had been higher than expected all spring, and that the contractor "
    "would add a second crew in June so that the road could open before the school year."
)


def run(coroutine):
    return asyncio.run(coroutine)


def test_pool_outcome_equals_the_handlers():
    async def scenario():
        pool = PipelinePool(1, 60.0, HandlerSettings())
        await pool.start()
        try:
            outcome, seconds = await pool.handle(PAGE, b"k", SourceRef("t", 0, 5))
        finally:
            await pool.close()
        return outcome, seconds

    outcome, seconds = run(scenario())
    expected = handle(PAGE, b"k", source=SourceRef("t", 0, 5))
    assert seconds > 0
    assert [key for key, _ in outcome.articles] == [key for key, _ in expected.articles]
    ours, theirs = outcome.articles[0][1], expected.articles[0][1]
    assert ours["paragraphs"] == theirs["paragraphs"] and ours["title"] == theirs["title"]


def test_an_input_past_its_budget_becomes_a_timeout_dead_letter_and_the_pool_carries_on():
    async def scenario():
        pool = PipelinePool(1, 0.05, HandlerSettings())
        await pool.start()
        try:
            slow, _ = await pool.handle(SLOW_PAGE, b"slow", SourceRef("t", 0, 1))
            pool.budget_seconds = 60.0
            after, _ = await pool.handle(PAGE, b"next", SourceRef("t", 0, 2))
        finally:
            await pool.close()
        return pool, slow, after

    pool, slow, after = run(scenario())
    assert not slow.articles and len(slow.dead_letters) == 1
    letter = slow.dead_letters[0][1]
    assert letter["error"]["kind"] == "timeout" and "budget of 0.05 s" in letter["error"]["message"]
    assert letter["source"] == {"topic": "t", "partition": 0, "offset": 1}
    assert pool.timeouts == 1
    assert len(after.articles) == 1, "the replacement process did not take the next input"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_child_that_dies_gives_a_worker_crashed_dead_letter_and_is_replaced():
    async def scenario():
        pool = PipelinePool(1, 60.0, HandlerSettings())
        await pool.start()
        try:
            (child,) = list(pool._children)
            pending = asyncio.ensure_future(pool.handle(SLOW_PAGE, None, SourceRef("t", 2, 9)))
            await asyncio.sleep(0.3)
            os.kill(child.process.pid, signal.SIGKILL)
            crashed, _ = await pending
            after, _ = await pool.handle(PAGE, None, SourceRef("t", 2, 10))
        finally:
            await pool.close()
        return pool, crashed, after

    pool, crashed, after = run(scenario())
    assert crashed.dead_letters[0][1]["error"]["kind"] == "worker_crashed"
    assert "exit code -9" in crashed.dead_letters[0][1]["error"]["message"]
    assert pool.crashes == 1 and len(after.articles) == 1


def test_pool_processes_inputs_in_parallel_and_each_gets_its_own_outcome():
    async def scenario():
        pool = PipelinePool(2, 60.0, HandlerSettings())
        await pool.start()
        try:
            pages = [raw(f"Title {n}\n\nParagraph number {n} tells its own story about the town. " + STORY) for n in range(6)]
            return await asyncio.gather(*(pool.handle(page, str(n).encode(), SourceRef("t", 0, n)) for n, page in enumerate(pages)))
        finally:
            await pool.close()

    results = run(scenario())
    for n, (outcome, _) in enumerate(results):
        assert f"Paragraph number {n} " in outcome.articles[0][1]["paragraphs"][0]["text"]
