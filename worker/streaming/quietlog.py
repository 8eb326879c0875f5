"""Keep a worker's log readable when something fails over and over (a broker outage, say).

During an outage the Kafka client and Faust log every failed attempt: tens of ERROR lines a second
per worker, which buries everything else and costs log storage. :class:`OneLinePerInterval` is a
handler filter that lets at most one warning-or-worse line through per interval and appends to the
next line it lets through how many it held back, so nothing disappears without a count. Lines below
WARNING pass untouched: they are rare, and start-up and shutdown need them.
"""

from __future__ import annotations

import logging
import time


class OneLinePerInterval(logging.Filter):
    def __init__(self, interval_seconds: float = 1.0, clock=time.monotonic):
        super().__init__()
        self.interval_seconds = interval_seconds
        self.clock = clock
        self.last_emitted = float("-inf")
        self.suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        now = self.clock()
        if now - self.last_emitted < self.interval_seconds:
            self.suppressed += 1
            return False
        if self.suppressed:
            record.msg = f"{record.getMessage()} [{self.suppressed} more warning/error lines suppressed since the last one]"
            record.args = None
            self.suppressed = 0
        self.last_emitted = now
        return True


def quieten_repeated_failures(interval_seconds: float = 1.0) -> OneLinePerInterval:
    """Install one shared filter on every handler of the root logger (records from all loggers reach them)."""
    quiet = OneLinePerInterval(interval_seconds)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(existing, OneLinePerInterval) for existing in handler.filters):
            handler.addFilter(quiet)
    return quiet
