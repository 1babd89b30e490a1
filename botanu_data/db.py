"""Database operations: ``track_db_operation``, ``DBTracker`` and the standalone span helpers."""

from __future__ import annotations

from typing import Any

from opentelemetry import trace
from opentelemetry.trace import Span

from .accounting import DB_LEDGER
from .providers import settings
from .spans import WAREHOUSE_ATTRIBUTES, Domain, TrackedOperation, current_tracker, guarded, report_fault
from .systems import normalize_db_system, otel_db_system_name
from .values import clean_count, clean_text


class DBOperation:
    """Database operation names (``db.operation``). Any other string is accepted too, upper-cased."""

    SELECT = "SELECT"
    INSERT = "INSERT"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    UPSERT = "UPSERT"
    MERGE = "MERGE"
    CREATE = "CREATE"
    DROP = "DROP"
    ALTER = "ALTER"
    INDEX = "INDEX"
    TRANSACTION = "TRANSACTION"
    BATCH = "BATCH"


DB_DOMAIN = Domain(
    ledger=DB_LEDGER,
    prefix="botanu.data",
    system_attributes=("db.system", "db.system.name"),
    operation_attributes=("db.operation", "db.operation.name"),
    target_attributes=("db.collection.name",),
    api="track_db_operation",
    normalize_system=normalize_db_system,
    otel_system=otel_db_system_name,
    result_aliases={"rows_returned": "db.response.returned_rows"},
)


class DBTracker(TrackedOperation):
    """One database operation. Use through ``track_db_operation(...)``; every method returns the tracker."""

    __slots__ = ("table",)  # set by _reset through ``target``; see TrackedOperation.__slots__
    domain = DB_DOMAIN
    database: str | None = None
    table: str | None
    schema: str | None = None
    query_id: str | None = None
    rows_returned = 0
    rows_affected = 0
    bytes_read = 0
    bytes_written = 0
    bytes_scanned = 0
    bytes_billed = 0
    duration_histogram: bool | None = None  # None: the package setting (configure(duration_histogram=...))

    def __init__(self, system: object, operation: object, *, database: object = None, **kwargs: Any) -> None:
        super().__init__(system, operation, **kwargs)
        self.database = clean_text("track_db_operation", "database", database)
        if self.database:
            self._attributes["db.name"] = self.database
            self._attributes["db.namespace"] = self.database

    @property
    def target(self) -> str | None:  # type: ignore[override]
        return self.table

    @target.setter
    def target(self, value: str | None) -> None:
        self.table = value

    @guarded
    def set_result(
        self, rows_returned: int = 0, rows_affected: int = 0, bytes_read: int = 0, bytes_written: int = 0
    ) -> DBTracker:
        """Rows and bytes of the operation; only values > 0 are recorded."""
        self._set_counts("DBTracker.set_result", rows_returned=rows_returned, rows_affected=rows_affected,
                         bytes_read=bytes_read, bytes_written=bytes_written)

    @guarded
    def set_table(self, name: str, schema: str | None = None) -> DBTracker:
        """The table (``db.collection.name``) and optionally its schema (``db.schema``)."""
        self._set_target("DBTracker.set_table", name)
        schema = clean_text("DBTracker.set_table", "schema", schema)
        if schema:
            self.schema = schema
            self._record({"db.schema": schema})

    @guarded
    def set_query_id(self, query_id: str) -> DBTracker:
        """A warehouse's query id (``botanu.warehouse.query_id``)."""
        query_id = clean_text("DBTracker.set_query_id", "query_id", query_id)
        if query_id:
            self.query_id = query_id
            self._record({"botanu.warehouse.query_id": query_id})

    @guarded
    def set_bytes_scanned(self, bytes_scanned: int) -> DBTracker:
        """Bytes a pay-per-query warehouse scanned; also the operation's ``bytes_read``."""
        value = clean_count("DBTracker.set_bytes_scanned", "bytes_scanned", bytes_scanned)
        if value:
            self.bytes_scanned = self.bytes_read = value
            self._record({"botanu.warehouse.bytes_scanned": value, "botanu.data.bytes_read": value})

    def add_warehouse_figures(self, figures: dict[str, object]) -> None:
        """What a warehouse driver reported for this statement (``integrations/warehouses.py``), keyed by
        ``WAREHOUSE_ATTRIBUTES``' names and already checked by the adapter: the query id, bytes scanned (also
        the operation's bytes read, as with ``set_bytes_scanned``) and billed count; every figure goes on the
        span. Figures the driver did not report are simply absent."""
        recorded: dict[str, object] = {}
        for name, value in figures.items():
            attribute = WAREHOUSE_ATTRIBUTES.get(name)
            if attribute is None or value is None:
                continue
            recorded[attribute] = value
            if name == "query_id":
                self.query_id = value  # type: ignore[assignment]
            elif name == "bytes_scanned":
                self.bytes_scanned = self.bytes_read = value  # type: ignore[assignment]
                recorded["botanu.data.bytes_read"] = value
            elif name == "bytes_billed":
                self.bytes_billed = value  # type: ignore[assignment]
        self._record(recorded)

    def _ledger_values(self) -> tuple[float, ...]:
        return (
            1, self.duration_s, self.rows_returned, self.rows_affected, self.bytes_read, self.bytes_written,
            self.bytes_scanned, self.bytes_billed,
        )

    def _extra_metrics(self) -> None:
        enabled = self.duration_histogram
        if not (settings.duration_histogram if enabled is None else enabled):
            return
        attributes = {
            key: self._attributes[key]
            for key in ("db.system.name", "db.operation.name", "db.collection.name", "db.namespace",
                        "server.address", "server.port")
            if key in self._attributes
        }
        if self.table:
            attributes["db.collection.name"] = self.table
        if self.error_type:
            attributes["error.type"] = self.error_type
        self._telemetry.duration_histogram().record(self.duration_s, attributes)  # type: ignore[union-attr]


def track_db_operation(system: str, operation: str, database: str | None = None, **kwargs: Any) -> DBTracker:
    """Track one database operation: ``with track_db_operation(system="postgresql", operation="SELECT") as db:``.

    ``database`` sets ``db.name``/``db.namespace``; ``cloud_provider`` sets ``cloud.provider``; any other
    keyword is recorded as ``botanu.data.<key>``. Works as ``with`` and ``async with``.
    """
    cloud_provider = kwargs.pop("cloud_provider", None)
    return DBTracker(system, operation, database=database, cloud_provider=cloud_provider, metadata=kwargs)


def _target_span(span: Span | None) -> Span | None:
    span = span if span is not None else trace.get_current_span()
    return span if span.is_recording() else None


def _tracker_for(span: Span | None) -> Any:
    """The tracked operation owning ``span`` (or the current span), so its counters see the values too."""
    tracker = current_tracker()
    if tracker is None or (span is not None and tracker.span is not span):
        return None
    return tracker


def set_data_metrics(
    rows_returned: int = 0,
    rows_affected: int = 0,
    bytes_read: int = 0,
    bytes_written: int = 0,
    objects_count: int = 0,
    span: Span | None = None,
) -> None:
    """Write ``botanu.data.*`` onto the current span (or ``span``); a no-op without a recording span.

    When the span is a tracked operation's, its tracker (and so the counters) gets the values too.
    """
    try:
        values = {
            "rows_returned": rows_returned, "rows_affected": rows_affected, "bytes_read": bytes_read,
            "bytes_written": bytes_written, "objects_count": objects_count,
        }
        cleaned = {k: clean_count("set_data_metrics", k, v) for k, v in values.items()}
        cleaned = {k: v for k, v in cleaned.items() if v}
        tracker = _tracker_for(span)
        if tracker is not None:
            for field, value in cleaned.items():
                if hasattr(tracker, field):
                    setattr(tracker, field, value)
        target = _target_span(span)
        if target is not None and cleaned:
            target.set_attributes(DB_DOMAIN.result_attributes(cleaned))
    except Exception:
        report_fault("set_data_metrics")


def set_warehouse_metrics(
    query_id: str | None = None,
    bytes_scanned: int = 0,
    rows_returned: int = 0,
    partitions_scanned: int = 0,
    span: Span | None = None,
) -> None:
    """Write ``botanu.warehouse.*`` (and rows returned) onto the current span (or ``span``).

    On a tracked database operation's span this is the same as its ``set_query_id``, ``set_bytes_scanned``
    and ``set_result(rows_returned=...)``, so the counters and run totals agree with the span.
    """
    try:
        tracker = _tracker_for(span)
        if isinstance(tracker, DBTracker):
            tracker.set_query_id(query_id).set_bytes_scanned(bytes_scanned).set_result(rows_returned=rows_returned)
            partitions = clean_count("set_warehouse_metrics", "partitions_scanned", partitions_scanned)
            if partitions:
                tracker._record({"botanu.warehouse.partitions_scanned": partitions})
            return
        attributes: dict[str, object] = {}
        query_id = clean_text("set_warehouse_metrics", "query_id", query_id)
        if query_id:
            attributes["botanu.warehouse.query_id"] = query_id
        counts = {
            "botanu.warehouse.bytes_scanned": ("bytes_scanned", bytes_scanned),
            "botanu.warehouse.partitions_scanned": ("partitions_scanned", partitions_scanned),
        }
        for key, (name, value) in counts.items():
            cleaned = clean_count("set_warehouse_metrics", name, value)
            if cleaned:
                attributes[key] = cleaned
        rows = clean_count("set_warehouse_metrics", "rows_returned", rows_returned)
        if rows:
            attributes.update(DB_DOMAIN.result_attributes({"rows_returned": rows}))
        target = _target_span(span)
        if target is not None and attributes:
            target.set_attributes(attributes)
    except Exception:
        report_fault("set_warehouse_metrics")
