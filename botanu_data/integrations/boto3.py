"""boto3 / botocore: S3, SQS, SNS, Kinesis and DynamoDB calls as storage, messaging and database operations.

``instrument_boto3(client)``, ``instrument_boto3(session)`` (every client it creates afterwards) or
``instrument_boto3()`` (the whole process: every botocore session created afterwards, through botocore's own
table of the handlers each new session registers, ``botocore.handlers.BUILTIN_HANDLERS``) registers handlers on
botocore's own event system; nothing of botocore is replaced. Per call:

- ``before-parameter-build``: the call is described from its parameters (bucket, key, body size, queue...);
  ReceiveMessage asks for the trace-context attributes, DynamoDB for its consumed capacity when asked to;
  a send's span starts here, so its context can go into the messages' attributes before they are serialized.
- ``request-created`` / ``response-received``: each try is one operation (a span and one count): a retried
  request is billed again, so it is counted again, but only the try that succeeds records bytes and objects.
- ``after-call`` / ``after-call-error``: a call answered without a request (botocore's Stubber) ends there, and
  so does a send whose span opened with its parameters and that failed before any answer (no credentials: the
  signer refuses the request). Other calls refused before any request was sent are not operations: nothing is
  recorded for them, as nothing was billed.

S3 ``upload_file`` / ``download_file`` / ``copy`` (s3transfer) send their parts from worker threads, which
do not carry the caller's context: those client methods are wrapped (on the client, or through botocore's
``creating-client-class`` event for a session) only to hand the caller's context to the requests of that
bucket and key, so every part is the caller's span's child and counts under its run.
"""
from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any

from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider

from ..providers import telemetry_for
from ..spans import instrumenting, report_fault
from ._aws import message_carrier
from ._boto3_calls import EVENTS, SERVICES, STATE, Hooks
from ._boto3_transfer import TRANSFER_METHODS, wrap_client_class, wrap_transfer

# -- instrumenting ---------------------------------------------------------------------------------------------

def _registrations(events: Iterable[str], services: Iterable[str] = SERVICES) -> list[tuple[str, str]]:
    """(event, event name) of every per-service handler (``before-call`` is S3's only: its endpoint's vendor)."""
    return [(event, f"{event}.{service}") for service in services for event in events
            if event != "before-call" or service == "s3"]


def _new_hooks(tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None, capacity: bool,
               system: str | None) -> Hooks:
    """The handlers of one instrumentation (no providers given: the configured ones, looked up at each call)."""
    telemetry = telemetry_for(tracer_provider, meter_provider) if tracer_provider or meter_provider else None
    return Hooks(telemetry, capacity, system)


def _handlers(hooks: Hooks) -> dict[str, Callable[..., Any]]:
    return {"before-parameter-build": hooks.on_params, "before-call": hooks.on_before_call,
            "request-created": hooks.on_request, "response-received": hooks.on_response,
            "after-call": hooks.on_after_call, "after-call-error": hooks.on_call_error}


def _emitter(target: Any) -> tuple[Any, tuple[str, ...], Any]:
    """(event emitter, services to hook, client or None) of a client, a boto3 Session or a botocore Session."""
    meta = getattr(target, "meta", None)
    if meta is not None and hasattr(meta, "client") and not hasattr(meta, "service_model"):  # a boto3 resource
        target, meta = meta.client, meta.client.meta
    if meta is not None and hasattr(meta, "events") and hasattr(meta, "service_model"):
        service = meta.service_model.service_name
        return meta.events, (service,) if service in SERVICES else (), target
    events = getattr(target, "events", None)  # boto3.Session
    if events is None and hasattr(target, "get_component"):  # botocore.session.Session
        events = target.get_component("event_emitter")
    if events is None:
        raise TypeError(f"{type(target).__name__} is not a boto3/botocore client or session")
    return events, SERVICES, None


@instrumenting("instrument_boto3", unsupported="not a boto3/botocore client or session")
def _instrument(target: Any, tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None,
                request_consumed_capacity: bool, storage_system: str | None) -> None:
    events, services, client = _emitter(target)
    handlers = _handlers(_new_hooks(tracer_provider, meter_provider, request_consumed_capacity, storage_system))
    for event, name in _registrations(handlers, services):
        events.register(name, handlers[event], unique_id=f"botanu_data.{name}")  # a second call changes nothing
    if client is not None and "s3" in services:
        for method in TRANSFER_METHODS:
            current = getattr(client, method, None)
            if current is not None and not hasattr(current, "_botanu_transfer"):
                setattr(client, method, wrap_transfer(method, current, bound=True))
    elif client is None:
        events.register("creating-client-class.s3", wrap_client_class, unique_id="botanu_data.client-class.s3")


def instrument_boto3(target: Any = None, *, tracer_provider: TracerProvider | None = None,
                     meter_provider: MeterProvider | None = None, request_consumed_capacity: bool = False,
                     storage_system: str | None = None) -> Any:
    """Track the S3, SQS, SNS, Kinesis and DynamoDB calls of a botocore client, of every client a
    ``boto3.Session`` (or botocore session) creates afterwards, or, with no target, of the whole process: every
    boto3/botocore session created afterwards and the clients it creates (``boto3.client(...)`` included), plus
    the clients ``boto3.DEFAULT_SESSION`` creates from now on if it already exists. Clients created before the
    call are not reachable through botocore: pass them explicitly. Calling it twice changes nothing (while the
    process-wide instrumentation is on, a second call's options are ignored: uninstrument first to change them).
    Returns the target (with no target: None).

    A client or session also instrumented explicitly is tracked once, by its own instrumentation: its handlers
    run first and the process-wide ones leave its calls alone, so its options win for it.

    ``request_consumed_capacity=True`` adds ``ReturnConsumedCapacity="TOTAL"`` to DynamoDB requests that do
    not set it (it changes the request, so it is off by default). ``storage_system`` names the vendor of an
    S3-compatible endpoint whose URL does not (``"minio"`` on ``localhost:9000``)."""
    if target is None:
        _instrument_process(tracer_provider, meter_provider, request_consumed_capacity, storage_system)
        return None
    _instrument(target, tracer_provider, meter_provider, request_consumed_capacity, storage_system)
    return target


@instrumenting("uninstrument_boto3")
def _uninstrument(target: Any) -> None:
    events, services, client = _emitter(target)
    for _, name in _registrations(EVENTS, services):
        events.unregister(name, unique_id=f"botanu_data.{name}")
    if client is not None:
        for method in TRANSFER_METHODS:
            if hasattr(vars(client).get(method), "_botanu_transfer"):
                delattr(client, method)
    else:
        events.unregister("creating-client-class.s3", unique_id="botanu_data.client-class.s3")


def uninstrument_boto3(target: Any = None) -> Any:
    """Undo ``instrument_boto3`` on that target (clients a session created keep their handlers); returns it.

    With no target, the process-wide instrumentation is switched off: sessions created afterwards get no handlers,
    and the sessions and clients it already reached keep its handlers registered but inert (one check per event),
    so their calls are no longer tracked (a call already under way is finished). They stay off: a later
    ``instrument_boto3()`` covers the sessions created after it, and the clients ``boto3.DEFAULT_SESSION`` creates
    next. Explicit instrumentations (``instrument_boto3(client)``) are left as they are."""
    if target is None:
        _uninstrument_process()
        return None
    _uninstrument(target)
    return target


# -- the whole process: instrument_boto3() with no target ----------------------------------------------------

_OWNER = "botanu_data.process"  # in a call's request context: (the _ProcessWide, its handlers) that described it
_PROCESS_ID = "botanu_data.process"




class _ProcessWide:
    """One switching-on of the process-wide instrumentation. Every botocore ``Session`` registers the rows of
    botocore's own table ``botocore.handlers.BUILTIN_HANDLERS`` when it is created (boto3's sessions included):
    ours are added there as ``REGISTER_LAST`` rows, so a handler registered explicitly on the same event
    (``instrument_boto3(client)``) runs before them. The first handler to describe a call owns it: these relay a
    call's events to their options' handlers only for the calls they described, so a client instrumented twice is
    counted once.

    The relays read ``self.handlers`` at each event, so switching off (None) reaches every session and client they
    were copied into. A new switching-on is a new instance with new relays: a session never holds two live ones."""

    def __init__(self, handlers: dict[str, Callable[..., Any]]) -> None:
        self.handlers: dict[str, Callable[..., Any]] | None = handlers  # None: off
        relays = {event: _relay(self, event) for event in handlers if event != "before-parameter-build"}
        relays["before-parameter-build"] = self.on_params
        self.rows: list[tuple[Any, ...]] = []  # ours, in BUILTIN_HANDLERS
        self.relays = relays
        self.session: Any = None  # boto3.DEFAULT_SESSION when switched on: registered on directly

    def on_params(self, **kwargs: Any) -> None:
        try:
            handlers, context = self.handlers, kwargs.get("context")
            if handlers is None or not isinstance(context, dict) or STATE in context:
                return  # off, or described by an explicit instrumentation of this client (it ran first)
            handlers["before-parameter-build"](**kwargs)
            if STATE in context:
                # the rest of this call goes to them (even if switched off meanwhile), and only from this
                # instance's relays: a session may also hold an earlier switching-on's, inert ones
                context[_OWNER] = (self, handlers)
        except Exception:
            report_fault("boto3 process-wide before-parameter-build")

    def on_client_class(self, **kwargs: Any) -> None:
        if self.handlers is not None:
            wrap_client_class(**kwargs)

    def switch_on(self) -> None:
        from botocore import handlers as builtin

        last = builtin.REGISTER_LAST
        self.rows = [(name, self.relays[event], last) for event, name in _registrations(self.relays)]
        # last: after boto3's own creating-client-class.s3 handler, which adds upload_file & co. to the class
        self.rows.append(("creating-client-class.s3", self.on_client_class, last))
        builtin.BUILTIN_HANDLERS.extend(self.rows)
        self.session = _existing_default_session()
        if self.session is not None:  # created before: registered on directly, for the clients it creates next
            events = self.session.events
            for name, handler, _ in self.rows:
                events.register_last(name, handler, unique_id=f"{_PROCESS_ID}.{name}")

    def switch_off(self) -> None:
        from botocore import handlers as builtin

        self.handlers = None  # every relay already registered goes inert
        rows, self.rows = self.rows, []
        table = builtin.BUILTIN_HANDLERS
        table[:] = [row for row in table if not any(row is ours for ours in rows)]
        session, self.session = self.session, None
        if session is not None:
            for name, _, _ in rows:
                session.events.unregister(name, unique_id=f"{_PROCESS_ID}.{name}")


_process: _ProcessWide | None = None  # on, or None
_process_lock = threading.Lock()


def _instrument_process(tracer_provider: TracerProvider | None, meter_provider: MeterProvider | None,
                        capacity: bool, system: str | None) -> None:
    global _process
    try:
        with _process_lock:
            if _process is not None:
                return  # already on: a second call changes nothing
            process = _ProcessWide(_handlers(_new_hooks(tracer_provider, meter_provider, capacity, system)))
            try:
                process.switch_on()
            except BaseException:
                process.switch_off()  # nothing half-registered is left live
                raise
            _process = process
    except Exception:
        report_fault("instrument_boto3")


def _uninstrument_process() -> None:
    global _process
    try:
        with _process_lock:
            process, _process = _process, None
            if process is not None:
                process.switch_off()
    except Exception:
        report_fault("uninstrument_boto3")


def _relay(process: _ProcessWide, event: str) -> Callable[..., None]:
    """``process``'s handler for ``event``: hands it on to the handlers that described the call, if those were
    ``process``'s (``on_params`` marks them in the call's context)."""

    def relay(**kwargs: Any) -> None:
        try:
            context = kwargs.get("context")
            if context is None:  # request-created carries the request, whose context is the call's
                context = getattr(kwargs.get("request"), "context", None)
            owner = context.get(_OWNER) if isinstance(context, dict) else None
            if owner is not None and owner[0] is process:
                owner[1][event](**kwargs)
        except Exception:
            report_fault(f"boto3 process-wide {event}")

    relay.__name__ = relay.__qualname__ = f"botanu_data_{event.replace('-', '_')}"
    return relay


def _existing_default_session() -> Any:
    boto3 = sys.modules.get("boto3")  # not imported yet (or botocore alone): no default session, nothing to import
    return getattr(boto3, "DEFAULT_SESSION", None)


def is_instrumented_process_wide() -> bool:
    """Whether ``instrument_boto3()`` (no target) is on."""
    return _process is not None


__all__ = ["SERVICES", "instrument_boto3", "is_instrumented_process_wide", "message_carrier", "uninstrument_boto3"]
