"""Azure Blob Storage (azure-storage-blob): every REST request as a storage operation.

``instrument_azure_blob(client)`` adds an azure-core pipeline policy (the SDK's extension point) to a
``BlobServiceClient``'s pipeline, right after its retry policy: each try is one request, and Azure bills per
request. Container and blob clients made from that client share its policies, so they are covered too, also
those made before the call. azure-storage-blob builds its pipeline itself and takes no ``per_retry_policies``,
so the policy is inserted into the pipeline's own list of policies (the list its ``get_*_client`` methods
reuse); the synchronous clients only.

The policy reads the request line, ``Content-Length`` headers, ``x-ms-request-id`` / ``x-ms-error-code`` and,
for listings, the XML answer the SDK reads anyway; blob bodies are never read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from azure.core.pipeline import Pipeline
from azure.core.pipeline.policies import HTTPPolicy

from ..spans import instrumenting
from ..storage import StorageOperation, StorageTracker, objects_read, track_storage_request

# Azure's operation price classes; deletes are free
WRITE, READ, LIST, OTHER, FREE = "write", "read", "list", "other", "free"
_WRITE_COMPS = {"block": StorageOperation.MULTIPART_UPLOAD, "blocklist": StorageOperation.MULTIPART_UPLOAD,
                "appendblock": StorageOperation.PUT, "page": StorageOperation.PUT}


class _Request:
    """What one Blob REST request is, read from its method, URL and copy header."""

    __slots__ = ("operation", "bucket", "key", "request_class", "comp")

    def __init__(self, method: str, url: str, headers: Any, account: str | None) -> None:
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        segments = [unquote(s) for s in parts.path.split("/") if s]
        if account and segments[:1] == [account]:  # path-style endpoints (Azurite, IP addresses) name the account
            segments = segments[1:]
        self.bucket = segments[0] if segments else None  # the container
        self.key = "/".join(segments[1:]) or None  # the blob
        self.comp = comp = (query.get("comp") or [""])[0]
        on_container = query.get("restype") == ["container"] or self.key is None
        copy = bool(headers.get("x-ms-copy-source"))
        method = method.upper()
        if method == "PUT" and on_container and not comp:
            self.operation, self.request_class = "CREATE_CONTAINER", LIST
        elif method == "PUT":
            self.request_class = WRITE
            if copy:
                self.operation = StorageOperation.COPY
            elif not comp:
                self.operation = StorageOperation.PUT
            else:
                self.operation = _WRITE_COMPS.get(comp, "UPDATE")
        elif method == "GET" and comp == "list":
            self.operation, self.request_class = StorageOperation.LIST, LIST
        elif method == "GET" and not on_container and not comp:
            self.operation, self.request_class = StorageOperation.GET, READ
        elif method == "DELETE":
            self.operation, self.request_class = StorageOperation.DELETE, FREE
        elif method in ("GET", "HEAD"):  # properties, metadata, block lists, tags
            self.operation, self.request_class = StorageOperation.HEAD, OTHER
        else:  # POST: batches, queries
            self.operation, self.request_class = "BATCH" if comp == "batch" else method, OTHER


def _content_length(headers: Any) -> int:
    try:
        return int(headers.get("Content-Length") or 0)
    except (TypeError, ValueError):
        return 0


def _record(tracker: StorageTracker, request: _Request, http_request: Any, http_response: Any) -> None:
    headers = http_response.headers
    request_id = headers.get("x-ms-request-id")
    if request_id:
        tracker.add_metadata(request_id=request_id)
    status = http_response.status_code
    if status >= 400:
        tracker.set_error_code(headers.get("x-ms-error-code") or str(status))
        return
    operation = request.operation
    if operation == StorageOperation.GET:
        asked = http_request.headers.get("x-ms-range") or http_request.headers.get("Range")
        tracker.set_result(objects_count=objects_read(asked), bytes_read=_content_length(headers))
    elif operation == StorageOperation.LIST:  # the SDK reads this answer whole anyway (no streaming)
        body = http_response.body()
        tag = b"<Blob>" if request.bucket else b"<Container>"
        tracker.set_result(objects_count=body.count(tag) if isinstance(body, bytes) else 0)
    elif operation in (StorageOperation.PUT, StorageOperation.MULTIPART_UPLOAD):
        if request.comp == "blocklist":  # the commit of staged blocks: its body is their ids, not data
            tracker.set_result(objects_count=1)
            return
        whole = not request.comp  # a whole blob; otherwise one block (or page, appended block) of one
        tracker.set_result(objects_count=1 if whole else 0, bytes_written=_content_length(http_request.headers))
    elif operation in (StorageOperation.COPY, StorageOperation.DELETE, StorageOperation.HEAD) and request.key:
        tracker.set_result(objects_count=1)


class BotanuBlobPolicy(HTTPPolicy):
    """Tracks each try of a request as one storage operation, then hands it on down the pipeline."""

    def __init__(self, account: str | None = None) -> None:
        super().__init__()
        self.account = account

    def send(self, request: Any) -> Any:
        http = request.http_request
        return track_storage_request(
            "azure_blob", lambda: _Request(http.method, http.url, http.headers, self.account),
            lambda: self.next.send(request),
            lambda tracker, described, response: _record(tracker, described, http, response.http_response),
        )


def _policies(client: Any) -> list[Any]:
    pipeline = client._pipeline
    if not isinstance(pipeline, Pipeline):  # an async client's AsyncPipeline: this policy would get coroutines
        raise TypeError(f"{type(pipeline).__name__} is not a synchronous azure-core Pipeline")
    return pipeline._impl_policies  # the list azure-storage-blob itself hands to its child clients


def _relink(policies: list[Any]) -> None:
    for current, following in zip(policies, policies[1:], strict=False):
        current.next = following


@instrumenting("instrument_azure_blob", unsupported="not a synchronous azure-storage-blob client")
def instrument_azure_blob(client: Any) -> Any:
    """Track every request of a ``BlobServiceClient`` (or a container / blob client) and of the clients made
    from it. Calling it twice changes nothing; returns the client."""
    policies = _policies(client)
    if not any(isinstance(p, BotanuBlobPolicy) for p in policies):
        retry = [i for i, p in enumerate(policies) if "Retry" in type(p).__name__]
        at = retry[-1] + 1 if retry else len(policies) - 1  # per try; else just before the transport
        policies.insert(at, BotanuBlobPolicy(getattr(client, "account_name", None)))
        _relink(policies)


@instrumenting("uninstrument_azure_blob")
def uninstrument_azure_blob(client: Any) -> Any:
    """Undo ``instrument_azure_blob``; returns the client."""
    policies = _policies(client)
    policies[:] = [p for p in policies if not isinstance(p, BotanuBlobPolicy)]
    _relink(policies)


__all__ = ["BotanuBlobPolicy", "instrument_azure_blob", "uninstrument_azure_blob"]
