"""Trace context and baggage in and out of message headers, quickly: every message pays for this.

The global propagator is used as configured (W3C trace context and baggage by default), with W3C baggage
added when it lacks it: the run travels in baggage whatever trace format the application chose. When the
propagator is exactly OpenTelemetry's default pair, the two headers are written and read here instead: the
``traceparent`` from the span's own context (the W3C format, as the SDK's propagator writes it), and the
baggage header, which a whole run shares, formatted and parsed once per distinct baggage (by identity of the
context's baggage mapping, by equality of the header text), by OpenTelemetry's own propagator. Anything
else goes through the public propagator API. ``tests/test_message_context.py`` checks the output against
the SDK's, header for header.
"""

from __future__ import annotations

from typing import Any

from opentelemetry import baggage as baggage_api
from opentelemetry import propagate, trace
from opentelemetry.baggage.propagation import W3CBaggagePropagator
from opentelemetry.context import Context, get_value, set_value
from opentelemetry.propagators.composite import CompositePropagator
from opentelemetry.propagators.textmap import TextMapPropagator
from opentelemetry.trace import INVALID_SPAN_CONTEXT, SpanContext
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from .carriers import HEADER_GETTER, HEADER_SETTER

try:  # where the API keeps a context's baggage; without it, the public path throughout
    from opentelemetry.baggage import _BAGGAGE_KEY
except ImportError:  # pragma: no cover
    _BAGGAGE_KEY = None  # type: ignore[assignment]

_BAGGAGE = W3CBaggagePropagator()
_TRACE_CONTEXT = TraceContextTextMapPropagator()


class _Choice:
    """What the configured propagator is, worked out once per propagator object."""

    __slots__ = ("configured", "propagator", "default_pair", "header_names")

    def __init__(self, configured: object) -> None:
        self.configured = configured
        chosen: TextMapPropagator = configured  # type: ignore[assignment]
        if "baggage" not in (getattr(configured, "fields", None) or ()):
            chosen = CompositePropagator([configured, W3CBaggagePropagator()])  # type: ignore[list-item]
        self.propagator = chosen
        parts = getattr(configured, "_propagators", None)
        self.default_pair = (
            _BAGGAGE_KEY is not None and type(configured) is CompositePropagator and isinstance(parts, list)
            and [type(part) for part in parts] == [TraceContextTextMapPropagator, W3CBaggagePropagator]
        )
        fields = chosen.fields or set()
        self.header_names = frozenset([*fields, *(name.encode() for name in fields)])


_choice: _Choice | None = None


def choice() -> _Choice:
    global _choice
    configured = propagate.get_global_textmap()
    known = _choice
    if known is None or known.configured is not configured:
        known = _choice = _Choice(configured)
    return known


# the last baggage mapping formatted and the last baggage header parsed (a tuple swap is atomic across threads)
_formatted: tuple[object, str | None] = (None, None)
_parsed: tuple[str | None, dict[str, object] | None] = (None, None)
# the last span context written, with its headers: the messages a request sends while its trace is not sampled
# all carry the request's own span context (one object), so its headers are formatted once
_traced: tuple[object, str | None, str | None] = (None, None, None)


def inject(carrier: Any, context: Context | None, span_context: SpanContext | None = None) -> None:
    """Write ``context``'s trace context (or ``span_context``, when the caller has it) and baggage."""
    chosen = choice()
    if not chosen.default_pair:
        chosen.propagator.inject(carrier, context, HEADER_SETTER)
        return
    if span_context is None:
        span_context = trace.get_current_span(context).get_span_context()
    # a plain dict with text keys (most publishes) and a fresh list of pairs (Kafka's headers, which its helper
    # copies) are written directly; any other shape through the setter
    kind = type(carrier)
    if kind is dict and b"traceparent" not in carrier:
        write = carrier.__setitem__
    elif kind is list and not carrier:
        write = _appender(carrier)
    else:
        write = _setter(carrier)
    global _traced
    known, traceparent, tracestate = _traced
    if known is not span_context:
        traceparent, tracestate = _trace_headers(span_context)
        _traced = (span_context, traceparent, tracestate)
    if traceparent:
        write("traceparent", traceparent)
        if tracestate:
            write("tracestate", tracestate)
    header = _baggage_header(get_value(_BAGGAGE_KEY, context))
    if header:
        write("baggage", header)


def _trace_headers(span_context: SpanContext) -> tuple[str | None, str | None]:
    """``traceparent`` and ``tracestate`` of a span context, as the W3C propagator writes them (None: absent)."""
    if span_context == INVALID_SPAN_CONTEXT:
        return None, None
    traceparent = f"00-{span_context.trace_id:032x}-{span_context.span_id:016x}-{span_context.trace_flags:02x}"
    return traceparent, (span_context.trace_state.to_header() if span_context.trace_state else None)


def _appender(pairs: list[tuple[str, str]]) -> Any:
    def write(key: str, value: str) -> None:
        pairs.append((key, value))  # (the setter's replacing of a key already there: none are)

    return write


def _setter(carrier: Any) -> Any:
    def write(key: str, value: str) -> None:
        HEADER_SETTER.set(carrier, key, value)

    return write


def _baggage_header(entries: object) -> str | None:
    global _formatted
    known, header = _formatted
    if known is entries:
        return header
    if not isinstance(entries, dict) or not entries:
        return None
    written: dict[str, str] = {}
    _BAGGAGE.inject(written, set_value(_BAGGAGE_KEY, entries, Context()))
    header = written.get("baggage")
    _formatted = (entries, header)  # holds the mapping: its identity cannot be reused while it is cached
    return header


def extract(carrier: Any, context: Context) -> Context:
    """The context found in ``carrier``, on top of ``context``."""
    chosen = choice()
    if not chosen.default_pair:
        return chosen.propagator.extract(carrier, context, HEADER_GETTER)
    context = _TRACE_CONTEXT.extract(carrier, context, HEADER_GETTER)
    found = HEADER_GETTER.get(carrier, "baggage")
    if not found:
        return context
    header = found[0]
    global _parsed
    known, entries = _parsed
    if known != header:
        entries = dict(baggage_api.get_all(_BAGGAGE.extract(carrier, Context(), HEADER_GETTER)))
        _parsed = (header, entries)
    if not entries:
        return context
    # never mutated: set_baggage copies the mapping before changing it
    return set_value(_BAGGAGE_KEY, {**baggage_api.get_all(context), **entries} if get_value(_BAGGAGE_KEY, context)
                     else entries, context)
