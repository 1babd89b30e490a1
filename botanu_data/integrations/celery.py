"""Celery through its signals: ``instrument_celery(app)``.

- ``before_task_publish``/``after_task_publish``: a PRODUCER ``publish <task name>`` span around sending the
  task; the context and the run's baggage go into the task's message headers. Its bytes are the body as
  serialized with the task's serializer (Celery's signal gives the body before serialization).
- ``task_prerun``/``task_postrun``: a CONSUMER ``consume <task name>`` span around the task's execution, the
  publisher's child and linked to it; the publisher's baggage is current while the task runs, so its database
  and storage cost counts under the workflow that queued it. ``task_failure`` ends it with the exception,
  ``task_retry`` notes the retry (``botanu.messaging.retry_reason``: the type of the exception that caused it).

Celery's signals are process-wide, so the handlers are connected once per process whatever the app (the
app's ``task_serializer`` sizes tasks that are not its own). Connect before the worker forks (import the
module that calls ``instrument_celery`` in the worker's app module) and the prefork pool's children inherit
them; the thread pool shares them. Eager tasks (``task_always_eager``, ``apply()``) publish nothing and run
in the caller's context.
"""

from __future__ import annotations

import threading
from threading import get_ident
from typing import Any

from celery import signals
from kombu.serialization import dumps

from ..message_path import Operation, end_publish, start_publish
from ..messaging import MessagingTracker, context_header_names
from ..spans import report_fault

SYSTEM = "celery"
_UID = "botanu_data.celery"
_lock = threading.Lock()
_apps: list[Any] = []
# open operations between two signals, by (task id, thread), sends and executions apart: a task that
# re-publishes itself (a retry) while it runs must not end its own execution span, and the retried execution
# may start in another pool thread before the first one's postrun. Each pair of signals comes on one thread.
_open: dict[tuple[str, int], MessagingTracker] = {}  # executions
_sending: dict[tuple[str, int], tuple[Operation, int]] = {}  # sends, with their bytes


def instrument_celery(app: Any = None) -> None:
    """Track task publishing and execution in this process. A second call changes nothing."""
    with _lock:
        if app is not None and all(known is not app for known in _apps):
            _apps.append(app)
        signals.before_task_publish.connect(_before_publish, weak=False, dispatch_uid=_UID)
        signals.after_task_publish.connect(_after_publish, weak=False, dispatch_uid=_UID)
        signals.task_prerun.connect(_prerun, weak=False, dispatch_uid=_UID)
        signals.task_postrun.connect(_postrun, weak=False, dispatch_uid=_UID)
        signals.task_failure.connect(_failure, weak=False, dispatch_uid=_UID)
        signals.task_retry.connect(_retry, weak=False, dispatch_uid=_UID)


def uninstrument_celery() -> None:
    """Disconnect the handlers; operations already open are ended by their own signals no more."""
    with _lock:
        for signal in (signals.before_task_publish, signals.after_task_publish, signals.task_prerun,
                       signals.task_postrun, signals.task_failure, signals.task_retry):
            signal.disconnect(dispatch_uid=_UID)
        _apps.clear()
        _open.clear()
        _sending.clear()


def _serialized_size(task_name: str, body: Any) -> int:
    serializer = None
    for app in _apps:
        task = app.tasks.get(task_name)
        serializer = getattr(task, "serializer", None) or app.conf.task_serializer
        if task is not None:
            break
    _, _, payload = dumps(body, serializer=serializer or "json")
    return len(payload)


def _before_publish(sender: Any = None, body: Any = None, headers: Any = None, **_: Any) -> None:
    try:
        if not isinstance(headers, dict) or "id" not in headers:  # protocol 1 keeps no headers to carry context
            return
        name = str(headers.get("task") or sender)
        size = _serialized_size(name, body)
        operation = start_publish(SYSTEM, name, headers, size, {"message_id": headers["id"]})  # context in headers
        # after_task_publish does not come when sending fails: the span is not left current meanwhile
        operation.leave_current()
        _sending[(headers["id"], get_ident())] = (operation, size)
    except Exception:
        report_fault("celery before_task_publish")


def _after_publish(headers: Any = None, **_: Any) -> None:
    try:
        sending = _sending.pop((headers.get("id") if isinstance(headers, dict) else None, get_ident()), None)
        if sending is not None:
            end_publish(*sending)
    except Exception:
        report_fault("celery end")


def _end(task_id: Any) -> None:
    try:
        tracker = _open.pop((task_id, get_ident()), None)
        if tracker is not None:
            tracker.end()
    except Exception:
        report_fault("celery end")


def _prerun(task_id: Any = None, task: Any = None, **_: Any) -> None:
    try:
        request = task.request
        carrier = {}
        for key in context_header_names():
            value = getattr(request, key, None) if isinstance(key, str) else None
            if value is not None:
                carrier[key] = value
        tracker = MessagingTracker.for_message(SYSTEM, "consume", task.name, carrier or None)
        tracker.set_message(message_id=task_id)
        # current until postrun: the task's own work counts under the producer's run
        _open[(task_id, get_ident())] = tracker.start()
    except Exception:
        report_fault("celery task_prerun")


def _postrun(task_id: Any = None, **_: Any) -> None:
    _end(task_id)


def _failure(task_id: Any = None, exception: Any = None, **_: Any) -> None:
    tracker = _open.get((task_id, get_ident()))
    if tracker is not None and isinstance(exception, BaseException):
        tracker.set_error(exception)


def _retry(request: Any = None, reason: Any = None, **_: Any) -> None:
    tracker = _open.get((getattr(request, "id", None), get_ident()))
    if tracker is not None:
        cause = getattr(reason, "exc", None) or reason  # Celery's Retry carries the exception that caused it
        tracker.set_message(retry_reason=type(cause).__name__ if isinstance(cause, BaseException) else str(cause))
