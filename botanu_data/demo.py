"""``python -m botanu_data demo``: the seed's "Complete Data Pipeline", run for real on embedded defaults.

Everything lives in one temporary directory and in process: an SQLite database file (through SQLAlchemy,
instrumented with ``instrument_engine``), a local directory standing in for an object store bucket, and a
``queue.Queue`` standing in for a message broker. The demo owns its OpenTelemetry providers (in-memory
span exporter and metric reader, plus OTLP/HTTP exporters with ``--otlp``) and never touches the global
ones, so importing and running it from a test leaves the process as it was.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import queue
import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    InMemoryMetricReader,
    MetricExporter,
    MetricExportResult,
    MetricReader,
    MetricsData,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import ForeignKey, create_engine, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from .attribution import emit_outcome, use_case
from .engine import instrument_engine, uninstrument_engine
from .messaging import MessagingOperation, track_messaging_operation
from .providers import configure, settings
from .storage import StorageOperation, track_storage_operation

WORKFLOW = "ETL Pipeline"
BUCKET = "etl-exports"
QUEUE = "batch-complete"
REGIONS = ("north", "south", "east", "west")
DEFAULT_ROWS = 200


class OtlpUnavailable(RuntimeError):
    """``--otlp`` was given but the OTLP/HTTP exporter package is not installed."""


# -- the data model -------------------------------------------------------------------------------------


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    region: Mapped[str]


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    amount_cents: Mapped[int]
    status: Mapped[str] = mapped_column(default="new")


class RegionTotal(Base):
    __tablename__ = "region_totals"
    region: Mapped[str] = mapped_column(primary_key=True)
    orders: Mapped[int]
    revenue_cents: Mapped[int]
    batch_id: Mapped[str]


# -- OTLP export, counted so the demo can say whether it worked ------------------------------------------


@dataclass
class ExportTally:
    """What the OTLP exporters did: items sent and failed calls, per signal."""

    endpoint: str
    spans: int = 0
    span_failures: int = 0
    metric_exports: int = 0
    metric_failures: int = 0


class _CountingSpanExporter(SpanExporter):
    def __init__(self, inner: SpanExporter, tally: ExportTally) -> None:
        self._inner = inner
        self._tally = tally

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        result = self._inner.export(spans)
        if result is SpanExportResult.SUCCESS:
            self._tally.spans += len(spans)
        else:
            self._tally.span_failures += 1
        return result

    def shutdown(self) -> None:
        self._inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._inner.force_flush(timeout_millis)


class _CountingMetricExporter(MetricExporter):
    def __init__(self, inner: MetricExporter, tally: ExportTally) -> None:
        super().__init__(inner._preferred_temporality, inner._preferred_aggregation)
        self._inner = inner
        self._tally = tally

    def export(self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any) -> MetricExportResult:
        result = self._inner.export(metrics_data, timeout_millis=timeout_millis, **kwargs)
        if result is MetricExportResult.SUCCESS:
            self._tally.metric_exports += 1
        else:
            self._tally.metric_failures += 1
        return result

    def force_flush(self, timeout_millis: float = 10_000) -> bool:
        return self._inner.force_flush(timeout_millis)

    def shutdown(self, timeout_millis: float = 30_000, **kwargs: Any) -> None:
        self._inner.shutdown(timeout_millis=timeout_millis, **kwargs)


def _signal_url(base: str, signal: str) -> str:
    """``http://host:4318`` -> ``http://host:4318/v1/traces``; a URL already naming a signal path is kept."""
    base = base.rstrip("/")
    for known in ("/v1/traces", "/v1/metrics"):
        if base.endswith(known):
            base = base[: -len(known)]
    return f"{base}/v1/{signal}"


def _otlp_exporters(url: str, tally: ExportTally) -> tuple[SpanExporter, MetricExporter]:
    try:  # the `otlp` extra; imported only when asked for
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    except ImportError as error:
        raise OtlpUnavailable(
            "--otlp needs the OTLP/HTTP exporter: pip install 'botanu-data[otlp]' "
            f"(opentelemetry-exporter-otlp-proto-http); import failed: {error}"
        ) from error
    spans = OTLPSpanExporter(endpoint=_signal_url(url, "traces"), timeout=5)
    metrics = OTLPMetricExporter(endpoint=_signal_url(url, "metrics"), timeout=5)
    return _CountingSpanExporter(spans, tally), _CountingMetricExporter(metrics, tally)


# -- the run --------------------------------------------------------------------------------------------


@dataclass
class DemoResult:
    """Everything a run produced: its spans, one snapshot of its counters, and where its files were."""

    spans: list[ReadableSpan]
    metrics: MetricsData | None
    workdir: Path
    kept: bool
    rows: int
    batch_id: str
    summary: dict[str, Any] = field(default_factory=dict)
    otlp: ExportTally | None = None


class _Telemetry:
    """The demo's own providers: in memory always, OTLP/HTTP on request."""

    def __init__(self, otlp: str | None) -> None:
        resource = Resource.create({"service.name": "botanu-data-demo"})
        self.exporter = InMemorySpanExporter()
        self.tracer_provider = TracerProvider(resource=resource)
        self.tracer_provider.add_span_processor(SimpleSpanProcessor(self.exporter))
        self.reader = InMemoryMetricReader()
        readers: list[MetricReader] = [self.reader]
        self.tally: ExportTally | None = None
        if otlp:
            self.tally = ExportTally(otlp)
            span_exporter, metric_exporter = _otlp_exporters(otlp, self.tally)
            self.tracer_provider.add_span_processor(BatchSpanProcessor(span_exporter))
            # one export, at shutdown: the run is over long before a periodic interval would come round
            readers.append(PeriodicExportingMetricReader(metric_exporter, export_interval_millis=3_600_000))
        self.meter_provider = MeterProvider(metric_readers=readers, resource=resource)

    def shutdown(self) -> None:
        self.tracer_provider.shutdown()  # flushes the OTLP batch, if any
        self.meter_provider.shutdown()  # the periodic reader's final export


class ObjectStore:
    """A local directory as a bucket: real files, tracked as ``filesystem`` storage operations."""

    def __init__(self, root: Path, bucket: str) -> None:
        self.bucket = bucket
        self.path = root / bucket
        self.path.mkdir(parents=True, exist_ok=True)

    def put(self, key: str, body: bytes) -> None:
        with track_storage_operation(system="filesystem", operation=StorageOperation.PUT, bucket=self.bucket) as op:
            target = self.path / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            op.set_result(objects_count=1, bytes_written=len(body))

    def get(self, key: str) -> bytes:
        with track_storage_operation(system="filesystem", operation=StorageOperation.GET, bucket=self.bucket) as op:
            body = (self.path / key).read_bytes()
            op.set_result(objects_count=1, bytes_read=len(body))
            return body

    def list(self, prefix: str = "") -> list[str]:
        with track_storage_operation(system="filesystem", operation=StorageOperation.LIST, bucket=self.bucket) as op:
            keys = sorted(
                str(p.relative_to(self.path)) for p in self.path.rglob("*")
                if p.is_file() and str(p.relative_to(self.path)).startswith(prefix)
            )
            op.set_result(objects_count=len(keys))
            return keys


def _seed_data(rows: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Deterministic customers and orders: the same numbers on every run."""
    rng = random.Random(6)
    customer_count = max(rows // 10, len(REGIONS))
    customers = [
        {"id": i, "name": f"customer-{i:04d}", "region": REGIONS[i % len(REGIONS)]}
        for i in range(1, customer_count + 1)
    ]
    orders = [
        {"id": i, "customer_id": rng.randint(1, customer_count), "amount_cents": rng.randint(100, 50_000)}
        for i in range(1, rows + 1)
    ]
    return customers, orders


def _pipeline(engine: Any, store: ObjectStore, rows: int, batch_id: str) -> dict[str, Any]:
    """The seed's "Complete Data Pipeline": extract, aggregate, export, load, notify."""
    customers, orders = _seed_data(rows)
    summary: dict[str, Any] = {"batch_id": batch_id}

    # 1. Schema (checkfirst=False: no PRAGMA probes, just the three CREATE TABLEs)
    Base.metadata.create_all(engine, checkfirst=False)

    with Session(engine) as session:
        # 2. ORM bulk insert; one stale total makes the upsert below really update a row
        session.execute(insert(Customer), customers)
        session.execute(insert(Order), orders)
        session.add(RegionTotal(region=REGIONS[0], orders=0, revenue_cents=0, batch_id="stale"))
        session.commit()

        # 3. Extract the orders with their customer's region (a join) and export them as CSV
        extract = session.execute(
            select(Order.id, Customer.region, Order.amount_cents).join(Customer).order_by(Order.id)
        ).all()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(("order_id", "region", "amount_cents"))
        writer.writerows(extract)
        store.put(f"batch/{batch_id}/orders.csv", buffer.getvalue().encode())

        # 4. Aggregate SELECT with a join: orders and revenue per region
        totals = session.execute(
            select(Customer.region, func.count(Order.id), func.sum(Order.amount_cents))
            .join(Order, Order.customer_id == Customer.id)
            .group_by(Customer.region)
            .order_by(Customer.region)
        ).all()
        summary["regions"] = {region: {"orders": n, "revenue_cents": cents} for region, n, cents in totals}
        store.put(f"batch/{batch_id}/summary.json", json.dumps(summary, sort_keys=True).encode())

        # 5. Upsert the totals (SQLite's INSERT .. ON CONFLICT DO UPDATE)
        upsert = sqlite_insert(RegionTotal).values(
            [{"region": r, "orders": n, "revenue_cents": c, "batch_id": batch_id} for r, n, c in totals]
        )
        session.execute(upsert.on_conflict_do_update(
            index_elements=[RegionTotal.region],
            set_={"orders": upsert.excluded.orders, "revenue_cents": upsert.excluded.revenue_cents,
                  "batch_id": upsert.excluded.batch_id},
        ))

        # 6. UPDATE: mark the batch's orders exported
        session.execute(update(Order).where(Order.status == "new").values(status="exported"))
        session.commit()

        # 7. A failing statement, caught: the same customer id twice violates the primary key
        try:
            session.execute(insert(Customer).values(id=1, name="duplicate", region=REGIONS[0]))
            session.commit()
        except IntegrityError:
            session.rollback()
            summary["rejected"] = 1

    # 8. Publish a completion event; the trace context travels in the message headers
    bus: queue.Queue[dict[str, Any]] = queue.Queue()
    event = json.dumps({"batch_id": batch_id, "orders": rows, "regions": len(totals)}).encode()
    headers: dict[str, str] = {}
    with track_messaging_operation(system="inproc", operation=MessagingOperation.PUBLISH, destination=QUEUE,
                                   carrier=headers) as publish:
        bus.put({"headers": headers, "body": event})  # headers were filled when the span started
        publish.set_result(message_count=1, bytes_transferred=len(event))

    # 9. Consume it: the consumer span continues the producer's trace from the headers, and the storage
    # reads it makes nest under it
    message = bus.get_nowait()
    with track_messaging_operation(system="inproc", operation=MessagingOperation.CONSUME, destination=QUEUE,
                                   carrier=message["headers"]) as consume:
        consume.set_result(message_count=1, bytes_transferred=len(message["body"]))
        keys = store.list(f"batch/{batch_id}/")
        received = json.loads(store.get(f"batch/{batch_id}/summary.json"))
        summary["verified"] = received["regions"] == summary["regions"]
        summary["objects"] = keys

    emit_outcome("success", value_type="batches_processed", value_amount=1)
    return summary


def run_demo(
    rows: int = DEFAULT_ROWS,
    *,
    keep: bool = False,
    otlp: str | None = None,
    workdir_parent: str | Path | None = None,
) -> DemoResult:
    """Run the pipeline once; return its spans and a snapshot of its counters.

    The work directory (under ``workdir_parent``, default the system's temporary directory) is removed
    afterwards unless ``keep``. The providers given to ``configure()`` for the run are put back as they
    were, so a caller's own configuration is untouched.
    """
    if rows < 1:
        raise ValueError("rows must be at least 1")
    telemetry = _Telemetry(otlp)
    saved = (settings.tracer_provider, settings.meter_provider)
    workdir = Path(tempfile.mkdtemp(prefix="botanu-demo-", dir=workdir_parent))
    batch_id = f"batch-{rows:06d}"
    engine = None
    try:
        configure(tracer_provider=telemetry.tracer_provider, meter_provider=telemetry.meter_provider)
        engine = create_engine(f"sqlite:///{workdir / 'etl.db'}")
        instrument_engine(engine, tracer_provider=telemetry.tracer_provider,
                          meter_provider=telemetry.meter_provider)
        store = ObjectStore(workdir / "objects", BUCKET)
        with use_case(WORKFLOW, batch_id=batch_id):
            summary = _pipeline(engine, store, rows, batch_id)
        # one snapshot feeds the table, so every number printed comes from the same collection
        metrics = telemetry.reader.get_metrics_data()
        spans = list(telemetry.exporter.get_finished_spans())
    finally:
        settings.tracer_provider, settings.meter_provider = saved
        if engine is not None:
            uninstrument_engine(engine)
            engine.dispose()
        telemetry.shutdown()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return DemoResult(spans, metrics, workdir, keep, rows, batch_id, summary, telemetry.tally)


def quiet_exporter_logs() -> None:
    """The OTLP exporter logs each failed attempt with a traceback; one line of ours says it better."""
    for name in ("opentelemetry.exporter.otlp.proto.http", "opentelemetry.exporter.otlp"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


__all__ = ["DEFAULT_ROWS", "DemoResult", "ExportTally", "OtlpUnavailable", "WORKFLOW", "run_demo"]
