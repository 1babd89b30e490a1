"""The core needs none of the clients the integrations wrap (issue 16: extras ``pika``, ``redis``, ``nats``,
``kafka``, ``celery``; also the storage clients): in a fresh interpreter where importing any of them fails,
``import botanu_data`` and the core API work; where they are installed, the core still imports none of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from subprocess_scenario import botanu_span_names, hiding, problems, run_scenario

BLOCKED = ("pika", "redis", "nats", "confluent_kafka", "celery", "boto3", "botocore", "google.cloud.storage",
           "azure.storage.blob")

NAMES = f"\nimport sys\n\nBLOCKED = {BLOCKED!r}\n"  # what CORE_API reads
CLIENTS_HIDDEN = NAMES + hiding(BLOCKED)  # as when botanu-data is installed without its extras


CORE_API = '''
import importlib
import sqlalchemy as sa
import botanu_data
from botanu_data import (extract_context, inject_context, instrument_engine, track_messaging_operation,
                         track_storage_operation, use_case)
from opentelemetry import baggage

engine = sa.create_engine("sqlite:///app.db")
instrument_engine(engine)
with use_case("Offline") as run:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    with track_storage_operation("filesystem", "PUT", "exports") as put:
        put.set_result(objects_count=1, bytes_written=3)
    with track_messaging_operation("inproc", "publish", "jobs", carrier=(headers := {})) as sent:
        sent.set_result(message_count=1, bytes_transferred=2)
with track_messaging_operation("inproc", "consume", "jobs", carrier=headers) as got:
    with engine.begin() as conn:
        conn.exec_driver_sql("SELECT x FROM t").fetchall()
travelled = baggage.get_baggage("botanu.run_id", extract_context(inject_context({}, extract_context(headers))))
loaded = sorted(name for name in BLOCKED if name in sys.modules)  # before the imports below
importable = []
for name in BLOCKED:
    try:
        importlib.import_module(name)
        importable.append(name)
    except ImportError:
        pass
report(importable=importable, run_id=run.run_id, header_names=sorted(headers), travelled=travelled, loaded=loaded)
'''


@pytest.mark.parametrize("hidden", [True, False], ids=["clients hidden", "clients installed"])
def test_the_core_works_and_imports_no_client(tmp_path: Path, hidden: bool) -> None:
    """Hidden: the core works without them. Installed: the core does not import them anyway (no import
    attempted in passing, that a missing client would only have hidden)."""
    report = run_scenario(tmp_path, CORE_API, before=CLIENTS_HIDDEN if hidden else NAMES)
    # hidden, the blocker works; installed (the test extra has them all), they could have been imported
    assert report["importable"] == ([] if hidden else list(BLOCKED))
    assert report["loaded"] == []  # botanu_data imported none of them, nor did its core API
    assert report["header_names"] == ["baggage", "traceparent"] and report["travelled"] == report["run_id"]
    assert botanu_span_names(report) == ["CREATE TABLE t", "INSERT t", "COMMIT", "PUT exports", "publish jobs",
                                         "botanu.run/Offline", "SELECT t", "COMMIT", "consume jobs"]
    consumed = next(span for span in report["spans"] if span["name"] == "consume jobs")
    assert consumed["attributes"]["botanu.run_id"] == report["run_id"]  # the run continued from the headers
    assert report["counted"] == 5  # CREATE, INSERT, SELECT and the two COMMITs
    assert problems(report) == []
