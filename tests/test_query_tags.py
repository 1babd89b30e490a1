"""Query tagging (``instrument_engine(engine, tag_queries=True)``) on real PostgreSQL and MariaDB servers: the
sqlcommenter comment reaches the server (read back from ``pg_stat_activity`` / MariaDB's process list), is the
same text for every run under one workflow (psycopg's server-side prepared statement is reused), and is never
added where it must not be. Redshift's query_group tagger is exercised on PostgreSQL with a custom session
setting, which is transactional like Redshift's SET (Snowflake's QUERY_TAG runs against its real connector in
tests/integrations/test_warehouses.py)."""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
import sqlalchemy as sa
from conftest import Telemetry

from botanu_data import instrument_engine, uninstrument_engine, use_case
from botanu_data.query_tags import (
    CommentTagger,
    RedshiftTagger,
    SnowflakeTagger,
    bigquery_label,
    route_of,
    sqlcommenter_pairs,
)
from botanu_data.settings import engine_options_from_environment

WORKFLOW = "GET /users/{id}"
COMMENT = "/*botanu_workflow='GET%20%2Fusers%2F%7Bid%7D',route='%2Fusers%2F%7Bid%7D'*/"


@pytest.fixture
def pg_engine(postgres_url: str, otel: Telemetry) -> Iterator[sa.Engine]:
    engine = instrument_engine(sa.create_engine(postgres_url), tag_queries=True)
    yield engine
    uninstrument_engine(engine)
    engine.dispose()


@pytest.fixture
def pg_table(pg_engine: sa.Engine) -> Iterator[str]:
    name = f"tags_{uuid.uuid4().hex[:12]}"
    with pg_engine.begin() as conn:
        conn.execute(sa.text(f"CREATE TABLE {name} (id int PRIMARY KEY, name text)"))
        conn.execute(sa.text(f"INSERT INTO {name} VALUES (1, 'a'), (2, 'b')"))
    yield name
    with pg_engine.begin() as conn:
        conn.execute(sa.text(f"DROP TABLE {name}"))


def _last_query(engine: sa.Engine, pid: int) -> str:
    """What PostgreSQL shows as a backend's last statement, asked from another session."""
    with engine.connect() as other:
        return other.execute(sa.text("SELECT query FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}).scalar_one()


# -- the comment's format ------------------------------------------------------------------------------------


def test_sqlcommenter_format_sorts_keys_and_url_encodes_values() -> None:
    assert sqlcommenter_pairs({"route": "/a b", "botanu_workflow": "it's */ x"}) == (
        "botanu_workflow='it%27s%20%2A%2F%20x',route='%2Fa%20b'"
    )
    assert route_of("GET /users/{id}") == "/users/{id}"
    assert route_of("nightly ETL") is None and route_of("GET users") is None
    assert unquote("GET%20%2Fusers%2F%7Bid%7D") == WORKFLOW


def test_comment_is_built_once_per_workflow_and_appended_by_concatenation() -> None:
    tagger = CommentTagger(sa.create_engine("sqlite://").dialect, traceparent=False)
    with use_case(WORKFLOW):
        first, _ = tagger.before_cursor_execute(None, None, "SELECT 1;", (), None, False)
        cached = tagger._comments[WORKFLOW]
        second, _ = tagger.before_cursor_execute(None, None, "SELECT 1;", (), None, False)
    assert first == second == f"SELECT 1 {COMMENT};"  # before the terminator, the same text every time
    assert tagger._comments[WORKFLOW] is cached and len(tagger._comments) == 1


@pytest.mark.parametrize("statement", [
    "CREATE TABLE t (id int)", "ALTER TABLE t ADD COLUMN x int", "DROP TABLE t", "SET search_path TO public",
    "BEGIN", "SAVEPOINT s", "VACUUM t",
])
def test_ddl_set_and_transaction_control_are_never_tagged(statement: str) -> None:
    tagger = CommentTagger(sa.create_engine("sqlite://").dialect, traceparent=False)
    with use_case(WORKFLOW):
        assert tagger.before_cursor_execute(None, None, statement, (), None, False)[0] == statement


def test_untagged_outside_a_use_case_and_for_executemany() -> None:
    tagger = CommentTagger(sa.create_engine("sqlite://").dialect, traceparent=False)
    assert tagger.before_cursor_execute(None, None, "SELECT 1", (), None, False)[0] == "SELECT 1"
    with use_case(WORKFLOW):
        assert tagger.before_cursor_execute(None, None, "INSERT INTO t VALUES (?)", [(1,), (2,)], None, True)[0] == (
            "INSERT INTO t VALUES (?)")


def test_a_trailing_line_comment_does_not_swallow_the_tag() -> None:
    tagger = CommentTagger(sa.create_engine("sqlite://").dialect, traceparent=False)
    with use_case(WORKFLOW):
        tagged, _ = tagger.before_cursor_execute(None, None, "SELECT 1 -- why", (), None, False)
    assert tagged == f"SELECT 1 -- why\n{COMMENT}"


def test_the_environment_names_turn_tagging_on(monkeypatch: pytest.MonkeyPatch, otel: Telemetry) -> None:
    monkeypatch.setenv("BOTANU_DATA_TAG_QUERIES", "true")
    monkeypatch.setenv("BOTANU_DATA_TAG_TRACEPARENT", "0")
    options = engine_options_from_environment()
    assert options == {"tag_queries": True, "tag_traceparent": False}
    engine = instrument_engine(sa.create_engine("sqlite://"), **options)
    seen: list[str] = []
    sa.event.listen(engine, "after_cursor_execute", lambda c, cur, statement, *a: seen.append(statement))
    with use_case("nightly"), engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    uninstrument_engine(engine)
    with use_case("nightly"), engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))  # uninstrumented: the tagger's listener is gone too
    assert seen == ["SELECT 1 /*botanu_workflow='nightly'*/", "SELECT 1"]


def test_bigquery_label_rules() -> None:
    assert bigquery_label("GET /Users/{id}") == "get__users__id_"
    assert len(bigquery_label("x" * 100)) == 63


# -- PostgreSQL ---------------------------------------------------------------------------------------------


def test_postgres_server_sees_the_comment_and_reuses_one_prepared_statement(
    pg_engine: sa.Engine, pg_table: str, otel: Telemetry
) -> None:
    statement = sa.text(f"SELECT name FROM {pg_table} WHERE id = :id")
    with pg_engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        with use_case(WORKFLOW):
            results = [conn.execute(statement, {"id": 1 + i % 2}) for i in range(12)]
        assert [r.scalar_one() for r in results][:2] == ["a", "b"]
        last = _last_query(pg_engine, pid)
        # psycopg prepares a query on the server after prepare_threshold (5) runs of the same text
        prepared = conn.execute(sa.text("SELECT statement FROM pg_prepared_statements")).scalars().all()
    assert last.endswith(COMMENT), last
    assert [p for p in prepared if pg_table in p] == [f"SELECT name FROM {pg_table} WHERE id = $1 {COMMENT}"]
    assert all(r.context.cache_hit for r in results[1:])  # SQLAlchemy's compiled cache hits too
    spans = otel.spans(f"SELECT {pg_table}")
    assert len(spans) == 12 and all(s.attributes["botanu.workflow"] == WORKFLOW for s in spans)
    assert all(s.attributes["botanu.data.rows_returned"] == 1 for s in spans)


def test_postgres_percent_in_the_comment_survives_the_driver(pg_engine: sa.Engine, pg_table: str) -> None:
    # psycopg reads "%" as a placeholder when parameters are passed: the comment's "%" must be doubled then,
    # and left single on a statement executed without parameters
    with pg_engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        with use_case(WORKFLOW):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {pg_table} WHERE name LIKE 'a%'")).scalar_one() == 1
            assert _last_query(pg_engine, pid).endswith(COMMENT)
            raw = conn.execution_options(no_parameters=True).exec_driver_sql(f"SELECT count(*) FROM {pg_table}")
            assert raw.scalar_one() == 2
            assert _last_query(pg_engine, pid) == f"SELECT count(*) FROM {pg_table} {COMMENT}"


def test_postgres_ddl_and_set_reach_the_server_untagged(pg_engine: sa.Engine, pg_table: str) -> None:
    with pg_engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        with use_case(WORKFLOW):
            conn.execute(sa.text("SET statement_timeout = 5000"))
            assert _last_query(pg_engine, pid) == "SET statement_timeout = 5000"
            conn.execute(sa.text(f"ALTER TABLE {pg_table} ADD COLUMN extra int"))
            assert _last_query(pg_engine, pid) == f"ALTER TABLE {pg_table} ADD COLUMN extra int"


def test_postgres_traceparent_only_when_asked(postgres_url: str, pg_table: str, otel: Telemetry) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url), tag_queries=True, tag_traceparent=True)
    try:
        with engine.connect() as conn:
            pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            with use_case(WORKFLOW):
                conn.execute(sa.text(f"SELECT id FROM {pg_table}"))
            last = _last_query(engine, pid)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    span = otel.span(f"SELECT {pg_table}")
    context = span.get_span_context()
    # the statement's own span is the parent of what the server does for it
    traceparent = f"00-{context.trace_id:032x}-{context.span_id:016x}-{int(context.trace_flags):02x}"
    assert last.endswith(f"traceparent='{traceparent}'*/"), last
    assert COMMENT[:-2] in last


def test_untagged_engines_send_the_statement_unchanged(postgres_url: str, pg_table: str, otel: Telemetry) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url))
    try:
        with engine.connect() as conn:
            pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
            with use_case(WORKFLOW):
                conn.execute(sa.text(f"SELECT id FROM {pg_table}"))
            assert _last_query(engine, pid) == f"SELECT id FROM {pg_table}"
    finally:
        uninstrument_engine(engine)
        engine.dispose()


# -- MariaDB ------------------------------------------------------------------------------------------------


def test_mariadb_server_sees_the_comment(mariadb_url: str, otel: Telemetry) -> None:
    engine = instrument_engine(sa.create_engine(mariadb_url), tag_queries=True)
    seen: list[str] = []
    try:
        with engine.connect() as conn:
            connection_id = conn.execute(sa.text("SELECT CONNECTION_ID()")).scalar_one()

            def watch() -> None:  # the statement's text as the server holds it while it runs
                with engine.connect() as other:
                    for _ in range(200):
                        info = other.execute(sa.text(
                            "SELECT INFO FROM information_schema.PROCESSLIST WHERE ID = :id"), {"id": connection_id},
                        ).scalar()
                        if info and "SLEEP" in info:
                            seen.append(info)
                            return
                        time.sleep(0.01)

            watcher = threading.Thread(target=watch)
            watcher.start()
            with use_case(WORKFLOW):
                assert conn.execute(sa.text("SELECT SLEEP(:s) AS slept"), {"s": 0.8}).scalar_one() == 0
            watcher.join()
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert seen == [f"SELECT SLEEP(0.8e0) AS slept {COMMENT}"]
    assert [s.attributes.get("botanu.workflow") for s in otel.spans() if s.name == "SELECT"] == [None, WORKFLOW]


def test_mariadb_executemany_stays_one_multi_row_insert(mariadb_url: str, otel: Telemetry) -> None:
    engine = instrument_engine(sa.create_engine(mariadb_url), tag_queries=True)
    table = f"tags_{uuid.uuid4().hex[:12]}"
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f"CREATE TABLE {table} (id int PRIMARY KEY)"))
        inserts = sa.text("SHOW SESSION STATUS LIKE 'Com_insert'")
        with engine.begin() as conn:
            before = int(conn.execute(inserts).one()[1])
            with use_case(WORKFLOW):
                conn.execute(sa.text(f"INSERT INTO {table} (id) VALUES (:id)"), [{"id": i} for i in range(50)])
            # PyMySQL rewrote the batch into one multi-row INSERT: a comment after VALUES (...) would have
            # defeated its rewrite, and 50 single INSERTs would have reached the server
            assert int(conn.execute(inserts).one()[1]) - before == 1
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one() == 50
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
        uninstrument_engine(engine)
        engine.dispose()
    batch = otel.span(f"BATCH INSERT {table}")
    assert batch.attributes["botanu.data.rows_affected"] == 50


# -- the session-parameter tagger (Snowflake's and Redshift's mechanism) ----------------------------------


class _CustomSettingTagger(RedshiftTagger):
    """Redshift's tagger (Snowflake's minus the rollback), with a PostgreSQL custom setting for query_group."""

    def __init__(self) -> None:
        self.sets: list[str | None] = []

    def _set(self, workflow: str) -> str:
        self.sets.append(workflow)
        return "SET botanu.query_group TO " + "'" + workflow.replace("'", "''") + "'"

    def _unset(self) -> str:
        self.sets.append(None)
        return "RESET botanu.query_group"


def test_session_tag_is_set_only_when_the_workflow_on_the_connection_changes(
    postgres_url: str, otel: Telemetry
) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url, pool_size=1))
    tagger = _CustomSettingTagger()
    sa.event.listen(engine, "before_cursor_execute", tagger.before_cursor_execute, retval=True)
    sa.event.listen(engine, "rollback", tagger.forget)
    setting = sa.text("SELECT current_setting('botanu.query_group', true)")
    try:
        with use_case("nightly"), engine.connect() as conn:
            assert [conn.execute(setting).scalar() for _ in range(3)] == ["nightly"] * 3
            conn.commit()
        with use_case("nightly"), engine.connect() as conn:  # the same pooled connection: nothing to set
            assert conn.execute(setting).scalar() == "nightly"
            conn.commit()
        with use_case("it's hourly"), engine.connect() as conn:
            assert conn.execute(setting).scalar() == "it's hourly"
            conn.rollback()  # undoes the SET on the server; the tagger forgets it and sets it again
            assert conn.execute(setting).scalar() == "it's hourly"
            conn.commit()
        with engine.connect() as conn:  # outside any use case: unset, so nothing is misattributed
            assert conn.execute(setting).scalar() in ("", None)
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert tagger.sets == ["nightly", "it's hourly", "it's hourly", None]


def _snowflake_string(literal: str) -> str:
    """What Snowflake reads from a single-quoted literal: doubled quotes and backslash escapes undone."""
    assert literal[0] == literal[-1] == "'"
    return re.sub(r"\\(.)", r"\1", literal[1:-1].replace("''", "'"), flags=re.DOTALL)


def test_vendor_session_statements() -> None:
    assert SnowflakeTagger()._set("it's") == """ALTER SESSION SET QUERY_TAG = '{"botanu_workflow": "it''s"}'"""
    assert SnowflakeTagger()._unset() == "ALTER SESSION UNSET QUERY_TAG"
    for workflow in ("café ✓ 注文", 'say "hi"\\now', "tab\there", "é" * 3000, "\x01" * 3000):
        statement = SnowflakeTagger()._set(workflow)
        value = _snowflake_string(statement.removeprefix("ALTER SESSION SET QUERY_TAG = "))
        assert len(value) <= 2000, workflow[:20]
        name = json.loads(value)["botanu_workflow"]
        assert workflow.startswith(name) and len(name) >= min(len(workflow), 300), workflow[:20]  # JSON stays whole
    assert "café ✓ 注文" in SnowflakeTagger()._set("café ✓ 注文")  # not \u-escaped: readable in QUERY_HISTORY
    assert RedshiftTagger()._set("GET /a") == "SET query_group TO 'GET /a'"
    assert RedshiftTagger()._set("x" * 400) == f"SET query_group TO '{'x' * 320}'"


def test_a_failing_tag_never_reaches_the_application(postgres_url: str, otel: Telemetry, caplog: Any) -> None:
    class Broken(_CustomSettingTagger):
        def _set(self, workflow: str) -> str:
            raise RuntimeError("boom")

    engine = instrument_engine(sa.create_engine(postgres_url))
    tagger = Broken()
    sa.event.listen(engine, "before_cursor_execute", tagger.before_cursor_execute, retval=True)
    try:
        with use_case("nightly"), engine.connect() as conn:
            assert conn.execute(sa.text("SELECT 7")).scalar_one() == 7
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    assert "query tagging" in caplog.text


def test_instrument_sqlalchemy_passes_tag_queries_on(otel: Telemetry) -> None:
    from botanu_data import instrument_sqlalchemy, uninstrument_sqlalchemy

    instrument_sqlalchemy(tag_queries=True)
    try:
        engine = sa.create_engine("sqlite://")
        seen: list[str] = []
        sa.event.listen(engine, "after_cursor_execute", lambda c, cur, statement, *a: seen.append(statement))
        with use_case("hourly"), engine.connect() as conn:
            conn.execute(sa.text("SELECT 2"))
    finally:
        uninstrument_sqlalchemy()
    assert seen == ["SELECT 2 /*botanu_workflow='hourly'*/"]
