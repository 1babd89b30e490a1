"""A Celery app whose prefork pool forks its worker processes from a parent that already ran five INSERTs; see
tests/test_celery_fork.py.

``BOTANU_TEST_APP_DB``: the SQLite file; ``BOTANU_TEST_CELERY_BROKER``: the Redis URL; ``BOTANU_TEST_CELERY_QUEUE``:
a queue of this test run only. ``BOTANU_TEST_APP_PROVIDERS``: ``master`` sets the global providers when the app is
imported (the parent counts its INSERTs and the pool processes inherit its providers); ``worker`` sets them in
``worker_process_init`` (OpenTelemetry's guidance, the README's recipe).
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_process_init

# importing it makes the engine and, with BOTANU_TEST_APP_PROVIDERS=master, the providers, and runs five INSERTs
from forking_wsgi import MASTER_COUNTED, engine, insert_one, inserts_counted, start_telemetry

broker = os.environ["BOTANU_TEST_CELERY_BROKER"]
app = Celery("forking_celery", broker=broker, backend=broker)
app.conf.task_default_queue = os.environ["BOTANU_TEST_CELERY_QUEUE"]
app.conf.worker_prefetch_multiplier = 1
app.conf.result_expires = 300


@worker_process_init.connect(weak=False)
def init_worker_process(**kwargs: object) -> None:
    engine.dispose(close=False)  # SQLAlchemy's advice: a forked process opens its own connections
    if os.environ["BOTANU_TEST_APP_PROVIDERS"] == "worker":
        start_telemetry()


@app.task
def insert_and_count() -> dict[str, float]:
    insert_one()
    return {"pid": os.getpid(), "inserts": inserts_counted(), "master_counted": MASTER_COUNTED}
