"""Exact cost counters that do not depend on trace sampling.

The OpenTelemetry SDK costs 5-25 µs per ``Counter.add`` (by host), a quarter to all of a whole SQLite
statement, so operations are summed here in process and reported through *observable* counters whose
callbacks read the sums when a metric reader collects. Every operation is counted, sampled or not.

Adding an operation is an append of its duration to its series' queue, and one per result value > 0 to
that result's queue (atomic, no lock: even a lock costs more than the rest of the add). The queues are
folded into the sums, in C, once ``FOLD_AT`` operations are queued and whenever the sums are read, so they
stay bounded and readers see every operation added before they read.

One accountant reports to one MeterProvider (``providers.accountant_for`` keeps one per provider): the SDK keeps
the first observable counter of a name on a meter and never calls a second one's callbacks, so two accountants
registering on one provider would lose the second's sums. In a forked child every accountant starts from zero
(``os.register_at_fork``), so each operation is reported once, by the process that ran it.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from opentelemetry.metrics import CallbackOptions, Meter, Observation

from .version import __version__

METER_NAME = "botanu_data"

# Beyond this many distinct attribute sets, new ones are folded into one overflow series (OpenTelemetry's
# cardinality-limit convention) so an unbounded table or bucket name space cannot grow memory without end.
MAX_SERIES = 4000
OVERFLOW_ATTRIBUTES = {"otel.metric.overflow": True}
FOLD_AT = 512  # operations queued per series before the adding thread folds them into the sums
MAX_PENDING = 8 * FOLD_AT  # beyond this, an adding thread waits for the lock to fold (memory stays bounded)


@dataclass(frozen=True, slots=True)
class CounterSpec:
    """One observable counter: its name, unit, and which slots of a series it reports."""

    name: str
    unit: str
    description: str
    slots: tuple[tuple[int, str | None], ...]  # (slot index, botanu.data.direction value or None)


@dataclass(frozen=True, slots=True)
class Ledger:
    """The counters of one kind of operation (db, storage or messaging) and the slot layout of a series.

    Slot 0 counts operations and slot 1 sums seconds for every kind; the rest are kind-specific.
    """

    kind: str
    slot_names: tuple[str, ...]
    counters: tuple[CounterSpec, ...]
    run_totals: tuple[str | None, ...]  # per slot: the use-case span's ``botanu.run.*`` total, if any

    def slot(self, name: str) -> int:
        return self.slot_names.index(name)


DB_LEDGER = Ledger(
    "db",
    ("operations", "duration", "rows_returned", "rows_affected", "bytes_read", "bytes_written", "bytes_scanned",
     "bytes_billed"),
    (
        CounterSpec("botanu.data.operations", "{operation}", "Database operations", ((0, None),)),
        CounterSpec("botanu.data.rows", "{row}", "Rows returned or affected", ((2, "returned"), (3, "affected"))),
        CounterSpec(
            "botanu.data.bytes", "By", "Bytes read, written, scanned or billed (a warehouse's own figures)",
            ((4, "read"), (5, "written"), (6, "scanned"), (7, "billed")),
        ),
        CounterSpec("botanu.data.duration", "s", "Total time spent in database operations", ((1, None),)),
    ),
    (
        "botanu.run.db.operations", None, "botanu.run.data.rows_returned", "botanu.run.data.rows_affected",
        "botanu.run.data.bytes_read", "botanu.run.data.bytes_written", "botanu.run.warehouse.bytes_scanned",
        None,  # bytes billed: counted per vendor/table/workflow; a run's bill is the vendor's (README)
    ),
)
STORAGE_LEDGER = Ledger(
    "storage",
    ("operations", "duration", "bytes_read", "bytes_written", "objects"),
    (
        CounterSpec("botanu.storage.operations", "{operation}", "Object storage operations", ((0, None),)),
        CounterSpec("botanu.storage.bytes", "By", "Bytes downloaded or uploaded", ((2, "read"), (3, "written"))),
        CounterSpec("botanu.storage.objects", "{object}", "Objects processed", ((4, None),)),
        CounterSpec("botanu.storage.duration", "s", "Total time spent in storage operations", ((1, None),)),
    ),
    ("botanu.run.storage.operations", None, "botanu.run.storage.bytes_read", "botanu.run.storage.bytes_written", None),
)
MESSAGING_LEDGER = Ledger(
    "messaging",
    ("operations", "duration", "messages", "bytes", "billable_requests"),
    (
        CounterSpec("botanu.messaging.operations", "{operation}", "Messaging operations", ((0, None),)),
        CounterSpec("botanu.messaging.messages", "{message}", "Messages processed", ((2, None),)),
        CounterSpec("botanu.messaging.bytes", "By", "Bytes transferred", ((3, None),)),
        # what SQS and SNS bill: one request per 64 KiB chunk of a request's payload (set by the AWS helpers)
        CounterSpec("botanu.messaging.billable_requests", "{request}", "Requests as the vendor bills them",
                    ((4, None),)),
        CounterSpec("botanu.messaging.duration", "s", "Total time spent in messaging operations", ((1, None),)),
    ),
    ("botanu.run.messaging.operations", None, "botanu.run.messaging.messages", "botanu.run.messaging.bytes", None),
)
LEDGERS = (DB_LEDGER, STORAGE_LEDGER, MESSAGING_LEDGER)


class Series:
    """The running sums of one attribute set, aligned with its ledger's ``slot_names``: slot 0 counts the
    operations, slot 1 sums their durations, the later slots sum their results. Operations are queued and
    folded into ``values`` by whoever holds ``lock`` (one per series: operations on different tables never
    meet). Each operation appends its duration to ``timed`` and each result value > 0 to that slot's queue in
    ``results``: no tuple per operation, and most operations have one result or none."""

    __slots__ = ("attributes", "values", "timed", "results", "lock")

    def __init__(self, attributes: dict[str, object], size: int) -> None:
        self.attributes = attributes
        self.values: list[float] = [0] * size
        self.timed: deque[float] = deque()
        self.results: tuple[deque[float], ...] = tuple(deque() for _ in range(size - 2))
        self.lock = threading.Lock()

    def add(self, values: Sequence[float]) -> None:
        """Add one operation: ``values`` is (1, duration, results...) aligned with the ledger's slots, and may
        stop before the last ones. (The engine hooks' per-statement path does this itself, in line.)"""
        results = self.results
        for index, value in enumerate(values[2:]):
            if value:
                results[index].append(value)
        timed = self.timed
        timed.append(values[1])
        if len(timed) >= FOLD_AT:
            self.fold_queued()

    def fold_queued(self) -> None:
        """Called by an adding thread once ``FOLD_AT`` operations are queued: one thread folds, the others go
        on (their operations wait in the queue for the next fold), unless the lock holder has been away so
        long (a preempted reader or folder) that ``MAX_PENDING`` are queued: then they wait for it. (Each result
        queue grows no faster than ``timed``, so bounding ``timed`` bounds them all.)"""
        timed = self.timed
        if self.lock.acquire(blocking=len(timed) >= MAX_PENDING):
            try:
                while len(timed) >= FOLD_AT:  # what the others added meanwhile, too
                    self.fold()
            finally:
                self.lock.release()

    def fold(self) -> None:
        """Move the queued operations into ``values``. The caller holds ``lock``; operations appended
        meanwhile stay queued for the next fold (an operation being added may have its results folded in
        one fold and its duration in the next)."""
        totals = self.values
        durations = _take(self.timed)
        totals[0] += len(durations)
        totals[1] += sum(durations)
        for index, queue in enumerate(self.results, 2):
            if queue:
                totals[index] += sum(_take(queue))

    def forget(self) -> None:
        """Back to zero, in place (the engine hooks keep this object), with a new lock: in a forked child the
        old one may be held by a thread that does not exist there."""
        self.lock = threading.Lock()
        self.timed.clear()
        for queue in self.results:
            queue.clear()
        self.values[:] = [0] * len(self.values)


def _take(queue: deque[Any]) -> list[Any]:
    """What ``queue`` holds now, removed from it in C (only the lock holder removes, so it cannot run dry)."""
    return list(islice(iter(queue.popleft, None), len(queue)))


class Accountant:
    """Thread-safe in-process sums, exposed as observable counters on the meter given to ``report_to`` (``_lock``
    guards the table of series, each series' own lock its sums). An accountant may also report the sums of
    others it was ``join``-ed with: those whose MeterProvider turned out to be this one's."""

    def __init__(self, meter: Meter | None = None) -> None:
        self._lock = threading.Lock()
        # key: (ledger kind, attribute tuple) -> Series
        self._series: dict[tuple[str, tuple[object, ...]], Series] = {}
        self._instruments: list[Any] = []
        self._joined: tuple[Accountant, ...] = ()
        _every_accountant.add(self)
        if meter is not None:
            self.report_to(meter)

    def report_to(self, meter: Meter) -> None:
        """Create the observable counters on ``meter`` (once per MeterProvider: see the module docstring)."""
        for ledger in LEDGERS:
            for spec in ledger.counters:
                self._instruments.append(
                    meter.create_observable_counter(
                        spec.name, [self._callback(ledger.kind, spec)], spec.unit, spec.description
                    )
                )

    def join(self, other: Accountant) -> None:
        """Report ``other``'s sums too, merged with these per attribute set."""
        if other is not self and other not in self._joined:
            self._joined = (*self._joined, other)

    def series(self, ledger: Ledger, attributes: tuple[tuple[str, object], ...]) -> Series:
        """The series of one attribute set, created on first use. A caller that sees the same attribute set
        again and again (the engine hooks, per statement) keeps it and adds with ``Series.add``."""
        key = (ledger.kind, attributes)
        series = self._series.get(key)
        if series is None:
            with self._lock:
                series = self._series.get(key) or self._new_series(ledger, key, attributes)
        return series

    def add(self, ledger: Ledger, attributes: tuple[tuple[str, object], ...], values: Sequence[float]) -> None:
        """Add one operation's values (aligned with ``ledger.slot_names``) to the series of ``attributes``."""
        self.series(ledger, attributes).add(values)

    def _new_series(self, ledger: Ledger, key: tuple, attributes: tuple[tuple[str, object], ...]) -> Series:
        if len(self._series) >= MAX_SERIES:
            key = (ledger.kind, (("otel.metric.overflow", True),))
            series = self._series.get(key)
            if series is not None:
                return series
            attributes = key[1]
        series = Series(dict(attributes), len(ledger.slot_names))
        self._series[key] = series
        return series

    def snapshot(self, kind: str) -> list[tuple[dict[str, object], list[float]]]:
        """A consistent copy of every series of one kind, the joined accountants' merged in: (attributes,
        values)."""
        copies = self._own_snapshot(kind)
        if not self._joined:
            return copies
        merged = {tuple(attributes.items()): (attributes, values) for attributes, values in copies}
        for other in self._joined:
            for attributes, values in other._own_snapshot(kind):
                key = tuple(attributes.items())
                if key in merged:
                    totals = merged[key][1]
                    for index, value in enumerate(values):
                        totals[index] += value
                else:
                    merged[key] = (attributes, values)
        return list(merged.values())

    def _own_snapshot(self, kind: str) -> list[tuple[dict[str, object], list[float]]]:
        with self._lock:
            chosen = [series for (k, _), series in self._series.items() if k == kind]
        copies = []
        for series in chosen:
            with series.lock:
                series.fold()
                copies.append((series.attributes, list(series.values)))
        return copies

    def forget(self) -> None:
        """Every sum back to zero (the series stay, at zero, so the engine hooks' references stay good)."""
        self._lock = threading.Lock()
        for series in self._series.values():
            series.forget()

    def _callback(self, kind: str, spec: CounterSpec):
        def observe(options: CallbackOptions) -> Iterator[Observation]:
            for attributes, values in self.snapshot(kind):
                for slot, direction in spec.slots:
                    value = values[slot]
                    if not value:
                        continue  # a series appears once it has something to report, then stays
                    if direction is None:
                        yield Observation(value, attributes)
                    else:
                        yield Observation(value, {**attributes, "botanu.data.direction": direction})

        observe.__name__ = f"observe_{spec.name}"
        return observe


# Every accountant, so that a forked child can set them all to zero (weak: a dropped one needs no reset).
_every_accountant: weakref.WeakSet[Accountant] = weakref.WeakSet()


def _start_from_zero_in_child() -> None:
    """After ``os.fork()``, in the child: the parent reports what it counted; the child reports only what it
    counts itself (else gunicorn, Celery prefork or multiprocessing children each re-report the parent's sums).
    Only the forking thread exists in the child, so nothing else touches the sums while they are reset."""
    for accountant in list(_every_accountant):
        accountant.forget()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_start_from_zero_in_child)


__all__ = ["Accountant", "DB_LEDGER", "STORAGE_LEDGER", "MESSAGING_LEDGER", "LEDGERS", "METER_NAME", "__version__"]
