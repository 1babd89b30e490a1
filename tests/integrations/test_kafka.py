"""confluent-kafka against librdkafka's built-in mock cluster (``test.mock.num.brokers``): no Kafka broker
runs on this machine, and the mock cluster is librdkafka's own broker implementation, reached over TCP by
real producer and consumer clients."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from _support import (  # noqa: F401 - fixtures
    in_thread,
    record,
    sqlite_engine_fixture,
    unique,
    workflow_db_operations,
)
from conftest import Telemetry
from opentelemetry import baggage, trace
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import track_messaging_operation, use_case

confluent_kafka = pytest.importorskip("confluent_kafka")
from botanu_data.integrations.kafka import TrackedProducer, instrument_consumer, instrument_producer  # noqa: E402


@pytest.fixture
def mock_cluster() -> Iterator[tuple[TrackedProducer, str]]:
    """A producer that starts librdkafka's mock cluster, and that cluster's bootstrap address."""
    producer = confluent_kafka.Producer({"test.mock.num.brokers": 1, "log_level": 3})
    broker = next(iter(producer.list_topics(timeout=10).brokers.values()))
    yield instrument_producer(producer), f"{broker.host}:{broker.port}"
    producer.flush(5)


def _consumer(bootstrap: str, topic: str) -> Any:
    """A tracked consumer of ``topic`` in a group of its own, reading from the start."""
    group = unique("group")
    consumer = instrument_consumer(confluent_kafka.Consumer(
        {"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest", "log_level": 3}
    ), consumer_group=group)
    consumer.subscribe([topic])
    return consumer


def _consume(bootstrap: str, topic: str, expected: int, handle: Any) -> list[bytes]:
    """A consumer loop that handles each message in a process span of its own (the explicit way)."""
    def process(msg: Any) -> None:
        with track_messaging_operation("kafka", "process", msg.topic(), carrier=msg.headers()):
            handle(msg)

    return _poll_loop(bootstrap, topic, expected, process)


def test_mock_cluster_messages_consumed_in_another_thread_continue_the_producers_run(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str], sqlite_engine: Any
) -> None:
    producer, bootstrap = mock_cluster
    topic, delivered = unique("orders"), []
    with use_case("Ship orders") as run:
        producer.produce(topic, b"order-1", partition=0,
                         on_delivery=lambda err, msg: delivered.append((err, msg.offset())))
        producer.produce(topic, b"order-22", key=b"k", partition=0, headers={"app": "1"})
    assert producer.flush(10) == 0
    assert delivered == [(None, 0)]  # the caller's own callback still runs, after the span has ended

    got = in_thread(lambda: _consume(bootstrap, topic, 2, lambda msg: record(sqlite_engine, msg.value())), 40)
    assert got == [b"order-1", b"order-22"]
    sent = otel.spans(f"publish {topic}")
    assert [s.kind for s in sent] == [SpanKind.PRODUCER] * 2
    assert [s.attributes["messaging.kafka.message.offset"] for s in sent] == [0, 1]
    assert [s.attributes["messaging.kafka.destination.partition"] for s in sent] == [0, 0]
    received = otel.spans(f"receive {topic}")
    assert [link.context.span_id for span in received for link in span.links] == [s.context.span_id for s in sent]
    assert all(span.attributes["botanu.run_id"] == run.run_id for span in received)
    assert all(span.attributes["messaging.consumer.group.name"].startswith("botanu-group-") for span in received)
    processed = otel.spans(f"process {topic}")
    assert [s.parent.span_id for s in processed] == [s.context.span_id for s in sent]
    assert workflow_db_operations(otel, "Ship orders") == 2


def test_mock_cluster_counts_and_bytes_exact_at_zero_sampling(
    unsampled: Telemetry, mock_cluster: tuple[TrackedProducer, str], sqlite_engine: Any
) -> None:
    producer, bootstrap = mock_cluster
    topic = unique("events")
    bodies = [b"v" * size for size in (1, 10, 100, 1000, 10000)]
    with use_case("Event log"):
        for body in bodies:
            producer.produce(topic, body)
    assert producer.flush(10) == 0
    got = in_thread(lambda: _consume(bootstrap, topic, len(bodies), lambda msg: record(sqlite_engine, msg.value())),
                    40)
    assert sorted(got, key=len) == bodies  # spread over partitions: ordered within each only
    assert unsampled.spans() == []
    for operation in ("publish", "receive"):
        match = {"messaging__operation": operation, "botanu__workflow": "Event log",
                 "messaging__destination__name": topic}
        assert unsampled.total("botanu.messaging.messages", **match) == len(bodies)
        assert unsampled.total("botanu.messaging.bytes", **match) == sum(map(len, bodies))
    # unsampled, the consumer's statements still count under the producer's workflow (the baggage travels)
    assert workflow_db_operations(unsampled, "Event log") == len(bodies)


def _poll_loop(bootstrap: str, topic: str, expected: int, handle: Any, after: Any = None) -> list[Any]:
    """A consumer loop with no process block: the application's own work right after each poll. ``after``
    runs once all messages are in, after one more poll that returns nothing, and before ``close``."""
    consumer = _consumer(bootstrap, topic)
    got: list[Any] = []
    deadline = time.monotonic() + 30
    try:
        while len(got) < expected and time.monotonic() < deadline:
            msg = consumer.poll(0.2)
            if msg is None or msg.error():
                continue
            handle(msg)
            got.append(msg.value())
        while consumer.poll(0.1) is not None:  # one poll more: it ends the last message's stretch
            pass
        if after is not None:
            got.append(after())
        return got
    finally:
        consumer.close()


def test_mock_cluster_work_after_a_poll_counts_under_the_producers_run_until_the_next_poll(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str], sqlite_engine: Any
) -> None:
    producer, bootstrap = mock_cluster
    topic = unique("bills")
    with use_case("Bill customers") as run:
        for body in (b"bill-1", b"bill-2"):
            producer.produce(topic, body, partition=0)
    assert producer.flush(10) == 0
    seen: list[Any] = []

    def handle(msg: Any) -> None:
        seen.append((baggage.get_baggage("botanu.run_id"), trace.get_current_span().get_span_context()))
        record(sqlite_engine, msg.value())

    def after() -> Any:  # the loop's own work once the messages are done: no producer's run any more
        record(sqlite_engine, b"after")
        return baggage.get_baggage("botanu.run_id")

    got = in_thread(lambda: _poll_loop(bootstrap, topic, 2, handle, after), 40)
    assert got == [b"bill-1", b"bill-2", None]
    sent = otel.spans(f"publish {topic}")
    assert [run_id for run_id, _ in seen] == [run.run_id] * 2
    # each message's work is the producer's child: the publish span is the remote parent
    assert [(c.trace_id, c.span_id, c.is_remote) for _, c in seen] == [
        (s.context.trace_id, s.context.span_id, True) for s in sent]
    assert workflow_db_operations(otel, "Bill customers") == 2
    inserts = [s for s in otel.spans() if s.attributes.get("db.operation") == "INSERT"]
    assert [s.parent.span_id for s in inserts[:2]] == [s.context.span_id for s in sent]
    assert inserts[2].parent is None and "botanu.workflow" not in inserts[2].attributes
    assert baggage.get_baggage("botanu.run_id") is None  # nothing leaked into this thread


def test_mock_cluster_a_batch_from_one_run_is_attributed_and_a_consumers_own_run_wins(
    unsampled: Telemetry, mock_cluster: tuple[TrackedProducer, str], sqlite_engine: Any
) -> None:
    producer, bootstrap = mock_cluster
    topic = unique("batch")
    with use_case("Nightly import"):
        for index in range(4):
            producer.produce(topic, b"row-%d" % index, partition=0)
    assert producer.flush(10) == 0

    def consume_batch(own_run: bool) -> list[Any]:
        consumer = _consumer(bootstrap, topic)
        got: list[Any] = []
        deadline = time.monotonic() + 30
        try:
            while len(got) < 4 and time.monotonic() < deadline:
                msgs = [m for m in consumer.consume(num_messages=10, timeout=0.5) if not m.error()]
                for msg in msgs:
                    if own_run:
                        with use_case("Consumer's own"):
                            record(sqlite_engine, msg.value())
                    else:
                        record(sqlite_engine, msg.value())
                    got.append(msg.value())
            return got
        finally:
            consumer.close()

    assert len(in_thread(lambda: consume_batch(False), 40)) == 4
    assert len(in_thread(lambda: consume_batch(True), 40)) == 4
    # at 0% sampling, the batch's work counts under the run its messages agree on; inside a run of its own the
    # consumer's wins
    assert workflow_db_operations(unsampled, "Nightly import") == 4
    assert workflow_db_operations(unsampled, "Consumer's own") == 4
    assert unsampled.spans() == []


def test_mock_cluster_the_next_poll_never_restores_a_context_already_unwound(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, bootstrap = mock_cluster
    topic = unique("unwound")
    with use_case("Send one"):
        producer.produce(topic, b"one", partition=0)
    assert producer.flush(10) == 0
    tracer = otel.tracer

    def loop() -> Any:
        consumer = _consumer(bootstrap, topic)
        try:
            with tracer.start_as_current_span("batch"):  # ends while the message's context is current
                msg = None
                deadline = time.monotonic() + 30
                while msg is None and time.monotonic() < deadline:
                    msg = consumer.poll(0.2)
            consumer.poll(0.1)  # the block above already unwound what the poll made current
            return trace.get_current_span().get_span_context().is_valid, baggage.get_baggage("botanu.run_id")
        finally:
            consumer.close()

    assert in_thread(loop, 40) == (False, None)  # neither the ended "batch" span nor the message's run


def test_mock_cluster_a_message_too_large_to_queue_raises_the_clients_error(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, _ = mock_cluster
    topic = unique("big")
    with pytest.raises(confluent_kafka.KafkaException) as caught:
        producer.produce(topic, b"x" * 2_000_000)  # above message.max.bytes: refused by produce() itself
    assert caught.value.args[0].code() == confluent_kafka.KafkaError.MSG_SIZE_TOO_LARGE
    span = otel.span(f"publish {topic}")
    assert span.status.status_code is StatusCode.ERROR and span.end_time is not None


def test_mock_cluster_a_delivery_callback_that_raises_reaches_flush(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, _ = mock_cluster
    topic, failure = unique("cb"), RuntimeError("callback failed")

    def on_delivery(err: Any, msg: Any) -> None:
        raise failure

    producer.produce(topic, b"x", on_delivery=on_delivery)
    with pytest.raises(RuntimeError) as caught:
        producer.flush(10)
    assert caught.value is failure  # confluent-kafka re-raises the callback's exception, as without tracking
    span = otel.span(f"publish {topic}")
    assert span.attributes["messaging.kafka.message.offset"] == 0 and span.status.status_code is StatusCode.UNSET


def test_the_proxy_is_the_client_for_everything_else(mock_cluster: tuple[TrackedProducer, str]) -> None:
    producer, _ = mock_cluster
    assert isinstance(producer.wrapped, confluent_kafka.Producer)
    assert instrument_producer(producer) is producer
    assert len(producer) == 0 and producer.list_topics(timeout=5).brokers


def test_mock_cluster_consume_returns_a_batch_linked_to_each_producer(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, bootstrap = mock_cluster
    topic = unique("batch")
    with use_case("Batch") as run:
        for body in (b"a", b"bb", b"ccc"):
            producer.produce(topic, body, partition=0)
    assert producer.flush(10) == 0

    def consume_all() -> list[bytes]:
        consumer = _consumer(bootstrap, topic)
        got: list[bytes] = []
        deadline = time.monotonic() + 30
        try:
            while len(got) < 3 and time.monotonic() < deadline:
                got += [msg.value() for msg in consumer.consume(10, timeout=0.5) if msg.error() is None]
            return got
        finally:
            consumer.close()

    assert in_thread(consume_all, 40) == [b"a", b"bb", b"ccc"]
    received = otel.spans(f"receive {topic}")
    assert sum(s.attributes["botanu.messaging.message_count"] for s in received) == 3
    assert sum(len(s.links) for s in received) == 3
    assert all(s.attributes["botanu.run_id"] == run.run_id for s in received)
    assert sum(s.attributes["botanu.messaging.bytes_transferred"] for s in received) == 6


def test_mock_cluster_a_failed_delivery_ends_the_span_with_the_error_and_reaches_the_callback(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, _ = mock_cluster
    topic, delivered = unique("lost"), []
    with use_case("Lost order"):
        # a new topic: produce() queues the message before the metadata is known; the mock cluster then creates
        # the topic without partition 99, and librdkafka fails the delivery (not the produce call)
        producer.produce(topic, b"order-1", partition=99, on_delivery=lambda err, msg: delivered.append(err))
    assert producer.flush(10) == 0
    assert len(delivered) == 1 and delivered[0].code() == confluent_kafka.KafkaError._UNKNOWN_PARTITION
    span = otel.span(f"publish {topic}")
    assert span.end_time is not None and span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"].endswith("KafkaException")
    assert "Unknown partition" in span.events[0].attributes["exception.message"]
    assert "messaging.kafka.message.offset" not in span.attributes
    failed = {"messaging__destination__name": topic, "botanu__workflow": "Lost order",
              "error__type": span.attributes["error.type"]}
    assert otel.total("botanu.messaging.operations", **failed) == 1
    assert otel.total("botanu.messaging.messages", **failed) == 1  # tried: counted with its error type
    assert otel.total("botanu.messaging.bytes", **failed) == len(b"order-1")
    assert otel.total("botanu.messaging.operations", messaging__destination__name=topic) == 1  # no success point


def test_mock_cluster_processing_that_raises_ends_the_process_span_and_passes_the_error_through(
    otel: Telemetry, mock_cluster: tuple[TrackedProducer, str]
) -> None:
    producer, bootstrap = mock_cluster
    topic, failure = unique("poison"), ValueError("bad message")
    with use_case("Poison"):
        producer.produce(topic, b"poison", partition=0)
    assert producer.flush(10) == 0

    def handle(msg: Any) -> None:
        raise failure

    with pytest.raises(ValueError) as caught:
        in_thread(lambda: _consume(bootstrap, topic, 1, handle), 40)
    assert caught.value is failure  # the handler's own exception, unchanged
    sent = otel.span(f"publish {topic}")
    span = otel.span(f"process {topic}")
    assert span.end_time is not None and span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == "ValueError" and span.parent.span_id == sent.context.span_id
    assert otel.total("botanu.messaging.operations", messaging__operation="process", botanu__workflow="Poison",
                      error__type="ValueError") == 1
