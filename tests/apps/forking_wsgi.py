"""A WSGI app that a gunicorn master loads once (``preload_app``) and forks into workers; see
tests/test_gunicorn_fork.py and gunicorn_conf.py.

``BOTANU_TEST_APP_DB``: the SQLite file. ``BOTANU_TEST_APP_PROVIDERS``: ``master`` sets the global providers while
the app loads, so the master counts the operations it runs then and the workers inherit its providers; ``worker``
leaves that to each worker's ``post_fork`` (OpenTelemetry's guidance). Each request inserts one row and answers
with the worker's pid and the INSERT operations its own metric reader sees.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider

from botanu_data import instrument_engine

PRELOAD_INSERTS = 5
reader: InMemoryMetricReader | None = None


def start_telemetry() -> None:
    global reader
    reader = InMemoryMetricReader()
    trace.set_tracer_provider(TracerProvider())
    metrics.set_meter_provider(MeterProvider(metric_readers=[reader]))


def insert_one() -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO hits (pid) VALUES (?)", (os.getpid(),))


def inserts_counted() -> float:
    data = reader.get_metrics_data() if reader is not None else None
    return sum(
        point.value
        for resource_metrics in (data.resource_metrics if data else [])
        for scope_metrics in resource_metrics.scope_metrics
        for metric in scope_metrics.metrics
        if metric.name == "botanu.data.operations"
        for point in metric.data.data_points
        if point.attributes.get("db.operation") == "INSERT"
    )


engine = sa.create_engine(f"sqlite:///{os.environ['BOTANU_TEST_APP_DB']}")
with engine.begin() as setup:
    setup.exec_driver_sql("CREATE TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY AUTOINCREMENT, pid INTEGER)")
instrument_engine(engine)  # no providers: the global ones, whenever and wherever they are set
if os.environ["BOTANU_TEST_APP_PROVIDERS"] == "master":
    start_telemetry()
for _ in range(PRELOAD_INSERTS):  # the master's own work while loading the app
    insert_one()
MASTER_COUNTED = inserts_counted()


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    insert_one()
    body = json.dumps({"pid": os.getpid(), "inserts": inserts_counted(), "master_counted": MASTER_COUNTED})
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body.encode()]
