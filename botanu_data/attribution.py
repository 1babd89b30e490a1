"""Use cases and runs: which workflow an operation's cost belongs to.

``use_case("ETL Pipeline")`` opens the run's span ``botanu.run/ETL Pipeline`` and puts the run context in
W3C baggage (``botanu.run_id``, a UUIDv7, ``botanu.workflow`` and any given ``botanu.*`` attributes), the
keys the botanu SDK uses, so operations are attributed even across process boundaries. In process, a
``RunState`` rides in the OpenTelemetry context too: the span core adds every operation's numbers to it,
so the run span's ``botanu.run.*`` totals are exact even when the operation spans were not sampled.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from opentelemetry import baggage, context, trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, Status, StatusCode

from .accounting import LEDGERS
from .providers import telemetry_for
from .sdk_shortcuts import DirectWriter
from .values import clean_attribute_value, qualified_type_name, safe_exception_message

_log = logging.getLogger("botanu_data")

RUN_ID = "botanu.run_id"
WORKFLOW = "botanu.workflow"
PARENT_RUN_ID = "botanu.parent_run_id"
_RUN_KEY = context.create_key("botanu_data.run")
RUN_TOTALS = tuple(name for ledger in LEDGERS for name in ledger.run_totals if name)

F = TypeVar("F", bound=Callable[..., Any])


def uuid7() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so run ids sort by start time."""
    millis = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (millis & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64 | 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


class RunState:
    """One run in progress: its ids and its exact totals (``botanu.run.*``), safe across threads."""

    __slots__ = ("run_id", "workflow", "span", "outcome_emitted", "writer", "_totals", "_lock")

    def __init__(self, run_id: str, workflow: str, span: Span, writer: DirectWriter | None = None) -> None:
        self.run_id = run_id
        self.workflow = workflow
        self.span = span
        self.writer = writer  # the span core's writer of pre-validated attributes, when tracing is live
        self.outcome_emitted = False
        self._totals: dict[str, float] = dict.fromkeys(RUN_TOTALS, 0)  # explicit zeros: "nothing" is a fact
        self._lock = threading.Lock()

    def add(self, names: Iterable[str | None], values: Iterable[float]) -> None:
        with self._lock:
            totals = self._totals
            for name, value in zip(names, values, strict=True):
                if name is not None and value:
                    totals[name] += value

    def totals(self) -> dict[str, float]:
        with self._lock:
            return dict(self._totals)

    def end(self, error: BaseException | None = None) -> None:
        """End the run's span with its totals; ``error`` marks it failed (unless an outcome was emitted)."""
        span = self.span
        try:
            if span.is_recording():
                if error is not None:
                    span.set_status(Status(StatusCode.ERROR, safe_exception_message(error)))
                    span.set_attribute("error.type", qualified_type_name(error))
                    if not self.outcome_emitted:
                        span.set_attribute("botanu.outcome.status", "failed")
                totals = self.totals()  # numbers under fixed names: valid, so written as such when possible
                if self.writer is not None:
                    self.writer.write(span, totals)
                else:
                    span.set_attributes(totals)
        except Exception:  # telemetry never breaks the application
            _log.exception("botanu_data: failed to finish use case %r", self.workflow)
        finally:
            span.end()


def with_run(ctx: Context, run: RunState | None) -> Context:
    """``ctx`` carrying ``run`` (used when a span's parent context is not the current one)."""
    return ctx if run is None else context.set_value(_RUN_KEY, run, ctx)


def current_run() -> RunState | None:
    return context.get_value(_RUN_KEY)  # type: ignore[return-value]


NO_RUN: tuple[RunState | None, str | None, str | None] = (None, None, None)
# The last context looked up and its answer. Contexts are immutable and consecutive statements of one
# request share theirs, so most lookups are one identity check (a tuple swap is atomic across threads).
_last_lookup: tuple[object, tuple[RunState | None, str | None, str | None]] = (None, NO_RUN)


def run_attributes(
    ctx: Context | None = None, remote: Context | None = None
) -> tuple[RunState | None, str | None, str | None]:
    """(run state, run id, workflow) of ``ctx`` (default: the current context).

    Outside our own runs the ids come from baggage: ``ctx``'s, else ``remote``'s (the context a consumer
    extracted from a message), so a botanu SDK run or a producer's run is attributed too.
    """
    global _last_lookup
    if ctx is None:
        ctx = context.get_current()
    last_ctx, answer = _last_lookup
    if last_ctx is ctx and remote is None:
        return answer
    answer = _lookup(ctx, remote)
    if remote is None:
        _last_lookup = (ctx, answer)
    return answer


def _lookup(ctx: Context, remote: Context | None) -> tuple[RunState | None, str | None, str | None]:
    run = context.get_value(_RUN_KEY, ctx)
    if run is not None:
        return run, run.run_id, run.workflow  # type: ignore[attr-defined]
    entries = baggage.get_all(ctx)
    if not entries and remote is not None:
        entries = baggage.get_all(remote)
    if not entries:
        return NO_RUN
    run_id, workflow = entries.get(RUN_ID), entries.get(WORKFLOW)
    return None, (str(run_id) if run_id else None), (str(workflow) if workflow else None)


class use_case:  # noqa: N801 - used as a decorator, like contextlib's lower-case helpers
    """Attribute everything inside to one run of a named workflow.

    Use as ``@use_case("ETL Pipeline")`` on a sync or async function (generators are not supported: their
    body runs after the call returns), or as ``with use_case("ETL Pipeline", customer_id="c1"):``. Keyword
    attributes become baggage and span attributes ``botanu.<key>``. ``start()`` opens a run without the
    with-block, for a run that begins and ends in different callbacks (the web integrations).
    """

    def __init__(self, name: str, **attributes: object) -> None:
        if not isinstance(name, str) or not name:
            _log.warning("botanu_data: use_case(name=%r) is not a non-empty str; using 'unnamed'", name)
            name = "unnamed"
        self.name = name
        self.attributes: dict[str, str] = {}
        for key, value in attributes.items():
            cleaned = clean_attribute_value("use_case", key, value)
            if cleaned is not None:
                full = key if key.startswith("botanu.") else f"botanu.{key}"
                self.attributes[full] = str(cleaned)
        self._stack: list[tuple[RunState, object]] = []

    def __call__(self, func: F) -> F:
        if inspect.isgeneratorfunction(func) or inspect.isasyncgenfunction(func):
            _log.warning("botanu_data: use_case cannot wrap generator %r; left untracked", func)
            return func
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with use_case(self.name, **self.attributes):
                    return await func(*args, **kwargs)

            return run_async  # type: ignore[return-value]

        @functools.wraps(func)
        def run_sync(*args: Any, **kwargs: Any) -> Any:
            with use_case(self.name, **self.attributes):
                return func(*args, **kwargs)

        return run_sync  # type: ignore[return-value]

    def start(self, parent: Context | None = None) -> tuple[RunState, Context]:
        """Open the run without making it current: its state and a context carrying it, a child of ``parent``
        (default: the current context). For frameworks whose request spans several callbacks: attach the
        context where the work runs, and end the run with ``RunState.end``. The with-block does both."""
        if parent is None:
            parent = context.get_current()
        parent_run: RunState | None = context.get_value(_RUN_KEY, parent)  # type: ignore[assignment]
        run_id = uuid7()
        attributes: dict[str, Any] = {RUN_ID: run_id, WORKFLOW: self.name, **self.attributes}
        if parent_run is not None:
            attributes[PARENT_RUN_ID] = parent_run.run_id
        telemetry = telemetry_for()
        span = telemetry.tracer.start_span(f"botanu.run/{self.name}", context=parent, attributes=attributes)
        run = RunState(run_id, self.name, span, telemetry.writer if telemetry.tracing_live() else None)
        ctx = trace.set_span_in_context(span, parent)
        for key, value in attributes.items():
            ctx = baggage.set_baggage(key, value, ctx)
        return run, context.set_value(_RUN_KEY, run, ctx)

    def __enter__(self) -> RunState:
        run, ctx = self.start()
        self._stack.append((run, context.attach(ctx)))
        return run

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        run, token = self._stack.pop()
        try:
            context.detach(token)
        finally:
            run.end(exc)
        return False

    async def __aenter__(self) -> RunState:
        return self.__enter__()

    async def __aexit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> bool:
        return self.__exit__(exc_type, exc, tb)


_warned_outside = False


def emit_outcome(
    status: str,
    value_type: str | None = None,
    value_amount: float | None = None,
    confidence: float | None = None,
    reason: str | None = None,
    **metadata: object,
) -> None:
    """Record the business outcome of the current use case on its span (``botanu.outcome.*``)."""
    global _warned_outside
    run = current_run()
    if run is None:
        if not _warned_outside:
            _warned_outside = True
            _log.warning("botanu_data: emit_outcome(%r) called outside a use case; ignored", status)
        return
    try:
        run.outcome_emitted = True
        if not run.span.is_recording():
            return
        fields = {"status": status, "value_type": value_type, "value_amount": value_amount,
                  "confidence": confidence, "reason": reason}
        attributes: dict[str, Any] = {}
        for key, value in fields.items():
            cleaned = clean_attribute_value("emit_outcome", key, value)
            if cleaned is not None:
                attributes[f"botanu.outcome.{key}"] = cleaned
        for key, value in metadata.items():
            cleaned = clean_attribute_value("emit_outcome", key, value)
            if cleaned is not None:
                attributes[f"botanu.outcome.metadata.{key}"] = cleaned
        run.span.set_attributes(attributes)
        run.span.add_event("botanu.outcome_emitted", attributes)
    except Exception:
        _log.exception("botanu_data: emit_outcome failed")
