"""Flask + Flask-SQLAlchemy through Flask's test client, on SQLite and PostgreSQL: every operation of every
request, from the first before_request hook to Flask-SQLAlchemy's session removal, is in that request's run."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import flask
import pytest
from _web_checks import (
    CALLER_SPAN_ID,
    TRACE_ID,
    TRACEPARENT,
    check_attribution,
    items_table,
    runs,
    statements,
    unique,
)
from flask_sqlalchemy import SQLAlchemy
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from opentelemetry.trace import SpanKind, StatusCode
from sqlalchemy import create_engine, text

from botanu_data.engine import is_instrumented, uninstrument_engine
from botanu_data.integrations.flask import BotanuData


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'app.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def table(database_url: str) -> Iterator[str]:
    with items_table(database_url) as name:
        yield name


@pytest.fixture
def apps() -> Iterator[list[flask.Flask]]:
    """Apps made by a test; their engines are disposed and uninstrumented afterwards."""
    made: list[flask.Flask] = []
    yield made
    for app in made:
        if hasattr(app, "_teardown_request"):  # instrumented by instrument_app (not the global subclass)
            FlaskInstrumentor().uninstrument_app(app)
        with app.app_context():
            for engine in app.extensions["sqlalchemy"].engines.values():
                uninstrument_engine(engine)
                engine.dispose()


def create_app(
    url: str, table: str, otel: Any, *, fsa_first: bool = True, contrib: str | None = None, **config: Any
) -> flask.Flask:
    """An app factory as a user writes one: extensions made once, ``init_app`` per app, hooks registered before
    BotanuData; ``contrib``: OpenTelemetry's Flask instrumentation "before" or "after" BotanuData, or
    "global" (``FlaskInstrumentor().instrument()``: the app is its Flask subclass, its hooks registered first)."""
    if contrib == "global":
        FlaskInstrumentor().instrument(tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider)
    try:
        app = flask.Flask(unique("app"))
    finally:
        if contrib == "global":
            FlaskInstrumentor().uninstrument()  # later apps are plain Flask again; this one keeps its hooks
    app.config.update(SQLALCHEMY_DATABASE_URI=url, SQLALCHEMY_BINDS={"audit": url}, **config)
    db = SQLAlchemy()
    ext = BotanuData()

    @app.before_request
    def count_items() -> None:
        db.session.execute(text(f"SELECT count(*) FROM {table}"))

    @app.teardown_request
    def audit(exc: BaseException | None) -> None:
        db.session.execute(text(f"SELECT name FROM {table} WHERE id = 1"))

    api = flask.Blueprint("api", __name__, url_prefix="/api")

    @api.before_request
    def api_hook() -> None:
        db.session.execute(text(f"SELECT id FROM {table} WHERE id = 1"))

    @api.get("/items/<int:item_id>")
    def item(item_id: int) -> Any:
        row = db.session.execute(text(f"SELECT id, name FROM {table} WHERE id = :id"), {"id": item_id}).first()
        db.session.execute(text(f"SELECT count(*) FROM {table}"), bind_arguments={"bind": db.engines["audit"]})
        return {"id": row[0], "name": row[1]}

    @app.get("/boom")
    def boom() -> Any:
        db.session.execute(text(f"SELECT name FROM {table}"))
        raise ValueError("boom")

    app.register_blueprint(api)
    if contrib == "before":
        FlaskInstrumentor().instrument_app(app, tracer_provider=otel.tracer_provider,
                                           meter_provider=otel.meter_provider)
    if fsa_first:
        db.init_app(app)
        ext.init_app(app)
    else:
        ext.init_app(app)
        db.init_app(app)
    if contrib == "after":
        FlaskInstrumentor().instrument_app(app, tracer_provider=otel.tracer_provider,
                                           meter_provider=otel.meter_provider)
    return app


@pytest.mark.parametrize(("fsa_first", "contrib"), [
    (True, None), (False, None), (True, "before"), (False, "after"), (False, "global"),
])
def test_every_operation_of_every_request_is_in_its_run(
    otel: Any, database_url: str, table: str, apps: list[flask.Flask], fsa_first: bool, contrib: str | None
) -> None:
    app = create_app(database_url, table, otel, fsa_first=fsa_first, contrib=contrib)
    apps.append(app)
    client = app.test_client()

    assert client.get("/api/items/1").json == {"id": 1, "name": "one"}
    assert client.get("/nope").status_code == 404
    assert client.post("/api/items/1").status_code == 405
    assert client.get("/boom").status_code == 500

    grouped = check_attribution(
        otel, ["GET /api/items/<int:item_id>", "GET (unmatched)", "POST (unmatched)", "GET /boom"],
        server_parent=contrib is not None,
    )
    # app hook, blueprint hook, view (default engine, then the bind), teardown_request, and the session
    # removal's ROLLBACK in teardown_appcontext: the two engines each roll back their connection
    assert statements(grouped["GET /api/items/<int:item_id>"]) == [
        f"SELECT {table}", f"SELECT {table}", f"SELECT {table}", f"SELECT {table}", f"SELECT {table}",
        "ROLLBACK", "ROLLBACK",
    ]
    assert statements(grouped["GET (unmatched)"]) == [f"SELECT {table}", f"SELECT {table}", "ROLLBACK"]
    with app.app_context():
        assert all(is_instrumented(engine) for engine in app.extensions["sqlalchemy"].engines.values())
    failed = [run for run in runs(otel) if run.name == "botanu.run/GET /boom"][0]
    assert failed.status.status_code is StatusCode.ERROR
    assert failed.attributes["botanu.outcome.status"] == "failed"
    assert failed.attributes["error.type"].endswith("ValueError")


@pytest.mark.parametrize("contrib", [None, "after"])
def test_an_incoming_traceparent_is_kept(
    otel: Any, database_url: str, table: str, apps: list[flask.Flask], contrib: str | None
) -> None:
    app = create_app(database_url, table, otel, contrib=contrib)
    apps.append(app)
    assert app.test_client().get("/api/items/1", headers={"traceparent": TRACEPARENT}).status_code == 200
    check_attribution(otel, ["GET /api/items/<int:item_id>"], server_parent=contrib is not None)
    assert {format(s.context.trace_id, "032x") for s in otel.spans()} == {TRACE_ID}
    (run,) = runs(otel)
    if contrib is None:
        assert format(run.parent.span_id, "016x") == CALLER_SPAN_ID
    else:
        server = otel.span("GET /api/items/<int:item_id>")
        assert server.kind is SpanKind.SERVER and format(server.parent.span_id, "016x") == CALLER_SPAN_ID


def test_two_apps_in_one_process_each_instrument_their_own_engines_once(
    otel: Any, tmp_path: Any, apps: list[flask.Flask]
) -> None:
    made = []
    for index in range(2):
        url = f"sqlite:///{tmp_path / f'app{index}.db'}"
        name = unique("items")
        with create_engine(url).begin() as conn:
            conn.execute(text(f"CREATE TABLE {name} (id integer PRIMARY KEY, name varchar(40))"))
            conn.execute(text(f"INSERT INTO {name} VALUES (1, 'one')"))
        app = create_app(url, name, otel)
        BotanuData(app)  # a second init on the same app changes nothing
        apps.append(app)
        made.append(app)
    for app in made:
        app.test_client().get("/api/items/1")
        app.test_client().get("/api/items/1")
    grouped = check_attribution(otel, ["GET /api/items/<int:item_id>"] * 4)
    assert len(grouped["GET /api/items/<int:item_id>"]) == 4 * 7  # each statement traced once, not twice
    engines = []
    for app in made:
        with app.app_context():
            engines.extend(app.extensions["sqlalchemy"].engines.values())
    assert len(set(map(id, engines))) == 4 and all(map(is_instrumented, engines))


@pytest.mark.parametrize("propagate", [False, True])
def test_a_raising_view_fails_the_run_and_the_response_is_unchanged(
    otel: Any, tmp_path: Any, propagate: bool
) -> None:
    raised: list[BaseException] = []

    def make(instrument: bool) -> flask.Flask:
        app = flask.Flask(unique("app"))
        app.config["PROPAGATE_EXCEPTIONS"] = propagate
        if instrument:
            BotanuData(app)

        @app.get("/boom")
        def boom() -> Any:
            raised.append(KeyError("missing"))
            raise raised[-1]

        return app

    outcomes = []
    for instrument in (False, True):
        client = make(instrument).test_client()
        if propagate:
            with pytest.raises(KeyError) as info:
                client.get("/boom")
            assert info.value is raised[-1] and info.value.__traceback__ is not None
            outcomes.append(repr(info.value))
        else:
            response = client.get("/boom")
            outcomes.append((response.status_code, response.data, sorted(response.headers.items())))
    assert outcomes[0] == outcomes[1]
    (run,) = runs(otel)
    assert run.status.status_code is StatusCode.ERROR and run.attributes["error.type"].endswith("KeyError")
    assert otel.counter.started == otel.counter.ended


@pytest.mark.parametrize("contrib", [None, "after"])
def test_a_body_streamed_with_context_is_in_the_run(otel: Any, database_url: str, table: str,
                                                     apps: list[flask.Flask], contrib: str | None) -> None:
    app = create_app(database_url, table, otel, contrib=contrib)
    apps.append(app)
    db: SQLAlchemy = app.extensions["sqlalchemy"]

    @app.get("/stream")
    def stream() -> Any:
        def rows() -> Iterator[str]:
            for _ in range(3):
                yield str(db.session.execute(text(f"SELECT name FROM {table}")).scalar()) + "\n"

        return flask.Response(flask.stream_with_context(rows()))

    response = app.test_client().get("/stream")
    assert runs(otel) == []  # the body has not been read: the request is still open
    assert response.data == b"one\none\none\n"
    grouped = check_attribution(otel, ["GET /stream"], server_parent=contrib is not None)
    names = statements(grouped["GET /stream"])
    # before_request, the three rows of the body, teardown_request (Flask 3.1 tears down again when a
    # stream_with_context body ends), then the session removal's ROLLBACK
    assert names.count(f"SELECT {table}") >= 5 and names[-1] == "ROLLBACK"


def test_a_request_inside_an_app_context_pushed_by_the_caller(otel: Any, database_url: str, table: str,
                                                              apps: list[flask.Flask]) -> None:
    app = create_app(database_url, table, otel)
    apps.append(app)
    with app.app_context():  # Flask then pushes no app context of its own: no teardown_appcontext
        assert app.test_client().get("/api/items/1").status_code == 200
        assert app.test_client().get("/api/items/1").status_code == 200
        # both runs ended with their requests; the session is the caller's app context's, removed with it
        check_attribution(otel, ["GET /api/items/<int:item_id>"] * 2)


def test_options_from_app_config(otel: Any, database_url: str, table: str, apps: list[flask.Flask],
                                 caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    from botanu_data import values

    monkeypatch.setattr(values, "_warned", set())  # each bad value is logged once per process
    with caplog.at_level(logging.WARNING, logger="botanu_data"):
        app = create_app(database_url, table, otel, BOTANU_DATA_CAPTURE_STATEMENT="true",
                         BOTANU_DATA_TRACE_TRANSACTIONS="sometimes")
    apps.append(app)
    assert "app.config(BOTANU_DATA_TRACE_TRANSACTIONS='sometimes') dropped" in caplog.text
    app.test_client().get("/api/items/1", query_string={"secret": "x"})
    grouped = check_attribution(otel, ["GET /api/items/<int:item_id>"])
    queries = [s.attributes.get("db.query.text") for s in grouped["GET /api/items/<int:item_id>"]]
    assert f"SELECT name FROM {table} WHERE id = ?" in queries  # the literal 1 is not recorded
    assert any(query and query.startswith(f"SELECT id, name FROM {table} WHERE id = ") for query in queries)


def test_use_case_from_route_off_instruments_engines_only(otel: Any, database_url: str, table: str,
                                                          apps: list[flask.Flask]) -> None:
    app = create_app(database_url, table, otel, BOTANU_DATA_USE_CASE_FROM_ROUTE=False)
    apps.append(app)
    assert app.test_client().get("/api/items/1").status_code == 200
    assert runs(otel) == []
    assert [s for s in otel.spans() if s.name == f"SELECT {table}"]
    assert all("botanu.workflow" not in s.attributes for s in otel.spans())


def test_extra_engines_are_instrumented(otel: Any, tmp_path: Any) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'extra.db'}")
    app = flask.Flask(unique("app"))
    BotanuData(app, engines=[engine])

    @app.get("/ping")
    def ping() -> Any:
        with engine.connect() as conn:
            return {"one": conn.execute(text("SELECT 1")).scalar()}

    try:
        assert app.test_client().get("/ping").json == {"one": 1}
        check_attribution(otel, ["GET /ping"])
    finally:
        uninstrument_engine(engine)
        engine.dispose()


def test_an_async_view_is_in_the_run(otel: Any, database_url: str, table: str, apps: list[flask.Flask]) -> None:
    pytest.importorskip("asgiref")  # Flask runs async views through asgiref (flask[async])
    app = create_app(database_url, table, otel)
    apps.append(app)
    db: SQLAlchemy = app.extensions["sqlalchemy"]

    @app.get("/async/<name>")
    async def greet(name: str) -> Any:
        return {"name": name, "n": db.session.execute(text(f"SELECT count(*) FROM {table}")).scalar()}

    assert app.test_client().get("/async/ada").json == {"name": "ada", "n": 1}
    grouped = check_attribution(otel, ["GET /async/<name>"])
    assert statements(grouped["GET /async/<name>"]) == [f"SELECT {table}"] * 3 + ["ROLLBACK"]
