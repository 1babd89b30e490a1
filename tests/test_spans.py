"""The span core, as seen through all three trackers: errors, duration, bad values, sampling, async, metadata."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import Telemetry, install_telemetry
from opentelemetry import context, trace
from opentelemetry.context import _SUPPRESS_INSTRUMENTATION_KEY
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import NonRecordingSpan, NoOpTracerProvider, ProxyTracerProvider, SpanKind, StatusCode

import botanu_data
from botanu_data import (
    DBTracker,
    MessagingTracker,
    StorageTracker,
    track_db_operation,
    track_messaging_operation,
    track_storage_operation,
    values,
)
from botanu_data.providers import configure, reset_configuration, telemetry_for
from botanu_data.spans import TrackedOperation, current_tracker

Factory = Callable[..., TrackedOperation]

# kind -> (factory taking the tracker's extra keyword arguments, attribute prefix, expected span kind)
KINDS: dict[str, tuple[Factory, str, SpanKind]] = {
    "db": (lambda **kw: track_db_operation("postgresql", "SELECT", **kw), "botanu.data", SpanKind.CLIENT),
    "storage": (lambda **kw: track_storage_operation("s3", "GET", **kw), "botanu.storage", SpanKind.CLIENT),
    "messaging": (
        lambda **kw: track_messaging_operation("sqs", "publish", **kw), "botanu.messaging", SpanKind.PRODUCER
    ),
}
KIND_IDS = list(KINDS)


class PipelineError(Exception):
    """A user exception defined outside builtins, so error.type carries its module."""


def _boom() -> None:
    raise PipelineError("disk full")


@pytest.fixture
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings are logged once per (api, argument) per process; give each test a clean slate."""
    monkeypatch.setattr(values, "_warned", set())


@pytest.fixture
def attribute_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attribute-writing call made on a non-recording span (there should be none)."""
    calls: list[str] = []
    for name in ("set_attribute", "set_attributes", "update_name", "add_event", "set_status", "record_exception"):
        original = getattr(NonRecordingSpan, name)

        def spy(self: Any, *args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(NonRecordingSpan, name, spy)
    return calls


def _only_span(otel: Telemetry) -> Any:
    spans = otel.spans()
    assert len(spans) == 1, [s.name for s in spans]
    return spans[0]


# -- errors ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KIND_IDS)
def test_exception_is_recorded_and_reraised_unchanged(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    raised: PipelineError | None = None
    inner_tb = None
    with pytest.raises(PipelineError) as caught, factory() as tracker:
        try:
            _boom()
        except PipelineError as exc:
            raised, inner_tb = exc, exc.__traceback__
            raise
    # the very object, with the very traceback object: the tracker neither wraps nor re-raises it itself
    assert caught.value is raised
    assert caught.value.__traceback__ is inner_tb
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert frames[-1].name == "_boom"
    assert not any("botanu_data" in frame.filename for frame in frames)
    assert tracker.error is raised

    span = _only_span(otel)
    expected_type = f"{PipelineError.__module__}.PipelineError"
    assert span.status.status_code is StatusCode.ERROR
    assert span.status.description == "disk full"
    assert span.attributes[f"{prefix}.error"] == "PipelineError"
    assert span.attributes["error.type"] == expected_type
    events = [e for e in span.events if e.name == "exception"]
    assert len(events) == 1
    assert events[0].attributes["exception.type"] == expected_type
    assert events[0].attributes["exception.message"] == "disk full"
    assert "_boom" in events[0].attributes["exception.stacktrace"]
    assert otel.counter.started == otel.counter.ended == 1


@pytest.mark.parametrize("kind", KIND_IDS)
def test_exception_reraised_unchanged_from_async_with(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    original = PipelineError("async failure")

    async def work() -> None:
        async with factory():
            await asyncio.sleep(0)
            raise original

    with pytest.raises(PipelineError) as caught:
        asyncio.run(work())
    assert caught.value is original
    assert traceback.extract_tb(caught.value.__traceback__)[-1].name == "work"
    assert _only_span(otel).attributes[f"{prefix}.error"] == "PipelineError"


@pytest.mark.parametrize("kind", KIND_IDS)
def test_set_error_by_hand_records_once(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    error = KeyError("missing")
    with factory() as tracker:
        assert tracker.set_error(error) is tracker
    with pytest.raises(KeyError), factory() as tracker2:
        tracker2.set_error(error)
        raise error  # the same exception leaving the block must not be recorded a second time
    for span in otel.spans():
        assert span.status.status_code is StatusCode.ERROR
        assert span.attributes[f"{prefix}.error"] == "KeyError"
        assert span.attributes["error.type"] == "KeyError"
        assert [e.name for e in span.events] == ["exception"]


# -- duration -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KIND_IDS)
def test_duration_ms_comes_from_a_monotonic_clock(
    otel: Telemetry, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory, prefix, _ = KINDS[kind]
    # the wall clock jumps back a second on every read: a wall-clock duration would come out negative
    seconds = itertools.count(2_000_000_000, -1)
    nanos = itertools.count(2_000_000_000 * 10**9, -(10**9))
    with factory() as tracker:
        monkeypatch.setattr(time, "time", lambda: float(next(seconds)))
        monkeypatch.setattr(time, "time_ns", lambda: next(nanos))
        time.sleep(0.03)
    monkeypatch.undo()
    duration_ms = _only_span(otel).attributes[f"{prefix}.duration_ms"]
    assert isinstance(duration_ms, float)
    assert 29.0 <= duration_ms < 1000.0
    assert duration_ms == pytest.approx(tracker.duration_s * 1000.0)


@pytest.mark.parametrize("kind", KIND_IDS)
def test_duration_ms_on_every_span(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    with factory():
        pass
    assert _only_span(otel).attributes[f"{prefix}.duration_ms"] >= 0.0


# -- bad values -------------------------------------------------------------------------------------------


BAD_CALLS: list[tuple[str, Callable[[], TrackedOperation], str, str | None]] = [
    # (id, call, argument named in the warning, attribute that must be absent)
    ("rows-text", lambda: track_db_operation("pg", "SELECT").start().set_result(rows_returned="ten"),
     "rows_returned", "botanu.data.rows_returned"),
    ("rows-negative", lambda: track_db_operation("pg", "DELETE").start().set_result(rows_affected=-3),
     "rows_affected", "botanu.data.rows_affected"),
    ("scanned-negative", lambda: track_db_operation("bq", "SELECT").start().set_bytes_scanned(-1),
     "bytes_scanned", "botanu.warehouse.bytes_scanned"),
    ("table-not-str", lambda: track_db_operation("pg", "SELECT").start().set_table(7), "name", "db.collection.name"),
    ("bytes-fraction", lambda: track_storage_operation("s3", "GET").start().set_result(bytes_read=1.5),
     "bytes_read", "botanu.data.bytes_read"),
    ("bucket-not-str", lambda: track_storage_operation("s3", "GET").start().set_bucket(b"raw"),
     "name", "botanu.storage.bucket"),
    ("count-bool", lambda: track_messaging_operation("sqs", "send").start().set_result(message_count=True),
     "message_count", "botanu.messaging.message_count"),
    ("size-nan", lambda: track_messaging_operation("sqs", "send").start().set_result(bytes_transferred=float("nan")),
     "bytes_transferred", "botanu.messaging.bytes_transferred"),
    ("system-not-str", lambda: track_db_operation(42, "SELECT").start(), "system", None),
    ("cloud-not-str", lambda: track_storage_operation("gcs", "GET", cloud_provider=3).start(),
     "cloud_provider", "botanu.cloud_provider"),
    ("metadata-object", lambda: track_messaging_operation("kafka", "send").start().add_metadata(owner=object()),
     "owner", "botanu.messaging.owner"),
]


@pytest.mark.parametrize(("call", "argument", "absent"), [c[1:] for c in BAD_CALLS], ids=[c[0] for c in BAD_CALLS])
def test_bad_value_dropped_with_one_warning(
    otel: Telemetry,
    fresh_warnings: None,
    caplog: pytest.LogCaptureFixture,
    call: Callable[[], TrackedOperation],
    argument: str,
    absent: str | None,
) -> None:
    caplog.set_level(logging.WARNING, logger="botanu_data")
    for _ in range(3):  # a hot loop with the same bad argument logs once, not three times
        tracker = call()
        tracker.end()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "botanu_data"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert f"({argument}=" in warnings[0].getMessage()
    if absent is not None:
        assert all(absent not in span.attributes for span in otel.spans())
    assert len(otel.spans()) == 3  # the operation itself is still tracked


@pytest.mark.parametrize("system", [None, 42, b"pg"])
def test_bad_system_still_tracks_as_unknown(otel: Telemetry, fresh_warnings: None, system: object) -> None:
    with track_db_operation(system=system, operation="SELECT") as db:  # type: ignore[arg-type]
        db.set_result(rows_returned=2)
    span = _only_span(otel)
    assert span.attributes["db.system"] == span.attributes["botanu.vendor"] == "unknown"
    assert span.attributes["botanu.data.rows_returned"] == 2


# -- sampling and no SDK: no attribute work on a non-recording span --------------------------------------


@pytest.mark.parametrize("kind", KIND_IDS)
def test_dropped_by_sampler_keeps_python_values_but_records_nothing(kind: str, attribute_calls: list[str]) -> None:
    otel = install_telemetry(ALWAYS_OFF)
    try:
        factory, _, _ = KINDS[kind]
        with factory(cloud_provider="aws", owner="etl") as tracker:
            assert not tracker.span.is_recording()
            if isinstance(tracker, DBTracker):
                tracker.set_result(rows_returned=7).set_table("users", schema="public").set_query_id("q1")
                tracker.set_bytes_scanned(1024)
            elif isinstance(tracker, StorageTracker):
                tracker.set_result(objects_count=2, bytes_read=512).set_bucket("b")
            else:
                assert isinstance(tracker, MessagingTracker)
                tracker.set_result(message_count=3, bytes_transferred=99).set_destination("q")
            tracker.add_metadata(step="load")
            tracker.set_error(ValueError("x"))
        assert otel.spans() == []
        assert otel.counter.started == 0
        assert attribute_calls == []
        # the Python side is complete all the same
        assert tracker.metadata == {"owner": "etl", "step": "load"}
        assert tracker.error_type == "ValueError"
        if isinstance(tracker, DBTracker):
            assert (tracker.rows_returned, tracker.table, tracker.schema) == (7, "users", "public")
            assert (tracker.query_id, tracker.bytes_scanned, tracker.bytes_read) == ("q1", 1024, 1024)
            # the exact counters do not depend on sampling
            assert otel.total("botanu.data.rows", botanu__data__direction="returned") == 7
        elif isinstance(tracker, StorageTracker):
            assert (tracker.objects_count, tracker.bytes_read, tracker.bucket) == (2, 512, "b")
        else:
            assert (tracker.message_count, tracker.bytes_transferred, tracker.destination) == (3, 99, "q")
    finally:
        reset_configuration()
        otel.tracer_provider.shutdown()
        otel.meter_provider.shutdown()


@pytest.fixture
def no_sdk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The state of an application that never installed an SDK: global proxy providers, nothing configured."""
    from opentelemetry.metrics import _internal as metrics_internal

    reset_configuration()
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", None)
    monkeypatch.setattr(metrics_internal, "_METER_PROVIDER", None)
    yield
    reset_configuration()


@pytest.mark.parametrize("kind", KIND_IDS)
def test_no_sdk_means_no_attribute_work(no_sdk: None, kind: str, attribute_calls: list[str]) -> None:
    assert isinstance(trace.get_tracer_provider(), ProxyTracerProvider)
    telemetry = telemetry_for()
    assert not telemetry.tracing_live() and not telemetry.metrics_live()
    factory, _, _ = KINDS[kind]
    with factory(owner="x") as tracker:
        tracker.add_metadata(step="y")
        if isinstance(tracker, DBTracker):
            tracker.set_result(rows_returned=4).set_table("t")
        elif isinstance(tracker, StorageTracker):
            tracker.set_result(bytes_written=4).set_bucket("b")
        else:
            tracker.set_result(message_count=4)
    assert not tracker.span.is_recording()
    assert attribute_calls == []
    assert tracker.metadata == {"owner": "x", "step": "y"}
    assert tracker.duration_s >= 0.0


def test_noop_providers_configured_record_nothing(attribute_calls: list[str]) -> None:
    configure(tracer_provider=NoOpTracerProvider())
    try:
        with track_db_operation("postgresql", "SELECT") as db:
            db.set_result(rows_returned=1)
        assert not db.span.is_recording()
        assert attribute_calls == []
        assert db.rows_returned == 1
    finally:
        reset_configuration()


# -- async and contextvars -------------------------------------------------------------------------------


def test_async_with_is_current_across_awaits_and_tasks(otel: Telemetry) -> None:
    seen: dict[str, Any] = {}

    async def child(label: str) -> None:
        await asyncio.sleep(0)
        seen[label] = current_tracker()
        with otel.tracer.start_as_current_span(f"child-{label}"):
            await asyncio.sleep(0)

    async def main() -> None:
        async with track_db_operation("postgresql", "SELECT") as db:
            seen["db"] = db
            await asyncio.sleep(0.001)
            assert trace.get_current_span() is db.span
            await child("awaited")
            await asyncio.create_task(child("task"))
        seen["after"] = current_tracker()

    asyncio.run(main())
    db = seen["db"]
    assert seen["awaited"] is db and seen["task"] is db
    assert seen["after"] is None
    parent = otel.span("SELECT").context.span_id
    assert otel.span("child-awaited").parent.span_id == parent
    assert otel.span("child-task").parent.span_id == parent


def test_concurrent_tasks_keep_their_own_trackers(otel: Telemetry) -> None:
    async def job(table: str) -> tuple[str, str | None]:
        with track_db_operation("postgresql", "SELECT") as db:  # plain `with` inside async def
            db.set_table(table)
            await asyncio.sleep(0.005)  # let the other task run while this span is open
            inner = current_tracker()
            with track_storage_operation("s3", "PUT", bucket=f"{table}-bucket"):
                await asyncio.sleep(0)
            return table, inner.table if inner else None

    async def main() -> list[tuple[str, str | None]]:
        return await asyncio.gather(job("users"), job("orders"))

    assert asyncio.run(main()) == [("users", "users"), ("orders", "orders")]
    for table in ("users", "orders"):
        assert otel.span(f"PUT {table}-bucket").parent.span_id == otel.span(f"SELECT {table}").context.span_id
        assert otel.span(f"SELECT {table}").parent is None


def test_context_restored_after_exit(otel: Telemetry) -> None:
    with otel.tracer.start_as_current_span("request") as outer:
        with track_messaging_operation("kafka", "publish", destination="t") as msg:
            assert trace.get_current_span() is msg.span
            assert current_tracker() is msg
        assert trace.get_current_span() is outer
        assert current_tracker() is None
    assert otel.span("publish t").parent.span_id == outer.get_span_context().span_id


# -- chaining, metadata, cloud provider, suppression ---------------------------------------------------------


CHAINS: list[tuple[str, Callable[[Any], Any]]] = [
    ("db.set_result", lambda t: t.set_result(rows_returned=1)),
    ("db.set_table", lambda t: t.set_table("users", schema="public")),
    ("db.set_query_id", lambda t: t.set_query_id("q-1")),
    ("db.set_bytes_scanned", lambda t: t.set_bytes_scanned(10)),
    ("db.set_error", lambda t: t.set_error(ValueError("v"))),
    ("db.add_metadata", lambda t: t.add_metadata(a=1)),
    ("storage.set_result", lambda t: t.set_result(objects_count=1)),
    ("storage.set_bucket", lambda t: t.set_bucket("b")),
    ("storage.set_error", lambda t: t.set_error(ValueError("v"))),
    ("storage.add_metadata", lambda t: t.add_metadata(a=1)),
    ("messaging.set_result", lambda t: t.set_result(message_count=1)),
    ("messaging.set_destination", lambda t: t.set_destination("q")),
    ("messaging.set_error", lambda t: t.set_error(ValueError("v"))),
    ("messaging.add_metadata", lambda t: t.add_metadata(a=1)),
]


@pytest.mark.parametrize(("name", "method"), CHAINS, ids=[c[0] for c in CHAINS])
@pytest.mark.parametrize("recording", [True, False], ids=["recording", "dropped"])
def test_every_method_returns_the_tracker(name: str, method: Callable[[Any], Any], recording: bool) -> None:
    otel = install_telemetry(None if recording else ALWAYS_OFF)
    try:
        with KINDS[name.split(".")[0]][0]() as tracker:
            assert method(tracker) is tracker
    finally:
        reset_configuration()
        otel.tracer_provider.shutdown()
        otel.meter_provider.shutdown()


@pytest.mark.parametrize("kind", KIND_IDS)
def test_add_metadata_prefixing(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    with factory() as tracker:
        returned = tracker.add_metadata(
            query_type="aggregation", cache_hit=True, ratio=0.5, tags=["a", "b"], **{"botanu.tenant": "acme"}
        )
    assert returned is tracker
    attributes = _only_span(otel).attributes
    assert attributes[f"{prefix}.query_type"] == "aggregation"
    assert attributes[f"{prefix}.cache_hit"] is True
    assert attributes[f"{prefix}.ratio"] == 0.5
    assert attributes[f"{prefix}.tags"] == ("a", "b")
    assert attributes["botanu.tenant"] == "acme"  # already botanu.*: kept as given
    assert f"{prefix}.botanu.tenant" not in attributes
    assert tracker.metadata["query_type"] == "aggregation"


@pytest.mark.parametrize("kind", KIND_IDS)
def test_extra_keyword_arguments_are_metadata(otel: Telemetry, kind: str) -> None:
    factory, prefix, _ = KINDS[kind]
    with factory(storage_class="GLACIER", message_group_id="g-1", **{"botanu.team": "data"}) as tracker:
        pass
    attributes = _only_span(otel).attributes
    assert attributes[f"{prefix}.storage_class"] == "GLACIER"
    assert attributes[f"{prefix}.message_group_id"] == "g-1"
    assert attributes["botanu.team"] == "data"
    assert tracker.metadata == {"storage_class": "GLACIER", "message_group_id": "g-1", "botanu.team": "data"}


@pytest.mark.parametrize("kind", KIND_IDS)
def test_cloud_provider_sets_both_names(otel: Telemetry, kind: str) -> None:
    factory, _, _ = KINDS[kind]
    with factory(cloud_provider="gcp"):
        pass
    attributes = _only_span(otel).attributes
    assert attributes["botanu.cloud_provider"] == "gcp"
    assert attributes["cloud.provider"] == "gcp"


def test_cloud_provider_absent_unless_given_or_known(otel: Telemetry) -> None:
    with track_db_operation("postgresql", "SELECT"):
        pass
    attributes = _only_span(otel).attributes
    assert "botanu.cloud_provider" not in attributes
    assert "cloud.provider" not in attributes


@pytest.mark.parametrize("kind", KIND_IDS)
def test_suppress_instrumentation_is_honoured(otel: Telemetry, kind: str) -> None:
    factory, _, _ = KINDS[kind]
    token = context.attach(context.set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        with factory() as tracker:
            tracker.add_metadata(step="x")
            ran = True
    finally:
        context.detach(token)
    assert ran
    assert otel.spans() == []
    assert otel.counter.started == 0
    assert tracker.metadata == {"step": "x"}
    with factory():  # and instrumentation resumes once the suppression is gone
        pass
    assert len(otel.spans()) == 1


@pytest.mark.parametrize("kind", KIND_IDS)
def test_span_kind_and_single_end(otel: Telemetry, kind: str) -> None:
    factory, _, expected_kind = KINDS[kind]
    tracker = factory().start()
    tracker.end()
    tracker.end()  # idempotent
    assert _only_span(otel).kind is expected_kind
    assert otel.counter.started == otel.counter.ended == 1


def test_public_api_importable_from_package_root() -> None:
    for name in (
        "track_db_operation", "track_storage_operation", "track_messaging_operation",
        "DBTracker", "StorageTracker", "MessagingTracker",
        "DBOperation", "StorageOperation", "MessagingOperation",
        "DB_SYSTEMS", "STORAGE_SYSTEMS", "MESSAGING_SYSTEMS",
        "set_data_metrics", "set_warehouse_metrics",
    ):
        assert name in botanu_data.__all__
        assert getattr(botanu_data, name) is not None
