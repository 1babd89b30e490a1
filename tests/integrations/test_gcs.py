"""google-cloud-storage's real client against a real GCS JSON API server on loopback (gcp-storage-emulator, or
``BOTANU_TEST_GCS_URL``): every request is a storage span, and the counters equal what was moved."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from _services import _unavailable
from conftest import Telemetry, install_telemetry
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import StatusCode

from botanu_data import use_case
from botanu_data.providers import reset_configuration

storage = pytest.importorskip("google.cloud.storage", reason="pip install -e '.[test]' (google-cloud-storage)")
from botanu_data.integrations.gcs import instrument_gcs, uninstrument_gcs  # noqa: E402

GCS_ENV = "BOTANU_TEST_GCS_URL"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gcs_endpoint() -> Iterator[str]:
    """``BOTANU_TEST_GCS_URL``, else gcp-storage-emulator's HTTP server in this process, on a free port."""
    if url := os.environ.get(GCS_ENV, "").strip():
        yield url
        return
    try:
        from gcp_storage_emulator.server import create_server
    except ImportError as exc:
        _unavailable(f"gcs: {GCS_ENV} is unset and gcp-storage-emulator is not importable ({exc})")
    port = _free_port()
    server = create_server("127.0.0.1", port, in_memory=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def _client(endpoint: str) -> Any:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials

    return storage.Client(project="botanu-test", credentials=AnonymousCredentials(),
                          client_options=ClientOptions(api_endpoint=endpoint))


@pytest.fixture
def gcs(gcs_endpoint: str) -> Iterator[tuple[Any, str]]:
    """An instrumented client and a fresh bucket (made before instrumenting, deleted after)."""
    client = _client(gcs_endpoint)
    name = f"botanu-test-{uuid.uuid4().hex[:12]}"
    bucket = client.create_bucket(name)
    instrument_gcs(client)
    try:
        yield client, name
    finally:
        uninstrument_gcs(client)
        for blob in client.list_blobs(name):
            blob.delete()
        bucket.delete()


def _ops(otel: Telemetry) -> list[tuple[str, dict]]:
    return [(s.attributes["botanu.storage.operation"], dict(s.attributes)) for s in otel.spans()]


def test_put_get_head_list_copy_delete_map_to_seed_operations(otel: Telemetry, gcs: tuple[Any, str]) -> None:
    client, name = gcs
    bucket = client.bucket(name)
    blob = bucket.blob("dir/a.txt")
    blob.upload_from_string(b"hello world")
    assert blob.download_as_bytes() == b"hello world"
    blob.reload()
    assert sorted(b.name for b in client.list_blobs(name)) == ["dir/a.txt"]
    bucket.copy_blob(blob, bucket, "dir/b.txt")
    bucket.blob("dir/b.txt").delete()

    ops = _ops(otel)
    assert [op for op, _ in ops] == ["PUT", "GET", "HEAD", "LIST", "COPY", "DELETE"]
    put, get, head, listing, copy, delete = (attrs for _, attrs in ops)
    for attrs in (put, get, head, listing, copy, delete):
        assert attrs["botanu.storage.system"] == "gcs" and attrs["botanu.vendor"] == "gcs"
        assert attrs["botanu.storage.bucket"] == name
        assert attrs["cloud.provider"] == "gcp"
    assert put["botanu.storage.key"] == "dir/a.txt"
    assert put["botanu.data.bytes_written"] == 11  # the object, not the multipart envelope around it
    assert put["botanu.data.objects_count"] == 1
    assert get["botanu.data.bytes_read"] == 11
    assert listing["botanu.data.objects_count"] == 1 and "botanu.storage.key" not in listing
    assert copy["botanu.storage.key"] == "dir/a.txt"
    assert delete["botanu.storage.key"] == "dir/b.txt"
    classes = [attrs["botanu.storage.request_class"] for _, attrs in ops]
    assert classes == ["class_a", "class_b", "class_b", "class_a", "class_a", "free"]


def test_counters_exact_at_zero_sampling_with_requests_per_class(gcs: tuple[Any, str]) -> None:
    client, name = gcs
    telemetry = install_telemetry(ALWAYS_OFF)
    try:
        with use_case("GCS export"):
            for i in range(3):
                client.bucket(name).blob(f"k{i}").upload_from_string(b"x" * (1000 + i))
            for i in range(3):
                client.bucket(name).blob(f"k{i}").download_as_bytes()
        assert telemetry.spans() == []
        assert telemetry.total("botanu.storage.bytes", botanu__data__direction="written") == 3003
        assert telemetry.total("botanu.storage.bytes", botanu__data__direction="read") == 3003
        assert telemetry.total("botanu.storage.objects") == 6
        assert telemetry.total("botanu.storage.operations", botanu__storage__request_class="class_a") == 3
        assert telemetry.total("botanu.storage.operations", botanu__storage__request_class="class_b") == 3
        assert telemetry.total("botanu.storage.operations", botanu__workflow="GCS export") == 6
    finally:
        reset_configuration()


def test_resumable_upload_counts_every_chunk_once(otel: Telemetry, gcs: tuple[Any, str]) -> None:
    client, name = gcs
    size = 9 * 1024 * 1024  # over the client's 8 MiB multipart limit: a resumable session in 256 KiB chunks
    blob = client.bucket(name).blob("big.bin", chunk_size=4 * 1024 * 1024)
    blob.upload_from_file(io.BytesIO(b"z" * size), size=size)
    chunked = [attrs for op, attrs in _ops(otel) if op == "MULTIPART_UPLOAD"]
    assert len(chunked) == 1 + 3  # the session's start, then 4 + 4 + 1 MiB
    assert sum(a.get("botanu.data.bytes_written", 0) for a in chunked) == size
    assert sum(a.get("botanu.data.objects_count", 0) for a in chunked) == 1  # done once, by the last chunk
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == size


def test_ranged_download_counts_bytes_exactly(otel: Telemetry, gcs: tuple[Any, str]) -> None:
    client, name = gcs
    client.bucket(name).blob("r.bin").upload_from_string(b"r" * 600_000)
    blob = client.bucket(name).blob("r.bin", chunk_size=256 * 1024)
    out = io.BytesIO()
    blob.download_to_file(out)
    assert len(out.getvalue()) == 600_000
    gets = [attrs for op, attrs in _ops(otel) if op == "GET"]
    assert len(gets) >= 2  # chunked: several ranged requests, each its own span
    assert sum(a["botanu.data.bytes_read"] for a in gets) == 600_000
    # one object, counted by its first range only
    assert [a.get("botanu.data.objects_count", 0) for a in gets] == [1] + [0] * (len(gets) - 1)
    assert otel.total("botanu.storage.objects") == 2  # the upload's object and the download's


def test_missing_object_error_is_recorded_and_the_client_raises_as_before(otel: Telemetry,
                                                                         gcs: tuple[Any, str]) -> None:
    from google.api_core.exceptions import NotFound

    client, name = gcs
    with pytest.raises(NotFound):
        client.bucket(name).blob("missing").download_as_bytes()
    (span,) = [s for s in otel.spans() if s.attributes["botanu.storage.operation"] == "GET"]
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] in ("notFound", "404")
    assert otel.total("botanu.storage.operations", error__type=span.attributes["error.type"]) == 1


def test_unreachable_server_raises_the_transport_error_unchanged(otel: Telemetry) -> None:
    import requests

    client = instrument_gcs(_client(f"http://127.0.0.1:{_free_port()}"))
    client._http.adapters  # noqa: B018 - the session exists
    with pytest.raises(requests.exceptions.ConnectionError):
        client._http.request("GET", f"{client.api_endpoint}/storage/v1/b/x/o/y?alt=media", timeout=2)
    (span,) = otel.spans()
    assert span.attributes["error.type"] == "requests.exceptions.ConnectionError"


def test_instrument_twice_and_uninstrument(otel: Telemetry, gcs_endpoint: str) -> None:
    client = _client(gcs_endpoint)
    name = f"botanu-test-{uuid.uuid4().hex[:12]}"
    instrument_gcs(instrument_gcs(client))
    bucket = client.create_bucket(name)
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(bucket.delete)
        assert len(otel.spans()) == 1  # one span per request however often instrumented
        assert otel.spans()[0].attributes["botanu.storage.operation"] == "CREATE_BUCKET"
        uninstrument_gcs(client)
        list(client.list_blobs(name))
        assert len(otel.spans()) == 1


def test_not_a_client_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    assert instrument_gcs(object()) is not None
    assert "instrument_gcs" in caplog.text


def test_a_retried_request_is_one_billed_request_per_try(otel: Telemetry, gcs_endpoint: str) -> None:
    from _flaky_proxy import flaky_proxy

    with flaky_proxy(gcs_endpoint) as (proxy_url, proxy):
        client = _client(gcs_endpoint)
        name = f"botanu-test-{uuid.uuid4().hex[:12]}"
        bucket = client.create_bucket(name)
        bucket.blob("r.txt").upload_from_string(b"retried")
        through = instrument_gcs(_client(proxy_url))
        try:
            proxy.fail_next(1, lambda method, path: "alt=media" in path)
            assert through.bucket(name).blob("r.txt").download_as_bytes() == b"retried"  # retried by the client
        finally:
            bucket.blob("r.txt").delete()
            bucket.delete()
    assert proxy.failed == 1
    gets = [s for s in otel.spans() if s.attributes["botanu.storage.operation"] == "GET"]
    assert [s.attributes.get("error.type") for s in gets] == ["503", None]
    both_billed = otel.total("botanu.storage.operations", botanu__storage__operation="GET",
                             botanu__storage__request_class="class_b")
    assert both_billed == 2
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read") == 7  # bytes once


def test_streaming_upload_of_unknown_length_counts_its_bytes(otel: Telemetry, gcs: tuple[Any, str]) -> None:
    client, name = gcs
    size = 600_000
    blob = client.bucket(name).blob("stream.bin", chunk_size=256 * 1024)
    blob.upload_from_file(io.BytesIO(b"s" * size))  # no size given: a resumable session, chunk by chunk
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == size
    assert otel.total("botanu.storage.objects") == 1


def test_the_readme_snippet_runs_as_written(otel: Telemetry, gcs_endpoint: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from _support import run_readme_snippet

    monkeypatch.setenv("STORAGE_EMULATOR_HOST", gcs_endpoint)  # google-cloud-storage's own switch to a local server
    plain = _client(gcs_endpoint)
    bucket = plain.create_bucket("exports")  # "a bucket of yours"
    try:
        names = run_readme_snippet("instrument_gcs(storage.Client())")
        assert names["gcs"].api_endpoint == gcs_endpoint
    finally:
        for blob in plain.list_blobs("exports"):
            blob.delete()
        bucket.delete()
    spans = {op: attrs for op, attrs in _ops(otel) if op in ("PUT", "GET")}  # (and the client's own lookups)
    for op, direction, request_class in (("PUT", "written", "class_a"), ("GET", "read", "class_b")):
        attrs = spans[op]
        assert attrs["botanu.storage.bucket"] == "exports" and attrs["botanu.storage.key"] == "a.json"
        assert attrs[f"botanu.data.bytes_{direction}"] == 11 and attrs["botanu.data.objects_count"] == 1
        assert attrs["botanu.storage.request_class"] == request_class
