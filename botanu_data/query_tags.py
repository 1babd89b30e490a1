"""Query tagging (opt-in): the current use case carried into the database's own records of each statement.

With ``instrument_engine(engine, tag_queries=True)`` (``BOTANU_DATA_TAG_QUERIES=1``, see settings.py) a separate
``before_cursor_execute`` listener tags every statement run inside a ``use_case``, in the form the vendor's
own usage and billing views group by; engines without it pay nothing. One tagger per engine, chosen once by
dialect:

- Snowflake: the ``QUERY_TAG`` session parameter (``QUERY_HISTORY.query_tag``), set with ``ALTER SESSION`` only
  when the workflow on that DBAPI connection changes (the last one set is kept in the connection's ``info``).
- BigQuery: job labels ``botanu_workflow`` and ``botanu_run_id`` (``INFORMATION_SCHEMA.JOBS.labels``, the
  billing export's labels), passed as the ``job_config`` execution option sqlalchemy-bigquery reads; labels
  of a ``job_config`` the application passed, and the client's default ones, are kept.
- Redshift: ``query_group`` (``SYS_QUERY_HISTORY.query_label``), set when the workflow on the connection
  changes; a rollback forgets it (SET is transactional there), so it is set again.
- Everything else: a sqlcommenter comment appended to the statement,
  ``/*botanu_workflow='...',route='...'*/`` (keys sorted, values URL-encoded and quoted, as Cloud SQL Query
  Insights and AlloyDB read it). ``route`` is the route template of a framework integration's workflow
  (``"GET /users/{id}"`` -> ``/users/{id}``). The comment is built once per workflow and appended by
  concatenation, so every run of a statement under one workflow has the same text: statement caches and
  server-side prepared statements keep hitting. ``traceparent`` only with ``tag_traceparent=True`` (it makes
  every statement's text unique). Only SELECT and DML are tagged: never DDL, SET, transaction control or
  an ``executemany`` batch (drivers such as PyMySQL re-parse an INSERT's VALUES for those).
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any
from urllib.parse import quote

from opentelemetry import trace

from .attribution import run_attributes
from .integrations.warehouses import bigquery_job_config_class
from .spans import report_fault
from .sql import analyze

_TAGGED_OPERATIONS = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE", "UPSERT", "MERGE"})
_MAX_CACHED = 2048  # comments (workflows) and statement plans kept per engine; cleared when full
_STATE_KEY = "botanu_data.query_tag"  # in the DBAPI connection's ``info``: the workflow last set on it
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def route_of(workflow: str) -> str | None:
    """The route template of a request workflow (``"GET /users/{id}"``), else None."""
    method, _, route = workflow.partition(" ")
    return route if method in _METHODS and route.startswith("/") else None


def sqlcommenter_pairs(tags: dict[str, str]) -> str:
    """``key='value',...`` per the sqlcommenter spec: keys sorted, keys and values URL-encoded, values quoted
    (URL-encoding leaves no quote, ``*/`` or placeholder character in them)."""
    return ",".join(f"{quote(key, safe='')}='{quote(value, safe='')}'" for key, value in sorted(tags.items()))


class _Bounded(dict):
    """A dict cleared when full: workflows and statements are few; an unbounded set must not grow memory."""

    def put(self, key: Any, value: Any) -> Any:
        if len(self) >= _MAX_CACHED:
            self.clear()
        self[key] = value
        return value


class CommentTagger:
    """Appends a sqlcommenter comment to SELECT/DML statements run under a workflow."""

    def __init__(self, dialect: Any, traceparent: bool) -> None:
        # pyformat/format drivers (psycopg, PyMySQL) read "%" as a placeholder whenever parameters are passed
        self._doubles_percent = getattr(dialect, "paramstyle", None) in ("format", "pyformat")
        self._traceparent = traceparent
        self._comments: _Bounded = _Bounded()  # workflow -> (comment start, its "%"-doubled form)
        self._plans: _Bounded = _Bounded()  # statement -> (head, tail) around the comment, or None: not tagged
        self._lock = threading.Lock()

    def _comment_for(self, workflow: str) -> tuple[str, str]:
        tags = {"botanu_workflow": workflow}
        route = route_of(workflow)
        if route:
            tags["route"] = route
        start = "/*" + sqlcommenter_pairs(tags)
        with self._lock:
            return self._comments.put(workflow, (start, start.replace("%", "%%")))

    def _plan_for(self, statement: str) -> tuple[str, str] | None:
        plan: tuple[str, str] | None = None
        if analyze(statement).operation in _TAGGED_OPERATIONS:
            head = statement.rstrip()
            tail = ""
            if head.endswith(";"):  # the comment goes inside the statement, before its terminator
                head, tail = head[:-1].rstrip(), ";"
            last_line = head[head.rfind("\n") + 1:]
            # after a trailing "-- ..." line comment, a comment on the same line would be part of it
            plan = (head + ("\n" if "--" in last_line else " "), tail)
        with self._lock:
            return self._plans.put(statement, plan)

    def before_cursor_execute(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> tuple[str, Any]:
        try:
            workflow = run_attributes()[2]
            if workflow is None or executemany:
                return statement, parameters
            plan = self._plans.get(statement, False)
            if plan is False:
                plan = self._plan_for(statement)
            if plan is None:
                return statement, parameters
            comment = self._comments.get(workflow) or self._comment_for(workflow)
            # a statement executed without parameters reaches the driver unformatted: "%" stays single
            doubled = self._doubles_percent and not (not parameters and getattr(context, "no_parameters", False))
            start = comment[1] if doubled else comment[0]
            if self._traceparent:
                start = start + self._traceparent_pair()
            head, tail = plan
            return head + start + "*/" + tail, parameters
        except Exception:
            report_fault("query tagging")
            return statement, parameters

    @staticmethod
    def _traceparent_pair() -> str:
        """``,traceparent='...'`` of the current span (the statement's own, when it records), or ''."""
        span_context = trace.get_current_span().get_span_context()
        if not span_context.is_valid:
            return ""
        value = f"00-{span_context.trace_id:032x}-{span_context.span_id:016x}-{int(span_context.trace_flags):02x}"
        return f",traceparent='{quote(value, safe='')}'"


class _SessionTagger:
    """Sets a session parameter on the DBAPI connection when the workflow on it changes (``_set``/``_unset``)."""

    def before_cursor_execute(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> tuple[str, Any]:
        try:
            workflow = run_attributes()[2]
            info = conn.info  # the pooled DBAPI connection's own: it lives as long as the session
            if info.get(_STATE_KEY) != workflow:
                dbapi_connection = conn.connection.dbapi_connection
                probe = dbapi_connection.cursor()
                try:
                    probe.execute(self._set(workflow) if workflow is not None else self._unset())
                finally:
                    probe.close()
                info[_STATE_KEY] = workflow
        except Exception:
            report_fault("query tagging")
        return statement, parameters

    def _set(self, workflow: str) -> str:
        raise NotImplementedError

    def _unset(self) -> str:
        raise NotImplementedError


def _sql_string(value: str, limit: int) -> str:
    """A single-quoted SQL string literal of at most ``limit`` characters, quotes doubled, no backslash games."""
    value = value[:limit].replace("\\", "/").replace("'", "''")
    return f"'{value}'"


_SNOWFLAKE_TAG_LIMIT = 2000  # characters Snowflake keeps in QUERY_TAG


def snowflake_query_tag(workflow: str) -> str:
    """The QUERY_TAG value: JSON (``QUERY_HISTORY`` can ``PARSE_JSON`` it) of at most 2000 characters, cut on the
    workflow name so the JSON stays whole. Non-ASCII stays as is: Snowflake strings are UTF-8."""
    name = workflow[:_SNOWFLAKE_TAG_LIMIT]
    while True:
        tag = json.dumps({"botanu_workflow": name}, ensure_ascii=False)
        excess = len(tag) - _SNOWFLAKE_TAG_LIMIT
        if excess <= 0:
            return tag
        name = name[: len(name) - max(1, excess // 6)]  # one character is at most 6 once escaped (\u001f)


class SnowflakeTagger(_SessionTagger):
    def _set(self, workflow: str) -> str:
        # a Snowflake single-quoted string reads backslash escapes: JSON's own escapes must reach it doubled
        literal = snowflake_query_tag(workflow).replace("\\", "\\\\").replace("'", "''")
        return f"ALTER SESSION SET QUERY_TAG = '{literal}'"

    def _unset(self) -> str:
        return "ALTER SESSION UNSET QUERY_TAG"


class RedshiftTagger(_SessionTagger):
    @staticmethod
    def forget(conn: Any, *args: Any) -> None:
        """A rollback listener: it may have undone the SET (transactional on Redshift), so set it again on the
        connection's next statement. (Snowflake's ALTER SESSION is not undone by a rollback.)"""
        try:
            conn.info.pop(_STATE_KEY, None)
        except Exception:
            report_fault("query tagging")

    def _set(self, workflow: str) -> str:
        return f"SET query_group TO {_sql_string(workflow, 320)}"  # Redshift keeps 320 characters of it

    def _unset(self) -> str:
        return "RESET query_group"


_LABEL_INVALID = re.compile(r"[^a-z0-9_-]")


def bigquery_label(value: str) -> str:
    """A BigQuery label value: lowercase letters, digits, ``_`` and ``-``, at most 63 characters."""
    return _LABEL_INVALID.sub("_", value.lower())[:63]


class BigQueryTagger:
    """Job labels through the ``job_config`` execution option that sqlalchemy-bigquery's ``do_execute`` reads.
    The DB-API sets the statement's parameters on the config it is given, so each statement gets its own."""

    def __init__(self) -> None:
        self._config_class = bigquery_job_config_class()
        self._labels: _Bounded = _Bounded()  # workflow -> its label value
        self._lock = threading.Lock()

    def _label_for(self, workflow: str) -> str:
        with self._lock:
            return self._labels.put(workflow, bigquery_label(workflow))

    def before_cursor_execute(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> tuple[str, Any]:
        try:
            _, run_id, workflow = run_attributes()
            if workflow is None or context is None:
                return statement, parameters
            labels = {"botanu_workflow": self._labels.get(workflow) or self._label_for(workflow)}
            if run_id:
                labels["botanu_run_id"] = bigquery_label(run_id)
            given = context.execution_options.get("job_config")
            # the client's default config is merged under the statement's by the client, labels replaced whole
            client = getattr(conn.connection.dbapi_connection, "_client", None)
            default = getattr(client, "default_query_job_config", None)
            if given is not None:
                config = self._config_class.from_api_repr(given.to_api_repr())
            else:
                config = self._config_class()
            config.labels = {**(default.labels if default is not None else {}), **config.labels, **labels}
            context.execution_options = context.execution_options.union({"job_config": config})
        except Exception:
            report_fault("query tagging")
        return statement, parameters


def tagger_for(dialect: Any, *, traceparent: bool = False) -> Any:
    """The tagger for an engine's dialect; its ``before_cursor_execute`` is the listener (``retval=True``)."""
    name = getattr(dialect, "name", None)
    if name == "snowflake":
        return SnowflakeTagger()
    if name == "bigquery":
        return BigQueryTagger()
    if name == "redshift":
        return RedshiftTagger()
    return CommentTagger(dialect, traceparent)


__all__ = [
    "BigQueryTagger", "CommentTagger", "RedshiftTagger", "SnowflakeTagger", "bigquery_label", "route_of",
    "sqlcommenter_pairs", "tagger_for",
]
