"""boto3's real clients against moto's real HTTP server on loopback (``moto_server()``): S3, SQS, SNS, Kinesis and
DynamoDB calls become storage, messaging and database operations through botocore's events, and the counters
equal what was moved."""

from __future__ import annotations

import io
import logging
import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from _services import moto_server
from _support import (  # noqa: F401 - fixtures
    in_thread,
    record,
    sqlite_engine_fixture,
    workflow_db_operations,
)
from conftest import Telemetry, install_telemetry
from opentelemetry.trace import SpanKind, StatusCode

from botanu_data import track_messaging_operation, use_case
from botanu_data.providers import reset_configuration

boto3 = pytest.importorskip("boto3", reason="pip install -e '.[test]' (boto3, moto[server])")
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError, ParamValidationError  # noqa: E402

from botanu_data.integrations import _aws  # noqa: E402
from botanu_data.integrations._boto3_calls import EVENTS as _EVENTS  # noqa: E402
from botanu_data.integrations.boto3 import (  # noqa: E402
    _registrations,
    instrument_boto3,
    is_instrumented_process_wide,
    message_carrier,
    uninstrument_boto3,
)

REGION = "us-east-1"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def aws() -> Iterator[str]:
    """moto's server: every AWS service answers on this one loopback URL."""
    with moto_server() as url:
        yield url


def client(service: str, url: str, **config: Any) -> Any:
    options: dict[str, Any] = {"retries": {"max_attempts": 3, "mode": "standard"}, **config}
    if service == "s3":
        options.setdefault("s3", {"addressing_style": "path"})
    return boto3.client(service, endpoint_url=url, region_name=REGION, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(**options))


def unique(prefix: str) -> str:
    return f"botanu-{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def s3(aws: str) -> Iterator[tuple[Any, str]]:
    """An instrumented S3 client and a fresh bucket (made before instrumenting)."""
    s3 = client("s3", aws)
    bucket = unique("b")
    s3.create_bucket(Bucket=bucket)
    instrument_boto3(s3)
    yield s3, bucket
    uninstrument_boto3(s3)


@pytest.fixture
def sqs(aws: str) -> Iterator[tuple[Any, str]]:
    sqs = client("sqs", aws)
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    instrument_boto3(sqs)
    yield sqs, url
    uninstrument_boto3(sqs)


def storage_spans(otel: Telemetry) -> list[dict[str, Any]]:
    return [dict(s.attributes) for s in otel.spans() if "botanu.storage.operation" in s.attributes]


# -- S3 ------------------------------------------------------------------------------------------------------

def test_s3_calls_map_to_storage_operations_classes_bytes_and_objects(otel: Telemetry, s3: tuple[Any, str]) -> None:
    s3, bucket = s3
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"hello world")
    assert s3.get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"hello world"
    s3.head_object(Bucket=bucket, Key="a.txt")
    s3.head_bucket(Bucket=bucket)
    s3.copy_object(Bucket=bucket, Key="b.txt", CopySource={"Bucket": bucket, "Key": "a.txt"})
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 2
    s3.list_objects(Bucket=bucket)
    s3.list_object_versions(Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="b.txt")
    s3.put_object(Bucket=bucket, Key="c.txt", Body=b"c")
    s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a.txt"}, {"Key": "c.txt"}]})

    spans = storage_spans(otel)
    ops = [(a["botanu.storage.operation"], a["botanu.storage.request_class"], a.get("botanu.data.objects_count"))
           for a in spans]
    assert ops == [
        ("PUT", "tier1", 1), ("GET", "tier2", 1), ("HEAD", "tier2", 1), ("HEAD", "tier2", None),
        ("COPY", "tier1", 1), ("LIST", "tier1", 2), ("LIST", "tier1", 2), ("LIST", "tier1", 2),
        ("DELETE", "free", 1), ("PUT", "tier1", 1), ("DELETE", "free", 2),
    ]
    for attrs in spans:
        assert attrs["botanu.storage.system"] == "s3" and attrs["botanu.vendor"] == "s3"
        assert attrs["botanu.storage.bucket"] == attrs["aws.s3.bucket"] == bucket
        assert attrs["cloud.provider"] == "aws" and attrs["cloud.region"] == REGION
        assert attrs["aws.request_id"]
    put, get = spans[0], spans[1]
    assert put["aws.s3.key"] == put["botanu.storage.key"] == "a.txt"
    assert put["botanu.data.bytes_written"] == 11 and "botanu.data.bytes_read" not in put
    assert get["botanu.data.bytes_read"] == 11
    assert "aws.s3.key" not in spans[5]  # a listing names no object
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="tier1") == 6
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="tier2") == 3
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="free") == 2


def test_calls_in_a_use_case_carry_its_run_and_add_to_its_totals(otel: Telemetry, s3: tuple[Any, str],
                                                                 sqs: tuple[Any, str]) -> None:
    s3, bucket = s3
    sqs, url = sqs
    with use_case("Nightly export") as run:
        s3.put_object(Bucket=bucket, Key="r.csv", Body=b"a,b\n1,2\n")
        assert s3.get_object(Bucket=bucket, Key="r.csv")["Body"].read() == b"a,b\n1,2\n"
        sqs.send_message(QueueUrl=url, MessageBody="exported")
        with pytest.raises(ClientError):  # an error in the run: the tracker's path, the same run
            s3.get_object(Bucket=bucket, Key="missing")
    ops = [s for s in otel.spans() if "botanu.storage.operation" in s.attributes
           or s.attributes.get("messaging.operation") == "publish"]
    assert len(ops) == 4
    for span in ops:
        assert span.attributes["botanu.run_id"] == run.run_id
        assert span.attributes["botanu.workflow"] == "Nightly export"
    assert otel.total("botanu.storage.operations", botanu__workflow="Nightly export") == 3
    assert otel.total("botanu.storage.bytes", botanu__workflow="Nightly export", botanu__data__direction="written") == 8
    assert otel.total("botanu.storage.operations", botanu__workflow="Nightly export", error__type="NoSuchKey") == 1
    assert otel.total("botanu.messaging.messages", botanu__workflow="Nightly export") == 1
    assert otel.total("botanu.storage.operations") == 3  # none counted outside the run's series
    (run_span,) = [s for s in otel.spans() if "botanu.run.storage.operations" in s.attributes]
    totals = run_span.attributes
    assert totals["botanu.run.storage.operations"] == 3
    assert totals["botanu.run.storage.bytes_written"] == 8 and totals["botanu.run.storage.bytes_read"] == 8
    assert totals["botanu.run.messaging.messages"] == 1 and totals["botanu.run.messaging.bytes"] == 8


def test_missing_key_is_the_error_type_and_the_client_raises_as_before(otel: Telemetry, s3: tuple[Any, str]) -> None:
    s3, bucket = s3
    with pytest.raises(ClientError) as caught:
        s3.get_object(Bucket=bucket, Key="missing")
    assert caught.value.response["Error"]["Code"] == "NoSuchKey"
    (span,) = otel.spans()
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == "NoSuchKey"
    assert "botanu.data.bytes_read" not in span.attributes
    assert otel.total("botanu.storage.operations", error__type="NoSuchKey") == 1
    assert otel.total("botanu.storage.operations", error__type="NoSuchKey", botanu__storage__request_class="tier2") == 1


def _transfer_config() -> Any:
    from boto3.s3.transfer import TransferConfig

    return TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=5 * MB, max_concurrency=4)


def test_upload_file_12_mb_counts_every_part_once_under_the_callers_span(
    otel: Telemetry, s3: tuple[Any, str], tmp_path: Any
) -> None:
    s3, bucket = s3
    path = tmp_path / "big.bin"
    size = 12 * MB + 123
    path.write_bytes(os.urandom(size))
    with use_case("Upload") as run:
        s3.upload_file(str(path), bucket, "big.bin", Config=_transfer_config())
    assert s3.head_object(Bucket=bucket, Key="big.bin")["ContentLength"] == size

    parts = [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "MULTIPART_UPLOAD"]
    names = sorted(s.attributes.get("botanu.data.bytes_written", 0) for s in parts)
    assert len(parts) == 1 + 3 + 1  # create, 5 + 5 + 2 MiB parts, complete
    assert names == [0, 0, 2 * MB + 123, 5 * MB, 5 * MB]
    assert sum(s.attributes.get("botanu.data.objects_count", 0) for s in parts) == 1  # the completion
    assert {s.parent.span_id for s in parts} == {run.span.get_span_context().span_id}  # one parent: the caller's
    assert {s.attributes["botanu.run_id"] for s in parts} == {run.run_id}
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written", botanu__workflow="Upload") == size
    assert otel.total("botanu.storage.operations", botanu__workflow="Upload") == 5


def test_download_file_reads_every_range_once(otel: Telemetry, s3: tuple[Any, str], tmp_path: Any) -> None:
    s3, bucket = s3
    size = 11 * MB + 7
    s3.put_object(Bucket=bucket, Key="d.bin", Body=b"d" * size)
    with use_case("Download") as run:
        s3.download_file(bucket, "d.bin", str(tmp_path / "out.bin"), Config=_transfer_config())
    assert (tmp_path / "out.bin").stat().st_size == size
    gets = [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "GET"]
    assert len(gets) == 3  # 5 + 5 + 1 MiB ranges
    assert sum(s.attributes["botanu.data.bytes_read"] for s in gets) == size
    assert sum(s.attributes.get("botanu.data.objects_count", 0) for s in gets) == 1  # one object, however read
    assert {s.parent.span_id for s in gets} == {run.span.get_span_context().span_id}
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read", botanu__workflow="Download") == size


def test_upload_part_copy_abort_and_list_buckets_map_to_their_operations_and_classes(
    otel: Telemetry, s3: tuple[Any, str]
) -> None:
    s3, bucket = s3
    s3.put_object(Bucket=bucket, Key="src.bin", Body=b"s" * (5 * MB + 1))
    upload = s3.create_multipart_upload(Bucket=bucket, Key="copied.bin")["UploadId"]
    part = s3.upload_part_copy(Bucket=bucket, Key="copied.bin", UploadId=upload, PartNumber=1,
                               CopySource={"Bucket": bucket, "Key": "src.bin"})
    assert part["CopyPartResult"]["ETag"]
    s3.abort_multipart_upload(Bucket=bucket, Key="copied.bin", UploadId=upload)
    listed = s3.list_buckets()["Buckets"]
    assert bucket in {b["Name"] for b in listed}

    spans = storage_spans(otel)
    ops = [(a["rpc.method"], a["botanu.storage.operation"], a["botanu.storage.request_class"]) for a in spans]
    assert ops == [
        ("PutObject", "PUT", "tier1"), ("CreateMultipartUpload", "MULTIPART_UPLOAD", "tier1"),
        ("UploadPartCopy", "COPY", "tier1"), ("AbortMultipartUpload", "MULTIPART_UPLOAD", "free"),
        ("ListBuckets", "LIST", "tier1"),
    ]
    copy, abort, listing = spans[2], spans[3], spans[4]
    assert copy["botanu.storage.bucket"] == bucket and copy["aws.s3.key"] == "copied.bin"
    # a server-side copy of a part moves no bytes through the client, and a part is not an object
    assert not {"botanu.data.bytes_written", "botanu.data.bytes_read", "botanu.data.objects_count"} & set(copy)
    assert abort["aws.s3.key"] == "copied.bin" and "botanu.data.objects_count" not in abort
    assert "botanu.storage.bucket" not in listing and "aws.s3.bucket" not in listing  # the account's buckets
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="free") == 1
    assert otel.total("botanu.storage.operations", botanu__storage__operation="COPY") == 1
    assert otel.total("botanu.storage.objects") == 1  # the PutObject's only
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == 5 * MB + 1


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:  # bound then closed: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_connection_error_reaches_the_caller_unchanged_and_each_try_is_counted(otel: Telemetry) -> None:
    from botocore.exceptions import EndpointConnectionError

    url = f"http://127.0.0.1:{_closed_port()}"
    retries = {"max_attempts": 2, "mode": "standard"}  # botocore's max_attempts counts retries: 1 + 2 tries
    plain = client("s3", url, retries=retries, connect_timeout=1)
    s3 = instrument_boto3(client("s3", url, retries=retries, connect_timeout=1))
    sent: list[str] = []
    for target in (plain, s3):  # every try, as botocore sends it (before-send fires once per try)
        target.meta.events.register("before-send.s3", lambda request, **_: sent.append(request.method))
    with pytest.raises(EndpointConnectionError) as uninstrumented:
        plain.get_object(Bucket="b", Key="k")
    with pytest.raises(EndpointConnectionError) as caught:
        s3.get_object(Bucket="b", Key="k")
    assert type(caught.value) is type(uninstrumented.value)  # the same exception, as botocore raises it
    assert str(caught.value) == str(uninstrumented.value)
    assert sent == ["GET"] * 6  # three tries each: the instrumentation changes nothing about retrying

    gets = otel.spans("GET")
    assert len(gets) == 3  # one per try, none answered
    error_type = "botocore.exceptions.EndpointConnectionError"
    for span in gets:
        assert span.status.status_code is StatusCode.ERROR
        assert span.attributes["error.type"] == error_type
        assert "botanu.data.bytes_read" not in span.attributes
    assert [s.attributes.get("botanu.request.attempt") for s in gets] == [None, 2, 3]
    assert otel.total("botanu.storage.operations", error__type=error_type,
                      botanu__storage__request_class="tier2") == 3
    assert otel.total("botanu.storage.operations") == 3
    assert otel.total("botanu.storage.objects") == 0
    assert otel.counter.started == otel.counter.ended == 3


def test_upload_file_12_mb_counters_exact_at_zero_sampling(unsampled: Telemetry, s3: tuple[Any, str],
                                                           tmp_path: Any) -> None:
    s3, bucket = s3
    path = tmp_path / "big.bin"
    size = 12 * MB + 321
    path.write_bytes(os.urandom(size))
    with use_case("Unsampled upload"):
        s3.upload_file(str(path), bucket, "big.bin", Config=_transfer_config())
    assert s3.head_object(Bucket=bucket, Key="big.bin")["ContentLength"] == size  # outside the run

    assert unsampled.spans() == []
    run = {"botanu__workflow": "Unsampled upload"}
    assert unsampled.total("botanu.storage.bytes", botanu__data__direction="written", **run) == size
    assert unsampled.total("botanu.storage.bytes", botanu__data__direction="read", **run) == 0
    assert unsampled.total("botanu.storage.objects", **run) == 1  # the completion
    # create (POST), 3 parts (PUT), complete (POST): all tier 1; nothing else
    assert unsampled.total("botanu.storage.operations", botanu__storage__request_class="tier1", **run) == 5
    assert unsampled.total("botanu.storage.operations", botanu__storage__operation="MULTIPART_UPLOAD", **run) == 5
    assert unsampled.total("botanu.storage.operations", **run) == 5
    assert unsampled.total("botanu.storage.operations", botanu__storage__request_class="tier2") == 1  # the HEAD


class _Stream:
    """A stream that cannot seek, counting what is read from it."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._data.read(size)
        self.read_bytes += len(chunk)
        return chunk


class _CountingFile(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk


def test_streaming_bodies_are_sized_without_being_read(otel: Telemetry, s3: tuple[Any, str], aws: str,
                                                      tmp_path: Any) -> None:
    s3, bucket = s3
    data = os.urandom(300_000)
    (tmp_path / "f.bin").write_bytes(data)
    plain = client("s3", aws)  # the same uploads uninstrumented: botanu must not read anything more
    reads = []
    for target in (plain, s3):
        stream = _CountingFile(data)  # a stream with no len(): sized by seek/tell, from where it stands
        stream.seek(100)
        target.put_object(Bucket=bucket, Key="stream", Body=stream)
        reads.append(stream.read_bytes)
        with open(tmp_path / "f.bin", "rb") as file:
            target.put_object(Bucket=bucket, Key="file", Body=file)
            reads.append(file.tell())
    assert reads[:2] == reads[2:]  # botocore's own reads (checksum, signature, send), nothing more
    puts = [a for a in storage_spans(otel) if a["botanu.storage.operation"] == "PUT"]
    assert [a["botanu.data.bytes_written"] for a in puts] == [len(data) - 100, len(data)]
    assert s3.head_object(Bucket=bucket, Key="stream")["ContentLength"] == len(data) - 100


def test_upload_fileobj_from_a_stream_counts_its_bytes(otel: Telemetry, s3: tuple[Any, str]) -> None:
    s3, bucket = s3
    data = os.urandom(6 * MB + 5)
    s3.upload_fileobj(_Stream(data), bucket, "s.bin", Config=_transfer_config())  # no seek, no size: in chunks
    assert s3.head_object(Bucket=bucket, Key="s.bin")["ContentLength"] == len(data)
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == len(data)
    assert otel.total("botanu.storage.objects", botanu__storage__operation="MULTIPART_UPLOAD") == 1


def test_a_retried_request_is_billed_twice_and_its_bytes_counted_once(otel: Telemetry, aws: str) -> None:
    from _flaky_proxy import flaky_proxy

    plain = client("s3", aws)
    bucket = unique("r")
    plain.create_bucket(Bucket=bucket)
    plain.put_object(Bucket=bucket, Key="r.txt", Body=b"retried")
    with flaky_proxy(aws) as (proxy_url, proxy):
        through = instrument_boto3(client("s3", proxy_url))
        proxy.fail_next(1, lambda method, path: method == "GET")
        assert through.get_object(Bucket=bucket, Key="r.txt")["Body"].read() == b"retried"
    assert proxy.failed == 1
    gets = [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "GET"]
    assert [(s.attributes.get("error.type"), s.attributes.get("botanu.request.attempt")) for s in gets] == [
        ("503", None), (None, 2)]
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="tier2") == 2
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read") == 7
    assert otel.total("botanu.storage.objects") == 1


def test_endpoints_name_the_vendor_and_its_request_classes() -> None:
    assert _aws.storage_system("https://acct.r2.cloudflarestorage.com") == "r2"
    assert _aws.storage_system("https://storage.googleapis.com") == "gcs"
    assert _aws.storage_system("http://minio.internal:9000") == "minio"
    assert _aws.storage_system("https://s3.eu-west-1.amazonaws.com") == "s3"
    assert _aws.s3_request_class("PutObject", "PUT", "r2") == "class_a"
    assert _aws.s3_request_class("GetObject", "GET", "gcs") == "class_b"
    assert _aws.s3_request_class("AbortMultipartUpload", "DELETE", "s3") == "free"
    assert _aws.s3_operation("GetBucketLocation") == "GET_BUCKET_LOCATION"


def test_storage_system_option_names_an_s3_compatible_vendor(otel: Telemetry, aws: str) -> None:
    minio = instrument_boto3(client("s3", aws), storage_system="minio")
    bucket = unique("m")
    minio.create_bucket(Bucket=bucket)
    (span,) = otel.spans()
    assert span.attributes["botanu.storage.system"] == "minio" and "aws.s3.bucket" not in span.attributes
    assert "cloud.provider" not in span.attributes


def test_the_readme_snippets_run_as_written(otel: Telemetry, aws: str, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from _support import run_readme_snippet

    # botocore's own environment variables point the snippets' boto3.client(...) at moto
    for name, value in {"AWS_ENDPOINT_URL": aws, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                        "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # a default session of the snippets' own, dropped after
    monkeypatch.chdir(tmp_path)  # the producer writes big.bin where it runs
    plain = client("s3", aws)
    for bucket in ("my-bucket", "exports"):  # "a bucket of yours"
        plain.create_bucket(Bucket=bucket)

    run_readme_snippet('track_storage_operation(system="s3", operation="PUT")')
    (manual,) = storage_spans(otel)
    assert manual["botanu.storage.bucket"] == "my-bucket" and manual["botanu.data.bytes_written"] == 5

    run_readme_snippet('create_queue(QueueName="orders")')
    (run_span,) = otel.spans("botanu.run/Checkout")
    put = otel.span("PUT exports")
    assert put.attributes["botanu.data.bytes_written"] == 2
    assert put.attributes["botanu.storage.request_class"] == "tier1"
    parts = otel.spans("MULTIPART_UPLOAD exports")
    assert len(parts) == 5  # create, 3 parts of 8, 8 and 4 MiB, complete
    assert sum(s.attributes.get("botanu.data.bytes_written", 0) for s in parts) == 20 * MB
    assert {s.parent.span_id for s in parts + [put]} == {run_span.context.span_id}
    published = otel.span("publish orders")
    run_id = published.attributes["botanu.run_id"]
    assert run_span.attributes["botanu.run_id"] == run_id

    run_readme_snippet('get_queue_url(QueueName="orders")')
    assert capsys.readouterr().out == "order-1\n"  # handle(message) ran
    received, processed = otel.span("receive orders"), otel.span("process orders")
    assert [link.context.span_id for link in received.links] == [published.context.span_id]
    assert processed.parent.span_id == published.context.span_id
    assert received.attributes["botanu.run_id"] == processed.attributes["botanu.run_id"] == run_id
    assert otel.span("settle orders").attributes["botanu.messaging.message_count"] == 1


# -- SQS, SNS, Kinesis -------------------------------------------------------------------------------------------

def test_sqs_message_sent_in_a_use_case_carries_its_run_to_a_consumer_thread(
    otel: Telemetry, sqs: tuple[Any, str], sqlite_engine: Any
) -> None:
    sqs, url = sqs
    queue = url.rsplit("/", 1)[-1]
    with use_case("Order") as run:
        sqs.send_message(QueueUrl=url, MessageBody="order-1", MessageAttributes={
            "app": {"DataType": "String", "StringValue": "v"}})

    def consume() -> list[str]:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
        for message in got:
            with track_messaging_operation("sqs", "process", queue, carrier=message_carrier(message)):
                record(sqlite_engine, message["Body"].encode())
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return [m["Body"] for m in got]

    assert in_thread(consume) == ["order-1"]
    sent = otel.span(f"publish {queue}")
    assert sent.kind is SpanKind.PRODUCER and sent.attributes["botanu.run_id"] == run.run_id
    assert sent.attributes["botanu.messaging.bytes_transferred"] == len("order-1") + len("app") + len("String") + 1
    received = otel.span(f"receive {queue}")
    assert received.kind is SpanKind.CONSUMER
    assert [link.context.span_id for link in received.links] == [sent.context.span_id]
    assert received.attributes["botanu.run_id"] == run.run_id  # the producers' run, read from the message
    processed = otel.span(f"process {queue}")
    assert processed.parent.span_id == sent.context.span_id and processed.attributes["botanu.run_id"] == run.run_id
    assert workflow_db_operations(otel, "Order") == 1  # the consumer's own work counts under the producer's run
    settle = otel.span(f"settle {queue}")
    assert settle.attributes["messaging.operation.type"] == "settle"
    assert settle.attributes["botanu.messaging.message_count"] == 1


def test_sqs_receive_asks_for_the_context_attributes_only_when_needed(otel: Telemetry, sqs: tuple[Any, str]) -> None:
    sqs, url = sqs
    sqs.send_message(QueueUrl=url, MessageBody="x")
    params: dict[str, Any] = {"QueueUrl": url, "MessageAttributeNames": ["app"], "WaitTimeSeconds": 1}
    seen: list[Any] = []
    sqs.meta.events.register("before-call.sqs.ReceiveMessage", lambda params, **_: seen.append(params["body"]))
    (message,) = sqs.receive_message(**params)["Messages"]
    assert set(message["MessageAttributes"]) >= {"traceparent"}
    assert b"traceparent" in seen[0]
    assert params["MessageAttributeNames"] == ["app"]  # the caller's list is not changed
    assert _aws.MAX_SQS_ATTRIBUTES == 10


def test_sqs_full_attributes_skip_the_context_and_the_message_is_still_sent(
    otel: Telemetry, sqs: tuple[Any, str], caplog: pytest.LogCaptureFixture
) -> None:
    sqs, url = sqs
    attributes = {f"a{i}": {"DataType": "String", "StringValue": str(i)} for i in range(10)}
    with caplog.at_level(logging.DEBUG, logger="botanu_data"):
        sqs.send_message(QueueUrl=url, MessageBody="full", MessageAttributes=attributes)
    assert "trace context not added" in caplog.text
    (message,) = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], WaitTimeSeconds=1)["Messages"]
    assert sorted(message["MessageAttributes"]) == sorted(attributes)
    assert otel.span(f"publish {url.rsplit('/', 1)[-1]}").attributes["botanu.messaging.message_count"] == 1


def test_sqs_batches_and_large_payloads_count_billable_requests(unsampled: Telemetry, sqs: tuple[Any, str]) -> None:
    sqs, url = sqs
    queue = url.rsplit("/", 1)[-1]
    bodies = ["a" * 10, "b" * 70_000, "c" * 5]
    with use_case("Batch"):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": b} for i, b in enumerate(bodies)])
        sqs.send_message(QueueUrl=url, MessageBody="d" * 140_000)
    got: list[Any] = []
    while len(got) < 4:
        got += sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
    sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
    assert unsampled.spans() == []
    sent = {"messaging__operation": "publish", "messaging__destination__name": queue, "botanu__workflow": "Batch"}
    assert unsampled.total("botanu.messaging.messages", **sent) == 4
    assert unsampled.total("botanu.messaging.bytes", **sent) == sum(map(len, bodies)) + 140_000
    # the batch is 70,015 bytes of bodies plus the context: 2 chunks; the single message 3 chunks
    assert unsampled.total("botanu.messaging.billable_requests", **sent) == 2 + 3
    assert unsampled.total("botanu.messaging.messages", messaging__operation="receive") == 4
    assert unsampled.total("botanu.messaging.bytes", messaging__operation="receive") == sum(map(len, bodies)) + 140_000
    assert unsampled.total("botanu.messaging.messages", messaging__operation="settle") == 4


def test_a_send_refused_before_any_request_is_not_counted(otel: Telemetry, sqs: tuple[Any, str]) -> None:
    sqs, url = sqs
    with pytest.raises(ParamValidationError):
        sqs.send_message(QueueUrl=url, MessageBody=123)  # not a string
    assert otel.counter.started == otel.counter.ended  # its span was ended, not left open
    assert otel.total("botanu.messaging.operations") == 0


def test_sns_publish_and_batch_with_the_context_delivered_to_a_queue(otel: Telemetry, aws: str) -> None:
    sns, sqs = instrument_boto3(client("sns", aws)), client("sqs", aws)
    topic = sns.create_topic(Name=unique("t"))["TopicArn"]
    url = sqs.create_queue(QueueName=unique("sub"))["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    sns.publish(TopicArn=topic, Message="hello")
    sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": "1", "Message": "one"}, {"Id": "2", "Message": "two!"}])
    name = topic.rsplit(":", 1)[-1]
    single, batch = otel.spans(f"publish {name}")
    assert single.attributes["botanu.messaging.message_count"] == 1
    assert single.attributes["botanu.messaging.bytes_transferred"] == 5
    assert batch.attributes["messaging.batch.message_count"] == 2
    assert batch.attributes["botanu.messaging.bytes_transferred"] == 7
    assert single.attributes["botanu.messaging.billable_requests"] == 1
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                                   WaitTimeSeconds=1)["Messages"]
    parents = {message_carrier(m).get("traceparent", "").split("-")[2] for m in messages}
    assert f"{single.context.span_id:016x}" in parents


def test_sns_to_sqs_without_raw_delivery_carries_the_run_in_the_envelope(
    otel: Telemetry, aws: str, sqlite_engine: Any
) -> None:
    import json

    sns, sqs = instrument_boto3(client("sns", aws)), instrument_boto3(client("sqs", aws))
    topic = sns.create_topic(Name=unique("env"))["TopicArn"]
    url = sqs.create_queue(QueueName=unique("env"))["QueueUrl"]
    queue = url.rsplit("/", 1)[-1]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)  # no RawMessageDelivery: a JSON envelope
    with use_case("Fan-out") as run:
        sns.publish(TopicArn=topic, Message="order-7")

    def consume() -> list[Any]:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
        for message in got:
            with track_messaging_operation("sqs", "process", queue, carrier=message_carrier(message)):
                record(sqlite_engine, message["Body"].encode())
        return got

    (message,) = in_thread(consume)
    assert not message.get("MessageAttributes")  # SQS's own attributes are empty: the context is in the body
    envelope = json.loads(message["Body"])
    assert envelope["Message"] == "order-7" and "traceparent" in envelope["MessageAttributes"]
    carrier = message_carrier(message)
    published = otel.span(f"publish {topic.rsplit(':', 1)[-1]}")
    assert carrier["traceparent"].split("-")[2] == f"{published.context.span_id:016x}"
    assert run.run_id in carrier["baggage"]
    received = otel.span(f"receive {queue}")
    assert [link.context.span_id for link in received.links] == [published.context.span_id]
    assert received.attributes["botanu.run_id"] == run.run_id  # read out of the envelope
    processed = otel.span(f"process {queue}")
    assert processed.parent.span_id == published.context.span_id
    assert processed.attributes["botanu.run_id"] == run.run_id
    assert workflow_db_operations(otel, "Fan-out") == 1  # the consumer's work counts under the publisher's run


def test_sqs_batch_entries_refused_one_by_one_are_not_counted(otel: Telemetry, sqs: tuple[Any, str]) -> None:
    sqs, url = sqs
    queue = url.rsplit("/", 1)[-1]
    # a standard queue takes DelaySeconds up to 900: the service refuses that entry alone (SenderFault)
    answer = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "ok1", "MessageBody": "a" * 10}, {"Id": "late", "MessageBody": "b" * 100, "DelaySeconds": 901},
        {"Id": "ok2", "MessageBody": "c" * 5}])
    assert sorted(e["Id"] for e in answer["Successful"]) == ["ok1", "ok2"]
    assert [e["Id"] for e in answer["Failed"]] == ["late"]
    span = otel.span(f"publish {queue}")
    assert span.attributes["botanu.messaging.message_count"] == 2
    assert span.attributes["messaging.batch.message_count"] == 2
    assert span.attributes["botanu.messaging.bytes_transferred"] == 15  # the accepted bodies only
    assert span.status.status_code is not StatusCode.ERROR  # the request itself succeeded
    assert otel.total("botanu.messaging.messages", messaging__operation="publish") == 2
    assert otel.total("botanu.messaging.bytes", messaging__operation="publish") == 15
    assert otel.total("botanu.messaging.billable_requests") == 1  # the request, refused entry and all, is billed
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)["Messages"]
    assert sorted(m["Body"] for m in got) == ["a" * 10, "c" * 5]


def test_kinesis_records_are_messages_of_their_stream(otel: Telemetry, aws: str) -> None:
    kinesis = client("kinesis", aws)
    stream = unique("s")
    kinesis.create_stream(StreamName=stream, ShardCount=1)
    kinesis.get_waiter("stream_exists").wait(StreamName=stream, WaiterConfig={"Delay": 0.1})
    instrument_boto3(kinesis)
    put = kinesis.put_record(StreamName=stream, Data=b"abc", PartitionKey="p")
    kinesis.put_records(StreamName=stream, Records=[{"Data": b"x" * 10, "PartitionKey": "p"},
                                                    {"Data": b"y" * 20, "PartitionKey": "q"}])
    iterator = kinesis.get_shard_iterator(StreamName=stream, ShardId=put["ShardId"],
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    assert len(kinesis.get_records(ShardIterator=iterator, StreamARN=_stream_arn(kinesis, stream))["Records"]) == 3
    assert [s.attributes["botanu.messaging.message_count"] for s in otel.spans(f"publish {stream}")] == [1, 2]
    assert otel.total("botanu.messaging.bytes", messaging__operation="publish") == 33
    received = otel.span(f"receive {stream}")
    assert received.attributes["botanu.messaging.message_count"] == 3
    assert received.attributes["botanu.messaging.bytes_transferred"] == 33
    assert "botanu.messaging.billable_requests" not in received.attributes  # billed by shard, not per request


def _stream_arn(kinesis: Any, stream: str) -> str:
    return kinesis.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]["StreamARN"]


# -- DynamoDB -----------------------------------------------------------------------------------------------------

def _table(dynamodb: Any) -> str:
    name = unique("tbl")
    dynamodb.create_table(TableName=name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                          BillingMode="PAY_PER_REQUEST")
    return name


def test_dynamodb_calls_are_database_operations_with_items(otel: Telemetry, aws: str) -> None:
    dynamodb = client("dynamodb", aws)
    table = _table(dynamodb)
    instrument_boto3(dynamodb)
    dynamodb.put_item(TableName=table, Item={"id": {"S": "1"}})
    dynamodb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": {"id": {"S": str(i)}}}}
                                                    for i in range(2, 5)]})
    dynamodb.get_item(TableName=table, Key={"id": {"S": "1"}})
    dynamodb.query(TableName=table, KeyConditionExpression="id = :v", ExpressionAttributeValues={":v": {"S": "2"}})
    dynamodb.scan(TableName=table)
    dynamodb.batch_get_item(RequestItems={table: {"Keys": [{"id": {"S": "1"}}, {"id": {"S": "3"}}]}})
    dynamodb.update_item(TableName=table, Key={"id": {"S": "1"}}, UpdateExpression="SET n = :n",
                         ExpressionAttributeValues={":n": {"N": "1"}})
    dynamodb.delete_item(TableName=table, Key={"id": {"S": "1"}})
    spans = otel.spans()
    rows = [(s.attributes["db.operation"], s.attributes.get("botanu.data.rows_returned"),
             s.attributes.get("botanu.data.rows_affected")) for s in spans]
    assert rows == [("UPSERT", None, 1), ("BATCH", None, 3), ("SELECT", 1, None), ("SELECT", 1, None),
                    ("SELECT", 4, None), ("SELECT", 2, None), ("UPDATE", None, 1), ("DELETE", None, 1)]
    for span in spans:
        assert span.attributes["db.system"] == "dynamodb" and span.attributes["db.collection.name"] == table
    assert otel.total("botanu.data.rows", botanu__data__direction="returned") == 8


def test_dynamodb_transactions_map_to_their_operations_with_table_and_items(otel: Telemetry, aws: str) -> None:
    dynamodb = client("dynamodb", aws)
    table = _table(dynamodb)
    instrument_boto3(dynamodb)
    dynamodb.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": {"id": {"S": "1"}}}},
        {"Put": {"TableName": table, "Item": {"id": {"S": "2"}}}},
        {"Update": {"TableName": table, "Key": {"id": {"S": "3"}}, "UpdateExpression": "SET n = :n",
                    "ExpressionAttributeValues": {":n": {"N": "1"}}}},
    ])
    got = dynamodb.transact_get_items(TransactItems=[
        {"Get": {"TableName": table, "Key": {"id": {"S": key}}}} for key in ("1", "3", "missing")])
    assert [bool(r.get("Item")) for r in got["Responses"]] == [True, True, False]
    write, read = otel.spans()
    assert write.attributes["rpc.method"] == "TransactWriteItems" and write.attributes["db.operation"] == "TRANSACTION"
    assert write.attributes["botanu.data.rows_affected"] == 3
    assert read.attributes["rpc.method"] == "TransactGetItems" and read.attributes["db.operation"] == "SELECT"
    assert read.attributes["botanu.data.rows_returned"] == 2  # the missing key returns no item
    for span in (write, read):
        assert span.attributes["db.system"] == "dynamodb" and span.attributes["db.collection.name"] == table
    assert otel.total("botanu.data.rows", botanu__data__direction="affected", db__system="dynamodb") == 3
    assert otel.total("botanu.data.rows", botanu__data__direction="returned", db__system="dynamodb") == 2


def test_dynamodb_consumed_capacity_when_asked_for(otel: Telemetry, aws: str) -> None:
    bodies: list[bytes] = []
    for option in (False, True):
        dynamodb = client("dynamodb", aws)
        table = _table(dynamodb)
        instrument_boto3(dynamodb, request_consumed_capacity=option)
        dynamodb.meta.events.register("before-call.dynamodb", lambda params, **_: bodies.append(params["body"]))
        dynamodb.put_item(TableName=table, Item={"id": {"S": "1"}})
        dynamodb.get_item(TableName=table, Key={"id": {"S": "1"}}, ReturnConsumedCapacity="NONE")  # the caller's
    assert [b"ReturnConsumedCapacity" in body for body in bodies] == [False, True, True, True]
    assert b'"ReturnConsumedCapacity": "NONE"' in bodies[3]  # the caller's own choice stands
    put = otel.spans()[2]
    assert put.attributes["db.operation"] == "UPSERT"
    assert put.attributes["botanu.dynamodb.capacity_units"] > 0  # from the answer's ConsumedCapacity
    assert '"TableName"' in put.attributes["aws.dynamodb.consumed_capacity"][0]


# -- exact counters, wiring, faults ------------------------------------------------------------------------------

def test_counters_equal_the_ground_truth_at_zero_sampling(unsampled: Telemetry, aws: str) -> None:
    s3, sqs, dynamodb = client("s3", aws), client("sqs", aws), client("dynamodb", aws)
    bucket, table = unique("z"), _table(dynamodb)
    s3.create_bucket(Bucket=bucket)
    url = sqs.create_queue(QueueName=unique("z"))["QueueUrl"]
    for target in (s3, sqs, dynamodb):
        instrument_boto3(target)
    sizes = [1, 1000, 65_537]
    with use_case("Nightly"):
        for i, size in enumerate(sizes):
            s3.put_object(Bucket=bucket, Key=f"k{i}", Body=b"z" * size)
            s3.get_object(Bucket=bucket, Key=f"k{i}")["Body"].read()
            sqs.send_message(QueueUrl=url, MessageBody="m" * size)
            dynamodb.put_item(TableName=table, Item={"id": {"S": str(i)}})
        s3.list_objects_v2(Bucket=bucket)
        dynamodb.scan(TableName=table)
    assert unsampled.spans() == []
    run = {"botanu__workflow": "Nightly"}
    assert unsampled.total("botanu.storage.bytes", botanu__data__direction="written", **run) == sum(sizes)
    assert unsampled.total("botanu.storage.bytes", botanu__data__direction="read", **run) == sum(sizes)
    assert unsampled.total("botanu.storage.objects", **run) == 3 + 3 + 3
    assert unsampled.total("botanu.storage.operations", botanu__storage__request_class="tier1", **run) == 4
    assert unsampled.total("botanu.storage.operations", botanu__storage__request_class="tier2", **run) == 3
    assert unsampled.total("botanu.messaging.messages", **run) == 3
    assert unsampled.total("botanu.messaging.bytes", **run) == sum(sizes)
    assert unsampled.total("botanu.messaging.billable_requests", **run) == 1 + 1 + 2
    assert unsampled.total("botanu.data.rows", botanu__data__direction="affected", **run) == 3
    assert unsampled.total("botanu.data.rows", botanu__data__direction="returned", **run) == 3


def test_instrument_twice_uninstrument_and_other_services(otel: Telemetry, aws: str, caplog: Any) -> None:
    s3 = instrument_boto3(instrument_boto3(client("s3", aws)))
    s3.create_bucket(Bucket=unique("i"))
    assert len(otel.spans()) == 1  # one span per call however often instrumented
    uninstrument_boto3(s3)
    s3.list_buckets()
    assert len(otel.spans()) == 1
    assert "upload_file" not in vars(s3)
    sts = instrument_boto3(client("sts", aws))  # a service this does not map: left alone, no warning
    sts.get_caller_identity()
    assert len(otel.spans()) == 1 and "instrument_boto3" not in caplog.text
    assert instrument_boto3(object()) is not None
    assert "instrument_boto3" in caplog.text


def test_a_session_instruments_the_clients_it_creates_afterwards(otel: Telemetry, aws: str, tmp_path: Any) -> None:
    session = instrument_boto3(boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                             region_name=REGION))
    s3 = session.client("s3", endpoint_url=aws, config=Config(s3={"addressing_style": "path"}))
    bucket = unique("s")
    s3.create_bucket(Bucket=bucket)
    (tmp_path / "f").write_bytes(b"f" * 6 * MB)
    with use_case("Session") as run:
        session.resource("s3", endpoint_url=aws, config=Config(s3={"addressing_style": "path"})).Bucket(
            bucket).upload_file(str(tmp_path / "f"), "f", Config=_transfer_config())
    parts = [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "MULTIPART_UPLOAD"]
    assert len(parts) == 4 and {s.attributes["botanu.run_id"] for s in parts} == {run.run_id}
    uninstrument_boto3(session)
    session.client("s3", endpoint_url=aws, config=Config(s3={"addressing_style": "path"})).list_buckets()
    assert not [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "LIST"]


# -- the whole process: instrument_boto3() with no target ------------------------------------------------------

@pytest.fixture
def process_wide() -> Iterator[list[Any]]:
    """Leaves botocore's table of handlers for new sessions and boto3's default session as they were; gives the
    table's rows from before the test."""
    from botocore import handlers

    table, default = list(handlers.BUILTIN_HANDLERS), boto3.DEFAULT_SESSION
    boto3.DEFAULT_SESSION = None
    try:
        yield table
    finally:
        uninstrument_boto3()
        handlers.BUILTIN_HANDLERS[:] = table
        boto3.DEFAULT_SESSION = default


def _session() -> Any:
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)


def _path_style() -> Any:
    return Config(s3={"addressing_style": "path"})


def test_no_target_covers_every_session_and_client_created_afterwards(
    otel: Telemetry, aws: str, process_wide: list[Any]
) -> None:
    import botocore.session
    from botocore import handlers

    assert instrument_boto3() is None and instrument_boto3() is None
    added = handlers.BUILTIN_HANDLERS[len(process_wide):]
    assert len(added) == len(_registrations(_EVENTS)) + 1  # once however often called; per-service + client class
    assert handlers.BUILTIN_HANDLERS[:len(process_wide)] == process_wide
    assert boto3.DEFAULT_SESSION is None  # nothing is created ahead of the application

    s3 = _session().client("s3", endpoint_url=aws, config=_path_style())  # a boto3.Session made afterwards
    bucket = unique("p")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"hello world")
    assert s3.get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"hello world"
    sqs = client("sqs", aws)  # boto3.client(...): the default session, created now
    url = sqs.create_queue(QueueName=unique("p"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="default")
    dynamodb = botocore.session.get_session().create_client(  # botocore alone
        "dynamodb", endpoint_url=aws, region_name=REGION, aws_access_key_id="testing",
        aws_secret_access_key="testing")
    table = _table(dynamodb)
    dynamodb.put_item(TableName=table, Item={"id": {"S": "1"}})

    names = [span.name for span in otel.spans()]
    assert names == [f"CREATE_BUCKET {bucket}", f"PUT {bucket}", f"GET {bucket}", f"publish {url.rsplit('/', 1)[-1]}",
                     f"CREATE {table}", f"UPSERT {table}"]  # CreateQueue is no messaging operation: untracked
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="tier1") == 2
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="tier2") == 1
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == 11
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read") == 11
    assert otel.total("botanu.messaging.messages", messaging__system="sqs") == 1
    assert otel.total("botanu.messaging.bytes", messaging__system="sqs") == 7
    assert otel.total("botanu.data.rows", botanu__data__direction="affected", db__system="dynamodb") == 1
    assert otel.counter.started == otel.counter.ended == len(names)


def test_no_target_hands_upload_file_parts_the_callers_context(
    otel: Telemetry, aws: str, process_wide: list[Any], tmp_path: Any
) -> None:
    instrument_boto3()
    s3 = _session().client("s3", endpoint_url=aws, config=_path_style())
    assert hasattr(type(s3).upload_file, "_botanu_transfer")  # wrapped after boto3 added it to the class
    bucket = unique("t")
    s3.create_bucket(Bucket=bucket)
    (tmp_path / "f").write_bytes(b"f" * 6 * MB)
    with use_case("Everywhere") as run:
        s3.upload_file(str(tmp_path / "f"), bucket, "f", Config=_transfer_config())
    parts = [s for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "MULTIPART_UPLOAD"]
    assert len(parts) == 4 and {s.attributes["botanu.run_id"] for s in parts} == {run.run_id}
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written", botanu__workflow="Everywhere") \
        == 6 * MB


def test_on_off_on_the_default_session_made_in_between_tracks_each_call_once(
    otel: Telemetry, aws: str, process_wide: list[Any]
) -> None:
    instrument_boto3()
    sqs = client("sqs", aws)  # the default session is created now, with the first switching-on's handlers
    url = sqs.create_queue(QueueName=unique("g"))["QueueUrl"]
    uninstrument_boto3()
    instrument_boto3()  # registered on that default session directly: its first handlers are inert there
    for _ in range(2):
        client("sqs", aws).send_message(QueueUrl=url, MessageBody="once")
    spans = otel.spans()
    assert [span.name for span in spans] == [f"publish {url.rsplit('/', 1)[-1]}"] * 2
    assert all("botanu.request.attempt" not in span.attributes for span in spans)  # one try each, seen once
    assert otel.total("botanu.messaging.messages") == 2 and otel.total("botanu.messaging.bytes") == 8
    assert otel.total("botanu.messaging.billable_requests") == 2


def test_the_process_wide_calls_options_apply_to_the_sessions_made_afterwards(
    otel: Telemetry, aws: str, process_wide: list[Any]
) -> None:
    instrument_boto3(storage_system="minio", request_consumed_capacity=True)
    session = _session()
    s3 = session.client("s3", endpoint_url=aws, config=_path_style())
    bucket = unique("o")
    s3.create_bucket(Bucket=bucket)
    dynamodb = session.client("dynamodb", endpoint_url=aws)
    table = _table(dynamodb)
    dynamodb.put_item(TableName=table, Item={"id": {"S": "1"}})
    assert otel.span(f"CREATE_BUCKET {bucket}").attributes["botanu.storage.system"] == "minio"
    assert otel.span(f"UPSERT {table}").attributes["botanu.dynamodb.capacity_units"] > 0


def test_an_explicit_instrumentation_wins_over_the_process_wide_one_and_nothing_counts_twice(
    otel: Telemetry, aws: str, process_wide: list[Any]
) -> None:
    from conftest import Telemetry as Providers

    everywhere = Providers()  # the process-wide call's own providers; otel's are botanu-data's configured ones
    instrument_boto3(tracer_provider=everywhere.tracer_provider, meter_provider=everywhere.meter_provider)
    s3 = client("s3", aws)
    bucket = unique("w")
    s3.create_bucket(Bucket=bucket)  # process-wide only: its providers
    instrument_boto3(s3)  # explicitly too, with other options (the configured providers)
    s3.put_object(Bucket=bucket, Key="k", Body=b"12345")
    s3.get_object(Bucket=bucket, Key="k")["Body"].read()
    assert [span.name for span in everywhere.spans()] == [f"CREATE_BUCKET {bucket}"]
    assert [span.name for span in otel.spans()] == [f"PUT {bucket}", f"GET {bucket}"]
    assert everywhere.total("botanu.storage.operations") == 1
    assert otel.total("botanu.storage.operations") == 2
    assert otel.total("botanu.storage.bytes") == 10 and everywhere.total("botanu.storage.bytes") == 0

    session = instrument_boto3(_session(), storage_system="minio")  # a session made afterwards, explicitly too
    session.client("s3", endpoint_url=aws, config=_path_style()).list_objects_v2(Bucket=bucket)
    (listing,) = [span for span in otel.spans() if span.name.startswith("LIST")]
    assert listing.attributes["botanu.storage.system"] == "minio"
    assert everywhere.total("botanu.storage.operations") == 1

    uninstrument_boto3(s3)  # the explicit one gone: the process-wide one tracks the client again
    s3.head_object(Bucket=bucket, Key="k")
    assert [span.name for span in everywhere.spans()] == [f"CREATE_BUCKET {bucket}", f"HEAD {bucket}"]
    assert otel.total("botanu.storage.operations") == 3
    everywhere.tracer_provider.shutdown()
    everywhere.meter_provider.shutdown()


def test_uninstrument_with_no_target_switches_it_off_and_the_default_session_made_before_is_covered(
    otel: Telemetry, aws: str, process_wide: list[Any]
) -> None:
    from botocore import handlers

    boto3.setup_default_session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
    before = boto3.client("sqs", endpoint_url=aws)  # made before: not reachable, not covered
    instrument_boto3()
    assert is_instrumented_process_wide()
    during = boto3.client("sqs", endpoint_url=aws)  # the default session made before, its next client: covered
    url = during.create_queue(QueueName=unique("u"))["QueueUrl"]
    before.send_message(QueueUrl=url, MessageBody="before")
    during.send_message(QueueUrl=url, MessageBody="during")
    assert otel.total("botanu.messaging.messages") == 1 and otel.total("botanu.messaging.bytes") == 6

    uninstrument_boto3()
    uninstrument_boto3()  # twice: harmless
    assert not is_instrumented_process_wide()
    assert process_wide == handlers.BUILTIN_HANDLERS  # new sessions get nothing of ours
    after = _session().client("sqs", endpoint_url=aws)
    for sqs in (during, after, boto3.client("sqs", endpoint_url=aws)):
        sqs.send_message(QueueUrl=url, MessageBody="off")  # a client reached before: its handlers are inert
    assert otel.total("botanu.messaging.messages") == 1 and len(otel.spans()) == 1

    instrument_boto3()  # on again: the clients made afterwards; the ones made while it was on stay off
    again = _session().client("sqs", endpoint_url=aws)
    again.send_message(QueueUrl=url, MessageBody="again")
    during.send_message(QueueUrl=url, MessageBody="still off")
    assert otel.total("botanu.messaging.messages") == 2 and otel.total("botanu.messaging.bytes") == 6 + 5


def test_calls_answered_by_the_stubber_are_tracked(otel: Telemetry, aws: str) -> None:
    from botocore.stub import Stubber

    s3 = instrument_boto3(client("s3", aws))
    with Stubber(s3) as stubber:
        stubber.add_response("head_object", {"ContentLength": 5}, {"Bucket": "stubbed", "Key": "k"})
        stubber.add_client_error("get_object", "NoSuchKey", http_status_code=404)
        s3.head_object(Bucket="stubbed", Key="k")
        with pytest.raises(ClientError):
            s3.get_object(Bucket="stubbed", Key="x")
    head, get = otel.spans()
    assert head.attributes["botanu.storage.operation"] == "HEAD" and head.attributes["botanu.data.objects_count"] == 1
    # OpenTelemetry's AWS SDK conventions name the API call itself
    assert {key: head.attributes[key] for key in ("rpc.system", "rpc.service", "rpc.method")} == {
        "rpc.system": "aws-api", "rpc.service": "S3", "rpc.method": "HeadObject"}
    assert get.attributes["rpc.method"] == "GetObject"
    assert get.attributes["error.type"] == "NoSuchKey"


def test_a_fault_in_the_hooks_never_reaches_the_application(
    otel: Telemetry, s3: tuple[Any, str], monkeypatch: Any, caplog: pytest.LogCaptureFixture
) -> None:
    s3, bucket = s3

    def broken(*args: Any) -> int:
        raise RuntimeError("mapping bug")

    monkeypatch.setattr(_aws, "s3_objects", broken)
    s3.put_object(Bucket=bucket, Key="f", Body=b"fault")
    assert s3.get_object(Bucket=bucket, Key="f")["Body"].read() == b"fault"
    assert "internal fault in boto3 response-received" in caplog.text
    assert otel.counter.started == otel.counter.ended == 2  # the spans still ended
    monkeypatch.setattr(_aws, "s3_operation", broken)
    s3.head_object(Bucket=bucket, Key="f")  # described badly: untracked, the call itself unharmed
    assert len(otel.spans()) == 2


def test_providers_configured_after_instrumenting_get_the_next_calls(aws: str) -> None:
    from botocore.stub import Stubber

    first = install_telemetry()
    s3 = instrument_boto3(client("s3", aws))  # no providers of its own: the configured ones, at each call
    try:
        with Stubber(s3) as stubber:
            stubber.add_response("head_object", {"ContentLength": 5}, {"Bucket": "stubbed", "Key": "k"})
            stubber.add_response("head_object", {"ContentLength": 5}, {"Bucket": "stubbed", "Key": "k"})
            s3.head_object(Bucket="stubbed", Key="k")
            second = install_telemetry()
            s3.head_object(Bucket="stubbed", Key="k")
        assert len(first.spans()) == len(second.spans()) == 1
        assert first.total("botanu.storage.operations") == second.total("botanu.storage.operations") == 1
    finally:
        reset_configuration()


def test_the_per_bucket_shapes_stay_bounded_and_every_call_counts(unsampled: Telemetry, aws: str,
                                                                   monkeypatch: Any) -> None:
    import gc

    from botocore.stub import Stubber

    from botanu_data.integrations import _boto3_calls

    monkeypatch.setattr(_boto3_calls, "_MAX_SHAPES", 8)
    s3 = instrument_boto3(client("s3", aws))
    buckets = [f"bucket-{index}" for index in range(20)]
    with Stubber(s3) as stubber:
        for bucket in buckets:
            stubber.add_response("head_object", {"ContentLength": 1}, {"Bucket": bucket, "Key": "k"})
        for bucket in buckets:
            s3.head_object(Bucket=bucket, Key="k")
    hooks = [found for found in gc.get_objects() if isinstance(found, _boto3_calls.Hooks) and found._shapes]
    assert hooks and all(len(found._shapes) <= 8 for found in hooks)
    assert unsampled.total("botanu.storage.operations") == len(buckets)
    assert all(unsampled.total("botanu.storage.operations", **{"botanu.storage.bucket": bucket}) == 1
               for bucket in buckets)


def test_a_dropped_root_try_is_current_so_the_http_clients_spans_drop_with_it(unsampled: Telemetry,
                                                                             s3: tuple[Any, str]) -> None:
    from opentelemetry import trace

    s3, bucket = s3
    seen: list[bool] = []
    s3.meta.events.register("before-send.s3", lambda **_: seen.append(
        trace.get_current_span().get_span_context().is_valid))
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    assert seen == [True]  # the try's (dropped) span, not an empty context in which a new trace would start
    assert not trace.get_current_span().get_span_context().is_valid  # and nothing left current afterwards
    assert unsampled.total("botanu.storage.operations") == 1


def test_a_delete_batch_records_its_size_and_a_sampler_sees_the_key(aws: str) -> None:
    from opentelemetry.sdk.trace.sampling import Decision, Sampler, SamplingResult

    seen: list[object] = []

    class ReadsAttributes(Sampler):
        def should_sample(self, parent_context: Any, trace_id: int, name: str, kind: Any = None,
                          attributes: Any = None, links: Any = None, trace_state: Any = None) -> SamplingResult:
            seen.append((attributes or {}).get("aws.s3.key"))
            return SamplingResult(Decision.RECORD_AND_SAMPLE, attributes)

        def get_description(self) -> str:
            return "reads attributes"

    telemetry = install_telemetry(ReadsAttributes())
    try:
        s3 = instrument_boto3(client("s3", aws))
        bucket = unique("b")
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="a", Body=b"1")
        s3.put_object(Bucket=bucket, Key="b", Body=b"2")
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}]})
        assert "a" in seen and "b" in seen  # the object key is a start attribute
        sqs = instrument_boto3(client("sqs", aws))
        url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "1", "MessageBody": "x"}, {"Id": "2", "MessageBody": "y"}])
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, WaitTimeSeconds=1)["Messages"]
        sqs.delete_message_batch(QueueUrl=url, Entries=[{"Id": m["MessageId"], "ReceiptHandle": m["ReceiptHandle"]}
                                                        for m in got])
        settle = [span for span in telemetry.spans() if span.attributes.get("rpc.method") == "DeleteMessageBatch"]
        assert settle and settle[0].attributes["messaging.batch.message_count"] == len(got) == 2
    finally:
        reset_configuration()
