"""MessagingTracker and track_messaging_operation: the seed's messaging API, and a real RabbitMQ round trip."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Telemetry
from opentelemetry.trace import SpanKind

from botanu_data import MessagingOperation, MessagingTracker, track_messaging_operation, use_case

# The seed's "Messaging Spans" table, exact names.
SEED_MESSAGING_ATTRIBUTES = (
    "messaging.system", "messaging.operation", "messaging.destination.name", "botanu.vendor",
    "botanu.messaging.message_count", "botanu.messaging.bytes_transferred",
)


def test_every_seed_messaging_attribute_with_its_exact_name(otel: Telemetry) -> None:
    with track_messaging_operation(system="aws_sqs", operation="publish", destination="my-queue") as msg:
        msg.set_result(message_count=10, bytes_transferred=4096)
    span = otel.span("publish my-queue")
    assert {key: span.attributes[key] for key in SEED_MESSAGING_ATTRIBUTES} == {
        "messaging.system": "sqs",
        "messaging.operation": "publish",
        "messaging.destination.name": "my-queue",
        "botanu.vendor": "sqs",
        "botanu.messaging.message_count": 10,
        "botanu.messaging.bytes_transferred": 4096,
    }
    assert span.attributes["messaging.operation.name"] == "publish"
    assert span.attributes["messaging.operation.type"] == "send"
    assert span.attributes["messaging.batch.message_count"] == 10
    assert span.attributes["botanu.messaging.duration_ms"] >= 0.0


def test_python_attributes(otel: Telemetry) -> None:
    with track_messaging_operation("Kafka", "PUBLISH", destination="orders-topic") as msg:
        assert isinstance(msg, MessagingTracker)
        msg.set_result(message_count=2, bytes_transferred=50)
    assert (msg.system, msg.vendor, msg.operation, msg.destination) == ("kafka", "kafka", "publish", "orders-topic")
    assert (msg.message_count, msg.bytes_transferred) == (2, 50)


def test_set_result_records_only_values_above_zero(otel: Telemetry) -> None:
    with track_messaging_operation("sqs", "receive", destination="q") as msg:
        msg.set_result(message_count=0, bytes_transferred=7)
    attributes = otel.span("receive q").attributes
    assert attributes["botanu.messaging.bytes_transferred"] == 7
    assert "botanu.messaging.message_count" not in attributes
    assert "messaging.batch.message_count" not in attributes
    assert msg.message_count == 0


@pytest.mark.parametrize(("count", "batch"), [(1, None), (2, 2), (500, 500)])
def test_batch_message_count_only_above_one(otel: Telemetry, count: int, batch: int | None) -> None:
    with track_messaging_operation("kafka", "send", destination="t") as msg:
        msg.set_result(message_count=count)
    attributes = otel.span("send t").attributes
    assert attributes["botanu.messaging.message_count"] == count
    assert attributes.get("messaging.batch.message_count") == batch


def test_messaging_operation_values_lower_case_with_send_alias() -> None:
    assert (MessagingOperation.PUBLISH, MessagingOperation.CONSUME, MessagingOperation.RECEIVE,
            MessagingOperation.SEND, MessagingOperation.SUBSCRIBE) == ("publish", "consume", "receive", "send",
                                                                       "subscribe")


@pytest.mark.parametrize(
    ("operation", "kind", "operation_type"),
    [
        (MessagingOperation.PUBLISH, SpanKind.PRODUCER, "send"),
        (MessagingOperation.SEND, SpanKind.PRODUCER, "send"),  # the alias behaves exactly like publish
        ("PUBLISH", SpanKind.PRODUCER, "send"),
        (MessagingOperation.CONSUME, SpanKind.CONSUMER, "process"),
        (MessagingOperation.RECEIVE, SpanKind.CONSUMER, "receive"),
        (MessagingOperation.SUBSCRIBE, SpanKind.CONSUMER, "receive"),
    ],
)
def test_span_kind_and_operation_type(otel: Telemetry, operation: str, kind: SpanKind, operation_type: str) -> None:
    with track_messaging_operation("rabbitmq", operation, destination="jobs") as msg:
        pass
    span = otel.span(f"{operation.lower()} jobs")
    assert span.kind is kind
    assert span.attributes["messaging.operation.type"] == operation_type
    assert span.attributes["messaging.operation"] == span.attributes["messaging.operation.name"] == msg.operation


def test_unknown_operation_is_kept_lower_case(otel: Telemetry) -> None:
    with track_messaging_operation("nats", "Ack", destination="s"):
        pass
    span = otel.span("ack s")
    assert span.kind is SpanKind.CLIENT
    assert "messaging.operation.type" not in span.attributes


def test_span_name_updates_when_destination_set_later(otel: Telemetry) -> None:
    with track_messaging_operation("kafka", "publish") as msg:
        assert msg.span.name == "publish"
        assert msg.set_destination("orders-topic") is msg
        assert msg.span.name == "publish orders-topic"
    assert otel.span("publish orders-topic").attributes["messaging.destination.name"] == "orders-topic"


def test_carrier_links_consumer_to_producer_in_process(otel: Telemetry) -> None:
    headers: dict[str, str] = {}
    with track_messaging_operation("inproc", "publish", destination="q", carrier=headers) as producer:
        assert "traceparent" in headers  # injected as soon as the span is open, before the send
    with track_messaging_operation("inproc", "consume", destination="q", carrier=dict(headers)):
        pass
    consumer = otel.span("consume q")
    assert consumer.context.trace_id == producer.span.get_span_context().trace_id
    assert consumer.parent.span_id == producer.span.get_span_context().span_id
    assert consumer.parent.is_remote


def test_counters(otel: Telemetry) -> None:
    with track_messaging_operation("sqs", "publish", destination="q") as msg:
        msg.set_result(message_count=3, bytes_transferred=30)
    assert otel.total("botanu.messaging.messages", messaging__destination__name="q") == 3
    assert otel.total("botanu.messaging.bytes") == 30
    assert otel.total("botanu.messaging.operations", messaging__operation="publish") == 1


# -- a real RabbitMQ broker ------------------------------------------------------------------------------


@pytest.fixture
def channel(rabbitmq_url: str) -> Iterator[Any]:
    import pika

    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq_url))
    try:
        yield connection.channel()
    finally:
        connection.close()


@pytest.fixture
def queue(channel: Any) -> str:
    name = f"botanu-test-{uuid.uuid4().hex[:12]}"
    channel.queue_declare(queue=name, exclusive=True, auto_delete=True)  # gone when the connection closes
    return name


def _get(channel: Any, queue: str, timeout: float = 5.0) -> tuple[Any, bytes]:
    """basic_get until a message arrives: publishing is asynchronous on the broker side."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        if method is not None:
            return properties, body
        time.sleep(0.01)
    raise AssertionError(f"no message on {queue} within {timeout}s")


def test_rabbitmq_publish_and_consume_share_one_trace(otel: Telemetry, channel: Any, queue: str) -> None:
    import pika

    body = b'{"batch_id": "b-1", "count": 3}'
    with use_case("Notify") as run:
        headers: dict[str, Any] = {}
        with track_messaging_operation("RabbitMQ", "publish", destination=queue, carrier=headers) as producer:
            channel.basic_publish(exchange="", routing_key=queue, body=body,
                                  properties=pika.BasicProperties(headers=headers))
            producer.set_result(message_count=1, bytes_transferred=len(body))

    # consumed later, under an unrelated span: the producer's context in the headers is the parent
    with otel.tracer.start_as_current_span("worker-poll"):
        properties, received = _get(channel, queue)
        with track_messaging_operation(
            "rabbitmq", MessagingOperation.CONSUME, destination=queue, carrier=properties.headers
        ) as consumer:
            consumer.set_result(message_count=1, bytes_transferred=len(received))

    assert received == body
    assert "traceparent" in properties.headers
    sent = otel.span(f"publish {queue}")
    processed = otel.span(f"consume {queue}")
    assert sent.kind is SpanKind.PRODUCER and processed.kind is SpanKind.CONSUMER
    assert sent.attributes["messaging.operation.type"] == "send"
    assert processed.attributes["messaging.operation.type"] == "process"
    assert processed.context.trace_id == sent.context.trace_id
    assert processed.parent.span_id == sent.context.span_id
    assert processed.context.trace_id != otel.span("worker-poll").context.trace_id
    for span in (sent, processed):
        assert span.attributes["messaging.system"] == span.attributes["botanu.vendor"] == "rabbitmq"
        assert span.attributes["messaging.destination.name"] == queue
        assert span.attributes["botanu.messaging.message_count"] == 1
        assert span.attributes["botanu.messaging.bytes_transferred"] == len(body)
        assert "messaging.batch.message_count" not in span.attributes
        # the run travels in the baggage header, so the consumer is attributed to the producer's run
        assert span.attributes["botanu.run_id"] == run.run_id
        assert span.attributes["botanu.workflow"] == "Notify"


def test_rabbitmq_batch_publish_and_receive(otel: Telemetry, channel: Any, queue: str) -> None:
    import pika

    bodies = [f"event-{i}".encode() * (i + 1) for i in range(3)]
    headers: dict[str, Any] = {}
    with track_messaging_operation("rabbitmq", MessagingOperation.SEND, destination=queue, carrier=headers) as out:
        for body in bodies:
            channel.basic_publish(exchange="", routing_key=queue, body=body,
                                  properties=pika.BasicProperties(headers=headers))
        out.set_result(message_count=len(bodies), bytes_transferred=sum(map(len, bodies)))

    received: list[bytes] = []
    with track_messaging_operation("rabbitmq", MessagingOperation.RECEIVE, destination=queue) as inbound:
        while len(received) < len(bodies):
            received.append(_get(channel, queue)[1])
        inbound.set_result(message_count=len(received), bytes_transferred=sum(map(len, received)))

    assert received == bodies
    sent = otel.span(f"send {queue}")
    got = otel.span(f"receive {queue}")
    assert sent.kind is SpanKind.PRODUCER and got.kind is SpanKind.CONSUMER
    assert got.attributes["messaging.operation.type"] == "receive"
    for span in (sent, got):
        assert span.attributes["messaging.batch.message_count"] == 3
        assert span.attributes["botanu.messaging.bytes_transferred"] == sum(map(len, bodies))
