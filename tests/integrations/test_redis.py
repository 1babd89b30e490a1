"""redis-py on the real Redis server: instrument_client's pub/sub and streams."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from _support import (  # noqa: F401 - fixtures
    in_thread,
    record,
    sqlite_engine_fixture,
    unique,
    wait_for,
    workflow_db_operations,
)
from conftest import Telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import track_messaging_operation, use_case

redis = pytest.importorskip("redis")
from botanu_data.integrations.redis import instrument_client, uninstrument_client  # noqa: E402


@pytest.fixture
def client(redis_url: str) -> Iterator[Any]:
    made = redis.Redis.from_url(redis_url)
    yield instrument_client(made)
    made.close()


@pytest.fixture
def stream(client: Any) -> Iterator[str]:
    name = unique("stream")
    yield name
    client.delete(name)


def _read_all(url: str, stream: str, expected: int, handle: Any, group: str | None = None) -> list[dict]:
    """In the calling thread: an instrumented client of its own reads ``expected`` entries, handling each."""
    reader = instrument_client(redis.Redis.from_url(url))
    got: list[dict] = []
    try:
        def read() -> bool:
            if group:
                reply = reader.xreadgroup(group, "worker-1", {stream: ">"}, count=expected, block=100)
            else:
                reply = reader.xread({stream: got[-1]["id"] if got else "0"}, count=expected, block=100)
            for _, entries in reply or ():
                for entry_id, fields in entries:
                    with track_messaging_operation("redis", "process", stream, carrier=fields):
                        handle(fields)
                    got.append({"id": entry_id, **fields})
            return len(got) >= expected

        wait_for(read, what=f"{expected} entries")
        return got
    finally:
        reader.close()


def test_stream_entries_read_in_another_thread_continue_the_producers_run(
    otel: Telemetry, redis_url: str, client: Any, stream: str, sqlite_engine: Any
) -> None:
    fields = [{"order": "o-1"}, {"order": "o-22", "qty": 3}]
    with use_case("Ship orders") as run:
        ids = [client.xadd(stream, entry) for entry in fields]
    assert fields == [{"order": "o-1"}, {"order": "o-22", "qty": 3}]  # the caller's dicts are left alone

    got = in_thread(lambda: _read_all(redis_url, stream, 2, lambda entry: record(sqlite_engine, entry[b"order"])))
    assert [entry["id"] for entry in got] == ids and all(b"traceparent" in entry for entry in got)

    sent = otel.spans(f"publish {stream}")
    assert [s.kind for s in sent] == [SpanKind.PRODUCER] * 2
    assert [s.attributes["messaging.message.id"] for s in sent] == [i.decode() for i in ids]
    assert [s.attributes["botanu.messaging.bytes_transferred"] for s in sent] == [len("order") + 3, 5 + 4 + 3 + 1]
    reads = [s for s in otel.spans(f"receive {stream}") if s.attributes.get("botanu.messaging.message_count")]
    linked = [link.context.span_id for span in reads for link in span.links]
    assert linked == [s.context.span_id for s in sent]
    assert all(span.attributes["botanu.run_id"] == run.run_id for span in reads)
    processed = otel.spans(f"process {stream}")
    assert [s.parent.span_id for s in processed] == [s.context.span_id for s in sent]
    inserts = otel.spans("INSERT")
    assert len(inserts) == 2 and all(s.attributes["botanu.workflow"] == "Ship orders" for s in inserts)
    assert workflow_db_operations(otel, "Ship orders") == 2


def test_a_consumer_group_read_names_its_group(otel: Telemetry, redis_url: str, client: Any, stream: str) -> None:
    client.xgroup_create(stream, "billing", id="0", mkstream=True)
    with use_case("Invoice"):
        client.xadd(stream, {"invoice": "i-1"})
    in_thread(lambda: _read_all(redis_url, stream, 1, lambda entry: None, group="billing"))
    read = [s for s in otel.spans(f"receive {stream}") if s.attributes.get("botanu.messaging.message_count")]
    assert len(read) == 1 and read[0].attributes["messaging.consumer.group.name"] == "billing"
    assert read[0].attributes["botanu.workflow"] == "Invoice"


def test_stream_counts_and_bytes_exact_at_zero_sampling(
    unsampled: Telemetry, redis_url: str, client: Any, stream: str, sqlite_engine: Any
) -> None:
    entries = [{"payload": "x" * size, "n": size} for size in (1, 10, 100, 1000, 10000)]
    with use_case("Bulk load"):
        for entry in entries:
            client.xadd(stream, entry)
    in_thread(lambda: _read_all(redis_url, stream, len(entries), lambda entry: record(sqlite_engine, b"")))

    expected_bytes = sum(len("payload") + size + len("n") + len(str(size)) for size in (1, 10, 100, 1000, 10000))
    assert unsampled.spans() == []
    for operation in ("publish", "receive"):
        match = {"messaging__operation": operation, "botanu__workflow": "Bulk load",
                 "messaging__destination__name": stream}
        assert unsampled.total("botanu.messaging.messages", **match) == len(entries)
        assert unsampled.total("botanu.messaging.bytes", **match) == expected_bytes
    assert workflow_db_operations(unsampled, "Bulk load") == len(entries)


def test_pub_sub_messages_are_counted_both_ways_at_zero_sampling(
    unsampled: Telemetry, redis_url: str, client: Any
) -> None:
    channel = unique("channel")
    subscriber = client.pubsub(ignore_subscribe_messages=True)  # instrumented: made by an instrumented client
    subscriber.subscribe(channel)
    wait_for(lambda: client.pubsub_numsub(channel)[0][1] == 1, what="the subscription")
    messages = [b"a", b"bb" * 50, "ccc"]
    with use_case("Broadcast"):
        for message in messages:
            client.publish(channel, message)

    def listen() -> list[Any]:
        got: list[Any] = []
        wait_for(lambda: (m := subscriber.get_message(timeout=0.05)) and got.append(m["data"]) or len(got) == 3)
        return got

    assert in_thread(listen) == [b"a", b"bb" * 50, b"ccc"]
    subscriber.close()
    size = 1 + 100 + 3
    published = {"messaging__operation": "publish", "messaging__destination__name": channel}
    assert unsampled.total("botanu.messaging.messages", botanu__workflow="Broadcast", **published) == 3
    assert unsampled.total("botanu.messaging.bytes", botanu__workflow="Broadcast", **published) == size
    received = {"messaging__operation": "receive", "messaging__destination__name": channel}
    assert unsampled.total("botanu.messaging.messages", **received) == 3
    assert unsampled.total("botanu.messaging.bytes", **received) == size


def test_listen_yields_what_redis_py_yields(otel: Telemetry, client: Any) -> None:
    channel = unique("channel")
    subscriber = client.pubsub()
    subscriber.subscribe(channel)
    listening = subscriber.listen()
    assert next(listening)["type"] == "subscribe"  # not a delivery: no span
    client.publish(channel, b"hello")
    message = next(listening)
    subscriber.close()
    assert message["data"] == b"hello"
    span = otel.span(f"receive {channel}")
    assert span.attributes["botanu.messaging.bytes_transferred"] == 5


def test_a_consumer_that_raises_ends_its_span_with_the_error(otel: Telemetry, client: Any, stream: str) -> None:
    client.xadd(stream, {"k": "v"})
    failure = RuntimeError("cannot handle")
    with pytest.raises(RuntimeError) as caught:
        for _, entries in client.xread({stream: "0"}):
            for _, fields in entries:
                with track_messaging_operation("redis", "process", stream, carrier=fields):
                    raise failure
    assert caught.value is failure
    span = otel.span(f"process {stream}")
    assert span.status.status_code is StatusCode.ERROR and span.attributes["error.type"] == "RuntimeError"


def test_a_failing_command_raises_redis_pys_own_error(otel: Telemetry, client: Any) -> None:
    key = unique("plain-key")
    client.set(key, "not a stream")
    try:
        with pytest.raises(redis.ResponseError):
            client.xadd(key, {"k": "v"})
    finally:
        client.delete(key)
    span = otel.span(f"publish {key}")
    assert span.status.status_code is StatusCode.ERROR and span.attributes["error.type"].endswith("ResponseError")


def test_instrumenting_is_per_client_and_reversible(redis_url: str) -> None:
    made, other = redis.Redis.from_url(redis_url), redis.Redis.from_url(redis_url)
    instrument_client(made)
    assert "xadd" in vars(made) and "xadd" not in vars(other)
    assert uninstrument_client(made) and "xadd" not in vars(made)
    made.close()
    other.close()


@pytest.mark.parametrize("value", ["abc", "héllo", b"xy", bytearray(b"abc"), memoryview(b"abcd"), 12, 3.5, -7, 1e20])
def test_a_fields_size_is_the_bytes_redis_py_sends(value: object) -> None:
    from redis.connection import Encoder

    from botanu_data.integrations.redis import _fields_size

    sent = len(Encoder("utf-8", "strict", False).encode(value))
    assert _fields_size({"k": value, "traceparent": "00-not-counted"}) == len("k") + sent
