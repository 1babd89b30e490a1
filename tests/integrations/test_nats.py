"""nats-py on the real NATS server (JetStream on): publish, subscribe callbacks, request-reply, JetStream
publish and pull fetch."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from _support import (  # noqa: F401 - fixtures
    assert_one_operation_per_message,
    in_thread,
    record,
    sqlite_engine_fixture,
    unique,
    workflow_db_operations,
)
from conftest import Telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import track_messaging_operation, use_case

nats = pytest.importorskip("nats")
from botanu_data.integrations.nats import instrument_client, instrument_jetstream, uninstrument_client  # noqa: E402


async def _connect(url: str, **options: Any) -> Any:
    return instrument_client(await nats.connect(url, allow_reconnect=False, **options))


def _serve(url: str, subject: str, expected: int, handle: Callable[[Any], Awaitable[None]],
           ready: threading.Event, **options: Any) -> list[Any]:
    """In another thread, its own loop and connection: subscribe with a callback until ``expected`` messages."""
    async def serve() -> list[Any]:
        nc = await _connect(url, **options)
        got: list[Any] = []
        done = asyncio.Event()

        async def on_message(msg: Any) -> None:
            got.append(msg)
            if len(got) >= expected:
                done.set()
            await handle(msg)

        await nc.subscribe(subject, cb=on_message)
        await nc.flush()
        ready.set()
        await asyncio.wait_for(done.wait(), 15)
        await asyncio.sleep(0.05)  # let the last callback finish before closing
        await nc.close()
        return got

    return asyncio.run(serve())


def _start(target: Callable[[], Any]) -> tuple[threading.Thread, dict[str, Any]]:
    outcome: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: outcome.setdefault("value", target()), daemon=True)
    worker.start()
    return worker, outcome


def test_a_callback_in_another_thread_continues_the_publishers_run(
    otel: Telemetry, nats_url: str, sqlite_engine: Any
) -> None:
    subject, ready = unique("orders"), threading.Event()

    async def handle(msg: Any) -> None:
        record(sqlite_engine, msg.data)

    worker, outcome = _start(lambda: _serve(nats_url, subject, 2, handle, ready))
    assert ready.wait(10)

    async def publish() -> str:
        nc = await _connect(nats_url)
        with use_case("Ship orders") as run:
            await nc.publish(subject, b"order-1")
            await nc.publish(subject, b"order-22", headers={"app": "1"})
        await nc.flush()
        await nc.close()
        return run.run_id

    run_id = asyncio.run(publish())
    worker.join(20)
    got = outcome["value"]
    assert [m.data for m in got] == [b"order-1", b"order-22"] and got[1].headers["app"] == "1"
    sent, handled = otel.spans(f"publish {subject}"), otel.spans(f"consume {subject}")
    assert [s.kind for s in sent] == [SpanKind.PRODUCER] * 2 and [s.kind for s in handled] == [SpanKind.CONSUMER] * 2
    for producer, consumer in zip(sent, handled, strict=True):
        assert consumer.parent.span_id == producer.context.span_id
        assert [link.context.span_id for link in consumer.links] == [producer.context.span_id]
        assert consumer.attributes["botanu.run_id"] == producer.attributes["botanu.run_id"] == run_id
    assert [s.attributes["botanu.messaging.bytes_transferred"] for s in handled] == [7, 8]
    assert workflow_db_operations(otel, "Ship orders") == 2


def test_request_reply_carries_the_run_to_the_responder_and_back(otel: Telemetry, nats_url: str) -> None:
    subject, ready = unique("quote"), threading.Event()

    async def respond(msg: Any) -> None:
        await msg.respond(b"price:" + msg.data)

    worker, _ = _start(lambda: _serve(nats_url, subject, 1, respond, ready))
    assert ready.wait(10)

    async def ask() -> tuple[bytes, str]:
        nc = await _connect(nats_url)
        with use_case("Quote") as run:
            reply = await nc.request(subject, b"42", timeout=5)
        await nc.close()
        return reply.data, run.run_id

    data, run_id = asyncio.run(ask())
    worker.join(20)
    assert data == b"price:42"
    request = otel.span(f"publish {subject}")
    served = otel.span(f"consume {subject}")
    reply = otel.span("publish _INBOX")  # the reply inbox, one name for all of them
    assert served.parent.span_id == request.context.span_id and reply.parent.span_id == served.context.span_id
    assert reply.attributes["botanu.run_id"] == run_id and reply.attributes["botanu.messaging.bytes_transferred"] == 8


def test_next_msg_without_a_callback_is_a_receive_span_linked_to_the_publisher(otel: Telemetry, nats_url: str) -> None:
    subject = unique("jobs")

    async def scenario() -> tuple[Any, str]:
        consumer, producer = await _connect(nats_url), await _connect(nats_url)
        subscription = await consumer.subscribe(subject)  # no callback: read with next_msg
        await consumer.flush()
        with use_case("Queue jobs") as run:
            await producer.publish(subject, b"job-1")
        await producer.flush()
        msg = await subscription.next_msg(timeout=5)  # outside the run: the message brings it
        await producer.close()
        await consumer.close()
        return msg, run.run_id

    msg, run_id = in_thread(lambda: asyncio.run(scenario()))
    assert msg.data == b"job-1"
    sent = otel.span(f"publish {subject}")
    got = otel.span(f"receive {subject}")
    assert got.kind is SpanKind.CONSUMER and got.attributes["messaging.operation.type"] == "receive"
    assert [link.context.span_id for link in got.links] == [sent.context.span_id]
    assert got.parent is None  # its own trace: the wait began before the message was known
    assert got.attributes["botanu.run_id"] == run_id and got.attributes["botanu.workflow"] == "Queue jobs"
    assert got.attributes["botanu.messaging.bytes_transferred"] == 5
    assert otel.total("botanu.messaging.messages", messaging__operation="receive", botanu__workflow="Queue jobs",
                      messaging__destination__name=subject) == 1


def test_core_publish_and_subscribe_exact_at_zero_sampling(
    unsampled: Telemetry, nats_url: str, sqlite_engine: Any
) -> None:
    subject, ready = unique("events"), threading.Event()
    bodies = [b"c" * size for size in (1, 10, 100, 1000, 10000)]

    async def handle(msg: Any) -> None:
        record(sqlite_engine, msg.data)

    worker, outcome = _start(lambda: _serve(nats_url, subject, len(bodies), handle, ready))
    assert ready.wait(10)

    async def publish() -> None:
        nc = await _connect(nats_url)
        with use_case("Core events"):
            for body in bodies:
                await nc.publish(subject, body)
        await nc.flush()
        await nc.close()

    asyncio.run(publish())
    worker.join(20)
    assert [m.data for m in outcome["value"]] == bodies
    assert unsampled.spans() == []
    assert_one_operation_per_message(unsampled, "Core events", subject, ("publish", "consume"), bodies)
    assert workflow_db_operations(unsampled, "Core events") == len(bodies)


def test_jetstream_publish_and_pull_fetch_exact_at_zero_sampling(
    unsampled: Telemetry, nats_url: str, sqlite_engine: Any
) -> None:
    stream, subject = unique("stream").replace("-", "_"), unique("events")
    bodies = [b"e" * size for size in (1, 10, 100, 1000)]

    async def publish() -> None:
        nc = await _connect(nats_url)
        js = nc.jetstream()
        await js.add_stream(name=stream, subjects=[subject])
        with use_case("Event log"):
            for body in bodies:
                await js.publish(subject, body)
        await nc.close()

    async def consume() -> list[bytes]:
        nc = await _connect(nats_url)
        js = instrument_jetstream(nc.jetstream())
        pull = await js.pull_subscribe(subject, durable="worker", stream=stream)
        got: list[bytes] = []
        while len(got) < len(bodies):
            for msg in await pull.fetch(len(bodies) - len(got), timeout=5):
                with track_messaging_operation("nats", "process", subject, carrier=msg.headers):
                    record(sqlite_engine, msg.data)
                await msg.ack()
                got.append(msg.data)
        await js.delete_stream(stream)
        await nc.close()
        return got

    asyncio.run(publish())
    assert in_thread(lambda: asyncio.run(consume())) == bodies
    assert unsampled.spans() == []
    for operation in ("publish", "receive"):
        match = {"messaging__operation": operation, "botanu__workflow": "Event log",
                 "messaging__destination__name": subject}
        assert unsampled.total("botanu.messaging.messages", **match) == len(bodies)
        assert unsampled.total("botanu.messaging.bytes", **match) == sum(map(len, bodies))
    assert workflow_db_operations(unsampled, "Event log") == len(bodies)
    # JetStream's own API traffic (stream info, fetch requests, acks) is not counted as messages
    assert not [p for p in unsampled.points("botanu.messaging.operations")
                if str(p[0].get("messaging.destination.name", "")).startswith("$JS")]


def test_jetstream_fetch_is_linked_to_each_producer(otel: Telemetry, nats_url: str) -> None:
    stream, subject = unique("stream").replace("-", "_"), unique("events")

    async def scenario() -> str:
        nc = await _connect(nats_url)
        js = instrument_jetstream(nc.jetstream())
        await js.add_stream(name=stream, subjects=[subject])
        with use_case("Audit") as run:
            await js.publish(subject, b"a")
            await js.publish(subject, b"b")
        pull = await js.pull_subscribe(subject, durable="auditor", stream=stream)
        msgs = await pull.fetch(2, timeout=5)
        assert [m.data for m in msgs] == [b"a", b"b"]
        await js.delete_stream(stream)
        await nc.close()
        return run.run_id

    run_id = asyncio.run(scenario())
    sent = otel.spans(f"publish {subject}")
    fetched = otel.span(f"receive {subject}")
    assert [link.context.span_id for link in fetched.links] == [s.context.span_id for s in sent]
    assert fetched.attributes["botanu.run_id"] == run_id and fetched.attributes["messaging.batch.message_count"] == 2


def test_a_callback_that_raises_ends_its_span_and_reaches_the_error_callback(otel: Telemetry, nats_url: str) -> None:
    subject, ready, failure = unique("poison"), threading.Event(), ValueError("bad message")
    errors: list[BaseException] = []

    async def error_cb(error: BaseException) -> None:
        errors.append(error)

    async def handle(msg: Any) -> None:
        raise failure

    worker, _ = _start(lambda: _serve(nats_url, subject, 1, handle, ready, error_cb=error_cb))
    assert ready.wait(10)

    async def publish() -> None:
        nc = await _connect(nats_url)
        await nc.publish(subject, b"x")
        await nc.flush()
        await nc.close()

    asyncio.run(publish())
    worker.join(20)
    assert errors == [failure] and errors[0] is failure  # nats-py hands the callback's own error to error_cb
    span = otel.span(f"consume {subject}")
    assert span.status.status_code is StatusCode.ERROR and span.attributes["error.type"] == "ValueError"


def test_instrumenting_is_per_connection_and_reversible(nats_url: str) -> None:
    async def scenario() -> None:
        nc = await nats.connect(nats_url, allow_reconnect=False)
        instrument_client(nc)
        assert "publish" in vars(nc)
        assert uninstrument_client(nc) and "publish" not in vars(nc)
        await nc.close()

    asyncio.run(scenario())
