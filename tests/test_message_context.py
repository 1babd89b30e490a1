"""inject_context / extract_context on every header shape the clients use."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from conftest import Telemetry
from opentelemetry import baggage, propagate, trace
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

import botanu_data
from botanu_data import extract_context, inject_context, track_messaging_operation, use_case


def _encoded(headers: dict[str, str]) -> dict[bytes, bytes]:
    return {key.encode(): value.encode() for key, value in headers.items()}


@pytest.mark.parametrize("shape", ["dict", "bytes-keyed dict", "kafka pairs (str)", "kafka pairs (bytes)"])
def test_round_trip_carries_the_span_and_the_run(otel: Telemetry, shape: str) -> None:
    with use_case("Checkout") as run, otel.tracer.start_as_current_span("send") as sent:
        headers = inject_context({})
        carriers: dict[str, Any] = {
            "dict": headers,
            "bytes-keyed dict": _encoded(headers),
            "kafka pairs (str)": inject_context([("app", b"1")]),
            "kafka pairs (bytes)": [(k, v.encode()) for k, v in headers.items()],
        }
    ctx = extract_context(carriers[shape])
    remote = trace.get_current_span(ctx).get_span_context()
    assert remote.is_remote and remote.span_id == sent.get_span_context().span_id
    assert baggage.get_baggage("botanu.run_id", ctx) == run.run_id
    assert baggage.get_baggage("botanu.workflow", ctx) == "Checkout"


def test_kafka_pairs_keep_other_headers_and_one_context_per_key(otel: Telemetry) -> None:
    pairs: list[tuple[str, Any]] = [("app", b"1"), ("traceparent", b"stale")]
    with otel.tracer.start_as_current_span("send"):
        inject_context(pairs)
        inject_context(pairs)  # re-published with the same headers: still one traceparent
    keys = [key for key, _ in pairs]
    assert keys.count("traceparent") == 1 and keys[0] == "app"


def test_no_or_foreign_headers_give_an_empty_context() -> None:
    for carrier in (None, {}, [], {"traceparent": "garbage" * 10_000}, [("traceparent", 17)], {b"x": b"\xff"}):
        ctx = extract_context(carrier)
        assert not trace.get_current_span(ctx).get_span_context().is_valid


def test_the_run_travels_even_when_the_global_propagator_has_no_baggage(otel: Telemetry) -> None:
    before = propagate.get_global_textmap()
    propagate.set_global_textmap(CompositePropagator([TraceContextTextMapPropagator()]))
    try:
        with use_case("Only trace context") as run:
            headers = inject_context({})
        assert "baggage" in headers and "traceparent" in headers
        assert baggage.get_baggage("botanu.run_id", extract_context(headers)) == run.run_id
    finally:
        propagate.set_global_textmap(before)


def test_an_unwritable_carrier_is_left_alone_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        assert inject_context(("a", "tuple")) == ("a", "tuple")  # type: ignore[arg-type]
        assert inject_context(None) is None  # type: ignore[arg-type]
    assert "inject_context(carrier=" in caplog.text


def test_consume_with_a_carrier_is_parented_and_linked(otel: Telemetry) -> None:
    with use_case("Ship"):
        pairs: list[tuple[str, Any]] = []
        with track_messaging_operation("kafka", "publish", "t", carrier=pairs) as sent:
            pass
    received = [(k, v.encode()) for k, v in pairs]
    with track_messaging_operation("kafka", "consume", "t", carrier=received), \
            botanu_data.track_db_operation("sqlite", "INSERT") as db:
        pass
    handled = otel.span("consume t")
    assert [link.context.span_id for link in handled.links] == [sent.span.get_span_context().span_id]
    assert handled.parent.span_id == sent.span.get_span_context().span_id
    assert otel.span("INSERT").attributes["botanu.workflow"] == "Ship"
    assert db.span.get_span_context().trace_id == sent.span.get_span_context().trace_id


def test_link_messages_after_a_poll_links_each_and_adopts_one_shared_run(otel: Telemetry) -> None:
    with use_case("Fan in") as run:
        carriers = []
        for _ in range(3):
            with track_messaging_operation("redis", "publish", "s", carrier={}) as sent:
                carriers.append(inject_context({}))
    with track_messaging_operation("redis", "receive", "s") as received:
        received.link_messages(carriers).set_result(message_count=3)
    span = otel.span("receive s")
    assert len(span.links) == 3 and span.parent is None
    assert span.attributes["botanu.run_id"] == run.run_id
    assert otel.total("botanu.messaging.messages", botanu__workflow="Fan in", messaging__operation="receive") == 3
    assert sent.span.get_span_context().trace_id == span.links[-1].context.trace_id


def test_set_message_knows_only_the_span_cores_names(otel: Telemetry, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="botanu_data"), \
            track_messaging_operation("kafka", "publish", "t") as msg:
        msg.set_message(partition=3, offset=42, bogus_name="x")
    attributes = otel.span("publish t").attributes
    assert attributes["messaging.kafka.destination.partition"] == 3
    assert attributes["messaging.kafka.message.offset"] == 42
    assert not any("bogus" in key for key in attributes)
    assert "bogus_name" in caplog.text


def _contexts() -> list[Any]:
    from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags, TraceState

    sampled = SpanContext(0x1234, 0x5678, is_remote=False, trace_flags=TraceFlags(1))
    unsampled = SpanContext(2**128 - 1, 1, is_remote=True, trace_flags=TraceFlags(0),
                            trace_state=TraceState([("vendor", "a=1"), ("other", "x")]))
    made = []
    for span_context in (sampled, unsampled, trace.INVALID_SPAN_CONTEXT):
        ctx = trace.set_span_in_context(NonRecordingSpan(span_context))
        made.append(ctx)
        for key, value in (("botanu.workflow", "Orders, EU; 50% off"), ("botanu.run_id", "r-1"), ("ünï", "çødé")):
            ctx = baggage.set_baggage(key, value, ctx)
        made.append(ctx)
    return made


@pytest.mark.parametrize("index", range(6))
def test_the_quick_path_writes_and_reads_what_the_sdk_propagators_do(index: int) -> None:
    ctx = _contexts()[index]
    ours: dict[str, str] = {}
    theirs: dict[str, str] = {}
    inject_context(ours, ctx)
    inject_context(ours, ctx)  # the second time from the cached baggage header
    propagate.inject(theirs, ctx)
    assert ours == theirs
    for headers in (ours, _encoded(ours), [(k, v.encode()) for k, v in ours.items()]):
        for _ in range(2):  # the second time from the cached baggage entries
            got, expected = extract_context(headers), propagate.extract(theirs)
            assert dict(baggage.get_all(got)) == dict(baggage.get_all(expected))
            assert trace.get_current_span(got).get_span_context() == trace.get_current_span(expected).get_span_context()


@pytest.mark.parametrize("index", range(6))
def test_a_fresh_list_of_pairs_gets_what_the_sdk_propagators_write(index: int) -> None:
    ctx = _contexts()[index]
    theirs: dict[str, str] = {}
    propagate.inject(theirs, ctx)
    for _ in range(2):  # the second time from the cached headers
        assert inject_context([], ctx) == list(theirs.items())
