"""Per-statement overhead of instrument_engine, against baselines measured in the same process.

Each "request" is a parent span around 10 statements on one connection. Every configuration runs the
same workload on its own engine, in many short rounds (10 requests, ~5-15 ms each) interleaved in a
rotating order, so that the configurations compared within one round ran back to back on the same machine
state: on a shared 2-core host, the speed of plain Python moves by up to 2x over a few hundred milliseconds,
which fastest-of-N or long rounds cannot separate from the differences measured here. After the warm-up,
the objects that exist then (SQLAlchemy, OpenTelemetry, the engines) are moved out of the garbage
collector's reach with ``gc.freeze()``: otherwise a full collection, which walks all of them and costs
~15 ms here, lands on whichever configuration happens to be running. Collections of what the workload
itself allocates still happen and are counted.

Printed per configuration: the median over rounds of the µs it adds per statement over the uninstrumented
engine measured in the same round. Each ratio is printed three ways: paired by round (the headline: 1 + the
median over rounds of the difference between the two configurations, which ran back to back, divided by the
reference's median), the median over rounds of the ratio within one round (skewed upwards: it divides by a
small, noisy difference), and the ratio of the medians.

    python benchmarks/overhead.py                     # SQLite in memory
    python benchmarks/overhead.py --url postgresql+psycopg://postgres@127.0.0.1/test
    python benchmarks/overhead.py --url postgresql+psycopg://postgres@127.0.0.1/test --tag-queries
    python benchmarks/overhead.py --in-use-case       # every request in a use_case, for every configuration

Configurations:
  empty pair   before/after_cursor_execute listeners that do nothing
  floor        a listener pair that starts and ends one bare span per statement (the least a
               span-per-statement design can cost, measured inside the execute path)
  contrib      opentelemetry-instrumentation-sqlalchemy (skip_dep_check=True so it accepts SQLAlchemy 2.1)
  botanu       botanu_data.instrument_engine with default options
  botanu+tags  (--tag-queries) instrument_engine(tag_queries=True); every request then runs in a use_case
               (the tagger tags only statements under a workflow), for every configuration alike, and the
               tagger's own cost is printed: botanu+tags minus botanu, paired by round
"""

from __future__ import annotations

import argparse
import gc
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

from botanu_data import configure, instrument_engine, use_case
from botanu_data.providers import reset_configuration

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


def workload(engine: sa.Engine, tracer: trace.Tracer, table: str, requests: int, in_use_case: bool = False) -> float:
    select = sa.text(f"SELECT id, name, score FROM {table} WHERE id = :id")
    update = sa.text(f"UPDATE {table} SET score = score + 1 WHERE id = :id")
    start = time.perf_counter()
    with engine.connect() as conn:
        for request in range(requests):
            with use_case("GET /bench/{id}") if in_use_case else tracer.start_as_current_span("request"):
                for i in range(STATEMENTS_PER_REQUEST):
                    if i == 9:
                        conn.execute(update, {"id": request % 200})
                    else:
                        conn.execute(select, {"id": (request + i) % 200}).fetchall()
    return time.perf_counter() - start


def run_scenario(
    title: str, url: str, tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None,
    requests: int, rounds: int, tag_queries: bool = False, in_use_case: bool = False,
) -> dict[str, list[float]]:
    """Per configuration: the µs it added per statement in each round, in round order."""
    tp = tracer_provider or trace.NoOpTracerProvider()
    # the use cases' own spans and counters go to the same providers as the engines' (a use case reports to the
    # configured ones): a request's statements are then its run span's children, as the request span's are
    configure(tracer_provider=tracer_provider, meter_provider=meter_provider)
    setups: dict[str, Callable[[sa.Engine], None]] = {
        "baseline": lambda e: None,
        "empty pair": lambda e: add_empty_pair(e, tp),
        "floor": lambda e: add_floor_pair(e, tp),
        "botanu": lambda e: instrument_engine(e, tracer_provider=tracer_provider, meter_provider=meter_provider),
    }
    if tracer_provider is not None and not tag_queries:
        setups["contrib"] = lambda e: add_contrib(e, tp)
    if tag_queries:
        setups["botanu+tags"] = lambda e: instrument_engine(
            e, tracer_provider=tracer_provider, meter_provider=meter_provider, tag_queries=True)
    engines = {name: make_engine(url, f"bench_overhead_{index}") for index, name in enumerate(setups)}
    for name, setup in setups.items():
        setup(engines[name])
    tracer = tp.get_tracer("bench")
    in_use_case = in_use_case or tag_queries
    for index, engine in enumerate(engines.values()):  # warm caches and pools
        workload(engine, tracer, f"bench_overhead_{index}", 50, in_use_case)
    gc.collect()
    gc.freeze()
    samples: dict[str, list[float]] = {name: [] for name in engines}
    order = list(enumerate(engines.items()))
    for round_number in range(rounds):
        shift = round_number % len(order)
        for index, (name, engine) in order[shift:] + order[:shift]:
            samples[name].append(workload(engine, tracer, f"bench_overhead_{index}", requests, in_use_case))
    gc.unfreeze()
    statements = requests * STATEMENTS_PER_REQUEST
    baseline = samples["baseline"]
    by_round = {name: [(value - base) / statements * 1e6 for value, base in zip(values, baseline, strict=True)]
                for name, values in samples.items()}
    print(f"\n== {title}  ({url}; {statements} statements x {rounds} rounds, medians over rounds)")
    print(f"   uninstrumented statement: {statistics.median(baseline) / statements * 1e6:.1f} µs")
    for name in engines:
        if name != "baseline":
            print(f"   {name:<11} adds {statistics.median(by_round[name]):7.1f} µs/statement")
    if "contrib" in engines:
        from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

        SQLAlchemyInstrumentor().uninstrument()
    for engine in engines.values():
        engine.dispose()
    reset_configuration()
    return by_round


def ratio(results: dict[str, list[float]], name: str, reference: str) -> str:
    """Three estimates of (cost added by ``name``) / (cost added by ``reference``): the paired one (1 + the
    median of the per-round differences over the median reference), the median of per-round ratios, and the
    ratio of medians. A per-round ratio divides by a small noisy difference (the reference's added cost, ~20 µs
    give or take a few), which skews it upwards; the per-round difference needs no division."""
    paired = list(zip(results[name], results[reference], strict=True))
    reference_median = statistics.median(results[reference])
    by_difference = 1 + statistics.median([a - b for a, b in paired]) / reference_median
    within = statistics.median([a / b for a, b in paired if b > 0])
    of_medians = statistics.median(results[name]) / reference_median
    return f"{by_difference:.2f} (median of round ratios {within:.2f}, ratio of medians {of_medians:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="sqlite://")
    parser.add_argument("--requests", type=int, default=10, help="requests per configuration and round")
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--tag-queries", action="store_true", help="measure what tag_queries=True adds")
    parser.add_argument("--in-use-case", action="store_true",
                        help="every request in a use_case (its run attributed), for every configuration")
    args = parser.parse_args()
    if args.tag_queries:
        tracer_provider = TracerProvider()
        tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        tagged = run_scenario("100% sampling, in a use case", args.url, tracer_provider, meter_provider,
                              args.requests, args.rounds, tag_queries=True)
        added = [a - b for a, b in zip(tagged["botanu+tags"], tagged["botanu"], strict=True)]
        print(f"\n== tag_queries=True adds {statistics.median(added):.2f} µs/statement over botanu (paired by round;"
              f" quartiles {statistics.quantiles(added, n=4)[0]:.2f} .. {statistics.quantiles(added, n=4)[2]:.2f})")
        return

    results = {}
    scenarios = (("100% sampling", None), ("1% sampling (ParentBased)", ParentBased(TraceIdRatioBased(0.01))))
    for title, sampler in scenarios:
        tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
        tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        suffix = ", every request in a use_case" if args.in_use_case else ""
        results[title] = run_scenario(title + suffix, args.url, tracer_provider, meter_provider, args.requests,
                                      args.rounds, in_use_case=args.in_use_case)
        tracer_provider.shutdown()
        meter_provider.shutdown()
    results["no SDK"] = run_scenario("no OpenTelemetry SDK configured", args.url, None, None, args.requests,
                                     args.rounds, in_use_case=args.in_use_case)

    print("\n== ratios of added cost, paired by round (other estimates in parentheses); goal in brackets")
    full, sampled, none = results["100% sampling"], results["1% sampling (ParentBased)"], results["no SDK"]
    print(f"   100%: botanu / floor   = {ratio(full, 'botanu', 'floor')}  [<= 1.25]")
    print(f"   100%: botanu / contrib = {ratio(full, 'botanu', 'contrib')}  [<= 0.85]")
    print(f"     1%: botanu / floor   = {ratio(sampled, 'botanu', 'floor')}  [<= 1.3]")
    print(f"     1%: botanu / contrib = {ratio(sampled, 'botanu', 'contrib')}  [<= 0.8]")
    print(f" no SDK: botanu / empty listener pair = {ratio(none, 'botanu', 'empty pair')}  [<= 1.5]")


if __name__ == "__main__":
    main()
