"""Object storage operations: ``track_storage_operation`` and ``StorageTracker``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from .accounting import STORAGE_LEDGER
from .spans import Domain, TrackedOperation, guarded, report_fault
from .systems import normalize_storage_system
from .values import clean_text


class StorageOperation:
    """Storage operation names (``botanu.storage.operation``). Any other string is accepted, upper-cased."""

    GET = "GET"
    PUT = "PUT"
    DELETE = "DELETE"
    LIST = "LIST"
    HEAD = "HEAD"
    COPY = "COPY"
    MULTIPART_UPLOAD = "MULTIPART_UPLOAD"


STORAGE_DOMAIN = Domain(
    ledger=STORAGE_LEDGER,
    prefix="botanu.storage",
    system_attributes=("botanu.storage.system",),
    operation_attributes=("botanu.storage.operation",),
    target_attributes=("botanu.storage.bucket",),
    api="track_storage_operation",
    normalize_system=normalize_storage_system,
    result_names=("bytes_read", "bytes_written", "objects_count"),
)


def objects_read(requested_range: object) -> int:
    """Objects one answered read touched: one for a whole object, and for a download in ranges (the clients'
    chunked and parallel downloads) one by its first range, the one from byte 0, so an object read in parts is
    counted once. A range from anywhere else counts none."""
    if not requested_range:
        return 1
    return 1 if str(requested_range).replace(" ", "").lower().startswith("bytes=0-") else 0


def key_attribute_names(system: str) -> tuple[str, ...]:
    """The span attributes of an object's key: ``botanu.storage.key``, and ``aws.s3.key`` too on S3."""
    return ("botanu.storage.key", "aws.s3.key") if system == "s3" else ("botanu.storage.key",)


class StorageTracker(TrackedOperation):
    """One object storage operation. Use through ``track_storage_operation(...)``; methods chain."""

    domain = STORAGE_DOMAIN
    objects_count = 0
    bytes_read = 0
    bytes_written = 0
    key: str | None = None
    request_class: str | None = None

    @property
    def bucket(self) -> str | None:
        return self.target

    @guarded
    def set_result(self, objects_count: int = 0, bytes_read: int = 0, bytes_written: int = 0) -> StorageTracker:
        """Objects and bytes moved; only values > 0 are recorded (``botanu.data.*``)."""
        self._set_counts("StorageTracker.set_result", objects_count=objects_count, bytes_read=bytes_read,
                         bytes_written=bytes_written)

    @guarded
    def set_bucket(self, bucket: str) -> StorageTracker:
        """The bucket (``botanu.storage.bucket``; ``aws.s3.bucket`` too on S3)."""
        self._set_target("StorageTracker.set_bucket", bucket)

    @guarded
    def set_key(self, key: str) -> StorageTracker:
        """The object's key (``botanu.storage.key``; ``aws.s3.key`` too on S3)."""
        name = clean_text("StorageTracker.set_key", "key", key)
        if name is not None:
            self.key = name
            self._note({attribute: name for attribute in self._key_attribute_names()})

    @guarded
    def set_request_class(self, request_class: str) -> StorageTracker:
        """The price class the vendor bills this request as (``botanu.storage.request_class``: S3's ``tier1`` /
        ``tier2``, GCS's ``class_a`` / ``class_b``, Azure's ``write`` / ``read`` / ``list`` / ``other``, ``free``).
        It is also a dimension of the operation counters, so requests per class come out of the counters."""
        name = clean_text("StorageTracker.set_request_class", "request_class", request_class)
        if name is not None:
            self.request_class = name
            self._note({"botanu.storage.request_class": name})

    def _note(self, attributes: dict[str, object]) -> None:
        self._attributes.update(attributes)  # before start: the span is created with them
        self._record(attributes)

    def _key_attribute_names(self) -> tuple[str, ...]:
        return key_attribute_names(self.system)

    def _series_attributes(self) -> tuple[tuple[str, object], ...]:
        items = super()._series_attributes()
        return items + (("botanu.storage.request_class", self.request_class),) if self.request_class else items

    def _target_attribute_names(self) -> tuple[str, ...]:
        if self.system == "s3":
            return ("botanu.storage.bucket", "aws.s3.bucket")
        return self.domain.target_attributes

    def _ledger_values(self) -> tuple[float, ...]:
        return (1, self.duration_s, self.bytes_read, self.bytes_written, self.objects_count)


def track_storage_operation(system: str, operation: str, bucket: str | None = None, **kwargs: Any) -> StorageTracker:
    """Track one storage operation: ``with track_storage_operation(system="s3", operation="PUT") as storage:``.

    ``bucket`` may be given here or later with ``set_bucket``; ``cloud_provider`` sets ``cloud.provider``;
    any other keyword is recorded as ``botanu.storage.<key>``. Works as ``with`` and ``async with``.
    """
    cloud_provider = kwargs.pop("cloud_provider", None)
    return StorageTracker(system, operation, target=bucket, cloud_provider=cloud_provider, metadata=kwargs)


class StorageRequest(Protocol):
    """What a client integration reads off one request before sending it."""

    operation: str
    bucket: str | None
    key: str | None
    request_class: str | None


Request = TypeVar("Request", bound=StorageRequest)
Answer = TypeVar("Answer")


def track_storage_request(
    system: str,
    describe: Callable[[], Request],
    send: Callable[[], Answer],
    record: Callable[[StorageTracker, Request, Answer], None],
) -> Answer:
    """One request of a storage client as a storage operation, for the client integrations: ``describe()`` says
    what the request is, ``send()`` makes it, ``record(tracker, request, answer)`` reads the answer's figures.
    A fault in ``describe`` or ``record`` is logged; ``send``'s answer or exception passes through unchanged."""
    try:
        request = describe()
        tracker = StorageTracker(system, request.operation, target=request.bucket)
        if request.key:
            tracker.set_key(request.key)
        if request.request_class:
            tracker.set_request_class(request.request_class)
    except Exception:
        report_fault(f"{system} request")
        return send()
    with tracker:
        answer = send()
        try:
            record(tracker, request, answer)
        except Exception:
            report_fault(f"{system} answer")
    return answer
