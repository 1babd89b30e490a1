"""``use_case(name).start(parent)`` and ``RunState.end``: a run opened in one callback and ended in another, as the
web integrations do; one use_case object serving many concurrent runs."""

from __future__ import annotations

from typing import Any

from opentelemetry import baggage, context, trace
from opentelemetry.trace import StatusCode

from botanu_data import track_db_operation, use_case
from botanu_data.attribution import current_run


def test_start_makes_nothing_current_and_end_records_totals_and_failure(otel: Any) -> None:
    before = context.get_current()
    case = use_case("GET /items/{id}")
    first, first_ctx = case.start()
    second, second_ctx = case.start()  # the same object, two runs at once (two requests)
    assert context.get_current() is before and current_run() is None
    assert first.run_id != second.run_id
    assert baggage.get_baggage("botanu.workflow", first_ctx) == "GET /items/{id}"
    token = context.attach(first_ctx)
    try:
        with track_db_operation(system="postgresql", operation="SELECT"):
            pass
    finally:
        context.detach(token)
    failure = ValueError("nope")
    second.end(failure)
    first.end()
    spans = {s.attributes["botanu.run_id"]: s for s in otel.spans("botanu.run/")}
    assert spans[first.run_id].attributes["botanu.run.db.operations"] == 1
    assert spans[first.run_id].status.status_code is StatusCode.UNSET
    assert spans[second.run_id].attributes["botanu.run.db.operations"] == 0
    assert spans[second.run_id].status.status_code is StatusCode.ERROR
    assert spans[second.run_id].attributes["botanu.outcome.status"] == "failed"
    assert otel.counter.started == otel.counter.ended


def test_start_under_a_given_parent(otel: Any) -> None:
    with otel.tracer.start_as_current_span("server") as server, use_case("outer") as outer:
        parent = context.get_current()
    run, ctx = use_case("inner").start(parent)
    run.end()
    (inner,) = otel.spans("botanu.run/inner")
    assert inner.parent.span_id == outer.span.get_span_context().span_id
    assert inner.attributes["botanu.parent_run_id"] == outer.run_id
    assert inner.context.trace_id == server.get_span_context().trace_id
    assert trace.get_current_span(ctx).get_span_context().span_id == inner.context.span_id
