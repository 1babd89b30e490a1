"""Options by name: environment variables for zero-code users, and the same names in a framework's app config.

``OPTIONS`` is the one table of names: each row gives the name (``BOTANU_DATA_...``), the ``instrument_engine``
keyword it sets, how a value is read (a parser returns the typed value, or ``INVALID``), and the default
(``instrument_engine``'s own, shown in the README). Adding an option is adding a row (and a README table line).

``INSTRUMENTOR_OPTIONS`` is the same for what ``BotanuDataInstrumentor`` switches on besides SQLAlchemy
(``BOTANU_DATA_BOTO3``).

``engine_options_from(mapping)`` reads those names from any mapping (``os.environ``, a Flask ``app.config``,
a settings dict) and returns the ``instrument_engine`` keyword arguments for the names present::

    instrument_engine(engine, **engine_options_from(app.config))
    instrument_engine(engine, **{**engine_options_from(os.environ), "capture_statement": True})  # code wins

Values may be strings (``true``/``false``, ``1``/``0``, ``yes``/``no``, ``on``/``off``, any case) or already
typed (``True``). A bad value is dropped with a warning naming it; the option then keeps its default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .spans import report_fault
from .values import warn_dropped

INVALID = object()  # what a parser returns for a value it cannot read
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def parse_boolean(value: object) -> Any:
    """True/False from a bool or a word, else ``INVALID``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return INVALID


@dataclass(frozen=True, slots=True)
class Option:
    name: str  # environment variable / app config key
    keyword: str  # instrument_engine keyword argument
    parse: Callable[[object], Any]  # the typed value, or INVALID
    expected: str  # said in the warning for a bad value
    default: Any  # instrument_engine's default (documentation; tests keep it true)
    description: str


_BOOLEAN = "true or false (1/0, yes/no, on/off)"

OPTIONS: tuple[Option, ...] = (
    Option("BOTANU_DATA_CAPTURE_STATEMENT", "capture_statement", parse_boolean, _BOOLEAN, False,
           "record db.query.text, the statement with every literal replaced by ?"),
    Option("BOTANU_DATA_TRACE_TRANSACTIONS", "trace_transactions", parse_boolean, _BOOLEAN, True,
           "COMMIT and ROLLBACK spans"),
    Option("BOTANU_DATA_DURATION_HISTOGRAM", "duration_histogram", parse_boolean, _BOOLEAN, None,
           "OpenTelemetry's db.client.operation.duration histogram (unset: configure()'s setting, off)"),
    Option("BOTANU_DATA_TAG_QUERIES", "tag_queries", parse_boolean, _BOOLEAN, False,
           "carry the use case into the warehouse's own records (sqlcommenter comment, QUERY_TAG, job labels)"),
    Option("BOTANU_DATA_TAG_TRACEPARENT", "tag_traceparent", parse_boolean, _BOOLEAN, False,
           "add the statement's traceparent to the sqlcommenter comment"),
    Option("BOTANU_DATA_REDSHIFT_QUERY_ID", "redshift_query_id", parse_boolean, _BOOLEAN, False,
           "ask Redshift for each statement's query id (a round trip per statement)"),
)

# What BotanuDataInstrumentor switches on besides SQLAlchemy: its own keywords, not instrument_engine's.
INSTRUMENTOR_OPTIONS: tuple[Option, ...] = (
    Option("BOTANU_DATA_BOTO3", "boto3", parse_boolean, _BOOLEAN, True,
           "instrument_boto3() for the whole process, when botocore is installed"),
)


def engine_options_from(mapping: Mapping[str, Any], *, source: str = "configuration") -> dict[str, Any]:
    """``instrument_engine`` keyword arguments for the ``OPTIONS`` names present in ``mapping`` (empty values
    count as absent). ``source`` names the mapping in the warning for a bad value (``environment``, ``app.config``)."""
    return options_from(OPTIONS, mapping, source=source)


def instrumentor_options_from_environment() -> dict[str, Any]:
    """``BotanuDataInstrumentor``'s own keywords (``INSTRUMENTOR_OPTIONS``) set in ``os.environ``."""
    return options_from(INSTRUMENTOR_OPTIONS, os.environ, source="environment")


def options_from(table: Iterable[Option], mapping: Mapping[str, Any], *, source: str = "configuration"
                 ) -> dict[str, Any]:
    """The keywords of ``table``'s rows whose names are present in ``mapping``, typed; bad values dropped with a
    warning."""
    options: dict[str, Any] = {}
    try:
        for option in table:
            raw = mapping.get(option.name)
            if raw is None or raw == "":
                continue
            value = option.parse(raw)
            if value is INVALID:
                warn_dropped(source, option.name, raw, f"expected {option.expected}")
                continue
            options[option.keyword] = value
    except Exception:  # an exotic mapping: behave as if it named nothing
        report_fault("options_from")
    return options


def engine_options_from_environment() -> dict[str, Any]:
    """``engine_options_from(os.environ)``."""
    return engine_options_from(os.environ, source="environment")


def _is_engine(value: object) -> bool:
    return hasattr(value, "dialect") or hasattr(value, "sync_engine")  # an Engine, or an AsyncEngine


def engine_list(engines: object, api: str) -> list[Any]:
    """The ``engines=`` argument of the integrations as a list: None, one Engine or AsyncEngine, or several.
    Anything else (a URL string, a Session) is dropped with a warning naming ``api``'s ``engines``."""
    if engines is None:
        return []
    if _is_engine(engines):
        return [engines]
    if isinstance(engines, Iterable) and not isinstance(engines, (str, bytes)):
        found = list(engines)
        kept = [engine for engine in found if _is_engine(engine)]
        if len(kept) < len(found):
            warn_dropped(api, "engines", found, "every item must be an Engine or an AsyncEngine")
        return kept
    warn_dropped(api, "engines", engines, "expected an Engine, an AsyncEngine or a list of them")
    return []


__all__ = [
    "INSTRUMENTOR_OPTIONS", "INVALID", "OPTIONS", "Option", "engine_list", "engine_options_from",
    "engine_options_from_environment", "instrumentor_options_from_environment", "options_from", "parse_boolean",
]
