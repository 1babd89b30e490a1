"""Use cases and runs (issue 5): run spans, baggage, outcomes, errors, and per-run totals that never mix."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from _services import scratch_table
from conftest import Telemetry
from opentelemetry import baggage, context, trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import StatusCode
from sqlalchemy.ext.asyncio import create_async_engine

from botanu_data import (
    attribution,
    emit_outcome,
    instrument_engine,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
    uninstrument_engine,
    use_case,
)

RUN_TOTAL_KEYS = {  # the list, plus botanu.run.messaging.operations that the lead's ledger also keeps
    "botanu.run.db.operations", "botanu.run.data.rows_returned", "botanu.run.data.rows_affected",
    "botanu.run.data.bytes_read", "botanu.run.data.bytes_written", "botanu.run.warehouse.bytes_scanned",
    "botanu.run.storage.operations", "botanu.run.storage.bytes_read", "botanu.run.storage.bytes_written",
    "botanu.run.messaging.operations", "botanu.run.messaging.messages", "botanu.run.messaging.bytes",
}
ROWS_IN_TABLE = 25


@pytest.fixture
def pg_table(postgres_url: str) -> Iterator[str]:
    """A table of this test only with ids 1..ROWS_IN_TABLE."""
    fill = f"INSERT INTO {{table}} SELECT generate_series(1, {ROWS_IN_TABLE})"
    with scratch_table(postgres_url, "attr", "id INTEGER PRIMARY KEY", fill) as table:
        yield table


def _run_totals(span: ReadableSpan) -> dict[str, Any]:
    return {k: v for k, v in span.attributes.items() if k.startswith("botanu.run.")}


def _data_spans(telemetry: Telemetry) -> list[ReadableSpan]:
    return [s for s in telemetry.spans() if not s.name.startswith("botanu.run/")]


# -- the run span, its id and its baggage -----------------------------------------------------------------


def test_context_manager_opens_the_run_span_and_baggage(otel: Telemetry) -> None:
    before_ms = time.time_ns() // 1_000_000
    with use_case("ETL Pipeline", customer_id="c1", tenant="acme") as run:
        # the run context is in W3C baggage, under the botanu SDK's keys
        assert baggage.get_baggage("botanu.run_id") == run.run_id
        assert baggage.get_baggage("botanu.workflow") == "ETL Pipeline"
        assert baggage.get_baggage("botanu.customer_id") == "c1"
        assert baggage.get_baggage("botanu.tenant") == "acme"
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table("orders")
    after_ms = time.time_ns() // 1_000_000
    assert baggage.get_baggage("botanu.run_id") is None  # detached on exit

    root = otel.span("botanu.run/ETL Pipeline")
    assert root.parent is None
    assert root.attributes["botanu.run_id"] == run.run_id
    assert root.attributes["botanu.workflow"] == "ETL Pipeline"
    assert root.attributes["botanu.customer_id"] == "c1"
    assert "botanu.parent_run_id" not in root.attributes
    data = otel.span("SELECT orders")
    assert data.parent is not None and data.parent.span_id == root.context.span_id
    assert data.attributes["botanu.run_id"] == run.run_id
    assert data.attributes["botanu.workflow"] == "ETL Pipeline"

    # botanu.run_id is a UUIDv7 (RFC 9562) whose 48-bit timestamp is the run's start
    value = uuid.UUID(run.run_id)
    assert str(value) == run.run_id
    assert (value.int >> 76) & 0xF == 7 and value.version == 7
    assert (value.int >> 62) & 0b11 == 0b10 and value.variant == uuid.RFC_4122
    assert before_ms <= value.int >> 80 <= after_ms


def test_run_ids_are_unique_and_time_ordered(otel: Telemetry) -> None:
    ids = []
    for _ in range(50):
        with use_case("Many") as run:
            ids.append(run.run_id)
    assert len(set(ids)) == 50
    stamps = [uuid.UUID(i).int >> 80 for i in ids]
    assert stamps == sorted(stamps)


def test_nested_use_cases_record_the_parent_run(otel: Telemetry) -> None:
    with use_case("Outer") as outer:
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table("before")
        with use_case("Inner") as inner:
            assert baggage.get_baggage("botanu.run_id") == inner.run_id
            assert baggage.get_baggage("botanu.parent_run_id") == outer.run_id
            with track_storage_operation("s3", "GET", bucket="inner-bucket"):
                pass
        with track_messaging_operation("sqs", "publish", destination="after"):
            pass  # back in the outer run

    outer_span, inner_span = otel.span("botanu.run/Outer"), otel.span("botanu.run/Inner")
    assert inner_span.attributes["botanu.parent_run_id"] == outer.run_id
    assert inner_span.parent.span_id == outer_span.context.span_id
    assert "botanu.parent_run_id" not in outer_span.attributes
    expected = {"SELECT before": (outer.run_id, "Outer"), "GET inner-bucket": (inner.run_id, "Inner"),
                "publish after": (outer.run_id, "Outer")}
    for name, (run_id, workflow) in expected.items():
        span = otel.span(name)
        assert (span.attributes["botanu.run_id"], span.attributes["botanu.workflow"]) == (run_id, workflow), name
    # each run's totals hold only its own operations
    zeros = dict.fromkeys(RUN_TOTAL_KEYS, 0)  # every total is there, zero included: "nothing" is a fact
    assert _run_totals(inner_span) == {**zeros, "botanu.run.storage.operations": 1}
    assert _run_totals(outer_span) == {**zeros, "botanu.run.db.operations": 1, "botanu.run.messaging.operations": 1}


def test_baggage_set_by_the_botanu_sdk_attributes_operations(otel: Telemetry) -> None:
    """Without use_case: a botanu SDK ``event()`` only puts its run context in baggage."""
    run_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    ctx = baggage.set_baggage("botanu.workflow", "SDK Flow", baggage.set_baggage("botanu.run_id", run_id))
    token = context.attach(ctx)
    try:
        with track_db_operation("postgresql", "UPDATE") as db:
            db.set_table("accounts").set_result(rows_affected=2)
        with track_storage_operation("s3", "PUT", bucket="exports") as storage:
            storage.set_result(objects_count=1, bytes_written=10)
    finally:
        context.detach(token)

    for span in _data_spans(otel):
        assert span.attributes["botanu.run_id"] == run_id
        assert span.attributes["botanu.workflow"] == "SDK Flow"
    assert len(_data_spans(otel)) == 2
    assert otel.spans("botanu.run/") == []  # no run span of our own
    for metric in ("botanu.data.operations", "botanu.data.rows", "botanu.storage.operations",
                   "botanu.storage.bytes", "botanu.storage.objects"):
        points = otel.points(metric)
        assert points and all(attributes["botanu.workflow"] == "SDK Flow" for attributes, _ in points), metric
    assert otel.total("botanu.data.rows", botanu__workflow="SDK Flow", botanu__data__direction="affected") == 2


# -- the decorator --------------------------------------------------------------------------------------


def test_decorator_on_a_sync_function(otel: Telemetry) -> None:
    @use_case("Sync Job", customer_id="c9")
    def job(a: int, *, b: int) -> int:
        """Doc kept."""
        assert baggage.get_baggage("botanu.workflow") == "Sync Job"
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_result(rows_returned=a + b)
        return a * b

    assert job.__name__ == "job" and job.__doc__ == "Doc kept."
    assert job(3, b=4) == 12
    assert job(1, b=1) == 1  # every call is its own run
    runs = otel.spans("botanu.run/Sync Job")
    assert len(runs) == 2 and runs[0].attributes["botanu.run_id"] != runs[1].attributes["botanu.run_id"]
    assert sorted(s.attributes["botanu.run.data.rows_returned"] for s in runs) == [2, 7]
    assert all(s.attributes["botanu.customer_id"] == "c9" for s in runs)


def test_decorator_on_an_async_function(otel: Telemetry) -> None:
    @use_case("Async Job")
    async def job(n: int) -> str:
        await asyncio.sleep(0)
        async with track_messaging_operation("kafka", "publish", destination="t") as msg:
            await asyncio.sleep(0)
            msg.set_result(message_count=n)
        return baggage.get_baggage("botanu.run_id")

    assert asyncio.iscoroutinefunction(job)
    run_id = asyncio.run(job(5))
    root = otel.span("botanu.run/Async Job")
    assert root.attributes["botanu.run_id"] == run_id
    assert root.attributes["botanu.run.messaging.messages"] == 5
    assert otel.span("publish t").attributes["botanu.run_id"] == run_id


def test_generators_are_refused_with_a_warning(otel: Telemetry, caplog: pytest.LogCaptureFixture) -> None:
    def numbers() -> Iterator[int]:
        yield 1

    async def stream() -> Any:
        yield 1

    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        assert use_case("Gen")(numbers) is numbers
        assert use_case("AsyncGen")(stream) is stream
    warnings = [r for r in caplog.records if "generator" in r.getMessage()]
    assert len(warnings) == 2
    assert list(numbers()) == [1]
    assert otel.spans() == []


# -- outcomes ---------------------------------------------------------------------------------------------


def test_emit_outcome_sets_attributes_and_event(otel: Telemetry) -> None:
    with use_case("Outcome Job"):
        emit_outcome("success", value_type="batches_processed", value_amount=3, confidence=0.9,
                     reason="all rows loaded", region="eu", retries=2)
    root = otel.span("botanu.run/Outcome Job")
    expected = {
        "botanu.outcome.status": "success",
        "botanu.outcome.value_type": "batches_processed",
        "botanu.outcome.value_amount": 3,
        "botanu.outcome.confidence": 0.9,
        "botanu.outcome.reason": "all rows loaded",
        "botanu.outcome.metadata.region": "eu",
        "botanu.outcome.metadata.retries": 2,
    }
    assert {k: v for k, v in root.attributes.items() if k.startswith("botanu.outcome.")} == expected
    events = [e for e in root.events if e.name == "botanu.outcome_emitted"]
    assert len(events) == 1
    assert dict(events[0].attributes) == expected
    assert root.status.status_code is not StatusCode.ERROR


def test_emit_outcome_outside_a_use_case_warns_once_and_does_nothing(
    otel: Telemetry, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attribution, "_warned_outside", False)
    with caplog.at_level(logging.WARNING, logger="botanu_data"), otel.tracer.start_as_current_span("plain"):
        emit_outcome("success", value_amount=1)
        emit_outcome("failed")
    warnings = [r for r in caplog.records if "emit_outcome" in r.getMessage()]
    assert len(warnings) == 1
    plain = otel.span("plain")
    assert not any(k.startswith("botanu.") for k in plain.attributes)
    assert list(plain.events) == []


# -- exceptions ---------------------------------------------------------------------------------------------


def test_exception_marks_the_run_failed_and_propagates_unchanged(otel: Telemetry) -> None:
    error = ValueError("bad batch")
    with pytest.raises(ValueError) as caught, use_case("Failing Job"):
        try:
            raise error
        except ValueError as raised:
            raised_tb = raised.__traceback__
            raise
    assert caught.value is error
    assert caught.value.__traceback__ is raised_tb  # not re-raised from a new place
    root = otel.span("botanu.run/Failing Job")
    assert root.status.status_code is StatusCode.ERROR
    assert root.attributes["botanu.outcome.status"] == "failed"
    assert root.attributes["error.type"] == "ValueError"
    assert otel.counter.started == otel.counter.ended == 1


def test_exception_keeps_an_emitted_outcome(otel: Telemetry) -> None:
    error = RuntimeError("half done")
    with pytest.raises(RuntimeError) as caught, use_case("Partial Job"):
        emit_outcome("partial", value_amount=5)
        raise error
    assert caught.value is error
    root = otel.span("botanu.run/Partial Job")
    assert root.status.status_code is StatusCode.ERROR
    assert root.attributes["botanu.outcome.status"] == "partial"
    assert root.attributes["botanu.outcome.value_amount"] == 5


def _traceback_chain(tb: Any) -> list[Any]:
    chain = []
    while tb is not None:
        chain.append(tb)
        tb = tb.tb_next
    return chain


def test_exception_through_the_decorators_propagates_unchanged(otel: Telemetry) -> None:
    error, async_error = KeyError("k"), LookupError("l")
    seen: dict[str, Any] = {}

    @use_case("Sync Failure")
    def sync_job() -> None:
        try:
            raise error
        except KeyError as raised:
            seen["sync"] = raised.__traceback__
            raise

    @use_case("Async Failure")
    async def async_job() -> None:
        await asyncio.sleep(0)
        try:
            raise async_error
        except LookupError as raised:
            seen["async"] = raised.__traceback__
            raise

    with pytest.raises(KeyError) as caught:
        sync_job()
    assert caught.value is error
    # the wrapper only adds its own frames on top: the raise point's traceback is the untouched tail
    assert _traceback_chain(caught.value.__traceback__)[-1] is seen["sync"]
    with pytest.raises(LookupError) as caught_async:
        asyncio.run(async_job())
    assert caught_async.value is async_error
    assert _traceback_chain(caught_async.value.__traceback__)[-1] is seen["async"]
    for name in ("Sync Failure", "Async Failure"):
        root = otel.span(f"botanu.run/{name}")
        assert root.status.status_code is StatusCode.ERROR
        assert root.attributes["botanu.outcome.status"] == "failed"


# -- concurrent runs -------------------------------------------------------------------------------------


def _expected_totals(n: int, statements: int) -> dict[str, int]:
    """What one worker's run did: n rounds of the operations below, ``statements`` of them real SELECTs
    returning n rows each, and one warehouse scan."""
    return {
        "botanu.run.db.operations": 2 * n + statements + 1,
        "botanu.run.data.rows_returned": 3 * n + statements * n,
        "botanu.run.data.rows_affected": 2 * n,
        "botanu.run.data.bytes_read": 100 * n + 1000 * n,  # scanned bytes are read bytes too
        "botanu.run.data.bytes_written": 50 * n,
        "botanu.run.warehouse.bytes_scanned": 1000 * n,
        "botanu.run.storage.operations": 2 * n,
        "botanu.run.storage.bytes_read": 20 * n,
        "botanu.run.storage.bytes_written": 10 * n,
        "botanu.run.messaging.operations": n,
        "botanu.run.messaging.messages": 2 * n,
        "botanu.run.messaging.bytes": 30 * n,
    }


def _check_runs(otel: Telemetry, runs: dict[str, tuple[Any, dict[str, int]]]) -> None:
    spans = otel.spans()
    for workflow, (run, expected) in runs.items():
        assert set(expected) == RUN_TOTAL_KEYS
        assert run.totals() == expected, workflow
        root = otel.span(f"botanu.run/{workflow}")
        assert root.attributes["botanu.run_id"] == run.run_id
        assert _run_totals(root) == expected, workflow
        # every data span of this workflow belongs to this run and its trace, and nothing else does
        own = [s for s in spans if s.attributes.get("botanu.workflow") == workflow and s is not root]
        assert len(own) == sum(expected[f"botanu.run.{kind}.operations"] for kind in ("db", "storage", "messaging"))
        assert all(s.attributes["botanu.run_id"] == run.run_id for s in own), workflow
        assert all(s.context.trace_id == root.context.trace_id for s in own), workflow
        # and the counters agree per workflow
        assert otel.total("botanu.data.operations", botanu__workflow=workflow) == \
            expected["botanu.run.db.operations"]
        assert otel.total("botanu.data.rows", botanu__workflow=workflow, botanu__data__direction="returned") == \
            expected["botanu.run.data.rows_returned"]
        assert otel.total("botanu.storage.bytes", botanu__workflow=workflow) == \
            expected["botanu.run.storage.bytes_read"] + expected["botanu.run.storage.bytes_written"]
        assert otel.total("botanu.messaging.messages", botanu__workflow=workflow) == \
            expected["botanu.run.messaging.messages"]


def test_eight_threads_never_mix_their_totals(otel: Telemetry, postgres_url: str, pg_table: str) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url, pool_size=8), trace_transactions=False)
    with engine.connect() as conn:  # first connect outside the runs: dialect initialisation happens once
        conn.exec_driver_sql("SELECT 1")
    barrier = threading.Barrier(8)
    results: dict[int, Any] = {}
    failures: list[BaseException] = []

    def worker(i: int) -> None:
        n = i + 1
        try:
            barrier.wait(timeout=10)
            with use_case(f"thread-run-{i}", customer_id=f"cust-{i}") as run:
                for _ in range(n):
                    with track_db_operation("postgresql", "SELECT") as db:
                        db.set_table("items")
                        time.sleep(0)  # let the other threads in mid-operation
                        db.set_result(rows_returned=3, bytes_read=100)
                    with track_db_operation("postgresql", "INSERT") as db:
                        db.set_table("items").set_result(rows_affected=2, bytes_written=50)
                    with engine.connect() as conn:
                        rows = conn.execute(sa.text(f"SELECT id FROM {pg_table} WHERE id <= :n"), {"n": n}).all()
                        assert len(rows) == n
                    with track_storage_operation("s3", "PUT", bucket="b") as storage:
                        storage.set_result(objects_count=1, bytes_written=10)
                    with track_storage_operation("s3", "GET", bucket="b") as storage:
                        time.sleep(0)
                        storage.set_result(objects_count=1, bytes_read=20)
                    with track_messaging_operation("sqs", "publish", destination="q") as msg:
                        msg.set_result(message_count=2, bytes_transferred=30)
                with track_db_operation("snowflake", "SELECT") as db:
                    db.set_bytes_scanned(1000 * n)
            results[i] = run
        except BaseException as exc:  # surfaced in the main thread below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert not failures, failures
    assert len(results) == 8
    _check_runs(otel, {f"thread-run-{i}": (results[i], _expected_totals(i + 1, i + 1)) for i in range(8)})
    for i in range(8):
        assert otel.span(f"botanu.run/thread-run-{i}").attributes["botanu.customer_id"] == f"cust-{i}"
    assert otel.counter.started == otel.counter.ended


def test_twenty_asyncio_tasks_never_mix_their_totals(
    otel: Telemetry, postgres_async_url: str, pg_table: str
) -> None:
    def uses_asyncpg(i: int) -> bool:
        return i % 4 == 0  # 5 of the 20 tasks also run real statements through asyncpg

    async def task(engine: Any, i: int) -> Any:
        n = i % 7 + 1
        async with use_case(f"task-run-{i}") as run:
            for _ in range(n):
                async with track_db_operation("postgresql", "SELECT") as db:
                    db.set_table("items")
                    await asyncio.sleep(0)  # other tasks run while this operation is open
                    db.set_result(rows_returned=3, bytes_read=100)
                with track_db_operation("postgresql", "INSERT") as db:
                    db.set_table("items").set_result(rows_affected=2, bytes_written=50)
                if uses_asyncpg(i):
                    async with engine.connect() as conn:
                        result = await conn.execute(sa.text(f"SELECT id FROM {pg_table} WHERE id <= :n"), {"n": n})
                        assert len(result.all()) == n
                async with track_storage_operation("s3", "PUT", bucket="b") as storage:
                    await asyncio.sleep(0)
                    storage.set_result(objects_count=1, bytes_written=10)
                with track_storage_operation("s3", "GET", bucket="b") as storage:
                    storage.set_result(objects_count=1, bytes_read=20)
                async with track_messaging_operation("sqs", "publish", destination="q") as msg:
                    await asyncio.sleep(0)
                    msg.set_result(message_count=2, bytes_transferred=30)
            async with track_db_operation("snowflake", "SELECT") as db:
                db.set_bytes_scanned(1000 * n)
        return run

    async def main() -> list[Any]:
        engine = instrument_engine(create_async_engine(postgres_async_url, pool_size=5), trace_transactions=False)
        try:
            return await asyncio.gather(*(task(engine, i) for i in range(20)))
        finally:
            uninstrument_engine(engine)
            await engine.dispose()

    runs = asyncio.run(main())
    expected = {}
    for i, run in enumerate(runs):
        n = i % 7 + 1
        expected[f"task-run-{i}"] = (run, _expected_totals(n, n if uses_asyncpg(i) else 0))
    _check_runs(otel, expected)
    assert otel.total("botanu.data.rows", db__collection__name=pg_table) == sum(
        (i % 7 + 1) ** 2 for i in range(20) if uses_asyncpg(i))
    assert trace.get_current_span() is trace.INVALID_SPAN
    assert otel.counter.started == otel.counter.ended
