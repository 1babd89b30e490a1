"""Celery with the real Redis broker and real workers: a thread-pool worker in process, a prefork worker
subprocess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _support import (  # noqa: F401 - fixtures
    record,
    sqlite_engine_fixture,
    unique,
    wait_for,
    workflow_db_operations,
)
from conftest import Telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import use_case

celery = pytest.importorskip("celery")
from celery.contrib.testing.worker import start_worker  # noqa: E402

from botanu_data.integrations.celery import instrument_celery, uninstrument_celery  # noqa: E402

HERE = Path(__file__).parent
EMBED = {"callbacks": None, "errbacks": None, "chain": None, "chord": None}


def _sent_size(*args: Any) -> int:
    """Bytes of a protocol-2 task body as Celery's JSON serializer writes it."""
    return len(json.dumps([list(args), {}, EMBED]))


@pytest.fixture
def app(redis_url: str) -> Iterator[Any]:
    made = celery.Celery(unique("app"), broker=redis_url, backend=redis_url, set_as_current=False)
    made.conf.task_default_queue = unique("queue")
    instrument_celery(made)
    yield made
    uninstrument_celery()
    made.close()


@pytest.fixture
def tasks(app: Any, sqlite_engine: Any) -> dict[str, Any]:
    @app.task(name=unique("store"))
    def store(body: str) -> int:
        record(sqlite_engine, body.encode())
        return len(body)

    @app.task(name=unique("fail"))
    def fail(body: str) -> None:
        raise LookupError(body)

    attempts: list[int] = []

    @app.task(name=unique("flaky"), bind=True, max_retries=1, default_retry_delay=0)
    def flaky(self: Any) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise self.retry(exc=TimeoutError("upstream slow"), countdown=0)
        return len(attempts)

    return {"store": store, "fail": fail, "flaky": flaky}


@pytest.fixture
def thread_worker(app: Any, tasks: dict[str, Any]) -> Iterator[Any]:
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=20) as worker:
        yield worker


def test_a_task_runs_in_the_publishers_run_on_a_thread_pool_worker(
    otel: Telemetry, app: Any, tasks: dict[str, Any], thread_worker: Any
) -> None:
    store = tasks["store"]
    with use_case("Enrich") as run:
        result = store.delay("abc")
    assert result.get(timeout=20) == 3

    sent = otel.span(f"publish {store.name}")
    ran = wait_for(lambda: otel.spans(f"consume {store.name}"), what="the execution span")[0]
    assert sent.kind is SpanKind.PRODUCER and ran.kind is SpanKind.CONSUMER
    assert ran.parent.span_id == sent.context.span_id and [link.context.span_id for link in ran.links] == [
        sent.context.span_id]
    assert sent.attributes["messaging.message.id"] == ran.attributes["messaging.message.id"] == result.id
    assert sent.attributes["botanu.messaging.bytes_transferred"] == _sent_size("abc")
    for span in (sent, ran):
        assert span.attributes["botanu.run_id"] == run.run_id
        assert span.attributes["messaging.destination.name"] == store.name
    insert = otel.span("INSERT handled")
    assert insert.parent.span_id == ran.context.span_id and insert.attributes["botanu.workflow"] == "Enrich"


def test_counts_exact_at_zero_sampling_on_a_thread_pool_worker(
    unsampled: Telemetry, app: Any, tasks: dict[str, Any], thread_worker: Any
) -> None:
    store = tasks["store"]
    bodies = ["x" * size for size in (1, 10, 100, 1000)]
    with use_case("Backfill"):
        results = [store.delay(body) for body in bodies]
    assert [r.get(timeout=20) for r in results] == [len(b) for b in bodies]

    assert unsampled.spans() == []
    wait_for(lambda: unsampled.total("botanu.messaging.operations", messaging__operation="consume") == 4,
             what="4 executions counted")  # postrun comes after the result is stored
    where = {"botanu__workflow": "Backfill", "messaging__destination__name": store.name}
    assert unsampled.total("botanu.messaging.messages", messaging__operation="publish", **where) == 4
    assert unsampled.total("botanu.messaging.bytes", messaging__operation="publish", **where) == sum(
        _sent_size(body) for body in bodies)
    assert unsampled.total("botanu.messaging.messages", messaging__operation="consume", **where) == 4
    assert workflow_db_operations(unsampled, "Backfill") == 4


def test_a_failing_task_ends_its_span_with_the_error_and_fails_as_usual(
    otel: Telemetry, app: Any, tasks: dict[str, Any], thread_worker: Any
) -> None:
    fail = tasks["fail"]
    with use_case("Doomed"):
        result = fail.delay("missing")
    with pytest.raises(LookupError):
        result.get(timeout=20)
    assert result.state == "FAILURE"
    ran = wait_for(lambda: otel.spans(f"consume {fail.name}"), what="the execution span")[0]
    assert ran.status.status_code is StatusCode.ERROR and ran.attributes["error.type"] == "LookupError"
    assert ran.attributes["botanu.workflow"] == "Doomed"


def _read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_a_task_runs_in_the_publishers_run_on_a_prefork_worker_subprocess(
    otel: Telemetry, redis_url: str, tmp_path: Path
) -> None:
    import sqlalchemy as sa

    db = f"sqlite:///{tmp_path / 'prefork.db'}"
    setup = sa.create_engine(db)
    with setup.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE handled (body BLOB)")
    setup.dispose()
    queue, task_name, out = unique("queue"), unique("prefork-store"), tmp_path / "worker"
    env = {**os.environ, "BOTANU_TEST_BROKER": redis_url, "BOTANU_TEST_QUEUE": queue, "BOTANU_TEST_TASK": task_name,
           "BOTANU_TEST_OUT": str(out), "BOTANU_TEST_DB": db, "PYTHONPATH": str(HERE)}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "celery_prefork_app", "worker", "--pool=prefork", "-c", "1",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "WARNING"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    publisher = celery.Celery(unique("publisher"), broker=redis_url, set_as_current=False)
    publisher.conf.task_default_queue = queue
    instrument_celery(publisher)
    try:
        with use_case("Prefork import") as run:
            sent_id = publisher.send_task(task_name, args=["hello"]).id
        spans = wait_for(lambda: [s for s in _read_lines(Path(f"{out}.spans")) if s["name"] == f"consume {task_name}"],
                         timeout=60, what="the worker's execution span")
        counters = json.loads(wait_for(lambda: Path(f"{out}.counters").exists() and Path(f"{out}.counters")
                                       .read_text(), timeout=30, what="the worker's counters"))
    finally:
        uninstrument_celery()
        publisher.close()
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(10)
        if worker.returncode not in (0, -signal.SIGTERM):
            print(worker.stdout.read().decode() if worker.stdout else "")
    sent = otel.span(f"publish {task_name}")
    ran = spans[0]
    assert ran["kind"] == "CONSUMER" and ran["trace_id"] == sent.context.trace_id
    assert ran["parent"] == sent.context.span_id and ran["links"] == [sent.context.span_id]
    assert ran["attributes"]["botanu.run_id"] == run.run_id and ran["attributes"]["messaging.message.id"] == sent_id
    inserts = [s for s in _read_lines(Path(f"{out}.spans")) if s["name"].startswith("INSERT")]
    assert len(inserts) == 1 and inserts[0]["parent"] == ran["span_id"]
    assert inserts[0]["attributes"]["botanu.workflow"] == "Prefork import"
    db_ops = [value for name, attributes, value in counters
              if name == "botanu.data.operations" and attributes.get("botanu.workflow") == "Prefork import"
              and attributes.get("db.operation") == "INSERT"]
    assert db_ops == [1]  # counted in the child process, under the publisher's workflow


def test_a_retried_task_notes_the_retry_and_runs_again_in_the_same_run(
    otel: Telemetry, app: Any, tasks: dict[str, Any], thread_worker: Any
) -> None:
    flaky = tasks["flaky"]
    with use_case("Retrying") as run:
        result = flaky.delay()
    assert result.get(timeout=30) == 2  # the second attempt succeeded
    runs = wait_for(lambda: len(otel.spans(f"consume {flaky.name}")) == 2 and otel.spans(f"consume {flaky.name}"),
                    what="two executions")
    runs = sorted(runs, key=lambda span: span.start_time)  # the retry may end before the first run's postrun
    assert [s.attributes.get("botanu.messaging.retry_reason") for s in runs] == ["TimeoutError", None]
    assert all(s.attributes["botanu.run_id"] == run.run_id for s in runs)
    assert len(otel.spans(f"publish {flaky.name}")) == 2  # the retry re-publishes, inside the first execution


def test_a_publish_that_fails_raises_celerys_error_and_leaves_no_span_current(otel: Telemetry) -> None:
    from opentelemetry import trace

    app = celery.Celery(unique("down"), broker="redis://127.0.0.1:1/0", set_as_current=False)
    app.conf.broker_connection_retry_on_startup = False
    instrument_celery(app)
    try:
        @app.task(name=unique("never"))
        def never() -> None:
            return None

        with otel.tracer.start_as_current_span("request") as request:
            with pytest.raises(Exception) as caught:
                never.apply_async(retry=False)
            assert trace.get_current_span() is request  # no publish span left current without its end signal
        assert "Connection" in type(caught.value).__name__ or "connect" in str(caught.value).lower()
    finally:
        uninstrument_celery()
        app.close()
