"""What one AWS API call is and what its answer says, as data: for ``integrations/boto3.py``'s hooks.

Pure functions of botocore's API parameters and parsed answers (plain dicts); no botocore import, so the
mapping is testable and readable on its own. S3 by request price class, SQS/SNS by billed 64 KiB chunks,
DynamoDB by ``DBOperation``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from ..db import DBOperation
from ..storage import StorageOperation, objects_read

CHUNK = 64 * 1024  # SQS and SNS bill one request per 64 KiB chunk of a request's payload
MAX_SQS_ATTRIBUTES = 10  # SQS refuses a message with more message attributes

# -- S3 -------------------------------------------------------------------------------------------------

S3_OPERATIONS: Mapping[str, str] = {
    "GetObject": StorageOperation.GET,
    "PutObject": StorageOperation.PUT,
    "DeleteObject": StorageOperation.DELETE,
    "DeleteObjects": StorageOperation.DELETE,
    "ListObjects": StorageOperation.LIST,
    "ListObjectsV2": StorageOperation.LIST,
    "ListObjectVersions": StorageOperation.LIST,
    "ListBuckets": StorageOperation.LIST,
    "HeadObject": StorageOperation.HEAD,
    "HeadBucket": StorageOperation.HEAD,
    "CopyObject": StorageOperation.COPY,
    "UploadPartCopy": StorageOperation.COPY,
    "CreateMultipartUpload": StorageOperation.MULTIPART_UPLOAD,
    "UploadPart": StorageOperation.MULTIPART_UPLOAD,
    "CompleteMultipartUpload": StorageOperation.MULTIPART_UPLOAD,
    "AbortMultipartUpload": StorageOperation.MULTIPART_UPLOAD,
}
TIER1, TIER2, FREE = "tier1", "tier2", "free"
# S3-compatible vendors name the same two classes their own way (R2 and GCS: Class A / Class B)
_CLASS_NAMES = {"r2": ("class_a", "class_b"), "gcs": ("class_a", "class_b")}


# botocore's service ids, OpenTelemetry's ``rpc.service`` (what its AWS SDK conventions name the service)
RPC_SERVICES = {"s3": "S3", "sqs": "SQS", "sns": "SNS", "kinesis": "Kinesis", "dynamodb": "DynamoDB"}


def is_mapping(value: object) -> bool:
    """``isinstance(value, Mapping)``, quick for the dicts botocore passes (an ABC check costs a few times more)."""
    return type(value) is dict or isinstance(value, Mapping)


def s3_operation(name: str) -> str:
    """The storage operation of an S3 API operation; any other is its name in upper snake case."""
    known = S3_OPERATIONS.get(name)
    if known is not None:
        return known
    return "".join(f"_{c}" if c.isupper() and i else c for i, c in enumerate(name)).upper()


def s3_request_class(name: str, http_method: str, system: str) -> str:
    """The class S3 prices a request by: PUT, COPY, POST and LIST requests are tier 1, GET, HEAD and the rest
    tier 2; DELETE and CANCEL (abort) requests are free, the multi-object delete (a POST) too."""
    if http_method == "DELETE" or name == "DeleteObjects":
        return FREE
    tier1 = http_method in ("PUT", "POST") or name.startswith("List")
    names = _CLASS_NAMES.get(system, (TIER1, TIER2))
    return names[0] if tier1 else names[1]


def storage_system(url: str) -> str:
    """The vendor an S3 endpoint's host names: Cloudflare R2, GCS's interoperability API, MinIO; else S3."""
    host = (urlsplit(url).hostname or "").lower()
    if host.endswith(".r2.cloudflarestorage.com"):
        return "r2"
    if host == "storage.googleapis.com" or host.endswith(".storage.googleapis.com"):
        return "gcs"
    if "minio" in host:
        return "minio"
    return "s3"


def body_size(params: Mapping[str, Any]) -> int | None:
    """Bytes of an upload's body, never reading it: ``ContentLength`` when given, else its length (bytes), or
    its remaining size by seek/tell (files, seekable streams: put back where they were); None if unknown."""
    given = params.get("ContentLength")
    if isinstance(given, int) and given >= 0:
        return given
    body = params.get("Body")
    if body is None:
        return 0
    if isinstance(body, str):
        return len(body.encode("utf-8"))
    if isinstance(body, (bytes, bytearray)):
        return len(body)
    try:
        return len(body)  # s3transfer's part readers, memoryview
    except TypeError:
        pass
    try:
        if body.seekable():
            at = body.tell()
            end = body.seek(0, 2)
            body.seek(at)
            return end - at
    except (AttributeError, OSError, ValueError):
        pass
    return None


def s3_objects(name: str, params: Mapping[str, Any], parsed: Mapping[str, Any]) -> int:
    """Objects an answered S3 request touched: listings' entries, a delete batch's size, one object for a whole
    object's GET/PUT/HEAD/COPY/DELETE and a multipart upload's completion (its parts are not objects)."""
    if name == "ListObjectsV2":
        return int(parsed.get("KeyCount") or 0)
    if name == "ListObjects":
        return len(parsed.get("Contents") or ())
    if name == "ListObjectVersions":
        return len(parsed.get("Versions") or ()) + len(parsed.get("DeleteMarkers") or ())
    if name == "DeleteObjects":
        return len((params.get("Delete") or {}).get("Objects") or ())
    if name == "GetObject":  # a download in ranges (s3transfer's) is one object: counted by its first range
        return objects_read(params.get("Range"))
    if name in ("PutObject", "HeadObject", "CopyObject", "DeleteObject", "CompleteMultipartUpload"):
        return 1
    return 0


# -- SQS, SNS, Kinesis ----------------------------------------------------------------------------------

# (service, operation) -> botanu messaging operation; calls not listed are not tracked
MESSAGING_OPERATIONS: Mapping[tuple[str, str], str] = {
    ("sqs", "SendMessage"): "publish",
    ("sqs", "SendMessageBatch"): "publish",
    ("sqs", "ReceiveMessage"): "receive",
    ("sqs", "DeleteMessage"): "settle",
    ("sqs", "DeleteMessageBatch"): "settle",
    ("sns", "Publish"): "publish",
    ("sns", "PublishBatch"): "publish",
    ("kinesis", "PutRecord"): "publish",
    ("kinesis", "PutRecords"): "publish",
    ("kinesis", "GetRecords"): "receive",
}
BILLED_BY_CHUNK = ("sqs", "sns")


def destination(service: str, params: Mapping[str, Any]) -> str | None:
    """The queue's name (the QueueUrl's last segment), the topic's (the TopicArn's last field), the stream's."""
    if service == "sqs":
        url = params.get("QueueUrl")
        return url.rstrip("/").rsplit("/", 1)[-1] if isinstance(url, str) and url else None
    if service == "sns":
        arn = params.get("TopicArn") or params.get("TargetArn")  # a phone number is not a destination to record
        return arn.rsplit(":", 1)[-1] if isinstance(arn, str) and arn else None
    name = params.get("StreamName")
    if isinstance(name, str) and name:
        return name
    arn = params.get("StreamARN")
    return arn.rsplit("/", 1)[-1] if isinstance(arn, str) and arn else None


def _text_size(value: object) -> int:
    if isinstance(value, str):
        return len(value) if value.isascii() else len(value.encode("utf-8"))
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    return 0


def attributes_sizes(attributes: object, context: frozenset[str]) -> tuple[int, int]:
    """Bytes of SQS/SNS message attributes as AWS sizes them (each name, data type and value): (the message's
    own, the trace context's: those named in ``context``)."""
    if not is_mapping(attributes):
        return 0, 0
    own = carried = 0
    for name, attribute in attributes.items():
        if not is_mapping(attribute):
            continue
        value = attribute.get("StringValue")
        if value is None:
            value = attribute.get("BinaryValue")
        size = _text_size(name) + _text_size(attribute.get("DataType")) + _text_size(value)
        if name in context:
            carried += size
        else:
            own += size
    return own, carried


def billable(payload: int) -> int:
    """Requests SQS/SNS bill for one API request of ``payload`` bytes: one per 64 KiB chunk, at least one."""
    return max(1, -(-payload // CHUNK))


def sent_entries(service: str, operation: str, params: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The messages or records one send request carries (their parameter dicts)."""
    if operation in ("SendMessageBatch", "PublishBatch"):
        return [e for e in params.get("Entries" if service == "sqs" else "PublishBatchRequestEntries") or ()
                if is_mapping(e)]
    if operation == "PutRecords":
        return [e for e in params.get("Records") or () if is_mapping(e)]
    return [params]


def message_sizes(service: str, message: Mapping[str, Any], context: frozenset[str]) -> tuple[int, int]:
    """A sent message's (or a received one's) bytes: (its body and own attributes, or a record's data; the trace
    context's attributes)."""
    if service == "kinesis":
        return _text_size(message.get("Data")), 0
    body = message.get("MessageBody") if service == "sqs" else message.get("Message")
    if body is None:
        body = message.get("Body")  # a received message
    own, carried = attributes_sizes(message.get("MessageAttributes"), context)
    return _text_size(body) + own, carried


def accepted(operation: str, entries: list[Mapping[str, Any]], parsed: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The entries of a send the service accepted (a batch may fail per entry)."""
    if operation in ("SendMessageBatch", "PublishBatch"):
        ok = {e.get("Id") for e in parsed.get("Successful") or ()}
        return [e for e in entries if e.get("Id") in ok]
    if operation == "PutRecords":
        answers = parsed.get("Records") or ()
        return [e for e, a in zip(entries, answers, strict=False) if not a.get("ErrorCode")]
    return entries


def received(service: str, parsed: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(parsed.get("Messages" if service == "sqs" else "Records") or ())


def message_carrier(message: Mapping[str, Any]) -> dict[str, str]:
    """A received SQS message's trace context as plain headers (``carrier=`` of ``track_messaging_operation``):
    its string message attributes, or, for an SNS notification delivered without raw delivery, the
    attributes inside its JSON envelope."""
    attributes = message.get("MessageAttributes")
    if is_mapping(attributes) and attributes:
        return {name: a["StringValue"] for name, a in attributes.items()
                if is_mapping(a) and isinstance(a.get("StringValue"), str)}
    body = message.get("Body")
    if isinstance(body, str) and body.startswith("{") and '"TopicArn"' in body:
        try:
            envelope = json.loads(body)
        except ValueError:
            return {}
        inner = envelope.get("MessageAttributes") if isinstance(envelope, dict) else None
        if isinstance(inner, dict):
            return {name: a["Value"] for name, a in inner.items()
                    if isinstance(a, dict) and isinstance(a.get("Value"), str)}
    return {}


# -- DynamoDB -------------------------------------------------------------------------------------------

DYNAMODB_OPERATIONS: Mapping[str, str] = {
    "GetItem": DBOperation.SELECT,
    "BatchGetItem": DBOperation.SELECT,
    "Query": DBOperation.SELECT,
    "Scan": DBOperation.SELECT,
    "TransactGetItems": DBOperation.SELECT,
    "ExecuteStatement": DBOperation.SELECT,  # PartiQL: most are reads; its kind is in the statement
    "PutItem": DBOperation.UPSERT,  # replaces an item with the same key
    "UpdateItem": DBOperation.UPDATE,
    "DeleteItem": DBOperation.DELETE,
    "BatchWriteItem": DBOperation.BATCH,
    "TransactWriteItems": DBOperation.TRANSACTION,
    "BatchExecuteStatement": DBOperation.BATCH,
    "CreateTable": DBOperation.CREATE,
    "DeleteTable": DBOperation.DROP,
    "UpdateTable": DBOperation.ALTER,
}


def dynamodb_table(params: Mapping[str, Any]) -> str | None:
    """The table of a call: ``TableName``, or the one table of a batch or transaction (None for several)."""
    name = params.get("TableName")
    if isinstance(name, str):
        return name
    tables: set[str] = set(params.get("RequestItems") or ())
    for item in params.get("TransactItems") or ():
        for action in item.values() if is_mapping(item) else ():
            if is_mapping(action) and isinstance(action.get("TableName"), str):
                tables.add(action["TableName"])
    return tables.pop() if len(tables) == 1 else None


def dynamodb_items(name: str, params: Mapping[str, Any], parsed: Mapping[str, Any]) -> tuple[int, int]:
    """(items returned, items written) of an answered call; writes a batch left unprocessed are not counted."""
    if name == "GetItem":
        return (1 if parsed.get("Item") else 0), 0
    if name in ("Query", "Scan"):
        return int(parsed.get("Count") or 0), 0
    if name == "BatchGetItem":
        return sum(len(items) for items in (parsed.get("Responses") or {}).values()), 0
    if name == "TransactGetItems":  # one response per key asked for; a key with no item answers an empty one
        return sum(1 for r in parsed.get("Responses") or () if is_mapping(r) and r.get("Item")), 0
    if name == "ExecuteStatement":
        return len(parsed.get("Items") or ()), 0
    if name in ("PutItem", "UpdateItem", "DeleteItem"):
        return 0, 1
    if name == "BatchWriteItem":
        asked = sum(len(v) for v in (params.get("RequestItems") or {}).values())
        left = sum(len(v) for v in (parsed.get("UnprocessedItems") or {}).values())
        return 0, asked - left
    if name == "TransactWriteItems":
        return 0, len(params.get("TransactItems") or ())
    return 0, 0


def consumed_capacity(parsed: Mapping[str, Any]) -> tuple[tuple[str, ...], float] | None:
    """The answer's ``ConsumedCapacity`` (one entry, or one per table) as JSON texts, OpenTelemetry's
    ``aws.dynamodb.consumed_capacity``, and their total capacity units; None when absent."""
    found = parsed.get("ConsumedCapacity")
    if not found:
        return None
    entries = found if isinstance(found, list) else [found]
    units = sum(float(e.get("CapacityUnits") or 0) for e in entries if is_mapping(e))
    return tuple(json.dumps(e, sort_keys=True, default=str) for e in entries), units
