"""The client helpers' per-message publish path through the span core.

A helper (pika's ``basic_publish``, Redis ``publish``/``xadd``, Kafka ``produce``, a Celery task sent, NATS
``publish``) runs once per message, so it takes the span core's flat path (``statement_path.py``) instead of
building a tracker per message: what every message to one destination shares (span name, validated
attributes, counter series) is a ``PreparedShape`` made once per (system, destination) and telemetry; a
message is ``start_prepared(shape)``, its context written into the message's headers from that operation's
span, the client's own call, and ``end_prepared((1, bytes))``, which counts the message and its bytes exactly
as a tracker's ``set_result`` would. Per-message attributes (routing key, message id, partition, offset) go
straight onto the span, in room the shape keeps for them.

The spans, counters and headers are those of ``MessagingTracker.for_message`` (the consumers' path): when the
span does not record, the headers carry the caller's context and baggage, as a tracker's do. Anything unusual
still gets a tracker (a run to attribute does not: ``statement_path.InRun``): ``start_prepared`` hands over to
one for suppression or no SDK; a sampler that reads the start attributes gets ``for_message``'s tracker, which
starts with all of them; an error goes to the operation's tracker (``as_tracker``), which records it, and the
application's exception is re-raised unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import propagation
from .carriers import Carrier
from .messaging import MessagingTracker, message_attributes
from .providers import Telemetry, telemetry_for
from .sdk_shortcuts import current_context
from .spans import TrackedOperation, report_fault
from .statement_path import InFlight, PreparedShape, start_prepared

PUBLISH = "publish"
PER_MESSAGE_ATTRIBUTES = 2  # what a message adds to its shape's: routing key and id, or partition and offset
_MAX_SHAPES = 4096
_API = "MessagingTracker.set_message"  # warnings name what the application would have called
_INJECT = "track_messaging_operation inject"

# (system, destination) -> its shape, for the telemetry it was made for (a new telemetry replaces it: the
# cache stays bounded by destinations, which are the application's)
_shapes: dict[tuple[str, str | None], PreparedShape] = {}

Operation = InFlight | TrackedOperation  # what start_publish returns: either has end_prepared, as_tracker, ...


def publish_shape(system: str, destination: str | None, telemetry: Telemetry) -> PreparedShape:
    """What every message ``system`` publishes to ``destination`` shares, validated once."""
    key = (system, destination)
    shape = _shapes.get(key)
    if shape is None or shape.telemetry is not telemetry:
        model = MessagingTracker(system, PUBLISH, target=destination, telemetry=telemetry)
        # the database latency histogram is not a messaging metric: it never sends a message to a tracker
        shape = PreparedShape(MessagingTracker, telemetry, model.system, model.operation, model.target,
                              model._attributes, model._span_name(), duration_histogram=False,
                              span_kind=model._kind, extra_room=PER_MESSAGE_ATTRIBUTES)
        if len(_shapes) < _MAX_SHAPES or key in _shapes:
            _shapes[key] = shape
    return shape


def start_publish(system: str, destination: str | None, carrier: Carrier | None, size: int,
                  fields: Mapping[str, object] | None = None) -> Operation:
    """Start publishing one message of ``size`` bytes to ``destination``: its span is current while it
    records, its context goes into ``carrier`` (the message's headers, when it has any), and ``fields``
    (``set_message``'s keywords) are recorded. End it with ``end_publish``, or ``fail_publish``."""
    telemetry = telemetry_for()
    if telemetry.sampler_reads_attributes():  # the start attributes must all be there, the counts too
        tracker = MessagingTracker.for_message(system, PUBLISH, destination, carrier, 1, size)
        if fields:
            tracker.set_message(**fields)
        return tracker.start()
    shape = _shapes.get((system, destination))  # (publish_shape's lookup, written out: this runs per message)
    if shape is None or shape.telemetry is not telemetry:
        shape = publish_shape(system, destination, telemetry)
    operation = start_prepared(shape)
    if carrier is not None:
        try:  # the span is current when it records: its context and the run's baggage are what travel
            propagation.inject(carrier, current_context(), operation.span.get_span_context())
        except Exception:
            report_fault(_INJECT)
    if fields:
        describe(operation, fields)
    return operation


def describe(operation: Operation, fields: Mapping[str, object]) -> None:
    """Per-message attributes by ``set_message``'s keywords (``spans.MESSAGE_ATTRIBUTES``), checked as it
    checks them; nothing is kept for a span that does not record."""
    if type(operation) is not InFlight:
        operation.set_message(**fields)  # type: ignore[union-attr]  # a MessagingTracker
        return
    if not operation.recording:
        return
    try:  # never raises, as set_message does not: the operation is open and must still end
        recorded = message_attributes(fields)
        if recorded:
            operation._record(recorded)
    except Exception:
        report_fault(_API)


def end_publish(operation: Operation, size: int) -> None:
    """The message was sent: it and its ``size`` bytes are counted, and the operation ends."""
    operation.end_prepared((1, size))


def fail_publish(operation: Operation, error: BaseException, size: int) -> None:
    """Sending the message failed with ``error``: recorded as a tracker records it (status, ``error.type``, the
    exception event, the counter point's error type); the message is counted as tried."""
    try:
        tracker = operation.as_tracker()
        tracker.set_error(error)
    except Exception:
        report_fault("publish error")
        tracker = operation  # (end_prepared below still ends the span)
    tracker.end_prepared((1, size))


def publish(system: str, destination: str | None, carrier: Carrier | None, size: int,
            fields: Mapping[str, object] | None, function: Callable[..., Any], args: tuple[Any, ...],
            kwargs: dict[str, Any], after: Callable[[Any], Mapping[str, object] | None] | None = None) -> Any:
    """``function(*args, **kwargs)``, the client's send of one message, published as ``start_publish`` says;
    ``after(result)`` gives attributes known only from the answer (an entry's id). The call's result and
    exceptions are the caller's, unchanged; a fault of the instrumentation is only logged."""
    try:
        operation = start_publish(system, destination, carrier, size, fields)
    except Exception:
        report_fault(f"tracking {getattr(function, '__qualname__', function)}")
        return function(*args, **kwargs)
    try:
        result = function(*args, **kwargs)
    except BaseException as error:
        fail_publish(operation, error, size)
        raise
    _sent(operation, size, after, result, function)
    return result


async def publish_async(system: str, destination: str | None, carrier: Carrier | None, size: int,
                        fields: Mapping[str, object] | None, function: Callable[..., Any], args: tuple[Any, ...],
                        kwargs: dict[str, Any],
                        after: Callable[[Any], Mapping[str, object] | None] | None = None) -> Any:
    """``publish`` for a client whose send is a coroutine function: the operation is open while it is awaited."""
    try:
        operation = start_publish(system, destination, carrier, size, fields)
    except Exception:
        report_fault(f"tracking {getattr(function, '__qualname__', function)}")
        return await function(*args, **kwargs)
    try:
        result = await function(*args, **kwargs)
    except BaseException as error:
        fail_publish(operation, error, size)
        raise
    _sent(operation, size, after, result, function)
    return result


def _sent(operation: Operation, size: int, after: Callable[[Any], Mapping[str, object] | None] | None,
          result: Any, function: Callable[..., Any]) -> None:
    if after is not None:
        try:
            known = after(result)
            if known:
                describe(operation, known)
        except Exception:
            report_fault(f"describing {getattr(function, '__qualname__', function)}")
    end_publish(operation, size)


__all__ = [
    "Operation", "describe", "end_publish", "fail_publish", "publish", "publish_async", "publish_shape",
    "start_publish",
]
