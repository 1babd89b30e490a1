"""Per-operation cost of botanu-data's exact counters, next to the OpenTelemetry SDK's own instruments.

Everything is measured in this one process, in many short interleaved rounds: each row reports its median
round, and the costs "added" below are medians of per-round differences, so machine noise (a shared 2-core
box) hits every measurement alike and drifts cancel:

  Accountant.add            the in-process sum one operation costs (one dict lookup + an append to a queue)
  SDK Counter.add           one synchronous counter add with the same attributes (what a naive design pays
                            per counter, and an operation touches several counters)
  SDK Histogram.record      one record, the cost of the opt-in db.client.operation.duration per statement
  track_db_operation ...    a whole manual operation (with, set_table, set_result) under a 0% trace sampler,
                            with an SDK MeterProvider (counting on) and with none (counting off); the
                            difference is what the counters add to an operation
  ... + duration histogram  the same with configure(duration_histogram=True)

    python benchmarks/counters.py [--rounds 40] [--adds 3000] [--ops 800]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from opentelemetry.metrics import NoOpMeterProvider
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from botanu_data import configure, track_db_operation, use_case
from botanu_data.accounting import DB_LEDGER, Accountant
from botanu_data.providers import reset_configuration

WORKFLOW = "bench"
ATTRIBUTES = (
    ("botanu.vendor", "postgresql"), ("db.system", "postgresql"), ("db.operation", "SELECT"),
    ("db.collection.name", "orders"), ("botanu.workflow", WORKFLOW),
)
VALUES = (1, 0.000125, 10, 0, 0, 0, 0)  # one SELECT: an operation, its seconds, 10 rows returned


def per_call_ns(body: Callable[[int], None], count: int) -> float:
    start = time.perf_counter_ns()
    body(count)
    return (time.perf_counter_ns() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--adds", type=int, default=3000, help="calls per round for the single-call rows")
    parser.add_argument("--ops", type=int, default=800, help="operations per round for the whole-op rows")
    args = parser.parse_args()

    # the SDK side: a real MeterProvider with a reader, as an application would have
    sdk_meters = MeterProvider(metric_readers=[InMemoryMetricReader()])
    meter = sdk_meters.get_meter("bench")
    counter = meter.create_counter("bench.operations", unit="{operation}")
    histogram = meter.create_histogram(
        "bench.duration", unit="s", explicit_bucket_boundaries_advisory=[0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]
    )
    accountant = Accountant(None)  # the sums alone: observable callbacks run only when a reader collects
    attributes = dict(ATTRIBUTES)

    # the whole-operation side: spans never sampled, so only the counting differs between on and off
    tracers = TracerProvider(sampler=ALWAYS_OFF)
    no_meters = NoOpMeterProvider()

    def accountant_add(count: int) -> None:
        add, ledger = accountant.add, DB_LEDGER
        for _ in range(count):
            add(ledger, ATTRIBUTES, VALUES)

    def counter_add(count: int) -> None:
        add = counter.add
        for _ in range(count):
            add(1, attributes)

    def histogram_record(count: int) -> None:
        record = histogram.record
        for _ in range(count):
            record(0.000125, attributes)

    def whole_op(meter_provider: object, duration_histogram: bool) -> Callable[[int], None]:
        def body(count: int) -> None:
            configure(tracer_provider=tracers, meter_provider=meter_provider,  # type: ignore[arg-type]
                      duration_histogram=duration_histogram)
            try:
                with use_case(WORKFLOW):
                    for _ in range(count):
                        with track_db_operation("postgresql", "SELECT") as db:
                            db.set_table("orders").set_result(rows_returned=10)
            finally:
                reset_configuration()

        return body

    rows: dict[str, tuple[Callable[[int], None], int]] = {
        "Accountant.add": (accountant_add, args.adds),
        "SDK Counter.add (same attributes)": (counter_add, args.adds),
        "SDK Histogram.record (same attributes)": (histogram_record, args.adds),
        "track_db_operation, counting off": (whole_op(no_meters, False), args.ops),
        "track_db_operation, counting on": (whole_op(sdk_meters, False), args.ops),
        "track_db_operation, counting on + duration histogram": (whole_op(sdk_meters, True), args.ops),
    }
    for body, _ in rows.values():  # warm up: series created, caches filled, code paths taken once
        body(200)

    samples: dict[str, list[float]] = {name: [] for name in rows}
    began = time.perf_counter()
    for _ in range(args.rounds):
        for name, (body, count) in rows.items():
            samples[name].append(per_call_ns(body, count))
    elapsed = time.perf_counter() - began
    median = {name: statistics.median(values) / 1000.0 for name, values in samples.items()}  # µs

    sdk_add = median["SDK Counter.add (same attributes)"]
    sdk_record = median["SDK Histogram.record (same attributes)"]
    print(f"medians of {args.rounds} interleaved rounds ({elapsed:.1f} s); µs per call, and ratios")
    print(f"{'':54} {'µs':>8} {'/ Counter.add':>14} {'/ Histogram.record':>19}")
    for name, value in median.items():
        print(f"{name:54} {value:8.2f} {value / sdk_add:14.3f} {value / sdk_record:19.3f}")

    def added(name: str, baseline: str) -> float:
        return statistics.median(a - b for a, b in zip(samples[name], samples[baseline], strict=True)) / 1000.0

    counting = added("track_db_operation, counting on", "track_db_operation, counting off")
    histogram_cost = added("track_db_operation, counting on + duration histogram", "track_db_operation, counting on")
    print()
    print(f"counting added to one whole operation:     {counting:6.2f} µs "
          f"= {counting / sdk_add:.3f} x one SDK Counter.add")
    print(f"opt-in duration histogram per operation:  {histogram_cost:6.2f} µs "
          f"= {histogram_cost / sdk_record:.3f} x one SDK Histogram.record")
    print(f"Accountant.add vs SDK Counter.add:         {median['Accountant.add']:6.2f} µs vs {sdk_add:.2f} µs "
          f"({sdk_add / median['Accountant.add']:.1f}x cheaper); one DB operation feeds 4 counters "
          f"(7 values) with that single call")
    sdk_meters.shutdown()
    tracers.shutdown()


if __name__ == "__main__":
    main()
