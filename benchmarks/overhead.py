"""Per-statement overhead of instrument_engine, against baselines measured in the same process.

Each "request" is a parent span around 10 statements on one connection. Every configuration runs the
same workload on its own engine; many short rounds are interleaved, so machine noise hits all
configurations alike. Printed: µs added per statement over the uninstrumented engine in each
configuration's fastest round (as timeit does: interference only ever adds time), and each ratio twice:
from those fastest rounds, and as the median over rounds of the ratio within one round (configurations
measured back to back), which moves less from run to run.

    python benchmarks/overhead.py                     # SQLite in memory
    python benchmarks/overhead.py --url postgresql+psycopg://postgres@127.0.0.1/test

Configurations:
  empty pair   before/after_cursor_execute listeners that do nothing
  floor        a listener pair that starts and ends one bare span per statement (the least a
               span-per-statement design can cost, measured inside the execute path)
  contrib      opentelemetry-instrumentation-sqlalchemy (skip_dep_check=True so it accepts SQLAlchemy 2.1)
  botanu       botanu_data.instrument_engine with default options
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

from botanu_data import instrument_engine

STATEMENTS_PER_REQUEST = 10


class DiscardingExporter(SpanExporter):
    def export(self, spans: Sequence) -> SpanExportResult:
        return SpanExportResult.SUCCESS


def make_engine(url: str, table: str) -> sa.Engine:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        conn.exec_driver_sql(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, name VARCHAR(40), score INTEGER)")
        conn.execute(
            sa.text(f"INSERT INTO {table} (id, name, score) VALUES (:id, :name, :score)"),
            [{"id": i, "name": f"user{i}", "score": i % 97} for i in range(200)],
        )
    return engine


def add_empty_pair(engine: sa.Engine, tracer_provider: TracerProvider) -> None:
    sa.event.listen(engine, "before_cursor_execute", lambda *a: None)
    sa.event.listen(engine, "after_cursor_execute", lambda *a: None)


def add_floor_pair(engine: sa.Engine, tracer_provider: TracerProvider) -> None:
    tracer = tracer_provider.get_tracer("floor")

    def before(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        context._floor_span = tracer.start_span("query")

    def after(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        context._floor_span.end()

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "after_cursor_execute", after)


def add_contrib(engine: sa.Engine, tracer_provider: TracerProvider) -> None:
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    # it refuses SQLAlchemy 2.1 without skip_dep_check; it also wraps create_engine globally, so every
    # engine is created before this runs and run_scenario uninstruments it afterwards
    SQLAlchemyInstrumentor().instrument(engine=engine, tracer_provider=tracer_provider, skip_dep_check=True)


def workload(engine: sa.Engine, tracer: trace.Tracer, table: str, requests: int) -> float:
    select = sa.text(f"SELECT id, name, score FROM {table} WHERE id = :id")
    update = sa.text(f"UPDATE {table} SET score = score + 1 WHERE id = :id")
    start = time.perf_counter()
    with engine.connect() as conn:
        for request in range(requests):
            with tracer.start_as_current_span("request"):
                for i in range(STATEMENTS_PER_REQUEST):
                    if i == 9:
                        conn.execute(update, {"id": request % 200})
                    else:
                        conn.execute(select, {"id": (request + i) % 200}).fetchall()
    return time.perf_counter() - start


def run_scenario(
    title: str, url: str, tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None,
    requests: int, rounds: int,
) -> dict[str, list[float]]:
    """Per configuration: µs added per statement, the fastest round first, then every round in order."""
    tp = tracer_provider or trace.NoOpTracerProvider()
    setups: dict[str, Callable[[sa.Engine], None]] = {
        "baseline": lambda e: None,
        "empty pair": lambda e: add_empty_pair(e, tp),
        "floor": lambda e: add_floor_pair(e, tp),
        "botanu": lambda e: instrument_engine(e, tracer_provider=tracer_provider, meter_provider=meter_provider),
    }
    if tracer_provider is not None:
        setups["contrib"] = lambda e: add_contrib(e, tp)
    engines = {name: make_engine(url, f"bench_overhead_{index}") for index, name in enumerate(setups)}
    for name, setup in setups.items():
        setup(engines[name])
    tracer = tp.get_tracer("bench")
    for index, engine in enumerate(engines.values()):  # warm caches and pools
        workload(engine, tracer, f"bench_overhead_{index}", 50)
    samples: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(rounds):
        for index, (name, engine) in enumerate(engines.items()):
            samples[name].append(workload(engine, tracer, f"bench_overhead_{index}", requests))
    statements = requests * STATEMENTS_PER_REQUEST
    per_statement = {name: min(values) / statements * 1e6 for name, values in samples.items()}
    added = {name: per_statement[name] - per_statement["baseline"] for name in per_statement}
    baseline = samples["baseline"]
    by_round = {name: [(value - base) / statements * 1e6 for value, base in zip(values, baseline, strict=True)]
                for name, values in samples.items()}
    print(f"\n== {title}  ({url}; {statements} statements x {rounds} rounds, fastest round)")
    print(f"   uninstrumented statement: {per_statement['baseline']:.1f} µs")
    for name in engines:
        if name != "baseline":
            print(f"   {name:<11} adds {added[name]:7.1f} µs/statement")
    if "contrib" in engines:
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        SQLAlchemyInstrumentor().uninstrument()
    for engine in engines.values():
        engine.dispose()
    return {name: [added[name], *by_round[name]] for name in added}


def ratio(results: dict[str, list[float]], name: str, reference: str) -> str:
    fastest = results[name][0] / results[reference][0]
    pairs = zip(results[name][1:], results[reference][1:], strict=True)
    within = statistics.median([a / b for a, b in pairs if b > 0])
    return f"{fastest:.2f} (median within a round {within:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="sqlite://")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=25)
    args = parser.parse_args()

    results = {}
    scenarios = (("100% sampling", None), ("1% sampling (ParentBased)", ParentBased(TraceIdRatioBased(0.01))))
    for title, sampler in scenarios:
        tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
        tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        results[title] = run_scenario(title, args.url, tracer_provider, meter_provider, args.requests, args.rounds)
        tracer_provider.shutdown()
        meter_provider.shutdown()
    results["no SDK"] = run_scenario("no OpenTelemetry SDK configured", args.url, None, None, args.requests,
                                     args.rounds)

    print("\n== ratios of added cost: fastest rounds (median within a round); goal in brackets")
    full, sampled, none = results["100% sampling"], results["1% sampling (ParentBased)"], results["no SDK"]
    print(f"   100%: botanu / floor   = {ratio(full, 'botanu', 'floor')}  [<= 1.25]")
    print(f"   100%: botanu / contrib = {ratio(full, 'botanu', 'contrib')}  [<= 0.85]")
    print(f"     1%: botanu / floor   = {ratio(sampled, 'botanu', 'floor')}  [<= 1.3]")
    print(f"     1%: botanu / contrib = {ratio(sampled, 'botanu', 'contrib')}  [<= 0.8]")
    print(f" no SDK: botanu / empty listener pair = {ratio(none, 'botanu', 'empty pair')}  [<= 1.5]")


if __name__ == "__main__":
    main()
