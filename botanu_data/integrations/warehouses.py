"""Warehouse cursor adapters: the query id and cost figures a warehouse driver already holds after execute.

``instrument_engine`` picks one adapter per engine, once, from its dialect (``adapter_for``); every other
dialect gets None and pays nothing. After each statement the engine hook hands the DBAPI cursor to the
adapter, which reads what the driver keeps on it (never a request, unless opted in) and hands the figures to
the statement's tracker (``DBTracker.add_warehouse_figures``): span attributes under ``botanu.warehouse.*``
(the span core's ``WAREHOUSE_ATTRIBUTES``) and, for bytes scanned and billed, the exact counters.

What each driver exposes, read from its own source:

- Snowflake (snowflake-connector-python): ``cursor.sfqid``; rows come from ``cursor.rowcount`` as on every
  dialect. Its query result carries no byte counts (those are only in ``QUERY_HISTORY``).
- BigQuery (google-cloud-bigquery's DB-API, under sqlalchemy-bigquery): ``cursor.query_job`` calls
  ``jobs.get`` (a request per statement), so the adapter reads the ``RowIterator`` the cursor keeps from
  ``jobs.query``/``getQueryResults`` instead: ``job_id`` (else the jobless ``query_id``),
  ``total_bytes_processed``, ``slot_millis``, and, from the response it was built from, ``cacheHit`` and
  ``totalBytesBilled`` (only ``jobs.query`` answers carry it; a long query finished through ``getQueryResults``
  has none, and then none is recorded).
- Athena (PyAthena): ``query_id``, ``data_scanned_in_bytes``, ``engine_execution_time_in_millis`` and
  ``reused_previous_result``, from the ``GetQueryExecution`` answer the cursor already polled to completion.
- Databricks (databricks-sql-connector): ``cursor.query_id`` (the command id it already holds).
- Redshift: no query id on the cursor; ``pg_last_query_id()`` costs a round trip, so only with
  ``instrument_engine(..., redshift_query_id=True)``.

A figure the driver lacks, or reports in an unexpected form, is left out: never an error.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..spans import report_fault

_MAX_QUERY_ID = 256  # vendors' ids are 36-64 characters; anything longer is not an id


def _count(value: Any) -> int | None:
    """A positive whole count from a driver (int, or the decimal string of a JSON API), else None."""
    if type(value) is str and value.isdigit():
        value = int(value)
    if type(value) is int and value > 0:
        return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= _MAX_QUERY_ID:
        return value
    return None


def _flag(value: Any) -> bool | None:
    return value if type(value) is bool else None


class WarehouseAdapter:
    """Reads one dialect's DBAPI cursor after execute. Subclasses implement ``figures``."""

    __slots__ = ()
    dialect: ClassVar[str]

    def figures(self, cursor: Any) -> dict[str, Any]:
        raise NotImplementedError

    def record(self, operation: Any, cursor: Any) -> Any:
        """Hand the cursor's figures to the statement's operation; returns what the hook should end (a tracker
        carrying the figures, or the operation unchanged when there are none or reading them failed)."""
        try:
            figures = {name: value for name, value in self.figures(cursor).items() if value is not None}
            if not figures:
                return operation
            tracker = operation.as_tracker()
        except Exception:
            report_fault(f"{type(self).__name__}.figures")
            return operation
        try:
            tracker.add_warehouse_figures(figures)
        except Exception:
            report_fault(f"{type(self).__name__}.record")
        return tracker


class SnowflakeAdapter(WarehouseAdapter):
    __slots__ = ()
    dialect = "snowflake"

    def figures(self, cursor: Any) -> dict[str, Any]:
        return {"query_id": _text(getattr(cursor, "sfqid", None))}


class BigQueryAdapter(WarehouseAdapter):
    __slots__ = ()
    dialect = "bigquery"

    def figures(self, cursor: Any) -> dict[str, Any]:
        rows = getattr(cursor, "_query_rows", None)  # the RowIterator; ``query_job`` would cost a jobs.get
        if rows is None:
            return {}
        response = getattr(rows, "_first_page_response", None)
        if not isinstance(response, dict):
            response = {}
        return {
            "query_id": _text(getattr(rows, "job_id", None)) or _text(getattr(rows, "query_id", None)),
            "bytes_scanned": _count(getattr(rows, "total_bytes_processed", None)),
            "bytes_billed": _count(response.get("totalBytesBilled")),
            "slot_ms": _count(getattr(rows, "slot_millis", None)),
            "cache_hit": _flag(response.get("cacheHit")),
        }


class AthenaAdapter(WarehouseAdapter):
    __slots__ = ()
    dialect = "awsathena"

    def figures(self, cursor: Any) -> dict[str, Any]:
        return {
            "query_id": _text(getattr(cursor, "query_id", None)),
            "bytes_scanned": _count(getattr(cursor, "data_scanned_in_bytes", None)),
            "engine_ms": _count(getattr(cursor, "engine_execution_time_in_millis", None)),
            "cache_hit": _flag(getattr(cursor, "reused_previous_result", None)),
        }


class DatabricksAdapter(WarehouseAdapter):
    __slots__ = ()
    dialect = "databricks"

    def figures(self, cursor: Any) -> dict[str, Any]:
        return {"query_id": _text(getattr(cursor, "query_id", None))}


class RedshiftQueryIdAdapter(WarehouseAdapter):
    """Opt-in: asks the session for the id of its last query, on a second cursor of the same DBAPI connection
    (the statement's own cursor still holds its rows): one round trip per statement."""

    __slots__ = ()
    dialect = "redshift"

    def figures(self, cursor: Any) -> dict[str, Any]:
        connection = getattr(cursor, "connection", None)
        if connection is None:
            return {}
        probe = connection.cursor()
        try:
            probe.execute("SELECT pg_last_query_id()")
            row = probe.fetchone()
        finally:
            probe.close()
        query_id = row[0] if row else None
        # -1: no query ran in this session yet; ids are integers, recorded as text like every vendor's
        return {"query_id": str(query_id) if type(query_id) is int and query_id >= 0 else None}


def bigquery_job_config_class() -> type:
    """google-cloud-bigquery's ``QueryJobConfig`` (the BigQuery tagger's job labels; sqlalchemy-bigquery's own
    dependency, imported only here and only when a BigQuery engine is tagged)."""
    from google.cloud.bigquery import QueryJobConfig

    return QueryJobConfig


_BY_DIALECT: dict[str, type[WarehouseAdapter]] = {
    adapter.dialect: adapter for adapter in (SnowflakeAdapter, BigQueryAdapter, AthenaAdapter, DatabricksAdapter)
}


def adapter_for(dialect: Any, *, redshift_query_id: bool = False) -> WarehouseAdapter | None:
    """The adapter for an engine's dialect, or None (every dialect without one pays nothing)."""
    name = getattr(dialect, "name", None)
    if name == "redshift":
        return RedshiftQueryIdAdapter() if redshift_query_id else None
    adapter = _BY_DIALECT.get(name)  # type: ignore[arg-type]
    return adapter() if adapter is not None else None


__all__ = [
    "AthenaAdapter", "BigQueryAdapter", "DatabricksAdapter", "RedshiftQueryIdAdapter", "SnowflakeAdapter",
    "WarehouseAdapter", "adapter_for", "bigquery_job_config_class",
]
