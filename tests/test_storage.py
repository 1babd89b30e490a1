"""StorageTracker and track_storage_operation: the seed's storage API, and a real S3-compatible server."""

from __future__ import annotations

import os
from typing import Any

import pytest
from conftest import Telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import StorageOperation, StorageTracker, track_storage_operation

# The seed's "Storage Spans" table, exact names.
SEED_STORAGE_ATTRIBUTES = (
    "botanu.storage.system", "botanu.storage.operation", "botanu.storage.bucket", "botanu.vendor",
    "botanu.data.objects_count", "botanu.data.bytes_read", "botanu.data.bytes_written",
)


def test_every_seed_storage_attribute_with_its_exact_name(otel: Telemetry) -> None:
    with track_storage_operation(system="aws_s3", operation=StorageOperation.COPY) as storage:
        storage.set_bucket("my-data-bucket")
        storage.set_result(objects_count=10, bytes_read=1048576, bytes_written=2097152)
    span = otel.span("COPY my-data-bucket")
    assert span.kind is SpanKind.CLIENT
    assert {key: span.attributes[key] for key in SEED_STORAGE_ATTRIBUTES} == {
        "botanu.storage.system": "s3",
        "botanu.storage.operation": "COPY",
        "botanu.storage.bucket": "my-data-bucket",
        "botanu.vendor": "s3",
        "botanu.data.objects_count": 10,
        "botanu.data.bytes_read": 1048576,
        "botanu.data.bytes_written": 2097152,
    }
    assert span.attributes["aws.s3.bucket"] == "my-data-bucket"  # OpenTelemetry's name, on S3 only
    assert span.attributes["botanu.storage.duration_ms"] >= 0.0


def test_aws_s3_bucket_only_for_s3(otel: Telemetry) -> None:
    with track_storage_operation("google_cloud_storage", "get", bucket="assets"):
        pass
    attributes = otel.span("GET assets").attributes
    assert attributes["botanu.storage.system"] == attributes["botanu.vendor"] == "gcs"
    assert attributes["botanu.storage.bucket"] == "assets"
    assert "aws.s3.bucket" not in attributes


def test_python_attributes(otel: Telemetry) -> None:
    with track_storage_operation("MinIO", "list") as storage:
        assert isinstance(storage, StorageTracker)
        assert storage.bucket is None
        storage.set_bucket("logs").set_result(objects_count=4, bytes_read=12)
    assert (storage.system, storage.vendor, storage.operation, storage.bucket) == ("minio", "minio", "LIST", "logs")
    assert (storage.objects_count, storage.bytes_read, storage.bytes_written) == (4, 12, 0)


def test_set_result_records_only_values_above_zero(otel: Telemetry) -> None:
    with track_storage_operation("s3", "PUT", bucket="b") as storage:
        storage.set_result(objects_count=0, bytes_read=0, bytes_written=9)
    attributes = otel.span("PUT b").attributes
    assert attributes["botanu.data.bytes_written"] == 9
    assert "botanu.data.objects_count" not in attributes
    assert "botanu.data.bytes_read" not in attributes
    assert storage.objects_count == 0


def test_storage_operation_constants_exactly_as_the_seed() -> None:
    for name in ("GET", "PUT", "DELETE", "LIST", "HEAD", "COPY", "MULTIPART_UPLOAD"):
        assert getattr(StorageOperation, name) == name


@pytest.mark.parametrize(("operation", "expected"), [("put", "PUT"), ("Head", "HEAD"), ("restore", "RESTORE")])
def test_operation_strings_are_upper_cased(otel: Telemetry, operation: str, expected: str) -> None:
    with track_storage_operation("s3", operation, bucket="b") as storage:
        pass
    assert storage.operation == expected
    assert otel.span(f"{expected} b").attributes["botanu.storage.operation"] == expected


def test_span_name_updates_when_bucket_set_later(otel: Telemetry) -> None:
    with track_storage_operation(system="s3", operation="PUT") as storage:
        assert storage.span.name == "PUT"
        storage.set_bucket("my-bucket")
        assert storage.span.name == "PUT my-bucket"
    assert [s.name for s in otel.spans()] == ["PUT my-bucket"]


def test_counters_by_direction(otel: Telemetry) -> None:
    with track_storage_operation("s3", "GET", bucket="b") as storage:
        storage.set_result(bytes_read=100, objects_count=1)
    with track_storage_operation("s3", "PUT", bucket="b") as storage:
        storage.set_result(bytes_written=40, objects_count=1)
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read") == 100
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == 40
    assert otel.total("botanu.storage.objects") == 2
    assert otel.total("botanu.storage.operations", botanu__storage__bucket="b") == 2


# -- a real S3-compatible server (moto's HTTP server, or BOTANU_TEST_S3_URL) ---------------------------------


def test_real_s3_put_get_list(otel: Telemetry, s3_client: Any, s3_bucket: str) -> None:
    bodies = {f"batch/{i}.json": os.urandom(1000 + i * 517) for i in range(3)}

    for key, body in bodies.items():
        with track_storage_operation(system="s3", operation=StorageOperation.PUT) as storage:
            storage.set_bucket(s3_bucket)
            s3_client.put_object(Bucket=s3_bucket, Key=key, Body=body)
            storage.set_result(objects_count=1, bytes_written=len(body))

    key = "batch/2.json"
    with track_storage_operation(system="s3", operation="get", bucket=s3_bucket) as storage:
        response = s3_client.get_object(Bucket=s3_bucket, Key=key)
        downloaded = response["Body"].read()
        storage.set_result(objects_count=1, bytes_read=len(downloaded))

    with track_storage_operation(system="s3", operation=StorageOperation.LIST, bucket=s3_bucket) as storage:
        listing = s3_client.list_objects_v2(Bucket=s3_bucket, Prefix="batch/")
        storage.set_result(objects_count=listing["KeyCount"])

    # the server really holds what the spans say was written
    assert downloaded == bodies[key]
    assert response["ContentLength"] == len(downloaded)
    sizes = {obj["Key"]: obj["Size"] for obj in listing["Contents"]}
    assert sizes == {k: len(v) for k, v in bodies.items()}

    puts = otel.spans(f"PUT {s3_bucket}")
    assert len(puts) == 3
    assert sorted(s.attributes["botanu.data.bytes_written"] for s in puts) == sorted(sizes.values())
    get = otel.span(f"GET {s3_bucket}")
    assert get.attributes["botanu.data.bytes_read"] == response["ContentLength"] == len(bodies[key])
    assert get.attributes["aws.s3.bucket"] == s3_bucket
    listed = otel.span(f"LIST {s3_bucket}")
    assert listed.attributes["botanu.data.objects_count"] == len(listing["Contents"]) == 3
    assert all(s.kind is SpanKind.CLIENT and s.attributes["cloud.provider"] == "aws" for s in otel.spans())
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == sum(sizes.values())


def test_real_s3_error_is_recorded_and_propagates(otel: Telemetry, s3_client: Any, s3_bucket: str) -> None:
    missing = s3_client.exceptions.NoSuchKey
    with pytest.raises(missing) as caught, track_storage_operation(system="s3", operation="GET", bucket=s3_bucket):
        s3_client.get_object(Bucket=s3_bucket, Key="does/not/exist")
    span = otel.span(f"GET {s3_bucket}")
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["botanu.storage.error"] == "NoSuchKey"
    assert span.attributes["error.type"] == f"{type(caught.value).__module__}.NoSuchKey"
    assert "botanu.data.bytes_read" not in span.attributes
