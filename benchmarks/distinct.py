"""Distinct statements (every literal new) against repeated ones, measured side by side in one process.

Inlined-literal SQL (text-to-SQL agents, ``pandas.read_sql(f"... {x}")``, reporting tools) makes every
statement a new string. The hooks key their work on the statement's shape (its literals masked), so a new
string of a known shape should cost about what a repeated one does. Method as in ``overhead.py``: each
"request" is a parent span around 10 statements on one connection, on an SQLite *file* database; every
configuration runs on its own engine in short rounds interleaved in a rotating order, after a warm-up and
``gc.freeze()``; each configuration's added cost is paired with the uninstrumented engine running the same
kind of statements in the same round.

    python benchmarks/distinct.py                   # the ratios, at 1% and 100% sampling
    python benchmarks/distinct.py --stream 100000   # new shapes all the time (random realistic queries)
    python benchmarks/distinct.py --full            # the stream over 1,000,000 statements

Configurations (``distinct``: ``SELECT n, s FROM t WHERE id = 17 AND n >= 4711 AND s <> 'x4711'`` with every
literal new; ``repeated``: one such string, run again and again):
  botanu repeated / botanu distinct / contrib distinct (opentelemetry-instrumentation-sqlalchemy, the
  ``bench`` extra) / contrib repeated / no-op repeated / no-op distinct (a before/after_cursor_execute listener
  pair that does nothing: a new string's cost to any listener, from the caches the driver's statement
  preparation leaves cold).

The stream mode runs random queries of new shapes (tables, columns, predicates, joins drawn from a large
vocabulary) through one instrumented engine and prints RSS, the live memory blocks of Python's allocator
(``sys.getallocatedblocks()``: what is held), the cost per statement in each window, the number of counter
series and whether the counted operations are exact.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import count

import sqlalchemy as sa
from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from overhead import STATEMENTS_PER_REQUEST, DiscardingExporter, ratio  # noqa: E402

from botanu_data import instrument_engine  # noqa: E402
from botanu_data.accounting import MAX_SERIES  # noqa: E402

_fresh = count(1_000)  # every distinct statement's literals are values never used before


def make_engine(path: str) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, n INTEGER, s VARCHAR(20))")
        if not conn.exec_driver_sql("SELECT 1 FROM t LIMIT 1").first():
            conn.exec_driver_sql("INSERT INTO t SELECT value, value * 7, 'x' || value FROM "
                                 "(WITH RECURSIVE r(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM r "
                                 "WHERE value < 200) SELECT value FROM r)")
    return engine


def distinct_statement() -> str:
    i = next(_fresh)
    return f"SELECT n, s FROM t WHERE id = {i % 200} AND n >= {i} AND s <> 'x{i}'"


REPEATED = "SELECT n, s FROM t WHERE id = 17 AND n >= 4711 AND s <> 'x4711'"


def workload(engine: sa.Engine, tracer: trace.Tracer, requests: int, distinct: bool) -> float:
    statements = [distinct_statement() if distinct else REPEATED
                  for _ in range(requests * STATEMENTS_PER_REQUEST)]  # built before the clock starts
    start = time.perf_counter()
    with engine.connect() as conn:
        it = iter(statements)
        for _ in range(requests):
            with tracer.start_as_current_span("request"):
                for _ in range(STATEMENTS_PER_REQUEST):
                    conn.exec_driver_sql(next(it)).fetchall()
    return time.perf_counter() - start


def _noop_listeners(engine: sa.Engine) -> None:
    def before(conn: object, cursor: object, statement: str, parameters: object, context: object,
               executemany: bool) -> None:
        pass

    def after(conn: object, cursor: object, statement: str, parameters: object, context: object,
              executemany: bool) -> None:
        pass

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "after_cursor_execute", after)


def run_scenario(title: str, tracer_provider: TracerProvider, meter_provider: MeterProvider, requests: int,
                 rounds: int, directory: str) -> dict[str, list[float]]:
    """Per configuration: the µs it added per statement in each round (paired with the uninstrumented engine
    running the same kind of statements in that round)."""
    setups: dict[str, tuple[Callable[[sa.Engine], None], bool]] = {
        "baseline repeated": (lambda e: None, False),
        "baseline distinct": (lambda e: None, True),
        "botanu repeated": (lambda e: instrument_engine(e, tracer_provider=tracer_provider,
                                                         meter_provider=meter_provider), False),
        "botanu distinct": (lambda e: instrument_engine(e, tracer_provider=tracer_provider,
                                                         meter_provider=meter_provider), True),
        # a before/after_cursor_execute pair that does nothing: what a new string costs any listener, by the
        # colder caches it leaves (the driver prepares every new statement), with no work of its own
        "no-op repeated": (_noop_listeners, False),
        "no-op distinct": (_noop_listeners, True),
        "contrib repeated": (lambda e: None, False),  # (instrumented below, together: it is a singleton)
        "contrib distinct": (lambda e: None, True),
    }
    engines = {name: make_engine(os.path.join(directory, f"distinct_{i}.db")) for i, name in enumerate(setups)}
    for name, (setup, _) in setups.items():
        setup(engines[name])
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    # it refuses SQLAlchemy 2.1 without skip_dep_check, and wraps create_engine globally: every engine
    # exists by now, and it is uninstrumented at the end
    SQLAlchemyInstrumentor().instrument(engines=[engines["contrib repeated"], engines["contrib distinct"]],
                                        tracer_provider=tracer_provider, skip_dep_check=True)
    tracer = tracer_provider.get_tracer("bench")
    for name, engine in engines.items():  # warm caches and pools; the distinct shape becomes known
        workload(engine, tracer, 50, setups[name][1])
    gc.collect()
    gc.freeze()
    samples: dict[str, list[float]] = {name: [] for name in engines}
    order = list(engines.items())
    for round_number in range(rounds):
        shift = round_number % len(order)
        for name, engine in order[shift:] + order[:shift]:
            samples[name].append(workload(engine, tracer, requests, setups[name][1]))
    gc.unfreeze()
    statements = requests * STATEMENTS_PER_REQUEST
    added = {}
    for name, values in samples.items():
        if not name.startswith("baseline"):
            base = samples["baseline distinct" if setups[name][1] else "baseline repeated"]
            added[name] = [(v - b) / statements * 1e6 for v, b in zip(values, base, strict=True)]
    print(f"\n== {title}  (SQLite file; {statements} statements x {rounds} rounds, medians over rounds)")
    for kind in ("repeated", "distinct"):
        print(f"   uninstrumented {kind} statement: "
              f"{statistics.median(samples['baseline ' + kind]) / statements * 1e6:.1f} µs")
    for name, values in added.items():
        print(f"   {name:<17} adds {statistics.median(values):7.1f} µs/statement")
    SQLAlchemyInstrumentor().uninstrument()
    for engine in engines.values():
        engine.dispose()
    return added


def ratios(args: argparse.Namespace) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as directory:
        for title, rate in (("1% sampling (ParentBased)", 0.01), ("100% sampling", 1.0)):
            sampler = ParentBased(TraceIdRatioBased(rate)) if rate < 1 else None
            tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
            tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
            meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
            results[title] = run_scenario(title, tracer_provider, meter_provider, args.requests, args.rounds,
                                          directory)
            tracer_provider.shutdown()
            meter_provider.shutdown()
    print("\n== ratios of added cost, paired by round (other estimates in parentheses); goal in brackets")
    for title, added in results.items():
        label = title.split()[0]
        print(f"   {label:>4}: botanu distinct / botanu repeated  = "
              f"{ratio(added, 'botanu distinct', 'botanu repeated')}  [<= 1.5]")
        print(f"   {label:>4}: botanu distinct / contrib distinct = "
              f"{ratio(added, 'botanu distinct', 'contrib distinct')}  [<= 1.0]")
        print(f"   {label:>4}: a new string's extra cost (distinct - repeated, paired): botanu "
              f"{_gap(added, 'botanu')}, contrib {_gap(added, 'contrib')}, no-op listeners {_gap(added, 'no-op')} µs")


def _gap(added: dict[str, list[float]], config: str) -> str:
    pairs = zip(added[f"{config} distinct"], added[f"{config} repeated"], strict=True)
    return f"{statistics.median(a - b for a, b in pairs):+.1f}"


# -- new shapes all the time ------------------------------------------------------------------------------

_WORDS = [f"{a}{b}" for a in ("user", "order", "item", "event", "account", "price", "ship", "tag", "note", "log")
          for b in ("", "_id", "_at", "_name", "_total", "_count", "_code", "_kind", "_state", "_ref")]


def random_query(rnd: random.Random) -> str:
    """A realistic query of a (most likely) new shape: names from a large space, literals of every kind."""
    table = f"{rnd.choice(_WORDS)}_{rnd.randrange(10_000)}"
    columns = ", ".join(rnd.sample(_WORDS, rnd.randint(1, 4)))

    def predicate() -> str:
        column = rnd.choice(_WORDS)
        kind = rnd.randrange(5)
        if kind == 0:
            return f"{column} = {rnd.randrange(10**9)}"
        if kind == 1:
            return f"{column} <> 'v{rnd.randrange(10**9)}'"
        if kind == 2:
            return f"{column} IN ({', '.join(str(rnd.randrange(1000)) for _ in range(rnd.randint(1, 5)))})"
        if kind == 3:
            return f"{column} BETWEEN -{rnd.random():.4f} AND {rnd.random() * 1e6:.2e}"
        return f"{column} IS {rnd.choice(['TRUE', 'FALSE', 'NULL'])}"

    where = " AND ".join(predicate() for _ in range(rnd.randint(1, 4)))
    shape = rnd.randrange(4)
    if shape == 0:
        return f"SELECT {columns} FROM {table} WHERE {where} LIMIT {rnd.randint(1, 500)}"
    if shape == 1:
        other = f"{rnd.choice(_WORDS)}_{rnd.randrange(10_000)}"
        return f"SELECT a.{rnd.choice(_WORDS)} FROM {table} a JOIN {other} b ON a.id = b.id WHERE {where}"
    if shape == 2:
        return f"UPDATE {table} SET {rnd.choice(_WORDS)} = {rnd.randrange(10**6)} WHERE {where}"
    return f"DELETE FROM {table} WHERE {where}"


def current_rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


class StreamCursor:
    """A DBAPI cursor that runs nothing (the random tables do not exist): the stream measures the hooks."""

    description = None
    rowcount = 1
    lastrowid = None

    def execute(self, *args: object) -> None:
        pass

    def close(self) -> None:
        pass


class StreamConnection:
    """A real sqlite3 connection (SQLAlchemy sets it up), whose cursors run nothing once ``bypass`` is set."""

    def __init__(self) -> None:
        self._real = sqlite3.connect(":memory:", check_same_thread=False)
        self.bypass = False

    def cursor(self) -> object:
        return StreamCursor() if self.bypass else self._real.cursor()

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


def operations_counted(reader: InMemoryMetricReader) -> tuple[float, int]:
    """(statements counted, counter series) of ``botanu.data.operations`` (COMMIT/ROLLBACK left out)."""
    counted, series = 0.0, 0
    data = reader.get_metrics_data()
    for resource_metrics in data.resource_metrics if data else []:
        for scope in resource_metrics.scope_metrics:
            for metric in scope.metrics:
                if metric.name == "botanu.data.operations":
                    series += len(metric.data.data_points)
                    counted += sum(p.value for p in metric.data.data_points
                                   if p.attributes.get("db.operation") != "TRANSACTION")
    return counted, series


_CHUNK = 1_000  # queries built at a time, outside the timed part


def stream(total: int) -> None:
    tracer_provider = TracerProvider(sampler=ParentBased(TraceIdRatioBased(0.01)))
    tracer_provider.add_span_processor(BatchSpanProcessor(DiscardingExporter()))
    reader = InMemoryMetricReader()
    meter_provider = MeterProvider(metric_readers=[reader])
    engine = sa.create_engine("sqlite://", creator=StreamConnection)
    instrument_engine(engine, tracer_provider=tracer_provider, meter_provider=meter_provider)
    tracer = tracer_provider.get_tracer("bench")
    rnd = random.Random(18)
    window = max(total // 10 // _CHUNK * _CHUNK, _CHUNK)
    print(f"\n== {total:,} statements of new shapes (random queries; the driver is bypassed, 1% sampling)")
    print(f"   {'statements':>12} {'RSS MiB':>9} {'live blocks':>12} {'µs/statement':>13}")
    done = 0
    with engine.connect() as conn:
        before, _ = operations_counted(reader)  # (what the dialect ran when it first connected)
        conn.connection.dbapi_connection.bypass = True  # type: ignore[union-attr]
        while done < total:
            elapsed = 0.0
            for _ in range(0, window, _CHUNK):  # (a small list at a time: a window's worth would fragment the heap)
                queries = [random_query(rnd) for _ in range(_CHUNK)]  # built before the clock starts
                start = time.perf_counter()
                for index in range(0, _CHUNK, STATEMENTS_PER_REQUEST):
                    with tracer.start_as_current_span("request"):
                        for query in queries[index:index + STATEMENTS_PER_REQUEST]:
                            conn.exec_driver_sql(query)
                elapsed += time.perf_counter() - start
            done += window
            gc.collect()
            print(f"   {done:>12,} {current_rss_mib():>9.1f} {sys.getallocatedblocks():>12,} "
                  f"{elapsed / window * 1e6:>13.1f}")
        # (before the connection's ROLLBACK, which past the series limit is counted in the overflow series)
        counted, series = operations_counted(reader)
    counted -= before
    print(f"   operations counted: {counted:,.0f} of {done:,} ({'exact' if counted == done else 'WRONG'}); "
          f"counter series: {series:,} (at most {MAX_SERIES:,} and one overflow series)")
    tracer_provider.shutdown()
    meter_provider.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10, help="requests per configuration and round")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--stream", type=int, default=0, help="run N statements of new shapes instead")
    parser.add_argument("--full", action="store_true", help="the stream over 1,000,000 statements")
    args = parser.parse_args()
    if args.full or args.stream:
        stream(1_000_000 if args.full else args.stream)
    else:
        ratios(args)


if __name__ == "__main__":
    main()
