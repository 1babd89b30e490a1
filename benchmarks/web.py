"""Per-request cost of the Flask and FastAPI integrations, next to OpenTelemetry's own server instrumentations.

Three copies of one app per framework (about twenty routes, a blueprint / included routers with prefixes),
identical but for their instrumentation: none (baseline), botanu-data (``BotanuData(app)`` /
``instrument_app(app)``: the request's run and its route's name), and opentelemetry-instrumentation-flask /
-fastapi (the SERVER span, its attributes and HTTP metrics). Each request goes straight into the app's WSGI or
ASGI callable with a prepared environ / scope (no test client, no server: those cost the same for all three
and would only add noise), to a parametrized route, and runs no SQL: what is measured is the integration.

Rounds of a few requests per configuration are interleaved in a rotating order and the objects that exist
after the warm-up are frozen out of the garbage collector, as in ``overhead.py`` (whose ratio estimates are
used here too): the machine's speed drifts by up to 2x within seconds, so only back-to-back measurements are
compared.

FastAPI runs twice: with paths that repeat (route resolution answered from the middleware's cache) and with
a new path on every request (every request resolved by matching the routes, as for ids that never repeat).

    python benchmarks/web.py [--rounds 200] [--requests 20]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from overhead import DiscardingExporter, ratio  # noqa: E402 - the sibling script's helpers

from botanu_data import configure  # noqa: E402

CONFIGS = ("baseline", "botanu", "contrib")
ROUTES = 20


# -- Flask ------------------------------------------------------------------------------------------------

def flask_app(kind: str, tracer_provider: TracerProvider, meter_provider: MeterProvider) -> Any:
    import flask

    app = flask.Flask(f"bench_{kind}")
    api = flask.Blueprint("api", __name__, url_prefix="/api/v1")
    for index in range(ROUTES):
        api.add_url_rule(f"/things{index}/<int:thing_id>", f"thing{index}", lambda thing_id: {"id": thing_id})
    api.add_url_rule("/items/<int:item_id>", "item", lambda item_id: {"id": item_id})
    app.register_blueprint(api)
    if kind == "botanu":
        from botanu_data.integrations.flask import BotanuData

        BotanuData(app)
    elif kind == "contrib":
        from opentelemetry.instrumentation.flask import FlaskInstrumentor

        FlaskInstrumentor().instrument_app(app, tracer_provider=tracer_provider, meter_provider=meter_provider)
    return app


def flask_runner(app: Any, fresh_paths: bool) -> Callable[[int], float]:
    template = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "QUERY_STRING": "", "SERVER_NAME": "localhost",
        "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": "localhost", "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": False, "wsgi.run_once": False, "REMOTE_ADDR": "127.0.0.1",
    }
    ids = itertools.count()

    def start_response(status: str, headers: list, exc_info: Any = None) -> None:
        pass

    def run(requests: int) -> float:
        environs = []
        for _ in range(requests):
            environ = dict(template, PATH_INFO=f"/api/v1/items/{next(ids) if fresh_paths else 7}")
            environ["wsgi.input"] = io.BytesIO()
            environs.append(environ)
        start = time.perf_counter()
        for environ in environs:
            body = app(environ, start_response)
            for _chunk in body:
                pass
            body.close()
        return time.perf_counter() - start

    return run


# -- FastAPI ----------------------------------------------------------------------------------------------

def fastapi_app(kind: str, tracer_provider: TracerProvider, meter_provider: MeterProvider) -> Any:
    import inspect

    from fastapi import APIRouter, FastAPI

    options: dict[str, Any] = {}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:  # FastAPI's own spans: off in all three
        options["telemetry"] = {"tracing": False, "metrics": False, "logs": False}
    app = FastAPI(**options)
    items = APIRouter(prefix="/items")
    things = APIRouter(prefix="/things")

    async def item(item_id: int) -> dict:
        return {"id": item_id}

    for index in range(ROUTES):
        things.add_api_route(f"/{index}/{{thing_id}}", item)
    items.add_api_route("/{item_id}", item)
    v1 = APIRouter(prefix="/api/v1")
    v1.include_router(things)
    v1.include_router(items)
    app.include_router(v1)
    if kind == "botanu":
        from botanu_data.integrations.fastapi import instrument_app

        instrument_app(app)
    elif kind == "contrib":
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider, meter_provider=meter_provider)
    return app


def fastapi_runner(app: Any, fresh_paths: bool) -> Callable[[int], float]:
    loop = asyncio.new_event_loop()
    ids = itertools.count()
    template = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "query_string": b"", "root_path": "", "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 1234), "server": ("localhost", 80),
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        pass

    async def batch(scopes: list[dict]) -> float:
        start = time.perf_counter()
        for scope in scopes:
            await app(scope, receive, send)
        return time.perf_counter() - start

    def run(requests: int) -> float:
        scopes = []
        for _ in range(requests):
            path = f"/api/v1/items/{next(ids) if fresh_paths else 7}"
            scopes.append(dict(template, path=path, raw_path=path.encode()))
        return loop.run_until_complete(batch(scopes))

    return run


# -- measuring --------------------------------------------------------------------------------------------

def measure(title: str, make_app: Callable[..., Any], make_runner: Callable[[Any, bool], Callable[[int], float]],
            fresh_paths: bool, requests: int, rounds: int) -> dict[str, list[float]]:
    """Per configuration: the µs it added per request in each round, in round order."""
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
    meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
    configure(tracer_provider=tracer_provider, meter_provider=meter_provider)
    runners = {kind: make_runner(make_app(kind, tracer_provider, meter_provider), fresh_paths) for kind in CONFIGS}
    for runner in runners.values():  # warm-up: first-request setup, caches
        runner(200)
    gc.collect()
    gc.freeze()
    samples: dict[str, list[float]] = {kind: [] for kind in CONFIGS}
    order = list(runners.items())
    for round_number in range(rounds):
        shift = round_number % len(order)
        for kind, runner in order[shift:] + order[:shift]:
            samples[kind].append(runner(requests))
    gc.unfreeze()
    baseline = samples["baseline"]
    added = {kind: [(value - base) / requests * 1e6 for value, base in zip(values, baseline, strict=True)]
             for kind, values in samples.items()}
    print(f"\n== {title}  ({requests} requests x {rounds} rounds, medians over rounds)")
    print(f"   uninstrumented request: {statistics.median(baseline) / requests * 1e6:.1f} µs")
    for kind in ("botanu", "contrib"):
        print(f"   {kind:<8} adds {statistics.median(added[kind]):6.1f} µs/request")
    print(f"   botanu / contrib = {ratio(added, 'botanu', 'contrib')}  [<= 0.5]")
    tracer_provider.shutdown()
    meter_provider.shutdown()
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20, help="requests per configuration and round")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    measure("Flask", flask_app, flask_runner, False, args.requests, args.rounds)
    measure("FastAPI, repeating paths", fastapi_app, fastapi_runner, False, args.requests, args.rounds)
    measure("FastAPI, a new path every request", fastapi_app, fastapi_runner, True, args.requests, args.rounds)


if __name__ == "__main__":
    main()
