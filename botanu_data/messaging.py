"""Messaging operations: ``track_messaging_operation``, ``MessagingTracker`` and trace context in headers.

A message carries its producer's context in its headers (W3C ``traceparent``/``tracestate`` and ``baggage``,
so the run, ``botanu.run_id`` and ``botanu.workflow``, travels with it): ``inject_context`` writes it,
``extract_context`` reads it, in any header shape of ``carriers.py``.

A consumer's span is linked to each producer's span it handles. A span given one message's headers
(``carrier=``: a callback, a task) is also its child, and while it is open the producer's baggage is
current, so the consumer's own work is attributed to the producer's run. A span that polls (``receive``
without ``carrier``) keeps the consumer's own parent: it started before the messages existed and may get
many; ``link_messages`` links it to each once they are known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping, MutableSequence
from typing import Any

from opentelemetry import baggage, trace
from opentelemetry.context import Context
from opentelemetry.trace import Link, SpanKind

from . import propagation
from .accounting import MESSAGING_LEDGER
from .attribution import RUN_ID, WORKFLOW
from .carriers import Carrier
from .sdk_shortcuts import current_context
from .spans import MESSAGE_ATTRIBUTES, Domain, TrackedOperation, guarded, report_fault
from .systems import normalize_messaging_system
from .values import MAX_STRING, clean_attribute_value, warn_dropped

BATCH_SIZE = "messaging.batch.message_count"  # OpenTelemetry sets it only for batches: more than one message


class MessagingOperation:
    """Messaging operation names (``messaging.operation``), lower case. Any other string is accepted."""

    PUBLISH = "publish"
    CONSUME = "consume"
    PROCESS = "process"  # like consume: one message handled (a callback, a task)
    RECEIVE = "receive"
    SEND = "send"  # an alias for publish: same span kind and OpenTelemetry operation type
    SUBSCRIBE = "subscribe"


# operation -> (span kind, OpenTelemetry messaging.operation.type)
_OPERATION_SHAPES = {
    "publish": (SpanKind.PRODUCER, "send"),
    "send": (SpanKind.PRODUCER, "send"),
    "consume": (SpanKind.CONSUMER, "process"),
    "process": (SpanKind.CONSUMER, "process"),
    "receive": (SpanKind.CONSUMER, "receive"),
    "subscribe": (SpanKind.CONSUMER, "receive"),
    "settle": (SpanKind.CLIENT, "settle"),  # a message acknowledged or deleted (SQS DeleteMessage)
}

MESSAGING_DOMAIN = Domain(
    ledger=MESSAGING_LEDGER,
    prefix="botanu.messaging",
    system_attributes=("messaging.system",),
    operation_attributes=("messaging.operation", "messaging.operation.name"),
    target_attributes=("messaging.destination.name",),
    api="track_messaging_operation",
    normalize_system=normalize_messaging_system,
    normalize_operation=str.lower,
    result_prefix="botanu.messaging",
    result_names=("message_count", "bytes_transferred", "billable_requests"),
)

# -- context in headers -----------------------------------------------------------------------------------

def context_header_names() -> frozenset[str | bytes]:
    """The header names ``inject_context`` writes (``traceparent``, ``tracestate``, ``baggage`` by default), as
    ``str`` and ``bytes``: what a helper leaves out when it counts a message's own fields."""
    return propagation.choice().header_names


def inject_context(carrier: Carrier, context: Context | None = None) -> Carrier:
    """Write the current trace context and baggage (``context``'s, when given) into message headers.

    ``carrier`` is a mutable mapping (a dict, pika's ``properties.headers``, NATS or Celery headers) or a list of
    ``(key, value)`` pairs (Kafka's headers); it is changed in place and returned. Never raises.
    """
    if not isinstance(carrier, (MutableMapping, MutableSequence)):  # None (pika's headers when unset), a tuple
        warn_dropped("inject_context", "carrier", carrier, "expected a mutable mapping or a list of (key, value) pairs")
        return carrier
    try:
        propagation.inject(carrier, context if context is not None else current_context())
    except Exception:
        report_fault("inject_context")
    return carrier


def extract_context(carrier: Carrier | Mapping[Any, Any] | None, context: Context | None = None) -> Context:
    """The producer's context found in message headers: its span (remote) and its baggage (the run).

    ``carrier``: any shape ``inject_context`` writes, or a read-only mapping, or a Redis stream entry with
    ``bytes`` keys; ``None`` or headers without a context give ``context`` (default: an empty context).
    Attach it (``opentelemetry.context.attach``) to continue the producer's run; never raises.
    """
    base = context if context is not None else Context()
    if not carrier:
        return base
    try:
        return propagation.extract(carrier, base)
    except Exception:
        report_fault("extract_context")
        return base


def _producer_link(ctx: Context) -> Link | None:
    span_context = trace.get_current_span(ctx).get_span_context()
    return Link(span_context) if span_context.is_valid else None


# -- the tracker -----------------------------------------------------------------------------------------

_MAX_SHAPES = 4096
# (system, operation, destination) -> validated (system, operation, target, attributes, span kind)
_shapes: dict[tuple[str, str, str | None], tuple[str, str, str | None, dict[str, Any], SpanKind]] = {}


class MessagingTracker(TrackedOperation):
    """One messaging operation. Use through ``track_messaging_operation(...)``; methods chain."""

    domain = MESSAGING_DOMAIN
    message_count = 0
    bytes_transferred = 0
    billable_requests = 0
    _carrier: Carrier | None = None

    def __init__(self, system: object, operation: object, *, carrier: Carrier | None = None, **kwargs: Any) -> None:
        super().__init__(system, operation, **kwargs)
        self._carrier = carrier
        kind, operation_type = _OPERATION_SHAPES.get(self.operation, (SpanKind.CLIENT, None))
        self._kind = kind
        if operation_type:
            self._attributes["messaging.operation.type"] = operation_type
        if carrier is not None and kind is SpanKind.CONSUMER:
            self._continue_from(carrier)

    @classmethod
    def for_message(cls, system: str, operation: str, destination: str | None, carrier: Carrier | None = None,
                    message_count: int = 1, bytes_transferred: int = 0) -> MessagingTracker:
        """What ``track_messaging_operation(system, operation, destination, carrier=carrier)`` followed by
        ``set_result(message_count, bytes_transferred)`` makes, for the client helpers, which call it per
        message with trusted values: what depends only on (system, operation, destination) is validated once
        and kept. A publish span is made current only when it records (a non-recording span's context is the
        caller's: the headers get the same context either way)."""
        key = (system, operation, destination)
        shape = _shapes.get(key)
        if shape is None:
            model = cls(system, operation, target=destination)
            shape = (model.system, model.operation, model.target, model._attributes, model._kind)
            if len(_shapes) < _MAX_SHAPES:  # destinations are the application's: the cache stays bounded
                _shapes[key] = shape
        self = cls.__new__(cls)
        normalized_system, normalized_operation, target, attributes, kind = shape
        attributes = {**attributes}
        if message_count > 0:
            self.message_count = message_count
            attributes["botanu.messaging.message_count"] = message_count
            if message_count > 1:
                attributes[BATCH_SIZE] = message_count
        if bytes_transferred > 0:
            self.bytes_transferred = bytes_transferred
            attributes["botanu.messaging.bytes_transferred"] = bytes_transferred
        self._reset(normalized_system, normalized_operation, target, None, attributes,
                    from_hook=kind is SpanKind.PRODUCER)
        self._kind = kind
        self._carrier = carrier
        if carrier is not None and kind is SpanKind.CONSUMER:
            self._continue_from(carrier)
        return self

    def _continue_from(self, carrier: Carrier) -> None:
        remote = extract_context(carrier)
        link = _producer_link(remote)
        if link is not None:
            self._links = [link]
        if self._parent is None:
            self._parent = remote  # continue the producer's trace and run

    @property
    def destination(self) -> str | None:
        return self.target

    def start(self) -> MessagingTracker:
        super().start()
        if self._carrier is not None and self._kind is SpanKind.PRODUCER:
            try:  # the span is current now: its context and the run's baggage are what travel
                propagation.inject(self._carrier, current_context(), self.span.get_span_context())
            except Exception:
                report_fault("track_messaging_operation inject")
        return self

    def start_detached(self) -> MessagingTracker:
        """``start()`` without leaving the span current: for an operation ended by a later callback that may
        never come on the same path (Celery sends no ``after_task_publish`` when publishing fails), so a lost
        end cannot leave a stale span current in the caller's thread. A producer's context is still injected."""
        self.start()
        self.leave_current()
        return self

    @guarded
    def set_result(self, message_count: int = 0, bytes_transferred: int = 0,
                   billable_requests: int = 0) -> MessagingTracker:
        """Messages and bytes moved, and the requests the vendor bills for them (SQS, SNS: one per 64 KiB chunk
        of the payload); only values > 0 are recorded."""
        self._set_counts("MessagingTracker.set_result", message_count=message_count,
                         bytes_transferred=bytes_transferred, billable_requests=billable_requests)
        if self.message_count > 1:  # OpenTelemetry sets the batch size only for batches
            self._record({BATCH_SIZE: self.message_count})

    @guarded
    def set_destination(self, destination: str) -> MessagingTracker:
        """The queue or topic (``messaging.destination.name``), when not known at the start."""
        self._set_target("MessagingTracker.set_destination", destination)

    @guarded
    def set_message(self, **fields: object) -> MessagingTracker:
        """Per-message OpenTelemetry attributes by keyword (``spans.MESSAGE_ATTRIBUTES``): ``message_id``,
        ``routing_key``, ``partition``, ``offset``, ``body_size``, ... Unknown keywords are dropped with a warning."""
        # a span that does not record keeps nothing: the names are still checked
        recorded = message_attributes(fields, keep=not (self._start_ns and not self._recording))
        if recorded:
            self._record(recorded)

    @guarded
    def link_messages(self, carriers: Iterable[Carrier | Mapping[Any, Any] | None]) -> MessagingTracker:
        """Link the span to the producer of each message received (their headers), once they are known.

        Outside a run of its own, the operation is attributed to the producers' run when the messages agree
        on one (``botanu.run_id``/``botanu.workflow`` on the span, the workflow in the counters).
        """
        runs: set[tuple[object, object]] = set()
        links = []
        for carrier in carriers:
            remote = extract_context(carrier)
            link = _producer_link(remote)
            if link is not None:
                links.append(link)
            runs.add((baggage.get_baggage(RUN_ID, remote), baggage.get_baggage(WORKFLOW, remote)))
        if self._recording and not self._ended:
            for link in links:
                self.span.add_link(link.context)
        if len(runs) == 1 and self._run is None and self._workflow is None:
            run_id, workflow = runs.pop()
            if workflow:
                self._workflow = str(workflow)
                self._record({WORKFLOW: self._workflow})
            if run_id:
                self._record({RUN_ID: str(run_id)})

    def _record(self, attributes: dict[str, object]) -> None:
        if self._start_ns:
            super()._record(attributes)
        else:  # set before the start (an integration describing the message first): the span starts with them
            self._attributes.update(attributes)

    def _ledger_values(self) -> tuple[float, ...]:
        return (1, self.duration_s, self.message_count, self.bytes_transferred, self.billable_requests)


_SET_MESSAGE = "MessagingTracker.set_message"
_MESSAGE_NAMES = dict(MESSAGE_ATTRIBUTES)  # (a dict is quicker to look in than the read-only view)


def message_attributes(fields: Mapping[str, object], keep: bool = True) -> dict[str, object]:
    """``set_message``'s keywords as span attributes (``spans.MESSAGE_ATTRIBUTES``), their values checked;
    unknown keywords are dropped with a warning. ``keep=False``: the names are checked, nothing is kept."""
    recorded: dict[str, object] = {}
    for key, value in fields.items():
        name = _MESSAGE_NAMES.get(key)
        if name is None:
            warn_dropped(_SET_MESSAGE, key, value, "not a known message attribute")
        elif keep and value is not None:
            kind = type(value)  # (the usual values, a str or an int, are checked here: a call less each)
            cleaned = (value[:MAX_STRING] if kind is str else value if kind is int  # type: ignore[index]
                       else clean_attribute_value(_SET_MESSAGE, key, value))
            if cleaned is not None:
                recorded[name] = cleaned
    return recorded


def track_messaging_operation(
    system: str,
    operation: str,
    destination: str | None = None,
    *,
    carrier: Carrier | None = None,
    **kwargs: Any,
) -> MessagingTracker:
    """Track one messaging operation: ``with track_messaging_operation(system="sqs", operation="publish",
    destination="my-queue") as msg:``.

    ``carrier``: a message's headers (any shape ``inject_context`` takes). On publish/send the span's trace
    context (and the run's baggage) is injected into it. On consume/process/receive the span is linked to the
    context found in it and becomes its child, so the consumer continues the producer's trace, and work inside
    the ``with`` is attributed to the producer's run.
    ``cloud_provider`` sets ``cloud.provider``; any other keyword is recorded as ``botanu.messaging.<key>``.
    Works as ``with`` and ``async with``.
    """
    cloud_provider = kwargs.pop("cloud_provider", None)
    return MessagingTracker(
        system, operation, target=destination, carrier=carrier, cloud_provider=cloud_provider, metadata=kwargs
    )


__all__ = [
    "Carrier", "MessagingOperation", "MessagingTracker", "context_header_names", "extract_context", "inject_context",
    "track_messaging_operation",
]
