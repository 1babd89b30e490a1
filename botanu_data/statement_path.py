"""The engine hooks' per-statement path through the span core.

The hooks run for every statement, between stretches of SQLAlchemy and driver code that push everything
else out of the CPU caches, so what they do per statement must touch as few objects as it can. Everything
that is the same for every statement of one shape (``sql.shape``: the statement with its literals masked) is
computed once into a ``PreparedShape``
(validated attributes, span name, counter series). ``start_prepared(shape)`` then does in one flat pass what
``TrackedOperation.start()`` does, and returns a small ``InFlight`` record whose ``end_prepared()`` does what
``end()`` does, with the same spans, counters and attributes as a tracker would record. Whether the flat
path applies is decided once per context (statements of one request share it) and kept.

A run to attribute (a ``use_case``, or a producer's run in baggage: the usual case in an application) stays on
the flat path: the context's decision (``InRun``) carries the run's span attributes and totals, and each shape
keeps its counter series per workflow, the one a tracker would count into. Anything unusual takes the tracker:
no tracing or metrics SDK, suppression, a sampler that reads attributes, the opt-in duration histogram
(``start_prepared`` returns a started tracker, with the same methods), or an error (``InFlight.as_tracker()``
hands the operation over to a tracker, which records it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter_ns
from typing import Any

from opentelemetry.context import Context
from opentelemetry.trace import INVALID_SPAN, NonRecordingSpan, Span, SpanKind, get_current_span, set_span_in_context

from .accounting import FOLD_AT, Series
from .attribution import NO_RUN, RunState, run_attributes
from .providers import Telemetry, settings
from .sdk_shortcuts import SPAN_KEY, attach_context, current_context, detach_context
from .spans import _SUPPRESS_INSTRUMENTATION_KEY, TrackedOperation, dropped_child, report_fault


@dataclass(frozen=True, slots=True)
class PreparedShape:
    """What every operation of one shape shares, validated and normalized once: the engine hooks keep one per
    statement shape. ``attributes`` is shared by every operation of the shape and never mutated in place;
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
    # for the client integrations (boto3): the span kind when it is not the tracker class's, the counter points'
    # attributes when they have more than the domain's (a storage request class), room for the attributes a
    # client adds per operation (an object's key, a request id), and the tracker fields every operation of the
    # shape has (``request_class``), set on any tracker made from it (an error's counter point keeps them)
    span_kind: SpanKind | None = None
    series_attributes: tuple[tuple[str, object], ...] | None = None
    extra_room: int = 0
    tracker_fields: tuple[tuple[str, object], ...] = ()
    # derived once, here, to spare the per-statement path lookups through the tracker class and its domain
    kind: SpanKind = field(init=False)
    counter_series: Series = field(init=False)
    duration_attribute: str = field(init=False)
    count_attributes: tuple[str, ...] = field(init=False)
    count_aliases: tuple[str | None, ...] = field(init=False)  # OpenTelemetry's names of the counts, if any
    # ``attributes`` plus the duration, as a placeholder that end_prepared() overwrites: a span's attribute
    # dict copied from it then has room for what the end adds (a dict of 10 that gains an 11th is resized)
    start_attributes: dict[str, Any] = field(init=False)
    room_needed: int = field(init=False)  # what start_attributes and the end's attributes take in a span
    # workflow -> the series of the shape's operations in a run of that workflow (see series_in)
    workflow_series: dict[str, Series] = field(init=False)
    run_totals: tuple[str | None, ...] = field(init=False)  # per ledger slot: the run's total it adds to

    def __post_init__(self) -> None:  # frozen: derived fields are set once, here
        domain = self.tracker_class.domain
        series = self.telemetry.accountant.series(
            domain.ledger, self.series_attributes or domain.series_attributes(self.system, self.operation, self.target)
        )
        derived = {
            "kind": self.span_kind or self.tracker_class._kind, "counter_series": series,
            "duration_attribute": domain.duration_attribute, "count_attributes": domain.count_attributes,
            "count_aliases": domain.count_aliases,
            "start_attributes": {**self.attributes, domain.duration_attribute: 0.0},
            "room_needed": len(self.attributes) + 1 + domain.result_room + self.extra_room + len(RUN_ATTRIBUTES),
            "workflow_series": {}, "run_totals": domain.ledger.run_totals,
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def series_in(self, workflow: str | None) -> Series:
        """The series of this shape's operations that end without an error in a run of ``workflow``: a
        tracker's for the same operation (its ``_series_attributes``), so both paths count into one point."""
        if not workflow:
            return self.counter_series
        series = self.workflow_series.get(workflow)
        if series is None:
            model = self.tracker_class.prepared(self)
            model._workflow = workflow
            series = self.telemetry.accountant.series(self.tracker_class.domain.ledger, model._series_attributes())
            if len(self.workflow_series) < _MAX_WORKFLOWS:  # workflows are the application's: stay bounded
                self.workflow_series[workflow] = series
        return series


_MAX_WORKFLOWS = 64
RUN_ATTRIBUTES = ("botanu.run_id", "botanu.workflow")


class InRun:
    """A context's decision when it holds a run (a ``use_case``, or a producer's run in baggage): the run's
    totals to add to, its span attributes, and the decision for the span itself (record, or a dropped span)."""

    __slots__ = ("run", "workflow", "attributes", "inner")

    def __init__(self, run: RunState | None, run_id: str | None, workflow: str | None, inner: object) -> None:
        self.run, self.workflow, self.inner = run, workflow, inner
        self.attributes = {name: value for name, value in zip(RUN_ATTRIBUTES, (run_id, workflow), strict=True)
                           if value}


class InFlight:
    """One operation of a prepared shape, started by ``start_prepared()``: just what its end needs."""

    __slots__ = ("shape", "span", "recording", "token", "store", "start_ns", "in_run")

    def __init__(self, shape: PreparedShape, span: Span = INVALID_SPAN, in_run: InRun | None = None) -> None:
        """An operation whose span does not record (counted only). ``start_prepared`` fills a recording one
        field by field."""
        self.shape = shape
        self.span = span
        self.recording = False
        self.token = None  # the attach() token while the span is current
        self.store: dict[str, Any] | None = None  # the SDK span's attributes, when written directly
        self.start_ns = 0
        self.in_run = in_run  # the run it counts under, if any

    def end_prepared(self, counts: tuple[int, ...] = ()) -> None:
        """``end()``, given the operation's result as the values of its ledger's slots after the operation
        count and the duration (a database operation: rows returned, rows affected); values > 0 count."""
        duration = (perf_counter_ns() - self.start_ns) / 1e9
        shape = self.shape
        in_run = self.in_run
        try:
            # Series.add, written out: this runs for every statement
            series = shape.counter_series if in_run is None else shape.series_in(in_run.workflow)
            store = self.store  # the span's own attributes, with room for the end's (see start_prepared)
            if counts:  # (not zip(): zip(..., strict=False) alone costs ~0.25 µs)
                results, names, aliases = series.results, shape.count_attributes, shape.count_aliases
                for index, count in enumerate(counts):
                    if count:
                        results[index].append(count)
                        if store is not None:
                            store[names[index]] = count
                            alias = aliases[index]
                            if alias:
                                store[alias] = count
            timed = series.timed
            timed.append(duration)
            if len(timed) >= FOLD_AT:
                series.fold_queued()
            if in_run is not None and in_run.run is not None:  # the use case's own totals
                values = (1, duration, *counts)  # (the counts may stop before the ledger's last slots)
                in_run.run.add(shape.run_totals[:len(values)], values)
            if store is not None:
                store[shape.duration_attribute] = duration * 1000.0
            elif self.recording:
                self._write_result(duration, counts)
        except Exception:
            report_fault("end_prepared")
        finally:
            if self.token is not None:
                try:
                    detach_context(self.token)
                except Exception:
                    report_fault("end_prepared detach")
            self.span.end()

    def _record(self, attributes: dict[str, object]) -> None:
        """Set already-validated attributes on the span, if it records (a client's per-operation attributes:
        the shape's ``extra_room`` is kept for them)."""
        if self.store is not None:
            self.store.update(attributes)
        elif self.recording:
            self.shape.telemetry.writer.write(self.span, attributes)  # type: ignore[union-attr]

    def leave_current(self) -> None:
        """Keep the operation open but stop its span being the current one (``TrackedOperation.leave_current``)."""
        token, self.token = self.token, None
        if token is not None:
            try:
                detach_context(token)
            except Exception:
                report_fault("leave_current detach")

    def abandon(self) -> None:
        """End an operation that never got its answer: the span ends, nothing is counted."""
        self.leave_current()
        self.span.end()

    def _write_result(self, duration: float, counts: tuple[int, ...]) -> None:
        """The end's attributes, through the writer (a span whose attributes are not written directly)."""
        shape = self.shape
        domain = shape.tracker_class.domain
        result = domain.result_attributes(
            {name: count for name, count in zip(domain.count_names, counts, strict=False) if count})
        result[shape.duration_attribute] = duration * 1000.0
        shape.telemetry.writer.write(self.span, result)  # type: ignore[union-attr]

    def end(self) -> None:
        self.end_prepared()

    def as_tracker(self) -> TrackedOperation:
        """A tracker carrying on with this operation (its span, context and clock), to record what only a
        tracker records, such as an error. End the tracker, not this record."""
        shape = self.shape
        tracker = shape.tracker_class.prepared(shape)
        tracker.span, tracker._recording, tracker._token = self.span, self.recording, self.token
        tracker._start_ns, tracker._counting = self.start_ns, True
        if self.in_run is not None:
            tracker._run, tracker._workflow = self.in_run.run, self.in_run.workflow
        return tracker


_new_in_flight = object.__new__
_set_item = dict.__setitem__  # a Context refuses item assignment: the copy start_prepared() makes is filled so

# What start_prepared() does under one context: record the operation (span, attributes, span made current),
# hand it to a tracker, or -- when the sampler would certainly drop its span -- count it under that
# non-recording span (then the Span itself is the decision).
_RECORD = object()
_TRACKER = object()

# The last context and telemetry start_prepared() saw, with its decision for them. Statements of one
# request share their context (contexts are immutable), so most statements decide with two identity checks;
# a tuple swap is atomic across threads.
_last_context: tuple[object, object, object] = (None, None, _TRACKER)


def _decide(current: Context, telemetry: Telemetry) -> object:
    """The flat path applies when tracing, metrics and direct attribute writes are live (a writer that may not
    write directly means a sampler that must see the attributes at the start) and nothing is suppressed; a
    run in the context makes the decision an ``InRun``. The liveness latches are asked, not just read, so that
    a first statement does not decide "tracker" for a context only because the providers were not looked at
    yet."""
    live = ((telemetry._tracing_live or telemetry.tracing_live())
            and (telemetry._metrics_live or telemetry.metrics_live()))
    if not (live and telemetry.writer.enabled):  # type: ignore[union-attr]
        return _TRACKER
    # A request's context usually holds its span and nothing else: then nothing is suppressed and there is
    # no run or baggage to look for (this runs once per request, and the full lookups cost ~1 µs)
    parent = current.get(SPAN_KEY) if SPAN_KEY is not None else None
    in_run = None
    if len(current) != (parent is not None):
        if current.get(_SUPPRESS_INSTRUMENTATION_KEY):
            return _TRACKER
        found = run_attributes(current)
        if found is not NO_RUN and (found[1] or found[2]):
            in_run = found
        parent = get_current_span(current)
    drops = telemetry.unsampled_drops
    dropped = dropped_child(parent.get_span_context(), drops) if drops is not None and parent is not None else None
    decision = _RECORD if dropped is None else dropped
    return decision if in_run is None else InRun(*in_run, decision)


def start_prepared(shape: PreparedShape) -> InFlight | TrackedOperation:
    """Start an operation of ``shape``: ``start()``'s work in one flat pass. End what it returns with
    ``end_prepared(counts)``."""
    global _last_context
    span: Span = INVALID_SPAN
    try:
        telemetry = shape.telemetry
        current = current_context()
        last_context, last_telemetry, decision = _last_context
        if last_context is not current or last_telemetry is not telemetry:
            decision = _decide(current, telemetry)
            _last_context = (current, telemetry, decision)
        histogram = shape.duration_histogram
        if decision is _TRACKER or (settings.duration_histogram if histogram is None else histogram):
            return shape.tracker_class.prepared(shape).start()
        in_run = None
        if type(decision) is InRun:
            in_run, decision = decision, decision.inner  # type: ignore[union-attr]
        if decision is not _RECORD:  # counted, not recorded, not made current
            operation = InFlight(shape, decision, in_run)  # type: ignore[arg-type]
        else:
            span = telemetry.tracer.start_span(shape.name, current, shape.kind)
            if type(span) is NonRecordingSpan:  # what the SDK returns when its sampler drops the span
                operation = InFlight(shape, span, in_run)
                if not get_current_span(current).get_span_context().is_valid:
                    # a dropped root is made current, so that spans started under it (an HTTP client's) are
                    # dropped with it instead of starting traces of their own
                    operation.token = attach_context(set_span_in_context(span, current))
            else:
                # field by field: InFlight's __init__ frame would cost more than the rest of this block
                operation = _new_in_flight(InFlight)
                operation.shape, operation.span, operation.recording = shape, span, True
                operation.in_run = in_run
                room = telemetry.writer.room  # type: ignore[union-attr]  # set once direct writes are verified
                store = span._attributes._dict if room else None  # type: ignore[attr-defined]
                if store is not None and len(store) + shape.room_needed <= room and span._end_time is None:  # type: ignore[attr-defined]
                    store.update(shape.start_attributes)
                    if in_run is not None:
                        store.update(in_run.attributes)
                else:
                    # (the end adds the duration and the counts)
                    attributes = shape.attributes if in_run is None else {**shape.attributes, **in_run.attributes}
                    store = telemetry.writer.write(  # type: ignore[union-attr]
                        span, attributes, shape.room_needed - len(attributes))
                    operation.recording = store is not None or span.is_recording()
                operation.store = store
                if SPAN_KEY is not None:  # set_span_in_context(span, current), without its two frames
                    span_context = Context(current)
                    _set_item(span_context, SPAN_KEY, span)
                else:
                    span_context = set_span_in_context(span, current)
                operation.token = attach_context(span_context) if operation.recording else None
    except Exception:
        report_fault("start_prepared")
        operation = InFlight(shape, span)  # a span already started is still ended, by end_prepared()
    operation.start_ns = perf_counter_ns()
    return operation


__all__ = ["InFlight", "PreparedShape", "start_prepared"]
