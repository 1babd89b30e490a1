"""Issue 14, part 4: rows returned are on spans under OpenTelemetry's ``db.response.returned_rows`` too.

Beside the seed's ``botanu.data.rows_returned``, through every way rows reach a span: the engine hooks on a
real PostgreSQL (the per-statement fast path, its first-write path and the tracker path inside a use case),
``set_result``, ``set_warehouse_metrics`` and ``set_data_metrics`` (on a tracked span and a foreign one).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from _services import scratch_table
from conftest import Telemetry
from opentelemetry.sdk.trace import ReadableSpan

from botanu_data import (
    instrument_engine,
    set_data_metrics,
    set_warehouse_metrics,
    track_db_operation,
    uninstrument_engine,
    use_case,
)

SEED, OTEL = "botanu.data.rows_returned", "db.response.returned_rows"


def _rows(span: ReadableSpan) -> tuple[object, object]:
    attributes = span.attributes or {}
    return attributes.get(SEED), attributes.get(OTEL)


@pytest.fixture
def pg_table(postgres_url: str) -> Iterator[str]:
    fill = "INSERT INTO {table} VALUES (1), (2), (3)"
    with scratch_table(postgres_url, "rows", "id INTEGER PRIMARY KEY", fill) as table:
        yield table


def test_engine_spans_carry_both_names(otel: Telemetry, postgres_url: str, pg_table: str) -> None:
    engine = instrument_engine(sa.create_engine(postgres_url), tracer_provider=otel.tracer_provider,
                               meter_provider=otel.meter_provider)
    try:
        with engine.connect() as conn:
            for _ in range(2):  # the provider's first recorded span, then the direct writes into the next
                assert len(conn.exec_driver_sql(f"SELECT id FROM {pg_table}").all()) == 3
            with use_case("Rows"):  # a run to attribute: the tracker path
                assert len(conn.exec_driver_sql(f"SELECT id FROM {pg_table} WHERE id < 3").all()) == 2
            assert conn.exec_driver_sql(f"UPDATE {pg_table} SET id = id WHERE id = 1").rowcount == 1
    finally:
        uninstrument_engine(engine)
        engine.dispose()
    selects = [s for s in otel.spans() if s.name.startswith("SELECT")]
    assert [_rows(s) for s in selects] == [(3, 3), (3, 3), (2, 2)]
    (update,) = [s for s in otel.spans() if s.name.startswith("UPDATE")]
    assert _rows(update) == (None, None)  # rows affected are not rows returned
    assert update.attributes["botanu.data.rows_affected"] == 1


def test_manual_trackers_and_helpers_carry_both_names(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT") as db:
        db.set_result(rows_returned=4, rows_affected=0)
    with track_db_operation("bigquery", "SELECT"):
        set_warehouse_metrics(query_id="q1", rows_returned=5)
    with track_db_operation("postgresql", "SELECT"):
        set_data_metrics(rows_returned=6)
    foreign = otel.tracer.start_span("foreign")
    set_warehouse_metrics(rows_returned=7, span=foreign)
    foreign.end()
    other = otel.tracer.start_span("other")
    set_data_metrics(rows_returned=8, objects_count=2, span=other)
    other.end()
    assert [_rows(s) for s in otel.spans()] == [(4, 4), (5, 5), (6, 6), (7, 7), (8, 8)]
    assert otel.span("other").attributes["botanu.data.objects_count"] == 2
    assert otel.total("botanu.data.rows", botanu__data__direction="returned") == 4 + 5 + 6  # the tracked ones


def test_a_bad_value_is_dropped_under_both_names(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT") as db:
        db.set_result(rows_returned=-1)
    (span,) = otel.spans()
    assert _rows(span) == (None, None)
    assert otel.total("botanu.data.rows") == 0
