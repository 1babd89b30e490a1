"""Celery with the real Redis broker and real workers: a thread-pool worker in process, a prefork worker
subprocess."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _forked_workers import running
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
ROOT = HERE.parent.parent
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


class PreforkWorker:
    """One ``celery worker --pool=prefork -c 1`` subprocess for the module's prefork tests (its start is most of
    their time): each test publishes under a workflow of its own and reads back only that workflow's spans and
    counters, which the pool process writes to files (celery_prefork_app.py)."""

    def __init__(self, redis_url: str, directory: Path) -> None:
        self.redis_url, self.out, self.log = redis_url, directory / "worker", directory / "worker.log"
        self.queue, self.store, self.fail = unique("queue"), unique("prefork-store"), unique("prefork-fail")
        self.db = f"sqlite:///{directory / 'prefork.db'}"

    def spans(self, name: str) -> list[dict]:
        return [s for s in _read_lines(Path(f"{self.out}.spans")) if s["name"] == name]

    def counters(self, metric: str, **match: object) -> float:
        """What the pool process counted so far (cumulative, dumped after each task) for points matching ``match``."""
        path = Path(f"{self.out}.counters")
        points = json.loads(path.read_text()) if path.exists() else []  # (replaced whole: never read half-written)
        return sum(value for name, attributes, value in points
                   if name == metric and all(attributes.get(k) == v for k, v in match.items()))

    def wait(self, condition: Any, what: str) -> Any:
        try:  # the first test waits for the worker to start
            return wait_for(condition, timeout=60, what=what)
        except AssertionError as error:
            raise AssertionError(f"{error}; worker log:\n{self.log.read_text()}") from None


@pytest.fixture(scope="module")
def prefork_worker(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PreforkWorker]:
    import sqlalchemy as sa

    worker = PreforkWorker(redis_url, tmp_path_factory.mktemp("prefork"))
    setup = sa.create_engine(worker.db)
    with setup.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE handled (body BLOB)")
    setup.dispose()
    env = {**os.environ, "BOTANU_TEST_BROKER": redis_url, "BOTANU_TEST_QUEUE": worker.queue,
           "BOTANU_TEST_TASK": worker.store, "BOTANU_TEST_FAIL_TASK": worker.fail, "BOTANU_TEST_OUT": str(worker.out),
           "BOTANU_TEST_DB": worker.db,
           # this checkout's botanu_data (the repository root), not whichever one the interpreter has installed
           "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), str(ROOT), os.environ.get("PYTHONPATH")]))}
    with running(["celery", "-A", "celery_prefork_app", "worker", "--pool=prefork", "-c", "1",
                  "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "WARNING"],
                 env, worker.log, cwd=worker.out.parent):
        yield worker


@pytest.fixture
def publisher(prefork_worker: PreforkWorker) -> Iterator[Any]:
    """An instrumented app in the test process that sends to the prefork worker's queue."""
    made = celery.Celery(unique("publisher"), broker=prefork_worker.redis_url, set_as_current=False)
    made.conf.task_default_queue = prefork_worker.queue
    instrument_celery(made)
    yield made
    uninstrument_celery()
    made.close()


def _db_inserts(worker: PreforkWorker, workflow: str) -> float:
    return worker.counters("botanu.data.operations", **{"botanu.workflow": workflow, "db.operation": "INSERT"})


def test_a_task_runs_in_the_publishers_run_on_a_prefork_worker_subprocess(
    otel: Telemetry, prefork_worker: PreforkWorker, publisher: Any
) -> None:
    worker = prefork_worker
    with use_case("Prefork import") as run:
        sent_id = publisher.send_task(worker.store, args=["hello"]).id
    sent = otel.span(f"publish {worker.store}")
    ran = worker.wait(lambda: [s for s in worker.spans(f"consume {worker.store}")
                               if s["trace_id"] == sent.context.trace_id], "the worker's execution span")[0]
    worker.wait(lambda: _db_inserts(worker, "Prefork import"), "the worker's counters")
    assert ran["kind"] == "CONSUMER" and ran["trace_id"] == sent.context.trace_id
    assert ran["parent"] == sent.context.span_id and ran["links"] == [sent.context.span_id]
    assert ran["attributes"]["botanu.run_id"] == run.run_id and ran["attributes"]["messaging.message.id"] == sent_id
    inserts = [s for s in _read_lines(Path(f"{worker.out}.spans"))
               if s["name"].startswith("INSERT") and s["trace_id"] == sent.context.trace_id]
    assert len(inserts) == 1 and inserts[0]["parent"] == ran["span_id"]
    assert inserts[0]["attributes"]["botanu.workflow"] == "Prefork import"
    assert _db_inserts(worker, "Prefork import") == 1  # counted in the child process, under the publisher's workflow


def test_a_failing_task_on_a_prefork_worker_ends_its_span_with_the_error(
    otel: Telemetry, prefork_worker: PreforkWorker, publisher: Any
) -> None:
    worker = prefork_worker
    with use_case("Prefork doomed"):
        publisher.send_task(worker.fail, args=["missing"])
    failed = {"messaging.operation": "consume", "botanu.workflow": "Prefork doomed", "error.type": "LookupError"}
    ran = worker.wait(lambda: worker.spans(f"consume {worker.fail}"), "the failed execution span")[0]
    assert ran["status"] == "ERROR" and ran["attributes"]["error.type"] == "LookupError"
    assert ran["attributes"]["botanu.workflow"] == "Prefork doomed"
    assert ran["parent"] == otel.span(f"publish {worker.fail}").context.span_id
    assert worker.wait(lambda: worker.counters("botanu.messaging.operations", **failed), "the failure counted") == 1
    assert worker.counters("botanu.messaging.messages", **failed) == 1


def test_counts_exact_at_zero_sampling_on_a_prefork_worker(
    unsampled: Telemetry, prefork_worker: PreforkWorker, publisher: Any
) -> None:
    worker = prefork_worker
    bodies = ["p" * size for size in (1, 10, 100)]
    with use_case("Prefork backfill"):
        for body in bodies:
            publisher.send_task(worker.store, args=[body])
    consumed = {"messaging.operation": "consume", "botanu.workflow": "Prefork backfill",
                "messaging.destination.name": worker.store}
    worker.wait(lambda: _db_inserts(worker, "Prefork backfill") == len(bodies)
                and worker.counters("botanu.messaging.operations", **consumed) == len(bodies),
                f"{len(bodies)} executions counted")
    assert unsampled.spans() == []
    # the publisher's "not sampled" travels in the headers: the child's parent-based sampler records nothing
    assert not [s for s in _read_lines(Path(f"{worker.out}.spans"))
                if s["attributes"].get("botanu.workflow") == "Prefork backfill"]
    where = {"botanu__workflow": "Prefork backfill", "messaging__destination__name": worker.store}
    assert unsampled.total("botanu.messaging.messages", messaging__operation="publish", **where) == len(bodies)
    assert unsampled.total("botanu.messaging.bytes", messaging__operation="publish", **where) == sum(
        _sent_size(body) for body in bodies)
    assert worker.counters("botanu.messaging.messages", **consumed) == len(bodies)
    assert _db_inserts(worker, "Prefork backfill") == len(bodies)  # the tasks' INSERTs, under the publisher's


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
