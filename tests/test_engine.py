"""instrument_engine on real databases, synchronously: SQLite, PostgreSQL (psycopg 3) and MariaDB (PyMySQL).

Spans are read before the Connection is closed wherever exact sequences are asserted, so the pool's own
reset-on-return round trip does not enter the comparison.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url

from botanu_data import engine as engine_module
from botanu_data import instrument_engine, instrument_sqlalchemy, uninstrument_engine, uninstrument_sqlalchemy
from botanu_data.engine import is_instrumented

DIALECTS = ["sqlite", "postgresql", "mariadb"]


@dataclass
class Target:
    """One database under test and what its spans must carry."""

    name: str
    url: str
    base: dict[str, Any]  # attributes every span of this engine carries
    error_type: str  # error.type of a unique violation (the DBAPI exception class)
    unique_code: str  # db.response.status_code of a unique violation on the ``name`` column
    rows_returned: bool  # the driver reports rows for a SELECT at execute time

    def placeholder(self, name: str) -> str:
        """How SQLAlchemy renders a bound parameter for this driver (what reaches the cursor)."""
        return "?" if self.name == "sqlite" else f"%({name})s"


def make_target(name: str, request: pytest.FixtureRequest, tmp_path: Any) -> Target:
    if name == "sqlite":
        path = tmp_path / "app.db"
        return Target(
            "sqlite", f"sqlite:///{path}",
            {"db.system": "sqlite", "db.system.name": "sqlite", "botanu.vendor": "sqlite",
             "db.name": "app.db", "db.namespace": "app.db"},
            "sqlite3.IntegrityError", "2067", False,  # SQLITE_CONSTRAINT_UNIQUE
        )
    url = request.getfixturevalue("postgres_url" if name == "postgresql" else "mariadb_url")
    parsed = make_url(url)
    system = "postgresql" if name == "postgresql" else "mariadb"
    base = {
        "db.system": system, "db.system.name": system, "botanu.vendor": system,
        "db.name": parsed.database, "db.namespace": parsed.database,
        "server.address": parsed.host, "server.port": parsed.port or (5432 if name == "postgresql" else 3306),
    }
    if name == "postgresql":
        return Target(name, url, base, "psycopg.errors.UniqueViolation", "23505", True)
    return Target(name, url, base, "pymysql.err.IntegrityError", "1062", True)


@pytest.fixture(params=DIALECTS)
def target(request: pytest.FixtureRequest, tmp_path: Any) -> Target:
    return make_target(request.param, request, tmp_path)


def new_table() -> str:
    return f"bt_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def table(target: Target) -> Iterator[str]:
    """A unique table name, dropped afterwards through an uninstrumented engine (the databases are shared)."""
    name = new_table()
    yield name
    cleanup = sqlalchemy.create_engine(target.url)
    with cleanup.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    cleanup.dispose()


def create_table(target: Target, name: str) -> None:
    """The standard table, created without instrumentation."""
    setup = sqlalchemy.create_engine(target.url)
    with setup.begin() as conn:
        conn.execute(text(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, name VARCHAR(64) UNIQUE, qty INTEGER)"))
    setup.dispose()


@pytest.fixture
def engine(target: Target, otel: Telemetry) -> Iterator[Engine]:
    eng = sqlalchemy.create_engine(target.url)
    instrument_engine(eng)
    with eng.connect():  # the first connect initializes the dialect: done here, out of the tests' way
        pass
    otel.exporter.clear()
    yield eng
    uninstrument_engine(eng)
    eng.dispose()


def db_spans(otel: Telemetry) -> list[ReadableSpan]:
    """Finished spans made by the instrumentation (test spans carry no db.system)."""
    return [s for s in otel.spans() if s.attributes and "db.system" in s.attributes]


def all_recorded_text(spans: list[ReadableSpan]) -> str:
    """Everything a span exports as text: names, attributes, status, events and their attributes."""
    parts: list[str] = []
    for span in spans:
        parts.append(span.name)
        parts.append(span.status.description or "")
        parts.extend(f"{k}={v!r}" for k, v in (span.attributes or {}).items())
        for ev in span.events:
            parts.append(ev.name)
            parts.extend(f"{k}={v!r}" for k, v in (ev.attributes or {}).items())
    return "\n".join(parts)


def upsert_sql(target: Target, table: str) -> str:
    values = f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)"
    if target.name == "mariadb":
        return f"{values} ON DUPLICATE KEY UPDATE qty = VALUES(qty)"
    return f"{values} ON CONFLICT (id) DO UPDATE SET qty = excluded.qty"


# -- every operation kind --------------------------------------------------------------------------------


def test_every_operation_kind(target: Target, engine: Engine, table: str, otel: Telemetry) -> None:
    t = table
    drop_index = f"DROP INDEX ix_{t} ON {t}" if target.name == "mariadb" else f"DROP INDEX ix_{t}"
    with engine.connect() as conn:
        otel.exporter.clear()  # the first connect's own housekeeping is not under test here
        conn.execute(text(f"CREATE TABLE {t} (id INTEGER PRIMARY KEY, name VARCHAR(64), qty INTEGER)"))
        conn.execute(text(f"ALTER TABLE {t} ADD COLUMN note VARCHAR(20)"))
        conn.execute(text(f"CREATE UNIQUE INDEX ix_{t} ON {t} (name)"))
        insert = text(f"INSERT INTO {t} (id, name, qty) VALUES (:id, :name, :qty)")
        conn.execute(insert, {"id": 1, "name": "a", "qty": 1})
        conn.execute(text(upsert_sql(target, t)), {"id": 1, "name": "a", "qty": 5})
        assert conn.execute(text(f"SELECT qty FROM {t} WHERE id = :id"), {"id": 1}).scalar_one() == 5
        conn.execute(text(f"UPDATE {t} SET qty = :q WHERE id = :id"), {"q": 6, "id": 1})
        conn.execute(text(f"DELETE FROM {t} WHERE id = :id"), {"id": 1})
        conn.commit()
        savepoint = conn.begin_nested()  # autobegin, then SAVEPOINT
        conn.execute(insert, {"id": 2, "name": "b", "qty": 2})
        savepoint.rollback()  # ROLLBACK TO SAVEPOINT
        with conn.begin_nested():  # SAVEPOINT ... RELEASE SAVEPOINT
            pass
        conn.rollback()
        conn.execute(text(drop_index))
        conn.execute(text(f"DROP TABLE {t}"))
        conn.commit()
        spans = db_spans(otel)

    expected = [
        # (span name, db.operation, db.operation.name, tables, db.query.summary)
        (f"CREATE TABLE {t}", "CREATE", "CREATE", (t,), f"CREATE TABLE {t}"),
        (f"ALTER TABLE {t}", "ALTER", "ALTER", (t,), f"ALTER TABLE {t}"),
        (f"CREATE INDEX ix_{t} {t}", "INDEX", "CREATE", (t,), f"CREATE INDEX ix_{t} {t}"),
        (f"INSERT {t}", "INSERT", "INSERT", (t,), f"INSERT {t}"),
        (f"INSERT {t}", "UPSERT", "INSERT", (t,), f"INSERT {t}"),
        (f"SELECT {t}", "SELECT", "SELECT", (t,), f"SELECT {t}"),
        (f"UPDATE {t}", "UPDATE", "UPDATE", (t,), f"UPDATE {t}"),
        (f"DELETE {t}", "DELETE", "DELETE", (t,), f"DELETE {t}"),
        ("COMMIT", "TRANSACTION", "COMMIT", (), None),
        ("SAVEPOINT", "TRANSACTION", "SAVEPOINT", (), "SAVEPOINT"),
        (f"INSERT {t}", "INSERT", "INSERT", (t,), f"INSERT {t}"),
        ("ROLLBACK", "TRANSACTION", "ROLLBACK", (), "ROLLBACK"),  # ROLLBACK TO SAVEPOINT
        ("SAVEPOINT", "TRANSACTION", "SAVEPOINT", (), "SAVEPOINT"),
        ("RELEASE", "TRANSACTION", "RELEASE", (), "RELEASE"),
        ("ROLLBACK", "TRANSACTION", "ROLLBACK", (), None),  # the Connection's rollback (no SQL text)
        (
            f"DROP INDEX ix_{t} {t}" if target.name == "mariadb" else f"DROP INDEX ix_{t}",
            "INDEX", "DROP", (t,) if target.name == "mariadb" else (),
            f"DROP INDEX ix_{t} {t}" if target.name == "mariadb" else f"DROP INDEX ix_{t}",
        ),
        (f"DROP TABLE {t}", "DROP", "DROP", (t,), f"DROP TABLE {t}"),
        ("COMMIT", "TRANSACTION", "COMMIT", (), None),
    ]
    got = [
        (s.name, s.attributes["db.operation"], s.attributes["db.operation.name"],
         tuple(s.attributes.get("botanu.data.tables", ())), s.attributes.get("db.query.summary"))
        for s in spans
    ]
    assert got == expected
    for span in spans:
        assert span.kind is SpanKind.CLIENT
        assert {k: span.attributes.get(k) for k in target.base} == target.base
        tables = span.attributes.get("botanu.data.tables")
        if tables:
            assert isinstance(tables, tuple)
            assert span.attributes["db.collection.name"] == tables[0]
        else:
            assert "db.collection.name" not in span.attributes
        assert "db.query.text" not in span.attributes  # capture_statement is off by default
        assert span.status.status_code is StatusCode.UNSET
    assert otel.counter.started == otel.counter.ended


def test_attributes_of_a_join_list_every_table(target: Target, engine: Engine, otel: Telemetry) -> None:
    first, second = new_table(), new_table()
    try:
        create_table(target, first)
        create_table(target, second)
        with engine.connect() as conn:
            otel.exporter.clear()
            conn.execute(text(f"SELECT a.id FROM {first} a JOIN {second} b ON a.id = b.id")).all()
            (span,) = db_spans(otel)
        assert span.name == f"SELECT {first} {second}"
        assert span.attributes["db.collection.name"] == first
        assert span.attributes["botanu.data.tables"] == (first, second)
        assert span.attributes["db.query.summary"] == f"SELECT {first} {second}"
    finally:
        cleanup = sqlalchemy.create_engine(target.url)
        with cleanup.begin() as conn:
            for name in (first, second):
                conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        cleanup.dispose()


def test_mariadb_is_detected_behind_the_mysql_dialect(request: pytest.FixtureRequest, tmp_path: Any,
                                                      otel: Telemetry) -> None:
    target = make_target("mariadb", request, tmp_path)
    eng = sqlalchemy.create_engine(target.url)
    assert eng.dialect.name == "mysql"  # the dialect itself says mysql
    instrument_engine(eng)
    try:
        with eng.connect() as conn:
            conn.execute(text("SELECT 1")).all()
        systems = {(s.attributes["db.system"], s.attributes["db.system.name"], s.attributes["botanu.vendor"])
                   for s in db_spans(otel)}
        assert systems == {("mariadb", "mariadb", "mariadb")}
        assert otel.total("botanu.data.operations", db__system="mariadb", db__operation="SELECT") == 1
    finally:
        uninstrument_engine(eng)
        eng.dispose()


# -- rows ---------------------------------------------------------------------------------------------------


def test_rows_from_the_driver(target: Target, engine: Engine, table: str, otel: Telemetry) -> None:
    create_table(target, table)
    with engine.connect() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)"),
                     {"id": 1, "name": "a", "qty": 1})
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (2, 'b', 2), (3, 'c', 3)"))
        otel.exporter.clear()
        assert len(conn.execute(text(f"SELECT id FROM {table}")).all()) == 3
        conn.execute(text(f"UPDATE {table} SET qty = qty + 1 WHERE id >= :id"), {"id": 2})
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": 3})
        conn.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": 99})  # no row: nothing to record
        conn.commit()
        select, update, delete, delete_none, _commit = db_spans(otel)
    if target.rows_returned:
        assert select.attributes["botanu.data.rows_returned"] == 3
    else:  # SQLite reports rowcount -1 for SELECT: documented, rows are fetched lazily
        assert "botanu.data.rows_returned" not in select.attributes
    assert "botanu.data.rows_affected" not in select.attributes
    assert update.attributes["botanu.data.rows_affected"] == 2
    assert delete.attributes["botanu.data.rows_affected"] == 1
    assert "botanu.data.rows_affected" not in delete_none.attributes
    assert "botanu.data.rows_returned" not in update.attributes
    # the exact counters agree with the spans (1 + 2 affected by the setup inserts, then 2 + 1)
    assert otel.total("botanu.data.rows", botanu__data__direction="affected") == 6
    assert otel.total("botanu.data.rows", botanu__data__direction="returned") == (3 if target.rows_returned else 0)


def test_whether_a_statement_returns_rows_is_asked_once_per_string(
    target: Target, engine: Engine, table: str, otel: Telemetry
) -> None:
    """cursor.description costs ~5 µs on psycopg: the hooks ask it once per statement string, and every later
    run of that string still carries the right row attributes. On SQLite, whose rowcount is -1 for every
    SELECT, the hooks read rowcount for DML only."""
    create_table(target, table)
    asked: list[str] = []
    counted: list[str] = []

    class CountingCursor:
        """The driver's cursor, counting reads of ``description`` (everything else passes through)."""

        def __init__(self, cursor: Any, statement: str) -> None:
            self._cursor, self._statement = cursor, statement

        @property
        def description(self) -> Any:
            asked.append(self._statement.split()[0])
            return self._cursor.description

        @property
        def rowcount(self) -> Any:
            counted.append(self._statement.split()[0])
            return self._cursor.rowcount

        def __getattr__(self, name: str) -> Any:
            return getattr(self._cursor, name)

    # the hooks' own after_cursor_execute, handed a cursor that counts
    original = engine_module._instrumented[engine].after_cursor_execute
    event.remove(engine, "after_cursor_execute", original)

    def after(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        original(conn, CountingCursor(cursor, statement), statement, parameters, context, executemany)

    event.listen(engine, "after_cursor_execute", after)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1), (2, 'b', 2)"))
            otel.exporter.clear()
            asked.clear()
            counted.clear()
            for _ in range(3):
                assert len(conn.execute(text(f"SELECT id FROM {table}")).all()) == 2
                conn.execute(text(f"UPDATE {table} SET qty = qty + 1"))
            conn.commit()
    finally:
        event.remove(engine, "after_cursor_execute", after)
        event.listen(engine, "after_cursor_execute", original)
    spans = [s for s in db_spans(otel) if s.attributes["db.operation"] != "TRANSACTION"]
    selects = [s for s in spans if s.attributes["db.operation"] == "SELECT"]
    updates = [s for s in spans if s.attributes["db.operation"] == "UPDATE"]
    assert len(selects) == len(updates) == 3
    assert all(s.attributes["botanu.data.rows_affected"] == 2 for s in updates)
    assert all("botanu.data.rows_returned" not in s.attributes for s in updates)
    if target.rows_returned:
        assert all(s.attributes["botanu.data.rows_returned"] == 2 for s in selects)
        assert sorted(asked) == ["SELECT", "UPDATE"]  # once per string, not once per run
        assert sorted(counted) == ["SELECT"] * 3 + ["UPDATE"] * 3
    else:  # SQLite: no rowcount for SELECT, so only the UPDATE is ever asked about
        assert all("botanu.data.rows_returned" not in s.attributes for s in selects)
        assert asked == ["UPDATE"]
        assert counted == ["UPDATE"] * 3


def test_executemany_is_one_batch_span(target: Target, engine: Engine, table: str, otel: Telemetry) -> None:
    create_table(target, table)
    rows = [{"id": i, "name": f"n{i}", "qty": i} for i in range(4)]
    with engine.connect() as conn:
        otel.exporter.clear()
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)"), rows)
        conn.commit()
        batch, _commit = db_spans(otel)
    assert batch.name == f"BATCH INSERT {table}"
    assert batch.attributes["db.operation"] == "BATCH"
    assert batch.attributes["db.operation.name"] == "BATCH INSERT"
    assert batch.attributes["db.operation.batch.size"] == 4
    assert batch.attributes["db.collection.name"] == table
    assert batch.attributes["db.query.summary"] == f"INSERT {table}"
    assert batch.attributes["botanu.data.rows_affected"] == 4
    assert otel.total("botanu.data.operations", db__operation="BATCH", db__collection__name=table) == 1


# -- statement text and parameter values --------------------------------------------------------------------


def test_statement_text_is_off_by_default_and_sanitized_when_on(
    target: Target, engine: Engine, table: str, otel: Telemetry
) -> None:
    create_table(target, table)
    sql = f"SELECT id FROM {table} WHERE name = 'literal-value' AND qty > :q"
    with engine.connect() as conn:
        conn.execute(text(sql), {"q": 1}).all()
    assert all("db.query.text" not in s.attributes for s in db_spans(otel))

    otel.exporter.clear()
    capturing = sqlalchemy.create_engine(target.url)
    instrument_engine(capturing, capture_statement=True)
    try:
        with capturing.connect() as conn:
            conn.execute(text(sql), {"q": 1}).all()
            (span,) = [s for s in db_spans(otel) if s.name == f"SELECT {table}"]
    finally:
        uninstrument_engine(capturing)
        capturing.dispose()
    assert span.attributes["db.query.text"] == (
        f"SELECT id FROM {table} WHERE name = ? AND qty > {target.placeholder('q')}"
    )
    assert "literal-value" not in all_recorded_text(db_spans(otel))


def test_bound_parameter_values_never_recorded(target: Target, table: str, otel: Telemetry) -> None:
    create_table(target, table)
    secret = f"s3cr3t-{uuid.uuid4().hex}"
    eng = sqlalchemy.create_engine(target.url)
    instrument_engine(eng, capture_statement=True)  # the most revealing mode
    try:
        with eng.connect() as conn:
            insert = text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)")
            conn.execute(insert, {"id": 1, "name": secret, "qty": 1})
            conn.execute(insert, [{"id": i, "name": f"{secret}-{i}", "qty": i} for i in (2, 3)])
            conn.execute(text(f"SELECT id FROM {table} WHERE name = :n"), {"n": secret}).all()
            conn.execute(text(f"UPDATE {table} SET name = :n WHERE id = :id"), {"n": secret + "-u", "id": 2})
            conn.commit()
            with pytest.raises(sqlalchemy.exc.IntegrityError) as caught:
                conn.execute(insert, {"id": 9, "name": secret, "qty": 9})  # unique violation on name
            conn.rollback()
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    # the application's own exception does carry the value (so the check below could fail) ...
    assert secret in str(caught.value)
    # ... but nothing the instrumentation exported does
    spans = db_spans(otel)
    assert len(spans) >= 6
    assert any(s.status.status_code is StatusCode.ERROR for s in spans)
    assert "s3cr3t" not in all_recorded_text(spans)


# -- errors -------------------------------------------------------------------------------------------------


def _duplicate_insert(eng: Engine, table: str) -> sqlalchemy.exc.IntegrityError:
    with eng.connect() as conn:
        with pytest.raises(sqlalchemy.exc.IntegrityError) as caught:
            conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (:id, :name, :qty)"),
                         {"id": 2, "name": "taken", "qty": 1})
        conn.rollback()
    return caught.value


def test_unique_violation_span_and_exception(target: Target, engine: Engine, table: str, otel: Telemetry) -> None:
    create_table(target, table)
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'taken', 1)"))
    otel.exporter.clear()

    instrumented_error = _duplicate_insert(engine, table)
    span = otel.span(f"INSERT {table}")
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == f"{target.error_type.rsplit('.', 1)[1]} (code {target.unique_code})"
    assert span.attributes["error.type"] == target.error_type
    assert span.attributes["botanu.data.error"] == target.error_type.rsplit(".", 1)[1]
    assert span.attributes["db.response.status_code"] == target.unique_code
    (exception_event,) = [e for e in span.events if e.name == "exception"]
    assert exception_event.attributes["exception.type"] == target.error_type
    assert exception_event.attributes["exception.escaped"] is True
    assert otel.total("botanu.data.operations", error__type=target.error_type) == 1
    assert otel.counter.started == otel.counter.ended

    # the application receives what it would have received uninstrumented
    plain = sqlalchemy.create_engine(target.url)
    try:
        plain_error = _duplicate_insert(plain, table)
    finally:
        plain.dispose()
    assert type(instrumented_error) is type(plain_error)
    assert type(instrumented_error.orig) is type(plain_error.orig)
    assert str(instrumented_error) == str(plain_error)


class DriverFailure(Exception):
    """Raised from inside the driver call, where SQLAlchemy passes non-DBAPI exceptions through unwrapped."""


def test_exception_object_passes_through_unchanged(target: Target, engine: Engine, otel: Telemetry) -> None:
    raised = DriverFailure("driver gave up")

    def do_execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        raise raised

    event.listen(engine, "do_execute", do_execute)
    try:
        with engine.connect() as conn, pytest.raises(DriverFailure) as caught:
            conn.execute(text("SELECT 1"))
    finally:
        event.remove(engine, "do_execute", do_execute)
    assert caught.value is raised  # the very object, not a copy or a wrapper
    span = otel.span("SELECT")
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == "driver gave up"  # not a database error: its message is safe
    assert span.attributes["error.type"] == f"{DriverFailure.__module__}.DriverFailure"
    assert "db.response.status_code" not in span.attributes
    assert otel.counter.started == otel.counter.ended


# -- context: parent and driver-level children ------------------------------------------------------------


def test_parent_is_the_callers_span_and_driver_spans_nest_under_the_db_span(
    target: Target, engine: Engine, otel: Telemetry
) -> None:
    def do_execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
        # stands in for a driver-level instrumentation: whatever it starts must nest under our span
        with otel.tracer.start_as_current_span("driver-call"):
            cursor.execute(statement, parameters)
        return True

    event.listen(engine, "do_execute", do_execute)
    try:
        with otel.tracer.start_as_current_span("request") as request_span, engine.connect() as conn:
            assert conn.execute(text("SELECT 7")).scalar_one() == 7
    finally:
        event.remove(engine, "do_execute", do_execute)
    db_span = otel.span("SELECT")
    driver = otel.span("driver-call")
    assert db_span.parent.span_id == request_span.get_span_context().span_id
    assert db_span.context.trace_id == request_span.get_span_context().trace_id
    assert driver.parent.span_id == db_span.context.span_id
    assert otel.counter.started == otel.counter.ended


# -- transactions ---------------------------------------------------------------------------------------------


def test_trace_transactions_false_turns_transaction_spans_off(
    target: Target, table: str, otel: Telemetry
) -> None:
    create_table(target, table)
    eng = sqlalchemy.create_engine(target.url)
    instrument_engine(eng, trace_transactions=False)
    try:
        with eng.connect() as conn:
            otel.exporter.clear()
            conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
            with conn.begin_nested():
                conn.execute(text(f"UPDATE {table} SET qty = 2"))
            conn.commit()
            conn.execute(text(f"DELETE FROM {table}"))
            conn.rollback()
            names = [s.name for s in db_spans(otel)]
        assert names == [f"INSERT {table}", f"UPDATE {table}", f"DELETE {table}"]
        # the dialect's own commit/rollback were not wrapped
        assert "do_commit" not in eng.dialect.__dict__ and "do_rollback" not in eng.dialect.__dict__
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    assert otel.total("botanu.data.operations", db__operation="TRANSACTION") == 0


def test_commit_and_rollback_spans_are_children_of_the_caller(
    target: Target, engine: Engine, table: str, otel: Telemetry
) -> None:
    create_table(target, table)
    with engine.connect() as conn, otel.tracer.start_as_current_span("unit-of-work") as parent:
        otel.exporter.clear()
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (1, 'a', 1)"))
        conn.commit()
        conn.execute(text(f"INSERT INTO {table} (id, name, qty) VALUES (2, 'b', 1)"))
        conn.rollback()
        spans = db_spans(otel)
    assert [(s.name, s.attributes["db.operation"], s.attributes["db.operation.name"]) for s in spans] == [
        (f"INSERT {table}", "INSERT", "INSERT"),
        ("COMMIT", "TRANSACTION", "COMMIT"),
        (f"INSERT {table}", "INSERT", "INSERT"),
        ("ROLLBACK", "TRANSACTION", "ROLLBACK"),
    ]
    for span in spans:
        assert span.parent.span_id == parent.get_span_context().span_id
        assert span.kind is SpanKind.CLIENT
        assert {k: span.attributes.get(k) for k in target.base} == target.base
    assert otel.total("botanu.data.operations", db__operation="TRANSACTION") >= 2


# -- instrument / uninstrument -------------------------------------------------------------------------------


def _select_span_count(eng: Engine, otel: Telemetry) -> int:
    otel.exporter.clear()
    with eng.connect() as conn:
        conn.execute(text("SELECT 1")).all()
    return len([s for s in db_spans(otel) if s.name == "SELECT"])


def test_instrument_twice_is_once_and_uninstrument_removes_everything(target: Target, otel: Telemetry) -> None:
    eng = sqlalchemy.create_engine(target.url)
    # a context class of its own, so that no other engine of the test run keeps its error hook patched
    context_class = type("OwnContext", (eng.dialect.execution_ctx_cls,), {})
    eng.dialect.execution_ctx_cls = context_class
    try:
        for _cycle in range(2):  # instrument / uninstrument twice over
            assert instrument_engine(eng) is eng
            hooks = engine_module._instrumented[eng]
            assert instrument_engine(eng, capture_statement=True) is eng  # changes nothing
            assert engine_module._instrumented[eng] is hooks
            assert is_instrumented(eng)
            assert "handle_dbapi_exception" in context_class.__dict__  # patched while instrumented
            assert _select_span_count(eng, otel) == 1
            assert "db.query.text" not in otel.span("SELECT").attributes  # the first call's options stand

            assert uninstrument_engine(eng) is eng
            uninstrument_engine(eng)  # a second uninstrument is harmless
            assert not is_instrumented(eng)
            for name in ("before_cursor_execute", "after_cursor_execute", "handle_error"):
                assert not event.contains(eng, name, getattr(hooks, name))
            assert "do_commit" not in eng.dialect.__dict__ and "do_rollback" not in eng.dialect.__dict__
            assert context_class not in engine_module._patched_contexts  # its error hook is the inherited one
            assert "handle_dbapi_exception" not in context_class.__dict__
            assert _select_span_count(eng, otel) == 0
            assert db_spans(otel) == []
    finally:
        uninstrument_engine(eng)
        eng.dispose()
    assert otel.counter.started == otel.counter.ended


def test_instrument_sqlalchemy_covers_every_engine_at_its_first_connection(target: Target, otel: Telemetry) -> None:
    before = sqlalchemy.create_engine(target.url)
    instrument_sqlalchemy(capture_statement=True)
    try:
        after = sqlalchemy.create_engine(target.url)
        via_engine_module = sqlalchemy.engine.create_engine(target.url)
        assert not is_instrumented(after)  # instrumented at its first Connection, not when made
        assert _select_span_count(after, otel) == 1
        assert is_instrumented(after)
        assert otel.span("SELECT").attributes["db.query.text"] == "SELECT ?"  # the options given are used
        assert _select_span_count(via_engine_module, otel) == 1
        assert _select_span_count(before, otel) == 1  # engines made before the call too
    finally:
        uninstrument_sqlalchemy()
    try:
        assert not any(is_instrumented(eng) for eng in (before, after, via_engine_module))
        assert _select_span_count(after, otel) == 0
        later = sqlalchemy.create_engine(target.url)
        assert _select_span_count(later, otel) == 0
        assert not is_instrumented(later)
        later.dispose()
    finally:
        for eng in (before, after, via_engine_module):
            eng.dispose()
