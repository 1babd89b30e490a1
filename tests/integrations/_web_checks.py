"""Checks the web-integration tests share: every operation of every request is in that request's run."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind
from sqlalchemy import create_engine, text

RUN_PREFIX = "botanu.run/"
TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
CALLER_SPAN_ID = "b7ad6b7169203331"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@contextmanager
def items_table(url: str) -> Iterator[str]:
    """A table with one row, made and dropped through an engine of its own (not instrumented: outside every
    run), so that everything a test's telemetry records was caused by its requests."""
    name = unique("items")
    setup = create_engine(url)
    with setup.begin() as conn:
        conn.execute(text(f"CREATE TABLE {name} (id integer PRIMARY KEY, name varchar(40))"))
        conn.execute(text(f"INSERT INTO {name} (id, name) VALUES (1, 'one')"))
    try:
        yield name
    finally:
        with setup.begin() as conn:
            conn.execute(text(f"DROP TABLE {name}"))
        setup.dispose()


def runs(otel) -> list[ReadableSpan]:  # noqa: ANN001 - the conftest Telemetry helper
    return [s for s in otel.spans() if s.name.startswith(RUN_PREFIX)]


def operations_by_run(otel) -> list[tuple[ReadableSpan, list[ReadableSpan]]]:  # noqa: ANN001
    """Each run (in the order they started) with the database spans under it; fails if any database span is
    under no run, or carries another run's id or workflow than the run it is under."""
    spans = otel.spans()
    by_id = {s.context.span_id: s for s in spans}
    found = sorted(runs(otel), key=lambda s: s.start_time or 0)
    per_run: dict[int, list[ReadableSpan]] = {run.context.span_id: [] for run in found}
    for operation in (s for s in spans if "db.system" in s.attributes):
        node: ReadableSpan | None = operation
        while node is not None and not node.name.startswith(RUN_PREFIX):
            node = by_id.get(node.parent.span_id) if node.parent is not None else None
        assert node is not None, f"{operation.name} is outside every run"
        assert operation.attributes["botanu.run_id"] == node.attributes["botanu.run_id"]
        assert operation.attributes["botanu.workflow"] == node.attributes["botanu.workflow"]
        per_run[node.context.span_id].append(operation)
    return [(run, per_run[run.context.span_id]) for run in found]


def check_attribution(otel, expected: list[str], server_parent: bool = False) -> dict[str, list[ReadableSpan]]:  # noqa: ANN001
    """Every database span lies under a run of the expected names (one run per expected request) and carries
    that run's id and workflow; the counters per ``botanu.workflow`` equal the spans; each run's own
    ``botanu.run.db.operations`` equals its spans; nothing is left unended. Returns the operations per run name.
    ``server_parent``: each run is the child of a SERVER span (a contrib server instrumentation)."""
    assert otel.counter.started == otel.counter.ended, "a span was left unended"
    spans = otel.spans()
    found = runs(otel)
    assert sorted(s.name[len(RUN_PREFIX):] for s in found) == sorted(expected)
    by_id = {s.context.span_id: s for s in spans}
    per_run = {run.context.span_id: operations for run, operations in operations_by_run(otel)}
    operations = [s for s in spans if "db.system" in s.attributes]
    assert operations, "the requests ran no SQL: the test proves nothing"
    for run in found:
        assert run.attributes["botanu.run.db.operations"] == len(per_run[run.context.span_id]), run.name
        if server_parent:
            parent = by_id.get(run.parent.span_id) if run.parent is not None else None
            assert parent is not None and parent.kind is SpanKind.SERVER, f"{run.name} is not under a SERVER span"
    counted: Counter[str] = Counter()
    for attributes, value in otel.points("botanu.data.operations"):
        assert attributes.get("botanu.workflow"), f"an operation was counted outside every run: {attributes}"
        counted[attributes["botanu.workflow"]] += value
    assert counted == Counter(s.attributes["botanu.workflow"] for s in operations)
    grouped: dict[str, list[ReadableSpan]] = {}
    for run in found:
        grouped.setdefault(run.name[len(RUN_PREFIX):], []).extend(per_run[run.context.span_id])
    return grouped


def statements(operations: list[ReadableSpan]) -> list[str]:
    """The operations' names (``SELECT items``, ``ROLLBACK``), in the order they ended."""
    return [s.name for s in sorted(operations, key=lambda s: s.end_time or 0)]
