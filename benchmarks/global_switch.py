"""What the global switch (``instrument_sqlalchemy``) costs beyond ``instrument_engine``.

The switch adds one class-level ``engine_connect`` listener to ``Engine``: every Connection of every engine
then calls it, and after an engine's first Connection it is one set lookup. Measured in this one process, in
short interleaved rounds (medians of per-round differences, so drifts of a shared machine cancel):

  connect + close          ``with engine.connect(): pass`` on an SQLite engine instrumented with
                           instrument_engine, the switch off and on: the difference is the listener's cost
  statement, no listener   ``exec_driver_sql("SELECT 1")`` on a held Connection of an engine that is not
                           instrumented, with ``Engine._has_events`` False and True: SQLAlchemy sets that class
                           flag when any class-level listener is added and never clears it: while the switch
                           is on, an engine the application uninstrumented pays this; ``uninstrument_sqlalchemy``
                           clears the flag again when no other class-level listener is left

    python benchmarks/global_switch.py [--rounds 60] [--calls 2000]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from opentelemetry.sdk.trace import TracerProvider
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from botanu_data import instrument_engine, instrument_sqlalchemy, uninstrument_sqlalchemy


def per_call_ns(body: Callable[[], None], calls: int) -> float:
    start = time.perf_counter_ns()
    for _ in range(calls):
        body()
    return (time.perf_counter_ns() - start) / calls


def paired(rounds: int, calls: int, off: Callable[[], None], on: Callable[[], None],
           switch_on: Callable[[], None], switch_off: Callable[[], None]) -> tuple[float, float, float]:
    """Median off, median on, median per-round difference (ns per call)."""
    offs, ons, diffs = [], [], []
    for index in range(rounds):
        order = (False, True) if index % 2 == 0 else (True, False)  # alternate which goes first
        measured = {}
        for state in order:
            (switch_on if state else switch_off)()
            measured[state] = per_call_ns(on if state else off, calls)
        offs.append(measured[False])
        ons.append(measured[True])
        diffs.append(measured[True] - measured[False])
    switch_off()
    return statistics.median(offs), statistics.median(ons), statistics.median(diffs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()

    provider = TracerProvider()  # an SDK with no processor: spans are made and dropped
    engine = instrument_engine(create_engine("sqlite://"), tracer_provider=provider, trace_transactions=False)

    def connect_close() -> None:
        with engine.connect():
            pass

    def switch_on() -> None:
        instrument_sqlalchemy(tracer_provider=provider)
        connect_close()  # the engine's first Connection under the switch: seen once, outside the timing

    off, on, added = paired(args.rounds, args.calls, connect_close, connect_close, switch_on, uninstrument_sqlalchemy)
    print(f"connect + close          switch off {off / 1000:7.2f} us   on {on / 1000:7.2f} us   "
          f"added {added / 1000:6.3f} us per Connection")

    plain = create_engine("sqlite://")
    held = plain.connect()
    had_events = Engine._has_events

    def flag(value: bool) -> Callable[[], None]:
        def set_flag() -> None:
            Engine._has_events = value
        return set_flag

    def statement() -> None:
        held.exec_driver_sql("SELECT 1")

    try:
        off, on, added = paired(args.rounds, args.calls, statement, statement, flag(True), flag(False))
    finally:
        Engine._has_events = had_events
        held.close()
    print(f"statement, no listener   flag False {off / 1000:7.2f} us   True {on / 1000:7.2f} us   "
          f"added {added / 1000:6.3f} us per statement")


if __name__ == "__main__":
    main()
