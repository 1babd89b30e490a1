"""The engine hooks' per-statement path through the span core.

The hooks run for every statement, between stretches of SQLAlchemy and driver code that push everything
else out of the CPU caches, so what they do per statement must touch as few objects as it can. Everything
that is the same for every run of one statement string is computed once into a ``PreparedShape``
(validated attributes, span name, counter series). ``start_prepared(shape)`` then does in one flat pass what
``TrackedOperation.start()`` does, and returns a small ``InFlight`` record whose ``end_prepared()`` does what
``end()`` does, with the same spans, counters and attributes as a tracker would record.

Anything unusual takes the tracker: no tracing or metrics SDK, suppression, a run or workflow to attribute,
a sampler that reads attributes, the opt-in duration histogram (``start_prepared`` returns a started tracker,
with the same methods), or an error
(``InFlight.as_tracker()`` hands the operation over to a tracker, which records it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter_ns
from typing import Any

from opentelemetry.trace import INVALID_SPAN, NonRecordingSpan, Span, SpanKind, set_span_in_context

from .accounting import Series
from .attribution import NO_RUN, run_attributes
from .providers import Telemetry, settings
from .sdk_shortcuts import attach_context, current_context, detach_context
from .spans import _SUPPRESS_INSTRUMENTATION_KEY, Domain, TrackedOperation, _dropped_under, report_fault

# end_prepared() writes at most this many attributes (the duration and the counts) straight into the span
_END_ATTRIBUTES = 8


@dataclass(frozen=True, slots=True)
class PreparedShape:
    """What every operation of one shape shares, validated and normalized once: the engine hooks keep one per
    statement string. ``attributes`` is shared by every operation of the shape and never mutated in place;
    ``duration_histogram``: the engine's option of that name (None: the package setting). ``counter_series``
    is the accountant's series of the shape's operations that end without an error or a workflow."""

    tracker_class: type[TrackedOperation]
    telemetry: Telemetry
    system: str
    operation: str
    target: str | None
    attributes: dict[str, Any]
    name: str
    duration_histogram: bool | None = None
    domain: Domain = field(init=False)  # the tracker class's, kept here to spare the per-statement lookups
    kind: SpanKind = field(init=False)
    counter_series: Series = field(init=False)

    def __post_init__(self) -> None:  # frozen: derived fields are set once, here
        domain = self.tracker_class.domain
        series = self.telemetry.accountant.series(
            domain.ledger, domain.series_attributes(self.system, self.operation, self.target)
        )
        object.__setattr__(self, "domain", domain)
        object.__setattr__(self, "kind", self.tracker_class._kind)
        object.__setattr__(self, "counter_series", series)


class InFlight:
    """One operation of a prepared shape, started by ``start_prepared()``: just what its end needs."""

    __slots__ = ("shape", "span", "recording", "token", "store", "start_ns")

    def __init__(self, shape: PreparedShape, span: Span = INVALID_SPAN) -> None:
        """An operation whose span does not record (counted only). ``start_prepared`` fills a recording one
        field by field."""
        self.shape = shape
        self.span = span
        self.recording = False
        self.token = None  # the attach() token while the span is current
        self.store: dict[str, Any] | None = None  # the SDK span's attributes, when writable directly
        self.start_ns = 0

    def end_prepared(self, counts: tuple[int, ...] = ()) -> None:
        """``end()``, given the operation's result as the values of its ledger's slots after the operation
        count and the duration (a database operation: rows returned, rows affected); values > 0 count."""
        duration = (perf_counter_ns() - self.start_ns) / 1e9
        shape = self.shape
        try:
            shape.counter_series.add((1, duration, *counts))
            if self.recording:
                domain = shape.domain
                store = self.store  # start_prepared() reserved room in it for these, or None
                final = store if store is not None else {}
                final[domain.duration_attribute] = duration * 1000.0
                if counts:
                    for attribute, count in zip(domain.count_attributes, counts, strict=False):
                        if count:
                            final[attribute] = count
                if store is None:
                    shape.telemetry.writer.write(self.span, final)  # type: ignore[union-attr]
        except Exception:
            report_fault("end_prepared")
        finally:
            if self.token is not None:
                try:
                    detach_context(self.token)
                except Exception:
                    report_fault("end_prepared detach")
            self.span.end()

    def end(self) -> None:
        self.end_prepared()

    def as_tracker(self) -> TrackedOperation:
        """A tracker carrying on with this operation (its span, context and clock), to record what only a
        tracker records, such as an error. End the tracker, not this record."""
        shape = self.shape
        tracker = shape.tracker_class.prepared(shape)
        tracker.span, tracker._recording, tracker._token = self.span, self.recording, self.token
        tracker._start_ns, tracker._counting = self.start_ns, True
        return tracker


_new_in_flight = object.__new__

# The last context and telemetry start_prepared() saw and what it concluded about them: whether the flat path
# applies (tracing, metrics and direct attribute writes live; not suppressed; no run or workflow to
# attribute) and the span to use when the sampler would drop the operation's. Statements of one request
# share their context (contexts are immutable), so most statements decide with two identity checks; a tuple
# swap is atomic across threads. (What it caches only ever turns true later, except direct writes, which
# write() still checks.)
_last_context: tuple[object, object, bool, Span | None] = (None, None, False, None)


def start_prepared(shape: PreparedShape) -> InFlight | TrackedOperation:
    """Start an operation of ``shape``: ``start()``'s work in one flat pass. End what it returns with
    ``end_prepared(counts)``."""
    global _last_context
    span: Span = INVALID_SPAN
    try:
        telemetry = shape.telemetry
        current = current_context()
        last_context, last_telemetry, flat, dropped = _last_context
        if last_context is not current or last_telemetry is not telemetry:
            # (a writer that may not write directly means a sampler that must see the attributes at the start)
            flat = bool(telemetry._tracing_live and telemetry._metrics_live and telemetry.writer.enabled  # type: ignore[union-attr]
                        and not current.get(_SUPPRESS_INSTRUMENTATION_KEY) and run_attributes(current) is NO_RUN)
            drops = telemetry.unsampled_drops
            dropped = _dropped_under(current, drops) if flat and drops is not None else None
            _last_context = (current, telemetry, flat, dropped)
        if not flat or (settings.duration_histogram if shape.duration_histogram is None else shape.duration_histogram):
            return shape.tracker_class.prepared(shape).start()
        if dropped is not None:  # the sampler would drop the span: counted, not recorded, not made current
            operation = InFlight(shape, dropped)
        else:
            span = telemetry.tracer.start_span(shape.name, current, shape.kind)
            dropped_by_sampler = type(span) is NonRecordingSpan  # what the SDK returns then: nothing to write
            store = None if dropped_by_sampler else telemetry.writer.write(  # type: ignore[union-attr]
                span, shape.attributes, _END_ATTRIBUTES)
            if store is None and (dropped_by_sampler or not span.is_recording()):
                operation = InFlight(shape, span)
            else:
                # field by field: InFlight's __init__ frame would cost more than the rest of this block
                operation = _new_in_flight(InFlight)
                operation.shape, operation.span, operation.recording = shape, span, True
                operation.token = attach_context(set_span_in_context(span, current))
                operation.store = store
    except Exception:
        report_fault("start_prepared")
        operation = InFlight(shape, span)  # a span already started is still ended, by end_prepared()
    operation.start_ns = perf_counter_ns()
    return operation


__all__ = ["InFlight", "PreparedShape", "start_prepared"]
