"""instrument_engine on AsyncEngines: PostgreSQL through asyncpg and SQLite through aiosqlite.

SQLAlchemy runs the sync engine inside greenlets; the spans must still nest under each asyncio task's span.
"""

from __future__ import annotations

import asyncio
import gc
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy
import sqlalchemy.ext.asyncio
from conftest import Telemetry
from opentelemetry import trace as otel_trace
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from test_engine import all_recorded_text, db_spans

from botanu_data import instrument_engine, instrument_sqlalchemy, uninstrument_engine, uninstrument_sqlalchemy
from botanu_data.engine import is_instrumented


@dataclass
class AsyncTarget:
    name: str
    url: str
    base: dict[str, Any]
    error_type: str
    unique_code: str
    placeholder: str  # the first bound parameter as the driver sees it


@pytest.fixture(params=["asyncpg", "aiosqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Any) -> AsyncTarget:
    if request.param == "aiosqlite":
        return AsyncTarget(
            "aiosqlite", f"sqlite+aiosqlite:///{tmp_path / 'async.db'}",
            {"db.system": "sqlite", "db.system.name": "sqlite", "botanu.vendor": "sqlite",
             "db.name": "async.db", "db.namespace": "async.db"},
            "sqlite3.IntegrityError", "1555", "?",  # SQLITE_CONSTRAINT_PRIMARYKEY
        )
    url = request.getfixturevalue("postgres_async_url")
    parsed = make_url(url)
    return AsyncTarget(
        "asyncpg", url,
        {"db.system": "postgresql", "db.system.name": "postgresql", "botanu.vendor": "postgresql",
         "db.name": parsed.database, "db.namespace": parsed.database,
         "server.address": parsed.host, "server.port": parsed.port or 5432},
        "sqlalchemy.dialects.postgresql.asyncpg.AsyncAdapt_asyncpg_dbapi.UniqueViolationError", "23505", "$1",
    )


@pytest.fixture
def table(target: AsyncTarget) -> Iterator[str]:
    name = f"bt_{uuid.uuid4().hex[:12]}"
    yield name

    async def drop() -> None:
        cleanup = sqlalchemy.ext.asyncio.create_async_engine(target.url)
        async with cleanup.begin() as conn:
            await conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
        await cleanup.dispose()

    asyncio.run(drop())


async def new_engine(url: str, **options: Any) -> AsyncEngine:
    """An instrumented AsyncEngine whose dialect is already initialized."""
    eng = sqlalchemy.ext.asyncio.create_async_engine(url, pool_size=20)
    instrument_engine(eng, **options)
    async with eng.connect():
        pass
    return eng


async def close(eng: AsyncEngine) -> None:
    uninstrument_engine(eng)
    await eng.dispose()


def test_every_operation_kind(target: AsyncTarget, table: str, otel: Telemetry) -> None:
    t = table

    async def main() -> list[Any]:
        eng = await new_engine(target.url)
        try:
            async with eng.connect() as conn:
                otel.exporter.clear()
                await conn.execute(text(f"CREATE TABLE {t} (id INTEGER PRIMARY KEY, name VARCHAR(64), qty INTEGER)"))
                await conn.execute(text(f"ALTER TABLE {t} ADD COLUMN note VARCHAR(20)"))
                await conn.execute(text(f"CREATE INDEX ix_{t} ON {t} (name)"))
                await conn.commit()
                await conn.execute(text(f"INSERT INTO {t} (id, name, qty) VALUES (:id, :n, :q)"),
                                   [{"id": i, "n": f"n{i}", "q": i} for i in range(4)])
                await conn.execute(text(f"INSERT INTO {t} (id, name, qty) VALUES (:id, :n, :q) "
                                        "ON CONFLICT (id) DO UPDATE SET qty = excluded.qty"),
                                   {"id": 0, "n": "n0", "q": 10})
                rows = (await conn.execute(text(f"SELECT id FROM {t} WHERE qty > :q"), {"q": 0})).all()
                assert len(rows) == 4
                await conn.execute(text(f"UPDATE {t} SET qty = 0 WHERE id > :i"), {"i": 1})
                nested = await conn.begin_nested()
                await conn.execute(text(f"DELETE FROM {t} WHERE id = :i"), {"i": 3})
                await nested.commit()
                await conn.rollback()
                await conn.execute(text(f"DROP INDEX ix_{t}"))
                await conn.execute(text(f"DROP TABLE {t}"))
                await conn.commit()
                return db_spans(otel)
        finally:
            await close(eng)

    spans = asyncio.run(main())
    got = [(s.name, s.attributes["db.operation"], s.attributes["db.operation.name"]) for s in spans]
    assert got == [
        (f"CREATE TABLE {t}", "CREATE", "CREATE"),
        (f"ALTER TABLE {t}", "ALTER", "ALTER"),
        (f"CREATE INDEX ix_{t} {t}", "INDEX", "CREATE"),
        ("COMMIT", "TRANSACTION", "COMMIT"),
        (f"BATCH INSERT {t}", "BATCH", "BATCH INSERT"),
        (f"INSERT {t}", "UPSERT", "INSERT"),
        (f"SELECT {t}", "SELECT", "SELECT"),
        (f"UPDATE {t}", "UPDATE", "UPDATE"),
        ("SAVEPOINT", "TRANSACTION", "SAVEPOINT"),
        (f"DELETE {t}", "DELETE", "DELETE"),
        ("RELEASE", "TRANSACTION", "RELEASE"),
        ("ROLLBACK", "TRANSACTION", "ROLLBACK"),
        (f"DROP INDEX ix_{t}", "INDEX", "DROP"),
        (f"DROP TABLE {t}", "DROP", "DROP"),
        ("COMMIT", "TRANSACTION", "COMMIT"),
    ]
    by_name = {s.name: s for s in spans}
    batch = by_name[f"BATCH INSERT {t}"]
    assert batch.attributes["db.operation.batch.size"] == 4
    select = by_name[f"SELECT {t}"]
    if target.name == "asyncpg":  # asyncpg's adapter knows the row count once the statement ran
        assert select.attributes["botanu.data.rows_returned"] == 4
        assert "botanu.data.rows_affected" not in batch.attributes  # asyncpg's executemany reports none
    else:  # SQLite: no row count for SELECT
        assert "botanu.data.rows_returned" not in select.attributes
        assert batch.attributes["botanu.data.rows_affected"] == 4
    assert by_name[f"UPDATE {t}"].attributes["botanu.data.rows_affected"] == 2
    assert by_name[f"DELETE {t}"].attributes["botanu.data.rows_affected"] == 1
    for span in spans:
        assert span.kind is SpanKind.CLIENT
        assert {k: span.attributes.get(k) for k in target.base} == target.base
        assert "db.query.text" not in span.attributes
    assert otel.counter.started == otel.counter.ended


def test_unique_violation(target: AsyncTarget, table: str, otel: Telemetry) -> None:
    secret = f"s3cr3t-{uuid.uuid4().hex}"

    async def main() -> sqlalchemy.exc.IntegrityError:
        eng = await new_engine(target.url, capture_statement=True)
        try:
            async with eng.connect() as conn:
                await conn.execute(text(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name VARCHAR(80))"))
                await conn.execute(text(f"INSERT INTO {table} (id, name) VALUES (:id, :n)"), {"id": 1, "n": secret})
                await conn.commit()
                otel.exporter.clear()
                with pytest.raises(sqlalchemy.exc.IntegrityError) as caught:
                    await conn.execute(text(f"INSERT INTO {table} (id, name) VALUES (:id, :n)"), {"id": 1, "n": secret})
                await conn.rollback()
            return caught.value
        finally:
            await close(eng)

    error = asyncio.run(main())
    span = otel.span(f"INSERT {table}")
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == target.error_type
    assert span.attributes["db.response.status_code"] == target.unique_code
    assert [e.name for e in span.events] == ["exception"]
    assert span.attributes["db.query.text"] == (
        f"INSERT INTO {table} (id, name) VALUES ({target.placeholder}, "
        f"{'$2' if target.name == 'asyncpg' else '?'})"
    )
    assert "s3cr3t" not in all_recorded_text(otel.spans())
    if target.name == "asyncpg":
        assert secret in str(error)  # the server's detail does carry the value: the check above could fail
    assert otel.counter.started == otel.counter.ended


def test_twenty_concurrent_tasks_each_under_their_own_parent(target: AsyncTarget, otel: Telemetry) -> None:
    tasks, statements = 20, 3

    async def job(eng: AsyncEngine, index: int) -> int:
        with otel.tracer.start_as_current_span(f"task-{index}") as parent:
            async with eng.connect() as conn:
                for _ in range(statements):
                    value = (await conn.execute(text(f"SELECT {index}"))).scalar_one()
                    assert value == index
                    await asyncio.sleep(0)  # hand over to the other tasks between statements
            return parent.get_span_context().span_id

    async def main() -> list[int]:
        eng = await new_engine(target.url)
        otel.exporter.clear()
        try:
            return await asyncio.gather(*(job(eng, i) for i in range(tasks)))
        finally:
            await close(eng)

    parent_ids = asyncio.run(main())
    by_id = {s.context.span_id: s for s in otel.spans()}
    counts = dict.fromkeys(parent_ids, 0)
    for span in db_spans(otel):
        assert span.parent is not None and span.parent.span_id in counts, span.name
        parent = by_id[span.parent.span_id]
        assert span.context.trace_id == parent.context.trace_id
        if span.name == "SELECT":
            # each task selects its own index: the statement's parent must be that task's span
            counts[span.parent.span_id] += 1
    assert sorted(counts.values()) == [statements] * tasks
    assert otel.counter.started == otel.counter.ended


# statements that run well past the 0.1 s timeout (SQLite cannot be interrupted, so its one is kept short)
LONG_QUERIES = {
    "asyncpg": "SELECT pg_sleep(5)",
    "aiosqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) "
                 "SELECT count(*) FROM c",
}


def test_request_timeout_cancelling_a_running_statement(target: AsyncTarget, otel: Telemetry) -> None:
    """asyncio.wait_for cancels the task while the driver runs: the span ends with the cancellation, the task's
    context is restored, and the engine serves the next statement."""

    async def request(eng: AsyncEngine) -> None:
        with otel.tracer.start_as_current_span("request"):
            async with eng.connect() as conn:
                await conn.execute(text(LONG_QUERIES[target.name]))

    async def main() -> tuple[bool, int]:
        eng = await new_engine(target.url)
        otel.exporter.clear()
        try:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(request(eng), 0.1)
            restored = otel_trace.get_current_span() is otel_trace.INVALID_SPAN
            async with eng.connect() as conn:
                return restored, (await conn.execute(text("SELECT 7"))).scalar_one()
        finally:
            await close(eng)

    restored, value = asyncio.run(main())
    assert restored and value == 7
    cancelled = [s for s in db_spans(otel) if s.status.status_code is StatusCode.ERROR]
    assert [s.attributes["error.type"] for s in cancelled] == ["asyncio.exceptions.CancelledError"]
    assert cancelled[0].parent.span_id == otel.span("request").context.span_id
    assert otel.counter.started == otel.counter.ended


def test_parent_and_driver_level_children(target: AsyncTarget, otel: Telemetry) -> None:
    async def main() -> int:
        eng = await new_engine(target.url)

        def do_execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
            with otel.tracer.start_as_current_span("driver-call"):
                cursor.execute(statement, parameters)
            return True

        sqlalchemy.event.listen(eng.sync_engine, "do_execute", do_execute)
        try:
            with otel.tracer.start_as_current_span("request") as request_span:
                async with eng.connect() as conn:
                    assert (await conn.execute(text("SELECT 5"))).scalar_one() == 5
            return request_span.get_span_context().span_id
        finally:
            sqlalchemy.event.remove(eng.sync_engine, "do_execute", do_execute)
            await close(eng)

    request_id = asyncio.run(main())
    db_span = otel.span("SELECT")
    assert db_span.parent.span_id == request_id
    assert otel.span("driver-call").parent.span_id == db_span.context.span_id


def test_instrument_twice_and_uninstrument(target: AsyncTarget, otel: Telemetry) -> None:
    async def count(eng: AsyncEngine) -> int:
        otel.exporter.clear()
        async with eng.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return len(otel.spans("SELECT"))

    async def main() -> list[int]:
        eng = sqlalchemy.ext.asyncio.create_async_engine(target.url)
        seen = []
        try:
            for _ in range(2):
                assert instrument_engine(eng) is eng
                instrument_engine(eng)
                assert is_instrumented(eng) and is_instrumented(eng.sync_engine)
                seen.append(await count(eng))
                uninstrument_engine(eng)
                assert not is_instrumented(eng)
                seen.append(await count(eng))
        finally:
            await close(eng)
        return seen

    assert asyncio.run(main()) == [1, 0, 1, 0]
    assert otel.counter.started == otel.counter.ended


def test_instrument_sqlalchemy_covers_create_async_engine(target: AsyncTarget, otel: Telemetry) -> None:
    async def main() -> None:
        instrument_sqlalchemy()
        try:
            eng = sqlalchemy.ext.asyncio.create_async_engine(target.url)
            async with eng.connect() as conn:  # its first Connection instruments it, before its first statement
                await conn.execute(text("SELECT 1"))
            assert is_instrumented(eng)
        finally:
            uninstrument_sqlalchemy()
        try:
            assert not is_instrumented(eng)  # uninstrument_sqlalchemy also undid this engine
            async with eng.connect() as conn:
                await conn.execute(text("SELECT 1"))
        finally:
            await eng.dispose()

    asyncio.run(main())
    assert len(otel.spans("SELECT")) == 1
    assert otel.counter.started == otel.counter.ended


def test_disposed_async_engine_is_not_kept_alive(target: AsyncTarget, otel: Telemetry) -> None:
    refs: list[weakref.ref] = []

    async def main() -> None:
        eng = await new_engine(target.url)
        async with eng.connect() as conn:
            await conn.execute(text("SELECT 1"))
        refs.append(weakref.ref(eng.sync_engine))
        await eng.dispose()

    asyncio.run(main())
    gc.collect()
    assert refs[0]() is None
    assert len(otel.spans("SELECT")) == 1
    assert otel.counter.started == otel.counter.ended
