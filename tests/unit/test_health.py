"""What /healthz says: 200 while a broker answers, 503 (and for how long) while none does."""

import asyncio
import socket

from worker.handling import HandlerSettings
from worker.streaming.config import Settings
from worker.streaming.health import BrokerProbe, health_report
from worker.streaming.pool import PipelinePool


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def test_the_probe_tells_a_listening_broker_from_a_silent_one():
    async def scenario():
        listener = await asyncio.start_server(lambda reader, writer: writer.close(), "127.0.0.1", 0)
        port = listener.sockets[0].getsockname()[1]
        answering = BrokerProbe(f"127.0.0.1:{closed_port()},127.0.0.1:{port}")
        silent = BrokerProbe(f"127.0.0.1:{closed_port()}")
        await answering.probe()
        await silent.probe()
        listener.close()
        return answering, silent

    answering, silent = asyncio.run(scenario())
    assert answering.reachable and answering.report() == {"reachable": True}
    assert not silent.reachable and silent.report()["reachable"] is False
    assert silent.report()["unreachable_for_seconds"] >= 0


def test_health_report_is_503_while_the_broker_is_unreachable():
    settings = Settings.from_env({})
    pool = PipelinePool(1, 10.0, HandlerSettings())  # not started: the report only reads its counters
    probe = BrokerProbe("127.0.0.1:1")
    status, body = health_report(settings, probe, pool, set())
    assert status == 200 and body["status"] == "ok"
    probe.reachable, probe.unreachable_since = False, 0.0
    status, body = health_report(settings, probe, pool, set())
    assert status == 503 and body["status"] == "broker_unreachable"
    assert body["processing_guarantee"] == "at_least_once" and body["timeouts"] == 0
