"""Warehouse adapters: each statement's query id and cost figures, read from the vendor's real driver, on its span
and in the exact counters.

- Athena: PyAthena's SQLAlchemy dialect against moto's real HTTP server (moto answers GetQueryExecution with
  zero statistics, so a test gives its answer the figures a real Athena reports).
- BigQuery: google-cloud-bigquery's client and sqlalchemy-bigquery's dialect against a local HTTP server
  answering the documented REST shapes (``jobs.query``); ``..._local_endpoint...`` in the test names.
- Snowflake: snowflake-connector-python and snowflake-sqlalchemy against a local HTTP server answering its REST
  protocol (``login-request``, ``query-request``); ``..._local_endpoint...`` in the test names.
- Databricks: databricks-sql-connector (its SQL Statement Execution REST backend, ``use_sea=True``) and
  databricks-sqlalchemy against a local HTTP server; not in the test extra (it pulls pandas and pyarrow).
- Snowflake and Databricks adapters also run on the drivers' real cursor classes with the attributes their
  execute sets, for what a server would have to misbehave for.
Optional drivers missing from the environment skip these tests (a plain importorskip: they are drivers, not
services, so BOTANU_TEST_REQUIRE_SERVICES does not make them failures).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import sqlalchemy as sa
from _services import moto_server
from conftest import Telemetry, install_telemetry

from botanu_data import instrument_engine, uninstrument_engine, use_case
from botanu_data.db import DBTracker
from botanu_data.engine import _instrumented
from botanu_data.integrations.warehouses import (
    AthenaAdapter,
    BigQueryAdapter,
    DatabricksAdapter,
    SnowflakeAdapter,
    adapter_for,
)
from botanu_data.providers import reset_configuration

ATHENA_STATISTICS = {  # what GetQueryExecution reports for a real query (moto's are all zero)
    "EngineExecutionTimeInMillis": 4321, "DataScannedInBytes": 987_654_321, "TotalExecutionTimeInMillis": 5000,
    "QueryQueueTimeInMillis": 12, "ServicePreProcessingTimeInMillis": 3, "QueryPlanningTimeInMillis": 40,
    "ServiceProcessingTimeInMillis": 9, "ResultReuseInformation": {"ReusedPreviousResult": False},
}


def _bytes(otel: Telemetry, direction: str, **match: object) -> float:
    return otel.total("botanu.data.bytes", botanu__data__direction=direction, **match)


# -- Athena: PyAthena against moto's server --------------------------------------------------------------------


@pytest.fixture
def athena_url() -> Iterator[str]:
    pytest.importorskip("pyathena.sqlalchemy")
    with moto_server() as url:
        yield url


def _athena_engine(endpoint: str) -> sa.Engine:
    return sa.create_engine(
        "awsathena+rest://testing:testing@athena.us-east-1.amazonaws.com:443/analytics",
        connect_args={"s3_staging_dir": "s3://athena-results/botanu/", "endpoint_url": endpoint,
                      "region_name": "us-east-1", "poll_interval": 0.01},
    )


@pytest.fixture
def athena_statistics(monkeypatch: pytest.MonkeyPatch, athena_url: str) -> dict[str, Any]:
    """moto's server (in this process) answers GetQueryExecution with a real query's statistics."""
    from moto.athena.responses import AthenaResponse

    original = AthenaResponse.get_query_execution
    statistics = dict(ATHENA_STATISTICS)

    def get_query_execution(self: Any) -> str:
        answer = json.loads(original(self))
        answer["QueryExecution"]["Statistics"] = statistics
        return json.dumps(answer)

    monkeypatch.setattr(AthenaResponse, "get_query_execution", get_query_execution)
    return statistics


def test_athena_query_id_bytes_scanned_and_engine_time_from_pyathena(
    athena_url: str, athena_statistics: dict[str, Any], otel: Telemetry
) -> None:
    engine = instrument_engine(_athena_engine(athena_url))
    try:
        with use_case("nightly report"), engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT day, count(*) FROM events WHERE day = :day GROUP BY day"),
                                {"day": "2026-12-01"}).fetchall()
        assert isinstance(_instrumented[engine].adapter, AthenaAdapter)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert rows == []
    span = otel.span("SELECT events")
    attributes = span.attributes
    assert len(attributes["botanu.warehouse.query_id"]) == 36  # Athena's QueryExecutionId, a UUID
    assert attributes["botanu.warehouse.bytes_scanned"] == 987_654_321
    assert attributes["botanu.data.bytes_read"] == 987_654_321
    assert attributes["botanu.warehouse.engine_ms"] == 4321
    assert attributes["botanu.warehouse.cache_hit"] is False
    assert "botanu.warehouse.bytes_billed" not in attributes  # Athena reports no billed figure
    assert attributes["db.system"] == "athena" and attributes["botanu.workflow"] == "nightly report"
    # exact counters per vendor / table / workflow
    assert _bytes(otel, "scanned", botanu__vendor="athena", db__collection__name="events",
                  botanu__workflow="nightly report") == 987_654_321
    assert _bytes(otel, "billed", botanu__vendor="athena") == 0


def test_athena_counters_are_exact_when_no_span_is_sampled(
    athena_url: str, athena_statistics: dict[str, Any]
) -> None:
    from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

    otel = install_telemetry(ALWAYS_OFF)
    engine = instrument_engine(_athena_engine(athena_url))
    try:
        with engine.connect() as conn:
            for _ in range(3):
                conn.execute(sa.text("SELECT * FROM events"))
        assert otel.spans() == []
        assert _bytes(otel, "scanned", botanu__vendor="athena", db__collection__name="events") == 3 * 987_654_321
    finally:
        uninstrument_engine(engine)
        engine.dispose()
        reset_configuration()


def test_athena_zero_statistics_give_a_span_without_figures(athena_url: str, otel: Telemetry) -> None:
    engine = instrument_engine(_athena_engine(athena_url))  # moto's own answer: every statistic is 0
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT * FROM events"))
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    attributes = otel.span("SELECT events").attributes
    assert "botanu.warehouse.query_id" in attributes
    assert not {"botanu.warehouse.bytes_scanned", "botanu.warehouse.engine_ms"} & set(attributes)


# -- BigQuery: the real client and dialect against a local REST endpoint ----------------------------------------


class _JsonEndpoint(BaseHTTPRequestHandler):
    """A local HTTP server's handler speaking JSON: each request is recorded on ``server.requests`` as (method,
    path, body) and answered by ``answer`` with (status, body)."""

    server: Any

    def log_message(self, *args: Any) -> None:
        pass

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if self.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        path = self.path.split("?")[0]
        body = json.loads(raw) if raw else None
        self.server.requests.append((method, path, body))
        status, answer = self.answer(method, path, body)
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - http.server's names
        self._handle("POST")

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_DELETE(self) -> None:  # noqa: N802
        self._handle("DELETE")

    def answer(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        raise NotImplementedError


@contextlib.contextmanager
def _serving(handler: type[_JsonEndpoint], **state: Any) -> Iterator[Any]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: never collides
    server.requests = []
    for name, value in state.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _BigQueryEndpoint(_JsonEndpoint):
    """Answers ``jobs.query`` (POST .../projects/{project}/queries) with ``server.answer``; anything else 404."""

    def answer(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        if method == "POST" and path.endswith("/queries"):
            return 200, self.server.answer
        return 404, {"error": {"code": 404, "message": "not served here"}}


def _query_response(**overrides: Any) -> dict[str, Any]:
    """A jobs.query QueryResponse as documented (int64 fields are JSON strings)."""
    answer = {
        "kind": "bigquery#queryResponse",
        "schema": {"fields": [{"name": "n", "type": "INTEGER", "mode": "NULLABLE"}]},
        "jobReference": {"projectId": "botanu-test", "jobId": "job_Wm9Yk3", "location": "US"},
        "totalRows": "2", "rows": [{"f": [{"v": "1"}]}, {"f": [{"v": "2"}]}],
        "totalBytesProcessed": "1048576", "totalBytesBilled": "10485760", "totalSlotMs": "1500",
        "jobComplete": True, "cacheHit": False, "queryId": "query_abc",
    }
    answer.update(overrides)
    return {key: value for key, value in answer.items() if value is not None}


@pytest.fixture
def bigquery_endpoint() -> Iterator[Any]:
    pytest.importorskip("sqlalchemy_bigquery")
    with _serving(_BigQueryEndpoint, answer=_query_response()) as server:
        yield server


def _bigquery_engine(server: Any, **client_options: Any) -> sa.Engine:
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    client = bigquery.Client(
        project="botanu-test", credentials=AnonymousCredentials(),
        client_options={"api_endpoint": f"http://127.0.0.1:{server.server_address[1]}"}, **client_options,
    )
    return sa.create_engine("bigquery://botanu-test/sales?user_supplied_client=True", connect_args={"client": client})


@pytest.mark.filterwarnings("ignore:Cannot create BigQuery Storage client")
def test_bigquery_local_endpoint_job_id_bytes_slots_and_cache_without_a_jobs_get(
    bigquery_endpoint: Any, otel: Telemetry
) -> None:
    engine = instrument_engine(_bigquery_engine(bigquery_endpoint))
    try:
        with use_case("daily revenue"), engine.connect() as conn:
            assert conn.execute(sa.text("SELECT n FROM sales.orders")).fetchall() == [(1,), (2,)]
        assert isinstance(_instrumented[engine].adapter, BigQueryAdapter)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    attributes = otel.span("SELECT sales.orders").attributes
    assert attributes["botanu.warehouse.query_id"] == "job_Wm9Yk3"  # INFORMATION_SCHEMA.JOBS.job_id
    assert attributes["botanu.warehouse.bytes_scanned"] == 1_048_576
    assert attributes["botanu.warehouse.bytes_billed"] == 10_485_760
    assert attributes["botanu.warehouse.slot_ms"] == 1500
    assert attributes["botanu.warehouse.cache_hit"] is False
    assert attributes["botanu.data.rows_returned"] == 2
    # one request per statement: the figures came with jobs.query's answer, no jobs.get (cursor.query_job)
    assert [(method, path) for method, path, _ in bigquery_endpoint.requests] == [
        ("POST", "/bigquery/v2/projects/botanu-test/queries")]
    assert "labels" not in bigquery_endpoint.requests[0][2]  # tagging is opt-in
    match = {"botanu__vendor": "bigquery", "db__collection__name": "sales.orders", "botanu__workflow": "daily revenue"}
    assert _bytes(otel, "scanned", **match) == 1_048_576
    assert _bytes(otel, "billed", **match) == 10_485_760


@pytest.mark.filterwarnings("ignore:Cannot create BigQuery Storage client")
def test_bigquery_local_endpoint_cached_jobless_answer_lacking_figures(bigquery_endpoint: Any, otel: Telemetry) -> None:
    # a cached, jobless (JOB_CREATION_OPTIONAL) answer: no job id, no bytes billed or slots
    bigquery_endpoint.answer = _query_response(
        jobReference={"projectId": "botanu-test", "location": "US"}, totalBytesBilled=None, totalSlotMs=None,
        totalBytesProcessed="0", cacheHit=True,
    )
    engine = instrument_engine(_bigquery_engine(bigquery_endpoint))
    try:
        with engine.connect() as conn:
            assert len(conn.execute(sa.text("SELECT n FROM sales.orders")).fetchall()) == 2
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    attributes = otel.span("SELECT sales.orders").attributes
    assert attributes["botanu.warehouse.query_id"] == "query_abc"
    assert attributes["botanu.warehouse.cache_hit"] is True
    assert not {"botanu.warehouse.bytes_scanned", "botanu.warehouse.bytes_billed", "botanu.warehouse.slot_ms"} & set(
        attributes)


@pytest.mark.filterwarnings("ignore:Cannot create BigQuery Storage client")
def test_bigquery_local_endpoint_job_labels_keep_the_applications_own(bigquery_endpoint: Any, otel: Telemetry) -> None:
    from google.cloud.bigquery import QueryJobConfig

    default = QueryJobConfig(labels={"team": "finance"})
    engine = instrument_engine(_bigquery_engine(bigquery_endpoint, default_query_job_config=default), tag_queries=True)
    try:
        with use_case("GET /reports/{id}") as run, engine.connect() as conn:
            conn.execute(sa.text("SELECT n FROM sales.orders"))
            own = QueryJobConfig(labels={"report": "q4"}, maximum_bytes_billed=10**9)
            conn.execution_options(job_config=own).execute(sa.text("SELECT n FROM sales.orders"))
            run_id = run.run_id
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT n FROM sales.orders"))  # outside a use case: no botanu labels
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    bodies = [body for _, _, body in bigquery_endpoint.requests]
    ours = {"botanu_workflow": "get__reports__id_", "botanu_run_id": run_id}
    assert bodies[0]["labels"] == {"team": "finance", **ours}
    assert bodies[1]["labels"] == {"team": "finance", "report": "q4", **ours}
    assert bodies[1]["maximumBytesBilled"] == "1000000000"  # the application's config is otherwise unchanged
    assert own.labels == {"report": "q4"}  # and not modified
    assert bodies[2]["labels"] == {"team": "finance"}
    assert len(run_id) == 36 and run_id == run_id.lower()


# -- Snowflake: the real connector and dialect against a local endpoint -----------------------------------------


def _snowflake_result(query_id: str, columns: list[str], rows: list[list[str]], kind: str = "text") -> dict[str, Any]:
    """A query-request answer (``queryResultFormat`` json: the rowset as strings, as Snowflake sends it)."""
    rowtype = [{"name": name, "type": kind, "nullable": True, "scale": 0 if kind == "fixed" else None,
                "precision": 38 if kind == "fixed" else None, "length": None if kind == "fixed" else 100,
                "byteLength": None if kind == "fixed" else 400} for name in columns]
    return {"data": {"queryId": query_id, "rowtype": rowtype, "rowset": rows, "total": len(rows),
                     "returned": len(rows), "queryResultFormat": "json", "parameters": [],
                     "statementTypeId": 4096},  # 0x1000: a SELECT (the connector counts its rows)
            "code": None, "message": None, "success": True}


class _SnowflakeEndpoint(_JsonEndpoint):
    """Snowflake's REST protocol as the connector speaks it: login-request, then one query-request per
    statement (answered by its text: the dialect's version and schema questions, else ``server.rows``)."""

    def answer(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        if path.endswith("/login-request"):
            return 200, {"data": {"token": "session-token", "masterToken": "master-token", "validityInSeconds": 3600,
                                  "masterValidityInSeconds": 14400, "sessionId": 1, "parameters": [],
                                  "sessionInfo": {"databaseName": "DB", "schemaName": "PUBLIC"}},
                         "code": None, "message": None, "success": True}
        if not path.endswith("/query-request"):
            return 200, {"data": {}, "code": None, "message": None, "success": True}
        sql = body["sqlText"].lower()
        query_id = f"01b9c3a2-0000-4f2e-0000-{len(self.server.requests):012d}"
        if "current_version" in sql:
            return 200, _snowflake_result(query_id, ["V"], [["9.1.0"]])
        if "current_database" in sql:
            return 200, _snowflake_result(query_id, ["D", "S"], [["DB", "PUBLIC"]])
        return 200, _snowflake_result(query_id, ["N"], self.server.rows, "fixed")


@pytest.fixture
def snowflake_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    pytest.importorskip("snowflake.sqlalchemy")
    # the connector's core otherwise asks the EC2 metadata endpoint for a region (no network here)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with _serving(_SnowflakeEndpoint, rows=[["1"], ["2"], ["3"]]) as server:
        yield server


def _snowflake_engine(server: Any) -> sa.Engine:
    return sa.create_engine("snowflake://user:secret@acct-xy/DB/PUBLIC", connect_args={
        "host": "127.0.0.1", "port": server.server_address[1], "protocol": "http", "login_timeout": 10,
        "request_timeout": 10, "enable_server_session_keep_alive_auto_detection": False,
    })


def _statements(server: Any) -> list[str]:
    return [body["sqlText"] for _, path, body in server.requests if path.endswith("/query-request")]


def test_snowflake_local_endpoint_query_id_and_rows(snowflake_endpoint: Any, otel: Telemetry) -> None:
    engine = instrument_engine(_snowflake_engine(snowflake_endpoint))
    try:
        with use_case("nightly"), engine.connect() as conn:
            assert conn.execute(sa.text("SELECT n FROM orders")).fetchall() == [(1,), (2,), (3,)]
        assert isinstance(_instrumented[engine].adapter, SnowflakeAdapter)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    statements = _statements(snowflake_endpoint)
    assert not [s for s in statements if "QUERY_TAG" in s]  # tagging is opt-in
    position = [i for i, (_, path, body) in enumerate(snowflake_endpoint.requests)
                if path.endswith("/query-request") and body["sqlText"] == "SELECT n FROM orders"]
    attributes = otel.span("SELECT orders").attributes
    assert attributes["botanu.warehouse.query_id"] == f"01b9c3a2-0000-4f2e-0000-{position[0] + 1:012d}"
    assert attributes["botanu.data.rows_returned"] == 3
    assert attributes["db.system"] == "snowflake" and attributes["botanu.workflow"] == "nightly"
    assert otel.total("botanu.data.operations", botanu__vendor="snowflake", db__collection__name="orders") == 1


def test_snowflake_local_endpoint_query_tag_is_set_only_when_the_workflow_changes(
    snowflake_endpoint: Any, otel: Telemetry
) -> None:
    engine = instrument_engine(_snowflake_engine(snowflake_endpoint), tag_queries=True)
    try:
        with engine.connect() as conn:
            with use_case("GET /orders/{id}"):
                for _ in range(3):
                    conn.execute(sa.text("SELECT n FROM orders"))
            with use_case("nightly"):
                conn.execute(sa.text("SELECT n FROM orders"))
            with use_case('résumé "ü" ✓'):  # non-ASCII and JSON escapes reach the server readable and whole
                conn.execute(sa.text("SELECT n FROM orders"))
            conn.execute(sa.text("SELECT n FROM orders"))  # outside a use case
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    tags = [s for s in _statements(snowflake_endpoint) if "QUERY_TAG" in s]
    assert tags == [
        """ALTER SESSION SET QUERY_TAG = '{"botanu_workflow": "GET /orders/{id}"}'""",
        """ALTER SESSION SET QUERY_TAG = '{"botanu_workflow": "nightly"}'""",
        """ALTER SESSION SET QUERY_TAG = '{"botanu_workflow": "résumé \\\\"ü\\\\" ✓"}'""",
        "ALTER SESSION UNSET QUERY_TAG",
    ]
    assert len(otel.spans("SELECT orders")) == 6  # the tagger's own statements are not the application's


# -- Databricks: the real connector (its SEA REST backend) and dialect against a local endpoint -----------------


class _DatabricksEndpoint(_JsonEndpoint):
    """The SQL Statement Execution API: a session, then one statement answered inline (JSON_ARRAY)."""

    def answer(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        if method == "POST" and path.endswith("/sql/sessions"):
            return 200, {"session_id": "01ef-session"}
        if method == "POST" and path.endswith("/sql/statements"):
            rows = self.server.rows
            return 200, {
                "statement_id": "01ef6a3b-statement-0042", "status": {"state": "SUCCEEDED"},
                "manifest": {"format": "JSON_ARRAY", "total_row_count": len(rows), "total_chunk_count": 1,
                             "truncated": False,
                             "chunks": [{"chunk_index": 0, "row_offset": 0, "row_count": len(rows)}],
                             "schema": {"column_count": 1, "columns": [
                                 {"name": "n", "type_name": "INT", "type_text": "INT", "position": 0}]}},
                "result": {"chunk_index": 0, "row_offset": 0, "row_count": len(rows), "data_array": rows},
            }
        return 200, {}


def test_databricks_local_endpoint_statement_id(otel: Telemetry) -> None:
    pytest.importorskip("databricks.sqlalchemy")
    with _serving(_DatabricksEndpoint, rows=[["1"], ["2"]]) as server:
        engine = instrument_engine(sa.create_engine(
            "databricks://token:dapi-secret@localhost?http_path=/sql/1.0/warehouses/abc&catalog=main&schema=sales",
            # use_sea: the connector's REST backend, which a local HTTP server can answer (Thrift is the default)
            connect_args={"server_hostname": "http://127.0.0.1", "port": server.server_address[1], "use_sea": True,
                          "enable_telemetry": False},
        ))
        try:
            with use_case("nightly"), engine.connect() as conn:
                assert conn.execute(sa.text("SELECT n FROM orders")).fetchall() == [(1,), (2,)]
            assert isinstance(_instrumented[engine].adapter, DatabricksAdapter)
        finally:
            uninstrument_engine(engine)
            engine.dispose()
        statements = [body["statement"] for method, path, body in server.requests if path.endswith("/statements")]
    assert statements == ["SELECT n FROM orders"]
    attributes = otel.span("SELECT orders").attributes
    assert attributes["botanu.warehouse.query_id"] == "01ef6a3b-statement-0042"  # system.query.history's statement_id
    assert attributes["db.system"] == "databricks" and attributes["botanu.workflow"] == "nightly"


# -- the drivers' real cursor classes, directly ---------------------------------------------------------------


def _snowflake_cursor(**result: Any) -> Any:
    pytest.importorskip("snowflake.sqlalchemy")
    from snowflake.connector._internal.cursor.query_result import QueryResult
    from snowflake.connector.cursor import SnowflakeCursor

    cursor = SnowflakeCursor(None)  # what execute() leaves on the cursor: the statement's QueryResult
    cursor._query_result = QueryResult(**result)
    return cursor


def _through_a_tracker(adapter: Any, cursor: Any, system: str, counts: tuple[int, ...] = ()) -> None:
    """What the engine hook does after execute, on a tracker: the adapter's figures, then the end."""
    tracker = DBTracker(system, "SELECT", target="orders").start()
    adapter.record(tracker, cursor).end_prepared(counts)


def test_snowflake_real_cursor_class_query_id(otel: Telemetry) -> None:
    cursor = _snowflake_cursor(sfqid="01b9c3a2-0000-4f2e-0000-00010d2e61c5", rowcount=3)
    assert cursor.sfqid == "01b9c3a2-0000-4f2e-0000-00010d2e61c5"  # the driver's own property
    _through_a_tracker(SnowflakeAdapter(), cursor, "snowflake", (3, 0))
    attributes = otel.span("SELECT orders").attributes
    assert attributes["botanu.warehouse.query_id"] == "01b9c3a2-0000-4f2e-0000-00010d2e61c5"
    assert attributes["botanu.data.rows_returned"] == 3
    assert "botanu.warehouse.bytes_scanned" not in attributes  # the query result carries no byte counts


def test_snowflake_cursor_before_any_statement_gives_a_plain_span(otel: Telemetry) -> None:
    _through_a_tracker(SnowflakeAdapter(), _snowflake_cursor(), "snowflake")
    assert not [k for k in otel.span("SELECT orders").attributes if k.startswith("botanu.warehouse.")]


def test_a_snowflake_engine_gets_its_adapter_without_connecting() -> None:
    pytest.importorskip("snowflake.sqlalchemy")
    engine = instrument_engine(sa.create_engine("snowflake://user:secret@acct-xy/analytics/public"))
    try:
        assert isinstance(_instrumented[engine].adapter, SnowflakeAdapter)
        assert _instrumented[engine].base["botanu.vendor"] == "snowflake"
    finally:
        uninstrument_engine(engine)


def test_databricks_real_cursor_class_query_id(otel: Telemetry) -> None:
    pytest.importorskip("databricks.sqlalchemy")
    from databricks.sql.backend.types import CommandId
    from databricks.sql.client import Cursor

    cursor = Cursor.__new__(Cursor)  # the attributes execute() leaves: the command it ran
    cursor.active_command_id = CommandId.from_sea_statement_id("01ef-6a3b-statement-id")
    cursor.rowcount = -1
    _through_a_tracker(DatabricksAdapter(), cursor, "databricks")
    assert otel.span("SELECT orders").attributes["botanu.warehouse.query_id"] == cursor.query_id
    engine = sa.create_engine("databricks://token:secret@example.cloud.databricks.com?http_path=/sql/1&catalog=main")
    assert isinstance(adapter_for(engine.dialect), DatabricksAdapter)


# -- no adapter elsewhere; faults never reach the application -------------------------------------------------


def test_other_dialects_get_no_adapter(postgres_url: str) -> None:
    for url in ("sqlite://", postgres_url):
        engine = instrument_engine(sa.create_engine(url))
        try:
            assert _instrumented[engine].adapter is None
        finally:
            uninstrument_engine(engine)
            engine.dispose()
    redshift = pytest.importorskip("sqlalchemy_redshift")
    assert redshift is not None
    engine = sa.create_engine("redshift+redshift_connector://u:p@example.redshift.amazonaws.com:5439/dev")
    assert adapter_for(engine.dialect) is None  # pg_last_query_id() costs a round trip: opt-in only
    assert adapter_for(engine.dialect, redshift_query_id=True) is not None


class _BrokenCursor:
    @property
    def sfqid(self) -> str:
        raise RuntimeError("driver bug")


def test_a_driver_fault_gives_a_span_without_figures(otel: Telemetry, caplog: Any) -> None:
    _through_a_tracker(SnowflakeAdapter(), _BrokenCursor(), "snowflake")
    span = otel.span("SELECT orders")
    assert "botanu.warehouse.query_id" not in span.attributes and span.end_time is not None
    assert "SnowflakeAdapter.figures" in caplog.text


@pytest.mark.parametrize("value", ["not-a-number", -5, 3.5, True, None, "x" * 300])
def test_odd_driver_values_are_left_out(value: Any, otel: Telemetry) -> None:
    class Cursor:
        query_id = value
        data_scanned_in_bytes = value
        engine_execution_time_in_millis = value
        reused_previous_result = value

    assert AthenaAdapter().figures(Cursor()).get("bytes_scanned") is None
    _through_a_tracker(AthenaAdapter(), Cursor(), "athena")
    attributes = otel.span("SELECT orders").attributes
    assert "botanu.warehouse.bytes_scanned" not in attributes and "botanu.warehouse.engine_ms" not in attributes


def test_redshift_opt_in_query_id_asks_the_session_on_a_second_cursor(postgres_url: str) -> None:
    # Redshift speaks PostgreSQL's protocol; pg_last_query_id() is Redshift's, so a PostgreSQL function of that
    # name stands in for it, first on this session's search_path
    from botanu_data.integrations.warehouses import RedshiftQueryIdAdapter

    schema = f"rs_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
            conn.execute(sa.text(
                f"CREATE FUNCTION {schema}.pg_last_query_id() RETURNS int LANGUAGE sql AS 'SELECT 4242'"))
        with engine.connect() as conn:
            conn.execute(sa.text(f"SET search_path TO {schema}, public"))
            cursor = conn.connection.dbapi_connection.cursor()
            cursor.execute("SELECT 1 UNION ALL SELECT 2")
            assert RedshiftQueryIdAdapter().figures(cursor) == {"query_id": "4242"}
            assert cursor.fetchall() == [(1,), (2,)]  # the statement's own rows are untouched
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()
