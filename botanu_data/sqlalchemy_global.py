"""``instrument_sqlalchemy()``: every Engine and AsyncEngine the process uses, however it was made.

No engine factory is wrapped (an application that did ``from sqlalchemy import create_engine`` earlier would keep
the unwrapped one). Instead one class-level listener on ``Engine``'s ``engine_connect`` event sees every
Connection of every Engine: those of ``create_engine`` however imported, ``engine_from_config``,
``create_async_engine`` (an AsyncEngine runs on a sync Engine), Flask-SQLAlchemy and SQLModel, and engines that
already existed when the switch was turned on. The first Connection of an engine instruments it with
``instrument_engine``, before that Connection runs anything: SQLAlchemy fires ``engine_connect`` from the
Connection's constructor, after joining the Connection's events to the engine's, and a joined Connection reads
the engine's listeners anew at every event, so its first statement is already traced, SQL run by the engine's own
``engine_connect`` listeners included. Class-level ``engine_connect`` listeners run in the order they were added
(SQLAlchemy ignores ``insert=True`` for connection events): SQL that one added before the switch runs on an
engine's very first Connection is the only SQL not traced.

Nothing here imports ``sqlalchemy.ext.asyncio``: without greenlet (SQLAlchemy 2.1 no longer installs it) sync
engines are covered all the same. Mock engines (``create_mock_engine``) never connect, so they are never seen.
"""

from __future__ import annotations

import inspect
import logging
import threading
import weakref
from typing import Any

from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .engine import instrument_engine, is_instrumented, uninstrument_engine
from .spans import report_fault
from .values import warn_dropped

_log = logging.getLogger("botanu_data")

_lock = threading.Lock()
_options: dict[str, Any] | None = None  # instrument_engine keywords while the switch is on, else None
# Engines the switch has looked at (instrumented by it, or already instrumented by the application): each is
# decided once, so an engine the application uninstruments by hand stays uninstrumented.
_seen: weakref.WeakSet[Any] = weakref.WeakSet()
_ours: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines the switch instrumented: uninstrument_sqlalchemy undoes
_contrib_warned = False
_class_flag_before: object = None  # Engine._has_events before our listener was added


def _clear_class_flag() -> None:
    """SQLAlchemy sets the class flag ``Engine._has_events`` when a class-level listener is added and never clears
    it; left set, every statement of an engine with no listeners walks SQLAlchemy's event path (~1.5 us, see
    benchmarks/global_switch.py). Cleared only if it was clear before us and no class-level listener is left."""
    if _class_flag_before is not False:
        return
    try:  # SQLAlchemy's private registry: if it moved, the flag stays set (slower, still correct)
        dispatch = Engine.dispatch
        if not any(getattr(dispatch, name)._clslevel.get(Engine) for name in dispatch._event_names):
            Engine._has_events = False
    except Exception:
        return


def _root_engine(engine: Any) -> Any:
    """``engine.execution_options(...)`` returns an OptionEngine that shares its parent's listeners: the
    parent is the engine to instrument (instrumenting both would trace each statement twice)."""
    proxied = getattr(engine, "_proxied", None)
    while isinstance(proxied, Engine):
        engine, proxied = proxied, getattr(proxied, "_proxied", None)
    return engine


def _on_engine_connect(connection: Any) -> None:
    """Runs at every Connection of every Engine: after an engine's first, one set lookup."""
    try:
        engine = connection.engine
        if engine not in _seen:
            _first_connect(engine)
    except Exception:
        report_fault("instrument_sqlalchemy")


def _first_connect(engine: Any) -> None:
    with _lock:
        options = _options
        if options is None or engine in _seen:
            return
        root = _root_engine(engine)
        _seen.add(engine)
        if root is not engine:
            if root in _seen:
                return
            _seen.add(root)
        if is_instrumented(root):
            return  # the application's own instrument_engine call, with its options: left as it is
        instrument_engine(root, **options)
        if is_instrumented(root):
            _ours.add(root)
    warn_if_contrib_instrumented(root)


def _contrib_listening(engine: Any) -> bool:
    """True when opentelemetry-instrumentation-sqlalchemy has listeners on this engine (its EngineTracer's
    methods and module functions come from its package)."""
    for listener in engine.dispatch.before_cursor_execute:
        owner = getattr(listener, "__self__", None)
        module = type(owner).__module__ if owner is not None else getattr(listener, "__module__", "")
        if (module or "").startswith("opentelemetry.instrumentation.sqlalchemy"):
            return True
    return False


def warn_if_contrib_instrumented(engine: Any) -> None:
    """One warning per process when opentelemetry-instrumentation-sqlalchemy also traces an engine botanu-data
    traces: every statement would then have two CLIENT spans. botanu-data's counters are its own and count each
    statement once either way."""
    global _contrib_warned
    try:
        engine = _root_engine(getattr(engine, "sync_engine", engine))
        if _contrib_warned or not is_instrumented(engine) or not _contrib_listening(engine):
            return
        _contrib_warned = True
        _log.warning(
            "botanu_data: opentelemetry-instrumentation-sqlalchemy also instruments engine %s: each statement "
            "gets two CLIENT spans, its and botanu-data's (botanu-data's counters still count it once). Keep one: "
            "with opentelemetry-instrument set OTEL_PYTHON_DISABLED_INSTRUMENTATIONS=sqlalchemy, in code call "
            "SQLAlchemyInstrumentor().uninstrument() (botanu-data's spans carry the db.* attributes too)",
            engine.url.render_as_string(hide_password=True),
        )
    except Exception:
        report_fault("instrument_sqlalchemy")


def _engine_keywords(more: dict[str, Any]) -> dict[str, Any]:
    accepted = inspect.signature(instrument_engine).parameters
    kept = {}
    for keyword, value in more.items():
        if keyword in accepted and keyword != "engine":
            kept[keyword] = value
        else:
            warn_dropped("instrument_sqlalchemy", keyword, value, "not an instrument_engine keyword")
    return kept


def instrument_sqlalchemy(
    *,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
    capture_statement: bool = False,
    trace_transactions: bool = True,
    duration_histogram: bool | None = None,
    **more: Any,
) -> None:
    """Instrument every Engine and AsyncEngine of the process, with ``instrument_engine``'s options (``more``:
    any other keyword ``instrument_engine`` takes; an unknown one is dropped with a warning).

    Covers engines however they were made and whenever: each is instrumented at its first Connection from now
    on (before that Connection's first statement), engines created before this call included. A Connection
    already open at the call is traced once any other Connection of its engine has opened. Engines the
    application instrumented itself keep their own options. Calling it again changes the options for engines
    not seen yet; engines already instrumented keep theirs.
    """
    global _options, _class_flag_before
    try:
        with _lock:
            _options = {
                "tracer_provider": tracer_provider, "meter_provider": meter_provider,
                "capture_statement": capture_statement, "trace_transactions": trace_transactions,
                "duration_histogram": duration_histogram, **_engine_keywords(more),
            }
            if not event.contains(Engine, "engine_connect", _on_engine_connect):
                _class_flag_before = Engine.__dict__.get("_has_events")
                event.listen(Engine, "engine_connect", _on_engine_connect)
    except Exception:
        report_fault("instrument_sqlalchemy")


def uninstrument_sqlalchemy() -> None:
    """Stop instrumenting new engines and uninstrument every engine ``instrument_sqlalchemy`` instrumented
    (engines instrumented with ``instrument_engine`` stay instrumented)."""
    global _options
    try:
        with _lock:
            _options = None
            if event.contains(Engine, "engine_connect", _on_engine_connect):
                event.remove(Engine, "engine_connect", _on_engine_connect)
                _clear_class_flag()
            ours = list(_ours)
            _ours.clear()
            _seen.clear()
        for engine in ours:
            uninstrument_engine(engine)
    except Exception:
        report_fault("uninstrument_sqlalchemy")


__all__ = ["instrument_sqlalchemy", "uninstrument_sqlalchemy", "warn_if_contrib_instrumented"]
