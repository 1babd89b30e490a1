"""Issue 14, part 1, as a user meets it: a real gunicorn with ``preload_app`` forks two workers from a master that
already ran five INSERTs. Each worker must report only the INSERTs it ran itself, never the master's again,
whether the providers came from the master (inherited) or were set in ``post_fork`` (OpenTelemetry's guidance,
the README's recipe). The app is tests/apps/forking_wsgi.py, its settings tests/apps/gunicorn_conf.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("gunicorn", reason="gunicorn (in the test extra) is not installed")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="gunicorn forks: POSIX only")

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
REQUESTS = 8
PRELOAD_INSERTS = 5  # forking_wsgi.PRELOAD_INSERTS


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


@pytest.fixture(params=["master", "worker"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, subprocess.Popen[bytes]]]:
    # a unix socket path must stay short (~100 bytes): a fresh directory under /tmp, not pytest's deep tmp_path
    sock_dir = Path(os.environ.get("TMPDIR", "/tmp")) / f"bd-{os.getpid()}-{request.param}"
    sock_dir.mkdir(exist_ok=True)
    sock_path = str(sock_dir / "g.sock")
    env = dict(os.environ)
    env.update({
        "BOTANU_TEST_APP_DB": str(tmp_path / "app.db"),
        "BOTANU_TEST_APP_PROVIDERS": request.param,
        "BOTANU_TEST_APP_BIND": f"unix:{sock_path}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(APPS), str(ROOT), env.get("PYTHONPATH")])),
    })
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(APPS / "gunicorn_conf.py"), "forking_wsgi:app"],
        cwd=APPS, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(sock_path):
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"gunicorn did not start:\n{(tmp_path / 'gunicorn.log').read_text()}")
            time.sleep(0.05)
        yield request.param, sock_path, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(sock_dir, ignore_errors=True)


def test_each_gunicorn_worker_reports_only_its_own_operations(
    server: tuple[str, str, subprocess.Popen[bytes]],
) -> None:
    providers, sock_path, process = server
    served: dict[int, int] = {}
    answers = []
    for _ in range(REQUESTS):
        answer = _get(sock_path)
        pid = int(answer["pid"])
        served[pid] = served.get(pid, 0) + 1
        answers.append((pid, served[pid], answer["inserts"]))
        # the master counted its preload INSERTs only when it had providers of its own
        assert answer["master_counted"] == (PRELOAD_INSERTS if providers == "master" else 0)
    assert process.pid not in served  # the master serves nothing itself
    # the k-th request a worker served: its reader has seen k INSERTs, its own, not the master's five before them
    assert [(pid, k, inserts) for pid, k, inserts in answers] == [(pid, k, k) for pid, k, _ in answers]
