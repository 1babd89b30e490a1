"""Issue 14, part 1: every operation is counted exactly once, whichever way the providers are named.

Each case sets up real SDK MeterProviders (one InMemoryMetricReader each) as OpenTelemetry's globals, through
``configure(...)`` and/or passed to ``instrument_engine``, runs a known workload of engine statements (SQLite)
and manual database, storage and messaging operations inside a use case, and checks the exact sums every
reader sees: each provider the whole of what was reported to it, the others nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from opentelemetry import metrics, trace
from opentelemetry.metrics import _internal as metrics_internal
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.util._once import Once

from botanu_data import (
    configure,
    instrument_engine,
    providers,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
    uninstrument_engine,
    use_case,
)
from botanu_data.providers import reset_configuration


@dataclass(frozen=True)
class Counts:
    """What one reader sees, summed over every data point of the botanu counters named."""

    db_ops: float = 0  # INSERT and SELECT operations (not the CREATE TABLE and transaction ends around them)
    db_rows: float = 0
    storage_ops: float = 0
    storage_bytes: float = 0
    messaging_ops: float = 0
    messages: float = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(self.__dict__.values(), other.__dict__.values(), strict=True)))

    def __mul__(self, times: int) -> Counts:
        return Counts(*(value * times for value in self.__dict__.values()))


NOTHING = Counts()
ENGINE = Counts(db_ops=2, db_rows=6)  # per engine and round: two INSERTs of three rows (one inside the use case)
MANUAL = Counts(db_ops=1, db_rows=7, storage_ops=3, storage_bytes=3000, messaging_ops=2, messages=2)


@dataclass(frozen=True)
class Case:
    """``global_`` (set as both OpenTelemetry globals), ``configured`` and each engine's explicit provider name
    one of the providers "G", "A", "B" (None: not given). ``late``: the engines are instrumented and a first
    round runs before the global and configured providers are set (``tracing_first``: the global
    TracerProvider is set before that round, the MeterProvider only after it). ``expected``: per provider,
    the sums of every round."""

    name: str
    expected: dict[str, Counts]
    global_: str | None = None
    configured: str | None = None
    engines: tuple[str | None, ...] = (None,)
    late: bool = False
    tracing_first: bool = False
    rounds: int = field(default=1)


CASES = [
    Case("global only", {"G": MANUAL + ENGINE}, global_="G"),
    Case("configure only", {"A": MANUAL + ENGINE}, configured="A"),
    Case("explicit only", {"A": ENGINE}, engines=("A",)),  # the manual operations have no SDK: not counted
    Case("explicit == global", {"G": MANUAL + ENGINE}, global_="G", engines=("G",)),
    Case("explicit != global", {"G": MANUAL, "A": ENGINE}, global_="G", engines=("A",)),
    Case("configure + explicit same", {"A": MANUAL + ENGINE}, configured="A", engines=("A",)),
    Case("configure + explicit different", {"A": MANUAL, "B": ENGINE}, configured="A", engines=("B",)),
    Case("configure == global", {"G": MANUAL + ENGINE}, global_="G", configured="G"),
    Case("configure == global == explicit", {"G": MANUAL + ENGINE}, global_="G", configured="G", engines=("G",)),
    Case("configure != global, explicit == global", {"A": MANUAL, "G": ENGINE}, global_="G", configured="A",
         engines=("G",)),
    Case("two engines, same explicit provider", {"A": ENGINE * 2}, engines=("A", "A")),
    Case("two engines, global and explicit == global", {"G": MANUAL + ENGINE * 2}, global_="G",
         engines=(None, "G")),
    Case("two engines, different providers", {"G": MANUAL, "A": ENGINE, "B": ENGINE}, global_="G",
         engines=("A", "B")),
    Case("global set after first use", {"G": MANUAL + ENGINE}, global_="G", late=True, rounds=2),
    Case("global MeterProvider set after tracing started", {"G": MANUAL + ENGINE}, global_="G", late=True,
         tracing_first=True, rounds=2),
    # the explicit engine counts in the first round already; the implicit one and the manual operations only
    # once the same provider has become the global one
    Case("explicit first, then the same provider set as global", {"G": ENGINE * 3 + MANUAL}, global_="G",
         engines=("G", None), late=True, rounds=2),
    Case("configure after first use", {"A": MANUAL}, configured="A", engines=(), late=True, rounds=2),
    # trace.get_tracer_provider() / metrics.get_meter_provider() passed before an SDK is set: the API's proxies,
    # which stand for the global providers
    Case("explicit proxies, global set later", {"G": MANUAL + ENGINE}, global_="G", engines=("proxy",), late=True,
         rounds=2),
]


@pytest.fixture
def fresh_globals(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A process that has not set OpenTelemetry's global providers yet, and botanu-data's provider registry as
    it is at import (the real globals can be set only once per process)."""
    monkeypatch.setattr(metrics_internal, "_METER_PROVIDER", None)
    monkeypatch.setattr(metrics_internal, "_METER_PROVIDER_SET_ONCE", Once())
    monkeypatch.setattr(metrics_internal, "_PROXY_METER_PROVIDER", metrics_internal._ProxyMeterProvider())
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", None)
    monkeypatch.setattr(trace, "_TRACER_PROVIDER_SET_ONCE", Once())
    monkeypatch.setattr(trace, "_PROXY_TRACER_PROVIDER", trace.ProxyTracerProvider())
    monkeypatch.setattr(providers, "_bundles", {})
    monkeypatch.setattr(providers, "_accountants", {}, raising=False)
    monkeypatch.setattr(providers, "_global_pending", None, raising=False)
    reset_configuration()
    yield
    reset_configuration()


class Pair:
    """A TracerProvider and a MeterProvider read by its own InMemoryMetricReader."""

    def __init__(self) -> None:
        self.reader = InMemoryMetricReader()
        self.meter_provider = MeterProvider(metric_readers=[self.reader])
        self.tracer_provider = TracerProvider()

    def counts(self) -> Counts:
        sums: dict[str, float] = {}
        data = self.reader.get_metrics_data()
        for resource_metrics in data.resource_metrics if data else []:
            for scope_metrics in resource_metrics.scope_metrics:
                for metric in scope_metrics.metrics:
                    for point in metric.data.data_points:
                        if metric.name == "botanu.data.operations" and point.attributes.get("db.operation") not in (
                                "INSERT", "SELECT"):
                            continue
                        sums[metric.name] = sums.get(metric.name, 0) + point.value
        return Counts(
            sums.get("botanu.data.operations", 0), sums.get("botanu.data.rows", 0),
            sums.get("botanu.storage.operations", 0), sums.get("botanu.storage.bytes", 0),
            sums.get("botanu.messaging.operations", 0), sums.get("botanu.messaging.messages", 0),
        )


def _engine(pair: Pair | None | str) -> sa.Engine:
    engine = sa.create_engine("sqlite://")
    with engine.begin() as conn:  # before instrumenting: the table's creation is not part of the workload
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER)")
    if pair is None:
        return instrument_engine(engine)
    if pair == "proxy":
        return instrument_engine(engine, tracer_provider=trace.get_tracer_provider(),
                                 meter_provider=metrics.get_meter_provider())
    return instrument_engine(engine, tracer_provider=pair.tracer_provider, meter_provider=pair.meter_provider)


def _round(engines: list[sa.Engine]) -> None:
    """ENGINE per engine plus MANUAL: statements outside a use case take the per-statement fast path, inside
    one the tracker path; the manual blocks run inside the use case, as in the issue."""
    for engine in engines:
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t (v) VALUES (1), (2), (3)")
    with use_case("Counting"):
        for engine in engines:
            with engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO t (v) VALUES (4), (5), (6)")
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_table("users").set_result(rows_returned=7)
        for _ in range(3):
            with track_storage_operation("s3", "PUT", bucket="b") as storage:
                storage.set_result(objects_count=0, bytes_written=1000)
        for _ in range(2):
            with track_messaging_operation("sqs", "publish", destination="q") as message:
                message.set_result(message_count=1)


def _install(case: Case, pairs: dict[str, Pair], *, tracing_only: bool = False) -> None:
    if case.global_ and trace._TRACER_PROVIDER is None:
        trace.set_tracer_provider(pairs[case.global_].tracer_provider)
    if tracing_only:
        return
    if case.global_:
        metrics.set_meter_provider(pairs[case.global_].meter_provider)
    if case.configured:
        configure(tracer_provider=pairs[case.configured].tracer_provider,
                  meter_provider=pairs[case.configured].meter_provider)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_every_operation_is_counted_once_whichever_way_providers_are_named(fresh_globals: None, case: Case) -> None:
    pairs = {name: Pair() for name in ("G", "A", "B")}
    engines: list[sa.Engine] = []
    try:
        if not case.late:
            _install(case, pairs)
        engines = [_engine(pairs.get(name, name) if name else None) for name in case.engines]
        if case.late:
            if case.tracing_first:
                _install(case, pairs, tracing_only=True)
            _round(engines)  # only what reports to a provider already there counts
            _install(case, pairs)
            _round(engines)
        else:
            _round(engines)
        seen = {name: pair.counts() for name, pair in pairs.items()}
        assert seen == {name: case.expected.get(name, NOTHING) for name in pairs}
        # and a second collection reports the same cumulative sums, not more
        assert {name: pair.counts() for name, pair in pairs.items()} == seen
    finally:
        for engine in engines:
            uninstrument_engine(engine)
            engine.dispose()
        for pair in pairs.values():
            pair.tracer_provider.shutdown()
            pair.meter_provider.shutdown()


def test_one_accountant_per_meter_provider(fresh_globals: None) -> None:
    """The bundles of one MeterProvider share its accountant, whether it is named explicitly, configured or
    global; another provider has its own."""
    shared, other = Pair(), Pair()
    metrics.set_meter_provider(shared.meter_provider)
    implicit = providers.telemetry_for()
    explicit = providers.telemetry_for(shared.tracer_provider, shared.meter_provider)
    configure(meter_provider=shared.meter_provider)
    configured = providers.telemetry_for()
    separate = providers.telemetry_for(meter_provider=other.meter_provider)
    assert implicit is not explicit
    assert implicit.accountant is explicit.accountant is configured.accountant
    assert separate.accountant is not implicit.accountant
    shared.meter_provider.shutdown()
    other.meter_provider.shutdown()
