"""Flask and FastAPI behind real servers, with real HTTP traffic, on PostgreSQL.

Flask runs under werkzeug's threaded WSGI server in this process; FastAPI under uvicorn in a subprocess that
exports its spans to a JSON-lines file and its counters at lifespan shutdown. Concurrent requests, a raising
view, a 404, a streamed body and an incoming ``traceparent``: every database span lies in its own request's
run, and the ``botanu.data.operations`` counter per ``botanu.workflow`` equals the database spans.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import flask
import pytest
from _web_checks import CALLER_SPAN_ID, TRACE_ID, TRACEPARENT, check_attribution, items_table, runs
from opentelemetry.trace import StatusCode
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from botanu_data.engine import uninstrument_engine
from botanu_data.integrations.flask import BotanuData

HERE = Path(__file__).parent
TIMEOUT = 20.0  # seconds any wait of these tests may take at most


def get(base: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def send_traffic(base: str) -> dict[str, Any]:
    """The same traffic for both servers: 12 concurrent item requests, then a raising view, a 404, a
    streamed body and a request with a traceparent. Returns what came back."""
    with ThreadPoolExecutor(max_workers=6) as pool:
        items = list(pool.map(lambda i: get(base, f"/items/{1 + i % 2}"), range(12)))
    return {
        "items": items,
        "boom": get(base, "/boom"),
        "missing": get(base, "/no/such/page"),
        "stream": get(base, "/stream"),
        "traced": get(base, "/items/1", {"traceparent": TRACEPARENT}),
    }


# -- Flask under werkzeug's threaded server ---------------------------------------------------------------


@pytest.fixture
def table(postgres_url: str) -> Iterator[str]:
    with items_table(postgres_url) as name:
        yield name


def test_flask_under_a_threaded_wsgi_server(otel: Any, postgres_url: str, table: str) -> None:
    engine = create_engine(postgres_url, pool_size=8)
    app = flask.Flask("served")
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: a raising view is a 500 page

    @app.get("/items/<int:item_id>")
    def item(item_id: int) -> Any:
        with engine.connect() as conn:
            return {"name": conn.execute(text(f"SELECT name FROM {table} WHERE id = :id"), {"id": item_id}).scalar()}

    @app.get("/boom")
    def boom() -> Any:
        with engine.connect() as conn:
            conn.execute(text(f"SELECT id FROM {table}"))
        raise ValueError("boom")

    @app.get("/stream")
    def stream() -> Any:
        def body() -> Iterator[str]:
            for i in range(3):
                with engine.connect() as conn:
                    conn.execute(text(f"SELECT id FROM {table} WHERE id = 1"))
                yield f"chunk {i}\n"

        return flask.Response(flask.stream_with_context(body()), mimetype="text/plain")

    BotanuData(app, engines=[engine])
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        answers = send_traffic(f"http://127.0.0.1:{server.server_port}")
        # the server closes a streamed body after the client has read it: wait for every span to end
        wait_until(lambda: otel.counter.started == otel.counter.ended, "every span to end")
    finally:
        server.shutdown()
        thread.join(TIMEOUT)
        uninstrument_engine(engine)
        engine.dispose()

    assert [status for status, _ in answers["items"]] == [200] * 12
    assert answers["boom"][0] == 500 and answers["missing"][0] == 404
    assert answers["stream"] == (200, b"chunk 0\nchunk 1\nchunk 2\n")
    expected = ["GET /items/<int:item_id>"] * 13 + ["GET /boom", "GET (unmatched)", "GET /stream"]
    grouped = check_attribution(otel, expected)
    # the streamed body's SQL is in its run: its three SELECTs (and each connection's ROLLBACK at close)
    assert [s.name for s in grouped["GET /stream"]].count(f"SELECT {table}") == 3
    (failed,) = [run for run in runs(otel) if run.name == "botanu.run/GET /boom"]
    assert failed.status.status_code is StatusCode.ERROR and failed.attributes["error.type"] == "ValueError"
    (traced,) = [run for run in runs(otel) if run.context.trace_id == int(TRACE_ID, 16)]
    assert traced.parent is not None and traced.parent.span_id == int(CALLER_SPAN_ID, 16)


# -- FastAPI under uvicorn, in a subprocess ----------------------------------------------------------------


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_fastapi_under_uvicorn(postgres_url: str, postgres_async_url: str, table: str, tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE.parent.parent), os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen(
        [sys.executable, str(HERE / "_served_fastapi_app.py"), postgres_url, postgres_async_url, table, str(tmp_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        port_file = tmp_path / "port"
        wait_until(lambda: port_file.exists() and port_file.read_text() != "" or server.poll() is not None,
                   "uvicorn to bind")
        assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
        port = int(port_file.read_text())
        wait_until(lambda: _reachable(port), "uvicorn to listen")
        answers = send_traffic(f"http://127.0.0.1:{port}")
        with ThreadPoolExecutor(max_workers=4) as pool:  # async endpoints interleaving on the event loop
            async_answers = list(pool.map(lambda i: get(f"http://127.0.0.1:{port}", "/async/1"), range(8)))
        server.send_signal(signal.SIGTERM)  # graceful shutdown: the lifespan writes the counters
        output = server.communicate(timeout=TIMEOUT)[0].decode()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(TIMEOUT)
    # uvicorn shuts down gracefully, then raises the signal it caught again: it exits by SIGTERM
    assert server.returncode in (0, -signal.SIGTERM), output
    assert (tmp_path / "operations.json").exists(), output  # the app's lifespan shutdown ran

    assert [status for status, _ in answers["items"]] == [200] * 12
    assert [status for status, _ in async_answers] == [200] * 8
    assert answers["boom"][0] == 500 and answers["missing"][0] == 404
    assert answers["stream"] == (200, b"chunk 0\nchunk 1\nchunk 2\n")

    spans = [json.loads(line) for line in (tmp_path / "spans.jsonl").read_text().splitlines()]
    by_id = {s["span_id"]: s for s in spans}
    found = [s for s in spans if s["name"].startswith("botanu.run/")]
    expected = (["GET /items/{item_id}"] * 13 + ["GET /async/{item_id}"] * 8
                + ["GET /boom", "GET (unmatched)", "GET /stream"])
    assert sorted(s["attributes"]["botanu.workflow"] for s in found) == sorted(expected)
    per_run: Counter[str] = Counter()
    operations = [s for s in spans if "db.system" in s["attributes"]]
    for operation in operations:
        node = operation
        while node is not None and not node["name"].startswith("botanu.run/"):
            node = by_id.get(node["parent_id"])
        assert node is not None, f"{operation['name']} is outside every run"
        assert operation["attributes"]["botanu.run_id"] == node["attributes"]["botanu.run_id"]
        assert operation["attributes"]["botanu.workflow"] == node["attributes"]["botanu.workflow"]
        per_run[node["span_id"]] += 1
    for run in found:
        assert run["attributes"]["botanu.run.db.operations"] == per_run[run["span_id"]], run["name"]
    by_workflow = Counter(s["attributes"]["botanu.workflow"] for s in operations)
    selects = Counter(s["attributes"]["botanu.workflow"] for s in operations if s["name"] == f"SELECT {table}")
    assert selects["GET /stream"] == 3  # the streamed body's SQL is in its run
    assert selects["GET /items/{item_id}"] == 13 * 2  # the endpoint's SELECT and its dependency's teardown
    counted: Counter[str] = Counter()
    for attributes, value in json.loads((tmp_path / "operations.json").read_text()):
        assert attributes.get("botanu.workflow"), f"an operation was counted outside every run: {attributes}"
        counted[attributes["botanu.workflow"]] += value
    assert counted == by_workflow
    (failed,) = [s for s in found if s["name"] == "botanu.run/GET /boom"]
    assert failed["status"] == "ERROR" and failed["attributes"]["error.type"] == "ValueError"
    (traced,) = [s for s in found if s["trace_id"] == TRACE_ID]
    # FastAPI makes its own SERVER span when a tracer provider is set: the run is its child, in the caller's trace
    server_span = by_id.get(traced["parent_id"])
    if server_span is not None:
        assert server_span["kind"] == "SERVER" and server_span["parent_id"] == CALLER_SPAN_ID
    else:
        assert traced["parent_id"] == CALLER_SPAN_ID
