"""Messaging operations: ``track_messaging_operation``, ``MessagingTracker`` and trace context in headers."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from opentelemetry import propagate
from opentelemetry.trace import SpanKind

from .accounting import MESSAGING_LEDGER
from .spans import Domain, TrackedOperation, guarded, report_fault
from .systems import normalize_messaging_system


class MessagingOperation:
    """Messaging operation names (``messaging.operation``), lower case. Any other string is accepted."""

    PUBLISH = "publish"
    CONSUME = "consume"
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
)


class MessagingTracker(TrackedOperation):
    """One messaging operation. Use through ``track_messaging_operation(...)``; methods chain."""

    domain = MESSAGING_DOMAIN
    message_count = 0
    bytes_transferred = 0
    _carrier: MutableMapping[str, Any] | None = None

    def __init__(self, system: object, operation: object, *, carrier: MutableMapping[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(system, operation, **kwargs)
        self._carrier = carrier
        kind, operation_type = _OPERATION_SHAPES.get(self.operation, (SpanKind.CLIENT, None))
        self._kind = kind
        if operation_type:
            self._attributes["messaging.operation.type"] = operation_type
        if carrier is not None and kind is SpanKind.CONSUMER and self._parent is None:
            try:
                self._parent = propagate.extract(carrier)  # continue the producer's trace
            except Exception:
                report_fault("track_messaging_operation extract")

    @property
    def destination(self) -> str | None:
        return self.target

    def start(self) -> MessagingTracker:
        super().start()
        if self._carrier is not None and self._kind is SpanKind.PRODUCER:
            try:
                propagate.inject(self._carrier)  # the span is current now, so its context is what travels
            except Exception:
                report_fault("track_messaging_operation inject")
        return self

    @guarded
    def set_result(self, message_count: int = 0, bytes_transferred: int = 0) -> MessagingTracker:
        """Messages and bytes moved; only values > 0 are recorded."""
        self._set_counts("MessagingTracker.set_result", message_count=message_count,
                         bytes_transferred=bytes_transferred)
        if self.message_count > 1:  # OpenTelemetry sets the batch size only for batches
            self._record({"messaging.batch.message_count": self.message_count})

    @guarded
    def set_destination(self, destination: str) -> MessagingTracker:
        """The queue or topic (``messaging.destination.name``), when not known at the start."""
        self._set_target("MessagingTracker.set_destination", destination)

    def _ledger_values(self) -> tuple[float, ...]:
        return (1, self.duration_s, self.message_count, self.bytes_transferred)


def track_messaging_operation(
    system: str,
    operation: str,
    destination: str | None = None,
    *,
    carrier: MutableMapping[str, Any] | None = None,
    **kwargs: Any,
) -> MessagingTracker:
    """Track one messaging operation: ``with track_messaging_operation(system="sqs", operation="publish",
    destination="my-queue") as msg:``.

    ``carrier``: a message's headers dict. On publish/send the span's trace context (and the run's baggage)
    is injected into it; on consume/receive/subscribe the context found in it becomes the span's parent, so
    the consumer continues the producer's trace. ``cloud_provider`` sets ``cloud.provider``; any other
    keyword is recorded as ``botanu.messaging.<key>``. Works as ``with`` and ``async with``.
    """
    cloud_provider = kwargs.pop("cloud_provider", None)
    return MessagingTracker(
        system, operation, target=destination, carrier=carrier, cloud_provider=cloud_provider, metadata=kwargs
    )


def inject_context(carrier: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Write the current trace context and baggage into message headers; returns the carrier."""
    try:
        propagate.inject(carrier)
    except Exception:
        report_fault("inject_context")
    return carrier
