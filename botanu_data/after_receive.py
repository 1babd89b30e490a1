"""The work a consumer does after a poll, attributed to the run of the messages it received.

A poll-style client (Kafka's ``poll``/``consume``) hands the application its messages and returns; the
application then processes them outside any span of the helper's. ``WorkAfterReceive`` makes the messages'
producer context current from the poll's return until the next poll, ``close()``, or whatever unwinds it first
(opentelemetry-instrumentation-confluent-kafka keeps its span current over the same stretch), so the consumer's
database statements and storage calls count under the producer's ``botanu.workflow`` with no code of the
application's:

- one message: its context, the producer's span as the remote parent and its baggage (the run) on top of the
  current context, as ``extract_context(headers, current)`` gives;
- several: only the run's baggage, when every message carries the same baggage (nothing when they differ);
- inside a run of the consumer's own (``use_case``), nothing: the consumer's run wins, as in a ``process`` span.

Per thread: a poll on one thread does not change another's context. The next poll undoes it only if the
context it made is still the current one; one that was unwound already (a ``with`` block around the poll that
has ended) is left alone, so a stale context is never restored.
"""

from __future__ import annotations

from collections.abc import Sequence
from threading import get_ident
from typing import Any

from opentelemetry import baggage
from opentelemetry.context import Context

from .attribution import NO_RUN, run_attributes
from .messaging import extract_context
from .sdk_shortcuts import attach_context, current_context, detach_context
from .spans import report_fault


class WorkAfterReceive:
    """One consumer's context for the work after its last receive, per thread; see the module's docstring."""

    __slots__ = ("_attached",)

    def __init__(self) -> None:
        self._attached: dict[int, tuple[Any, Context]] = {}  # thread -> (attach token, the context attached)

    def enter(self, carriers: Sequence[Any]) -> None:
        """After a receive that returned messages: make their producers' context current (their headers)."""
        try:
            self.leave()
            current = current_context()
            if not carriers or run_attributes(current) is not NO_RUN:
                return
            made = _context_of(carriers, current)
            if made is not current:
                self._attached[get_ident()] = (attach_context(made), made)
        except Exception:
            report_fault("work after receive")

    def leave(self) -> None:
        """Before the next receive, and on close: undo this thread's ``enter``, if its context is still current."""
        try:
            attached = self._attached.pop(get_ident(), None)
            if attached is not None and current_context() is attached[1]:
                detach_context(attached[0])
        except Exception:
            report_fault("work after receive")


def _context_of(carriers: Sequence[Any], current: Context) -> Context:
    if len(carriers) == 1:
        return extract_context(carriers[0], current)
    entries = [baggage.get_all(extract_context(carrier)) for carrier in carriers]
    first = entries[0]
    if not first or any(other != first for other in entries[1:]):
        return current
    made = current
    for key, value in first.items():
        made = baggage.set_baggage(key, value, made)
    return made


__all__ = ["WorkAfterReceive"]
