"""Google Cloud Storage (google-cloud-storage): every JSON API request as a storage operation.

``instrument_gcs(client)`` mounts a ``requests`` transport adapter (requests' own extension point) on the
client's HTTP session for the client's API endpoint. google-cloud-storage has no hooks of its own, and every
call it makes -- uploads (simple, multipart, resumable chunks), downloads (ranged chunks), listings, copies,
deletes, retries -- is one request through that session, which is also what GCS bills: one span per request.

The adapter only reads the request line, ``Content-Length`` headers and, for listings and multipart uploads,
the JSON answer the client reads anyway; media bodies are never read.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from requests.adapters import BaseAdapter

from ..spans import instrumenting
from ..storage import StorageOperation, StorageTracker, objects_read, track_storage_request

# GCS's operation classes (what a price per 10,000 operations applies to); deletes are free
CLASS_A, CLASS_B, FREE = "class_a", "class_b", "free"


class _Request:
    """What one JSON API request is, read from its method and URL."""

    __slots__ = ("operation", "bucket", "key", "request_class", "upload")

    def __init__(self, method: str, url: str) -> None:
        parts = urlsplit(url)
        path, query = parts.path, parse_qs(parts.query)
        self.upload = ""
        self.bucket: str | None = None
        self.key: str | None = None
        at = path.find("/storage/v1/b")
        rest = path[at + len("/storage/v1/b"):] if at >= 0 else ""
        segments = rest.split("/")[1:] if rest.startswith("/") else []
        if segments:
            self.bucket = unquote(segments[0])
        if len(segments) >= 3 and segments[1] == "o":
            tail = "/".join(segments[2:])
            for verb in ("/copyTo/", "/rewriteTo/", "/compose"):
                if verb in tail:
                    tail = tail.split(verb, 1)[0]
            self.key = unquote(tail) or None
        elif query.get("name"):  # an upload names its object in the query (or only in its metadata part)
            self.key = query["name"][0]
        method = method.upper()
        media = query.get("alt") == ["media"]
        if path[:at].endswith("/upload"):
            self.upload = (query.get("uploadType") or ["media"])[0]
            resumable = self.upload == "resumable"
            self.operation = StorageOperation.MULTIPART_UPLOAD if resumable else StorageOperation.PUT
            self.request_class = CLASS_A
        elif self.key is not None and any(v in rest for v in ("/copyTo/", "/rewriteTo/", "/compose")):
            self.operation, self.request_class = StorageOperation.COPY, CLASS_A
        elif method == "DELETE":
            self.operation, self.request_class = StorageOperation.DELETE, FREE
        elif method == "GET" and self.key is not None:
            self.operation = StorageOperation.GET if media else StorageOperation.HEAD
            self.request_class = CLASS_B
        elif method == "GET" and (self.bucket is None or segments[1:] == ["o"]):  # buckets, or a bucket's objects
            self.operation, self.request_class = StorageOperation.LIST, CLASS_A
        elif method == "GET":  # a bucket's metadata
            self.operation, self.request_class = StorageOperation.HEAD, CLASS_B
        elif method == "POST" and self.bucket is None:
            self.operation, self.request_class = "CREATE_BUCKET", CLASS_A
        else:  # PATCH / PUT of metadata, batch requests
            self.operation, self.request_class = "UPDATE", CLASS_A


def _content_length(headers: Any) -> int:
    try:
        return int(headers.get("Content-Length") or 0)
    except (TypeError, ValueError):
        return 0


def _json(response: Any) -> Any:
    try:
        return response.json()
    except Exception:  # not JSON (an emulator's or a proxy's answer): the figure is left out
        return None


def _record(tracker: StorageTracker, request: _Request, prepared: Any, response: Any) -> None:
    status = response.status_code
    if status >= 400:
        body = _json(response)
        reason = None
        if isinstance(body, dict):
            errors = (body.get("error") or {}).get("errors") or [{}]
            reason = errors[0].get("reason")
        tracker.set_error_code(str(reason or status))
        return
    operation = request.operation
    if operation == StorageOperation.GET:
        tracker.set_result(objects_count=objects_read(prepared.headers.get("Range")),
                           bytes_read=_content_length(response.headers))
    elif operation == StorageOperation.LIST:
        body = _json(response)
        items = body.get("items") if isinstance(body, dict) else None
        tracker.set_result(objects_count=len(items) if isinstance(items, list) else 0)
    elif request.upload == "multipart":  # the body is metadata + media: the object's size is in the answer
        body = _json(response)
        size = body.get("size") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(body.get("name"), str) and not request.key:
            tracker.set_key(body["name"])
        tracker.set_result(objects_count=1, bytes_written=int(size) if str(size).isdigit() else 0)
    elif request.upload:  # a simple upload, or a resumable session's start / chunk (done when answered 200)
        if request.upload == "resumable" and prepared.method != "PUT":
            return  # the session's start carries only the object's metadata
        done = request.upload != "resumable" or status in (200, 201)
        tracker.set_result(objects_count=1 if done else 0, bytes_written=_content_length(prepared.headers))
    elif operation in (StorageOperation.HEAD, StorageOperation.DELETE, StorageOperation.COPY):
        tracker.set_result(objects_count=1 if request.key else 0)


class BotanuGCSAdapter(BaseAdapter):
    """A requests transport adapter that tracks each request and hands it to the adapter it replaced."""

    def __init__(self, inner: BaseAdapter) -> None:
        super().__init__()
        self.inner = inner

    def send(self, request: Any, **kwargs: Any) -> Any:
        return track_storage_request(
            "gcs", lambda: _Request(request.method or "GET", request.url or ""),
            lambda: self.inner.send(request, **kwargs),
            lambda tracker, described, response: _record(tracker, described, request, response),
        )

    def close(self) -> None:
        self.inner.close()


@instrumenting("instrument_gcs", unsupported="not a google-cloud-storage client over requests")
def instrument_gcs(client: Any) -> Any:
    """Track every request a ``google.cloud.storage.Client`` makes (and the buckets and blobs made from it).
    Calling it twice changes nothing; returns the client."""
    session, prefix = client._http, client.api_endpoint  # the session is the client's documented ``_http``
    current = session.get_adapter(prefix)
    if not isinstance(current, BotanuGCSAdapter):
        session.mount(prefix, BotanuGCSAdapter(current))


@instrumenting("uninstrument_gcs")
def uninstrument_gcs(client: Any) -> Any:
    """Undo ``instrument_gcs``; returns the client."""
    current = client._http.get_adapter(client.api_endpoint)
    if isinstance(current, BotanuGCSAdapter):
        client._http.mount(client.api_endpoint, current.inner)


__all__ = ["BotanuGCSAdapter", "instrument_gcs", "uninstrument_gcs"]
