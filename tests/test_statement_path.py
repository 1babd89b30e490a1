"""The engine hooks' per-statement path (statement_path.py): the same spans and counters as a tracker records, and
the tracker whenever something is unusual."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from _services import scratch_table
from conftest import Telemetry
from opentelemetry import baggage, trace
from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY, attach, detach, set_value
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import SpanLimits, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from botanu_data import instrument_engine, statement_path, uninstrument_engine, use_case
from botanu_data.attribution import RUN_ID
from botanu_data.db import DBTracker
from botanu_data.providers import configure, reset_configuration, telemetry_for
from botanu_data.statement_path import InFlight, PreparedShape, start_prepared

VOLATILE = {"botanu.data.duration_ms", "botanu.run_id", "botanu.workflow"}


@pytest.fixture
def table(postgres_url: str) -> Iterator[str]:
    fill = "INSERT INTO {table} SELECT g, mod(g, 3) FROM generate_series(1, 9) AS g"
    with scratch_table(postgres_url, "prep", "id INTEGER PRIMARY KEY, grp INTEGER NOT NULL", fill) as name:
        yield name


def _select_twice(engine: sa.Engine, table: str) -> None:
    with engine.connect() as conn:
        assert len(conn.execute(sa.text(f"SELECT id FROM {table} WHERE grp = 1")).fetchall()) == 3
        with use_case("report"):  # a run to attribute: the flat path too
            assert len(conn.execute(sa.text(f"SELECT id FROM {table} WHERE grp = 1")).fetchall()) == 3


def test_the_flat_path_records_what_a_tracker_records(otel: Telemetry, postgres_url: str, table: str) -> None:
    flat_engine = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False)
    # the duration histogram keeps an engine on the tracker's path: the same statements, through a tracker
    tracked_engine = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False,
                                       duration_histogram=True)
    try:
        for engine in (flat_engine, tracked_engine):
            _select_twice(engine, table)
    finally:
        for engine in (flat_engine, tracked_engine):
            uninstrument_engine(engine)
            engine.dispose()
    flat, flat_in_run, tracked, tracked_in_run = otel.spans(f"SELECT {table}")
    strip = lambda span: {k: v for k, v in span.attributes.items() if k not in VOLATILE}  # noqa: E731
    assert strip(flat) == strip(tracked) == strip(flat_in_run) == strip(tracked_in_run)
    assert strip(flat)["botanu.data.rows_returned"] == 3
    assert flat.kind == tracked.kind and flat.name == tracked.name
    assert flat.attributes["botanu.data.duration_ms"] > 0
    assert "botanu.workflow" not in flat.attributes and "botanu.workflow" not in tracked.attributes
    # inside the run: its id and workflow on both paths' spans
    assert [s.attributes["botanu.workflow"] for s in (flat_in_run, tracked_in_run)] == ["report"] * 2
    assert all(s.attributes["botanu.run_id"] for s in (flat_in_run, tracked_in_run))
    # counted alike, into one series per attribute set: with the workflow and without, one statement per engine each
    for workflow in ("report", None):
        match = {"db__collection__name": table, **({"botanu__workflow": workflow} if workflow else {})}
        assert otel.total("botanu.data.operations", **match) == (2 if workflow else 4)
    assert len([p for p, _ in otel.points("botanu.data.operations") if p.get("db.collection.name") == table]) == 2
    assert otel.total("botanu.data.rows", db__collection__name=table, botanu__workflow="report") == 6
    # and each run's own totals (the use case span's botanu.run.*) saw its statement
    in_runs = [s for s in otel.spans() if "botanu.run.db.operations" in s.attributes]
    assert [s.attributes["botanu.run.db.operations"] for s in in_runs] == [1, 1]


def _shape(telemetry: Telemetry, duration_histogram: bool | None = None) -> PreparedShape:
    bundle = telemetry_for(telemetry.tracer_provider, telemetry.meter_provider)
    bundle.tracing_live() and bundle.metrics_live()  # latched, as the first operation does
    attributes = {"db.system": "sqlite", "db.system.name": "sqlite", "botanu.vendor": "sqlite",
                  "db.operation": "SELECT", "db.operation.name": "SELECT"}
    return PreparedShape(DBTracker, bundle, "sqlite", "SELECT", None, attributes, "SELECT", duration_histogram)


def test_the_flat_path_is_taken_only_in_the_common_case(otel: Telemetry) -> None:
    shape = _shape(otel)
    common = start_prepared(shape)
    assert isinstance(common, InFlight) and common.recording
    common.end_prepared((4, 0))
    with use_case("etl") as run:
        in_a_run = start_prepared(shape)
        in_a_run.end_prepared((2, 0))
    assert isinstance(in_a_run, InFlight) and in_a_run.in_run.run is run  # a run: the flat path too
    token = attach(set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        suppressed = start_prepared(shape)
    finally:
        detach(token)
    suppressed.end_prepared()
    histogram = start_prepared(_shape(otel, duration_histogram=True))
    histogram.end_prepared((0, 0))
    for taken in (suppressed, histogram):
        assert isinstance(taken, DBTracker) and taken._ended
    assert histogram.duration_histogram is True
    assert [s.attributes.get("botanu.data.rows_returned") for s in otel.spans("SELECT")] == [4, 2, None]
    assert otel.total("botanu.data.operations") == 3  # the suppressed one is not counted
    assert otel.total("botanu.data.rows", botanu__workflow="etl") == 2


def test_an_error_hands_the_operation_to_a_tracker(otel: Telemetry) -> None:
    operation = start_prepared(_shape(otel))
    assert isinstance(operation, InFlight)
    tracker = operation.as_tracker()
    assert tracker.span is operation.span
    tracker.set_error(ValueError("boom"))
    tracker.end()
    (span,) = otel.spans("SELECT")
    assert span.attributes["error.type"] == "ValueError" and span.attributes["botanu.data.duration_ms"] >= 0
    assert otel.total("botanu.data.operations", error__type="ValueError") == 1
    assert otel.counter.started == otel.counter.ended


def test_a_count_limit_is_applied_by_the_sdk_on_engine_spans() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(span_limits=SpanLimits(max_span_attributes=6))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    configure(tracer_provider=provider)
    engine = instrument_engine(sa.create_engine("sqlite://"), trace_transactions=False)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").fetchall()
    finally:
        uninstrument_engine(engine)
        engine.dispose()
        reset_configuration()
    (span,) = exporter.get_finished_spans()
    assert len(span.attributes) == 6 and span.dropped_attributes > 0
    assert "botanu.data.duration_ms" in span.attributes  # the SDK keeps the newest


def test_under_an_unsampled_parent_statements_are_counted_not_recorded(otel: Telemetry) -> None:
    engine = instrument_engine(sa.create_engine("sqlite://"), trace_transactions=False)
    unsampled = NonRecordingSpan(SpanContext(0xABC, 0xDEF, is_remote=True, trace_flags=TraceFlags(0)))
    try:
        with engine.connect() as conn:
            with trace.use_span(unsampled):
                for _ in range(5):
                    conn.exec_driver_sql("SELECT 1").fetchall()
            with otel.tracer.start_as_current_span("request") as request:
                conn.exec_driver_sql("SELECT 1").fetchall()
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    (recorded,) = otel.spans("SELECT")
    assert recorded.parent.span_id == request.get_span_context().span_id
    assert otel.total("botanu.data.operations", db__operation="SELECT") == 6
    assert otel.counter.started == otel.counter.ended == 2  # the request and its one statement


def test_a_first_statement_does_not_keep_its_context_off_the_flat_path() -> None:
    """The decision is kept per context; the first statement on new providers (not looked at yet) must not
    keep every later statement of that context (here the root context, as in a script) on the tracker's path."""
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    bundle = telemetry_for(tracer_provider, meter_provider)
    assert not bundle._tracing_live and not bundle._metrics_live
    attributes = {"db.system": "sqlite", "db.system.name": "sqlite", "botanu.vendor": "sqlite",
                  "db.operation": "SELECT", "db.operation.name": "SELECT"}
    shape = PreparedShape(DBTracker, bundle, "sqlite", "SELECT", None, attributes, "SELECT")
    operations = []
    for _ in range(2):
        operations.append(start_prepared(shape))
        operations[-1].end_prepared()
    assert [type(operation) for operation in operations] == [InFlight, InFlight]
    assert len(exporter.get_finished_spans()) == 2
    meter_provider.shutdown()


def test_a_request_context_holding_more_than_its_span_is_looked_at_in_full(otel: Telemetry) -> None:
    """A context that is the request's span alone is decided at a glance; anything more (baggage carrying a
    run, suppression) is looked up."""
    shape = _shape(otel)
    with otel.tracer.start_as_current_span("request"):
        plain = start_prepared(shape)
        plain.end_prepared()
        token = attach(baggage.set_baggage(RUN_ID, "run-7"))
        try:
            in_a_run = start_prepared(shape)
            in_a_run.end_prepared()
        finally:
            detach(token)
        token = attach(set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
        try:
            suppressed = start_prepared(shape)
            suppressed.end_prepared()
        finally:
            detach(token)
    assert isinstance(plain, InFlight) and isinstance(in_a_run, InFlight) and isinstance(suppressed, DBTracker)
    first, second = otel.spans("SELECT")  # the suppressed one is not recorded
    assert RUN_ID not in first.attributes and second.attributes[RUN_ID] == "run-7"
    assert otel.total("botanu.data.operations") == 2


@pytest.mark.parametrize("through_the_key", [True, False])
def test_the_span_is_current_while_the_operation_runs(
    otel: Telemetry, monkeypatch: pytest.MonkeyPatch, through_the_key: bool
) -> None:
    if not through_the_key:  # another API: set_span_in_context itself
        monkeypatch.setattr(statement_path, "SPAN_KEY", None)
    with otel.tracer.start_as_current_span("request") as request:
        operation = start_prepared(_shape(otel))
        assert isinstance(operation, InFlight)
        assert trace.get_current_span() is operation.span
        with otel.tracer.start_as_current_span("driver"):
            pass
        operation.end_prepared()
        assert trace.get_current_span() is request
    driver, statement = otel.spans("driver")[0], otel.spans("SELECT")[0]
    assert driver.parent.span_id == statement.context.span_id
    assert statement.parent.span_id == request.get_span_context().span_id


def test_the_end_attributes_fit_in_the_span_attribute_table(otel: Telemetry) -> None:
    """A span's attribute dict copied from ten attributes has no room for an eleventh: the shape's start
    attributes include the duration, so the end writes into the table it has instead of reallocating it."""
    bundle = telemetry_for(otel.tracer_provider, otel.meter_provider)
    attributes = {f"db.attribute_{i}": i for i in range(10)}
    shape = PreparedShape(DBTracker, bundle, "sqlite", "SELECT", None, attributes, "SELECT")
    assert shape.start_attributes == {**attributes, "botanu.data.duration_ms": 0.0}
    start_prepared(shape).end_prepared()  # the first write through a provider takes the verified path
    operation = start_prepared(shape)
    assert isinstance(operation, InFlight) and operation.store is not None
    table = sys.getsizeof(operation.store)
    operation.end_prepared((5, 0))
    assert sys.getsizeof(operation.store) == table
    span = otel.spans("SELECT")[-1]
    assert span.attributes["botanu.data.duration_ms"] > 0 and span.attributes["botanu.data.rows_returned"] == 5
