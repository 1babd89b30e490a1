"""Checking user-supplied values: bad ones are dropped with a warning naming them, never raised."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence

_log = logging.getLogger("botanu_data")

_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()
MAX_STRING = 4096  # what a text value is cut to


def warn_dropped(api: str, argument: str, value: object, why: str) -> None:
    """Log once per (api, argument): a hot loop with one bad argument must not flood the log."""
    key = (api, argument)
    if key in _warned:
        return
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    _log.warning("botanu_data: %s(%s=%.80r) dropped: %s", api, argument, value, why)


def clean_count(api: str, argument: str, value: object) -> int | None:
    """A non-negative whole count (ints, or floats with no fraction), else None with a warning."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        warn_dropped(api, argument, value, "expected a non-negative number")
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            warn_dropped(api, argument, value, "expected a whole, finite number")
            return None
        value = int(value)
    if value < 0:
        warn_dropped(api, argument, value, "negative")
        return None
    return value


def clean_text(api: str, argument: str, value: object) -> str | None:
    """A non-empty str (bounded in length), else None with a warning."""
    if value is None:
        return None
    if not isinstance(value, str):
        warn_dropped(api, argument, value, "expected a str")
        return None
    if not value:
        return None
    return value[:MAX_STRING]


def clean_attribute_value(api: str, argument: str, value: object) -> object | None:
    """A value OpenTelemetry accepts as an attribute (str, bool, int, float or a homogeneous sequence)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value[:MAX_STRING]
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        items = list(value)
        kinds = {type(item) for item in items}
        if len(kinds) <= 1 and kinds <= {str, bool, int, float}:
            return tuple(items)
    warn_dropped(api, argument, value, "not a str, bool, int, float or a sequence of one of them")
    return None


def qualified_type_name(exc: BaseException) -> str:
    """``error.type``: the exception's fully-qualified class name (builtins stay bare, e.g. ``ValueError``)."""
    cls = type(exc)
    module = cls.__module__
    if module in ("builtins", "__main__", None):
        return cls.__qualname__
    return f"{module}.{cls.__qualname__}"


_DATABASE_ERROR_NAMES = frozenset({"DatabaseError", "InterfaceError", "StatementError", "DBAPIError"})


def is_database_error(exc: BaseException) -> bool:
    """PEP 249 driver errors and SQLAlchemy's wrappers of them."""
    return any(cls.__name__ in _DATABASE_ERROR_NAMES for cls in type(exc).__mro__)


def safe_exception_message(exc: BaseException) -> str:
    """A message for the span that cannot leak bound parameter values.

    Database errors echo statements, parameters and row values (``Key (email)=(a@b.c) already exists``,
    SQLAlchemy's ``[parameters: ...]``), so for them only the type and the server's error code are kept.
    """
    if is_database_error(exc):
        code = database_error_code(exc)
        name = type(exc).__name__
        return f"{name} (code {code})" if code else name
    try:
        text = str(exc)
    except Exception:
        return type(exc).__name__
    return text[:MAX_STRING]


def database_error_code(exc: BaseException) -> str | None:
    """``db.response.status_code``: the MySQL/MariaDB error number, SQLite's extended result code, or the
    SQLSTATE of PostgreSQL drivers, as far as the driver reports one."""
    original = getattr(exc, "orig", None) or exc
    args = getattr(original, "args", ())
    if args and isinstance(args[0], int) and not isinstance(args[0], bool):
        return str(args[0])  # PyMySQL / mysqlclient: (errno, message)
    for attribute in ("sqlite_errorcode", "errno"):
        code = getattr(original, attribute, None)
        if isinstance(code, int) and not isinstance(code, bool) and code:
            return str(code)
    for attribute in ("sqlstate", "pgcode"):
        code = getattr(original, attribute, None)
        if isinstance(code, str) and code:
            return code
    return None
