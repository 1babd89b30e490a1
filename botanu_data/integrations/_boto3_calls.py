"""botocore's events of one S3, SQS, SNS, Kinesis or DynamoDB call, as the trackers of its tries (``Hooks``), for
``integrations/boto3.py``. What each AWS operation means (names, parameters, answers) is ``_aws.py``'s; every try
of one API call on one vendor, bucket / queue / table, request class and region shares one ``PreparedShape``,
validated once, so a try costs little more than its span (the SQL path's ``start_prepared`` / ``end_prepared``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from opentelemetry.context import Context
from opentelemetry.trace import set_span_in_context

from .. import propagation
from ..db import DBTracker
from ..messaging import BATCH_SIZE, MessagingTracker, context_header_names
from ..providers import Telemetry, telemetry_for
from ..sdk_shortcuts import current_context
from ..spans import SERVICE_ATTRIBUTES, TrackedOperation, report_fault
from ..statement_path import PreparedShape, start_prepared
from ..storage import StorageTracker, key_attribute_names
from . import _aws
from ._aws import message_carrier
from ._boto3_transfer import transfer_context, transfers

_log = logging.getLogger("botanu_data")
SERVICES = ("s3", "sqs", "sns", "kinesis", "dynamodb")
EVENTS = ("before-parameter-build", "before-call", "request-created", "response-received", "after-call",
          "after-call-error")
STATE = "botanu_data"  # this call's _Call, in botocore's per-call request context
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


class Hooks:
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
            context[STATE] = call
        except Exception:
            report_fault("boto3 before-parameter-build")

    def on_before_call(self, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
        try:  # S3 only: the vendor of an S3-compatible endpoint is in the request's URL
            call = context.get(STATE)
            if call is not None and self.system is None:
                system = _system_of(params.get("url") or "")
                if system != call.system:
                    call.system = system
                    call.request_class = _aws.s3_request_class(call.name, params.get("method") or "", system)
        except Exception:
            report_fault("boto3 before-call")

    def on_request(self, request: Any, **_: Any) -> None:
        try:
            call = getattr(request, "context", {}).get(STATE)
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
            call = context.get(STATE)
            if call is None or call.tracker is None:
                return
            status = response_dict.get("status_code", 0) if _aws.is_mapping(response_dict) else 0
            self._close(call, status, parsed_response, exception)
        except Exception:
            report_fault("boto3 response-received")

    def on_after_call(self, http_response: Any, parsed: Any, context: dict[str, Any], **_: Any) -> None:
        try:
            call = context.get(STATE)
            if call is None or call.attempts:
                return  # each try has been recorded as it was answered
            if call.tracker is None:  # answered with no request (the Stubber): one operation, here
                self._open(call)
            self._close(call, getattr(http_response, "status_code", 200), parsed, None)
        except Exception:
            report_fault("boto3 after-call")

    def on_call_error(self, exception: BaseException, context: dict[str, Any], **_: Any) -> None:
        try:
            call = context.get(STATE)
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
        if transfers:
            call.parent = transfer_context(call.target, call.key)
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
        """What every try of this API call, vendor, target, request class and region shares: validated and built
        once (the SQL path's ``PreparedShape``), so a try costs little more than its span."""
        telemetry = self.telemetry or telemetry_for()  # (the configured providers may change between calls)
        key = (telemetry, call.service, call.name, call.system, call.target, call.request_class, call.region)
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
            # OpenTelemetry's AWS SDK conventions: the API call itself (the operation below is the seed's kind);
            # first, so that under tight span limits these are what is evicted, not the seed's own attributes
            attributes = {SERVICE_ATTRIBUTES["rpc_system"]: "aws-api",
                          SERVICE_ATTRIBUTES["rpc_service"]: _aws.RPC_SERVICES[call.service],
                          SERVICE_ATTRIBUTES["rpc_method"]: call.name, **model._attributes}
            if call.region:
                attributes[SERVICE_ATTRIBUTES["region"]] = call.region
            shape = PreparedShape(type(model), telemetry, model.system, model.operation, model.target, attributes,
                                  model._span_name(), span_kind=model._kind,
                                  series_attributes=model._series_attributes(), extra_room=_PER_TRY_ATTRIBUTES,
                                  tracker_fields=(("request_class", call.request_class),) if call.request_class
                                  else ())
            if len(self._shapes) >= _MAX_SHAPES:  # buckets and tables are the application's: stay bounded
                self._shapes.clear()
            self._shapes[key] = shape
        return shape

    def _open(self, call: _Call) -> None:
        shape = self._shape(call)
        has_key = call.kind is _STORAGE and call.key
        operation: Any
        if (call.parent is not None or call.operation == "receive"
                or (has_key and shape.telemetry.sampler_reads_attributes())):
            # an s3transfer part (the caller's context, not the worker thread's), a receive (its span is linked
            # to the messages' producers once they are known), or a sampler that reads the start attributes (it
            # must see the key): a tracker
            operation = shape.tracker_class.prepared(shape)
            if call.parent is not None:
                operation._parent = call.parent
            keyed = _key_attributes(call) if has_key else None
            if keyed:
                operation._attributes = {**shape.attributes, **keyed}
            operation.start()
        else:
            operation = start_prepared(shape)
            if has_key and operation.span.is_recording():  # (the key's attributes only for a span that records)
                keyed = _key_attributes(call)
                if keyed:
                    operation._record(keyed)
        call.tracker = operation
        if call.carries_context and not call.attempts:
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
        if call.name in _SINGLE_SENDS:  # one message (the commonest call), accepted: it was answered
            own, carried = _aws.message_sizes(service, entries[0], context)
            return 1, own, _billable(service, own + carried)
        sizes = [_aws.message_sizes(service, entry, context) for entry in entries]
        sent = _aws.accepted(call.name, entries, parsed)
        if len(sent) == len(entries):
            size = sum(own for own, _ in sizes)
        else:
            accepted = {id(entry) for entry in sent}
            size = sum(own for entry, (own, _) in zip(entries, sizes, strict=True) if id(entry) in accepted)
        counts = len(sent), size, _billable(service, sum(own + carried for own, carried in sizes))
    elif call.operation == "receive":
        messages = _aws.received(service, parsed)
        sizes = [_aws.message_sizes(service, message, context) for message in messages]
        size = sum(own for own, _ in sizes)
        counts = len(messages), size, _billable(service, size + sum(carried for _, carried in sizes))
        if service == "sqs":
            operation.link_messages([message_carrier(message) for message in messages])
    else:  # settle: deleted messages, one billed request
        counts = (len(parsed.get("Successful") or ()) if call.name.endswith("Batch") else 1), 0, 1
    if counts[0] > 1 and operation.span.is_recording():  # OpenTelemetry sets the batch size only for batches
        operation._record({BATCH_SIZE: counts[0]})
    return counts


_SINGLE_SENDS = frozenset({"SendMessage", "Publish", "PutRecord"})  # one message each: accepted whole, or refused


def _billable(service: str, payload: int) -> int:
    return _aws.billable(payload) if service in _aws.BILLED_BY_CHUNK else 0


def _key_attributes(call: _Call) -> dict[str, object] | None:
    """The object key's span attributes (``aws.s3.key`` too on S3), or None for a key that is not a str."""
    key = call.key[:_MAX_KEY] if type(call.key) is str else None
    if not key:
        return None
    return dict.fromkeys(key_attribute_names(call.system), key)


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


__all__ = ["EVENTS", "SERVICES", "STATE", "Hooks"]
