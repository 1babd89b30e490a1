"""Validated attributes written straight into SDK spans, and every case that must take the public path."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import SpanLimits, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_ON,
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import Link, NonRecordingSpan, SpanContext, SpanKind, TraceFlags
from opentelemetry.util.types import Attributes

from botanu_data import track_db_operation
from botanu_data.providers import configure, reset_configuration
from botanu_data.sdk_shortcuts import DirectWriter, provider_allows_direct, unsampled_parent_drops


class AttributeSeeingSampler(Sampler):
    """Samples everything, remembering the attributes it was shown at span creation."""

    def __init__(self) -> None:
        self.seen: list[dict] = []

    def should_sample(
        self, parent_context: Context | None, trace_id: int, name: str, kind: SpanKind | None = None,
        attributes: Attributes = None, links: Sequence[Link] | None = None, trace_state: object = None,
    ) -> SamplingResult:
        self.seen.append(dict(attributes or {}))
        return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes)

    def get_description(self) -> str:
        return "AttributeSeeingSampler"


def _provider(**kwargs: object) -> tuple[TracerProvider, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(**kwargs)  # type: ignore[arg-type]
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


@pytest.fixture
def configured() -> Iterator[None]:
    yield
    reset_configuration()


@pytest.mark.parametrize(
    ("sampler", "expected"),
    [
        (None, True),  # the SDK's default: ParentBased(ALWAYS_ON)
        (TraceIdRatioBased(0.5), True),
        (ParentBased(TraceIdRatioBased(0.01)), True),
        (ParentBased(ALWAYS_ON, remote_parent_sampled=AttributeSeeingSampler()), False),
        (AttributeSeeingSampler(), False),
    ],
    ids=["default", "ratio", "parent-ratio", "parent-with-custom-delegate", "custom"],
)
def test_direct_writes_only_under_samplers_that_ignore_attributes(sampler: Sampler | None, expected: bool) -> None:
    provider, _ = _provider(**({"sampler": sampler} if sampler else {}))
    assert provider_allows_direct(provider) is expected


def test_a_custom_sampler_still_sees_the_attributes_at_creation(configured: None) -> None:
    sampler = AttributeSeeingSampler()
    provider, exporter = _provider(sampler=sampler)
    configure(tracer_provider=provider)
    with track_db_operation(system="postgresql", operation="SELECT", database="app") as db:
        db.set_table("users")
    assert sampler.seen[-1]["db.system"] == "postgresql"
    assert sampler.seen[-1]["db.namespace"] == "app"
    (span,) = exporter.get_finished_spans()
    assert span.attributes["db.collection.name"] == "users"


def test_direct_path_records_the_same_attributes(configured: None) -> None:
    provider, exporter = _provider()
    configure(tracer_provider=provider)
    with track_db_operation(system="pg", operation="select", database="app", query_type="scan") as db:
        db.set_table("users").set_result(rows_returned=3)
    (span,) = exporter.get_finished_spans()
    assert span.attributes["db.system"] == "postgresql"
    assert span.attributes["db.operation"] == "SELECT"
    assert span.attributes["botanu.data.query_type"] == "scan"
    assert span.attributes["botanu.data.rows_returned"] == 3
    assert span.attributes["botanu.data.duration_ms"] > 0


def test_a_length_limit_is_applied_by_the_sdk(configured: None) -> None:
    provider, exporter = _provider(span_limits=SpanLimits(max_attribute_length=4))
    configure(tracer_provider=provider)
    with track_db_operation(system="postgresql", operation="SELECT", note="abcdefgh"):
        pass
    (span,) = exporter.get_finished_spans()
    assert span.attributes["botanu.data.note"] == "abcd"
    assert span.attributes["db.system"] == "post"


def test_a_count_limit_is_applied_by_the_sdk(configured: None) -> None:
    provider, exporter = _provider(span_limits=SpanLimits(max_span_attributes=3))
    configure(tracer_provider=provider)
    with track_db_operation(system="postgresql", operation="SELECT"):
        pass
    (span,) = exporter.get_finished_spans()
    assert len(span.attributes) == 3
    assert span.dropped_attributes > 0


def test_an_unexpected_span_shape_switches_the_writer_to_the_public_path() -> None:
    provider, exporter = _provider()
    span = provider.get_tracer("t").start_span("s")
    writer = DirectWriter(enabled=True)

    class ChangedStore(dict):
        """An SDK whose store looks familiar but is not what ``span.attributes`` shows."""

        max_value_len = None
        maxlen = None

        def __init__(self) -> None:
            super().__init__()
            self._dict: dict = {}

        def _set_items(self, attributes: dict) -> None:  # the SDK's own (public-path) write
            self.update(attributes)

    span._attributes = ChangedStore()  # type: ignore[attr-defined]
    writer.write(span, {"k": "v"})
    assert writer.enabled is False
    assert span.attributes["k"] == "v"
    span.end()
    assert exporter.get_finished_spans()[0].attributes["k"] == "v"


def test_writes_after_the_end_are_ignored_like_the_sdk_does(configured: None) -> None:
    provider, exporter = _provider()
    configure(tracer_provider=provider)
    with track_db_operation(system="postgresql", operation="SELECT") as db:
        pass
    db.set_result(rows_returned=5)  # too late for the span; the tracker keeps the value
    (span,) = exporter.get_finished_spans()
    assert "botanu.data.rows_returned" not in span.attributes
    assert db.rows_returned == 5


@pytest.mark.parametrize(
    ("sampler", "expected"),
    [
        (ParentBased(TraceIdRatioBased(0.01)), (True, True)),
        (ParentBased(ALWAYS_ON, local_parent_not_sampled=ALWAYS_ON), (False, True)),
        (ParentBased(ALWAYS_ON, local_parent_not_sampled=ALWAYS_ON, remote_parent_not_sampled=ALWAYS_ON), None),
        (ALWAYS_ON, None),
        (AttributeSeeingSampler(), None),
    ],
    ids=["parent-ratio", "local-unsampled-kept", "both-kept", "always-on", "custom"],
)
def test_children_of_unsampled_parents_are_known_dropped_only_when_certain(
    sampler: Sampler, expected: tuple[bool, bool] | None
) -> None:
    provider, _ = _provider(sampler=sampler)
    assert unsampled_parent_drops(provider) == expected


def test_under_an_unsampled_parent_nothing_is_recorded_but_everything_is_counted(configured: None) -> None:
    provider, exporter = _provider(sampler=ParentBased(ALWAYS_ON))
    reader = InMemoryMetricReader()
    configure(tracer_provider=provider, meter_provider=MeterProvider(metric_readers=[reader]))
    tracer = provider.get_tracer("app")
    unsampled = NonRecordingSpan(SpanContext(0xABC, 0xDEF, is_remote=False, trace_flags=TraceFlags(0)))
    with trace.use_span(unsampled), track_db_operation(system="postgresql", operation="SELECT") as db:
        db.set_table("users").set_result(rows_returned=7)
        # what the SDK itself decides for a child here: dropped, as the shortcut assumed
        assert not tracer.start_span("child").is_recording()
    assert db.span.get_span_context() == unsampled.get_span_context()
    with tracer.start_as_current_span("sampled"), track_db_operation(system="postgresql", operation="SELECT"):
        pass
    assert [s.name for s in exporter.get_finished_spans()] == ["SELECT", "sampled"]
    points = [
        (dict(p.attributes), p.value)
        for m in reader.get_metrics_data().resource_metrics[0].scope_metrics[0].metrics
        if m.name == "botanu.data.rows"
        for p in m.data.data_points
    ]
    assert points == [({"botanu.vendor": "postgresql", "db.system": "postgresql", "db.operation": "SELECT",
                        "db.collection.name": "users", "botanu.data.direction": "returned"}, 7)]


def test_a_custom_sampler_sees_the_attributes_of_engine_spans_too(configured: None) -> None:
    import sqlalchemy as sa

    from botanu_data import instrument_engine, uninstrument_engine

    sampler = AttributeSeeingSampler()
    provider, exporter = _provider(sampler=sampler)
    configure(tracer_provider=provider, meter_provider=MeterProvider(metric_readers=[InMemoryMetricReader()]))
    engine = instrument_engine(sa.create_engine("sqlite://"), trace_transactions=False)
    try:
        with engine.connect() as conn:
            for _ in range(3):  # the first statement of an engine takes the tracker's path; later ones do not
                conn.exec_driver_sql("SELECT 1").fetchall()
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert [seen.get("db.system") for seen in sampler.seen] == ["sqlite"] * 3
    assert all(s.attributes["db.operation"] == "SELECT" for s in exporter.get_finished_spans())


# -- the current context through its ContextVar ---------------------------------------------------------------


def test_context_shortcuts_are_the_default_runtime_contexts_variable() -> None:
    from opentelemetry import context as context_api

    from botanu_data import sdk_shortcuts

    assert sdk_shortcuts._runtime_context_variable() is not None  # the API's default runtime context here
    before = context_api.get_current()
    assert sdk_shortcuts.current_context() is before
    ours = context_api.set_value("botanu.test", 1)
    token = sdk_shortcuts.attach_context(ours)
    assert context_api.get_current() is ours and sdk_shortcuts.current_context() is ours
    inner = context_api.attach(context_api.set_value("botanu.test", 2))  # public and shortcut tokens mix
    context_api.detach(inner)
    sdk_shortcuts.detach_context(token)
    assert context_api.get_current() is before


def test_context_shortcuts_are_not_taken_for_another_runtime_context(monkeypatch: pytest.MonkeyPatch) -> None:
    from opentelemetry import context as context_api
    from opentelemetry.context.contextvars_context import ContextVarsRuntimeContext

    from botanu_data import sdk_shortcuts

    class OtherRuntimeContext(ContextVarsRuntimeContext):  # e.g. one chosen through OTEL_PYTHON_CONTEXT
        pass

    monkeypatch.setattr(context_api, "_RUNTIME_CONTEXT", OtherRuntimeContext())
    assert sdk_shortcuts._runtime_context_variable() is None  # the public functions are used then


# -- the span's context without set_span_in_context's frames ---------------------------------------------------


def test_the_span_key_makes_what_set_span_in_context_makes() -> None:
    from opentelemetry.trace.propagation import _SPAN_KEY

    from botanu_data import sdk_shortcuts

    assert sdk_shortcuts.SPAN_KEY == _SPAN_KEY
    span = NonRecordingSpan(SpanContext(1, 2, is_remote=False))
    current = Context({"other": 1})
    made = Context(current)
    dict.__setitem__(made, sdk_shortcuts.SPAN_KEY, span)
    assert made == trace.set_span_in_context(span, current) and trace.get_current_span(made) is span


def test_the_span_key_is_not_used_when_the_api_makes_something_else(monkeypatch: pytest.MonkeyPatch) -> None:
    from botanu_data import sdk_shortcuts

    monkeypatch.setattr(sdk_shortcuts, "set_span_in_context", lambda span, context: Context({"elsewhere": span}))
    assert sdk_shortcuts._span_key() is None
