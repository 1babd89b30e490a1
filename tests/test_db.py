"""DBTracker, track_db_operation, set_data_metrics and set_warehouse_metrics: the seed's database API."""

from __future__ import annotations

import pytest
from conftest import Telemetry
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, SpanKind

from botanu_data import DBOperation, DBTracker, set_data_metrics, set_warehouse_metrics, track_db_operation

# The seed's "Database Spans" table, exact names.
SEED_DB_ATTRIBUTES = (
    "db.system", "db.operation", "db.name", "db.collection.name", "botanu.vendor",
    "botanu.data.rows_returned", "botanu.data.rows_affected", "botanu.data.bytes_read", "botanu.data.bytes_written",
    "botanu.warehouse.query_id", "botanu.warehouse.bytes_scanned",
)


def test_every_seed_db_attribute_with_its_exact_name(otel: Telemetry) -> None:
    with track_db_operation(system="postgres", operation=DBOperation.SELECT, database="shop") as db:
        db.set_table("users", schema="public")
        db.set_result(rows_returned=100, rows_affected=5, bytes_read=10240, bytes_written=2048)
        db.set_query_id("01abc-def")
        db.set_bytes_scanned(1073741824)
    span = otel.span("SELECT users")
    attributes = span.attributes
    assert span.kind is SpanKind.CLIENT
    assert {
        key: attributes[key] for key in SEED_DB_ATTRIBUTES
    } == {
        "db.system": "postgresql",
        "db.operation": "SELECT",
        "db.name": "shop",
        "db.collection.name": "users",
        "botanu.vendor": "postgresql",
        "botanu.data.rows_returned": 100,
        "botanu.data.rows_affected": 5,
        "botanu.data.bytes_read": 1073741824,  # set_bytes_scanned is the operation's bytes read too
        "botanu.data.bytes_written": 2048,
        "botanu.warehouse.query_id": "01abc-def",
        "botanu.warehouse.bytes_scanned": 1073741824,
    }
    # the stable OpenTelemetry names alongside
    assert attributes["db.system.name"] == "postgresql"
    assert attributes["db.operation.name"] == "SELECT"
    assert attributes["db.namespace"] == "shop"
    assert attributes["db.schema"] == "public"
    assert attributes["botanu.data.duration_ms"] >= 0.0


def test_python_attributes_mirror_the_span(otel: Telemetry) -> None:
    with track_db_operation("Snowflake", "select", database="wh") as db:
        assert isinstance(db, DBTracker)
        db.set_table("events", schema="raw").set_query_id("q-9").set_result(rows_returned=3, rows_affected=1)
        db.set_result(bytes_written=8)
        db.set_bytes_scanned(4096)
    assert (db.system, db.vendor, db.operation, db.database) == ("snowflake", "snowflake", "SELECT", "wh")
    assert (db.table, db.schema, db.query_id) == ("events", "raw", "q-9")
    assert (db.rows_returned, db.rows_affected, db.bytes_written) == (3, 1, 8)
    assert db.bytes_scanned == db.bytes_read == 4096
    assert db.error is None


def test_set_result_records_only_values_above_zero(otel: Telemetry) -> None:
    with track_db_operation("mysql", "UPDATE") as db:
        db.set_result(rows_returned=0, rows_affected=5, bytes_read=0, bytes_written=0)
    attributes = otel.span("UPDATE").attributes
    assert attributes["botanu.data.rows_affected"] == 5
    for absent in ("botanu.data.rows_returned", "botanu.data.bytes_read", "botanu.data.bytes_written"):
        assert absent not in attributes
    assert db.rows_returned == 0


def test_optional_attributes_absent_when_not_given(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT"):
        pass
    attributes = otel.span("SELECT").attributes
    for absent in ("db.name", "db.namespace", "db.collection.name", "db.schema", "botanu.warehouse.query_id",
                   "botanu.warehouse.bytes_scanned", "botanu.data.rows_returned"):
        assert absent not in attributes


@pytest.mark.parametrize(
    ("operation", "expected"),
    [("select", "SELECT"), ("Insert", "INSERT"), (DBOperation.UPSERT, "UPSERT"), ("vacuum", "VACUUM")],
)
def test_operation_strings_are_upper_cased(otel: Telemetry, operation: str, expected: str) -> None:
    with track_db_operation("postgresql", operation) as db:
        pass
    assert db.operation == expected
    attributes = otel.span(expected).attributes
    assert attributes["db.operation"] == attributes["db.operation.name"] == expected


def test_db_operation_constants_exactly_as_the_seed() -> None:
    names = ("SELECT", "INSERT", "UPDATE", "DELETE", "UPSERT", "MERGE", "CREATE", "DROP", "ALTER", "INDEX",
             "TRANSACTION", "BATCH")
    for name in names:
        assert getattr(DBOperation, name) == name


def test_span_name_follows_otel_and_updates_when_table_set_later(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "select") as db:
        assert db.span.name == "SELECT"  # no target yet: the operation alone
        db.set_table("users")
        assert db.span.name == "SELECT users"
    with track_db_operation("postgresql", "DELETE"):
        pass
    names = sorted(s.name for s in otel.spans())
    assert names == ["DELETE", "SELECT users"]


def test_set_table_schema_only_when_given(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "INSERT") as db:
        db.set_table("orders")
    attributes = otel.span("INSERT orders").attributes
    assert attributes["db.collection.name"] == "orders"
    assert "db.schema" not in attributes
    assert db.schema is None


def test_counters_and_tracker_agree(otel: Telemetry) -> None:
    for rows in (2, 3):
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table("users").set_result(rows_returned=rows)
    assert otel.total("botanu.data.operations", db__system="postgresql", db__collection__name="users") == 2
    assert otel.total("botanu.data.rows", botanu__data__direction="returned") == 5


# -- set_data_metrics / set_warehouse_metrics -------------------------------------------------------------


def test_set_data_metrics_on_the_current_span(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("custom-query"):
        set_data_metrics(rows_returned=100, rows_affected=5, bytes_read=10240, bytes_written=2048, objects_count=10)
    attributes = otel.span("custom-query").attributes
    assert {k: attributes[k] for k in attributes if k.startswith("botanu.data.")} == {
        "botanu.data.rows_returned": 100,
        "botanu.data.rows_affected": 5,
        "botanu.data.bytes_read": 10240,
        "botanu.data.bytes_written": 2048,
        "botanu.data.objects_count": 10,
    }


def test_set_data_metrics_on_a_given_span_not_the_current_one(otel: Telemetry) -> None:
    target = otel.tracer.start_span("background")
    with otel.tracer.start_as_current_span("current"):
        set_data_metrics(rows_affected=7, span=target)
    target.end()
    assert otel.span("background").attributes["botanu.data.rows_affected"] == 7
    assert "botanu.data.rows_affected" not in otel.span("current").attributes


def test_set_data_metrics_inside_a_tracker_updates_it(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT") as db:
        set_data_metrics(rows_returned=12, bytes_read=64)
    assert (db.rows_returned, db.bytes_read) == (12, 64)
    assert otel.span("SELECT").attributes["botanu.data.rows_returned"] == 12
    assert otel.total("botanu.data.rows", botanu__data__direction="returned") == 12


def test_set_data_metrics_skips_zero_and_bad_values(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("s"):
        set_data_metrics(rows_returned=0, rows_affected=-1, bytes_read="x", bytes_written=3)  # type: ignore[arg-type]
    attributes = otel.span("s").attributes
    assert attributes["botanu.data.bytes_written"] == 3
    assert not {"botanu.data.rows_returned", "botanu.data.rows_affected", "botanu.data.bytes_read"} & set(attributes)


def test_set_warehouse_metrics_on_the_current_span(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("bq-job"):
        set_warehouse_metrics(query_id="01abc", bytes_scanned=1073741824, rows_returned=1000, partitions_scanned=5)
    attributes = otel.span("bq-job").attributes
    assert attributes["botanu.warehouse.query_id"] == "01abc"
    assert attributes["botanu.warehouse.bytes_scanned"] == 1073741824
    assert attributes["botanu.data.rows_returned"] == 1000
    assert attributes["botanu.warehouse.partitions_scanned"] == 5


def test_set_warehouse_metrics_on_a_given_span_and_tracker(otel: Telemetry) -> None:
    other = otel.tracer.start_span("other")
    with track_db_operation("bigquery", "SELECT") as db:
        set_warehouse_metrics(query_id="job-1", bytes_scanned=2048)
        set_warehouse_metrics(partitions_scanned=3, span=other)
    other.end()
    assert (db.query_id, db.bytes_scanned) == ("job-1", 2048)
    attributes = otel.span("SELECT").attributes
    assert attributes["botanu.warehouse.query_id"] == "job-1"
    assert "botanu.warehouse.partitions_scanned" not in attributes
    assert otel.span("other").attributes["botanu.warehouse.partitions_scanned"] == 3


def test_helpers_are_no_ops_without_a_recording_span(otel: Telemetry) -> None:
    assert not trace.get_current_span().is_recording()
    set_data_metrics(rows_returned=1)  # no current span at all: nothing happens, nothing raises
    set_warehouse_metrics(query_id="q", bytes_scanned=1)
    dropped = NonRecordingSpan(SpanContext(trace_id=1, span_id=2, is_remote=False))
    set_data_metrics(rows_returned=1, span=dropped)
    set_warehouse_metrics(query_id="q", span=dropped)
    assert otel.spans() == []
    assert otel.points("botanu.data.rows") == []
