"""The Celery app a prefork worker subprocess runs in test_celery.py (``celery -A celery_prefork_app worker``).

Each forked child installs its own OpenTelemetry SDK (``worker_process_init``, as OpenTelemetry advises for
prefork servers; its default sampler follows the publisher's decision carried in the task's headers) writing
spans to a JSON-lines file, and dumps its counters after every task, so the test process can read both.
Configured by environment variables the test sets.
"""

from __future__ import annotations

import json
import os
from typing import Any

import sqlalchemy as sa
from celery import Celery, signals
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

from botanu_data import configure, instrument_engine
from botanu_data.integrations.celery import instrument_celery

OUT = os.environ["BOTANU_TEST_OUT"]
app = Celery("celery_prefork_app", broker=os.environ["BOTANU_TEST_BROKER"])
app.conf.task_default_queue = os.environ["BOTANU_TEST_QUEUE"]
app.conf.worker_hijack_root_logger = False
instrument_celery(app)  # before the fork: the children inherit the connected signals
_state: dict[str, Any] = {}


class FileExporter(SpanExporter):
    def export(self, spans: Any) -> SpanExportResult:
        with open(f"{OUT}.spans", "a") as out:
            for span in spans:
                out.write(json.dumps({
                    "name": span.name, "kind": span.kind.name, "trace_id": span.context.trace_id,
                    "span_id": span.context.span_id, "parent": span.parent.span_id if span.parent else None,
                    "links": [link.context.span_id for link in span.links],
                    "status": span.status.status_code.name, "attributes": dict(span.attributes),
                }) + "\n")
        return SpanExportResult.SUCCESS


@signals.worker_process_init.connect
def _child_sdk(**_: Any) -> None:
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(FileExporter()))
    _state["reader"] = reader = InMemoryMetricReader()
    configure(tracer_provider=tracer_provider, meter_provider=MeterProvider(metric_readers=[reader]))
    _state["engine"] = engine = sa.create_engine(os.environ["BOTANU_TEST_DB"])
    instrument_engine(engine)


@app.task(name=os.environ["BOTANU_TEST_TASK"])
def store(body: str) -> int:
    with _state["engine"].begin() as conn:
        conn.exec_driver_sql("INSERT INTO handled (body) VALUES (?)", (body.encode(),))
    return len(body)


@app.task(name=os.environ["BOTANU_TEST_FAIL_TASK"])
def fail(body: str) -> None:
    raise LookupError(body)


@signals.task_postrun.connect  # connected after instrument_celery's: runs after the execution span has ended
def _dump_counters(**_: Any) -> None:
    points = []
    data = _state["reader"].get_metrics_data()
    for resource_metrics in data.resource_metrics if data else []:
        for scope_metrics in resource_metrics.scope_metrics:
            for metric in scope_metrics.metrics:
                for point in metric.data.data_points:
                    value = getattr(point, "value", None)
                    points.append([metric.name, dict(point.attributes), value if value is not None else point.count])
    with open(f"{OUT}.counters.tmp", "w") as out:
        json.dump(points, out)
    os.replace(f"{OUT}.counters.tmp", f"{OUT}.counters")
