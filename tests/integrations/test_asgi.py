"""BotanuDataMiddleware on a plain Starlette app and on a bare ASGI callable, through a real TestClient."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from _web_checks import check_attribution, runs
from sqlalchemy import create_engine, text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Host, Mount, Route, WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket

from botanu_data.engine import instrument_engine, uninstrument_engine
from botanu_data.integrations.asgi import BotanuDataMiddleware


@pytest.fixture
def engine(tmp_path: Any) -> Any:
    made = instrument_engine(create_engine(f"sqlite:///{tmp_path / 'asgi.db'}"))
    yield made
    uninstrument_engine(made)
    made.dispose()


def test_starlette_routes_mounts_and_hosts(otel: Any, engine: Any) -> None:
    def query(request: Any) -> JSONResponse:
        with engine.connect() as conn:
            return JSONResponse({"n": conn.execute(text("SELECT 1")).scalar(), **request.path_params})

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("hi")
        await websocket.close()

    reports = Starlette(routes=[Route("/daily/{day}", query)])
    app = Starlette(
        routes=[
            Route("/users/{user_id:int}", query),
            Mount("/reports", app=reports),
            Mount("/v2", routes=[Route("/orders/{order_id}", query, methods=["GET", "PUT"])]),
            Host("api.example.com", app=Starlette(routes=[Route("/status", query)])),
            WebSocketRoute("/ws", echo),
        ],
        middleware=[Middleware(BotanuDataMiddleware)],
    )
    with TestClient(app) as client:
        assert client.get("/users/3").json() == {"n": 1, "user_id": 3}
        assert client.get("/users/3").json() == {"n": 1, "user_id": 3}  # the cached answer
        assert client.get("/reports/daily/mon").json() == {"n": 1, "day": "mon"}
        assert client.put("/v2/orders/o1").json() == {"n": 1, "order_id": "o1"}
        assert client.get("/status", headers={"host": "api.example.com"}).json() == {"n": 1}
        assert client.get("/status").status_code == 404
        assert client.get("/users/x").status_code == 404
        with client.websocket_connect("/ws") as websocket:  # passes through, no run
            assert websocket.receive_text() == "hi"
    check_attribution(otel, [
        "GET /users/{user_id:int}", "GET /users/{user_id:int}", "GET /reports/daily/{day}",
        "PUT /v2/orders/{order_id}", "GET /status", "GET (unmatched)", "GET (unmatched)",
    ])


def test_a_bare_asgi_app_is_unmatched_and_its_failure_passes_through(otel: Any, engine: Any) -> None:
    failure = RuntimeError("down")

    async def bare(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":  # passed through: the app's own startup and shutdown
            while (await receive())["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        if scope["path"] == "/fail":
            raise failure
        await PlainTextResponse("ok")(scope, receive, send)

    with TestClient(BotanuDataMiddleware(bare)) as client:
        assert client.get("/anything/42").text == "ok"
        with pytest.raises(RuntimeError) as info:
            client.get("/fail")
    assert info.value is failure
    check_attribution(otel, ["GET (unmatched)", "GET (unmatched)"])
    failed = [run for run in runs(otel) if run.attributes.get("error.type")]
    assert len(failed) == 1 and failed[0].attributes["error.type"].endswith("RuntimeError")


def test_the_package_and_the_asgi_middleware_work_without_any_web_framework() -> None:
    script = (
        "import sys, asyncio\n"
        "for name in ('flask', 'fastapi', 'starlette', 'flask_sqlalchemy'):\n"
        "    sys.modules[name] = None  # importing them fails, as when they are not installed\n"
        "import botanu_data, botanu_data.integrations\n"
        "from botanu_data.integrations.asgi import BotanuDataMiddleware\n"
        "async def app(scope, receive, send):\n"
        "    print('served', scope['path'])\n"
        "asyncio.run(BotanuDataMiddleware(app)({'type': 'http', 'method': 'GET', 'path': '/x', 'headers': []},"
        " None, None))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "served /x"
