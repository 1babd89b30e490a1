"""Issue 14, part 1, with Celery's prefork pool: a real worker (Redis as broker and result backend) forks two
pool processes from a parent that already ran five INSERTs. Each pool process must report only the INSERTs its
own tasks ran, whether the providers came from the parent (inherited) or were set in ``worker_process_init``
(OpenTelemetry's guidance, the README's recipe). The app is tests/apps/forking_celery.py.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _forked_workers import PROVIDER_MODES, app_env, assert_each_process_counted_only_its_own, running

pytest.importorskip("celery", reason="celery (in the test extra) is not installed")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the prefork pool forks: POSIX only")

from celery import Celery  # noqa: E402

TASKS = 8


@pytest.fixture(params=PROVIDER_MODES)
def worker(request: pytest.FixtureRequest, tmp_path: Path, redis_url: str) -> Iterator[tuple[str, Celery, Any]]:
    queue = f"botanu-fork-{uuid.uuid4().hex}"
    env = app_env(tmp_path / "app.db", request.param, BOTANU_TEST_CELERY_BROKER=redis_url,
                  BOTANU_TEST_CELERY_QUEUE=queue)
    log = tmp_path / "celery.log"
    command = ["celery", "-A", "forking_celery", "worker", "--pool=prefork", "--concurrency=2", "-Q", queue,
               "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"]
    client = Celery("client", broker=redis_url, backend=redis_url)
    try:
        with running(command, env, log) as process:  # SIGTERM: Celery's warm shutdown
            yield request.param, client, (queue, process, log)
    finally:
        client.close()


def test_each_prefork_pool_process_reports_only_its_own_operations(worker: tuple[str, Celery, Any]) -> None:
    providers, client, (queue, process, log) = worker
    answers = []
    for number in range(TASKS):
        result = client.send_task("forking_celery.insert_and_count", queue=queue)
        try:  # the first waits for the worker to start
            answers.append(result.get(timeout=90 if number == 0 else 30))
        except Exception as error:
            pytest.fail(f"task {number} failed or timed out ({error!r}); worker log:\n{log.read_text()}")
    assert_each_process_counted_only_its_own(answers, providers, process.pid)
