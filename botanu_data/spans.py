"""The span core: every tracked operation, manual or from the engine hooks, goes through here.

``TrackedOperation`` opens the span (CLIENT, PRODUCER or CONSUMER), sets the attributes common to all
operations under both the seed's names and OpenTelemetry's, records errors without leaking values, times
the operation on a monotonic clock, ends the span, and adds the operation to the exact counters and to the
current run's totals. ``db.py``, ``storage.py`` and ``messaging.py`` only describe their kind (a ``Domain``)
and their result fields. The engine hooks' per-statement path (``statement_path.py``) does the common case in one
flat pass and hands anything else to a tracker made by ``TrackedOperation.prepared``.

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
from time import perf_counter_ns
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from opentelemetry import context, trace
from opentelemetry.context import Context, set_value
from opentelemetry.trace import Link, Span, SpanContext, SpanKind, Status, StatusCode, set_span_in_context

from .accounting import Ledger
from .attribution import RunState, run_attributes, with_run
from .providers import Telemetry, telemetry_for
from .sdk_shortcuts import attach_context, current_context, detach_context
from .values import (
    clean_attribute_value,
    clean_count,
    clean_text,
    qualified_type_name,
    safe_exception_message,
    warn_dropped,
)

if TYPE_CHECKING:
    from .statement_path import PreparedShape

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

# A warehouse's own figures for one statement (what its driver reports after execute), by the name a
# figure has on the tracker and in the warehouse adapters -> the span attribute. The mapping lives here, once.
WAREHOUSE_ATTRIBUTES: Mapping[str, str] = MappingProxyType({
    "query_id": "botanu.warehouse.query_id",  # the vendor's id: the join key to its query history and bill
    "bytes_scanned": "botanu.warehouse.bytes_scanned",
    "bytes_billed": "botanu.warehouse.bytes_billed",
    "slot_ms": "botanu.warehouse.slot_ms",  # BigQuery slot milliseconds
    "engine_ms": "botanu.warehouse.engine_ms",  # Athena engine execution time
    "cache_hit": "botanu.warehouse.cache_hit",  # the result came from the vendor's result cache (not billed)
})

# The per-message attributes a messaging tracker may set (``MessagingTracker.set_message``), by keyword: the
# OpenTelemetry messaging names, kept here once so no integration invents its own.
MESSAGE_ATTRIBUTES: Mapping[str, str] = MappingProxyType({
    "message_id": "messaging.message.id",
    "conversation_id": "messaging.message.conversation_id",
    "body_size": "messaging.message.body.size",
    "consumer_group": "messaging.consumer.group.name",
    "routing_key": "messaging.rabbitmq.destination.routing_key",
    "delivery_tag": "messaging.rabbitmq.message.delivery_tag",
    "partition": "messaging.kafka.destination.partition",
    "offset": "messaging.kafka.message.offset",
    "retry_reason": "botanu.messaging.retry_reason",  # no OpenTelemetry name: Celery's retries
})

# What a cloud service's answer says about one operation of any kind (``TrackedOperation.set_service``), by
# keyword: OpenTelemetry's names where it has them, kept here once like the message attributes.
SERVICE_ATTRIBUTES: Mapping[str, str] = MappingProxyType({
    "region": "cloud.region",
    "request_id": "aws.request_id",
    "consumed_capacity": "aws.dynamodb.consumed_capacity",  # the answer's ConsumedCapacity entries, as JSON
    "capacity_units": "botanu.dynamodb.capacity_units",  # their total: what on-demand and provisioned bill by
    "attempt": "botanu.request.attempt",  # a retry's try number (2 = the first retry; absent on a first try)
    # the API call itself, as OpenTelemetry's RPC / AWS SDK conventions name it (aws-api, S3, PutObject)
    "rpc_system": "rpc.system",
    "rpc_service": "rpc.service",
    "rpc_method": "rpc.method",
})


@dataclass(frozen=True, slots=True)
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
    # a result's OpenTelemetry attribute, written beside the seed's: result name -> attribute
    result_aliases: Mapping[str, str] = field(default_factory=dict)
    # the names set_result gives the ledger's slots 2.. (tracker fields, ``<result_prefix>.<name>`` attributes),
    # where they differ from the slot names (storage's objects_count counts into the objects slot)
    result_names: tuple[str, ...] = ()
    duration_attribute: str = field(init=False)
    count_names: tuple[str, ...] = field(init=False)  # result_names, or the slot names
    count_attributes: tuple[str, ...] = field(init=False)  # the span attributes of the ledger's slots 2..
    count_aliases: tuple[str | None, ...] = field(init=False)  # and their OpenTelemetry names, where they have one
    result_room: int = field(init=False)  # how many span attributes the ledger's results can add at most

    def series_attributes(self, system: str, operation: str, target: str | None) -> tuple[tuple[str, object], ...]:
        """The attributes of an operation's counter points, before any error type or workflow."""
        items: tuple[tuple[str, object], ...] = (
            ("botanu.vendor", system), (self.system_attributes[0], system), (self.operation_attributes[0], operation),
        )
        return items + ((self.target_attributes[0], target),) if target else items

    def __post_init__(self) -> None:  # frozen: derived fields are set once, here
        object.__setattr__(self, "duration_attribute", f"{self.prefix}.duration_ms")
        names = self.result_names or self.ledger.slot_names[2:]
        counts = tuple(f"{self.result_prefix}.{name}" for name in names)
        aliases = tuple(self.result_aliases.get(name) for name in names)
        object.__setattr__(self, "count_names", names)
        object.__setattr__(self, "count_attributes", counts)
        object.__setattr__(self, "count_aliases", aliases)
        object.__setattr__(self, "result_room", len(counts) + sum(alias is not None for alias in aliases))

    def result_attributes(self, results: Mapping[str, object]) -> dict[str, object]:
        """The span attributes of already-validated results (name -> value): ``<result_prefix>.<name>``, and
        OpenTelemetry's name beside it where there is one."""
        attributes: dict[str, object] = {}
        for name, value in results.items():
            attributes[f"{self.result_prefix}.{name}"] = value
            alias = self.result_aliases.get(name)
            if alias:
                attributes[alias] = value
        return attributes


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


def instrumenting(where: str, unsupported: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An integration's ``instrument_x(target)`` / ``uninstrument_x(target)``: it never raises into the application
    and returns its target. A fault is logged; with ``unsupported``, a warning also says the target was skipped."""

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def call(target: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                function(target, *args, **kwargs)
            except Exception:
                if unsupported:
                    _log.warning("botanu_data: %s(%s): %s; skipped", where, type(target).__name__, unsupported)
                report_fault(where)
            return target

        return call

    return decorate


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

    # What every operation writes on its way through start() and end() is kept in slots, set together by
    # _reset(): the engine hooks make one tracker per statement, and slots are quicker to fill and to read
    # than an instance dict. Fields only some operations set live in the instance dict, with class defaults.
    __slots__ = (
        "system", "vendor", "operation", "span", "duration_s", "_telemetry", "_attributes", "_name", "_token",
        "_start_ns", "_recording", "_counting", "_ended", "_counter_series", "_from_hook", "__dict__", "__weakref__",
    )
    system: str
    vendor: str
    operation: str
    span: Span
    duration_s: float
    _telemetry: Telemetry | None
    _attributes: dict[str, Any]
    _name: str | None  # a fixed span name (the hooks'); otherwise "{operation} {target}"
    _token: object
    _start_ns: int
    _recording: bool
    _counting: bool
    _ended: bool
    _counter_series: Any  # the accountant's series for this operation's counter points, when known ahead (hooks)
    _from_hook: bool

    error: BaseException | None = None
    error_type: str | None = None
    _parent: Context | None = None
    _run: RunState | None = None
    _workflow: str | None = None
    _pending: dict[str, Any] | None = None  # attributes to set when the operation ends
    _links: list[Link] | None = None  # links given to the span at its start (a consumer's producers)
    metadata: Mapping[str, object] = MappingProxyType({})
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
        attributes: dict[str, Any] = {}
        self._reset(
            domain.normalize_system(system_text),
            domain.normalize_operation(operation_text) if operation_text else "UNKNOWN",
            clean_text(domain.api, "target", target),
            telemetry,
            attributes,
        )
        if parent is not None:
            self._parent = parent
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
        if metadata:
            self._collect_metadata(metadata)

    @classmethod
    def prepared(cls, shape: PreparedShape) -> Any:
        """A tracker from a shape the engine hooks have already validated and normalized: no argument checks,
        no attribute building (see statement_path.py)."""
        self = cls.__new__(cls)
        self._reset(shape.system, shape.operation, shape.target, shape.telemetry, shape.attributes, shape.name,
                    shape.counter_series, True)
        if shape.kind is not cls._kind:
            self._kind = shape.kind
        for name, value in shape.tracker_fields:
            setattr(self, name, value)
        if shape.duration_histogram is not None:
            self.duration_histogram = shape.duration_histogram  # a DBTracker field: the shapes are the engine's
        return self

    def _reset(
        self, system: str, operation: str, target: str | None, telemetry: Telemetry | None,
        attributes: dict[str, Any], name: str | None = None, counter_series: Any = None, from_hook: bool = False,
    ) -> None:
        self.system = self.vendor = system
        self.operation = operation
        self.target = target
        self._telemetry = telemetry
        self._attributes = attributes
        self._name = name
        self._counter_series = counter_series
        self._from_hook = from_hook
        self.span = trace.INVALID_SPAN
        self._token = None
        self.duration_s = 0.0
        self._start_ns = 0
        self._recording = self._counting = self._ended = False

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> TrackedOperation:
        """Open the span, make it current, and start the clock. Called by ``with``/``async with``."""
        try:
            current = current_context()
            if current.get(_SUPPRESS_INSTRUMENTATION_KEY):
                self._start_ns = perf_counter_ns()
                return self
            telemetry = self._telemetry
            if telemetry is None:
                telemetry = self._telemetry = telemetry_for()
            self._counting = telemetry._metrics_live or telemetry.metrics_live()
            parent = self._parent
            run, run_id, workflow = run_attributes(current, parent)
            attributes = self._attributes  # may be shared by the engine hooks: copied before adding to it
            if run_id or workflow:
                self._run, self._workflow = run, workflow
                attributes = {**attributes}
                if run_id:
                    attributes["botanu.run_id"] = run_id
                if workflow:
                    attributes["botanu.workflow"] = workflow
            if parent is None:
                parent = current
            elif run is not None:
                parent = with_run(parent, run)  # keep the caller's run for operations nested in this one
            if telemetry._tracing_live or telemetry.tracing_live():
                drops = telemetry.unsampled_drops
                # under an unsampled parent the sampler's answer is known: skip asking it (sdk_shortcuts)
                span = _dropped_under(parent, drops) if drops is not None else None
                if span is None:
                    writer = telemetry.writer
                    if writer.enabled:  # type: ignore[union-attr]
                        span = telemetry.tracer.start_span(self._name or self._span_name(), parent, kind=self._kind,
                                                           links=self._links)
                        if span.is_recording():
                            self._recording = True
                            writer.write(span, attributes)  # type: ignore[union-attr]
                    else:
                        span = telemetry.tracer.start_span(
                            self._name or self._span_name(), parent, kind=self._kind, attributes=attributes,
                            links=self._links,
                        )
                        self._recording = span.is_recording()
                self.span = span
            # A hook's unsampled span is not made current: it will not exist in any backend, so spans the
            # driver starts are better parented to the caller's span (and this saves the attach/detach)
            if not self._from_hook:  # set_data_metrics() finds a manual tracker through the context
                self._token = attach_context(set_value(_TRACKER_KEY, self, set_span_in_context(self.span, parent)))
            elif self._recording:
                self._token = attach_context(set_span_in_context(self.span, parent))
        except Exception:
            report_fault(f"{self.domain.api} start")
        self._start_ns = perf_counter_ns()
        return self

    def end(self) -> None:
        """Finish: duration, counters, run totals, end the span. Safe to call more than once."""
        if self._ended:
            return
        self._ended = True
        self.duration_s = duration = (perf_counter_ns() - self._start_ns) / 1e9
        try:
            values = self._ledger_values()
            if self._counting:
                series = self._counter_series  # the hooks' series, while no per-operation attribute differs
                if series is None or self.error_type or self._workflow:
                    series = self._telemetry.accountant.series(  # type: ignore[union-attr]
                        self.domain.ledger, self._series_attributes())
                series.add(values)
                self._extra_metrics()
            if self._run is not None:
                self._run.add(self.domain.ledger.run_totals, values)
            if self._recording:
                final = {self.domain.duration_attribute: duration * 1000.0}  # one write for all known only now
                if self._pending:
                    final.update(self._pending)
                self._telemetry.writer.write(self.span, final)  # type: ignore[union-attr]
        except Exception:
            report_fault(f"{self.domain.api} end")
        finally:
            if self._token is not None:
                try:
                    detach_context(self._token)
                except Exception:
                    report_fault(f"{self.domain.api} detach")
            self.span.end()

    # -- what the engine hooks' per-statement path (statement_path.py) falls back on ----------------------------

    def end_prepared(self, counts: tuple[int, ...] = ()) -> None:
        """``end()`` given the operation's result as the values of its ledger's slots after the operation count
        and the duration (a database operation: rows returned, rows affected); values > 0 become the
        tracker's fields of the same names and span attributes, as if set with ``set_result``."""
        if counts and any(counts):
            domain = self.domain
            pending = {}
            names = domain.count_names
            for name, attribute, alias, count in zip(names, domain.count_attributes, domain.count_aliases, counts,
                                                     strict=False):
                if count:
                    setattr(self, name, count)
                    pending[attribute] = count
                    if alias:
                        pending[alias] = count
            self._pending = {**pending, **(self._pending or {})}
        self.end()

    def as_tracker(self) -> TrackedOperation:
        return self

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
    def set_error_code(self, code: str) -> Any:
        """Record a failure the service answered with a code and no exception reached the tracker (an HTTP
        error seen by a client's transport, before the client raises): status ERROR, ``error.type`` = the code,
        counted as an error like ``set_error``."""
        cleaned = clean_text(f"{type(self).__name__}.set_error_code", "code", code)
        if cleaned is None:
            return
        self.error_type = cleaned
        if self._recording:
            self.span.set_status(Status(StatusCode.ERROR, cleaned))
            self.span.set_attributes({f"{self.domain.prefix}.error": cleaned, "error.type": cleaned})

    @guarded
    def set_service(self, **fields: object) -> Any:
        """Per-operation attributes a cloud service's client knows (``SERVICE_ATTRIBUTES``: ``region``,
        ``request_id``, ...), before or after the start; unknown keywords are dropped with a warning."""
        recorded: dict[str, object] = {}
        for key, value in fields.items():
            name = SERVICE_ATTRIBUTES.get(key)
            if name is None:
                warn_dropped(f"{type(self).__name__}.set_service", key, value, "not a known service attribute")
                continue
            cleaned = clean_attribute_value(f"{type(self).__name__}.set_service", key, value)
            if cleaned is not None:
                recorded[name] = cleaned
        if not self._start_ns:  # not started: the span is created with them
            self._attributes.update(recorded)
        else:
            self._record(recorded)

    def leave_current(self) -> None:
        """Keep the operation open but stop its span being the current one: for an operation a later callback
        ends, which may never come on this path (a lost end must not leave a stale span current)."""
        token, self._token = self._token, None
        if token is not None:
            try:
                detach_context(token)
            except Exception:
                report_fault(f"{self.domain.api} detach")

    def abandon(self) -> None:
        """End a started operation that never reached the service (its client refused the call before sending
        it): the span ends, nothing is counted. Safe to call more than once, and after ``end()``."""
        if self._ended:
            return
        self._ended = True
        try:
            if self._token is not None:
                detach_context(self._token)
        except Exception:
            report_fault(f"{self.domain.api} detach")
        self.span.end()

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
        kept: dict[str, object] = {}
        for name, value in counts.items():
            cleaned = clean_count(api, name, value)
            if cleaned:
                setattr(self, name, cleaned)
                kept[name] = cleaned
        recorded = self.domain.result_attributes(kept)
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
        self._telemetry.writer.write(self.span, attributes)  # type: ignore[union-attr]  # set: the span records

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
        items = self.domain.series_attributes(self.system, self.operation, self.target)
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
    answer = dropped_child(trace.get_current_span(parent).get_span_context(), drops)
    _last_parent = (parent, drops, answer)
    return answer


def dropped_child(parent_context: SpanContext, drops: tuple[bool, bool]) -> Span | None:
    """``_dropped_under`` given the parent span's context (a sampled parent, the common case, is told first)."""
    if parent_context.trace_flags.sampled or not parent_context.is_valid or not drops[parent_context.is_remote]:
        return None
    return trace.NonRecordingSpan(parent_context)


def current_tracker() -> TrackedOperation | None:
    """The tracked operation whose span is current, if the current span is one of ours."""
    tracker = context.get_value(_TRACKER_KEY)
    if tracker is not None and trace.get_current_span() is tracker.span:  # type: ignore[attr-defined]
        return tracker  # type: ignore[return-value]
    return None


__all__ = [
    "MESSAGE_ATTRIBUTES", "SERVICE_ATTRIBUTES", "Domain", "TrackedOperation", "current_tracker", "instrumenting",
    "report_fault",
]
