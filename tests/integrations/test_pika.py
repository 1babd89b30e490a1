"""pika on the real RabbitMQ broker: instrument_channel's publish, consume callbacks and basic_get."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from _support import (  # noqa: F401 - fixtures
    assert_one_operation_per_message,
    in_thread,
    record,
    sqlite_engine_fixture,
    unique,
    wait_for,
    workflow_db_operations,
)
from conftest import Telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import use_case

pika = pytest.importorskip("pika")
from botanu_data.integrations.pika import instrument_channel, uninstrument_channel  # noqa: E402


def _connect(url: str) -> Any:
    return pika.BlockingConnection(pika.URLParameters(url))


@pytest.fixture
def queue(rabbitmq_url: str) -> Iterator[str]:
    name = unique("pika")
    connection = _connect(rabbitmq_url)
    connection.channel().queue_declare(name)
    yield name
    channel = connection.channel()
    channel.queue_delete(name)
    connection.close()


@pytest.fixture
def producer(rabbitmq_url: str) -> Iterator[Any]:
    connection = _connect(rabbitmq_url)
    yield instrument_channel(connection.channel())
    connection.close()


def _consume(url: str, queue: str, expected: int, handle: Any) -> list[bytes]:
    """In the calling thread: an instrumented channel of its own delivers ``expected`` messages to ``handle``."""
    connection = _connect(url)
    try:
        channel = instrument_channel(connection.channel())
        bodies: list[bytes] = []

        def on_message(ch: Any, method: Any, properties: Any, body: bytes) -> None:
            handle(properties, body)
            bodies.append(body)
            ch.basic_ack(method.delivery_tag)

        channel.basic_consume(queue, on_message)
        wait_for(lambda: connection.process_data_events(time_limit=0.05) or len(bodies) >= expected,
                 what=f"{expected} deliveries")
        return bodies
    finally:
        connection.close()


def test_callback_in_another_thread_continues_the_producers_run(
    otel: Telemetry, rabbitmq_url: str, queue: str, producer: Any, sqlite_engine: Any
) -> None:
    bodies = [b"order-1", b"order-22"]
    with use_case("Ship orders") as run:
        for body in bodies:
            producer.basic_publish("", queue, body)  # no properties: the helper makes them, with headers
    seen: list[dict] = []

    def handle(properties: Any, body: bytes) -> None:
        seen.append(dict(properties.headers))
        record(sqlite_engine, body)

    assert in_thread(lambda: _consume(rabbitmq_url, queue, 2, handle)) == bodies

    published = otel.spans(f"publish {queue}")
    consumed = otel.spans(f"consume {queue}")
    assert [s.kind for s in published] == [SpanKind.PRODUCER] * 2
    assert [s.kind for s in consumed] == [SpanKind.CONSUMER] * 2
    assert all("traceparent" in headers and "baggage" in headers for headers in seen)
    for sent, handled, body in zip(published, consumed, bodies, strict=True):
        assert [link.context.span_id for link in handled.links] == [sent.context.span_id]
        assert handled.parent.span_id == sent.context.span_id and handled.context.trace_id == sent.context.trace_id
        for span in (sent, handled):
            assert span.attributes["botanu.run_id"] == run.run_id
            assert span.attributes["botanu.workflow"] == "Ship orders"
            assert span.attributes["messaging.rabbitmq.destination.routing_key"] == queue
            assert span.attributes["botanu.messaging.bytes_transferred"] == len(body)
        assert handled.attributes["messaging.operation.type"] == "process"
        assert handled.attributes["messaging.destination.name"] == queue
    inserts = [s for s in otel.spans("INSERT")]
    assert len(inserts) == 2 and all(s.attributes["botanu.run_id"] == run.run_id for s in inserts)
    assert {s.parent.span_id for s in inserts} == {s.context.span_id for s in consumed}
    assert workflow_db_operations(otel, "Ship orders") == 2


def test_basic_get_is_a_receive_span_linked_to_the_producer(
    otel: Telemetry, rabbitmq_url: str, queue: str, producer: Any
) -> None:
    with use_case("Nightly export") as run:
        producer.basic_publish("", queue, b"export", pika.BasicProperties(message_id="m-1", headers={"k": "v"}))

    def get() -> tuple:
        connection = _connect(rabbitmq_url)
        try:
            channel = instrument_channel(connection.channel())
            return wait_for(lambda: (got := channel.basic_get(queue, auto_ack=True))[0] and got, what="a message")
        finally:
            connection.close()

    method, properties, body = in_thread(get)
    assert body == b"export" and properties.headers["k"] == "v"
    sent = otel.span(f"publish {queue}")
    received = [s for s in otel.spans(f"receive {queue}") if "botanu.messaging.message_count" in s.attributes]
    assert len(received) == 1
    got = received[0]
    assert got.kind is SpanKind.CONSUMER and got.attributes["messaging.operation.type"] == "receive"
    assert [link.context.span_id for link in got.links] == [sent.context.span_id]
    assert got.parent is None  # its own trace: the poll began before the message was known
    assert got.attributes["botanu.run_id"] == run.run_id
    assert got.attributes["messaging.message.id"] == sent.attributes["messaging.message.id"] == "m-1"


def test_counts_and_bytes_exact_at_zero_sampling(
    unsampled: Telemetry, rabbitmq_url: str, queue: str, producer: Any, sqlite_engine: Any
) -> None:
    bodies = [b"x" * size for size in (1, 10, 100, 1000, 10000)]
    with use_case("Bulk load"):
        for body in bodies:
            producer.basic_publish("", queue, body)
    in_thread(lambda: _consume(rabbitmq_url, queue, len(bodies), lambda _p, body: record(sqlite_engine, body)))

    assert unsampled.spans() == []
    assert_one_operation_per_message(unsampled, "Bulk load", queue, ("publish", "consume"), bodies)
    assert workflow_db_operations(unsampled, "Bulk load") == len(bodies)


def test_a_callback_that_raises_ends_its_span_and_the_error_reaches_the_caller(
    otel: Telemetry, rabbitmq_url: str, queue: str, producer: Any
) -> None:
    producer.basic_publish("", queue, b"poison")
    failure = ValueError("bad message")
    connection = _connect(rabbitmq_url)
    try:
        channel = instrument_channel(connection.channel())

        def on_message(ch: Any, method: Any, properties: Any, body: bytes) -> None:
            raise failure

        channel.basic_consume(queue, on_message, auto_ack=True)
        with pytest.raises(ValueError) as caught:
            wait_for(lambda: connection.process_data_events(time_limit=0.05), what="the callback to raise")
    finally:
        connection.close()
    assert caught.value is failure  # pika raises the callback's own exception, as without instrumentation
    span = otel.span(f"consume {queue}")
    assert span.status.status_code is StatusCode.ERROR and span.attributes["error.type"] == "ValueError"
    assert span.end_time is not None


def test_instrumenting_is_per_channel_and_reversible(rabbitmq_url: str) -> None:
    connection = _connect(rabbitmq_url)
    try:
        channel, other = connection.channel(), connection.channel()
        instrument_channel(channel)
        wrapped = channel.basic_publish
        instrument_channel(channel)  # a second call changes nothing
        assert channel.basic_publish is wrapped
        assert "basic_publish" not in vars(other)
        assert uninstrument_channel(channel) and not uninstrument_channel(channel)
        assert channel.basic_publish.__func__ is type(channel).basic_publish
    finally:
        connection.close()


def test_a_publish_on_a_closed_channel_raises_pikas_own_error_and_is_recorded(
    otel: Telemetry, rabbitmq_url: str, queue: str
) -> None:
    connection = _connect(rabbitmq_url)
    try:
        channel = instrument_channel(connection.channel())
        channel.close()
        with pytest.raises(pika.exceptions.ChannelWrongStateError) as caught:
            channel.basic_publish("", queue, b"lost", pika.BasicProperties(message_id="m-9"))
    finally:
        connection.close()
    assert "pika" in caught.traceback[-1].path.parts  # raised by pika itself, passed through as is
    span = otel.span(f"publish {queue}")
    assert span.status.status_code is StatusCode.ERROR and span.attributes["error.type"].endswith("WrongStateError")
    assert span.attributes["messaging.message.id"] == "m-9"
    assert span.attributes["botanu.messaging.bytes_transferred"] == 4
    failed = {"messaging__destination__name": queue, "error__type": span.attributes["error.type"]}
    assert otel.total("botanu.messaging.messages", **failed) == 1
    assert otel.total("botanu.messaging.bytes", **failed) == 4


def test_a_publish_to_a_named_exchange_has_the_exchange_as_destination_and_the_routing_key(
    otel: Telemetry, rabbitmq_url: str, queue: str, producer: Any
) -> None:
    exchange, key = unique("orders-x"), "orders.eu"
    producer.exchange_declare(exchange, exchange_type="direct", auto_delete=True)
    producer.queue_bind(queue, exchange, routing_key=key)
    with use_case("Route orders") as run:
        producer.basic_publish(exchange, key, b"order-7")
    seen: list[dict] = []
    assert in_thread(lambda: _consume(rabbitmq_url, queue, 1, lambda p, _b: seen.append(dict(p.headers)))) == [
        b"order-7"]

    sent = otel.span(f"publish {exchange}")
    assert sent.attributes["messaging.destination.name"] == exchange
    assert sent.attributes["messaging.rabbitmq.destination.routing_key"] == key
    handled = otel.span(f"consume {queue}")  # the consumer's destination is its queue
    assert handled.attributes["messaging.rabbitmq.destination.routing_key"] == key
    assert handled.parent.span_id == sent.context.span_id
    assert [link.context.span_id for link in handled.links] == [sent.context.span_id]
    assert handled.attributes["botanu.run_id"] == run.run_id
    assert f"{sent.context.span_id:016x}" in seen[0]["traceparent"]  # the context arrived through the exchange
    assert otel.total("botanu.messaging.messages", messaging__operation="publish",
                      messaging__destination__name=exchange, botanu__workflow="Route orders") == 1
