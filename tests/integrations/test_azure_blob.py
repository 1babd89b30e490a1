"""azure-storage-blob's real client against a real Blob service on loopback (Azurite, or
``BOTANU_TEST_AZURE_BLOB_URL`` as a connection string): every request try is a storage span, counters exact."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _services import _unavailable
from conftest import Telemetry, install_telemetry
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace import StatusCode

from botanu_data import use_case
from botanu_data.providers import reset_configuration

blob_module = pytest.importorskip("azure.storage.blob", reason="pip install -e '.[test]' (azure-storage-blob)")
from botanu_data.integrations.azure_blob import instrument_azure_blob, uninstrument_azure_blob  # noqa: E402

AZURE_ENV = "BOTANU_TEST_AZURE_BLOB_URL"
# Azurite's documented development account (a public, well-known key: not a secret)
DEV_ACCOUNT = "devstoreaccount1"
DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
REPO = Path(__file__).resolve().parents[2]


def _azurite_command() -> str | None:
    """``azurite-blob`` on PATH, else where ``.ci/run`` (and the README) install it: ``.cache/azurite``."""
    local = REPO / ".cache" / "azurite" / "node_modules" / ".bin" / "azurite-blob"
    return shutil.which("azurite-blob") or (str(local) if local.exists() else None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"azurite exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"azurite did not listen on {port} within {seconds}s")


@pytest.fixture(scope="module")
def azure_connection_string(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``BOTANU_TEST_AZURE_BLOB_URL``, else Azurite's blob service started here (node), else a testcontainers
    Azurite when Docker is reachable, else skip (a failure under BOTANU_TEST_REQUIRE_SERVICES=1)."""
    if url := os.environ.get(AZURE_ENV, "").strip():
        yield url
        return
    command = _azurite_command()
    if command is None:
        from _services import docker_available

        if docker_available():
            from testcontainers.azurite import AzuriteContainer

            with AzuriteContainer() as container:
                yield container.get_connection_string()
            return
        _unavailable(f"azure blob: {AZURE_ENV} is unset and azurite-blob is not installed "
                     "(npm install --prefix .cache/azurite azurite)")
    port = _free_port()
    workspace = tmp_path_factory.mktemp("azurite")
    process = subprocess.Popen(
        [command, "--blobHost", "127.0.0.1", "--blobPort", str(port), "--inMemoryPersistence", "--silent",
         "--skipApiVersionCheck", "--loose"],
        cwd=workspace, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # its debug files stay out of the repo
    )
    try:
        _wait_for(port, process)
        yield (f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={DEV_KEY};"
               f"BlobEndpoint=http://127.0.0.1:{port}/{DEV_ACCOUNT};")
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def container(azure_connection_string: str) -> Iterator[tuple[Any, str]]:
    """An instrumented service client and a fresh container (made before instrumenting, deleted after)."""
    service = blob_module.BlobServiceClient.from_connection_string(azure_connection_string)
    name = f"botanu-{uuid.uuid4().hex[:12]}"
    service.create_container(name)
    instrument_azure_blob(service)
    try:
        yield service, name
    finally:
        uninstrument_azure_blob(service)
        service.delete_container(name)


def _ops(otel: Telemetry) -> list[tuple[str, dict]]:
    return [(s.attributes["botanu.storage.operation"], dict(s.attributes)) for s in otel.spans()]


def test_put_get_head_list_copy_delete_map_to_seed_operations(otel: Telemetry, container: tuple[Any, str]) -> None:
    service, name = container
    client = service.get_container_client(name)
    client.upload_blob("dir/a.txt", b"hello world")
    assert client.download_blob("dir/a.txt").readall() == b"hello world"
    client.get_blob_client("dir/a.txt").get_blob_properties()
    assert [b.name for b in client.list_blobs()] == ["dir/a.txt"]
    source = client.get_blob_client("dir/a.txt").url
    client.get_blob_client("dir/b.txt").start_copy_from_url(source)
    client.delete_blob("dir/b.txt")

    ops = _ops(otel)
    assert [op for op, _ in ops] == ["PUT", "GET", "HEAD", "LIST", "COPY", "DELETE"]
    put, get, head, listing, copy, delete = (attrs for _, attrs in ops)
    for attrs in (put, get, head, listing, copy, delete):
        assert attrs["botanu.storage.system"] == "azure_blob" and attrs["botanu.vendor"] == "azure_blob"
        assert attrs["botanu.storage.bucket"] == name  # the container, not Azurite's account path segment
        assert attrs["cloud.provider"] == "azure"
        assert attrs["botanu.storage.request_id"]
    assert put["botanu.storage.key"] == "dir/a.txt"
    assert put["botanu.data.bytes_written"] == 11 and put["botanu.data.objects_count"] == 1
    assert get["botanu.data.bytes_read"] == 11
    assert listing["botanu.data.objects_count"] == 1
    assert copy["botanu.storage.key"] == "dir/b.txt"
    classes = [attrs["botanu.storage.request_class"] for _, attrs in ops]
    assert classes == ["write", "read", "other", "list", "write", "free"]


def test_block_upload_counts_every_block_once_and_the_blob_once(otel: Telemetry, container: tuple[Any, str]) -> None:
    service, name = container
    blob = service.get_blob_client(name, "big.bin")
    size = 3 * 1024 * 1024 + 5
    # small single-put and block sizes force a staged upload: Put Block x4, then Put Block List
    blob._config.max_single_put_size = 1024 * 1024
    blob._config.max_block_size = 1024 * 1024
    blob.upload_blob(io.BytesIO(b"b" * size), length=size, max_concurrency=1)
    staged = [attrs for op, attrs in _ops(otel) if op == "MULTIPART_UPLOAD"]
    assert len(staged) == 4 + 1
    assert sum(a.get("botanu.data.bytes_written", 0) for a in staged) == size
    assert sum(a.get("botanu.data.objects_count", 0) for a in staged) == 1
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == size


def test_counters_exact_at_zero_sampling(container: tuple[Any, str]) -> None:
    service, name = container
    telemetry = install_telemetry(ALWAYS_OFF)
    try:
        client = service.get_container_client(name)
        with use_case("Azure export"):
            for i in range(3):
                client.upload_blob(f"k{i}", b"y" * (500 + i))
            for i in range(3):
                client.download_blob(f"k{i}").readall()
        assert telemetry.spans() == []
        assert telemetry.total("botanu.storage.bytes", botanu__data__direction="written") == 1503
        assert telemetry.total("botanu.storage.bytes", botanu__data__direction="read") == 1503
        assert telemetry.total("botanu.storage.operations", botanu__storage__request_class="write") == 3
        assert telemetry.total("botanu.storage.operations", botanu__storage__request_class="read") == 3
        assert telemetry.total("botanu.storage.operations", botanu__workflow="Azure export") == 6
    finally:
        reset_configuration()


def test_missing_blob_records_the_service_error_code(otel: Telemetry, container: tuple[Any, str]) -> None:
    from azure.core.exceptions import ResourceNotFoundError

    service, name = container
    with pytest.raises(ResourceNotFoundError):
        service.get_blob_client(name, "missing").download_blob()
    (span,) = [s for s in otel.spans() if s.attributes["botanu.storage.operation"] == "GET"]
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["error.type"] == "BlobNotFound"
    assert otel.total("botanu.storage.operations", error__type="BlobNotFound") == 1


def test_clients_made_before_instrumenting_are_covered_and_uninstrument_restores(
    otel: Telemetry, azure_connection_string: str
) -> None:
    service = blob_module.BlobServiceClient.from_connection_string(azure_connection_string)
    name = f"botanu-{uuid.uuid4().hex[:12]}"
    early = service.get_container_client(name)  # made before instrument_azure_blob
    instrument_azure_blob(instrument_azure_blob(service))
    early.create_container()
    assert [s.attributes["botanu.storage.operation"] for s in otel.spans()] == ["CREATE_CONTAINER"]
    uninstrument_azure_blob(service)
    early.delete_container()
    assert len(otel.spans()) == 1


def test_not_a_client_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    assert instrument_azure_blob(object()) is not None
    assert "instrument_azure_blob" in caplog.text


def test_an_async_client_is_skipped_with_a_warning(otel: Telemetry, caplog: pytest.LogCaptureFixture) -> None:
    """The policy is synchronous: in an async pipeline it would see a coroutine, not the answer (a fault and a
    span timing nothing for every request). An async client is left as it is, with the warning. (No service
    needed: the client is never used.)"""
    from azure.core.pipeline.transport import AsyncioRequestsTransport
    from azure.storage.blob.aio import BlobServiceClient

    client = BlobServiceClient.from_connection_string(
        f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={DEV_KEY};"
        f"BlobEndpoint=http://127.0.0.1:9/{DEV_ACCOUNT};", transport=AsyncioRequestsTransport())
    before = list(client._pipeline._impl_policies)
    assert instrument_azure_blob(client) is client
    assert client._pipeline._impl_policies == before
    assert "not a synchronous azure-storage-blob client" in caplog.text


def test_a_retried_request_is_one_billed_request_per_try(otel: Telemetry, azure_connection_string: str) -> None:
    from _flaky_proxy import flaky_proxy

    endpoint = next(p.split("=", 1)[1] for p in azure_connection_string.split(";") if p.startswith("BlobEndpoint="))
    origin = "/".join(endpoint.split("/")[:3])
    with flaky_proxy(origin) as (proxy_url, proxy):
        through = azure_connection_string.replace(origin, proxy_url)
        service = blob_module.BlobServiceClient.from_connection_string(through, retry_total=3, retry_backoff_factor=0)
        name = f"botanu-{uuid.uuid4().hex[:12]}"
        service.create_container(name)
        instrument_azure_blob(service)
        try:
            proxy.fail_next(1, lambda method, path: method == "PUT")
            service.get_blob_client(name, "r.txt").upload_blob(b"retried")
        finally:
            uninstrument_azure_blob(service)
            service.delete_container(name)
    assert proxy.failed == 1
    puts = [s for s in otel.spans() if s.attributes["botanu.storage.operation"] == "PUT"]
    assert [s.attributes.get("error.type") for s in puts] == ["503", None]  # the proxy's bare 503 has no code
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="write") == 2  # both billed
    assert otel.total("botanu.storage.objects") == 1  # one blob written


def test_streaming_upload_of_unknown_length_counts_its_bytes(otel: Telemetry, container: tuple[Any, str]) -> None:
    service, name = container
    chunks = [b"s" * 100_000 for _ in range(7)]
    service.get_blob_client(name, "stream.bin").upload_blob(iter(chunks))  # a generator: no length known ahead
    assert otel.total("botanu.storage.bytes", botanu__data__direction="written") == 700_000
    assert otel.total("botanu.storage.objects") == 1


def _chunked_download(azure_connection_string: str, name: str, concurrency: int) -> list[str | None]:
    """Download a 3 MiB + 7 blob through a client whose first GET and chunks are 1 MiB (1 + 3 ranged GETs)
    under use case "Azure chunks"; gives the range header of each GET as the SDK's own hook saw it sent."""
    asked: list[str | None] = []

    def ranges(pipeline_request: Any) -> None:
        http = pipeline_request.http_request
        if http.method == "GET":
            assert http.headers.get("Range") is None  # the SDK names its range x-ms-range only
            asked.append(http.headers.get("x-ms-range"))

    small = blob_module.BlobServiceClient.from_connection_string(
        azure_connection_string, max_single_get_size=MIB, max_chunk_get_size=MIB, raw_request_hook=ranges)
    data = os.urandom(CHUNKED_SIZE)
    small.get_blob_client(name, "chunked.bin").upload_blob(data, overwrite=True)
    asked.clear()
    instrument_azure_blob(small)
    try:
        with use_case("Azure chunks"):
            downloaded = small.get_blob_client(name, "chunked.bin").download_blob(max_concurrency=concurrency)
            assert downloaded.readall() == data
    finally:
        uninstrument_azure_blob(small)
    return asked


MIB = 1024 * 1024
CHUNKED_SIZE = 3 * MIB + 7


def _assert_one_blob_read_in_four_ranges(otel: Telemetry, asked: list[str | None]) -> None:
    assert sorted(asked) == [f"bytes={at}-{min(at + MIB, CHUNKED_SIZE) - 1}" for at in range(0, CHUNKED_SIZE, MIB)]
    gets = [dict(s.attributes) for s in otel.spans() if s.attributes.get("botanu.storage.operation") == "GET"]
    assert len(gets) == 4
    assert sum(a["botanu.data.bytes_read"] for a in gets) == CHUNKED_SIZE
    # one blob, by its first range: the SDK's first GET (bytes=0-), answered before any chunk is asked for
    assert [a.get("botanu.data.objects_count", 0) for a in gets] == [1, 0, 0, 0]
    assert gets[0]["botanu.data.bytes_read"] == MIB
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read") == CHUNKED_SIZE
    assert otel.total("botanu.storage.objects") == 1
    assert otel.total("botanu.storage.operations", botanu__storage__request_class="read") == 4


def test_a_download_in_chunks_counts_every_byte_and_the_blob_once(
    otel: Telemetry, container: tuple[Any, str], azure_connection_string: str
) -> None:
    _, name = container
    _assert_one_blob_read_in_four_ranges(otel, _chunked_download(azure_connection_string, name, concurrency=1))
    run = {"botanu__workflow": "Azure chunks"}  # one thread: every chunk under the caller's run
    assert otel.total("botanu.storage.bytes", botanu__data__direction="read", **run) == CHUNKED_SIZE
    assert otel.total("botanu.storage.objects", **run) == 1


@pytest.mark.parametrize("azure_tracing", [False, True])
def test_a_parallel_download_counts_exactly_and_carries_the_run_when_azure_core_tracing_is_on(
    otel: Telemetry, container: tuple[Any, str], azure_connection_string: str, azure_tracing: bool
) -> None:
    """max_concurrency > 1: the SDK reads the chunks after the first in its worker threads, handing them the
    caller's context only through azure-core's tracing (``with_current_context``); the counts are exact either
    way, the run is carried only with azure-core's tracing on (README)."""
    from azure.core.settings import settings

    _, name = container
    settings.tracing_enabled = azure_tracing
    try:
        asked = _chunked_download(azure_connection_string, name, concurrency=3)
    finally:
        settings.tracing_enabled = None  # back to its default (off unless an implementation is set)
    _assert_one_blob_read_in_four_ranges(otel, asked)
    run = {"botanu__workflow": "Azure chunks"}
    under_run = otel.total("botanu.storage.bytes", botanu__data__direction="read", **run)
    assert under_run == (CHUNKED_SIZE if azure_tracing else MIB)  # without it, the first range only
    assert otel.total("botanu.storage.operations", **run) == (4 if azure_tracing else 1)


def test_the_readme_snippet_runs_as_written(otel: Telemetry, azure_connection_string: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from _support import run_readme_snippet

    monkeypatch.setenv("AZURE_STORAGE_CONNECTION_STRING", azure_connection_string)
    plain = blob_module.BlobServiceClient.from_connection_string(azure_connection_string)
    plain.create_container("exports")  # "a container of yours"
    try:
        run_readme_snippet("from_connection_string(conn)")
    finally:
        plain.delete_container("exports")
    ops = _ops(otel)
    assert [op for op, _ in ops] == ["PUT", "GET"]
    (_, put), (_, get) = ops
    for attrs in (put, get):
        assert attrs["botanu.storage.bucket"] == "exports" and attrs["botanu.storage.key"] == "a.json"
        assert attrs["botanu.data.objects_count"] == 1
    assert put["botanu.data.bytes_written"] == 11 and put["botanu.storage.request_class"] == "write"
    assert get["botanu.data.bytes_read"] == 11 and get["botanu.storage.request_class"] == "read"
