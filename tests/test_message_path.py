"""The client helpers' per-message publish path (message_path.py): the spans, counters and headers a
``MessagingTracker`` records, through the span core's flat path, and a tracker whenever something is unusual."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Telemetry, install_telemetry
from opentelemetry import baggage, propagate, trace
from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY, attach, detach, set_value
from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult
from opentelemetry.trace import NonRecordingSpan, SpanKind, StatusCode

from botanu_data import message_path, use_case
from botanu_data.messaging import MessagingTracker
from botanu_data.providers import reset_configuration
from botanu_data.statement_path import InFlight

SYSTEM, QUEUE = "rabbitmq", "orders"


class _Refused(Exception):
    """What a client raises when it cannot send."""


def _send(*args: Any, **kwargs: Any) -> str:
    return "sent"


def _publish(carrier: dict[str, str] | None = None, size: int = 5, function: Any = _send,
             destination: str = QUEUE, **fields: object) -> Any:
    return message_path.publish(SYSTEM, destination, carrier, size, fields or None, function, (), {})


def _strip(span: Any) -> dict[str, object]:
    return {key: value for key, value in span.attributes.items() if key != "botanu.messaging.duration_ms"}


def _expected_headers(span_context: trace.SpanContext) -> dict[str, str]:
    """What OpenTelemetry's own propagator writes for this span, in the current context (its baggage)."""
    headers: dict[str, str] = {}
    propagate.inject(headers, trace.set_span_in_context(NonRecordingSpan(span_context)))
    return headers


def test_a_publish_records_what_a_tracker_records(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("request"):
        flat_headers: dict[str, str] = {}
        assert _publish(flat_headers, routing_key=QUEUE, message_id="m-1") == "sent"
        tracked_headers: dict[str, str] = {}
        tracker = MessagingTracker.for_message(SYSTEM, "publish", QUEUE, tracked_headers, 1, 5)
        with tracker.set_message(routing_key=QUEUE, message_id="m-1"):
            pass
    flat, tracked = otel.spans(f"publish {QUEUE}")
    assert _strip(flat) == _strip(tracked)
    assert _strip(flat)["botanu.messaging.message_count"] == 1 and _strip(flat)["messaging.message.id"] == "m-1"
    assert flat.kind is tracked.kind is SpanKind.PRODUCER and flat.parent == tracked.parent
    assert flat.attributes["botanu.messaging.duration_ms"] > 0
    assert flat_headers == _expected_headers(flat.context) and tracked_headers == _expected_headers(tracked.context)
    assert otel.total("botanu.messaging.messages", messaging__destination__name=QUEUE) == 2
    assert otel.total("botanu.messaging.bytes", messaging__destination__name=QUEUE) == 10


def test_an_ordinary_publish_takes_the_flat_path(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("request"):
        operation = message_path.start_publish(SYSTEM, QUEUE, {}, 5)
        assert type(operation) is InFlight and trace.get_current_span() is operation.span
        message_path.end_publish(operation, 5)
        assert trace.get_current_span() is not operation.span


def test_an_error_reaches_the_caller_unchanged_and_is_recorded(otel: Telemetry) -> None:
    refused = _Refused("channel closed")

    def send(*args: Any) -> None:
        raise refused

    with otel.tracer.start_as_current_span("request") as request, pytest.raises(_Refused) as caught:
        _publish({}, function=send)
    assert caught.value is refused and caught.traceback[-1].name == "send"
    span = otel.span(f"publish {QUEUE}")
    assert span.status.status_code is StatusCode.ERROR and span.status.description == "channel closed"
    assert span.attributes["error.type"].endswith("_Refused")
    assert span.attributes["botanu.messaging.error"] == "_Refused"
    assert span.attributes["botanu.messaging.message_count"] == 1
    assert span.parent.span_id == request.get_span_context().span_id
    assert [event.name for event in span.events] == ["exception"]
    failed = {"messaging__destination__name": QUEUE, "error__type": span.attributes["error.type"]}
    assert otel.total("botanu.messaging.messages", **failed) == 1
    assert otel.total("botanu.messaging.bytes", **failed) == 5
    assert otel.total("botanu.messaging.operations", **failed) == 1


def test_counts_exact_at_zero_sampling_and_the_callers_context_travels(unsampled: Telemetry) -> None:
    sizes = [1, 10, 100, 1000]
    headers: list[dict[str, str]] = []
    for size in sizes[:2]:  # a root: the sampler drops it
        headers.append({})
        _publish(headers[-1], size)
    with unsampled.tracer.start_as_current_span("request") as request:  # an unsampled parent
        for size in sizes[2:]:
            headers.append({})
            _publish(headers[-1], size, routing_key=QUEUE)
        expected = _expected_headers(request.get_span_context())
    assert unsampled.spans() == []
    assert headers[2] == headers[3] == expected  # a child of an unsampled parent: the caller's context
    assert all(int(found["traceparent"][-2:], 16) & 1 == 0 for found in headers[:2])  # not sampled
    assert unsampled.total("botanu.messaging.messages", messaging__destination__name=QUEUE) == len(sizes)
    assert unsampled.total("botanu.messaging.bytes", messaging__destination__name=QUEUE) == sum(sizes)


def test_the_headers_carry_the_spans_context_and_the_callers_baggage(otel: Telemetry) -> None:
    token = attach(baggage.set_baggage("tenant", "acme"))
    try:
        with otel.tracer.start_as_current_span("request"):
            headers = {"x-own": "kept"}
            _publish(headers)
            span_context = otel.span(f"publish {QUEUE}").context
            expected = {"x-own": "kept", **_expected_headers(span_context)}
    finally:
        detach(token)
    assert headers == expected and "tenant=acme" in headers["baggage"]


def test_a_run_in_context_is_attributed_through_a_tracker(otel: Telemetry) -> None:
    with use_case("Ship orders") as run:
        headers: dict[str, str] = {}
        _publish(headers, 7, message_id="m-2")
        span = otel.span(f"publish {QUEUE}")
        expected = _expected_headers(span.context)  # the run's baggage is the caller's
    assert span.attributes["botanu.run_id"] == run.run_id and span.attributes["botanu.workflow"] == "Ship orders"
    assert span.attributes["messaging.message.id"] == "m-2"
    assert span.attributes["botanu.messaging.bytes_transferred"] == 7
    assert headers == expected and "botanu.run_id" in headers["baggage"]
    shipped = {"messaging__destination__name": QUEUE, "botanu__workflow": "Ship orders"}
    assert otel.total("botanu.messaging.messages", **shipped) == 1
    assert otel.total("botanu.messaging.bytes", **shipped) == 7


def test_a_suppressed_publish_is_neither_traced_nor_counted(otel: Telemetry) -> None:
    token = attach(set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        with otel.tracer.start_as_current_span("request"):
            assert _publish({}) == "sent"
    finally:
        detach(token)
    assert otel.spans(f"publish {QUEUE}") == []
    assert otel.total("botanu.messaging.messages", messaging__destination__name=QUEUE) == 0


class _Reading(Sampler):
    """Samples everything and keeps the attributes it was shown."""

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, object]] = {}

    def should_sample(self, parent_context: Any, trace_id: int, name: str, kind: Any = None,
                      attributes: Any = None, links: Any = None, trace_state: Any = None) -> SamplingResult:
        self.seen[name] = dict(attributes or {})
        return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes)

    def get_description(self) -> str:
        return "reading"


def test_a_sampler_that_reads_attributes_sees_them_all_at_the_start() -> None:
    sampler = _Reading()
    telemetry = install_telemetry(sampler)
    try:
        _publish({}, 9, routing_key=QUEUE)
        seen = sampler.seen[f"publish {QUEUE}"]
        assert seen["botanu.messaging.message_count"] == 1 and seen["botanu.messaging.bytes_transferred"] == 9
        assert seen["messaging.rabbitmq.destination.routing_key"] == QUEUE
        assert telemetry.total("botanu.messaging.bytes", messaging__destination__name=QUEUE) == 9
    finally:
        reset_configuration()
        telemetry.tracer_provider.shutdown()
        telemetry.meter_provider.shutdown()


def test_shapes_stay_bounded_and_every_message_counts(otel: Telemetry, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(message_path, "_MAX_SHAPES", 4)
    monkeypatch.setattr(message_path, "_shapes", {})
    destinations = [f"queue-{index}" for index in range(12)]
    for destination in destinations * 2:
        _publish({}, 3, destination=destination)
    assert len(message_path._shapes) <= 4
    for destination in destinations:
        assert otel.total("botanu.messaging.messages", messaging__destination__name=destination) == 2
        assert sum(span.name == f"publish {destination}" for span in otel.spans()) == 2


def test_a_fault_in_the_instrumentation_leaves_the_call_to_the_client(
    otel: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("instrumentation bug")

    monkeypatch.setattr(message_path, "start_prepared", broken)
    calls: list[tuple[Any, ...]] = []
    result = message_path.publish(SYSTEM, QUEUE, {}, 1, None, lambda *args: calls.append(args) or "ok", (1, 2), {})
    assert result == "ok" and calls == [(1, 2)]
    assert otel.spans(f"publish {QUEUE}") == []


class _Unreadable(list):
    def __iter__(self) -> Any:
        raise RuntimeError("cannot iterate")


def test_an_attribute_that_cannot_be_read_leaves_the_publish_and_its_span_whole(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("request") as request:
        assert _publish({}, message_id=_Unreadable()) == "sent"
        assert trace.get_current_span() is request  # the publish span was not left current
    span = otel.span(f"publish {QUEUE}")
    assert "messaging.message.id" not in span.attributes and span.end_time is not None
    assert otel.total("botanu.messaging.messages", messaging__destination__name=QUEUE) == 1
