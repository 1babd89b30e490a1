"""after_receive.WorkAfterReceive: the producers' context current from a receive until the next one, per thread,
never restoring a context that something else already unwound. (Through Kafka's real client:
tests/integrations/test_kafka.py.)"""

from __future__ import annotations

import threading
from typing import Any

from conftest import Telemetry
from opentelemetry import baggage, trace
from opentelemetry.context import attach, detach

from botanu_data import inject_context, use_case
from botanu_data.after_receive import WorkAfterReceive

RUN_ID = "botanu.run_id"


def _headers(otel: Telemetry, workflow: str) -> tuple[dict[str, str], Any]:
    with use_case(workflow) as run, otel.tracer.start_as_current_span("publish") as span:
        return inject_context({}), (run.run_id, span.get_span_context())


def test_one_message_makes_its_producers_span_and_run_current_until_leave(otel: Telemetry) -> None:
    headers, (run_id, producer) = _headers(otel, "Import")
    after = WorkAfterReceive()
    after.enter([headers])
    current = trace.get_current_span().get_span_context()
    assert baggage.get_baggage(RUN_ID) == run_id
    assert (current.trace_id, current.span_id, current.is_remote) == (producer.trace_id, producer.span_id, True)
    after.leave()
    assert baggage.get_baggage(RUN_ID) is None and not trace.get_current_span().get_span_context().is_valid
    after.leave()  # a second leave changes nothing


def test_a_batch_is_attributed_only_when_its_messages_agree_on_a_run(otel: Telemetry) -> None:
    first, (run_id, _) = _headers(otel, "Import")
    other, _ = _headers(otel, "Export")
    after = WorkAfterReceive()
    after.enter([first, dict(first)])
    assert baggage.get_baggage(RUN_ID) == run_id
    assert not trace.get_current_span().get_span_context().is_valid  # a batch has no one parent
    after.enter([first, other])  # the next receive: the previous stretch ends, and these disagree
    assert baggage.get_baggage(RUN_ID) is None
    after.leave()


def test_each_thread_has_its_own_stretch(otel: Telemetry) -> None:
    headers, (run_id, _) = _headers(otel, "Import")
    after = WorkAfterReceive()
    seen: dict[str, Any] = {}
    entered, left = threading.Event(), threading.Event()

    def consumer() -> None:
        after.enter([headers])
        entered.set()
        left.wait(10)
        seen["consumer"] = baggage.get_baggage(RUN_ID)
        after.leave()
        seen["after leave"] = baggage.get_baggage(RUN_ID)

    worker = threading.Thread(target=consumer)
    worker.start()
    assert entered.wait(10)
    seen["other thread"] = baggage.get_baggage(RUN_ID)
    after.leave()  # this thread's leave does not end the consumer thread's stretch
    left.set()
    worker.join(10)
    assert seen == {"other thread": None, "consumer": run_id, "after leave": None}


def test_a_consumers_own_run_wins_and_an_unwound_context_is_not_restored(otel: Telemetry) -> None:
    headers, _ = _headers(otel, "Import")
    after = WorkAfterReceive()
    with use_case("Consumer") as own:
        after.enter([headers])
        assert baggage.get_baggage(RUN_ID) == own.run_id  # nothing made current over the consumer's own run
    after.leave()
    with otel.tracer.start_as_current_span("batch"):
        after.enter([headers])
    # the block's end unwound what enter made current; leave must not bring the ended "batch" span back
    after.leave()
    assert not trace.get_current_span().get_span_context().is_valid and baggage.get_baggage(RUN_ID) is None


def test_headers_without_a_context_and_bad_carriers_change_nothing_and_never_raise(otel: Telemetry) -> None:
    after = WorkAfterReceive()
    token = attach(baggage.set_baggage("app", "1"))
    try:
        for carriers in ([{}], [None], [object()], [], [[("k", b"v")], 42]):
            after.enter(carriers)  # type: ignore[arg-type]
            assert baggage.get_all() == {"app": "1"}
            after.leave()
    finally:
        detach(token)
