"""FastAPI through its TestClient, on SQLite and PostgreSQL, with sync and async sessions: every operation of
every request -- middleware, yield dependencies' teardown, streamed bodies, background tasks -- is in that
request's run, named after the route template through included routers and mounted sub-applications."""

from __future__ import annotations

import gc
import inspect
import logging
import re
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from _web_checks import (
    CALLER_SPAN_ID,
    TRACE_ID,
    TRACEPARENT,
    check_attribution,
    items_table,
    operations_by_run,
    runs,
    statements,
)
from fastapi import APIRouter, BackgroundTasks, Depends, FastAPI, Request
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from botanu_data import values as values_module
from botanu_data.engine import uninstrument_engine
from botanu_data.integrations.asgi import BotanuDataMiddleware
from botanu_data.integrations.fastapi import instrument_app

ITEM = "GET /api/v1/items/{item_id}"
NATIVE_TELEMETRY = "telemetry" in inspect.signature(FastAPI.__init__).parameters


@pytest.fixture(params=["sqlite", "sqlite+async", "postgresql", "postgresql+async"])
def database(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[tuple[str, str, bool]]:
    """(sync url for setup, app url, async?) and a table with one row, made outside every run."""
    kind, _, mode = request.param.partition("+")
    if kind == "sqlite":
        sync_url = f"sqlite:///{tmp_path / 'app.db'}"
        app_url = f"sqlite+aiosqlite:///{tmp_path / 'app.db'}" if mode else sync_url
    else:
        sync_url = request.getfixturevalue("postgres_url")
        app_url = request.getfixturevalue("postgres_async_url") if mode else sync_url
    yield sync_url, app_url, bool(mode)


@pytest.fixture
def table(database: tuple[str, str, bool]) -> Iterator[str]:
    with items_table(database[0]) as name:
        yield name


@pytest.fixture
def engine(database: tuple[str, str, bool]) -> Iterator[Any]:
    url, is_async = database[1], database[2]
    # async connections belong to the TestClient's event loop: not pooled past it
    made = create_async_engine(url, poolclass=NullPool) if is_async else create_engine(url)
    yield made
    uninstrument_engine(made)
    if not is_async:
        made.dispose()


def _sync_routes(engine: Any, table: str) -> tuple[APIRouter, APIRouter, FastAPI]:
    def session() -> Iterator[Session]:
        with Session(engine) as db:
            yield db
            db.execute(text(f"SELECT count(*) FROM {table}"))  # teardown of a yield dependency

    def audit() -> None:
        with Session(engine) as db:
            db.execute(text(f"SELECT name FROM {table} WHERE id = 1"))

    items = APIRouter(prefix="/items")

    @items.get("/{item_id}")
    def item(item_id: int, tasks: BackgroundTasks, db: Session = Depends(session)) -> dict:  # noqa: B008
        name = db.execute(text(f"SELECT name FROM {table} WHERE id = :id"), {"id": item_id}).scalar()
        tasks.add_task(audit)
        return {"id": item_id, "name": name}

    @items.get("/{item_id}/stream")
    def stream(item_id: int) -> StreamingResponse:
        def body() -> Iterator[bytes]:
            with Session(engine) as db:
                for _ in range(3):
                    yield db.execute(text(f"SELECT name FROM {table}")).scalar().encode() + b"\n"

        return StreamingResponse(body())

    boom = APIRouter()

    @boom.get("/boom")
    def fail(db: Session = Depends(session)) -> None:  # noqa: B008
        db.execute(text(f"SELECT id FROM {table}"))
        raise ValueError("boom")

    admin = FastAPI()

    @admin.get("/users/{user_id}")
    def user(user_id: str, db: Session = Depends(session)) -> dict:  # noqa: B008
        return {"user": user_id, "n": db.execute(text(f"SELECT count(*) FROM {table}")).scalar()}

    return items, boom, admin


def _async_routes(engine: Any, table: str) -> tuple[APIRouter, APIRouter, FastAPI]:
    async def session() -> AsyncIterator[AsyncSession]:
        async with AsyncSession(engine) as db:
            yield db
            await db.execute(text(f"SELECT count(*) FROM {table}"))

    async def audit() -> None:
        async with AsyncSession(engine) as db:
            await db.execute(text(f"SELECT name FROM {table} WHERE id = 1"))

    items = APIRouter(prefix="/items")

    @items.get("/{item_id}")
    async def item(item_id: int, tasks: BackgroundTasks, db: AsyncSession = Depends(session)) -> dict:  # noqa: B008
        name = (await db.execute(text(f"SELECT name FROM {table} WHERE id = :id"), {"id": item_id})).scalar()
        tasks.add_task(audit)
        return {"id": item_id, "name": name}

    @items.get("/{item_id}/stream")
    async def stream(item_id: int) -> StreamingResponse:
        async def body() -> AsyncIterator[bytes]:
            async with AsyncSession(engine) as db:
                for _ in range(3):
                    yield (await db.execute(text(f"SELECT name FROM {table}"))).scalar().encode() + b"\n"

        return StreamingResponse(body())

    boom = APIRouter()

    @boom.get("/boom")
    async def fail(db: AsyncSession = Depends(session)) -> None:  # noqa: B008
        await db.execute(text(f"SELECT id FROM {table}"))
        raise ValueError("boom")

    admin = FastAPI()

    @admin.get("/users/{user_id}")
    async def user(user_id: str, db: AsyncSession = Depends(session)) -> dict:  # noqa: B008
        return {"user": user_id, "n": (await db.execute(text(f"SELECT count(*) FROM {table}"))).scalar()}

    return items, boom, admin


def build_app(engine: Any, table: str, is_async: bool, otel: Any, server: str | None) -> FastAPI:
    """The app a user writes: a lifespan, routers included with prefixes, a mounted sub-app, and an HTTP
    middleware added after instrument_app that runs SQL of its own."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict]:
        yield {"greeting": "hello"}

    options: dict[str, Any] = {"lifespan": lifespan}
    if server == "native":
        options["telemetry"] = {"tracer_provider": otel.tracer_provider, "meter_provider": otel.meter_provider}
    app = FastAPI(**options)
    items, boom, admin = (_async_routes if is_async else _sync_routes)(engine, table)
    v1 = APIRouter(prefix="/api/v1")
    v1.include_router(items)
    v1.include_router(boom)
    app.include_router(v1)
    app.mount("/admin", admin)

    @app.get("/hello")
    def hello(request: Request) -> dict:
        return {"greeting": request.state.greeting}

    instrument_app(app, engines=[engine], capture_statement=True)

    @app.middleware("http")
    async def tenant(request: Request, call_next: Any) -> Any:
        sql = text(f"SELECT id FROM {table} WHERE id = 1")
        if is_async:
            async with engine.connect() as conn:
                await conn.execute(sql)
        else:
            with engine.connect() as conn:
                conn.execute(sql)
        return await call_next(request)

    if server == "contrib":
        FastAPIInstrumentor.instrument_app(app, tracer_provider=otel.tracer_provider,
                                           meter_provider=otel.meter_provider)
    return app


SERVERS = [None, "contrib", pytest.param("native", marks=pytest.mark.skipif(
    not NATIVE_TELEMETRY, reason="this FastAPI makes no request spans of its own"))]


@pytest.mark.parametrize("server", SERVERS)
def test_every_operation_of_every_request_is_in_its_run(
    otel: Any, database: tuple[str, str, bool], table: str, engine: Any, server: str | None
) -> None:
    app = build_app(engine, table, database[2], otel, server)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/api/v1/items/1").json() == {"id": 1, "name": "one"}
            assert client.get("/api/v1/items/1/stream").text == "one\none\none\n"
            assert client.get("/admin/users/u7").json() == {"user": "u7", "n": 1}
            assert client.get("/api/v1/items/abc").status_code == 422  # the route matched; its int did not
            assert client.get("/api/v1/boom").status_code == 500
            assert client.get("/nope").status_code == 404
            assert client.get("/admin/nope").status_code == 404  # into the mount, then no route
            assert client.post("/api/v1/items/1").status_code == 405
            assert client.get("/hello").json() == {"greeting": "hello"}  # the app's lifespan state
    finally:
        if server == "contrib":
            FastAPIInstrumentor.uninstrument_app(app)
    grouped = check_attribution(otel, [
        ITEM, "GET /api/v1/items/{item_id}/stream", "GET /admin/users/{user_id}", ITEM, "GET /api/v1/boom",
        "GET (unmatched)", "GET (unmatched)", "POST (unmatched)", "GET /hello",
    ], server_parent=server is not None)
    # the first request: middleware, endpoint, the yield dependency's teardown, the background task
    first = next(operations for run, operations in operations_by_run(otel) if run.name.endswith(ITEM))
    queries = sorted(re.sub(r"= (%\(id\)s|\$1)$", "= ?", s.attributes.get("db.query.text", s.name)) for s in first)
    assert queries == sorted([
        f"SELECT id FROM {table} WHERE id = ?",  # the HTTP middleware
        f"SELECT name FROM {table} WHERE id = ?",  # the endpoint (its bound parameter, as the driver writes it)
        f"SELECT count(*) FROM {table}",  # the yield dependency's teardown
        f"SELECT name FROM {table} WHERE id = ?",  # the background task (its literal 1)
        *["ROLLBACK"] * queries.count("ROLLBACK"),
    ]) and "ROLLBACK" in queries, queries
    assert statements(grouped["GET /api/v1/items/{item_id}/stream"]).count(f"SELECT {table}") == 4


@pytest.mark.parametrize("server", [None, "contrib"])
def test_a_raising_endpoint_fails_its_run(otel: Any, database: tuple[str, str, bool], table: str, engine: Any,
                                          server: str | None) -> None:
    app = build_app(engine, table, database[2], otel, server)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/api/v1/boom")
        with TestClient(app) as client, pytest.raises(ValueError, match="boom"):
            client.get("/api/v1/boom")
    finally:
        if server == "contrib":
            FastAPIInstrumentor.uninstrument_app(app)
    assert response.status_code == 500 and response.text == "Internal Server Error"
    grouped = check_attribution(otel, ["GET /api/v1/boom", "GET /api/v1/boom"],
                                server_parent=server is not None)
    assert "ROLLBACK" in statements(grouped["GET /api/v1/boom"])
    for run in runs(otel):
        if run.name == "botanu.run/GET /api/v1/boom":
            assert run.status.status_code is StatusCode.ERROR
            assert run.attributes["error.type"].endswith("ValueError")
            assert run.attributes["botanu.outcome.status"] == "failed"


@pytest.mark.parametrize("server", [None, "contrib"])
def test_an_incoming_traceparent_is_kept(otel: Any, database: tuple[str, str, bool], table: str, engine: Any,
                                         server: str | None) -> None:
    app = build_app(engine, table, database[2], otel, server)
    try:
        with TestClient(app) as client:
            assert client.get("/api/v1/items/1", headers={"traceparent": TRACEPARENT}).status_code == 200
    finally:
        if server == "contrib":
            FastAPIInstrumentor.uninstrument_app(app)
    check_attribution(otel, [ITEM], server_parent=server is not None)
    assert {format(s.context.trace_id, "032x") for s in otel.spans()} == {TRACE_ID}
    (run,) = runs(otel)
    if server is None:
        assert format(run.parent.span_id, "016x") == CALLER_SPAN_ID
    else:
        server_span = next(s for s in otel.spans() if s.kind is SpanKind.SERVER)
        assert format(server_span.parent.span_id, "016x") == CALLER_SPAN_ID


def test_instrument_app_twice_adds_one_middleware_and_after_start_warns(
    otel: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict:
        return {}

    instrument_app(app)
    instrument_app(app)
    with TestClient(app) as client:
        client.get("/ping")
        late = FastAPI()
        late.get("/x")(ping)
        with TestClient(late) as late_client:
            late_client.get("/x")
            with caplog.at_level(logging.WARNING, logger="botanu_data"):
                instrument_app(late)
            assert "after the app started serving" in caplog.text
            late_client.get("/x")
    assert [s.name for s in runs(otel)] == ["botanu.run/GET /ping"]
    assert sum(m.cls is BotanuDataMiddleware for m in app.user_middleware) == 1


def test_methods_outside_http_are_one_name(otel: Any) -> None:
    app = FastAPI()
    instrument_app(app)
    with TestClient(app) as client:
        client.request("BREW", "/pot")
        client.request("brew2", "/pot")
    assert [s.name for s in runs(otel)] == ["botanu.run/_OTHER (unmatched)"] * 2


def test_engines_that_are_not_engines_are_dropped_with_a_warning(
    otel: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(values_module, "_warned", set())  # each warning is logged once per process
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict:
        return {}

    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        assert instrument_app(app, engines="sqlite://") is app  # a URL, not an engine
    assert "instrument_app(engines='sqlite://') dropped" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # no internal fault
    with TestClient(app) as client:
        assert client.get("/ping").status_code == 200
    assert [s.name for s in runs(otel)] == ["botanu.run/GET /ping"]


def test_a_discarded_app_is_not_kept_alive_by_the_route_cache(otel: Any) -> None:
    """The flattened route lists are cached with the middleware, not in a module-level dict that would keep
    every app's routes (and what they reference) for the life of the process."""
    app = FastAPI()
    items = APIRouter(prefix="/items")

    @items.get("/{item_id}")
    def item(item_id: int) -> dict:
        return {"id": item_id}

    app.include_router(items, prefix="/api")
    instrument_app(app)
    with TestClient(app) as client:
        assert client.get("/api/items/1").status_code == 200
    assert [s.name for s in runs(otel)] == ["botanu.run/GET /api/items/{item_id}"]
    route = weakref.ref(app.router.routes[-1])
    del app, items, item, client
    gc.collect()
    assert route() is None
