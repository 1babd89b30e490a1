"""The span core: every tracked operation, manual or from the engine hooks, goes through here.

``TrackedOperation`` opens the span (CLIENT, PRODUCER or CONSUMER), sets the attributes common to all
operations under both the seed's names and OpenTelemetry's, records errors without leaking values, times
the operation on a monotonic clock, ends the span, and adds the operation to the exact counters and to the
current run's totals. ``db.py``, ``storage.py`` and ``messaging.py`` only describe their kind (a ``Domain``)
and their result fields.

Faults inside the core are caught and logged: telemetry never raises into the application, and the
application's own exceptions pass through unchanged (same object, same traceback).
"""

from __future__ import annotations

import functools
import logging
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, ClassVar

from opentelemetry import context, trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from .accounting import Ledger
from .attribution import RunState, run_attributes, with_run
from .providers import Telemetry, telemetry_for
from .values import (
    clean_attribute_value,
    clean_count,
    clean_text,
    qualified_type_name,
    safe_exception_message,
    warn_dropped,
)

_log = logging.getLogger("botanu_data")
_TRACKER_KEY = context.create_key("botanu_data.tracker")

try:  # the suppression key moved between opentelemetry-api releases
    from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY
except ImportError:  # pragma: no cover
    _SUPPRESS_INSTRUMENTATION_KEY = "suppress_instrumentation"  # type: ignore[assignment]

_CLOUD_BY_SYSTEM = {
    "s3": "aws", "dynamodb": "aws", "redshift": "aws", "athena": "aws",
    "sqs": "aws", "sns": "aws", "kinesis": "aws", "eventbridge": "aws",
    "gcs": "gcp", "bigquery": "gcp", "spanner": "gcp", "pubsub": "gcp",
    "azure_blob": "azure", "cosmosdb": "azure", "synapse": "azure",
    "servicebus": "azure", "eventhub": "azure", "eventgrid": "azure",
}


@dataclass(frozen=True)
class Domain:
    """What differs between DB, storage and messaging operations, as data."""

    ledger: Ledger
    prefix: str  # botanu.data / botanu.storage / botanu.messaging
    system_attributes: tuple[str, ...]  # seed name first, then OpenTelemetry's where it differs
    operation_attributes: tuple[str, ...]
    target_attributes: tuple[str, ...]
    api: str  # the public function, for warnings
    normalize_system: Callable[[str], str]
    otel_system: Callable[[str], str] = str  # the value under the OpenTelemetry system attribute
    normalize_operation: Callable[[str], str] = str.upper
    result_prefix: str = "botanu.data"  # set_result's attributes (the seed puts storage's under botanu.data too)
    duration_attribute: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "duration_attribute", f"{self.prefix}.duration_ms")  # frozen: set once


def report_fault(where: str) -> None:
    """Log an internal fault; the application carries on as if uninstrumented."""
    _log.debug("botanu_data: internal fault in %s", where, exc_info=True)
    _fault_limiter.log(where)


class _FaultLimiter:
    """At most one error log per place per minute: a broken hook on every query must not flood the log."""

    def __init__(self) -> None:
        self._last: dict[str, float] = {}

    def log(self, where: str) -> None:
        now = time.monotonic()
        if now - self._last.get(where, -1e9) >= 60.0:
            self._last[where] = now
            _log.error("botanu_data: internal fault in %s (telemetry skipped)", where, exc_info=True)


_fault_limiter = _FaultLimiter()


def guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """A tracker method that never raises into the application and always returns the tracker (chaining)."""
    where = method.__qualname__

    @functools.wraps(method)
    def call(self: TrackedOperation, *args: Any, **kwargs: Any) -> Any:
        try:
            method(self, *args, **kwargs)
        except Exception:
            report_fault(where)
        return self

    return call


class TrackedOperation:
    """Base of DBTracker, StorageTracker and MessagingTracker: a context manager around one operation."""

    domain: ClassVar[Domain]

    # Defaults live on the class: an operation stores only what differs, which keeps the per-statement
    # tracker of the engine hooks cheap to create.
    metadata: Mapping[str, object] = MappingProxyType({})
    error: BaseException | None = None
    error_type: str | None = None
    span: Span = trace.INVALID_SPAN
    duration_s = 0.0
    _telemetry: Telemetry | None = None
    _parent: Context | None = None
    _name: str | None = None  # a fixed span name (the hooks'); otherwise "{operation} {target}"
    _token: object = None
    _start_ns = 0
    _recording = False
    _counting = False
    _run: RunState | None = None
    _workflow: str | None = None
    _ended = False
    _pending: dict[str, Any] | None = None  # attributes to set when the operation ends
    _series: tuple[tuple[str, object], ...] | None = None  # precomputed counter attributes (hooks)
    _counter_series: Any = None  # and the accountant's series for them
    _from_hook = False
    _kind = SpanKind.CLIENT

    def __init__(
        self,
        system: object,
        operation: object,
        *,
        target: object = None,
        cloud_provider: object = None,
        metadata: dict[str, object] | None = None,
        telemetry: Telemetry | None = None,
        parent: Context | None = None,
    ) -> None:
        domain = self.domain
        system_text = clean_text(domain.api, "system", system) or "unknown"
        operation_text = clean_text(domain.api, "operation", operation)
        self._reset(
            domain.normalize_system(system_text),
            domain.normalize_operation(operation_text) if operation_text else "UNKNOWN",
            clean_text(domain.api, "target", target),
            telemetry,
        )
        if parent is not None:
            self._parent = parent
        attributes: dict[str, Any] = {}
        for key in domain.system_attributes[:1]:
            attributes[key] = self.system
        for key in domain.system_attributes[1:]:
            attributes[key] = domain.otel_system(self.system)
        attributes["botanu.vendor"] = self.vendor
        for key in domain.operation_attributes:
            attributes[key] = self.operation
        if self.target:
            for key in self._target_attribute_names():
                attributes[key] = self.target
        provider = clean_text(domain.api, "cloud_provider", cloud_provider)
        if provider:
            attributes["botanu.cloud_provider"] = provider
            attributes["cloud.provider"] = provider
        elif self.system in _CLOUD_BY_SYSTEM:
            attributes["cloud.provider"] = _CLOUD_BY_SYSTEM[self.system]
        self._attributes = attributes
        if metadata:
            self._collect_metadata(metadata)

    @classmethod
    def prepared(
        cls, telemetry: Telemetry, system: str, operation: str, target: str | None,
        attributes: dict[str, Any], name: str, series: tuple[tuple[str, object], ...] | None = None,
        counter_series: Any = None,
    ) -> Any:
        """A tracker from values a hook has already validated and normalized: the per-statement path skips
        the argument checks and attribute building of ``__init__`` (``series``: the counter attributes
        without error and workflow, precomputed too)."""
        self = cls.__new__(cls)
        self._reset(system, operation, target, telemetry)
        self._attributes = attributes
        self._name = name
        self._series = series
        self._counter_series = counter_series
        self._from_hook = True
        return self

    def _reset(self, system: str, operation: str, target: str | None, telemetry: Telemetry | None) -> None:
        self.system = system
        self.vendor = system
        self.operation = operation
        self.target = target
        self._telemetry = telemetry

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> TrackedOperation:
        """Open the span, make it current, and start the clock. Called by ``with``/``async with``."""
        try:
            current = context.get_current()
            if context.get_value(_SUPPRESS_INSTRUMENTATION_KEY, current):
                self._start_ns = time.perf_counter_ns()
                return self
            telemetry = self._telemetry or telemetry_for()
            self._telemetry = telemetry
            self._counting = telemetry._metrics_live or telemetry.metrics_live()
            run, run_id, workflow = run_attributes(current, self._parent)
            self._run, self._workflow = run, workflow
            attributes = self._attributes  # may be shared by the engine hooks: copied before adding to it
            if run_id or workflow:
                attributes = {**attributes}
                if run_id:
                    attributes["botanu.run_id"] = run_id
                if workflow:
                    attributes["botanu.workflow"] = workflow
            parent = self._parent
            if parent is None:
                parent = current
            elif run is not None:
                parent = with_run(parent, run)  # keep the caller's run for operations nested in this one
            span, recording = self._open_span(telemetry, parent, attributes)
            self.span = span
            self._recording = recording
            # A hook's unsampled span is not made current: it will not exist in any backend, so spans the
            # driver starts are better parented to the caller's span (and this saves the attach/detach)
            if not self._from_hook:  # set_data_metrics() finds a manual tracker through the context
                current = trace.set_span_in_context(span, parent)
                self._token = context.attach(context.set_value(_TRACKER_KEY, self, current))
            elif recording:
                self._token = context.attach(trace.set_span_in_context(span, parent))
        except Exception:
            report_fault(f"{self.domain.api} start")
        self._start_ns = time.perf_counter_ns()
        return self

    def _open_span(self, telemetry: Telemetry, parent: Context, attributes: dict[str, Any]) -> tuple[Span, bool]:
        if not (telemetry._tracing_live or telemetry.tracing_live()):
            return trace.INVALID_SPAN, False  # no SDK: nothing would record it
        drops = telemetry.unsampled_drops
        if drops is not None:
            dropped = _dropped_under(parent, drops)
            if dropped is not None:
                return dropped, False  # the sampler's answer, without asking it
        name = self._name or self._span_name()
        writer = telemetry.writer
        if writer is not None and writer.enabled:
            span = telemetry.tracer.start_span(name, parent, kind=self._kind)
            recording = span.is_recording()
            if recording:
                writer.write(span, attributes)
            return span, recording
        span = telemetry.tracer.start_span(name, parent, kind=self._kind, attributes=attributes)
        return span, span.is_recording()

    def end(self) -> None:
        """Finish: duration, counters, run totals, end the span. Safe to call more than once."""
        if self._ended:
            return
        self._ended = True
        self.duration_s = duration = (time.perf_counter_ns() - self._start_ns) / 1e9
        try:
            domain = self.domain
            values = self._ledger_values()
            if self._counting:
                accountant = self._telemetry.accountant  # type: ignore[union-attr]
                if self._counter_series is not None and not self.error_type and not self._workflow:
                    accountant.add_to(self._counter_series, values)
                else:
                    accountant.add(domain.ledger, self._series_attributes(), values)
                self._extra_metrics()
            if self._run is not None:
                self._run.add(domain.ledger.run_totals, values)
            if self._recording:
                final = {domain.duration_attribute: duration * 1000.0}  # one write for all known only now
                if self._pending:
                    final.update(self._pending)
                self._write(final)
        except Exception:
            report_fault(f"{self.domain.api} end")
        finally:
            if self._token is not None:
                try:
                    context.detach(self._token)  # type: ignore[arg-type]
                except Exception:
                    report_fault(f"{self.domain.api} detach")
            self.span.end()

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        if exc is not None and self.error is not exc:
            self.set_error(exc)
        self.end()
        return False  # the application's exception propagates unchanged

    async def __aenter__(self) -> Any:
        return self.start()

    async def __aexit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        return self.__exit__(exc_type, exc, tb)

    # -- common recording -------------------------------------------------------------------------

    @guarded
    def set_error(self, error: BaseException) -> Any:
        """Record an error: status ERROR, ``<prefix>.error``, ``error.type`` and the exception event."""
        if not isinstance(error, BaseException):
            warn_dropped(f"{type(self).__name__}.set_error", "error", error, "not an exception")
            return
        self.error = error
        self.error_type = qualified_type_name(error)
        if self._recording:
            message = safe_exception_message(error)
            self.span.set_status(Status(StatusCode.ERROR, message))
            self.span.set_attributes(
                {f"{self.domain.prefix}.error": type(error).__name__, "error.type": self.error_type}
            )
            self.span.add_event("exception", exception_event_attributes(error, self.error_type, message))

    @guarded
    def add_metadata(self, **metadata: object) -> Any:
        """Custom attributes: ``<prefix>.<key>``, or ``key`` itself when it already starts with ``botanu.``."""
        self._record(self._collect_metadata(metadata))

    def _collect_metadata(self, metadata: dict[str, object]) -> dict[str, object]:
        recorded: dict[str, object] = {}
        if type(self.metadata) is not dict:
            self.metadata = {}
        for key, value in metadata.items():
            cleaned = clean_attribute_value(f"{type(self).__name__}.add_metadata", key, value)
            if cleaned is None:
                continue
            self.metadata[key] = cleaned
            recorded[key if key.startswith("botanu.") else f"{self.domain.prefix}.{key}"] = cleaned
        self._attributes.update(recorded)
        return recorded

    def _set_counts(self, api: str, **counts: object) -> dict[str, object]:
        """Validate counts, keep those > 0 as the tracker's fields and record them on the span."""
        recorded: dict[str, object] = {}
        for name, value in counts.items():
            cleaned = clean_count(api, name, value)
            if cleaned:
                setattr(self, name, cleaned)
                recorded[f"{self.domain.result_prefix}.{name}"] = cleaned
        self._record(recorded)
        return recorded

    def _set_target(self, api: str, target: object) -> None:
        name = clean_text(api, "name", target)
        if name is None:
            return
        self.target = name
        if self._recording:
            self.span.set_attributes({key: name for key in self._target_attribute_names()})
            if self._name is None:
                self.span.update_name(self._span_name())

    def _record(self, attributes: dict[str, object]) -> None:
        """Set already-validated attributes on the span, if it records and has not ended."""
        if self._recording and attributes and not self._ended:
            self._write(attributes)

    def _write(self, attributes: dict[str, object]) -> None:
        writer = self._telemetry.writer if self._telemetry is not None else None
        if writer is not None:
            writer.write(self.span, attributes)
        else:
            self.span.set_attributes(attributes)

    # -- what subclasses describe -----------------------------------------------------------------

    def _target_attribute_names(self) -> tuple[str, ...]:
        return self.domain.target_attributes

    def _span_name(self) -> str:
        if self._name:
            return self._name
        return f"{self.operation} {self.target}" if self.target else self.operation

    def _ledger_values(self) -> tuple[float, ...]:
        raise NotImplementedError

    def _series_attributes(self) -> tuple[tuple[str, object], ...]:
        """The counter point's attributes: vendor, system, operation, target, error type, workflow."""
        items = self._series
        if items is None:
            domain = self.domain
            items = (
                ("botanu.vendor", self.vendor),
                (domain.system_attributes[0], self.system),
                (domain.operation_attributes[0], self.operation),
            )
            if self.target:
                items += ((domain.target_attributes[0], self.target),)
        if self.error_type:
            items += (("error.type", self.error_type),)
        if self._workflow:
            items += (("botanu.workflow", self._workflow),)
        return items

    def _extra_metrics(self) -> None:
        """Hook for a subclass to record further (opt-in) metrics; called only when metrics are live."""


def exception_event_attributes(error: BaseException, error_type: str, message: str) -> dict[str, object]:
    """OpenTelemetry's exception event; the stack trace lists frames only, since the usual last line
    (``Type: message``) could carry values the message deliberately leaves out."""
    frames = "".join(traceback.format_tb(error.__traceback__)) if error.__traceback__ else ""
    return {
        "exception.type": error_type,
        "exception.message": message,
        "exception.stacktrace": f"Traceback (most recent call last):\n{frames}{error_type}",
        "exception.escaped": True,
    }


# The last parent context asked about, with the answer: statements of one request share their parent context
# (contexts are immutable), so most answers are one identity check. A tuple swap is atomic across threads.
_last_parent: tuple[object, object, Span | None] = (None, None, None)


def _dropped_under(parent: Context, drops: tuple[bool, bool]) -> Span | None:
    """A non-recording span carrying the parent's context when the sampler will certainly drop a child of
    ``parent`` (see sdk_shortcuts.unsampled_parent_drops), else None."""
    global _last_parent
    last_parent, last_drops, answer = _last_parent
    if last_parent is parent and last_drops is drops:
        return answer
    parent_context = trace.get_current_span(parent).get_span_context()
    answer = None
    if parent_context.is_valid and not parent_context.trace_flags.sampled and drops[parent_context.is_remote]:
        answer = trace.NonRecordingSpan(parent_context)
    _last_parent = (parent, drops, answer)
    return answer


def current_tracker() -> TrackedOperation | None:
    """The tracked operation whose span is current, if the current span is one of ours."""
    tracker = context.get_value(_TRACKER_KEY)
    if tracker is not None and trace.get_current_span() is tracker.span:  # type: ignore[attr-defined]
        return tracker  # type: ignore[return-value]
    return None


__all__ = [
    "Domain", "TrackedOperation", "current_tracker", "report_fault",
]
