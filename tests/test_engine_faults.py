"""instrument_engine when things go wrong: killed backends, other listeners raising, faults in our own
listeners, suppression, sampling, engine lifetime and concurrency. Every scenario ends with no open span."""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry, install_telemetry
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import StatusCode
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from test_engine import DIALECTS, Target, create_table, db_spans, make_target, new_table

from botanu_data import engine as engine_module
from botanu_data import instrument_engine, spans, uninstrument_engine
from botanu_data.providers import reset_configuration
from botanu_data.values import qualified_type_name


@pytest.fixture(params=DIALECTS)
def target(request: pytest.FixtureRequest, tmp_path: Any) -> Target:
    return make_target(request.param, request, tmp_path)


@pytest.fixture
def table(target: Target) -> Iterator[str]:
    name = new_table()
    create_table(target, name)
    yield name
    cleanup = sqlalchemy.create_engine(target.url)
    with cleanup.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    cleanup.dispose()


def instrumented(url: str, **options: Any) -> Engine:
    """An instrumented engine whose dialect is already initialized (first connect done)."""
    eng = sqlalchemy.create_engine(url)
    instrument_engine(eng, **options)
    with eng.connect():
        pass
    return eng


@pytest.fixture
def engine(target: Target, otel: Telemetry) -> Iterator[Engine]:
    eng = instrumented(target.url)
    otel.exporter.clear()
    yield eng
    uninstrument_engine(eng)
    eng.dispose()


@pytest.fixture
def fresh_fault_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Faults are logged once per place per minute; give each test its own limiter."""
    monkeypatch.setattr(spans, "_fault_limiter", spans._FaultLimiter())


def fault_records(caplog: pytest.LogCaptureFixture, where: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records
            if r.levelno == logging.ERROR and f"internal fault in {where}" in r.getMessage()]


# -- a backend killed mid-query ----------------------------------------------------------------------------------


def test_backend_killed_mid_query(postgres_url: str, otel: Telemetry) -> None:
    eng = instrumented(postgres_url)
    killer = sqlalchemy.create_engine(postgres_url)  # uninstrumented: its queries are not under test
    try:
        with eng.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            killed: list[bool] = []

            def kill() -> None:
                with killer.connect() as k:
                    for _ in range(500):  # wait until the sleep is really running on the server
                        running = k.execute(
                            text("SELECT count(*) FROM pg_stat_activity "
                                 "WHERE pid = :p AND query LIKE 'SELECT pg_sleep%'"),
                            {"p": pid},
                        ).scalar_one()
                        if running:
                            break
                        time.sleep(0.01)
                    killed.append(k.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar_one())

            thread = threading.Thread(target=kill)
            otel.exporter.clear()
            started = time.monotonic()
            thread.start()
            with otel.tracer.start_as_current_span("request"), \
                    pytest.raises(sqlalchemy.exc.OperationalError) as caught:
                conn.execute(text("SELECT pg_sleep(5)"))
            thread.join()
        assert killed == [True]
        assert time.monotonic() - started < 4  # the query was cut short, not left to finish
        assert caught.value.connection_invalidated
        span = otel.span("SELECT")
        assert span.status.status_code is StatusCode.ERROR
        assert span.attributes["error.type"] == "psycopg.errors.AdminShutdown"
        assert span.attributes["db.response.status_code"] == "57P01"  # admin_shutdown
        assert span.parent.span_id == otel.span("request").context.span_id
        assert otel.counter.started == otel.counter.ended
        with eng.connect() as conn:  # the pool recovers with a fresh connection, still instrumented
            assert conn.execute(text("SELECT 2")).scalar_one() == 2
        assert otel.counter.started == otel.counter.ended
    finally:
        uninstrument_engine(eng)
        eng.dispose()
        killer.dispose()


# -- other listeners raising ----------------------------------------------------------------------------------


class ListenerFailure(Exception):
    """Raised by another application listener."""


def test_other_before_cursor_execute_listener_raising(engine: Engine, otel: Telemetry) -> None:
    raised = ListenerFailure("audit hook failed")

    def audit(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        raise raised

    event.listen(engine, "before_cursor_execute", audit)  # after ours: our span is already open
    try:
        with engine.connect() as conn, pytest.raises(ListenerFailure) as caught:
            conn.execute(text("SELECT 1"))
    finally:
        event.remove(engine, "before_cursor_execute", audit)
    assert caught.value is raised
    span = otel.span("SELECT")
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == f"{ListenerFailure.__module__}.ListenerFailure"
    assert otel.counter.started == otel.counter.ended
    with engine.connect() as conn:  # and the engine carries on normally
        assert conn.execute(text("SELECT 3")).scalar_one() == 3
    assert otel.counter.started == otel.counter.ended


def failing_statement(
    target: Target, otel: Telemetry, statement: str, expected: type[BaseException], *,
    before: Sequence[tuple[str, Any]] = (), after: Sequence[tuple[str, Any]] = (),
) -> BaseException:
    """Run ``statement`` on a new engine, instrumented after the (event, listener) pairs of ``before`` were
    added and before those of ``after``; return the ``expected`` exception it raised."""
    eng = sqlalchemy.create_engine(target.url)
    for name, listener in before:
        event.listen(eng, name, listener)
    instrument_engine(eng)
    for name, listener in after:
        event.listen(eng, name, listener)
    try:
        with eng.connect() as conn:
            otel.exporter.clear()
            with pytest.raises(expected) as caught:
                conn.execute(text(statement))
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    return caught.value


def test_other_after_cursor_execute_listener_raising_first(target: Target, otel: Telemetry) -> None:
    raised = ListenerFailure("metrics hook failed")

    def metrics(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        raise raised

    # registered before ours, so ours never runs
    caught = failing_statement(target, otel, "SELECT 1", ListenerFailure, before=[("after_cursor_execute", metrics)])
    assert caught is raised
    span = otel.span("SELECT")
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == f"{ListenerFailure.__module__}.ListenerFailure"
    assert otel.counter.started == otel.counter.ended


MISSING_TABLE_CODES = {"sqlite": "1", "postgresql": "42P01", "mariadb": "1146"}


def assert_missing_table_error(target: Target, otel: Telemetry, driver_error: BaseException) -> None:
    """One span, for the failed SELECT, ended with the driver's error; nothing left open or current."""
    span = otel.span("SELECT botanu_no_such_table")
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == qualified_type_name(driver_error)
    assert span.attributes["db.response.status_code"] == MISSING_TABLE_CODES[target.name]
    assert otel.counter.started == otel.counter.ended
    assert trace.get_current_span() is trace.INVALID_SPAN  # the statement's span is no longer current


@pytest.mark.parametrize("registered", ["before instrumenting", "after instrumenting"])
def test_handle_error_listener_raising(target: Target, otel: Telemetry, registered: str) -> None:
    """An application's handle_error listener that raises stops SQLAlchemy's dispatch: registered before ours,
    it leaves the driver error to the hook of the context class."""
    raised = ListenerFailure("translated")

    def translate(exception_context: Any) -> None:
        raise raised

    listeners = {registered: [("handle_error", translate)]}
    caught = failing_statement(target, otel, "SELECT * FROM botanu_no_such_table", ListenerFailure,
                               before=listeners.get("before instrumenting", ()),
                               after=listeners.get("after instrumenting", ()))
    assert caught is raised
    assert_missing_table_error(target, otel, caught.__cause__)


def test_connection_skipping_handle_error_listeners(target: Target, engine: Engine, otel: Telemetry) -> None:
    """skip_user_error_events: SQLAlchemy dispatches no handle_error at all (the mysql dialects' reflection
    runs its probes so)."""
    with engine.connect() as conn:
        quiet = conn.execution_options(skip_user_error_events=True)
        with pytest.raises(sqlalchemy.exc.DBAPIError) as caught:
            quiet.exec_driver_sql("SELECT * FROM botanu_no_such_table")
    assert_missing_table_error(target, otel, caught.value.orig)
    assert type(caught.value.orig).__module__.split(".")[0] in {"sqlite3", "psycopg", "pymysql"}


def test_reflecting_a_missing_table_on_mariadb(mariadb_url: str, otel: Telemetry) -> None:
    eng = instrumented(mariadb_url)
    try:
        otel.exporter.clear()
        with pytest.raises(sqlalchemy.exc.NoSuchTableError):
            sqlalchemy.Table("botanu_no_such_table", sqlalchemy.MetaData(), autoload_with=eng)
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    failed = [s for s in db_spans(otel) if s.status.status_code is StatusCode.ERROR]
    assert [s.attributes["db.response.status_code"] for s in failed] == ["1146"]
    assert otel.counter.started == otel.counter.ended
    assert trace.get_current_span() is trace.INVALID_SPAN


class BadValue(Exception):
    """Raised by a type's bind processor, before any cursor runs."""


class Strict(sqlalchemy.types.TypeDecorator):
    impl = sqlalchemy.Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value < 0:
            raise BadValue("negative")
        return value


def test_exception_before_the_cursor_opens_no_span(engine: Engine, otel: Telemetry) -> None:
    stmt = sqlalchemy.select(sqlalchemy.literal(1)).where(sqlalchemy.bindparam("v", type_=Strict) > 0)
    with engine.connect() as conn:
        with pytest.raises(sqlalchemy.exc.StatementError) as caught:
            conn.execute(stmt, {"v": -1})
        assert isinstance(caught.value.orig, BadValue)
        conn.rollback()
        otel.exporter.clear()
        assert conn.execute(stmt, {"v": 1}).scalar_one() == 1
        assert [s.attributes["db.operation"] for s in db_spans(otel)] == ["SELECT"]
    assert otel.counter.started == otel.counter.ended


# -- faults inside our own listeners -----------------------------------------------------------------------


def test_fault_in_statement_analysis(
    target: Target, table: str, otel: Telemetry, fresh_fault_log: None,
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.ERROR, logger="botanu_data")
    eng = instrumented(target.url)
    otel.exporter.clear()

    def broken(statement: object) -> Any:
        raise RuntimeError("analysis bug")

    monkeypatch.setattr(engine_module, "analyze", broken)
    try:
        with eng.connect() as conn:
            for i in range(3):
                conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)"),
                             {"id": i, "name": f"n{i}", "qty": i})
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 3
            conn.commit()
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    assert len(fault_records(caplog, "before_cursor_execute")) == 1  # logged, and rate-limited
    assert [s.name for s in db_spans(otel) if s.attributes["db.operation"] != "TRANSACTION"] == []
    assert otel.counter.started == otel.counter.ended


def test_fault_after_the_statement(
    target: Target, engine: Engine, table: str, otel: Telemetry, fresh_fault_log: None,
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.ERROR, logger="botanu_data")

    def broken_row_counts(*args: object) -> tuple[int, int]:
        raise RuntimeError("row bug")

    monkeypatch.setattr(engine_module._Prepared, "row_counts", broken_row_counts)
    with engine.connect() as conn:
        result = conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        assert result.rowcount == 1
        conn.commit()
    assert len(fault_records(caplog, "after_cursor_execute")) == 1
    assert otel.span(f"INSERT {table}").status.status_code is StatusCode.UNSET  # still ended, still exported
    assert otel.counter.started == otel.counter.ended


def test_fault_while_recording_an_error(
    target: Target, engine: Engine, table: str, otel: Telemetry, fresh_fault_log: None,
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.ERROR, logger="botanu_data")

    def broken(error: BaseException) -> Any:
        raise RuntimeError("code bug")

    monkeypatch.setattr(engine_module, "database_error_code", broken)
    with engine.connect() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        with pytest.raises(sqlalchemy.exc.IntegrityError) as caught:
            conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        conn.rollback()
    assert type(caught.value.orig).__module__.split(".")[0] in ("sqlite3", "psycopg", "pymysql")
    assert len(fault_records(caplog, "handle_error")) == 1
    failed = [s for s in otel.spans(f"INSERT {table}") if s.status.status_code is StatusCode.ERROR]
    assert len(failed) == 1 and "db.response.status_code" not in failed[0].attributes
    assert otel.counter.started == otel.counter.ended


def test_fault_while_starting_a_commit_span(
    target: Target, engine: Engine, table: str, otel: Telemetry, fresh_fault_log: None,
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.ERROR, logger="botanu_data")
    hooks = engine_module._instrumented[engine]

    def broken(operation_name: str) -> Any:
        raise RuntimeError("transaction bug")

    monkeypatch.setattr(hooks, "transaction_tracker", broken)
    with engine.connect() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        conn.commit()
    checker = sqlalchemy.create_engine(target.url)
    try:
        with checker.connect() as conn:  # the commit really happened
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 1
    finally:
        checker.dispose()
    assert len(fault_records(caplog, "COMMIT start")) == 1
    assert [s.name for s in db_spans(otel)] == [f"INSERT {table}"]
    assert otel.counter.started == otel.counter.ended


# -- suppression, sampling, lifetime ---------------------------------------------------------------------------


@contextlib.contextmanager
def suppress_instrumentation() -> Iterator[None]:
    """OpenTelemetry's suppression flag, set the way opentelemetry-instrumentation's helper sets it."""
    token = otel_context.attach(otel_context.set_value(otel_context._SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        yield
    finally:
        otel_context.detach(token)


def test_suppress_instrumentation_records_nothing(target: Target, engine: Engine, table: str, otel: Telemetry) -> None:
    started, operations = otel.counter.started, otel.total("botanu.data.operations")
    with suppress_instrumentation(), engine.connect() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 1
        conn.commit()
    assert otel.spans() == []
    assert otel.counter.started == started
    assert otel.total("botanu.data.operations") == operations
    with engine.connect() as conn:  # suppression ends with its context
        conn.execute(text("SELECT 1")).all()
    assert [s.name for s in db_spans(otel)][:1] == ["SELECT"]


def test_non_recording_spans_still_count(target: Target, table: str) -> None:
    otel = install_telemetry(ALWAYS_OFF)
    eng = instrumented(target.url)
    try:
        with eng.connect() as conn:
            conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :n, 1)"),
                         [{"id": 1, "n": "a"}, {"id": 2, "n": "b"}])
            conn.execute(text(f"SELECT id FROM {table}")).all()
            conn.execute(text(f"UPDATE {table} SET qty = 2"))
            conn.commit()
        assert otel.spans() == []
        assert otel.counter.started == 0  # nothing sampled, nothing started in the SDK pipeline
        assert otel.total("botanu.data.operations", db__operation="BATCH", db__collection__name=table) == 1
        assert otel.total("botanu.data.operations", db__operation="SELECT", db__collection__name=table) == 1
        assert otel.total("botanu.data.operations", db__operation="UPDATE", db__collection__name=table) == 1
        assert otel.total("botanu.data.operations", db__operation="TRANSACTION") >= 1
        assert otel.total("botanu.data.rows", botanu__data__direction="affected", db__collection__name=table) == 4
        returned = otel.total("botanu.data.rows", botanu__data__direction="returned", db__collection__name=table)
        assert returned == (2 if target.rows_returned else 0)
    finally:
        uninstrument_engine(eng)
        eng.dispose()
        reset_configuration()
        otel.tracer_provider.shutdown()
        otel.meter_provider.shutdown()


def test_disposed_engine_is_not_kept_alive(target: Target, table: str, otel: Telemetry) -> None:
    eng = instrumented(target.url)
    with eng.connect() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        conn.commit()
    assert len(db_spans(otel)) >= 2
    ref = weakref.ref(eng)
    dialect_ref = weakref.ref(eng.dialect)
    registered = len(engine_module._instrumented)
    eng.dispose()
    del eng, conn
    gc.collect()
    assert ref() is None
    # the engine's death drops its registry entry; what that entry held is then a plain cycle, freed next pass
    gc.collect()
    assert dialect_ref() is None
    assert len(engine_module._instrumented) == registered - 1
    assert otel.counter.started == otel.counter.ended


# -- concurrency ------------------------------------------------------------------------------------------------


def test_threads_sharing_one_engine_keep_their_parents(target: Target, engine: Engine, otel: Telemetry) -> None:
    workers, statements = 8, 5
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []
    parents: dict[int, int] = {}  # worker -> its parent span id

    def work(index: int) -> None:
        try:
            with otel.tracer.start_as_current_span(f"worker-{index}") as parent:
                parents[index] = parent.get_span_context().span_id
                barrier.wait(timeout=10)  # all threads run their statements at the same time
                with engine.connect() as conn:
                    for _ in range(statements):
                        assert conn.execute(text(f"SELECT {index}")).scalar_one() == index
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    by_id = {s.context.span_id: s for s in otel.spans()}
    children: dict[int, int] = dict.fromkeys(parents.values(), 0)
    for span in db_spans(otel):
        assert span.parent is not None, f"{span.name} has no parent"
        assert span.parent.span_id in children, f"{span.name} is not under a worker span"
        assert span.context.trace_id == by_id[span.parent.span_id].context.trace_id
        if span.name == "SELECT":
            children[span.parent.span_id] += 1
    assert sorted(children.values()) == [statements] * workers
    assert len({by_id[p].context.trace_id for p in parents.values()}) == workers  # one trace per worker
    assert otel.counter.started == otel.counter.ended


def test_executions_from_many_threads_are_all_counted(target: Target, engine: Engine, otel: Telemetry) -> None:
    per_thread, workers = 20, 8

    def work() -> None:
        with engine.connect() as conn:
            for _ in range(per_thread):
                conn.execute(text("SELECT 1")).all()

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(otel.spans("SELECT")) == per_thread * workers
    assert otel.total("botanu.data.operations", db__operation="SELECT") == per_thread * workers
    assert otel.counter.started == otel.counter.ended

