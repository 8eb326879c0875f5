"""The log filter that keeps a broker outage from flooding the log."""

import logging

from worker.streaming.quietlog import OneLinePerInterval


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def record(level=logging.ERROR, message="connect failed to %s", args=("b1",)):
    return logging.LogRecord("aiokafka", level, __file__, 1, message, args, None)


def test_one_error_line_per_interval_and_the_next_line_counts_the_suppressed():
    clock = FakeClock()
    quiet = OneLinePerInterval(1.0, clock)
    passed = []
    for step in range(50):  # 50 errors in 2.5 s
        clock.now = step * 0.05
        line = record()
        if quiet.filter(line):
            passed.append(line.getMessage())
    assert len(passed) == 3  # at 0.0, 1.0 and 2.0 s
    assert passed[0] == "connect failed to b1"
    assert passed[1].startswith("connect failed to b1 [19 more warning/error lines suppressed")


def test_info_lines_always_pass():
    clock = FakeClock()
    quiet = OneLinePerInterval(1.0, clock)
    assert quiet.filter(record(logging.ERROR))
    assert all(quiet.filter(record(logging.INFO, "started", ())) for _ in range(10))
    assert not quiet.filter(record(logging.WARNING))
