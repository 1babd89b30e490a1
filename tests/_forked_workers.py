"""What tests/test_gunicorn_fork.py and tests/test_celery_fork.py share: the environment of the forking apps in
tests/apps, and the check that each forked process reports only the operations it ran itself."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
PRELOAD_INSERTS = 5  # forking_wsgi.PRELOAD_INSERTS: what the parent ran before forking
PROVIDER_MODES = ["master", "worker"]  # providers set in the parent, or in each forked process


def app_env(database: Path, providers: str, **extra: str) -> dict[str, str]:
    """The environment for a server or worker running an app of tests/apps."""
    env = dict(os.environ)
    env.update({
        "BOTANU_TEST_APP_DB": str(database),
        "BOTANU_TEST_APP_PROVIDERS": providers,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(APPS), str(ROOT), env.get("PYTHONPATH")])),
        **extra,
    })
    return env


@contextlib.contextmanager
def running(module_args: Sequence[str], env: Mapping[str, str], log: Path,
            cwd: Path = APPS) -> Iterator[subprocess.Popen[bytes]]:
    """``python -m <module_args>`` in ``cwd`` (tests/apps), its output in ``log``; stopped with SIGTERM (a
    server's or worker's graceful shutdown), killed if that takes over 30 s."""
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", *module_args], cwd=cwd, env=dict(env), stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def assert_each_process_counted_only_its_own(
    answers: Iterable[Mapping[str, float]], providers: str, parent_pid: int
) -> None:
    """``answers``, in the order they were served: the process's pid, the INSERT operations its own reader saw
    and what the parent counted before the fork. The k-th answer of one process must say k: its own INSERTs,
    not the parent's five before them."""
    served: dict[int, int] = {}
    seen = []
    for answer in answers:
        # the parent counted its INSERTs only when it had providers of its own
        assert answer["master_counted"] == (PRELOAD_INSERTS if providers == "master" else 0)
        pid = int(answer["pid"])
        served[pid] = served.get(pid, 0) + 1
        seen.append((pid, served[pid], answer["inserts"]))
    assert seen and parent_pid not in served  # the forked processes did the work, not the parent
    assert seen == [(pid, k, k) for pid, k, _ in seen]
