"""Exact cost counters (issue 5): ground truth on PostgreSQL plus manual storage and messaging operations.

Every counter is compared point by point with what the workload really did, at 0% trace sampling (the case
that matters at scale) and at 100%; the opt-in latency histogram and the cardinality limit are checked too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from _services import scratch_table
from conftest import Telemetry, install_telemetry
from opentelemetry.sdk.metrics.export import AggregationTemporality, Histogram, Metric, Sum
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ALWAYS_ON, Sampler

from botanu_data import (
    accounting,
    configure,
    instrument_engine,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
    uninstrument_engine,
    use_case,
)
from botanu_data.providers import reset_configuration

WORKFLOW = "Nightly Accounting"
INSERTED = 30  # rows inserted by executemany; grp = id % 3, so each group holds 10 rows
PER_GROUP = INSERTED // 3
# the Connections' own transaction ends: begin() commits, the second block commits, and the block whose
# statement failed rolls back on close (the pool's reset-on-return and the dialect's first-connect rollback
# are not the application's transactions and are not counted)
TRANSACTIONS = 3
# OpenTelemetry's advised buckets for db.client.operation.duration (database semantic conventions)
OTEL_DB_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0]

COUNTERS = {  # the table: name -> unit
    "botanu.data.operations": "{operation}",
    "botanu.data.rows": "{row}",
    "botanu.data.bytes": "By",
    "botanu.data.duration": "s",
    "botanu.storage.operations": "{operation}",
    "botanu.storage.bytes": "By",
    "botanu.storage.objects": "{object}",
    "botanu.storage.duration": "s",
    "botanu.messaging.operations": "{operation}",
    "botanu.messaging.messages": "{message}",
    "botanu.messaging.bytes": "By",
    "botanu.messaging.billable_requests": "{request}",
    "botanu.messaging.duration": "s",
}
DURATIONS = ("botanu.data.duration", "botanu.storage.duration", "botanu.messaging.duration")

Points = dict[frozenset, float]


# -- fixtures and helpers -----------------------------------------------------------------------------


@pytest.fixture
def pg_table(postgres_url: str) -> Iterator[str]:
    with scratch_table(postgres_url, "acct", "id INTEGER PRIMARY KEY, grp INTEGER NOT NULL, name TEXT") as table:
        yield table


def _truncate(url: str, table: str) -> None:
    setup = sa.create_engine(url)
    with setup.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {table}")
    setup.dispose()


@pytest.fixture
def telemetry_with() -> Iterator[Callable[[Sampler], Telemetry]]:
    """install_telemetry with any sampler, torn down like the ``otel`` fixture."""
    installed: list[Telemetry] = []

    def install(sampler: Sampler) -> Telemetry:
        if installed:
            reset_configuration()
        installed.append(install_telemetry(sampler))
        return installed[-1]

    yield install
    reset_configuration()
    for telemetry in installed:
        telemetry.tracer_provider.shutdown()
        telemetry.meter_provider.shutdown()


def _metric(telemetry: Telemetry, name: str) -> Metric | None:
    data = telemetry.reader.get_metrics_data()
    for resource_metrics in data.resource_metrics if data else []:
        for scope_metrics in resource_metrics.scope_metrics:
            for item in scope_metrics.metrics:
                if item.name == name:
                    return item
    return None


def _points(telemetry: Telemetry, name: str) -> Points:
    found: Points = {}
    for attributes, value in telemetry.points(name):
        key = frozenset(attributes.items())
        assert key not in found, f"two points of {name} with the same attributes {attributes}"
        found[key] = value
    return found


def _db(operation: str, table: str | None = None, *, system: str = "postgresql", error: str | None = None,
        direction: str | None = None, workflow: str | None = WORKFLOW) -> frozenset:
    return _key({"botanu.vendor": system, "db.system": system, "db.operation": operation,
                 "db.collection.name": table}, error, direction, workflow)


def _storage(operation: str, bucket: str, *, system: str = "s3", error: str | None = None,
             direction: str | None = None) -> frozenset:
    return _key({"botanu.vendor": system, "botanu.storage.system": system, "botanu.storage.operation": operation,
                 "botanu.storage.bucket": bucket}, error, direction, WORKFLOW)


def _messaging(operation: str, destination: str, *, system: str = "kafka", error: str | None = None) -> frozenset:
    return _key({"botanu.vendor": system, "messaging.system": system, "messaging.operation": operation,
                 "messaging.destination.name": destination}, error, None, WORKFLOW)


def _key(base: dict[str, Any], error: str | None, direction: str | None, workflow: str | None) -> frozenset:
    attributes = {k: v for k, v in base.items() if v is not None}
    if error:
        attributes["error.type"] = error
    if workflow:
        attributes["botanu.workflow"] = workflow
    if direction:
        attributes["botanu.data.direction"] = direction
    return frozenset(attributes.items())


def _workload(engine: sa.Engine, table: str) -> None:
    """Known statements and manual operations; the expected numbers are in ``_expected``."""
    with engine.begin() as conn:  # one executemany: a BATCH operation affecting INSERTED rows
        conn.exec_driver_sql(
            f"INSERT INTO {table} (id, grp, name) VALUES (%(id)s, %(grp)s, %(name)s)",
            [{"id": i, "grp": i % 3, "name": f"n{i}"} for i in range(INSERTED)],
        )
    with engine.connect() as conn:
        assert len(conn.exec_driver_sql(f"SELECT id FROM {table} WHERE grp = 0").all()) == PER_GROUP
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one() == INSERTED
        assert conn.exec_driver_sql(f"UPDATE {table} SET name = 'u' WHERE grp = 1").rowcount == PER_GROUP
        assert conn.exec_driver_sql(f"DELETE FROM {table} WHERE grp = 2").rowcount == PER_GROUP
        conn.commit()
    with pytest.raises(sa.exc.ProgrammingError), engine.connect() as conn:
        conn.exec_driver_sql(f"SELECT id FROM missing_{table}")

    # manual database operations: a warehouse scan and a write with bytes
    with track_db_operation("bigquery", "SELECT", database="warehouse") as db:
        db.set_table("events").set_result(rows_returned=7).set_bytes_scanned(4096)
    with track_db_operation("postgresql", "INSERT") as db:
        db.set_table("audit_log").set_result(rows_affected=3, bytes_read=64, bytes_written=512)

    for _ in range(3):
        with track_storage_operation("s3", "PUT", bucket="raw-data") as storage:
            storage.set_result(objects_count=1, bytes_written=1000)
    for _ in range(2):
        with track_storage_operation("s3", "GET", bucket="raw-data") as storage:
            storage.set_result(objects_count=1, bytes_read=250)
    with track_storage_operation("gcs", "LIST") as storage:
        storage.set_bucket("archive").set_result(objects_count=40)
    with pytest.raises(TimeoutError), track_storage_operation("s3", "GET", bucket="raw-data"):
        raise TimeoutError("slow")

    for _ in range(2):
        with track_messaging_operation("kafka", "publish", destination="orders") as msg:
            msg.set_result(message_count=5, bytes_transferred=800)
    with track_messaging_operation("kafka", "consume", destination="orders") as msg:
        msg.set_result(message_count=4, bytes_transferred=300)
    with pytest.raises(ConnectionError), track_messaging_operation("sqs", "publish", destination="alerts"):
        raise ConnectionError("broker down")


def _expected(table: str) -> dict[str, Points]:
    missing = f"missing_{table}"
    return {
        "botanu.data.operations": {
            _db("BATCH", table): 1,
            _db("SELECT", table): 2,
            _db("UPDATE", table): 1,
            _db("DELETE", table): 1,
            _db("SELECT", missing, error="psycopg.errors.UndefinedTable"): 1,
            _db("TRANSACTION"): TRANSACTIONS,
            _db("SELECT", "events", system="bigquery"): 1,
            _db("INSERT", "audit_log"): 1,
        },
        "botanu.data.rows": {
            _db("SELECT", table, direction="returned"): PER_GROUP + 1,  # 10 rows, then one count(*) row
            _db("SELECT", "events", system="bigquery", direction="returned"): 7,
            _db("BATCH", table, direction="affected"): INSERTED,
            _db("UPDATE", table, direction="affected"): PER_GROUP,
            _db("DELETE", table, direction="affected"): PER_GROUP,
            _db("INSERT", "audit_log", direction="affected"): 3,
        },
        "botanu.data.bytes": {
            _db("SELECT", "events", system="bigquery", direction="read"): 4096,  # scanned bytes are read bytes
            _db("SELECT", "events", system="bigquery", direction="scanned"): 4096,
            _db("INSERT", "audit_log", direction="read"): 64,
            _db("INSERT", "audit_log", direction="written"): 512,
        },
        "botanu.storage.operations": {
            _storage("PUT", "raw-data"): 3,
            _storage("GET", "raw-data"): 2,
            _storage("LIST", "archive", system="gcs"): 1,
            _storage("GET", "raw-data", error="TimeoutError"): 1,
        },
        "botanu.storage.bytes": {
            _storage("PUT", "raw-data", direction="written"): 3000,
            _storage("GET", "raw-data", direction="read"): 500,
        },
        "botanu.storage.objects": {
            _storage("PUT", "raw-data"): 3,
            _storage("GET", "raw-data"): 2,
            _storage("LIST", "archive", system="gcs"): 40,
        },
        "botanu.messaging.operations": {
            _messaging("publish", "orders"): 2,
            _messaging("consume", "orders"): 1,
            _messaging("publish", "alerts", system="sqs", error="ConnectionError"): 1,
        },
        "botanu.messaging.messages": {_messaging("publish", "orders"): 10, _messaging("consume", "orders"): 4},
        "botanu.messaging.bytes": {_messaging("publish", "orders"): 1600, _messaging("consume", "orders"): 300},
    }


def _expected_run_totals() -> dict[str, int]:
    return {
        "botanu.run.db.operations": 5 + 1 + TRANSACTIONS + 2,  # statements, the failed one, COMMIT/ROLLBACK, manual
        "botanu.run.data.rows_returned": PER_GROUP + 1 + 7,
        "botanu.run.data.rows_affected": INSERTED + 2 * PER_GROUP + 3,
        "botanu.run.data.bytes_read": 4096 + 64,
        "botanu.run.data.bytes_written": 512,
        "botanu.run.warehouse.bytes_scanned": 4096,
        "botanu.run.storage.operations": 7,
        "botanu.run.storage.bytes_read": 500,
        "botanu.run.storage.bytes_written": 3000,
        "botanu.run.messaging.operations": 4,  # not in the list, but kept alongside storage's
        "botanu.run.messaging.messages": 14,
        "botanu.run.messaging.bytes": 1900,
    }


def _run(url: str, table: str) -> dict[str, float]:
    """The workload inside a use case on a fresh instrumented engine; returns the run's totals."""
    engine = instrument_engine(sa.create_engine(url))
    try:
        with use_case(WORKFLOW) as run:
            _workload(engine, table)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    return run.totals()


def _assert_ground_truth(telemetry: Telemetry, table: str) -> None:
    for name, expected in _expected(table).items():
        assert _points(telemetry, name) == expected, name
    # one duration series per operation series, each a positive total of seconds
    pairs = (("botanu.data.duration", "botanu.data.operations"),
             ("botanu.storage.duration", "botanu.storage.operations"),
             ("botanu.messaging.duration", "botanu.messaging.operations"))
    for duration, operations in pairs:
        seconds = _points(telemetry, duration)
        assert set(seconds) == set(_points(telemetry, operations)), duration
        assert all(value > 0 for value in seconds.values()), duration


# -- the ground truth --------------------------------------------------------------------------------------


def test_every_counter_is_exact_at_zero_percent_sampling(
    telemetry_with: Callable[[Sampler], Telemetry], postgres_url: str, pg_table: str
) -> None:
    telemetry = telemetry_with(ALWAYS_OFF)
    totals = _run(postgres_url, pg_table)

    assert telemetry.spans() == []  # nothing was sampled ...
    assert telemetry.counter.started == 0
    _assert_ground_truth(telemetry, pg_table)  # ... and yet every counter is exact
    assert totals == _expected_run_totals()  # and so are the run's totals


def test_counters_do_not_depend_on_sampling(
    telemetry_with: Callable[[Sampler], Telemetry], postgres_url: str, pg_table: str
) -> None:
    collected: dict[str, dict[str, Points]] = {}
    for label, sampler in (("off", ALWAYS_OFF), ("on", ALWAYS_ON)):
        _truncate(postgres_url, pg_table)
        telemetry = telemetry_with(sampler)
        totals = _run(postgres_url, pg_table)
        _assert_ground_truth(telemetry, pg_table)
        collected[label] = {name: _points(telemetry, name) for name in COUNTERS}

    # identical values for every counter except the measured seconds, which must cover the same series
    for name in COUNTERS:
        if name in DURATIONS:
            assert set(collected["off"][name]) == set(collected["on"][name]), name
        else:
            assert collected["off"][name] == collected["on"][name], name

    # at 100% the run span carries the totals, and the duration counters are the sum of the spans' own durations
    run_span = telemetry.span(f"botanu.run/{WORKFLOW}")
    assert {k: v for k, v in run_span.attributes.items() if k.startswith("botanu.run.")} == \
        _expected_run_totals() == totals
    spans = telemetry.spans()
    for duration, prefix in zip(DURATIONS, ("botanu.data", "botanu.storage", "botanu.messaging"), strict=True):
        own = [s for s in spans if f"{prefix}.duration_ms" in s.attributes]
        assert own, prefix
        from_attributes = sum(s.attributes[f"{prefix}.duration_ms"] for s in own) / 1000.0
        from_sdk = sum(s.end_time - s.start_time for s in own) / 1e9
        counted = telemetry.total(duration)
        assert counted == pytest.approx(from_attributes, rel=1e-9)
        # the SDK's span times bracket the monotonic measurement, a few µs apart per span
        assert counted <= from_sdk + 1e-4 * len(own)
        assert from_sdk - counted <= 1e-3 * len(own)
    assert telemetry.total("botanu.data.operations") == len(
        [s for s in spans if "botanu.data.duration_ms" in s.attributes])


def test_units_and_instrument_kinds(otel: Telemetry) -> None:
    configure(duration_histogram=True)
    with use_case(WORKFLOW):
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table("t").set_result(rows_returned=1, rows_affected=1, bytes_written=1).set_bytes_scanned(1)
        with track_storage_operation("s3", "PUT", bucket="b") as storage:
            storage.set_result(objects_count=1, bytes_read=1, bytes_written=1)
        with track_messaging_operation("sqs", "publish", destination="q") as msg:
            msg.set_result(message_count=1, bytes_transferred=1, billable_requests=1)

    for name, unit in COUNTERS.items():
        metric = _metric(otel, name)
        assert metric is not None, name
        assert metric.unit == unit, name
        assert isinstance(metric.data, Sum), name
        assert metric.data.is_monotonic, name
        assert metric.data.aggregation_temporality is AggregationTemporality.CUMULATIVE, name
        assert metric.data.data_points, name
    histogram = _metric(otel, "db.client.operation.duration")
    assert histogram is not None
    assert histogram.unit == "s"
    assert isinstance(histogram.data, Histogram)
    # collected twice: a cumulative counter reports the same sums, not a second helping
    first = {name: otel.total(name) for name in COUNTERS if name not in DURATIONS}
    assert first == {name: otel.total(name) for name in COUNTERS if name not in DURATIONS}
    assert first["botanu.data.bytes"] == 3  # read (scanned) + written + scanned


def test_counter_points_carry_workflow_only_inside_a_use_case(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT") as db:
        db.set_table("t")
    with use_case(WORKFLOW), track_db_operation("postgresql", "SELECT") as db:
        db.set_table("t")
    assert _points(otel, "botanu.data.operations") == {
        _db("SELECT", "t", workflow=None): 1,
        _db("SELECT", "t"): 1,
    }


# -- the opt-in latency histogram ------------------------------------------------------------------------


def _statements(engine: sa.Engine, table: str, count: int) -> None:
    with engine.connect() as conn:
        for i in range(count):
            conn.exec_driver_sql(f"SELECT id FROM {table} WHERE id = {i}").all()


def test_duration_histogram_is_off_by_default(otel: Telemetry, postgres_url: str, pg_table: str) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False)
    try:
        _statements(engine, pg_table, 4)
        with track_db_operation("postgresql", "SELECT"):
            pass
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert otel.total("botanu.data.operations") == 5
    assert otel.total("botanu.data.duration") > 0
    assert _metric(otel, "db.client.operation.duration") is None


def _histogram_points(telemetry: Telemetry) -> list[Any]:
    metric = _metric(telemetry, "db.client.operation.duration")
    assert metric is not None, "db.client.operation.duration was not recorded"
    assert isinstance(metric.data, Histogram)
    return list(metric.data.data_points)


def test_duration_histogram_per_engine_option(otel: Telemetry, postgres_url: str, pg_table: str) -> None:
    with_histogram = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False,
                                       duration_histogram=True)
    without = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False)
    try:
        _statements(with_histogram, pg_table, 6)
        _statements(without, pg_table, 3)
    finally:
        for engine in (with_histogram, without):
            uninstrument_engine(engine)
            engine.dispose()

    points = _histogram_points(otel)
    assert sum(p.count for p in points) == 6  # one per statement of the opted-in engine only
    assert otel.total("botanu.data.operations") == 9
    for point in points:
        assert list(point.explicit_bounds) == OTEL_DB_BUCKETS
        assert point.attributes["db.system.name"] == "postgresql"
        assert point.attributes["db.operation.name"] == "SELECT"
        assert point.attributes["db.collection.name"] == pg_table
    assert sum(p.sum for p in points) > 0


def test_duration_histogram_package_setting(otel: Telemetry, postgres_url: str, pg_table: str) -> None:
    configure(duration_histogram=True)
    default = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False)
    opted_out = instrument_engine(sa.create_engine(postgres_url), trace_transactions=False, duration_histogram=False)
    try:
        _statements(default, pg_table, 4)
        _statements(opted_out, pg_table, 2)
        for _ in range(3):
            with track_db_operation("postgresql", "SELECT") as db:
                db.set_table("manual")
        with pytest.raises(KeyError), track_db_operation("postgresql", "DELETE") as db:
            db.set_table("manual")
            raise KeyError("gone")
    finally:
        for engine in (default, opted_out):
            uninstrument_engine(engine)
            engine.dispose()

    points = _histogram_points(otel)
    assert sum(p.count for p in points) == 4 + 3 + 1
    by_table = {(p.attributes.get("db.collection.name"), p.attributes.get("error.type")): p.count for p in points}
    assert by_table == {(pg_table, None): 4, ("manual", None): 3, ("manual", "KeyError"): 1}
    assert all(list(p.explicit_bounds) == OTEL_DB_BUCKETS for p in points)
    # the histogram's sum is the same seconds the always-on duration counter adds up (opted-out engine aside)
    opted_out_seconds = sum(v for attributes, v in otel.points("botanu.data.duration")
                            if attributes.get("db.collection.name") == pg_table) - sum(
        p.sum for p in points if p.attributes.get("db.collection.name") == pg_table)
    assert opted_out_seconds > 0
    manual = sum(p.sum for p in points if p.attributes.get("db.collection.name") == "manual")
    assert manual == pytest.approx(otel.total("botanu.data.duration", db__collection__name="manual"), rel=1e-9)


# -- cardinality ----------------------------------------------------------------------------------------------


def test_series_beyond_the_limit_fold_into_one_overflow_series(
    otel: Telemetry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounting, "MAX_SERIES", 3)
    overflow = frozenset({("otel.metric.overflow", True)})
    for i in range(10):
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table(f"table_{i}").set_result(rows_returned=i + 1)
    with track_db_operation("postgresql", "SELECT") as db:  # an existing series keeps counting as itself
        db.set_table("table_0").set_result(rows_returned=100)
    with track_storage_operation("s3", "PUT", bucket="b") as storage:  # new series of another kind overflow too
        storage.set_result(objects_count=2)

    assert _points(otel, "botanu.data.operations") == {
        _db("SELECT", "table_0", workflow=None): 2,
        _db("SELECT", "table_1", workflow=None): 1,
        _db("SELECT", "table_2", workflow=None): 1,
        overflow: 7,
    }
    assert _points(otel, "botanu.data.rows") == {
        _db("SELECT", "table_0", direction="returned", workflow=None): 101,
        _db("SELECT", "table_1", direction="returned", workflow=None): 2,
        _db("SELECT", "table_2", direction="returned", workflow=None): 3,
        overflow | {("botanu.data.direction", "returned")}: sum(range(4, 11)),
    }
    assert _points(otel, "botanu.storage.operations") == {overflow: 1}
    assert _points(otel, "botanu.storage.objects") == {overflow: 2}
    assert otel.total("botanu.data.operations") == 11  # nothing lost, only folded


# -- the lock-free add ------------------------------------------------------------------------------------------


def test_concurrent_adds_are_exact_and_the_queue_stays_bounded() -> None:
    """Adds append to a queue without a lock and the adding thread folds it now and then: 8 threads adding
    while another thread keeps reading must lose nothing, and the queue must stay bounded."""
    import sys
    import threading

    accountant = accounting.Accountant(None)
    ledger = accounting.DB_LEDGER
    attributes = (("db.system", "postgresql"),)
    series = accountant.series(ledger, attributes)
    threads_count, adds = 8, 6 * accounting.FOLD_AT
    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can, to interleave the adds
    start = threading.Barrier(threads_count + 1)
    done = threading.Event()
    longest: list[int] = []
    reads: list[float] = []

    def add(worker: int) -> None:
        start.wait()
        for i in range(adds):
            # ragged values: some stop after the duration, like operations without a result
            if i % 2:
                series.add((1, 0.5, worker, i % 3))
            else:
                series.add((1, 0.5))
            longest.append(len(series.timed))

    def read() -> None:
        start.wait()
        while not done.is_set():
            reads.append(accountant.snapshot(ledger.kind)[0][1][0])

    workers = [threading.Thread(target=add, args=(w,)) for w in range(threads_count)]
    reader = threading.Thread(target=read)
    try:
        for thread in [*workers, reader]:
            thread.start()
        for thread in workers:
            thread.join(timeout=120)
        done.set()
        reader.join(timeout=30)
    finally:
        sys.setswitchinterval(old_interval)

    ((snapshot_attributes, values),) = accountant.snapshot(ledger.kind)
    assert snapshot_attributes == dict(attributes)
    total = threads_count * adds
    assert values[0] == total
    assert values[1] == pytest.approx(0.5 * total)
    assert values[2] == sum(w * (adds // 2) for w in range(threads_count))
    assert values[3] == threads_count * sum(i % 3 for i in range(1, adds, 2))
    assert not any(values[4:])  # bytes read, written, scanned, billed: none added
    assert not series.timed and not any(series.results)  # a read folds everything added before it
    # (appends after the check in other threads while one waits for the lock: a few per thread)
    assert max(longest) <= accounting.MAX_PENDING + threads_count * 8, max(longest)
    assert reads == sorted(reads) and reads[-1] <= total  # the reader saw the sums only grow
