"""Issue 14, part 1, as a user meets it: a real gunicorn with ``preload_app`` forks two workers from a master that
already ran five INSERTs. Each worker must report only the INSERTs it ran itself, never the master's again,
whether the providers came from the master (inherited) or were set in ``post_fork`` (OpenTelemetry's guidance,
the README's recipe). The app is tests/apps/forking_wsgi.py, its settings tests/apps/gunicorn_conf.py.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from _forked_workers import APPS, PROVIDER_MODES, app_env, assert_each_process_counted_only_its_own, running

pytest.importorskip("gunicorn", reason="gunicorn (in the test extra) is not installed")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn forks: POSIX only")

REQUESTS = 8


def _get(sock_path: str) -> dict[str, float]:
    """One HTTP/1.0 GET over the server's unix socket (no port to pick, none to collide)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(20)
        client.connect(sock_path)
        client.sendall(b"GET / HTTP/1.0\r\nHost: test\r\n\r\n")
        response = b""
        while chunk := client.recv(65536):
            response += chunk
    head, _, body = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"), response[:300]
    return json.loads(body)


@pytest.fixture(params=PROVIDER_MODES)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, subprocess.Popen[bytes]]]:
    # a unix socket path must stay short (~100 bytes): a fresh directory under /tmp, not pytest's deep tmp_path
    sock_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"bd-{os.getpid()}-{request.param}"
    sock_dir.mkdir(exist_ok=True)
    sock_path = str(sock_dir / "g.sock")
    env = app_env(tmp_path / "app.db", request.param, BOTANU_TEST_APP_BIND=f"unix:{sock_path}")
    log = tmp_path / "gunicorn.log"
    try:
        with running(["gunicorn", "-c", str(APPS / "gunicorn_conf.py"), "forking_wsgi:app"], env, log) as process:
            deadline = time.monotonic() + 60
            while not os.path.exists(sock_path):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.05)
            yield request.param, sock_path, process
    finally:
        shutil.rmtree(sock_dir, ignore_errors=True)


def test_each_gunicorn_worker_reports_only_its_own_operations(
    server: tuple[str, str, subprocess.Popen[bytes]],
) -> None:
    providers, sock_path, process = server
    answers = [_get(sock_path) for _ in range(REQUESTS)]
    assert_each_process_counted_only_its_own(answers, providers, process.pid)
