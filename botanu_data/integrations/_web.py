"""What the web integrations share: a request's use-case name, its parent context, and option values.

A request runs as ``use_case("<METHOD> <route template>")``. The names are bounded: the template comes from
the app's own routes, and a method outside HTTP's registered set becomes ``_OTHER`` (OpenTelemetry's
``http.request.method`` rule), so a client cannot mint new workflow names, counter series or cache entries.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from opentelemetry import context, propagate, trace
from opentelemetry.context import Context
from opentelemetry.propagators.textmap import Getter

from ..attribution import use_case
from ..settings import INVALID, engine_options_from, parse_boolean

_log = logging.getLogger("botanu_data")

UNMATCHED = "(unmatched)"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"})
_MAX_NAMES = 4096  # (method, template) pairs of one app; past it names are made per request, not cached



class RequestNames:
    """``use_case`` objects per (method, template), made once. They are only ever used through ``start``,
    which keeps no state on the object, so concurrent requests share them safely."""

    def __init__(self) -> None:
        self._cases: dict[tuple[str, str | None], use_case] = {}

    def case(self, method: str, template: str | None) -> use_case:
        key = (method, template)
        case = self._cases.get(key)
        if case is None:
            method = method if method in _METHODS else "_OTHER"
            case = use_case(f"{method} {template if template is not None else UNMATCHED}")
            if len(self._cases) < _MAX_NAMES:
                self._cases[key] = case
        return case


def parent_context(carrier: Any, getter: Getter) -> Context:
    """The request's parent: the current context when a span is current (the SERVER span of an
    OpenTelemetry server instrumentation), else the caller's trace and baggage from the request headers."""
    current = context.get_current()
    if trace.get_current_span(current).get_span_context().is_valid:
        return current
    return propagate.extract(carrier, context=current, getter=getter)


def flag(where: str, value: object, default: bool) -> bool:
    """A boolean option from configuration: a bool, or a word such as "true"/"0" (settings.parse_boolean);
    anything else is dropped with a warning naming it."""
    parsed = parse_boolean(value)
    if parsed is INVALID:
        _log.warning("botanu_data: %s=%r is not a boolean; using %r", where, value, default)
        return default
    return parsed


def engine_options(config: Mapping[str, Any], explicit: dict[str, Any]) -> dict[str, Any]:
    """``instrument_engine`` keyword arguments: the explicit ones, over the app config's ``BOTANU_DATA_*`` keys
    (every option of settings.OPTIONS)."""
    return {**engine_options_from(config, source="app.config"), **explicit}


class EnvironGetter(Getter[Mapping[str, Any]]):
    """Request headers out of a WSGI environ (``traceparent`` is ``HTTP_TRACEPARENT``)."""

    def get(self, carrier: Mapping[str, Any], key: str) -> list[str] | None:
        value = carrier.get("HTTP_" + key.upper().replace("-", "_"))
        return [value] if isinstance(value, str) else None

    def keys(self, carrier: Mapping[str, Any]) -> list[str]:
        return [k[5:].lower().replace("_", "-") for k in carrier if k.startswith("HTTP_")]


class ScopeGetter(Getter[Mapping[str, Any]]):
    """Request headers out of an ASGI scope (a list of lower-case byte pairs)."""

    def get(self, carrier: Mapping[str, Any], key: str) -> list[str] | None:
        wanted = key.lower().encode("latin-1")
        found = [value.decode("latin-1") for name, value in carrier.get("headers") or () if name == wanted]
        return found or None

    def keys(self, carrier: Mapping[str, Any]) -> list[str]:
        return [name.decode("latin-1") for name, _ in carrier.get("headers") or ()]


ENVIRON_GETTER = EnvironGetter()
SCOPE_GETTER = ScopeGetter()

__all__ = ["ENVIRON_GETTER", "SCOPE_GETTER", "UNMATCHED", "RequestNames", "engine_options", "flag", "parent_context"]

