"""SQLAlchemy instrumentation: every DBAPI cursor execution becomes a tracked DB operation.

``instrument_engine(engine)`` adds engine listeners: ``before_cursor_execute`` analyses the statement
(``sql.analyze`` with the engine's dialect name, once per statement *shape*: the statement with its literals
masked, ``sql.shape``; the spans' attributes, name and counter series are kept per shape as a
``PreparedShape``, found by the exact string first, then by a quick key, then by the shape), starts the
operation through the span core's per-statement path (``statement_path.py``) and makes its span current while
the driver runs;
``after_cursor_execute`` adds the driver's row count and ends it; ``handle_error`` hands it to a
``DBTracker`` that records the error (driver errors SQLAlchemy shows no handle_error listener are caught in
the ExecutionContext's ``handle_dbapi_exception``, see ``_patch_context_class``). The operation lives on
SQLAlchemy's ExecutionContext, never in a module global. COMMIT and ROLLBACK happen on the DBAPI connection, outside any
cursor, so they are timed by wrapping this engine's own dialect's ``do_commit``/``do_rollback`` (savepoints
are SQL statements and arrive through the cursor hooks as TRANSACTION operations).

Row counts come from ``cursor.rowcount``: PostgreSQL and MySQL/MariaDB drivers report rows returned at
execute time; SQLite reports -1 for SELECT (rows are fetched lazily), so SQLite SELECTs carry no
``botanu.data.rows_returned``. Whether a statement returns rows (``cursor.description``) is asked of the
driver once per statement shape.
"""

from __future__ import annotations

import functools
import itertools
import os
import threading
import weakref
from dataclasses import replace
from typing import Any

from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import ExecuteStyle

from .db import DBOperation, DBTracker
from .integrations.warehouses import adapter_for
from .providers import Telemetry, telemetry_for
from .query_tags import tagger_for
from .spans import report_fault
from .sql import StatementInfo, analyze
from .sql.shape import Shape, quick_key_parts, shape_function
from .statement_path import PreparedShape, start_prepared
from .systems import normalize_db_system, otel_db_system_name
from .values import database_error_code

# The operation in flight lives on the ExecutionContext as ``context._botanu_operation``. It is read and
# written as a plain attribute, never through ``context.__dict__``: that would turn the context's inline
# attribute storage into a dict and slow every attribute access SQLAlchemy makes on it afterwards. Every
# before_cursor_execute is followed by its after_cursor_execute, by handle_error (SQLAlchemy routes each
# exception of an execution through handle_error, other listeners' and insertmanyvalues batches' included)
# or, for a driver error SQLAlchemy shows no handle_error listener, by the context's handle_dbapi_exception
# (see _patch_context_class); each takes the operation off the context, so before_cursor_execute never finds one
# there. Two rare cases reach none of them, and their span stays open: SQL that fails while SQLAlchemy is
# already handling an error of the same Connection (a handle_error listener running SQL on it) is raised
# before any hook; an error raised by another listener of the execution (not by the driver) when an
# application's handle_error listener registered before ours raised too (SQLAlchemy then stops dispatching,
# and handle_error listeners cannot be inserted ahead).
# operations whose row count is rows affected (executemany batches too: see _Prepared.row_counts)
_AFFECTS_ROWS = frozenset({DBOperation.INSERT, DBOperation.UPDATE, DBOperation.DELETE, DBOperation.UPSERT,
                           DBOperation.MERGE})
_NOTHING = object()
_MAX_PREPARED = 2048  # statement strings, and shapes, remembered per engine; sql.analyze has its own cache


class _Prepared:
    """What an engine's trackers carry for one statement shape (``sql.shape``: the statement with its literals
    masked; everything here is the same for every statement of one shape), computed once and reused."""

    __slots__ = ("plain", "shape", "batch_shape", "affects_rows", "returns_rows", "reads_rowcount")

    def __init__(self, hooks: _EngineHooks, info: StatementInfo) -> None:
        base = hooks.base
        operation = info.operation or "UNKNOWN"
        self.affects_rows = operation in _AFFECTS_ROWS
        self.returns_rows: bool | None = None  # learnt from the driver on the first run that reports rows
        # SQLite reports -1 for every SELECT (its rows are fetched lazily): its rowcount is read for DML only
        self.reads_rowcount = self.affects_rows or hooks.system != "sqlite"
        # OpenTelemetry's db.operation.name is the statement's own verb (REPLACE, SAVEPOINT, ...), while
        # db.operation is the seed's category (UPSERT, TRANSACTION, ...)
        operation_name = info.summary.split(" ", 1)[0] if info.summary else operation
        table = info.tables[0] if info.tables else None
        # trace_transactions=False: SAVEPOINT / RELEASE / ROLLBACK TO are transaction control too
        self.plain = not (operation == DBOperation.TRANSACTION and not hooks.trace_transactions)
        attributes = dict(base)
        attributes["db.operation"] = operation
        attributes["db.operation.name"] = operation_name
        if table:
            attributes["db.collection.name"] = table
            attributes["botanu.data.tables"] = info.tables
        if info.summary:
            attributes["db.query.summary"] = info.summary
        if hooks.capture_statement and info.sanitized:
            attributes["db.query.text"] = info.sanitized
        name = info.summary or (f"{operation_name} {table}" if table else operation_name) or base["db.system.name"]
        self.shape = hooks.shape(operation, table, attributes, name)
        # executemany / insertmanyvalues: OpenTelemetry's "BATCH <operation>" naming; the batch size is added
        # per execution, so these attributes are copied then
        self.batch_shape = hooks.shape(
            DBOperation.BATCH, table,
            {**attributes, "db.operation": DBOperation.BATCH, "db.operation.name": f"BATCH {operation_name}"},
            f"BATCH {name}",
        )

    def row_counts(self, cursor: Any, executemany: bool) -> tuple[int, int] | tuple[()]:
        """(rows returned, rows affected) of one run, when the driver reports rows; else ``()``. Whether the
        statement returns rows is asked of the driver (``cursor.description``) once per statement shape:
        every statement of one shape has the same answer, and the question costs ~5 µs on psycopg, which builds
        the columns' descriptions anew each time."""
        rowcount = cursor.rowcount
        if rowcount is None or rowcount <= 0:
            return ()
        returns_rows = self.returns_rows
        if returns_rows is None:
            returns_rows = self.returns_rows = cursor.description is not None
        return (rowcount if returns_rows else 0, rowcount if executemany or self.affects_rows else 0)


def _dialect_system(dialect: Any) -> str:
    if getattr(dialect, "is_mariadb", False):  # MariaDB is served by the mysql dialects
        return "mariadb"
    return normalize_db_system(dialect.name)


class _EngineHooks:
    """The listeners added to one Engine and the per-engine state they share (no reference to the Engine)."""

    def __init__(
        self,
        engine: Engine,
        telemetry: Telemetry,
        capture_statement: bool,
        trace_transactions: bool,
        duration_histogram: bool | None,
        redshift_query_id: bool = False,
    ) -> None:
        self.telemetry = telemetry
        self.capture_statement = capture_statement
        self.trace_transactions = trace_transactions
        self.duration_histogram = duration_histogram
        self.dialect = engine.dialect
        self._mariadb_checked = engine.dialect.name != "mysql"
        self.sql_dialect: str = engine.dialect.name  # for sql.analyze's literal rules
        self._shape_of = shape_function(self.sql_dialect)
        self._quick_key, self._quick_key_holds = quick_key_parts(self.sql_dialect)
        self._prepared: dict[str, _Prepared] = {}  # by statement string: the hooks' first lookup
        self._by_quick_key: dict[bytes, _Prepared] = {}  # a new string of a known shape, found without a regex
        self._by_shape: dict[Shape, _Prepared] = {}  # by shape: the rest
        self._lock = threading.Lock()
        self.base = self._base_attributes(engine)
        self.system: str = self.base["db.system"]
        self._wrapped: dict[str, tuple[Any, Any]] = {}  # dialect attribute -> (ours, the instance's own)
        self._context_class: type | None = None  # the ExecutionContext class patched for this engine
        self._ending = threading.local()  # the DBAPI connection a Connection is committing or rolling back
        # a warehouse dialect's cursor adapter (query id, bytes scanned/billed), else None: picked once, here
        self.adapter = adapter_for(engine.dialect, redshift_query_id=redshift_query_id)
        self.tagger: Any = None  # with tag_queries: the query tagger, a before_cursor_execute listener of its own

    @staticmethod
    def _base_attributes(engine: Engine) -> dict[str, Any]:
        system = _dialect_system(engine.dialect)
        url = engine.url
        attributes: dict[str, Any] = {
            "db.system": system,
            "db.system.name": otel_db_system_name(system),
            "botanu.vendor": system,
        }
        database = url.database
        if database and system == "sqlite":
            database = os.path.basename(database) if database != ":memory:" else database
        if database:
            attributes["db.name"] = database
            attributes["db.namespace"] = database
        if url.host:
            attributes["server.address"] = url.host
            port = url.port or getattr(engine.dialect, "default_port", None)
            if port:
                attributes["server.port"] = int(port)
        return attributes

    def _refresh_system(self) -> None:
        """MariaDB is known only once the mysql dialect has read the server version."""
        if self.dialect.server_version_info is None:
            return
        self._mariadb_checked = True
        if _dialect_system(self.dialect) == "mariadb":
            with self._lock:
                self.base = {**self.base, "db.system": "mariadb", "db.system.name": "mariadb",
                             "botanu.vendor": "mariadb"}
                self.system = "mariadb"
                self._prepared = {}
                self._by_quick_key = {}
                self._by_shape = {}

    def shape(self, operation: str, table: str | None, attributes: dict[str, Any], name: str) -> PreparedShape:
        return PreparedShape(DBTracker, self.telemetry, self.system, operation, table, attributes, name,
                             self.duration_histogram)

    def _prepare(self, statement: str) -> _Prepared:
        """A statement string seen for the first time (or again after the cache was cleared): found by its
        quick key (``sql.shape.quick_key_parts``: its candidate looked up, a key stored only if it holds) or its
        shape, else analysed. Until a mysql dialect knows whether the server is MariaDB, nothing is kept: the
        attributes could still change."""
        if not self._mariadb_checked:
            self._refresh_system()
            if not self._mariadb_checked:
                return _Prepared(self, analyze(statement, self.sql_dialect))
        text = type(statement) is str
        quick_key = self._quick_key(statement) if text else None  # (only keys that hold are stored)
        prepared = self._by_quick_key.get(quick_key) if quick_key is not None else None
        if prepared is None:
            shape = self._shape_of(statement) if text else None
            prepared = self._by_shape.get(shape) if shape is not None else None
            if prepared is None:
                prepared = _Prepared(self, analyze(statement, self.sql_dialect))  # (a new shape: rare)
                if shape is not None:
                    self._keep(self._by_shape, shape, prepared)
            if quick_key is not None and shape is not None and self._quick_key_holds(quick_key):
                self._keep(self._by_quick_key, quick_key, prepared)
        if len(self._prepared) < _MAX_PREPARED:  # (_keep, written out for the commonest case)
            self._prepared[statement] = prepared
        else:
            self._keep(self._prepared, statement, prepared)
        return prepared

    def _keep(self, cache: dict, key: str | bytes | Shape, prepared: _Prepared) -> None:
        if len(cache) >= _MAX_PREPARED:
            with self._lock:
                # an application with unbounded distinct SQL strings (or shapes): strings are cheap to find
                # again by their shape, so that cache is emptied; of the shapes, the oldest quarter goes
                if cache is self._prepared:
                    cache.clear()
                else:
                    for old in list(itertools.islice(cache, max(1, _MAX_PREPARED // 4))):
                        cache.pop(old, None)
        cache[key] = prepared  # (one atomic store: another thread's store or clear at the same time is benign)

    # -- cursor listeners ---------------------------------------------------------------------------

    def before_cursor_execute(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> tuple[str, Any]:
        try:
            telemetry = self.telemetry
            if context is not None and (telemetry._tracing_live or telemetry._metrics_live or telemetry.live()):
                prepared = self._prepared.get(statement) or self._prepare(statement)
                if not prepared.plain:
                    return statement, parameters
                shape = prepared.shape
                if executemany:  # the batch size is this execution's own
                    size = _batch_size(statement, parameters, context)
                    batch = prepared.batch_shape
                    shape = replace(batch, attributes={**batch.attributes, "db.operation.batch.size": size})
                context._botanu_operation = start_prepared(shape)
        except Exception:
            report_fault("before_cursor_execute")
        return statement, parameters

    def after_cursor_execute(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        operation = getattr(context, "_botanu_operation", None)  # (context None: no attribute)
        if operation is None:
            return
        context._botanu_operation = None
        counts: tuple[int, int] | tuple[()] = ()  # (rows returned, rows affected), when the driver reports rows
        try:
            prepared = self._prepared.get(statement) or self._prepare(statement)
            if prepared.reads_rowcount:
                counts = prepared.row_counts(cursor, executemany)
        except Exception:
            report_fault("after_cursor_execute")
        if self.adapter is not None:  # a warehouse: its query id and cost figures (integrations/warehouses.py)
            operation = self.adapter.record(operation, cursor)
        operation.end_prepared(counts)

    def handle_error(self, exception_context: Any) -> None:
        _end_with_error(exception_context.execution_context, exception_context.original_exception)

    # -- COMMIT / ROLLBACK --------------------------------------------------------------------------

    def on_connection_end(self, conn: Any) -> None:
        """A Connection is about to COMMIT or ROLLBACK: mark its DBAPI connection so the timed
        ``do_commit``/``do_rollback`` that follows is traced. Unmarked calls (the pool's reset-on-return,
        the dialect's first-connect rollback) are not a Connection's transaction and are left out."""
        self._ending.connection = conn._dbapi_connection

    def _take_mark(self, dbapi_connection: Any) -> bool:
        marked = getattr(self._ending, "connection", None)
        self._ending.connection = None
        return marked is not None and marked is dbapi_connection

    def transaction_tracker(self, operation_name: str, dbapi_connection: Any) -> DBTracker | None:
        if not self._take_mark(dbapi_connection) or not self.telemetry.live():
            return None
        if not self._mariadb_checked:
            self._refresh_system()
        attributes = {**self.base, "db.operation": DBOperation.TRANSACTION, "db.operation.name": operation_name}
        return DBTracker.prepared(self.shape(DBOperation.TRANSACTION, None, attributes, operation_name)).start()

    def wrap_dialect(self) -> None:
        """Wrap what this engine's own dialect instance does outside the cursor listeners' reach: with
        ``trace_transactions``, ``do_commit``/``do_rollback``; and its ExecutionContext class's error hook."""
        if self.trace_transactions:
            hooks_ref = weakref.ref(self)
            for method, operation_name in (("do_commit", "COMMIT"), ("do_rollback", "ROLLBACK")):
                replacement = _timed(hooks_ref, getattr(self.dialect, method), operation_name)
                # (what the dialect instance itself held, if anything, is put back by unwrap_dialect)
                self._wrapped[method] = (replacement, self.dialect.__dict__.get(method, _NOTHING))
                setattr(self.dialect, method, replacement)
        self._context_class = self.dialect.execution_ctx_cls
        _patch_context_class(self._context_class)

    def unwrap_dialect(self) -> None:
        for name, (replacement, original) in self._wrapped.items():
            if self.dialect.__dict__.get(name) is not replacement:
                continue  # wrapped again by someone else since: theirs stays
            if original is _NOTHING:
                del self.dialect.__dict__[name]
            else:
                setattr(self.dialect, name, original)
        self._wrapped.clear()


def _end_with_error(context: Any, error: BaseException) -> None:
    """Record ``error`` on the execution's operation, if one is in flight, and end it."""
    operation = getattr(context, "_botanu_operation", None)
    if operation is None:
        return
    context._botanu_operation = None
    try:
        operation = operation.as_tracker()
        _record_error(operation, error)
    except Exception:
        report_fault("handle_error")
    operation.end()


def _record_error(tracker: DBTracker, error: BaseException) -> None:
    tracker.set_error(error)
    code = database_error_code(error)
    if code:
        tracker._pending = {"db.response.status_code": code}


# ExecutionContext classes whose handle_dbapi_exception is wrapped -> (what the class itself defined, or
# _NOTHING; our wrapper). Guarded by _registry_lock.
_patched_contexts: dict[type, tuple[Any, Any]] = {}


def _patch_context_class(context_class: type) -> None:
    """Give a dialect's ExecutionContext class a last chance to end a failed execution's operation. SQLAlchemy
    passes every driver error of an execution to its context's ``handle_dbapi_exception``, also when it
    dispatches no ``handle_error``: on a connection with ``skip_user_error_events`` (the mysql dialects'
    reflection of a missing table) or after an application's handle_error listener raised. The class itself
    is patched, once, rather than subclassed per engine: contexts of a second class at the same code sites
    slow every statement of every engine by ~1 µs (CPython's attribute caches turn polymorphic). Contexts of
    engines not instrumented never carry an operation, so for them the wrapper changes nothing."""
    if context_class in _patched_contexts:
        return
    inherited = context_class.handle_dbapi_exception

    @functools.wraps(inherited)
    def handle_dbapi_exception(self: Any, e: BaseException) -> None:
        try:
            _end_with_error(self, e)
        except Exception:
            report_fault("handle_dbapi_exception")
        inherited(self, e)

    _patched_contexts[context_class] = (context_class.__dict__.get("handle_dbapi_exception", _NOTHING),
                                        handle_dbapi_exception)
    context_class.handle_dbapi_exception = handle_dbapi_exception


def _unpatch_context_class(context_class: type | None) -> None:
    """Put back the class's own ``handle_dbapi_exception`` once no instrumented engine uses the class (engines
    collected without uninstrument_engine have left ``_instrumented`` by then)."""
    if context_class is None or any(h._context_class is context_class for h in _instrumented.values()):
        return
    own, wrapper = _patched_contexts.pop(context_class, (_NOTHING, None))
    if wrapper is None or context_class.__dict__.get("handle_dbapi_exception") is not wrapper:
        return  # patched again by someone else since: theirs stays
    if own is _NOTHING:
        del context_class.handle_dbapi_exception
    else:
        context_class.handle_dbapi_exception = own


def _timed(hooks_ref: weakref.ref, original: Any, operation_name: str) -> Any:
    @functools.wraps(original)
    def timed(dbapi_connection: Any) -> Any:
        hooks = hooks_ref()
        tracker = None
        if hooks is not None:
            try:
                tracker = hooks.transaction_tracker(operation_name, dbapi_connection)
            except Exception:
                report_fault(f"{operation_name} start")
        if tracker is None:
            return original(dbapi_connection)
        try:
            return original(dbapi_connection)
        except BaseException as error:
            _record_error(tracker, error)
            raise
        finally:
            tracker.end()

    return timed


def _batch_size(statement: str, parameters: Any, context: Any) -> int:
    """Parameter sets in one executemany call, or rows in one insertmanyvalues batch."""
    if context.execute_style is ExecuteStyle.INSERTMANYVALUES:
        # one INSERT .. VALUES (..), (..) per batch with flat parameters: count the row groups
        return statement.count("), (") + 1
    return len(parameters)


# -- public API -----------------------------------------------------------------------------------------

_instrumented: weakref.WeakKeyDictionary[Engine, _EngineHooks] = weakref.WeakKeyDictionary()
_registry_lock = threading.Lock()
_LISTENERS = ("before_cursor_execute", "after_cursor_execute", "handle_error")


def _new_locks_in_child() -> None:
    """After ``os.fork()``, in the child: a lock a parent thread held at the fork would stay held forever."""
    global _registry_lock
    _registry_lock = threading.Lock()
    for hooks in list(_instrumented.values()):
        hooks._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_locks_in_child)


def _sync_engine(engine: Any) -> Engine:
    return getattr(engine, "sync_engine", engine)  # an AsyncEngine wraps a sync Engine


def instrument_engine(
    engine: Any,
    *,
    tracer_provider: TracerProvider | None = None,
    meter_provider: MeterProvider | None = None,
    capture_statement: bool = False,
    trace_transactions: bool = True,
    duration_histogram: bool | None = None,
    tag_queries: bool = False,
    tag_traceparent: bool = False,
    redshift_query_id: bool = False,
) -> Any:
    """Track every statement an Engine or AsyncEngine runs; calling it again changes nothing.

    ``capture_statement``: record ``db.query.text``, the statement with every literal replaced by ``?``
    (bound parameter values are never recorded). ``trace_transactions``: COMMIT/ROLLBACK spans.
    ``duration_histogram``: OpenTelemetry's ``db.client.operation.duration`` histogram (default: the
    package setting from ``configure()``). ``tag_queries``: carry the current use case into the database's
    own records (``query_tags.py``), with the statement's
    ``traceparent`` in the comment if ``tag_traceparent``. ``redshift_query_id``: ask Redshift for each
    statement's query id (a round trip per statement). Returns the engine.
    """
    try:
        sync_engine = _sync_engine(engine)
        with _registry_lock:
            if sync_engine in _instrumented:
                return engine
            hooks = _EngineHooks(
                sync_engine, telemetry_for(tracer_provider, meter_provider), bool(capture_statement),
                bool(trace_transactions), duration_histogram, bool(redshift_query_id),
            )
            event.listen(sync_engine, "before_cursor_execute", hooks.before_cursor_execute, retval=True)
            event.listen(sync_engine, "after_cursor_execute", hooks.after_cursor_execute)
            event.listen(sync_engine, "handle_error", hooks.handle_error)
            if tag_queries:
                _listen_tagger(sync_engine, hooks, bool(tag_traceparent))
            if trace_transactions:
                event.listen(sync_engine, "commit", hooks.on_connection_end)
                event.listen(sync_engine, "rollback", hooks.on_connection_end)
            hooks.wrap_dialect()
            _instrumented[sync_engine] = hooks
    except Exception:
        report_fault("instrument_engine")
    return engine


def _listen_tagger(engine: Engine, hooks: _EngineHooks, traceparent: bool) -> None:
    """The query tagger's own listener, after ours: our hook sees (and caches) the untagged statement, and the
    statement's span is current for a traceparent. Session taggers forget their setting on a rollback."""
    try:
        hooks.tagger = tagger_for(engine.dialect, traceparent=traceparent)
    except Exception:  # e.g. sqlalchemy-bigquery without google-cloud-bigquery importable
        report_fault("tag_queries")
        return
    event.listen(engine, "before_cursor_execute", hooks.tagger.before_cursor_execute, retval=True)
    forget = getattr(hooks.tagger, "forget", None)
    if forget is not None:
        event.listen(engine, "rollback", forget)


def _unlisten_tagger(engine: Engine, hooks: _EngineHooks) -> None:
    tagger = hooks.tagger
    if tagger is None:
        return
    if event.contains(engine, "before_cursor_execute", tagger.before_cursor_execute):
        event.remove(engine, "before_cursor_execute", tagger.before_cursor_execute)
    forget = getattr(tagger, "forget", None)
    if forget is not None and event.contains(engine, "rollback", forget):
        event.remove(engine, "rollback", forget)
    hooks.tagger = None


def uninstrument_engine(engine: Any) -> Any:
    """Remove every listener ``instrument_engine`` added (and the COMMIT/ROLLBACK timing)."""
    try:
        sync_engine = _sync_engine(engine)
        with _registry_lock:
            hooks = _instrumented.pop(sync_engine, None)
            if hooks is None:
                return engine
            for name in _LISTENERS:
                listener = getattr(hooks, name)
                if event.contains(sync_engine, name, listener):
                    event.remove(sync_engine, name, listener)
            for name in ("commit", "rollback"):
                if event.contains(sync_engine, name, hooks.on_connection_end):
                    event.remove(sync_engine, name, hooks.on_connection_end)
            _unlisten_tagger(sync_engine, hooks)
            hooks.unwrap_dialect()
            _unpatch_context_class(hooks._context_class)
    except Exception:
        report_fault("uninstrument_engine")
    return engine


def is_instrumented(engine: Any) -> bool:
    return _sync_engine(engine) in _instrumented


# instrument_sqlalchemy (every engine of the process) lives in sqlalchemy_global.py
__all__ = ["instrument_engine", "is_instrumented", "uninstrument_engine"]
