"""Issue 14, part 1: after ``os.fork()`` each process reports only the operations it ran itself.

A real child is forked (as gunicorn with ``preload_app``, Celery's prefork pool and ``multiprocessing`` do):
five operations of each kind in the parent, one in the child; the child's reader must see 1, the parent's
still 5. The child also has to be able to report while a parent thread held the counters' locks at the fork.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import Telemetry
from opentelemetry.sdk.trace import TracerProvider

from botanu_data import engine as engine_module
from botanu_data import (
    instrument_engine,
    providers,
    track_messaging_operation,
    track_storage_operation,
    uninstrument_engine,
)
from botanu_data.accounting import DB_LEDGER
from botanu_data.providers import telemetry_for
from botanu_data.storage import StorageTracker

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork() is POSIX only")

CHILD_TIMEOUT = 20.0  # seconds; a child stuck on a lock held at the fork never finishes


@pytest.fixture
def engine(otel: Telemetry, tmp_path: Path) -> Iterator[sa.Engine]:
    """An SQLite file (a connection must not cross a fork: the child disposes the inherited pool)."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER)")
    instrument_engine(engine, tracer_provider=otel.tracer_provider, meter_provider=otel.meter_provider)
    yield engine
    uninstrument_engine(engine)
    engine.dispose()


def _operations(engine: sa.Engine, count: int) -> None:
    """``count`` operations of each kind: database (INSERT), storage (PUT) and messaging (publish)."""
    for _ in range(count):
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t (v) VALUES (1)")
        with track_storage_operation("s3", "PUT", bucket="b") as storage:
            storage.set_result(objects_count=1, bytes_written=10)
        with track_messaging_operation("sqs", "publish", destination="q") as message:
            message.set_result(message_count=1)


def _sums(otel: Telemetry) -> dict[str, float]:
    return {
        "db": otel.total("botanu.data.operations", db__operation="INSERT"),
        "db_rows": otel.total("botanu.data.rows"),
        "storage": otel.total("botanu.storage.operations"),
        "storage_bytes": otel.total("botanu.storage.bytes"),
        "messaging": otel.total("botanu.messaging.operations"),
        "messages": otel.total("botanu.messaging.messages"),
    }


def _in_child(work: Callable[[], dict[str, float]]) -> dict[str, float]:
    """Fork; the child runs ``work`` and sends its result back through a pipe; the parent waits (bounded)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 1
        try:
            os.close(read_end)
            os.write(write_end, json.dumps(work()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    deadline = time.monotonic() + CHILD_TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            os.close(read_end)
            pytest.fail(f"the forked child did not report within {CHILD_TIMEOUT:.0f} s (stuck on a lock?)")
        time.sleep(0.01)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    assert os.waitstatus_to_exitcode(status) == 0, "the child failed"
    return json.loads(output)


def test_a_forked_child_reports_only_its_own_operations(otel: Telemetry, engine: sa.Engine) -> None:
    _operations(engine, 5)
    before = _sums(otel)
    assert before == {"db": 5, "db_rows": 5, "storage": 5, "storage_bytes": 50, "messaging": 5, "messages": 5}

    def child() -> dict[str, float]:
        engine.dispose(close=False)  # SQLAlchemy's advice for a forked child: new connections, the parent's kept
        _operations(engine, 1)
        return _sums(otel)

    assert _in_child(child) == {"db": 1, "db_rows": 1, "storage": 1, "storage_bytes": 10, "messaging": 1,
                                "messages": 1}
    assert _sums(otel) == before  # the child's operation is not the parent's either
    _operations(engine, 1)
    assert _sums(otel)["db"] == 6 and _sums(otel)["storage"] == 6


def test_a_child_forked_while_a_thread_holds_the_counters_locks_still_reports(
    otel: Telemetry, engine: sa.Engine
) -> None:
    """A parent thread folding or reading the sums holds a series' lock and the accountant's, one making a
    provider bundle holds the registries' locks, one preparing a new statement the engine hooks' lock; the
    child has no such thread, so it must not inherit those locks held."""
    _operations(engine, 5)
    accountant = telemetry_for(otel.tracer_provider, otel.meter_provider).accountant
    series = accountant.series(DB_LEDGER, (("botanu.vendor", "sqlite"), ("db.system", "sqlite"),
                                           ("db.operation", "INSERT"), ("db.collection.name", "t")))
    hooks = engine_module._instrumented[engine]
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with accountant._lock, series.lock, providers._bundles_lock, providers._accountants_lock, hooks._lock, \
                engine_module._registry_lock:
            holding.set()
            release.wait(CHILD_TIMEOUT + 30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(10)

        def child() -> dict[str, float]:
            engine.dispose(close=False)
            _operations(engine, 1)
            with engine.connect() as conn:  # a statement string not seen before: its shape is made and kept
                conn.exec_driver_sql("SELECT count(*) FROM t").all()
            # a new provider pair: a new bundle, through both registries
            bundle = telemetry_for(TracerProvider(), otel.meter_provider)
            with StorageTracker("s3", "GET", target="b", telemetry=bundle):
                pass
            return _sums(otel)

        seen = _in_child(child)
    finally:
        release.set()
        holder.join(10)
    assert seen["db"] == 1 and seen["storage"] == 2 and seen["messaging"] == 1
    assert _sums(otel)["db"] == 5
