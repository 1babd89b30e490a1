"""Three shortcuts through OpenTelemetry for the per-statement path, each used only when it gives exactly
what the public path would.

**Validated attributes, written straight into the span.** The SDK checks every attribute value on every
span (~1.5-2 µs each here), and a database span carries a dozen attributes whose values are the same for
every run of a statement. Those values are validated once (when the statement shape is first seen, or when
a user passes them) and then written straight into the SDK span's attribute store. This is SDK-internal
API, so it is used only when it is certainly safe:

- the TracerProvider is the SDK's, and its sampler ignores attributes (the SDK's built-in samplers), since
  attributes written after creation are not seen by a sampler; span processors' ``on_start`` does not see
  them either;
- the span's store is the plain dict this module expects and no attribute-length limit is configured;
- the first write through a provider is checked through the public ``span.attributes`` view.

Anything else takes the public ``span.set_attributes`` path.

**The sampler's answer for children of unsampled parents, without asking it.** Under the SDK's
``ParentBased`` sampler with its default ``ALWAYS_OFF`` for unsampled parents, a span under an unsampled
parent is always dropped; at 1% sampling that is 99% of all statements. Knowing the answer, the span core
uses a non-recording span carrying the parent's context instead of having the SDK generate ids and run the
sampler for a span nobody will see.

**The span's context, built without two layers of functions.** ``set_span_in_context(span, context)`` is
a copy of ``context`` with the span under one key, made through ``set_value`` and two dict copies. When
the API's key is found and a copy made directly equals what the API returns (checked once, at import),
``SPAN_KEY`` is that key and the per-statement path makes the copy itself; otherwise ``SPAN_KEY`` is None
and it calls the API.

**The current context, read and set through its ContextVar.** ``get_current``/``attach``/``detach`` each
pass through two layers of functions to one ``ContextVar`` call. When the API's runtime context is its
default (``ContextVarsRuntimeContext``), ``current_context``/``attach_context``/``detach_context`` are that
ContextVar's own ``get``/``set``/``reset``; otherwise they are the public functions. ``detach_context``
may raise where ``detach`` would log: callers catch and report it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any

from opentelemetry import context as context_api
from opentelemetry.context import Context
from opentelemetry.trace import INVALID_SPAN, Span, set_span_in_context

try:
    from opentelemetry.sdk.trace import TracerProvider as SdkTracerProvider
    from opentelemetry.sdk.trace.sampling import (
        Decision,
        ParentBased,
        Sampler,
        StaticSampler,
        TraceIdRatioBased,
    )
except ImportError:  # pragma: no cover - the SDK is a dependency, but be safe without it
    SdkTracerProvider = None  # type: ignore[assignment,misc]

_PARENT_BASED_DELEGATES = (
    "_root", "_remote_parent_sampled", "_remote_parent_not_sampled", "_local_parent_sampled",
    "_local_parent_not_sampled",
)


def _ignores_attributes(sampler: Sampler | None) -> bool:
    if isinstance(sampler, (StaticSampler, TraceIdRatioBased)):
        return True
    if isinstance(sampler, ParentBased):
        return all(_ignores_attributes(getattr(sampler, name, None)) for name in _PARENT_BASED_DELEGATES)
    return False


def provider_allows_direct(provider: object) -> bool:
    """Whether spans of ``provider`` may receive attributes after creation without changing sampling."""
    if SdkTracerProvider is None or not isinstance(provider, SdkTracerProvider):
        return False
    return _ignores_attributes(getattr(provider, "sampler", None))


def _always_drops(sampler: object) -> bool:
    return isinstance(sampler, StaticSampler) and getattr(sampler, "_decision", None) is Decision.DROP


def unsampled_parent_drops(provider: object) -> tuple[bool, bool] | None:
    """(local, remote): whether the provider's sampler always drops children of an unsampled local/remote
    parent; None when neither is certain."""
    if SdkTracerProvider is None or not isinstance(provider, SdkTracerProvider):
        return None
    sampler = getattr(provider, "sampler", None)
    if not isinstance(sampler, ParentBased):
        return None
    local = _always_drops(getattr(sampler, "_local_parent_not_sampled", None))
    remote = _always_drops(getattr(sampler, "_remote_parent_not_sampled", None))
    return (local, remote) if local or remote else None


class DirectWriter:
    """Writes validated attributes onto one provider's spans; falls back to the public API when unsure.

    The first write is checked in full and read back through ``span.attributes``. What it checks is set per
    provider (its span limits), so later writes check only what can differ per span: room under the
    count limit, and that the span has not ended.
    """

    __slots__ = ("enabled", "room")

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.room = 0  # the span store's count limit, once a first write has been verified

    def write(self, span: Span, attributes: Mapping[str, Any], reserve: int = 0) -> dict[str, Any] | None:
        """Set ``attributes`` on ``span``. Returns the span's store when they went straight into it, which has
        room for ``reserve`` more that the caller may then add the same way before it ends the span."""
        if self.room:
            try:
                store = span._attributes._dict  # type: ignore[attr-defined]
                if len(store) + len(attributes) + reserve <= self.room and span._end_time is None:  # type: ignore[attr-defined]
                    store.update(attributes)
                    return store
            except AttributeError:
                pass
        elif self.enabled:
            self._first_write(span, attributes)
            return None
        span.set_attributes(attributes)  # the SDK applies its count limit and ignores writes after the end
        return None

    def _first_write(self, span: Span, attributes: Mapping[str, Any]) -> None:
        try:
            bounded = span._attributes  # type: ignore[attr-defined]
            store, limit = bounded._dict, bounded.maxlen
            # a length limit to apply or a store of another shape: the SDK's own path, always
            usable = bounded.max_value_len is None and type(store) is dict
            fits = span._end_time is None and (limit is None or len(store) + len(attributes) <= limit)  # type: ignore[attr-defined]
        except AttributeError:
            usable = fits = False
        if not (usable and fits):
            self.enabled = usable
            span.set_attributes(attributes)
            return
        store.update(attributes)
        view = getattr(span, "attributes", None) or {}
        if all(view.get(key) == value for key, value in attributes.items()):
            self.room = limit if limit is not None else sys.maxsize
        else:  # the SDK changed under us: stop, and write this span's attributes the public way
            self.enabled = False
            span.set_attributes(attributes)


def _span_key() -> str | None:
    """The API's span key, when a Context copied with the span set under it is what set_span_in_context makes."""
    try:
        from opentelemetry.trace.propagation import _SPAN_KEY

        probe = Context({"probe": 1})
        made = Context(probe)
        dict.__setitem__(made, _SPAN_KEY, INVALID_SPAN)
        expected = set_span_in_context(INVALID_SPAN, probe)
        if type(expected) is Context and expected == made and list(expected) == list(made):
            return _SPAN_KEY
    except Exception:  # noqa: BLE001 - another API version: the public function
        pass
    return None


SPAN_KEY = _span_key()


def _runtime_context_variable() -> ContextVar[Context] | None:
    """The ContextVar behind the API's current context, when the runtime context is the default one."""
    try:
        from opentelemetry.context.contextvars_context import ContextVarsRuntimeContext

        runtime = context_api._RUNTIME_CONTEXT  # type: ignore[attr-defined]
        variable = getattr(runtime, "_current_context", None)
        if (type(runtime) is ContextVarsRuntimeContext and isinstance(variable, ContextVar)
                and variable.get() is context_api.get_current()):
            return variable
    except Exception:  # noqa: BLE001 - another API version: the public functions
        pass
    return None


_variable = _runtime_context_variable()
current_context: Callable[[], Context] = _variable.get if _variable is not None else context_api.get_current
attach_context: Callable[[Context], object] = _variable.set if _variable is not None else context_api.attach
detach_context: Callable[[Any], None] = _variable.reset if _variable is not None else context_api.detach

