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
- ``after-call`` / ``after-call-error``: a call answered without a request (botocore's Stubber) or that
  failed before any answer (no credentials) ends there.

S3 ``upload_file`` / ``download_file`` / ``copy`` (s3transfer) send their parts from worker threads, which
do not carry the caller's context: those client methods are wrapped (on the client, or through botocore's
``creating-client-class`` event for a session) only to hand the caller's context to the requests of that
bucket and key, so every part is the caller's span's child and counts under its run.
"""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from opentelemetry.context import Context
from opentelemetry.metrics import MeterProvider
from opentelemetry.trace import TracerProvider, set_span_in_context

from .. import propagation
from ..db import DBTracker
from ..messaging import MessagingTracker, context_header_names
from ..providers import Telemetry, telemetry_for
from ..sdk_shortcuts import current_context
from ..spans import SERVICE_ATTRIBUTES, TrackedOperation, instrumenting, report_fault
from ..statement_path import PreparedShape, start_prepared
from ..storage import StorageTracker
from . import _aws
from ._aws import message_carrier

_log = logging.getLogger("botanu_data")
SERVICES = ("s3", "sqs", "sns", "kinesis", "dynamodb")
_EVENTS = ("before-parameter-build", "before-call", "request-created", "response-received", "after-call",
           "after-call-error")
_STATE = "botanu_data"  # this call's _Call, in botocore's per-call request context
_STORAGE, _MESSAGING, _DB = "storage", "messaging", "db"
_MAX_SHAPES = 1024
_PER_TRY_ATTRIBUTES = 4  # what a try adds to its shape's: the object key (twice on S3), request id, attempt
_MAX_KEY = 1024  # S3 keys are at most 1024 bytes


class _Call:
    """One API call: what it is (from its parameters) and its open try's tracker."""

    __slots__ = ("service", "name", "kind", "system", "operation", "target", "key", "request_class", "size",
                 "params", "region", "parent", "carries_context", "entries", "tracker", "attempts")

    def __init__(self, service: str, name: str, params: dict[str, Any], context: Mapping[str, Any]) -> None:
        self.service, self.name, self.params = service, name, params
        self.region = context.get("client_region")
        self.system = service
        self.key: str | None = None
        self.request_class: str | None = None
        self.size: int | None = 0
        self.parent: Context | None = None
        self.carries_context = False  # a send whose messages carry its context
        self.entries: list[Mapping[str, Any]] = []
        self.tracker: TrackedOperation | None = None
        self.attempts = 0

    def __del__(self) -> None:  # a send refused before any request (parameter validation): never counted
        tracker = self.tracker
        if tracker is not None:
            try:
                tracker.abandon()
            except Exception:
                report_fault("boto3 abandon")


_names: tuple[object, frozenset[str]] = (None, frozenset())  # the header names last seen, as text


def _context_names() -> frozenset[str]:
    """The trace-context header names (text only), kept while the propagator is the same."""
    global _names
    names = context_header_names()
    if _names[0] is not names:
        _names = (names, frozenset(name for name in names if isinstance(name, str)))
    return _names[1]


class _Hooks:
    """The handlers one instrumentation registers, with its options."""

    def __init__(self, telemetry: Telemetry | None, capacity: bool, system: str | None) -> None:
        self.telemetry, self.capacity, self.system = telemetry, capacity, system
        self._shapes: dict[tuple[Any, ...], PreparedShape] = {}

    # -- events ----------------------------------------------------------------------------------------

    def on_params(self, params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        try:
            service = model.service_model.service_name
            name = model.name
            if service == "s3":
                call = self._describe_s3(name, params, model, context)
            elif service == "dynamodb":
                call = self._describe_dynamodb(name, params, model, context)
            else:
                operation = _aws.MESSAGING_OPERATIONS.get((service, name))
                if operation is None:
                    return
                call = self._describe_messaging(service, name, operation, params, context)
            context[_STATE] = call
        except Exception:
            report_fault("boto3 before-parameter-build")

    def on_before_call(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        try:  # S3 only: the vendor of an S3-compatible endpoint is in the request's URL
            call = context.get(_STATE)
            if call is not None and self.system is None:
                system = _system_of(params.get("url") or "")
                if system != call.system:
                    call.system = system
                    call.request_class = _aws.s3_request_class(call.name, params.get("method") or "", system)
        except Exception:
            report_fault("boto3 before-call")

    def on_request(self, request: Any, **_: Any) -> None:
        try:
            call = getattr(request, "context", {}).get(_STATE)
            if call is None:
                return
            call.attempts += 1
            if call.size is None:  # a stream of unknown size: what the request says it sends, if it says
                headers = request.headers
                size = headers.get("X-Amz-Decoded-Content-Length") or headers.get("Content-Length")
                call.size = int(size) if size and str(size).isdigit() else None
            if call.tracker is None:  # else a send's first try, open since its parameters were built
                self._open(call)
        except Exception:
            report_fault("boto3 request-created")

    def on_response(self, context: dict[str, Any], parsed_response: Any = None, response_dict: Any = None,
                    exception: BaseException | None = None, **_: Any) -> None:
        try:
            call = context.get(_STATE)
            if call is None or call.tracker is None:
                return
            status = response_dict.get("status_code", 0) if _aws.is_mapping(response_dict) else 0
            self._close(call, status, parsed_response, exception)
        except Exception:
            report_fault("boto3 response-received")

    def on_after_call(self, http_response: Any, parsed: Any, context: dict[str, Any], **_: Any) -> None:
        try:
            call = context.get(_STATE)
            if call is None or call.attempts:
                return  # each try has been recorded as it was answered
            if call.tracker is None:  # answered with no request (the Stubber): one operation, here
                self._open(call)
            self._close(call, getattr(http_response, "status_code", 200), parsed, None)
        except Exception:
            report_fault("boto3 after-call")

    def on_call_error(self, exception: BaseException, context: dict[str, Any], **_: Any) -> None:
        try:
            call = context.get(_STATE)
            if call is not None and call.tracker is not None:  # failed before any answer (no credentials)
                self._close(call, 0, None, exception)
        except Exception:
            report_fault("boto3 after-call-error")

    # -- describing a call -----------------------------------------------------------------------------

    def _describe_s3(self, name: str, params: dict[str, Any], model: Any, context: dict[str, Any]) -> _Call:
        call = _Call("s3", name, params, context)
        call.kind, call.operation = _STORAGE, _aws.s3_operation(name)
        call.system = self.system or "s3"
        call.target = params.get("Bucket")
        call.key = params.get("Key")
        call.request_class = _aws.s3_request_class(name, model.http.get("method", ""), call.system)
        if name in ("PutObject", "UploadPart"):
            call.size = _aws.body_size(params)
        if _transfers:
            call.parent = _transfer_context(call.target, call.key)
        return call

    def _describe_dynamodb(self, name: str, params: dict[str, Any], model: Any, context: dict[str, Any]) -> _Call:
        call = _Call("dynamodb", name, params, context)
        call.kind, call.operation = _DB, _aws.DYNAMODB_OPERATIONS.get(name, name)
        call.target = _aws.dynamodb_table(params)
        if self.capacity and "ReturnConsumedCapacity" not in params:
            shape = model.input_shape
            if shape is not None and "ReturnConsumedCapacity" in shape.members:
                params["ReturnConsumedCapacity"] = "TOTAL"
        return call

    def _describe_messaging(self, service: str, name: str, operation: str, params: dict[str, Any],
                            context: dict[str, Any]) -> _Call:
        call = _Call(service, name, params, context)
        call.kind, call.operation = _MESSAGING, operation
        call.target = _aws.destination(service, params)
        if operation == "publish":
            call.entries = _aws.sent_entries(service, name, params)
            if service != "kinesis":  # Kinesis records have no attributes to carry a context in
                call.carries_context = True
                self._open(call)  # its context is what the messages carry
        elif operation == "receive" and service == "sqs":
            _ask_for_context(params)
        return call

    # -- one try ---------------------------------------------------------------------------------------

    def _shape(self, call: _Call) -> PreparedShape:
        """What every try of this kind, vendor, operation, target and request class shares: validated and built
        once (the SQL path's ``PreparedShape``), so a try costs little more than its span."""
        telemetry = self.telemetry or telemetry_for()  # (the configured providers may change between calls)
        key = (telemetry, call.kind, call.system, call.operation, call.target, call.request_class, call.region)
        shape = self._shapes.get(key)
        if shape is None:
            options: dict[str, Any] = {"target": call.target, "telemetry": telemetry}
            model: TrackedOperation
            if call.kind is _STORAGE:
                model = StorageTracker(call.system, call.operation, **options)
                if call.request_class:
                    model.set_request_class(call.request_class)
            elif call.kind is _MESSAGING:
                model = MessagingTracker(call.system, call.operation, **options)
            else:
                model = DBTracker("dynamodb", call.operation, **options)
            attributes = model._attributes
            if call.region:
                attributes[SERVICE_ATTRIBUTES["region"]] = call.region
            shape = PreparedShape(type(model), telemetry, model.system, model.operation, model.target, attributes,
                                  model._span_name(), span_kind=model._kind,
                                  series_attributes=model._series_attributes(), extra_room=_PER_TRY_ATTRIBUTES)
            if len(self._shapes) >= _MAX_SHAPES:  # buckets and tables are the application's: stay bounded
                self._shapes.clear()
            self._shapes[key] = shape
        return shape

    def _open(self, call: _Call) -> None:
        shape = self._shape(call)
        operation: Any
        if call.parent is not None or call.operation == "receive":
            # an s3transfer part (the caller's context, not the worker thread's) or a receive (its span is linked
            # to the messages' producers once they are known): a tracker
            operation = shape.tracker_class.prepared(shape)
            if call.parent is not None:
                operation._parent = call.parent
            operation.start()
        else:
            operation = start_prepared(shape)
        call.tracker = operation
        if call.kind is _STORAGE:
            if call.request_class and isinstance(operation, StorageTracker):
                operation.request_class = call.request_class  # an error's counter point keeps its class
            if call.key and operation.span.is_recording():
                key = call.key[:_MAX_KEY] if type(call.key) is str else None
                if key:
                    operation._record({"botanu.storage.key": key, "aws.s3.key": key} if call.system == "s3"
                                      else {"botanu.storage.key": key})
        elif call.carries_context and not call.attempts:
            # a send's first try, started before its request exists (its context goes into the messages): it
            # may never reach a request, so its span is never left current
            operation.leave_current()
            _inject(call, operation.span)

    def _close(self, call: _Call, status: int, parsed: Any, exception: BaseException | None) -> None:
        operation, call.tracker = call.tracker, None
        if operation is None:
            return
        ended = False
        try:
            answer = parsed if _aws.is_mapping(parsed) else {}
            if operation.span.is_recording():  # span-only attributes
                fields: dict[str, object] = {}
                request_id = (answer.get("ResponseMetadata") or {}).get("RequestId")
                if type(request_id) is str and request_id:
                    fields[SERVICE_ATTRIBUTES["request_id"]] = request_id
                if call.attempts > 1:  # a retry's try number
                    fields[SERVICE_ATTRIBUTES["attempt"]] = call.attempts
                if fields:
                    operation._record(fields)
            if exception is not None or status >= 300:
                tracker = operation.as_tracker()
                if call.request_class and isinstance(tracker, StorageTracker):
                    tracker.request_class = call.request_class  # its counter point keeps the class
                if exception is not None:
                    tracker.set_error(exception)
                else:
                    code = (answer.get("Error") or {}).get("Code")
                    tracker.set_error_code(str(code or status))
                ended = True
                tracker.end()
            else:
                counts = _COUNTS[call.kind](call, operation, answer)
                ended = True
                operation.end_prepared(counts)
        finally:
            if not ended:
                operation.end()


# -- what an answer says, per kind -----------------------------------------------------------------------

def _storage_counts(call: _Call, operation: Any, parsed: Mapping[str, Any]) -> tuple[int, ...]:
    """(bytes read, bytes written, objects): the storage ledger's result slots."""
    name = call.name
    read = int(parsed.get("ContentLength") or 0) if name == "GetObject" else 0
    written = (call.size or 0) if name in ("PutObject", "UploadPart") else 0
    return read, written, _aws.s3_objects(name, call.params, parsed)


def _messaging_counts(call: _Call, operation: Any, parsed: Mapping[str, Any]) -> tuple[int, ...]:
    """(messages, bytes, billable requests): the messaging ledger's result slots; a receive's span is linked to
    the messages' producers."""
    service, context = call.service, _context_names()
    if call.operation == "publish":  # the accepted messages' bytes; the whole request's payload is billed
        entries = call.entries
        sizes = [_aws.message_sizes(service, entry, context) for entry in entries]
        payload = sum(own + carried for own, carried in sizes)
        sent = _aws.accepted(call.name, entries, parsed)
        count = len(sent)
        if count == len(entries):
            size = sum(own for own, _ in sizes)
        else:
            accepted = {id(entry) for entry in sent}
            size = sum(own for entry, (own, _) in zip(entries, sizes, strict=True) if id(entry) in accepted)
    elif call.operation == "receive":
        messages = _aws.received(service, parsed)
        count = len(messages)
        sizes = [_aws.message_sizes(service, message, context) for message in messages]
        size = sum(own for own, _ in sizes)
        payload = size + sum(carried for _, carried in sizes)
        if service == "sqs":
            operation.link_messages([message_carrier(message) for message in messages])
    else:  # settle: deleted messages
        count = len(parsed.get("Successful") or ()) if call.name.endswith("Batch") else 1
        return count, 0, 1
    if count > 1 and operation.span.is_recording():  # OpenTelemetry sets the batch size only for batches
        operation._record({"messaging.batch.message_count": count})
    return count, size, _aws.billable(payload) if service in _aws.BILLED_BY_CHUNK else 0


def _db_counts(call: _Call, operation: Any, parsed: Mapping[str, Any]) -> tuple[int, ...]:
    """(items returned, items written): the database ledger's first result slots; the consumed capacity, when
    the answer has it, on the span."""
    capacity = _aws.consumed_capacity(parsed)
    if capacity is not None and operation.span.is_recording():
        operation._record({SERVICE_ATTRIBUTES["consumed_capacity"]: capacity[0],
                           SERVICE_ATTRIBUTES["capacity_units"]: capacity[1]})
    return _aws.dynamodb_items(call.name, call.params, parsed)


_COUNTS: dict[str, Callable[[_Call, Any, Mapping[str, Any]], tuple[int, ...]]] = {
    _STORAGE: _storage_counts, _MESSAGING: _messaging_counts, _DB: _db_counts,
}


# -- trace context in SQS / SNS message attributes -------------------------------------------------------

def _inject(call: _Call, span: Any) -> None:
    """The send's context (its span, the caller's baggage) into each message's attributes, where there is room."""
    headers: dict[str, str] = {}
    propagation.inject(headers, set_span_in_context(span, current_context()), span.get_span_context())
    if not headers:
        return
    for entry in call.entries:
        attributes = entry.get("MessageAttributes")
        if attributes is None:
            attributes = entry["MessageAttributes"] = {}  # type: ignore[index]
        if not isinstance(attributes, dict):
            continue
        fresh = [name for name in headers if name not in attributes]
        if len(attributes) + len(fresh) > _aws.MAX_SQS_ATTRIBUTES:
            _log.debug("botanu_data: %s message has %d attributes; trace context not added (limit %d)",
                       call.service, len(attributes), _aws.MAX_SQS_ATTRIBUTES)
            continue
        for name, value in headers.items():
            attributes[name] = {"DataType": "String", "StringValue": value}


def _ask_for_context(params: dict[str, Any]) -> None:
    """ReceiveMessage returns only the message attributes asked for: ask for the context's too."""
    names = params.get("MessageAttributeNames")
    if names is None:
        params["MessageAttributeNames"] = sorted(_context_names())
    elif isinstance(names, list) and not ({"All", ".*"} & set(names)):
        params["MessageAttributeNames"] = names + sorted(_context_names() - set(names))


# -- S3 endpoints -----------------------------------------------------------------------------------------

_systems: dict[str, str] = {}


def _system_of(url: str) -> str:
    host = url.split("/", 3)[2] if url.count("/") >= 2 else url
    system = _systems.get(host)
    if system is None:
        system = _aws.storage_system(url)
        if len(_systems) < 1024:
            _systems[host] = system
    return system


# -- s3transfer: the caller's context for the parts sent from worker threads ----------------------------------

_transfers: dict[tuple[str, str], list[Context]] = {}
_transfers_lock = threading.Lock()
# method -> index of its Bucket argument (Key follows it)
_TRANSFER_METHODS = {"upload_file": 1, "upload_fileobj": 1, "download_file": 0, "download_fileobj": 0, "copy": 1}


def _transfer_context(bucket: object, key: object) -> Context | None:
    found = _transfers.get((bucket, key))  # type: ignore[arg-type]
    return found[-1] if found else None


def _transfer_keys(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[tuple[str, str]]:
    at = _TRANSFER_METHODS[name]
    bucket = kwargs.get("Bucket", args[at] if len(args) > at else None)
    key = kwargs.get("Key", args[at + 1] if len(args) > at + 1 else None)
    keys = [(bucket, key)]
    if name == "copy":  # the source's HeadObject, too
        source = kwargs.get("CopySource", args[0] if args else None)
        if isinstance(source, Mapping):
            keys.append((source.get("Bucket"), source.get("Key")))
        elif isinstance(source, str) and "/" in source:
            keys.append(tuple(source.lstrip("/").split("/", 1)))  # type: ignore[arg-type]
    return keys


def _wrap_transfer(name: str, method: Callable[..., Any], bound: bool) -> Callable[..., Any]:
    @functools.wraps(method)
    def transfer(*args: Any, **kwargs: Any) -> Any:
        keys: list[tuple[str, str]] = []
        context = current_context()
        try:
            keys = _transfer_keys(name, args if bound else args[1:], kwargs)
            with _transfers_lock:
                for key in keys:
                    _transfers.setdefault(key, []).append(context)
        except Exception:
            report_fault("boto3 transfer")
        try:
            return method(*args, **kwargs)
        finally:
            with _transfers_lock:
                for key in keys:
                    found = _transfers.get(key)
                    if found and context in found:
                        found.remove(context)
                        if not found:
                            del _transfers[key]

    transfer._botanu_transfer = method  # type: ignore[attr-defined]
    return transfer


def _wrap_client_class(class_attributes: dict[str, Any], **_: Any) -> None:
    """``creating-client-class.s3``: boto3 has added its transfer methods to the class by now."""
    try:
        for name in _TRANSFER_METHODS:
            method = class_attributes.get(name)
            if method is not None and not hasattr(method, "_botanu_transfer"):
                class_attributes[name] = _wrap_transfer(name, method, bound=False)
    except Exception:
        report_fault("boto3 creating-client-class")


# -- instrumenting ---------------------------------------------------------------------------------------------

def _handlers(hooks: _Hooks) -> dict[str, Callable[..., Any]]:
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
    telemetry = telemetry_for(tracer_provider, meter_provider) if tracer_provider or meter_provider else None
    hooks = _Hooks(telemetry, request_consumed_capacity, storage_system)
    for service in services:
        for event, handler in _handlers(hooks).items():
            if event == "before-call" and service != "s3":
                continue
            name = f"{event}.{service}"
            events.register(name, handler, unique_id=f"botanu_data.{name}")  # a second call changes nothing
    if client is not None and "s3" in services:
        for method in _TRANSFER_METHODS:
            current = getattr(client, method, None)
            if current is not None and not hasattr(current, "_botanu_transfer"):
                setattr(client, method, _wrap_transfer(method, current, bound=True))
    elif client is None:
        events.register("creating-client-class.s3", _wrap_client_class, unique_id="botanu_data.client-class.s3")


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
    for service in services:
        for event in _EVENTS:
            name = f"{event}.{service}"
            events.unregister(name, unique_id=f"botanu_data.{name}")
    if client is not None:
        for method in _TRANSFER_METHODS:
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


def _registrations(events: Iterable[str]) -> list[tuple[str, str]]:
    """(event, event name) of every per-service handler, as ``_instrument`` registers them."""
    return [(event, f"{event}.{service}") for service in SERVICES for event in events
            if event != "before-call" or service == "s3"]


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
            if handlers is None or not isinstance(context, dict) or _STATE in context:
                return  # off, or described by an explicit instrumentation of this client (it ran first)
            handlers["before-parameter-build"](**kwargs)
            if _STATE in context:
                # the rest of this call goes to them (even if switched off meanwhile), and only from this
                # instance's relays: a session may also hold an earlier switching-on's, inert ones
                context[_OWNER] = (self, handlers)
        except Exception:
            report_fault("boto3 process-wide before-parameter-build")

    def on_client_class(self, **kwargs: Any) -> None:
        if self.handlers is not None:
            _wrap_client_class(**kwargs)

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
            telemetry = telemetry_for(tracer_provider, meter_provider) if tracer_provider or meter_provider else None
            process = _ProcessWide(_handlers(_Hooks(telemetry, capacity, system)))
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
