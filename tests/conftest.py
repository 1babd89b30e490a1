"""Shared fixtures: a real OpenTelemetry SDK with in-memory exporters, and the services the tests use."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from _services import *  # noqa: E402,F403 - service fixtures (PostgreSQL, MariaDB, S3, brokers)
from opentelemetry import context as otel_context
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ParentBased, Sampler

from botanu_data.providers import configure, reset_configuration


@pytest.fixture(autouse=True)
def context_restored() -> Iterator[None]:
    """Every test leaves the OpenTelemetry context as it found it: a span left attached (made current and never
    detached) would otherwise become the parent of whatever later tests record, and fail them instead."""
    before = otel_context.get_current()
    yield
    assert otel_context.get_current() is before, "the test left a context attached"


@pytest.fixture(autouse=True)
def botanu_logger_enabled() -> Iterator[None]:
    """A Celery worker set up in-process reconfigures logging (it disables loggers it did not create): every test
    starts with botanu-data's logger as a user's app has it, so caplog sees its warnings."""
    import logging

    logger = logging.getLogger("botanu_data")
    logger.disabled, logger.propagate = False, True
    yield


class CountingProcessor(SpanProcessor):
    """Counts spans started and ended, to prove no span is ever left open."""

    def __init__(self) -> None:
        self.started = 0
        self.ended = 0
        self._lock = threading.Lock()

    def on_start(self, span, parent_context=None) -> None:  # noqa: ANN001
        with self._lock:
            self.started += 1

    def on_end(self, span: ReadableSpan) -> None:
        with self._lock:
            self.ended += 1


class Telemetry:
    """Fresh SDK providers for one test, installed with ``botanu_data.configure``."""

    def __init__(self, sampler: Sampler | None = None) -> None:
        self.exporter = InMemorySpanExporter()
        self.counter = CountingProcessor()
        self.tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
        self.tracer_provider.add_span_processor(self.counter)
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])
        self.tracer = self.tracer_provider.get_tracer("tests")

    def spans(self, prefix: str | None = None) -> list[ReadableSpan]:
        found = list(self.exporter.get_finished_spans())
        return [s for s in found if prefix is None or s.name.startswith(prefix)]

    def span(self, name: str) -> ReadableSpan:
        matches = [s for s in self.exporter.get_finished_spans() if s.name == name]
        assert len(matches) == 1, f"expected one span {name!r}, got {[s.name for s in self.spans()]}"
        return matches[0]

    def points(self, metric: str) -> list[tuple[dict, float]]:
        """Every data point of one metric: (attributes, value or histogram count)."""
        data = self.reader.get_metrics_data()
        found: list[tuple[dict, float]] = []
        for resource_metrics in data.resource_metrics if data else []:
            for scope_metrics in resource_metrics.scope_metrics:
                for item in scope_metrics.metrics:
                    if item.name == metric:
                        for point in item.data.data_points:
                            value = getattr(point, "value", None)
                            found.append((dict(point.attributes), value if value is not None else point.count))
        return found

    def total(self, metric: str, **match: object) -> float:
        """Sum of a metric's points whose attributes include ``match`` (dots written as __)."""
        wanted = {k.replace("__", "."): v for k, v in match.items()}
        return sum(v for attrs, v in self.points(metric) if all(attrs.get(k) == w for k, w in wanted.items()))


def install_telemetry(sampler: Sampler | None = None) -> Telemetry:
    telemetry = Telemetry(sampler)
    configure(tracer_provider=telemetry.tracer_provider, meter_provider=telemetry.meter_provider)
    return telemetry


@pytest.fixture
def unsampled() -> Iterator[Telemetry]:
    """A real SDK that samples no trace (ParentBased(ALWAYS_OFF)): only the counters can be exact."""
    telemetry = install_telemetry(ParentBased(ALWAYS_OFF))
    yield telemetry
    reset_configuration()
    telemetry.tracer_provider.shutdown()
    telemetry.meter_provider.shutdown()


@pytest.fixture
def otel() -> Iterator[Telemetry]:
    """A real SDK TracerProvider and MeterProvider with in-memory exporters, set as botanu-data's providers."""
    telemetry = install_telemetry()
    yield telemetry
    reset_configuration()
    telemetry.tracer_provider.shutdown()
    telemetry.meter_provider.shutdown()
