"""What the broker tests share: an instrumented SQLite engine, and waiting (``conftest.py`` has the telemetry
fixtures, ``unsampled`` among them).

Import ``sqlite_engine_fixture`` to use the fixture ``sqlite_engine``.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import Telemetry

from botanu_data import instrument_engine, uninstrument_engine


@pytest.fixture(name="sqlite_engine")
def sqlite_engine_fixture(tmp_path: Path) -> Iterator[sa.Engine]:
    """A file SQLite database instrumented by botanu-data: consumers in other threads write to it."""
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'consumer.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE handled (body BLOB)")
    instrument_engine(engine)
    yield engine
    uninstrument_engine(engine)
    engine.dispose()


def record(engine: sa.Engine, body: bytes) -> None:
    """The consumer's own work: one INSERT that must count under the producer's workflow."""
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO handled (body) VALUES (?)", (body,))


def unique(prefix: str) -> str:
    return f"botanu-{prefix}-{uuid.uuid4().hex[:12]}"


def wait_for(condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise AssertionError(f"{what} not met within {timeout}s")


def in_thread(target: Callable[[], Any], timeout: float = 20.0) -> Any:
    """Run ``target`` in another thread and return its result (or raise its exception) here."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = target()
        except BaseException as error:  # noqa: BLE001 - handed back to the test thread
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"consumer thread still running after {timeout}s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def assert_one_operation_per_message(telemetry: Telemetry, workflow: str, destination: str,
                                     operations: tuple[str, ...], bodies: list[bytes]) -> None:
    """Each operation kind counted exactly once per message, with the messages' bytes, under ``workflow``."""
    for operation in operations:
        match = {"messaging__operation": operation, "botanu__workflow": workflow,
                 "messaging__destination__name": destination}
        assert telemetry.total("botanu.messaging.operations", **match) == len(bodies)
        assert telemetry.total("botanu.messaging.messages", **match) == len(bodies)
        assert telemetry.total("botanu.messaging.bytes", **match) == sum(map(len, bodies))


def workflow_db_operations(telemetry: Telemetry, workflow: str) -> float:
    return telemetry.total("botanu.data.operations", botanu__workflow=workflow, db__operation="INSERT")


README = Path(__file__).resolve().parents[2] / "README.md"


def run_readme_snippet(marker: str) -> dict[str, Any]:
    """Run, as written, the README's one ```python block that contains ``marker`` (the environment points its
    client at the local server); gives the names it defined."""
    import re

    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    found = [block for block in blocks if marker in block]
    assert len(found) == 1, f"{len(found)} README python blocks contain {marker!r}"
    names: dict[str, Any] = {"__name__": "__readme__"}
    exec(compile(found[0], f"README.md <{marker}>", "exec"), names)  # noqa: S102 - the repository's own README
    return names
