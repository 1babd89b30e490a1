"""Issue 14, part 1, with Celery's prefork pool: a real worker (Redis as broker and result backend) forks two
pool processes from a parent that already ran five INSERTs. Each pool process must report only the INSERTs its
own tasks ran, whether the providers came from the parent (inherited) or were set in ``worker_process_init``
(OpenTelemetry's guidance, the README's recipe). The app is tests/apps/forking_celery.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("celery", reason="celery (in the test extra) is not installed")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the prefork pool forks: POSIX only")

from celery import Celery  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
TASKS = 8
PRELOAD_INSERTS = 5  # forking_wsgi.PRELOAD_INSERTS


@pytest.fixture(params=["master", "worker"])
def worker(request: pytest.FixtureRequest, tmp_path: Path, redis_url: str) -> Iterator[tuple[str, Celery, Any]]:
    queue = f"botanu-fork-{uuid.uuid4().hex}"
    env = dict(os.environ)
    env.update({
        "BOTANU_TEST_APP_DB": str(tmp_path / "app.db"),
        "BOTANU_TEST_APP_PROVIDERS": request.param,
        "BOTANU_TEST_CELERY_BROKER": redis_url,
        "BOTANU_TEST_CELERY_QUEUE": queue,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(APPS), str(ROOT), env.get("PYTHONPATH")])),
    })
    log = (tmp_path / "celery.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "forking_celery", "worker", "--pool=prefork", "--concurrency=2",
         "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=APPS, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    client = Celery("client", broker=redis_url, backend=redis_url)
    try:
        yield request.param, client, (queue, process, tmp_path / "celery.log")
    finally:
        process.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        client.close()


def test_each_prefork_pool_process_reports_only_its_own_operations(worker: tuple[str, Celery, Any]) -> None:
    providers, client, (queue, process, log) = worker
    served: dict[int, int] = {}
    answers = []
    for number in range(TASKS):
        result = client.send_task("forking_celery.insert_and_count", queue=queue)
        try:  # the first waits for the worker to start
            answer = result.get(timeout=90 if number == 0 else 30)
        except Exception as error:
            pytest.fail(f"task {number} failed or timed out ({error!r}); worker log:\n{log.read_text()}")
        pid = int(answer["pid"])
        served[pid] = served.get(pid, 0) + 1
        answers.append((pid, served[pid], answer["inserts"]))
        assert answer["master_counted"] == (PRELOAD_INSERTS if providers == "master" else 0)
    assert process.pid not in served  # the tasks ran in the pool's forked processes
    # the k-th task a pool process ran: its reader has seen k INSERTs, its own, not the parent's five before them
    assert [(pid, k, inserts) for pid, k, inserts in answers] == [(pid, k, k) for pid, k, _ in answers]
